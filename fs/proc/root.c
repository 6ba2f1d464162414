/*
 * fs/proc/root.c - /proc (Linux's fs/proc): files whose contents the kernel writes when they are
 * opened. /proc/meminfo, /proc/buddyinfo and /proc/uptime show the memory system's state;
 * /proc/PID (fs/proc_pid.c) shows a process's; /proc/self is the reader's own /proc/PID.
 *
 * A generated file is produced whole at open (and again at a read from offset 0 after an
 * earlier read, as Linux's seq_file) into a kmalloc'ed buffer (file->private_data),
 * so that a reader sees one consistent snapshot however it splits its reads; reads copy from
 * it at f_pos, and release frees it. Nothing is cached: the next open generates afresh.
 */
#include "fs/proc/proc.h"
#include "fs/proc/internal.h"
#include "fs/pagemap.h"
#include "fs/inode.h"
#include "fs/namei.h"
#include "fs/ramfs.h"
#include "fs/mount.h"
#include "fs/readdir.h"
#include "mm/page_alloc.h"
#include "mm/pgtable.h"
#include "mm/vmalloc.h"
#include "mm/vmstat.h"
#include "mm/lru.h"
#include "mm/swap.h"
#include "mm/debug_vm.h"
#include "mm/slab.h"
#include "kernel/errno.h"
#include "kernel/err.h"
#include "kernel/time.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"

#define PROC_TEXT_MAX	(1UL << 20)	/* the largest generated file */

struct proc_text {
	size_t len;
	bool read;			/* read from since it was made (a read at 0 makes it again) */
	char data[];
};

struct inode *proc_root;
static struct inode *proc_parent;	/* where /proc/.. leads */

struct task_struct *proc_task(const struct inode *inode)
{
	pid_t pid = proc_inode_pid(inode);

	return pid ? find_task_by_pid(pid) : NULL;
}

/*
 * proc_text_generate - the file's text in a kmalloc'ed buffer: try a page, and double the
 * buffer while the text does not fit. ERR_PTR(-ESRCH) if the process has exited, -ENOMEM.
 * The task is looked up again after every allocation: kmalloc and a show that reads the
 * process's memory may sleep, and the process may be reaped meanwhile.
 */
static struct proc_text *proc_text_generate(struct inode *inode)
{
	const struct proc_entry *e = inode->i_private;
	size_t size = PAGE_SIZE - sizeof(struct proc_text), len;
	struct task_struct *task;
	struct proc_text *text;

	for (;;) {
		text = kmalloc(sizeof(*text) + size, GFP_KERNEL);
		if (!text)
			return ERR_PTR(-ENOMEM);
		task = proc_task(inode);
		if (proc_inode_pid(inode) && !task) {
			kfree(text);
			return ERR_PTR(-ESRCH);
		}
		len = e->show(text->data, size, task);
		if (len + 1 < size || size >= PROC_TEXT_MAX)
			break;
		kfree(text);
		size = 2 * (size + sizeof(*text)) - sizeof(*text);
	}
	text->len = min(len, size - 1);
	text->read = false;
	return text;
}

/* proc_text_open - generate the file into file->private_data. 0, -ESRCH or -ENOMEM. */
static int proc_text_open(struct inode *inode, struct file *file)
{
	struct proc_text *text = proc_text_generate(inode);

	if (IS_ERR(text))
		return (int)PTR_ERR(text);
	file->private_data = text;
	return 0;
}

/*
 * proc_text_read - copy the text from *@pos. Bytes copied, 0 at its end, -EFAULT. A read from
 * offset 0 after an earlier read generates the text afresh, as Linux's seq_file starts over:
 * a program that rewinds /proc/self/status (or preads it at 0) sees today's values.
 */
static ssize_t proc_text_read(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
	struct proc_text *text = file->private_data;
	size_t n, left;

	if (*pos < 0)
		return -EINVAL;
	if (*pos == 0 && text->read) {
		struct proc_text *fresh = proc_text_generate(file->f_inode);

		if (IS_ERR(fresh))
			return PTR_ERR(fresh);
		kfree(text);
		file->private_data = text = fresh;
	}
	text->read = true;
	if ((size_t)*pos >= text->len || !count)
		return 0;
	n = min(count, text->len - (size_t)*pos);
	left = copy_to_user(buf, text->data + *pos, n);
	if (left == n)
		return -EFAULT;
	*pos += (loff_t)(n - left);
	return (ssize_t)(n - left);
}

