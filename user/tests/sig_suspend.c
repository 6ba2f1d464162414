/*
 * sig_suspend - rt_sigsuspend and pause wait for a handled signal and return EINTR after the
 * handler ran; sigsuspend runs with its own mask and puts the old one back.
 *
 * SIGUSR1 is blocked; a child sends it to the parent 100 ms later. sigsuspend with an empty
 * mask must wake for it: the handler runs (with SIGUSR1 blocked as in any handler), the call
 * fails with EINTR, and afterwards SIGUSR1 is blocked again. A SIGUSR1 already pending when
 * sigsuspend is called is taken at once. pause() returns EINTR after a SIGALRM handler.
 * Linux behaves so.
 */
#include "test.h"
#include <time.h>

static volatile int usr1, alrm;

static void on_sig(int sig)
{
	if (sig == SIGUSR1)
		usr1++;
	else
		alrm++;
}

int main(void)
{
	sigset_t block, empty, now;
	pid_t pid, parent = getpid();
	int r;

	signal(SIGUSR1, on_sig);
	signal(SIGALRM, on_sig);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigemptyset(&empty);
	ASSERT(sigprocmask(SIG_BLOCK, &block, NULL) == 0, "sigprocmask: %s", strerror(errno));

	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		struct timespec ts = { 0, 100 * 1000000L };

		nanosleep(&ts, NULL);
		kill(parent, SIGUSR1);
		_exit(0);
	}
	errno = 0;
	r = sigsuspend(&empty);
	EXPECT(r == -1 && errno == EINTR, "sigsuspend returned %d (%s)", r, strerror(errno));
	EXPECT_EQ(usr1, 1);
	sigprocmask(SIG_BLOCK, NULL, &now);
	EXPECT(sigismember(&now, SIGUSR1), "SIGUSR1 not blocked again after sigsuspend");
	EXPECT_EQ(wait_exit_status(pid), 0);

	raise(SIGUSR1);				/* pending, blocked */
	EXPECT_EQ(usr1, 1);
	r = sigsuspend(&empty);
	EXPECT(r == -1 && errno == EINTR, "sigsuspend with a pending signal returned %d", r);
	EXPECT_EQ(usr1, 2);

	alarm(1);
	r = pause();
	EXPECT(r == -1 && errno == EINTR, "pause returned %d (%s)", r, strerror(errno));
	EXPECT_EQ(alrm, 1);

	sigprocmask(SIG_UNBLOCK, &block, NULL);
	signal(SIGUSR1, SIG_DFL);
	signal(SIGALRM, SIG_DFL);
	return test_done();
}
