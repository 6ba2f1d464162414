/*
 * poll_select - select(2) and pselect6 on a pipe: empty, the read end times out (0, the set
 * cleared, the timeval counted down) while the write end is writable; after a write both are
 * ready (count 2); after the writer closes, the read end is readable (EOF); a closed fd in a
 * set gives EBADF; a negative nfds EINVAL; a negative timeval EINVAL; pselect's mask is used for
 * the wait.
 */
#include "test.h"
#include <sys/select.h>
#include <time.h>

int main(void)
{
	struct timeval tv;
	struct timespec ts = { 0, 20 * 1000000 };
	fd_set rd, wr;
	sigset_t mask;
	int p[2], n;

	ASSERT(pipe(p) == 0, "pipe");
	n = p[1] + 1;

	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	tv = (struct timeval){ 0, 100000 };
	EXPECT_EQ(select(n, &rd, NULL, NULL, &tv), 0);
	EXPECT(!FD_ISSET(p[0], &rd), "empty read end reported ready");
	/* The kernel counts the timeval down (musl's select passes a copy: raw call). */
	tv = (struct timeval){ 0, 50000 };
	EXPECT_EQ(syscall(SYS_select, n, &rd, NULL, NULL, &tv), 0);
	EXPECT(tv.tv_sec == 0 && tv.tv_usec < 20000, "timeval left %ld.%06ld after a timeout",
	       (long)tv.tv_sec, (long)tv.tv_usec);

	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(p[0], &rd);
	FD_SET(p[1], &wr);
	tv = (struct timeval){ 1, 0 };
	EXPECT_EQ(select(n, &rd, &wr, NULL, &tv), 1);
	EXPECT(!FD_ISSET(p[0], &rd) && FD_ISSET(p[1], &wr), "only the write end should be ready");

	ASSERT(write(p[1], "x", 1) == 1, "write");
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(p[0], &rd);
	FD_SET(p[1], &wr);
	EXPECT_EQ(select(n, &rd, &wr, NULL, NULL), 2);
	EXPECT(FD_ISSET(p[0], &rd) && FD_ISSET(p[1], &wr), "both ends should be ready");

	sigemptyset(&mask);
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	EXPECT_EQ(pselect(n, &rd, NULL, NULL, &ts, &mask), 1);
	EXPECT(FD_ISSET(p[0], &rd), "pselect: read end not ready");

	close(p[1]);
	{
		char c;
		ASSERT(read(p[0], &c, 1) == 1, "read");
	}
	FD_ZERO(&rd);
	FD_SET(p[0], &rd);
	tv = (struct timeval){ 1, 0 };
	EXPECT_EQ(select(n, &rd, NULL, NULL, &tv), 1);
	EXPECT(FD_ISSET(p[0], &rd), "read end at EOF not ready");

	FD_ZERO(&rd);
	FD_SET(p[1], &rd);		/* closed */
	tv = (struct timeval){ 0, 0 };
	EXPECT_ERRNO(select(n, &rd, NULL, NULL, &tv), EBADF);
	EXPECT_ERRNO(select(-1, NULL, NULL, NULL, &tv), EINVAL);
	/* The kernel carries seconds out of tv_usec (musl would too: raw calls). */
	tv = (struct timeval){ 0, 1000000 };
	EXPECT_EQ(syscall(SYS_select, 0, NULL, NULL, NULL, &tv), 0);
	tv = (struct timeval){ 0, -1 };
	EXPECT_ERRNO(syscall(SYS_select, 0, NULL, NULL, NULL, &tv), EINVAL);
	ts = (struct timespec){ 0, 0 };
	EXPECT_EQ(pselect(0, NULL, NULL, NULL, &ts, NULL), 0);
	close(p[0]);
	return test_done();
}