/* proc_text_release - free the text generated at open. */
static void proc_text_release(struct inode *inode, struct file *file)
{
	(void)inode;
	kfree(file->private_data);
}

static const struct file_operations proc_text_fops = {
	.open = proc_text_open,
	.read = proc_text_read,
	.release = proc_text_release,
};

struct inode *proc_make_inode(const struct proc_entry *e, unsigned long ino)
{
	struct inode *inode = new_inode(e->mode);

	if (!inode)
		return NULL;
	inode->i_ino = ino;
	inode->i_private = (void *)e;
	inode->i_mapping = NULL;		/* generated, not cached */
	inode->i_fop = e->show ? &proc_text_fops : e->fops;
	if (e->iops)
		inode->i_op = e->iops;
	if (S_ISDIR(e->mode))
		inode->i_nlink = 2;
	return inode;
}

unsigned char proc_entry_dtype(const struct proc_entry *e)
{
	if (S_ISDIR(e->mode))
		return DT_DIR;
	if (S_ISLNK(e->mode))
		return DT_LNK;
	return DT_REG;
}

struct inode *proc_dir_lookup(const struct proc_entry *entries, unsigned int n,
			      unsigned int first_index, const char *name, size_t len)
{
	for (unsigned int i = 0; i < n; i++)
		if (strlen(entries[i].name) == len && memcmp(entries[i].name, name, len) == 0)
			return proc_make_inode(&entries[i], proc_ino(0, first_index + i));
	return NULL;
}

long proc_dir_readdir(struct file *file, void __user *dirent, size_t count,
		      const struct proc_entry *entries, unsigned int n, unsigned int first_index,
		      unsigned long parent_ino)
{
	struct dir_context ctx;

	dir_context_init(&ctx, dirent, count);
	while (file->f_pos >= 0 && file->f_pos < (loff_t)(2 + n)) {
		loff_t pos = file->f_pos;
		const struct proc_entry *e = &entries[pos < 2 ? 0 : pos - 2];
		bool ok;

		if (pos == 0)
			ok = dir_emit(&ctx, ".", 1, file->f_inode->i_ino, DT_DIR, 1);
		else if (pos == 1)
			ok = dir_emit(&ctx, "..", 2, parent_ino, DT_DIR, 2);
		else
			ok = dir_emit(&ctx, e->name, strlen(e->name),
				      proc_ino(0, first_index + (unsigned int)pos - 2),
				      proc_entry_dtype(e), pos + 1);
		if (!ok)
			break;
		file->f_pos = pos + 1;
	}
	return dir_emit_result(&ctx);
}

/* --- the system-wide files --- */

/* meminfo_show - /proc/meminfo in Linux's format and order (the lines Faultline keeps).
 * AnonPages and Mapped count the pages some PTE maps (mm/rmap.c); the Active and Inactive
 * lines are the LRU lists (mm/lru.h); SwapTotal, SwapFree and SwapCached come from
 * mm/swapfile.c and mm/swap_state.c. Shmem: shared anonymous memory in RAM (on the anonymous
 * lists, as Linux keeps it). Unevictable: the other page-cache pages on no list (ramfs).
 * MemAvailable is Linux's estimate: free pages above the low watermark, plus the file LRU
 * pages that could be dropped (half of them kept in Linux's formula, and at most the low
 * watermark's worth of them). */
