/*
 * tkill - raise() sends the signal to the calling thread: musl implements it with tkill(2),
 * so without tkill raise() would do nothing. Also tkill/tgkill of another process, and
 * tgkill with a thread group id that does not match the thread: ESRCH, as on Linux.
 */
#include "test.h"

static void do_raise(void *arg)
{
	(void)arg;
	raise(SIGTERM);
	_exit(7);		/* raise returned: the signal was not delivered */
}

static void do_tkill_self(void *arg)
{
	(void)arg;
	syscall(SYS_tkill, getpid(), SIGUSR1);
	_exit(7);
}

int main(void)
{
	pid_t pid;

	expect_signal(do_raise, NULL, SIGTERM);
	expect_signal(do_tkill_self, NULL, SIGUSR1);

	/* tkill and tgkill of a child; a tgid that is not the thread's own is ESRCH. */
	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		for (;;)
			usleep(100000);
	}
	EXPECT_EQ(syscall(SYS_tkill, pid, 0), 0);
	EXPECT_ERRNO(syscall(SYS_tgkill, getpid(), pid, 0), ESRCH);
	EXPECT_ERRNO(syscall(SYS_tgkill, pid, pid, -1), EINVAL);
	EXPECT_ERRNO(syscall(SYS_tkill, 0, SIGKILL), EINVAL);
	EXPECT_ERRNO(syscall(SYS_tgkill, 0, pid, SIGKILL), EINVAL);
	EXPECT_EQ(syscall(SYS_tgkill, pid, pid, SIGKILL), 0);
	EXPECT_EQ(wait_exit_status(pid), 128 + SIGKILL);
	return test_done();
}
