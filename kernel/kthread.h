/*
 * kernel/kthread.h - kernel threads (Linux's kthread_run, in miniature).
 *
 * A kernel thread is a task with no address space of its own and no user mode: it runs one
 * kernel function on its own kernel stack, sleeps and is scheduled like any task, and borrows
 * whatever page tables were loaded (their kernel half is the same everywhere). It is not a
 * process: not in the task list, so no signal, wait4 or /proc sees it; its function never
 * returns. Faultline's one user is the write-back flusher (fs/fs-writeback.c).
 */
#ifndef FAULTLINE_KTHREAD_H
#define FAULTLINE_KTHREAD_H

#include "kernel/sched.h"

/* kthread_run - start a kernel thread named @name running @fn(@arg), which must never
 * return. Returns the task, or NULL without memory. */
struct task_struct *kthread_run(void (*fn)(void *arg), void *arg, const char *name);

/* alloc_pid - the next process id (kernel/fork.c). */
pid_t alloc_pid(void);

#endif
