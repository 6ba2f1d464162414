/*
 * pgrp_wait - waitpid by process group: waitpid(INT_MIN) fails with ESRCH (as Linux: -INT_MIN
 * is no group); waitpid(-pgid) reaps only children of that group; waitpid(0) only children of
 * the caller's group; a child in another group is left for waitpid(-1). Linux behaves so.
 */
#include "test.h"
#include <limits.h>

static pid_t child_exiting(int code, int own_group)
{
	pid_t pid = fork();

	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		if (own_group)
			setpgid(0, 0);
		_exit(code);
	}
	if (own_group)
		setpgid(pid, pid);
	return pid;
}

int main(void)
{
	pid_t a, b, w;
	int status;

	EXPECT_ERRNO(waitpid(INT_MIN, &status, 0), ESRCH);
	EXPECT_ERRNO(waitpid(INT_MIN, &status, WNOHANG), ESRCH);
	fflush(NULL);
	a = child_exiting(4, 1);		/* its own group */
	b = child_exiting(5, 0);		/* the caller's group */
	w = waitpid(-a, &status, 0);
	EXPECT(w == a && WEXITSTATUS(status) == 4, "waitpid(-%d) returned %d status %#x", a, w, status);
	w = waitpid(0, &status, 0);
	EXPECT(w == b && WEXITSTATUS(status) == 5, "waitpid(0) returned %d status %#x", w, status);

	a = child_exiting(6, 1);
	EXPECT_ERRNO(waitpid(0, &status, 0), ECHILD);	/* none in our group */
	w = waitpid(-1, &status, 0);
	EXPECT(w == a && WEXITSTATUS(status) == 6, "waitpid(-1) returned %d status %#x", w, status);
	return test_done();
}
