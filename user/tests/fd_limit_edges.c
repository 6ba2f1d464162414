/*
 * fd_limit_edges - RLIMIT_NOFILE's edges as Linux draws them: dup2()/dup3() to a descriptor at
 * or beyond the limit is EBADF (one below it works, however high), fcntl(F_DUPFD, n) with n at
 * or beyond the limit is EINVAL, and lowering the limit below an open descriptor is allowed:
 * the descriptor stays open and usable, but no new descriptor at or above the limit is given.
 * Raising the hard limit beyond fs.nr_open (1048576) is EPERM.
 */
#include "test.h"

int main(void)
{
	struct rlimit old, rl;
	int lim, fd, p[2];
	char c = 'x';

	ASSERT(getrlimit(RLIMIT_NOFILE, &old) == 0, "getrlimit: %s", strerror(errno));
	lim = (int)old.rlim_cur;
	EXPECT_ERRNO(dup2(0, lim), EBADF);
	EXPECT_ERRNO(dup3(0, lim + 5, 0), EBADF);
	EXPECT_ERRNO(dup2(0, -1), EBADF);
	EXPECT_ERRNO(fcntl(0, F_DUPFD, lim), EINVAL);
	EXPECT_ERRNO(fcntl(0, F_DUPFD_CLOEXEC, lim + 100), EINVAL);
	EXPECT_ERRNO(fcntl(0, F_DUPFD, -1), EINVAL);
	EXPECT_EQ(dup2(0, lim - 1), lim - 1);
	EXPECT_EQ(fcntl(0, F_DUPFD, lim - 1), -1);	/* lim - 1 is taken: none free above */
	EXPECT_EQ(errno, EMFILE);
	EXPECT_EQ(close(lim - 1), 0);
	EXPECT_EQ(fcntl(0, F_DUPFD_CLOEXEC, lim - 1), lim - 1);
	EXPECT_EQ(fcntl(lim - 1, F_GETFD), FD_CLOEXEC);
	EXPECT_EQ(close(lim - 1), 0);
	EXPECT_ERRNO(close(lim - 1), EBADF);

	/* A pipe's write end high up, then the limit lowered beneath it. */
	ASSERT(pipe(p) == 0, "pipe: %s", strerror(errno));
	EXPECT_EQ(dup2(p[1], 900), 900);
	close(p[1]);
	rl = (struct rlimit){ 64, old.rlim_max };
	EXPECT_EQ(setrlimit(RLIMIT_NOFILE, &rl), 0);
	EXPECT_EQ(getdtablesize(), 64);
	EXPECT_EQ(write(900, &c, 1), 1);		/* still open and usable */
	EXPECT_EQ(read(p[0], &c, 1), 1);
	EXPECT_EQ(fcntl(900, F_GETFD), 0);
	EXPECT_ERRNO(dup2(900, 64), EBADF);
	EXPECT_ERRNO(fcntl(900, F_DUPFD, 100), EINVAL);
	fd = dup(900);
	EXPECT(fd >= 3 && fd < 64, "dup gave %d", fd);
	close(fd);
	EXPECT_EQ(dup2(900, 63), 63);
	close(63);
	EXPECT_EQ(close(900), 0);
	close(p[0]);

	rl = (struct rlimit){ 1024, 1048577 };
	EXPECT_ERRNO(setrlimit(RLIMIT_NOFILE, &rl), EPERM);
	rl = (struct rlimit){ 2048, 1024 };
	EXPECT_ERRNO(setrlimit(RLIMIT_NOFILE, &rl), EINVAL);
	ASSERT(setrlimit(RLIMIT_NOFILE, &old) == 0, "setrlimit back: %s", strerror(errno));
	return test_done();
}
