/*
 * fs/proc_pid.c - /proc/PID: one directory per live process (Linux's fs/proc/base.c).
 *
 *   maps     its VMAs, one line each (show_maps, mm/mmap.c) - the seed's "VMAs" made visible
 *   pagemap  8 bytes per virtual page: present bit and page frame number (pagemap_entry),
 *            computed for the pages actually read, since the file spans the whole user space
 *   status   name, state, pids and memory sizes (VmSize, VmRSS from the mm's counters)
 *
 * The directory's inode is made at each lookup and holds only the pid (in its number); the
 * task is looked up again whenever a file is opened or pagemap is read, so a directory kept
 * open after its process exits just gives -ESRCH or end of file.
 */
#include "fs/proc_internal.h"
#include "fs/readdir.h"
#include "fs/inode.h"
#include "mm/mm_types.h"
#include "mm/mmap.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"

#define PM_ENTRY_BYTES	sizeof(u64)

/* maps_show - /proc/PID/maps: the task's VMAs (nothing for a task without an mm). */
static size_t maps_show(char *buf, size_t size, struct task_struct *task)
{
	if (!task->mm) {
		buf[0] = '\0';
		return 0;
	}
	return show_maps(task->mm, buf, size);
}

/* task_state_name - the State: line's value for @task, in Linux's words. */
static const char *task_state_name(const struct task_struct *task)
{
	switch (task->state) {
	case TASK_RUNNING:		return "R (running)";
	case TASK_INTERRUPTIBLE:	return "S (sleeping)";
	case TASK_ZOMBIE:		return "Z (zombie)";
	default:			return "X (dead)";
	}
}

/* status_show - /proc/PID/status: the lines of Linux's that Faultline has (kB from pages). */
static size_t status_show(char *buf, size_t size, struct task_struct *task)
{
	struct mm_struct *mm = task->mm;
	size_t len;

	len = (size_t)scnprintf(buf, size,
				"Name:\t%s\nUmask:\t0022\nState:\t%s\nTgid:\t%d\nPid:\t%d\n"
				"PPid:\t%d\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n",
				task->comm, task_state_name(task), task->pid, task->pid,
				task->parent ? task->parent->pid : 0);
	if (mm)
		len += (size_t)scnprintf(buf + len, size - len,
					 "VmSize:\t%8lu kB\nVmRSS:\t%8lu kB\nRssAnon:\t%8lu kB\n"
					 "RssFile:\t%8lu kB\nVmPTE:\t%8lu kB\n",
					 mm->total_vm * 4, (mm->rss_anon + mm->rss_file) * 4,
					 mm->rss_anon * 4, mm->rss_file * 4, mm->nr_ptes * 4);
	len += (size_t)scnprintf(buf + len, size - len, "Threads:\t1\n");
	return len;
}

/* pagemap_open - the process must still exist: 0 or -ESRCH. */
static int pagemap_open(struct inode *inode, struct file *file)
{
	(void)file;
	return proc_task(inode) ? 0 : -ESRCH;
}

/*
 * pagemap_read - the entries of the pages [*pos / 8, ...) of the task's address space, each
 * 8 bytes (Linux's format: bit 63 present, bits 0-54 the PFN). Position and count must be
 * multiples of 8 (-EINVAL). Returns the bytes read, 0 past the end of user space or once the
 * process has gone, or -EFAULT.
 */
