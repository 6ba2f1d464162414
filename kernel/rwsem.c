/*
 * kernel/rwsem.c - the sleeping reader/writer lock (see kernel/rwsem.h). Linux's
 * kernel/locking/rwsem.c does the same with atomics and optimistic spinning for SMP; one
 * non-preemptible CPU needs only the count and a wait queue.
 */
#include "kernel/rwsem.h"
#include "kernel/panic.h"

/* Can a reader enter now? Not while a writer holds the lock or waits for it. */
static bool read_may_enter(const struct rw_semaphore *sem)
{
	return sem->count >= 0 && !sem->waiting_writers;
}

bool down_read_trylock(struct rw_semaphore *sem)
{
	if (!read_may_enter(sem))
		return false;
	sem->count++;
	return true;
}

int down_read_killable(struct rw_semaphore *sem)
{
	int err;

	if (down_read_trylock(sem))
		return 0;		/* the common case: no queueing (every page fault) */
	err = wait_event_killable(sem->wait, read_may_enter(sem));
	if (err)
		return err;
	sem->count++;
	return 0;
}

void up_read(struct rw_semaphore *sem)
{
	if (WARN_ON(sem->count <= 0))
		return;
	if (--sem->count == 0)
		wake_up(&sem->wait);
}

int down_write_killable(struct rw_semaphore *sem)
{
	int err;

	if (sem->count == 0 && !sem->waiting_writers) {
		sem->count = -1;	/* free: no queueing */
		sem->owner = current;
		return 0;
	}
	sem->waiting_writers++;
	err = wait_event_killable(sem->wait, sem->count == 0);
	sem->waiting_writers--;
	if (err) {
		wake_up(&sem->wait);	/* readers held back for this writer may go on */
		return err;
	}
	sem->count = -1;
	sem->owner = current;
	return 0;
}

void up_write(struct rw_semaphore *sem)
{
	if (WARN_ON(sem->count != -1))
		return;
	sem->count = 0;
	sem->owner = NULL;
	wake_up(&sem->wait);
}
