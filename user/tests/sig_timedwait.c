/*
 * sig_timedwait - sigpending and rt_sigtimedwait.
 *
 * A blocked SIGUSR2 raised by the process is pending (sigpending shows it, the handler does
 * not run); sigtimedwait takes it without running the handler, returns its number and fills
 * siginfo (si_code SI_TKILL, as raise() is tkill; si_pid this process); then it is no longer
 * pending. With nothing pending, sigtimedwait with a 200 ms timeout fails with EAGAIN after
 * about that long; a zero timeout fails at once. A signal sent by a child while waiting is
 * taken (si_code SI_USER, si_pid the child). Linux behaves so.
 */
#include "test.h"
#include <time.h>

static volatile int handled;

static void on_usr2(int sig)
{
	(void)sig;
	handled++;
}

static long ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

int main(void)
{
	sigset_t set, pend;
	siginfo_t si;
	struct timespec ts = { 0, 200 * 1000000L }, zero = { 0, 0 }, t0;
	pid_t pid, parent = getpid();
	int r;
	long ms;

	signal(SIGUSR2, on_usr2);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	ASSERT(sigprocmask(SIG_BLOCK, &set, NULL) == 0, "sigprocmask: %s", strerror(errno));

	raise(SIGUSR2);
	EXPECT_EQ(handled, 0);
	ASSERT(sigpending(&pend) == 0, "sigpending: %s", strerror(errno));
	EXPECT(sigismember(&pend, SIGUSR2), "SIGUSR2 not pending");
	memset(&si, 0, sizeof(si));
	r = sigtimedwait(&set, &si, &ts);
	EXPECT_EQ(r, SIGUSR2);
	EXPECT_EQ(si.si_signo, SIGUSR2);
	EXPECT_EQ(si.si_code, SI_TKILL);
	EXPECT_EQ(si.si_pid, getpid());
	EXPECT_EQ(handled, 0);
	sigpending(&pend);
	EXPECT(!sigismember(&pend, SIGUSR2), "SIGUSR2 still pending after sigtimedwait");

	clock_gettime(CLOCK_MONOTONIC, &t0);
	EXPECT_ERRNO(sigtimedwait(&set, &si, &ts), EAGAIN);
	ms = ms_since(&t0);
	EXPECT(ms >= 150 && ms < 2000, "sigtimedwait(200 ms) took %ld ms", ms);
	EXPECT_ERRNO(sigtimedwait(&set, &si, &zero), EAGAIN);

	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		struct timespec d = { 0, 100 * 1000000L };

		nanosleep(&d, NULL);
		kill(parent, SIGUSR2);
		_exit(0);
	}
	ts.tv_sec = 5;
	memset(&si, 0, sizeof(si));
	r = sigtimedwait(&set, &si, &ts);
	EXPECT_EQ(r, SIGUSR2);
	EXPECT_EQ(si.si_code, SI_USER);
	EXPECT_EQ(si.si_pid, pid);
	EXPECT_EQ(wait_exit_status(pid), 0);
	EXPECT_EQ(handled, 0);

	sigprocmask(SIG_UNBLOCK, &set, NULL);
	signal(SIGUSR2, SIG_DFL);
	return test_done();
}
