/*
 * fs/proc/base.c - /proc/PID: one directory per live process (Linux's fs/proc/base.c).
 *
 *   maps     its VMAs, one line each - the seed's "VMAs" made visible (fs/proc/task_mmu.c)
 *   pagemap  8 bytes per virtual page: present or swapped, and where (fs/proc/task_mmu.c)
 *   status   name, state, pids and memory sizes (VmSize, VmRSS from the mm's counters)
 *   stat     one line of 52 fields for ps and top (fs/proc/array.c); statm: sizes in pages
 *   cmdline  its argv, NUL-separated, read from the process's own memory
 *   comm     its name
 *   exe      a symbolic link to the program it runs (mm->exe_file's path)
 *   fd/      a symbolic link per open file descriptor (fs/proc/fd.c)
 *
 * The directory's inode is made at each lookup and holds only the pid (in its number); the
 * task is looked up again whenever a file is opened or pagemap is read, so a directory kept
 * open after its process exits just gives -ESRCH or end of file.
 */
#include "fs/proc/internal.h"
#include "fs/readdir.h"
#include "fs/inode.h"
#include "mm/mm_types.h"
#include "mm/mmap.h"
#include "mm/memory.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"
#include "kernel/lib/vsprintf.h"

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

/* status_show - /proc/PID/status: the lines of Linux's that Faultline has (kB from pages).
 * For a thread: Tgid its process's id, Pid its own, PPid its process's parent's; Threads the
 * process's live threads. */
static size_t status_show(char *buf, size_t size, struct task_struct *task)
{
	struct mm_struct *mm = task->mm;
	size_t len;

	len = (size_t)scnprintf(buf, size,
				"Name:\t%s\nUmask:\t0022\nState:\t%s\nTgid:\t%d\nPid:\t%d\n"
				"PPid:\t%d\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n",
				task->comm, task_state_name(task), task_tgid_nr(task), task->pid,
				task_ppid_nr(task));
	if (mm)
		len += task_mem(mm, buf + len, size - len);
	len += (size_t)scnprintf(buf + len, size - len, "Threads:\t%d\n", get_nr_threads(task));
	return len;
}
/*
 * cmdline_show - /proc/PID/cmdline: the bytes of the argument area [arg_start, arg_end) of
 * the process's memory, as Linux reads them (argv's strings, each with its NUL), so what a
 * program wrote over its argv is what shows. Empty for a zombie (no mm) and if the memory
 * cannot be read. The read may fault pages in and sleep: the mm is held (get_task_mm), and
 * access_remote_vm holds its mmap_lock for reading.
 */
static size_t cmdline_show(char *buf, size_t size, struct task_struct *task)
{
	struct mm_struct *mm = get_task_mm(task);
	size_t len;
	long got;

	buf[0] = '\0';
	if (!mm)
		return 0;
	len = mm->arg_end > mm->arg_start ? mm->arg_end - mm->arg_start : 0;
	if (len >= size) {
		mmput(mm);
		return size - 1;		/* too big: the caller retries with a bigger buffer */
	}
	got = len ? access_remote_vm(mm, mm->arg_start, buf, len, false) : 0;
	mmput(mm);
	if (got <= 0)
		return 0;
	buf[got] = '\0';
	return (size_t)got;
}

/* comm_show - /proc/PID/comm: the task's name and a newline. */
static size_t comm_show(char *buf, size_t size, struct task_struct *task)
{
	return (size_t)scnprintf(buf, size, "%s\n", task->comm);
}

/* proc_exe_readlink - i_op->readlink of /proc/PID/exe: the path of the file the process
 * runs. Its length (at most @size), or -ENOENT if the process has gone or runs no file. */
static ssize_t proc_exe_readlink(struct inode *inode, char *buf, size_t size)
{
	struct task_struct *task = proc_task(inode);
	size_t len;

	if (!task || !task->mm || !task->mm->exe_file)
		return -ENOENT;
	len = min(strlen(task->mm->exe_file->f_path), size);
	memcpy(buf, task->mm->exe_file->f_path, len);
	return (ssize_t)len;
}

static const struct inode_operations proc_exe_link_inode_operations = {
	.readlink = proc_exe_readlink,
};

static const struct proc_entry pid_entries[] = {
	{ .name = "maps", .mode = S_IFREG | 0444, .show = maps_show },
	{ .name = "pagemap", .mode = S_IFREG | 0400, .fops = &proc_pagemap_operations },
	{ .name = "status", .mode = S_IFREG | 0444, .show = status_show },
	{ .name = "stat", .mode = S_IFREG | 0444, .show = proc_pid_stat },
	{ .name = "statm", .mode = S_IFREG | 0444, .show = proc_pid_statm },
	{ .name = "cmdline", .mode = S_IFREG | 0444, .show = cmdline_show },
	{ .name = "comm", .mode = S_IFREG | 0644, .show = comm_show },
	{ .name = "exe", .mode = S_IFLNK | 0777, .iops = &proc_exe_link_inode_operations },
	{ .name = "fd", .mode = S_IFDIR | 0500, .fops = &proc_fd_operations,
	  .iops = &proc_fd_inode_operations },
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
				      proc_ino(pid, (unsigned int)pos - 1), proc_entry_dtype(e),
				      pos + 1);
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
