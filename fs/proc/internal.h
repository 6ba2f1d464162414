/*
 * fs/proc/internal.h - what fs/proc/root.c (the /proc directory, system-wide files),
 * fs/proc/base.c (the /proc/PID directories) and fs/proc/task_mmu.c (their memory views) share.
 *
 * /proc's inodes are made on demand by lookup and freed at their last iput; nothing in
 * /proc is stored. An inode's number says where it is: PROC_INO_BASE | pid << 16 | index
 * (pid 0 for the files directly in /proc; index PROC_FD_INDEX + fd for /proc/PID/fd/N), and
 * i_private points at its static proc_entry.
 */
#ifndef FAULTLINE_FS_PROC_INTERNAL_H
#define FAULTLINE_FS_PROC_INTERNAL_H

#include "fs/fs.h"
#include "kernel/sched.h"

/* kernel/sched.c: every task but the idle task, in fork order (also declared by kernel/fork.c
 * and kernel/init.c; kernel/sched.h does not export it). */
extern struct list_head task_list;

#define PROC_INO_BASE	(1UL << 48)	/* above every ramfs inode number */

struct proc_entry {
	const char *name;
	umode_t mode;
	/*
	 * show - write the file's text for @task (NULL in /proc itself) into @buf of @size bytes,
	 * NUL-terminated; return its length. A length of size - 1 or more means "did not fit":
	 * the caller retries with a bigger buffer.
	 */
	size_t (*show)(char *buf, size_t size, struct task_struct *task);
	const struct file_operations *fops;	/* files without show (pagemap), directories */
	const struct inode_operations *iops;	/* directories (lookup), symlinks (readlink) */
};

/* proc_entry_dtype - the DT_* type readdir reports for @e (from its mode). */
unsigned char proc_entry_dtype(const struct proc_entry *e);

#define PROC_FD_INDEX	0x8000		/* /proc/PID/fd/N: index PROC_FD_INDEX + N */
#define PROC_FD_MAX	0x7fff

static inline unsigned long proc_ino(pid_t pid, unsigned int index)
{
	return PROC_INO_BASE | ((unsigned long)pid << 16) | index;
}

static inline pid_t proc_inode_pid(const struct inode *inode)
{
	return (pid_t)((inode->i_ino & ~PROC_INO_BASE) >> 16);
}

static inline unsigned int proc_inode_index(const struct inode *inode)
{
	return (unsigned int)(inode->i_ino & 0xffff);
}

/* proc_task - the live task an inode under /proc/PID belongs to, or NULL (gone, or not a
 * per-process inode). */
struct task_struct *proc_task(const struct inode *inode);

/*
 * proc_make_inode - a new /proc inode for file @e with number @ino: a file with @e->show gets
 * the generated-text operations, one without gets @e->fops. Returns it (one reference) or
 * NULL if out of memory.
 */
struct inode *proc_make_inode(const struct proc_entry *e, unsigned long ino);

/* proc_root - the /proc directory ("..": of every /proc/PID). */
extern struct inode *proc_root;

/* proc_pid_dir - a new inode for the directory /proc/@pid (one reference), or NULL. */
struct inode *proc_pid_dir(pid_t pid);

/*
 * proc_dir_lookup / proc_dir_readdir - a directory of @n static @entries (i_op->lookup and
 * f_op->iterate of /proc/sys and its subdirectories, fs/proc/proc_sysctl.c): entry i gets
 * inode number proc_ino(0, @first_index + i); ".." is @parent_ino's directory.
 */
struct inode *proc_dir_lookup(const struct proc_entry *entries, unsigned int n,
			      unsigned int first_index, const char *name, size_t len);
long proc_dir_readdir(struct file *file, void __user *dirent, size_t count,
		      const struct proc_entry *entries, unsigned int n, unsigned int first_index,
		      unsigned long parent_ino);

/* The system-wide files, each in its own file as in Linux's fs/proc/. */
size_t proc_stat_show(char *buf, size_t size, struct task_struct *task);	/* stat.c */
size_t loadavg_show(char *buf, size_t size, struct task_struct *task);		/* loadavg.c */
size_t cpuinfo_show(char *buf, size_t size, struct task_struct *task);		/* cpuinfo.c */
size_t filesystems_show(char *buf, size_t size, struct task_struct *task);	/* filesystems.c */
extern const struct inode_operations proc_sys_dir_inode_operations;		/* proc_sysctl.c */
extern const struct file_operations proc_sys_dir_operations;

/* fs/proc/array.c: /proc/PID/stat and /proc/PID/statm (Linux's fs/proc/array.c). */
size_t proc_pid_stat(char *buf, size_t size, struct task_struct *task);
size_t proc_pid_statm(char *buf, size_t size, struct task_struct *task);

/* fs/proc/fd.c: the /proc/PID/fd directory. */
extern const struct inode_operations proc_fd_inode_operations;
extern const struct file_operations proc_fd_operations;

/* fs/proc/task_mmu.c: a process's memory, as Linux shows it. */
struct mm_struct;
/* maps_show - /proc/PID/maps: the task's VMAs (nothing for a task without an mm). */
size_t maps_show(char *buf, size_t size, struct task_struct *task);
/* task_mem - the Vm and Rss lines of /proc/PID/status for @mm into @buf; returns the length. */
size_t task_mem(struct mm_struct *mm, char *buf, size_t size);
/*
 * task_statm - @mm's sizes in pages, as /proc/PID/statm gives them: *@shared (file and shmem
 * pages mapped), *@text (the program's code), *@data (private writable memory and the stack),
 * *@resident; returns the total size (VmSize in pages).
 */
unsigned long task_statm(struct mm_struct *mm, unsigned long *shared, unsigned long *text,
			 unsigned long *data, unsigned long *resident);
/* /proc/PID/pagemap. */
extern const struct file_operations proc_pagemap_operations;

#endif
