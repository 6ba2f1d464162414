/*
 * sig_chld - SIGCHLD reaches the parent when a child ends, with siginfo saying how: si_pid,
 * si_code CLD_EXITED and si_status the exit code; CLD_KILLED and the signal for a child
 * killed by SIGKILL. The parent blocks SIGCHLD and takes it with sigtimedwait, then reaps
 * the child with wait. Without a handler (SIG_DFL) SIGCHLD does nothing and wait still works.
 * Linux behaves so.
 */
#include "test.h"
#include <time.h>

static void check_chld(pid_t pid, int code, int status, const char *what)
{
	sigset_t set;
	siginfo_t si;
	struct timespec ts = { 5, 0 };
	int r;

	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	memset(&si, 0, sizeof(si));
	r = sigtimedwait(&set, &si, &ts);
	EXPECT(r == SIGCHLD, "%s: sigtimedwait returned %d (%s)", what, r, strerror(errno));
	EXPECT(si.si_pid == pid, "%s: si_pid %d, expected %d", what, si.si_pid, pid);
	EXPECT(si.si_code == code, "%s: si_code %d, expected %d", what, si.si_code, code);
	EXPECT(si.si_status == status, "%s: si_status %d, expected %d", what, si.si_status, status);
}

int main(void)
{
	sigset_t set;
	pid_t pid;
	int status;

	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	ASSERT(sigprocmask(SIG_BLOCK, &set, NULL) == 0, "sigprocmask: %s", strerror(errno));

	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0)
		_exit(7);
	check_chld(pid, CLD_EXITED, 7, "exit(7)");
	EXPECT(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 7,
	       "wait: status %#x", status);

	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		for (;;)
			pause();
	}
	kill(pid, SIGKILL);
	check_chld(pid, CLD_KILLED, SIGKILL, "SIGKILL");
	EXPECT(waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	       "wait: status %#x", status);

	sigprocmask(SIG_UNBLOCK, &set, NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0)
		_exit(3);
	EXPECT_EQ(wait_exit_status(pid), 3);
	return test_done();
}
