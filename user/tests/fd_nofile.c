/*
 * fd_nofile - the descriptor table grows to RLIMIT_NOFILE: with the soft limit set to 1500,
 * getdtablesize() and sysconf(_SC_OPEN_MAX) report 1500, dup() hands out every descriptor up to
 * 1499 and then fails with EMFILE (open() too), a forked child inherits all of them, and
 * closing them frees the slots again (a new descriptor is the lowest free one).
 */
#include "test.h"

#define LIMIT	1500

int main(void)
{
	struct rlimit old, rl;
	int fd, last = -1, n = 0;
	pid_t pid;

	ASSERT(getrlimit(RLIMIT_NOFILE, &old) == 0, "getrlimit: %s", strerror(errno));
	EXPECT(old.rlim_cur >= 1024 && old.rlim_cur != RLIM_INFINITY, "soft limit %llu",
	       (unsigned long long)old.rlim_cur);
	EXPECT_EQ(getdtablesize(), (long)old.rlim_cur);
	ASSERT(old.rlim_max >= LIMIT, "hard limit %llu", (unsigned long long)old.rlim_max);
	rl = (struct rlimit){ LIMIT, old.rlim_max };
	ASSERT(setrlimit(RLIMIT_NOFILE, &rl) == 0, "setrlimit: %s", strerror(errno));
	EXPECT_EQ(getdtablesize(), LIMIT);
	EXPECT_EQ(sysconf(_SC_OPEN_MAX), LIMIT);

	while ((fd = dup(0)) >= 0) {
		EXPECT(fd > last, "dup gave %d after %d", fd, last);
		last = fd;
		n++;
	}
	EXPECT_EQ(errno, EMFILE);
	EXPECT_EQ(last, LIMIT - 1);
	EXPECT(n > LIMIT - 16, "only %d descriptors", n);
	EXPECT_ERRNO(open("/dev/null", O_RDONLY), EMFILE);
	EXPECT_ERRNO(fcntl(0, F_DUPFD, 0), EMFILE);

	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0)			/* the child's table holds every descriptor too */
		_exit(fcntl(LIMIT - 1, F_GETFD) == 0 && fcntl(LIMIT - 700, F_GETFD) == 0 ? 0 : 1);
	EXPECT_EQ(wait_exit_status(pid), 0);

	EXPECT_EQ(close(1000), 0);
	EXPECT_EQ(dup(0), 1000);
	for (fd = last; fd > 2; fd--)
		close(fd);
	fd = dup(0);
	EXPECT(fd >= 3 && fd < 16, "dup after closing gave %d", fd);
	close(fd);
	ASSERT(setrlimit(RLIMIT_NOFILE, &old) == 0, "setrlimit back: %s", strerror(errno));
	return test_done();
}