static size_t meminfo_show(char *buf, size_t size, struct task_struct *task)
{
	static const char *const names[] = {
		"MemTotal:", "MemFree:", "MemAvailable:", "Buffers:", "Cached:", "SwapCached:",
		"Active:", "Inactive:", "Active(anon):", "Inactive(anon):", "Active(file):",
		"Inactive(file):", "Unevictable:", "SwapTotal:", "SwapFree:", "Dirty:", "Writeback:",
		"AnonPages:", "Mapped:", "Shmem:", "SReclaimable:", "PageTables:", "VmallocTotal:",
		"VmallocUsed:",
	};
	unsigned long swap_total, swap_free, file_lru, available, low = wmark_pages(WMARK_LOW);
	unsigned long active = lru_pages(LRU_ACTIVE_ANON) + lru_pages(LRU_ACTIVE_FILE);
	unsigned long inactive = lru_pages(LRU_INACTIVE_ANON) + lru_pages(LRU_INACTIVE_FILE);
	unsigned long shmem = global_node_page_state(NR_SHMEM);

	si_swapinfo(&swap_total, &swap_free);
	file_lru = lru_pages(LRU_ACTIVE_FILE) + lru_pages(LRU_INACTIVE_FILE);
	available = nr_free_pages() > low ? nr_free_pages() - low : 0;
	available += file_lru - min(file_lru / 2, low);
	unsigned long kb[ARRAY_SIZE(names)] = {
		totalram_pages() * 4, nr_free_pages() * 4, available * 4, 0,
		nr_pagecache_pages() * 4, total_swapcache_pages() * 4, active * 4, inactive * 4,
		lru_pages(LRU_ACTIVE_ANON) * 4, lru_pages(LRU_INACTIVE_ANON) * 4,
		lru_pages(LRU_ACTIVE_FILE) * 4, lru_pages(LRU_INACTIVE_FILE) * 4,
		(nr_pagecache_pages() > file_lru + shmem ? nr_pagecache_pages() - file_lru - shmem : 0) * 4,
		swap_total * 4, swap_free * 4, global_node_page_state(NR_FILE_DIRTY) * 4,
		global_node_page_state(NR_WRITEBACK) * 4, global_node_page_state(NR_ANON_MAPPED) * 4,
		global_node_page_state(NR_FILE_MAPPED) * 4, shmem * 4, slab_reclaimable_pages() * 4,
		nr_pagetable_pages * 4, (VMALLOC_END - VMALLOC_START + 1) / 1024,
		vmalloc_nr_pages() * 4,
	};
	size_t len = 0;

	(void)task;
	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		len += (size_t)scnprintf(buf + len, size - len, "%-16s%8lu kB\n", names[i], kb[i]);
	return len;
}

/* vmstat_show - /proc/vmstat in Linux's format ("name value" lines, Linux's names and order
 * for the counters Faultline keeps). pgpgin/pgpgout are in KiB, as Linux shows them. */
static size_t vmstat_show(char *buf, size_t size, struct task_struct *task)
{
	unsigned long swap_ra, swap_ra_hit;

	swap_ra_stats(&swap_ra, &swap_ra_hit);
	const struct { const char *name; unsigned long value; } rows[] = {
		{ "nr_free_pages", nr_free_pages() },
		{ "nr_inactive_anon", lru_pages(LRU_INACTIVE_ANON) },
		{ "nr_active_anon", lru_pages(LRU_ACTIVE_ANON) },
		{ "nr_inactive_file", lru_pages(LRU_INACTIVE_FILE) },
		{ "nr_active_file", lru_pages(LRU_ACTIVE_FILE) },
		{ "nr_anon_pages", global_node_page_state(NR_ANON_MAPPED) },
		{ "nr_mapped", global_node_page_state(NR_FILE_MAPPED) },
		{ "nr_file_pages", nr_pagecache_pages() + total_swapcache_pages() },
		{ "nr_dirty", global_node_page_state(NR_FILE_DIRTY) },
		{ "nr_writeback", global_node_page_state(NR_WRITEBACK) },
		{ "nr_shmem", global_node_page_state(NR_SHMEM) },
		{ "nr_page_table_pages", nr_pagetable_pages },
		{ "nr_swapcached", total_swapcache_pages() },
		{ "pgpgin", vm_events[PGPGIN] / 2 },
		{ "pgpgout", vm_events[PGPGOUT] / 2 },
		{ "workingset_refault_anon", vm_events[WORKINGSET_REFAULT_ANON] },
		{ "workingset_activate_anon", vm_events[WORKINGSET_ACTIVATE_ANON] },
		{ "pswpin", vm_events[PSWPIN] },
		{ "pswpout", vm_events[PSWPOUT] },
		{ "pgfault", vm_events[PGFAULT] },
		{ "pgmajfault", vm_events[PGMAJFAULT] },
		{ "pgactivate", vm_events[PGACTIVATE] },
		{ "pgdeactivate", vm_events[PGDEACTIVATE] },
		{ "pgrefill", vm_events[PGREFILL] },
		{ "pgsteal_kswapd", vm_events[PGSTEAL_KSWAPD] },
		{ "pgsteal_direct", vm_events[PGSTEAL_DIRECT] },
		{ "pgscan_kswapd", vm_events[PGSCAN_KSWAPD] },
		{ "pgscan_direct", vm_events[PGSCAN_DIRECT] },
		{ "pgscan_anon", vm_events[PGSCAN_ANON] },
		{ "pgscan_file", vm_events[PGSCAN_FILE] },
		{ "pgsteal_anon", vm_events[PGSTEAL_ANON] },
		{ "pgsteal_file", vm_events[PGSTEAL_FILE] },
		{ "pgrotated", vm_events[PGROTATED] },
		{ "pageoutrun", vm_events[PAGEOUTRUN] },
		{ "allocstall_normal", vm_events[ALLOCSTALL] },
		{ "oom_kill", vm_events[OOM_KILL] },
		{ "swap_ra", swap_ra },
		{ "swap_ra_hit", swap_ra_hit },
	};
	size_t len = 0;

	(void)task;
	for (size_t i = 0; i < ARRAY_SIZE(rows); i++)
		len += (size_t)scnprintf(buf + len, size - len, "%s %lu\n", rows[i].name, rows[i].value);
	return len;
}

