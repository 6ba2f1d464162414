/*
 * sigkill_sleep - SIGKILL ends a process at once, wherever in the kernel it sleeps: in
 * nanosleep, clock_nanosleep, a read of an empty pipe, a write to a full pipe and wait4.
 * For each, a child goes to sleep (for 1000 s, or until data that never comes), the parent
 * sends SIGKILL, and the child must be reaped, killed by SIGKILL, within 2 s.
 *
 * The wait4 case's grandchild outlives its killed parent; the test makes itself a child
 * subreaper (prctl PR_SET_CHILD_SUBREAPER, as on Linux) so the orphan comes back to it and
 * is reaped here instead of by init.
 */
#include "test.h"
#include <sys/prctl.h>
#include <time.h>

#define KILL_BOUND_NS	2000000000LL	/* the child must be gone this soon after SIGKILL */
#define SETTLE_US	100000		/* time for the child to reach its sleep */

static int hold[2];			/* a pipe nobody writes: its reader sleeps */

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void sleep_nanosleep(void)
{
	struct timespec ts = { 1000, 0 };

	nanosleep(&ts, NULL);
}

static void sleep_clock_nanosleep(void)
{
	struct timespec ts = { 1000, 0 };

	clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL);
}

static void sleep_pipe_read(void)
{
	char c;

	read(hold[0], &c, 1);
}

static void sleep_pipe_write(void)
{
	static char buf[1 << 20];	/* more than any pipe buffer holds */
	int p[2];

	if (pipe(p) == 0)
		write(p[1], buf, sizeof(buf));	/* nobody reads p[0] */
}

static void sleep_wait4(void)
{
	pid_t pid = fork();
	char c;

	if (pid == 0) {
		close(hold[1]);
		read(hold[0], &c, 1);	/* until the test closes its write end */
		_exit(0);
	}
	wait4(pid, NULL, 0, NULL);
}

/* kill_sleeper - fork a child that runs @fn and sleeps in it; SIGKILL it and check it dies
 * by SIGKILL within KILL_BOUND_NS. */
static void kill_sleeper(void (*fn)(void), const char *what)
{
	long long t0;
	int status = 0;
	pid_t pid, w = 0;

	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		fn();
		_exit(99);		/* the sleep ended by itself */
	}
	usleep(SETTLE_US);
	EXPECT(kill(pid, SIGKILL) == 0, "%s: kill: %s", what, strerror(errno));
	t0 = now_ns();
	while (now_ns() - t0 < KILL_BOUND_NS && (w = waitpid(pid, &status, WNOHANG)) == 0)
		usleep(10000);
	if (w != pid) {
		FAIL("%s: still alive %lld ms after SIGKILL", what, (now_ns() - t0) / 1000000);
		return;
	}
	EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	       "%s: wait status %#x, expected death by SIGKILL", what, status);
}

int main(void)
{
	int status;

	ASSERT(pipe(hold) == 0, "pipe: %s", strerror(errno));
	ASSERT(prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0, "PR_SET_CHILD_SUBREAPER: %s",
	       strerror(errno));
	kill_sleeper(sleep_nanosleep, "nanosleep");
	kill_sleeper(sleep_clock_nanosleep, "clock_nanosleep");
	kill_sleeper(sleep_pipe_read, "pipe read");
	kill_sleeper(sleep_pipe_write, "pipe write");
	kill_sleeper(sleep_wait4, "wait4");

	/* The wait4 case's grandchild, now ours: closing the pipe lets it finish. */
	close(hold[1]);
	EXPECT(wait4(-1, &status, 0, NULL) > 0, "the orphaned grandchild: %s", strerror(errno));
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "grandchild status %#x", status);
	EXPECT_ERRNO(wait4(-1, &status, WNOHANG, NULL), ECHILD);
	close(hold[0]);
	return test_done();
}
