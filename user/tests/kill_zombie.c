/*
 * kill_zombie - kill() of a zombie (exited, not yet reaped) succeeds and does nothing, as on
 * Linux: the process still exists until its parent waits for it. Once reaped: ESRCH.
 */
#include "test.h"

/* is_zombie - wait up to 5 s for /proc/PID/status to say "State:\tZ". */
static int is_zombie(pid_t pid)
{
	char path[64], buf[512];

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	for (int tries = 0; tries < 500; tries++) {
		int fd = open(path, O_RDONLY);
		ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;

		if (fd >= 0)
			close(fd);
		if (n > 0) {
			buf[n] = '\0';
			if (strstr(buf, "State:\tZ"))
				return 1;
		}
		usleep(10000);
	}
	return 0;
}

int main(void)
{
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0)
		_exit(5);
	/* Wait until it is a zombie without reaping it. */
	ASSERT(is_zombie(pid), "pid %d did not become a zombie", (int)pid);
	EXPECT_EQ(kill(pid, 0), 0);
	EXPECT_EQ(kill(pid, SIGKILL), 0);
	EXPECT_EQ(kill(pid, SIGTERM), 0);
	ASSERT(waitpid(pid, &status, 0) == pid, "waitpid: %s", strerror(errno));
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 5, "status %#x, expected exit 5", status);
	EXPECT_ERRNO(kill(pid, 0), ESRCH);
	return test_done();
}