static ssize_t pagemap_read(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
	unsigned long vpn, end_vpn = TASK_SIZE >> PAGE_SHIFT;
	struct task_struct *task = NULL;
	u64 batch[64];
	size_t done = 0;

	if (*pos < 0 || (*pos % PM_ENTRY_BYTES) || (count % PM_ENTRY_BYTES))
		return -EINVAL;
	vpn = (unsigned long)*pos / PM_ENTRY_BYTES;
	while (done < count && vpn < end_vpn) {
		size_t n = min(min((count - done) / PM_ENTRY_BYTES, ARRAY_SIZE(batch)),
			       (size_t)(end_vpn - vpn));
		size_t left;

		/* Looked up per batch: a long read gives the CPU away in between (Linux's
		 * cond_resched), and the process may exit meanwhile. */
		task = proc_task(file->f_inode);
		if (!task || !task->mm)
			break;
		for (size_t i = 0; i < n; i++)
			batch[i] = pagemap_entry(task->mm, (vpn + i) << PAGE_SHIFT);
		left = copy_to_user(buf + done, batch, n * PM_ENTRY_BYTES);
		n = (n * PM_ENTRY_BYTES - left) / PM_ENTRY_BYTES;	/* whole entries copied */
		done += n * PM_ENTRY_BYTES;
		vpn += n;
		if (left)
			break;
		if (need_resched)
			schedule();
	}
	if (!done && count && vpn < end_vpn && task && task->mm)
		return -EFAULT;
	*pos += (loff_t)done;
	return (ssize_t)done;
}

static const struct file_operations proc_pagemap_operations = {
	.open = pagemap_open,
	.read = pagemap_read,
};

static const struct proc_entry pid_entries[] = {
	{ .name = "maps", .mode = S_IFREG | 0444, .show = maps_show },
	{ .name = "pagemap", .mode = S_IFREG | 0400, .fops = &proc_pagemap_operations },
	{ .name = "status", .mode = S_IFREG | 0444, .show = status_show },
};

/* proc_pid_lookup - i_op->lookup of /proc/PID: "..", or one of its files while the process
 * lives. A new inode (referenced), or NULL. */
static struct inode *proc_pid_lookup(struct inode *dir, const char *name, size_t len)
{
	pid_t pid = proc_inode_pid(dir);

	if (len == 2 && name[0] == '.' && name[1] == '.')
		return igrab(proc_root);
	if (!find_task_by_pid(pid))
		return NULL;
	for (unsigned int i = 0; i < ARRAY_SIZE(pid_entries); i++)
		if (strlen(pid_entries[i].name) == len &&
		    memcmp(pid_entries[i].name, name, len) == 0)
			return proc_make_inode(&pid_entries[i], proc_ino(pid, i + 1));
	return NULL;
}

/* proc_pid_readdir - f_op->iterate of /proc/PID: ".", "..", then its files (positions 2...). */
static long proc_pid_readdir(struct file *file, void __user *dirent, size_t count)
{
	struct inode *dir = file->f_inode;
	pid_t pid = proc_inode_pid(dir);
	struct dir_context ctx;

	dir_context_init(&ctx, dirent, count);
	while (file->f_pos < (loff_t)(2 + ARRAY_SIZE(pid_entries))) {
		loff_t pos = file->f_pos;
		const struct proc_entry *e = &pid_entries[pos < 2 ? 0 : pos - 2];
		bool ok;

		if (pos == 0)
			ok = dir_emit(&ctx, ".", 1, dir->i_ino, DT_DIR, 1);
		else if (pos == 1)
			ok = dir_emit(&ctx, "..", 2, proc_root->i_ino, DT_DIR, 2);
		else
			ok = dir_emit(&ctx, e->name, strlen(e->name),
				      proc_ino(pid, (unsigned int)pos - 1), DT_REG, pos + 1);
		if (!ok)
			break;
		file->f_pos = pos + 1;
	}
	return dir_emit_result(&ctx);
}

static const struct inode_operations proc_pid_inode_operations = {
	.lookup = proc_pid_lookup,
};

static const struct file_operations proc_pid_operations = {
	.iterate = proc_pid_readdir,
};

static const struct proc_entry pid_dir_entry = { .name = "PID", .mode = S_IFDIR | 0555 };

struct inode *proc_pid_dir(pid_t pid)
{
	struct inode *inode = proc_make_inode(&pid_dir_entry, proc_ino(pid, 0));

	if (inode) {
		inode->i_op = &proc_pid_inode_operations;
		inode->i_fop = &proc_pid_operations;
	}
	return inode;
}