/* buddyinfo_show - /proc/buddyinfo: free blocks of each order 0..MAX_ORDER, as Linux. */
static size_t buddyinfo_show(char *buf, size_t size, struct task_struct *task)
{
	size_t len = (size_t)scnprintf(buf, size, "Node 0, zone %8s ", "Normal");

	(void)task;
	for (unsigned int order = 0; order <= MAX_ORDER; order++)
		len += (size_t)scnprintf(buf + len, size - len, "%6lu ", nr_free_blocks(order));
	len += (size_t)scnprintf(buf + len, size - len, "\n");
	return len;
}

/* uptime_show - /proc/uptime: seconds since boot and seconds the CPU has been idle (the
 * ticks the idle task had, kernel/sched.c's cpustat). */
static size_t uptime_show(char *buf, size_t size, struct task_struct *task)
{
	u64 up = ktime_get_ns() / (NSEC_PER_SEC / 100);
	u64 idle_cs = cpustat[CPUTIME_IDLE] / (NSEC_PER_SEC / 100);

	(void)task;
	return (size_t)scnprintf(buf, size, "%lu.%02lu %lu.%02lu\n",
				 (unsigned long)(up / 100), (unsigned long)(up % 100),
				 (unsigned long)(idle_cs / 100), (unsigned long)(idle_cs % 100));
}

/* mmcheck_show - /proc/mmcheck (Faultline's own): run the consistency checker, show its report. */
static size_t mmcheck_show(char *buf, size_t size, struct task_struct *task)
{
	(void)task;
	return mm_check_consistency(buf, size);
}

/* swaps_show_entry - /proc/swaps: the active swap devices (mm/swapfile.c). */
static size_t swaps_show_entry(char *buf, size_t size, struct task_struct *task)
{
	(void)task;
	return swaps_show(buf, size);
}

static const struct proc_entry proc_root_entries[] = {
	{ .name = "meminfo", .mode = S_IFREG | 0444, .show = meminfo_show },
	{ .name = "vmstat", .mode = S_IFREG | 0444, .show = vmstat_show },
	{ .name = "buddyinfo", .mode = S_IFREG | 0444, .show = buddyinfo_show },
	{ .name = "uptime", .mode = S_IFREG | 0444, .show = uptime_show },
	{ .name = "mmcheck", .mode = S_IFREG | 0400, .show = mmcheck_show },
	{ .name = "mounts", .mode = S_IFREG | 0444, .show = mounts_show },
	{ .name = "swaps", .mode = S_IFREG | 0444, .show = swaps_show_entry },
	{ .name = "stat", .mode = S_IFREG | 0444, .show = proc_stat_show },
	{ .name = "loadavg", .mode = S_IFREG | 0444, .show = loadavg_show },
	{ .name = "cpuinfo", .mode = S_IFREG | 0444, .show = cpuinfo_show },
	{ .name = "filesystems", .mode = S_IFREG | 0444, .show = filesystems_show },
	{ .name = "sys", .mode = S_IFDIR | 0555, .fops = &proc_sys_dir_operations,
	  .iops = &proc_sys_dir_inode_operations },
};
#define NR_ROOT_ENTRIES	ARRAY_SIZE(proc_root_entries)
/* readdir positions: 0 ".", 1 "..", then the entries, then "self", then PID_POS + pid. */
#define SELF_POS	(2 + NR_ROOT_ENTRIES)
#define PID_POS		(SELF_POS + 1)

