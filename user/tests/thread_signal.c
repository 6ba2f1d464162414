/*
 * thread_signal - signals and threads, as Linux delivers them:
 *  - tgkill to one thread runs the handler in that thread (gettid() inside it);
 *  - kill() to the process is taken by a thread that does not block the signal (the main
 *    thread blocks it here, so the other thread runs the handler);
 *  - a signal blocked by every thread stays pending for the process (sigpending in any
 *    thread) until one unblocks it;
 *  - the signal actions are shared: a handler installed in one thread is the process's.
 */
#include "test.h"
#include <pthread.h>
#include <stdatomic.h>

static volatile pid_t handler_tid;
static atomic_int handled;
static atomic_int stop;
static volatile pid_t worker_tid;
static sigset_t worker_mask;
static int worker_blocks;		/* the worker blocks worker_mask */

static void on_usr(int sig)
{
	(void)sig;
	handler_tid = (pid_t)syscall(SYS_gettid);
	atomic_fetch_add(&handled, 1);
}

static void *worker(void *arg)
{
	(void)arg;
	if (worker_blocks)
		pthread_sigmask(SIG_BLOCK, &worker_mask, NULL);
	worker_tid = (pid_t)syscall(SYS_gettid);
	while (!atomic_load(&stop))
		usleep(1000);
	return NULL;
}

/* Wait up to 2 s for the handler count to reach @n. */
static void wait_handled(int n)
{
	for (int i = 0; i < 2000 && atomic_load(&handled) < n; i++)
		usleep(1000);
}

static void *install_handler(void *arg)
{
	struct sigaction sa = { .sa_handler = on_usr };

	(void)arg;
	return (void *)(long)sigaction(SIGUSR2, &sa, NULL);
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_usr }, cur;
	sigset_t usr1, pend;
	pthread_t th;
	pid_t me = (pid_t)syscall(SYS_gettid);
	void *ret;

	ASSERT(sigaction(SIGUSR1, &sa, NULL) == 0, "sigaction: %s", strerror(errno));
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);

	/* tgkill: the handler runs in the thread named. */
	ASSERT(pthread_create(&th, NULL, worker, NULL) == 0, "pthread_create failed");
	while (!worker_tid)
		sched_yield();
	EXPECT(worker_tid != getpid(), "thread id %d is the process id", worker_tid);
	EXPECT_EQ(syscall(SYS_tgkill, getpid(), worker_tid, SIGUSR1), 0);
	wait_handled(1);
	EXPECT_EQ(handled, 1);
	EXPECT_EQ(handler_tid, worker_tid);
	EXPECT_EQ(syscall(SYS_tgkill, getpid(), me, SIGUSR1), 0);	/* to ourselves */
	EXPECT_EQ(handled, 2);
	EXPECT_EQ(handler_tid, me);

	/* kill(): the main thread blocks SIGUSR1, so the worker takes it. */
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	EXPECT_EQ(kill(getpid(), SIGUSR1), 0);
	wait_handled(3);
	EXPECT_EQ(handled, 3);
	EXPECT_EQ(handler_tid, worker_tid);
	atomic_store(&stop, 1);
	pthread_join(th, NULL);

	/* Every thread blocks it: pending for the process until the main thread unblocks it. */
	atomic_store(&stop, 0);
	worker_tid = 0;
	worker_mask = usr1;
	worker_blocks = 1;
	ASSERT(pthread_create(&th, NULL, worker, NULL) == 0, "pthread_create failed");
	while (!worker_tid)
		sched_yield();
	EXPECT_EQ(kill(getpid(), SIGUSR1), 0);
	usleep(50000);
	EXPECT_EQ(handled, 3);
	sigpending(&pend);
	EXPECT(sigismember(&pend, SIGUSR1), "SIGUSR1 is not pending");
	sigprocmask(SIG_UNBLOCK, &usr1, NULL);
	EXPECT_EQ(handled, 4);
	EXPECT_EQ(handler_tid, me);
	atomic_store(&stop, 1);
	pthread_join(th, NULL);

	/* A handler installed by another thread is this thread's too. */
	ASSERT(pthread_create(&th, NULL, install_handler, NULL) == 0, "pthread_create failed");
	pthread_join(th, &ret);
	EXPECT_EQ((long)ret, 0);
	sigaction(SIGUSR2, NULL, &cur);
	EXPECT(cur.sa_handler == on_usr, "SIGUSR2's handler is not shared");
	raise(SIGUSR2);
	EXPECT_EQ(handled, 5);
	signal(SIGUSR1, SIG_DFL);
	signal(SIGUSR2, SIG_DFL);
	return test_done();
}
