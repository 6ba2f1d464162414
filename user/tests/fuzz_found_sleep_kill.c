/*
 * fuzz_found_sleep_kill - SIGKILL ends a process sleeping in nanosleep() or clock_nanosleep(),
 * however long the sleep it asked for (found by the fuzzer, seed 1: two workers in long
 * sleeps outlived SIGKILL and the run reported a hang).
 *
 * Each case forks a child that sleeps for an hour, or for the longest time a timespec can
 * say; the parent waits 200 ms, sends SIGKILL and polls wait4(WNOHANG) for up to 5 s: the
 * child must be gone, killed by SIGKILL. Linux behaves so.
 */
#include "test.h"
#include <time.h>

/* kill_sleeper - fork a child that makes @nr with the timespec {@sec, @nsec}; kill it and
 * check it dies of SIGKILL within 5 s. @what names the case. */
static void kill_sleeper(long nr, long sec, long nsec, const char *what)
{
	struct timespec ts = { 0, 200 * 1000000L };
	int status = 0, i;
	pid_t pid, w = 0;

	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		struct timespec req = { sec, nsec };

		if (nr == SYS_nanosleep)
			syscall(SYS_nanosleep, &req, NULL);
		else
			syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &req, NULL);
		_exit(0);
	}
	nanosleep(&ts, NULL);
	/* (A child whose sleep ended early is a zombie now: Linux's kill succeeds on a zombie.) */
	EXPECT(kill(pid, SIGKILL) == 0, "%s: kill: %s", what, strerror(errno));
	for (i = 0; i < 100; i++) {
		ts.tv_nsec = 50 * 1000000L;
		w = wait4(pid, &status, WNOHANG, NULL);
		if (w != 0)
			break;
		nanosleep(&ts, NULL);
	}
	if (w == 0) {
		FAIL("%s: the child is still alive 5 s after SIGKILL", what);
		return;		/* it cannot be reaped; the runner's boot ends it */
	}
	EXPECT(w == pid, "%s: wait4 returned %d: %s", what, w, strerror(errno));
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "%s: status %#x, expected SIGKILL",
	       what, status);
}

int main(void)
{
	kill_sleeper(SYS_nanosleep, 3600, 0, "nanosleep 1 hour");
	kill_sleeper(SYS_nanosleep, 0x7fffffffffffffffL, 999999999L, "nanosleep forever");
	kill_sleeper(SYS_clock_nanosleep, 3600, 0, "clock_nanosleep 1 hour");
	kill_sleeper(SYS_clock_nanosleep, 0x7fffffffffffffffL, 999999999L, "clock_nanosleep forever");
	return test_done();
}