/* name_to_pid - the pid a name like "42" stands for, or 0 (not a number, or leading 0). */
static pid_t name_to_pid(const char *name, size_t len)
{
	unsigned long pid = 0;

	if (len == 0 || len > 9 || name[0] == '0')
		return 0;
	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return 0;
		pid = pid * 10 + (unsigned long)(name[i] - '0');
	}
	return (pid_t)pid;
}

/* proc_root_lookup - i_op->lookup of /proc: "..", a system-wide file, "self" (the caller's
 * process's /proc/PID, decided now) or a live pid (a thread's id too, as Linux, though
 * readdir lists processes only). A new inode (referenced), or NULL. */
static struct inode *proc_root_lookup(struct inode *dir, const char *name, size_t len)
{
	struct inode *inode;
	pid_t pid;

	(void)dir;
	if (len == 2 && name[0] == '.' && name[1] == '.')
		return igrab(proc_parent);
	inode = proc_dir_lookup(proc_root_entries, NR_ROOT_ENTRIES, 1, name, len);
	if (inode)
		return inode;
	if (len == 4 && memcmp(name, "self", 4) == 0)
		pid = task_tgid_nr(current);
	else
		pid = name_to_pid(name, len);
	if (!pid || !find_task_by_pid(pid))
		return NULL;
	return proc_pid_dir(pid);
}

/* next_pid - the smallest process id >= @from of a live process (a thread group leader,
 * not the idle task), or 0. */
static pid_t next_pid(pid_t from)
{
	struct task_struct *task;
	pid_t best = 0;

	list_for_each_entry(task, &task_list, tasks)
		if (thread_group_leader(task) && task->pid >= from && task->pid > 0 &&
		    (!best || task->pid < best))
			best = task->pid;
	return best;
}

/* proc_root_readdir - f_op->iterate of /proc: ".", "..", the files, "self", every pid. */
static long proc_root_readdir(struct file *file, void __user *dirent, size_t count)
{
	struct dir_context ctx;
	char name[16];
	pid_t pid;

	dir_context_init(&ctx, dirent, count);
	while (file->f_pos < (loff_t)PID_POS) {
		loff_t pos = file->f_pos;
		bool ok;

		if (pos == 0)
			ok = dir_emit(&ctx, ".", 1, proc_root->i_ino, DT_DIR, 1);
		else if (pos == 1)
			ok = dir_emit(&ctx, "..", 2, proc_parent->i_ino, DT_DIR, 2);
		else if (pos < (loff_t)SELF_POS)
			ok = dir_emit(&ctx, proc_root_entries[pos - 2].name,
				      strlen(proc_root_entries[pos - 2].name),
				      proc_ino(0, (unsigned int)pos - 1),
				      proc_entry_dtype(&proc_root_entries[pos - 2]), pos + 1);
		else
			ok = dir_emit(&ctx, "self", 4, proc_ino(task_tgid_nr(current), 0), DT_DIR,
				      pos + 1);
		if (!ok)
			return dir_emit_result(&ctx);
		file->f_pos = pos + 1;
	}
	while ((pid = next_pid((pid_t)(file->f_pos - (loff_t)PID_POS))) != 0) {
		int len = scnprintf(name, sizeof(name), "%d", pid);

		if (!dir_emit(&ctx, name, (size_t)len, proc_ino(pid, 0), DT_DIR,
			      (loff_t)PID_POS + pid + 1))
			break;
		file->f_pos = (loff_t)PID_POS + pid + 1;
	}
	return dir_emit_result(&ctx);
}

static const struct inode_operations proc_root_inode_operations = {
	.lookup = proc_root_lookup,
};

static const struct file_operations proc_root_operations = {
	.iterate = proc_root_readdir,
};

static const struct proc_entry proc_root_entry = { .name = "proc", .mode = S_IFDIR | 0555 };

int proc_root_init(struct inode *parent)
{
	int err;

	proc_root = proc_make_inode(&proc_root_entry, proc_ino(0, 0));
	if (!proc_root)
		return -ENOMEM;
	proc_root->i_op = &proc_root_inode_operations;
	proc_root->i_fop = &proc_root_operations;
	proc_parent = parent;
	err = ramfs_link(parent, "proc", 4, proc_root);	/* proc_root keeps its own reference */
	if (err) {
		iput(proc_root);
		proc_root = NULL;
	}
	return err;
}
