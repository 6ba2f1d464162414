/*
 * thread_fork - fork from a thread of a threaded process copies only the caller: in the
 * child, the forking thread is the only thread and the main one (getpid() == gettid()); the
 * parent's spinning thread does not run there (its counter stays still in the child's copy
 * of memory) and its thread id is not one of the child's (tgkill: ESRCH); /proc/self/status
 * says "Threads: 1" where it exists. The parent's threads go on unharmed, and the child's
 * copy-on-write memory is its own.
 */
#include "test.h"
#include <pthread.h>
#include <stdatomic.h>

static atomic_long counter;
static atomic_int stop;
static volatile pid_t spinner_tid;
static int shared_value = 1;

static void *spinner(void *arg)
{
	(void)arg;
	spinner_tid = (pid_t)syscall(SYS_gettid);
	while (!atomic_load(&stop))
		atomic_fetch_add(&counter, 1);
	return NULL;
}

/* status_threads - the "Threads:" line of /proc/self/status, or -1 without one. */
static int status_threads(void)
{
	char line[256];
	int n = -1;
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Threads: %d", &n) == 1)
			break;
	fclose(f);
	return n;
}

/* In the child: 0 if it looks like a one-thread copy of the forking thread, else a code. */
static int child_checks(pid_t parent_spinner)
{
	long c0 = atomic_load(&counter);
	int threads;

	if (getpid() != (pid_t)syscall(SYS_gettid))
		return 10;
	usleep(100000);
	if (atomic_load(&counter) != c0)
		return 11;		/* a spinner runs in the child */
	if (syscall(SYS_tgkill, getpid(), parent_spinner, 0) != -1 || errno != ESRCH)
		return 12;
	threads = status_threads();
	if (threads != -1 && threads != 1)
		return 13;
	shared_value = 2;		/* the child's own copy */
	return 0;
}

static void *forker(void *arg)
{
	pid_t pid;

	(void)arg;
	fflush(NULL);
	pid = fork();
	if (pid == 0)
		_exit(child_checks(spinner_tid));
	return (void *)(long)pid;
}

int main(void)
{
	pthread_t sp, fk;
	void *ret;
	long c0;

	ASSERT(pthread_create(&sp, NULL, spinner, NULL) == 0, "pthread_create failed");
	while (!spinner_tid)
		sched_yield();
	ASSERT(pthread_create(&fk, NULL, forker, NULL) == 0, "pthread_create failed");
	ASSERT(pthread_join(fk, &ret) == 0, "pthread_join failed");
	ASSERT((long)ret > 0, "fork in a thread failed: %s", strerror(errno));
	EXPECT_EQ(wait_exit_status((pid_t)(long)ret), 0);
	EXPECT_EQ(shared_value, 1);
	c0 = atomic_load(&counter);
	usleep(50000);
	EXPECT(atomic_load(&counter) != c0, "the parent's spinner stopped");
	atomic_store(&stop, 1);
	ASSERT(pthread_join(sp, NULL) == 0, "pthread_join failed");
	return test_done();
}
