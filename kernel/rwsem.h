/*
 * kernel/rwsem.h - a sleeping reader/writer lock (Linux's struct rw_semaphore).
 *
 * Many readers or one writer hold it. A task that cannot have it sleeps on the lock's wait
 * queue; every sleep here is killable, so a task stuck behind a holder still dies of SIGKILL.
 * Waiting writers hold new readers back, so a stream of page faults cannot starve an mmap.
 *
 * Faultline runs one CPU and never preempts kernel code, so the count needs no atomics: a
 * task tests and takes the lock with no schedule point in between. The lock matters across
 * the places where a holder may sleep (an allocation, disk I/O, cond_resched()).
 */
#ifndef FAULTLINE_RWSEM_H
#define FAULTLINE_RWSEM_H

#include "kernel/wait.h"

struct rw_semaphore {
	long count;			/* > 0: that many readers; -1: one writer; 0: free */
	int waiting_writers;		/* writers asleep in down_write_killable */
	struct task_struct *owner;	/* the writer holding it (for deadlock reports), or NULL */
	struct wait_queue_head wait;	/* readers and writers waiting */
};

/* init_rwsem - make @sem free with nobody waiting. */
static inline void init_rwsem(struct rw_semaphore *sem)
{
	sem->count = 0;
	sem->waiting_writers = 0;
	sem->owner = NULL;
	init_waitqueue_head(&sem->wait);
}

/* down_read_killable - take @sem for reading, sleeping while a writer holds or waits for it.
 * 0, or -EINTR if SIGKILL came first (the lock is then not held). */
int down_read_killable(struct rw_semaphore *sem);
/* down_read_trylock - take @sem for reading if that needs no sleep: true if taken. */
bool down_read_trylock(struct rw_semaphore *sem);
/* up_read - give back a read hold; the last reader wakes the waiters. */
void up_read(struct rw_semaphore *sem);
/* down_write_killable - take @sem for writing, sleeping until nobody holds it. 0, or -EINTR
 * if SIGKILL came first (not held). */
int down_write_killable(struct rw_semaphore *sem);
/* up_write - give back the write hold and wake the waiters. */
void up_write(struct rw_semaphore *sem);

/* rwsem_is_write_locked_by - does @task hold @sem for writing? */
static inline bool rwsem_is_write_locked_by(const struct rw_semaphore *sem,
					    const struct task_struct *task)
{
	return sem->count < 0 && sem->owner == task;
}

#endif
