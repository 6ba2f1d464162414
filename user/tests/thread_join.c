/*
 * thread_join - musl's pthread_create makes threads (clone with CLONE_VM | CLONE_FS |
 * CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS |
 * CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID): each thread sees the process id of the main
 * thread from getpid() and its own thread id from gettid(); pthread_join returns each
 * thread's value (the kernel zeroes the thread's tid word and futex-wakes the joiner when
 * the thread exits). A thread that leaves with the raw exit system call ends only itself.
 * Also Linux's clone flag checks (CLONE_THREAD without CLONE_SIGHAND, CLONE_SIGHAND without
 * CLONE_VM: EINVAL) and clone3's absence (ENOSYS on Faultline, so glibc falls back to clone).
 */
#include "test.h"
#include <pthread.h>

#define NTHREADS	6

static pid_t main_pid;
static pid_t tids[NTHREADS];
static int shared_counter;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg)
{
	long i = (long)arg;

	tids[i] = (pid_t)syscall(SYS_gettid);
	if (getpid() != main_pid)
		return (void *)-1L;
	for (int n = 0; n < 1000; n++) {
		pthread_mutex_lock(&lock);
		shared_counter++;
		pthread_mutex_unlock(&lock);
		if (n % 100 == 0)
			sched_yield();
	}
	return (void *)(i * 10 + 1);
}

static volatile pid_t raw_tid;

/* Leaves with the exit system call itself, not musl's pthread_exit. */
static void *raw_exit(void *arg)
{
	(void)arg;
	raw_tid = (pid_t)syscall(SYS_gettid);
	syscall(SYS_exit, 3);
	return NULL;
}

int main(void)
{
	pthread_t th[NTHREADS], raw;
	void *ret;

	main_pid = getpid();
	EXPECT_EQ(syscall(SYS_gettid), main_pid);
	for (long i = 0; i < NTHREADS; i++)
		ASSERT(pthread_create(&th[i], NULL, worker, (void *)i) == 0, "pthread_create failed");
	for (long i = 0; i < NTHREADS; i++) {
		ASSERT(pthread_join(th[i], &ret) == 0, "pthread_join failed");
		EXPECT_EQ((long)ret, i * 10 + 1);
		EXPECT(tids[i] > 0 && tids[i] != main_pid, "thread %ld: gettid %d, getpid %d", i,
		       tids[i], main_pid);
		for (long j = 0; j < i; j++)
			EXPECT(tids[i] != tids[j], "threads %ld and %ld share tid %d", i, j, tids[i]);
		/* Gone: no such thread in this process any more. The tid word is cleared (and the
		 * joiner woken) a moment before the thread is released, on Linux too: wait a
		 * little for that. */
		for (int n = 0; n < 500 && syscall(SYS_tgkill, main_pid, tids[i], 0) == 0; n++)
			usleep(1000);
		EXPECT_ERRNO(syscall(SYS_tgkill, main_pid, tids[i], 0), ESRCH);
	}
	EXPECT_EQ(shared_counter, NTHREADS * 1000);

	/* Linux's flag checks. */
	EXPECT_ERRNO(syscall(SYS_clone, 0x00010000 /* CLONE_THREAD */ | 0x100, 0UL, NULL, NULL, 0UL),
		     EINVAL);
	EXPECT_ERRNO(syscall(SYS_clone, 0x00000800 /* CLONE_SIGHAND */, 0UL, NULL, NULL, 0UL), EINVAL);
	if (on_faultline())
		EXPECT_ERRNO(syscall(435 /* clone3 */, NULL, 0UL), ENOSYS);

	ASSERT(pthread_create(&raw, NULL, raw_exit, NULL) == 0, "pthread_create failed");
	for (int n = 0; n < 500 && (!raw_tid || syscall(SYS_tgkill, main_pid, raw_tid, 0) == 0); n++)
		usleep(10000);
	EXPECT_ERRNO(syscall(SYS_tgkill, main_pid, raw_tid, 0), ESRCH);
	EXPECT_EQ(getpid(), main_pid);		/* and the process lives on */
	return test_done();
}
