/*
 * vfork_sigkill - a vfork parent, asleep until its child execs or exits, still dies at once
 * from SIGKILL (Linux waits for the child in TASK_KILLABLE). The test forks P; P vforks C,
 * which blocks reading a pipe; the test kills P, which must be reaped, killed by SIGKILL,
 * within 2 s while C is still alive. C, orphaned, comes back to the test (a child subreaper)
 * and is reaped when the pipe closes.
 */
#include "test.h"
#include <sys/prctl.h>
#include <time.h>

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(void)
{
	int hold[2], status = 0;
	long long t0;
	pid_t p, w = 0;

	ASSERT(pipe(hold) == 0, "pipe: %s", strerror(errno));
	ASSERT(prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0, "PR_SET_CHILD_SUBREAPER: %s",
	       strerror(errno));
	fflush(NULL);
	p = fork();
	ASSERT(p >= 0, "fork: %s", strerror(errno));
	if (p == 0) {
		char c;

		close(hold[1]);
		if (vfork() == 0) {
			read(hold[0], &c, 1);	/* sleeps until the test closes its end */
			_exit(0);
		}
		_exit(99);			/* vfork returned: the child is done */
	}
	close(hold[0]);
	usleep(100000);
	EXPECT(kill(p, SIGKILL) == 0, "kill: %s", strerror(errno));
	t0 = now_ns();
	while (now_ns() - t0 < 2000000000LL && (w = waitpid(p, &status, WNOHANG)) == 0)
		usleep(10000);
	if (w != p)
		FAIL("the vfork parent is still alive %lld ms after SIGKILL", (now_ns() - t0) / 1000000);
	else
		EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
		       "vfork parent: wait status %#x, expected death by SIGKILL", status);

	close(hold[1]);			/* the vfork child reads EOF and exits */
	if (w != p)
		EXPECT(waitpid(p, &status, 0) == p, "waitpid: %s", strerror(errno));
	EXPECT(wait4(-1, &status, 0, NULL) > 0, "the orphaned vfork child: %s", strerror(errno));
	EXPECT_ERRNO(wait4(-1, &status, WNOHANG, NULL), ECHILD);
	return test_done();
}
