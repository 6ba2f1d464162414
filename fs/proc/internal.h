/*
 * fs/proc/internal.h - what fs/proc/root.c (the /proc directory, system-wide files),
 * fs/proc/base.c (the /proc/PID directories) and fs/proc/task_mmu.c (their memory views) share.
 *
 * /proc's inodes are made on demand by lookup and freed at their last iput; nothing in
 * /proc is stored. An inode's number says where it is: PROC_INO_BASE | pid << 8 | index
 * (pid 0 for the files directly in /proc), and i_private points at its static proc_entry.
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
	const struct file_operations *fops;	/* files without show (pagemap) */
};

static inline unsigned long proc_ino(pid_t pid, unsigned int index)
{
	return PROC_INO_BASE | ((unsigned long)pid << 8) | index;
}

static inline pid_t proc_inode_pid(const struct inode *inode)
{
	return (pid_t)((inode->i_ino & ~PROC_INO_BASE) >> 8);
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

/* fs/proc/task_mmu.c: a process's memory, as Linux shows it. */
struct mm_struct;
/* maps_show - /proc/PID/maps: the task's VMAs (nothing for a task without an mm). */
size_t maps_show(char *buf, size_t size, struct task_struct *task);
/* task_mem - the Vm and Rss lines of /proc/PID/status for @mm into @buf; returns the length. */
size_t task_mem(struct mm_struct *mm, char *buf, size_t size);
/* /proc/PID/pagemap. */
extern const struct file_operations proc_pagemap_operations;

#endif
