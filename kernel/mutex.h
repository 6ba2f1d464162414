/*
 * kernel/mutex.h - a sleeping lock (Linux's struct mutex, in miniature).
 *
 * Faultline runs one CPU and never preempts kernel code, so code that does not sleep needs no
 * lock at all. A mutex is for the sections that do sleep half-way - a file system's update
 * that reads a block from the disk between two changes - and must keep other tasks out until
 * they are whole. A task that finds the mutex held sleeps on its wait queue; unlock wakes the
 * sleepers and the first to run takes it.
 *
 * Rules: the holder may sleep, but never takes the same mutex again (no recursion); the
 * killable form is for callers that can fail with -EINTR; mutex_lock() is for paths that
 * cannot fail (eviction, write-back), whose holders always finish in bounded time.
 */
#ifndef FAULTLINE_MUTEX_H
#define FAULTLINE_MUTEX_H

#include "kernel/wait.h"
#include "kernel/panic.h"

struct mutex {
	struct task_struct *owner;	/* NULL: free */
	struct wait_queue_head wait;
};

/* no_stop - a __wait_event stop test that never gives up. */
static inline bool no_stop(struct task_struct *task)
{
	(void)task;
	return false;
}

/* mutex_init - make @lock a free mutex. */
static inline void mutex_init(struct mutex *lock)
{
	lock->owner = NULL;
	init_waitqueue_head(&lock->wait);
}

/* mutex_lock_killable - take @lock, sleeping while another task holds it. 0, or -EINTR if
 * SIGKILL arrived while waiting (the lock is not held then). */
static inline int mutex_lock_killable(struct mutex *lock)
{
	int err;

	if (lock->owner == current)
		panic("mutex_lock: %s[%d] takes a mutex it holds", current->comm, current->pid);
	err = wait_event_killable(lock->wait, lock->owner == NULL);
	if (!err)
		lock->owner = current;
	return err;
}

/* mutex_lock - take @lock, sleeping (without a way out) while another task holds it. */
static inline void mutex_lock(struct mutex *lock)
{
	if (lock->owner == current)
		panic("mutex_lock: %s[%d] takes a mutex it holds", current->comm, current->pid);
	__wait_event(lock->wait, lock->owner == NULL, no_stop, 0);
	lock->owner = current;
}

/* mutex_unlock - give @lock up and wake its waiters. */
static inline void mutex_unlock(struct mutex *lock)
{
	lock->owner = NULL;
	wake_up(&lock->wait);
}

/* mutex_is_locked - is @lock held (by anyone)? */
static inline bool mutex_is_locked(const struct mutex *lock)
{
	return lock->owner != NULL;
}

#endif
