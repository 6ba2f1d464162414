/*
 * fs/proc/proc_sysctl.c - /proc/sys: the kernel's tunables as files (Linux's
 * fs/proc/proc_sysctl.c). Faultline has none to tune, so these are the read-only values that
 * programs look up: the pid limit, the taint flags, the kernel's names, the overcommit
 * policy, reclaim's settings (min_free_kbytes, swappiness, and Faultline's vm.policy). /proc/sys and its subdirectories are static tables (proc_dir_lookup/readdir).
 */
#include "fs/proc/internal.h"
#include "fs/inode.h"
#include "kernel/utsname.h"
#include "mm/lru.h"
#include "mm/vmscan.h"
#include "kernel/errno.h"
#include "kernel/lib/vsprintf.h"

/* Inode numbers: proc_ino(0, index), index from these bases (above /proc's own entries). */
#define SYS_INDEX	0x100		/* /proc/sys/kernel, /proc/sys/vm */
#define KERNEL_INDEX	0x110		/* /proc/sys/kernel/... */
#define VM_INDEX	0x120		/* /proc/sys/vm/... */
#define PID_MAX_DEFAULT	32768		/* Linux's default for a machine with few CPUs */


static size_t pid_max_show(char *buf, size_t size, struct task_struct *task)
{
	(void)task;
	return (size_t)scnprintf(buf, size, "%d\n", PID_MAX_DEFAULT);
}

/* tainted - 0: Faultline taints itself with nothing (no modules, no forced loads). */
static size_t tainted_show(char *buf, size_t size, struct task_struct *task)
{
	(void)task;
	return (size_t)scnprintf(buf, size, "0\n");
}

static size_t ostype_show(char *buf, size_t size, struct task_struct *task)
{
	(void)task;
	return (size_t)scnprintf(buf, size, "%s\n", uts_sysname);
}

static size_t osrelease_show(char *buf, size_t size, struct task_struct *task)
{
	(void)task;
	return (size_t)scnprintf(buf, size, "%s\n", uts_release);
}

static size_t version_show(char *buf, size_t size, struct task_struct *task)
{
	(void)task;
	return (size_t)scnprintf(buf, size, "%s\n", uts_version);
}

static size_t hostname_show(char *buf, size_t size, struct task_struct *task)
{
	(void)task;
	return (size_t)scnprintf(buf, size, "%s\n", uts_nodename);
}

/* overcommit_memory - 0, Linux's heuristic default: Faultline refuses no mmap for lack of
 * memory (pages come at the fault; the OOM killer answers when they run out). */
static size_t overcommit_show(char *buf, size_t size, struct task_struct *task)
{
	(void)task;
	return (size_t)scnprintf(buf, size, "0\n");
}

/* min_free_kbytes - the min watermark in KiB (Linux's tunable; read-only here). */
static size_t min_free_kbytes_show(char *buf, size_t size, struct task_struct *task)
{
	(void)task;
	return (size_t)scnprintf(buf, size, "%lu\n", wmark_pages(WMARK_MIN) * (PAGE_SIZE / 1024));
}

/* swappiness - anonymous pages' scan weight against file pages' (mm/vmscan.c: 60 of 200). */
static size_t swappiness_show(char *buf, size_t size, struct task_struct *task)
{
	(void)task;
	return (size_t)scnprintf(buf, size, "%d\n", VM_SWAPPINESS);
}

/* policy - Faultline's own: the replacement policy vm.policy= chose (lru, clock or fifo). */
static size_t policy_show(char *buf, size_t size, struct task_struct *task)
{
	(void)task;
	return (size_t)scnprintf(buf, size, "%s\n", reclaim_policy_name());
}

static const struct proc_entry kernel_entries[] = {
	{ .name = "hostname", .mode = S_IFREG | 0444, .show = hostname_show },
	{ .name = "osrelease", .mode = S_IFREG | 0444, .show = osrelease_show },
	{ .name = "ostype", .mode = S_IFREG | 0444, .show = ostype_show },
	{ .name = "pid_max", .mode = S_IFREG | 0444, .show = pid_max_show },
	{ .name = "tainted", .mode = S_IFREG | 0444, .show = tainted_show },
	{ .name = "version", .mode = S_IFREG | 0444, .show = version_show },
};

