/*
 * kernel/tests/rwsem_test.c - self tests of the sleeping reader/writer lock behind
 * mm->mmap_lock (kernel/rwsem.c): readers share it, a writer excludes everyone, a waiting
 * writer holds new readers back, and a task with SIGKILL pending gets -EINTR instead of
 * sleeping on a held lock, but still takes a free one.
 */
#include "kernel/selftest.h"
#include "kernel/rwsem.h"
#include "kernel/sched.h"
#include "kernel/signal.h"

KTEST(rwsem_readers_share_writer_excludes)
{
	struct rw_semaphore sem;

	init_rwsem(&sem);
	KEXPECT_EQ(t, down_read_killable(&sem), 0);
	KEXPECT_EQ(t, down_read_killable(&sem), 0);
	KEXPECT(t, down_read_trylock(&sem));
	KEXPECT_EQ(t, sem.count, 3);
	up_read(&sem);
	up_read(&sem);
	up_read(&sem);
	KEXPECT_EQ(t, sem.count, 0);

	KEXPECT_EQ(t, down_write_killable(&sem), 0);
	KEXPECT(t, rwsem_is_write_locked_by(&sem, current));
	KEXPECT(t, !down_read_trylock(&sem));
	up_write(&sem);
	KEXPECT(t, !rwsem_is_write_locked_by(&sem, current));
	KEXPECT(t, down_read_trylock(&sem));
	up_read(&sem);

	sem.waiting_writers = 1;		/* as if a writer slept in down_write_killable */
	KEXPECT(t, !down_read_trylock(&sem));
	sem.waiting_writers = 0;
}

KTEST(rwsem_sigkill_ends_the_wait)
{
	struct rw_semaphore sem;
	unsigned long saved = current->pending;

	init_rwsem(&sem);
	KASSERT(t, down_read_killable(&sem) == 0);
	current->pending |= sigmask(SIGKILL);	/* the task is being killed */
	KEXPECT_EQ(t, down_write_killable(&sem), -EINTR);	/* held: no sleep */
	KEXPECT_EQ(t, sem.waiting_writers, 0);
	KEXPECT_EQ(t, down_read_killable(&sem), 0);		/* free for readers: taken */
	up_read(&sem);
	up_read(&sem);
	KEXPECT_EQ(t, down_write_killable(&sem), 0);		/* free: taken */
	KEXPECT_EQ(t, down_read_killable(&sem), -EINTR);
	up_write(&sem);
	current->pending = saved;
	KEXPECT_EQ(t, sem.count, 0);
}