static const struct proc_entry vm_entries[] = {
	{ .name = "min_free_kbytes", .mode = S_IFREG | 0444, .show = min_free_kbytes_show },
	{ .name = "overcommit_memory", .mode = S_IFREG | 0444, .show = overcommit_show },
	{ .name = "policy", .mode = S_IFREG | 0444, .show = policy_show },
	{ .name = "swappiness", .mode = S_IFREG | 0444, .show = swappiness_show },
};

static long sys_readdir(struct file *file, void __user *dirent, size_t count);
static struct inode *sys_lookup(struct inode *dir, const char *name, size_t len);

static const struct inode_operations sys_subdir_iops = { .lookup = sys_lookup };
static const struct file_operations sys_subdir_fops = { .iterate = sys_readdir };

static const struct proc_entry sys_entries[] = {
	{ .name = "kernel", .mode = S_IFDIR | 0555, .fops = &sys_subdir_fops,
	  .iops = &sys_subdir_iops },
	{ .name = "vm", .mode = S_IFDIR | 0555, .fops = &sys_subdir_fops,
	  .iops = &sys_subdir_iops },
};

/* The directories under /proc/sys, by index: their entries and where those are numbered. */
static const struct {
	const struct proc_entry *entries;
	unsigned int n, first_index;
} sys_dirs[] = {
	{ kernel_entries, ARRAY_SIZE(kernel_entries), KERNEL_INDEX },
	{ vm_entries, ARRAY_SIZE(vm_entries), VM_INDEX },
};

/* sys_dir_of - which of sys_dirs directory inode @dir is (its index in sys_entries). */
static unsigned int sys_dir_of(const struct inode *dir)
{
	return proc_inode_index(dir) - SYS_INDEX;
}

/* proc_sys_dir - a new inode (referenced) for /proc/sys itself, or NULL: found by name in
 * /proc, which numbers its own entries. */
static struct inode *proc_sys_dir(void)
{
	return proc_root->i_op->lookup(proc_root, "sys", 3);
}

/* sys_lookup - i_op->lookup of /proc/sys/kernel and /proc/sys/vm: "..", or an entry. */
static struct inode *sys_lookup(struct inode *dir, const char *name, size_t len)
{
	unsigned int d = sys_dir_of(dir);

	if (len == 2 && name[0] == '.' && name[1] == '.')
		return proc_sys_dir();
	return proc_dir_lookup(sys_dirs[d].entries, sys_dirs[d].n, sys_dirs[d].first_index,
			       name, len);
}

static long sys_readdir(struct file *file, void __user *dirent, size_t count)
{
	unsigned int d = sys_dir_of(file->f_inode);
	struct inode *parent = proc_sys_dir();
	long ret;

	if (!parent)
		return -ENOMEM;
	ret = proc_dir_readdir(file, dirent, count, sys_dirs[d].entries, sys_dirs[d].n,
			       sys_dirs[d].first_index, parent->i_ino);
	iput(parent);
	return ret;
}

/* proc_sys_lookup - i_op->lookup of /proc/sys: "..", "kernel" or "vm". */
static struct inode *proc_sys_lookup(struct inode *dir, const char *name, size_t len)
{
	(void)dir;
	if (len == 2 && name[0] == '.' && name[1] == '.')
		return igrab(proc_root);
	return proc_dir_lookup(sys_entries, ARRAY_SIZE(sys_entries), SYS_INDEX, name, len);
}

static long proc_sys_readdir(struct file *file, void __user *dirent, size_t count)
{
	return proc_dir_readdir(file, dirent, count, sys_entries, ARRAY_SIZE(sys_entries),
				SYS_INDEX, proc_root->i_ino);
}

const struct inode_operations proc_sys_dir_inode_operations = { .lookup = proc_sys_lookup };
const struct file_operations proc_sys_dir_operations = { .iterate = proc_sys_readdir };
