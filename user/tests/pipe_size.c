/*
 * pipe_size - a pipe holds 64 KiB, as Linux's default: F_GETPIPE_SZ says 65536 and a
 * non-blocking writer fills exactly that much before EAGAIN. F_SETPIPE_SZ rounds up to a
 * power-of-two number of pages (0 and 1 give one page, 5000 gives 8192, 3 pages give 4), is
 * EBUSY when the buffers in use would not fit, EINVAL beyond 2^31 and EBADF on a non-pipe; the
 * data survives a resize in order; the pipe is full when every page slot is in use (small writes
 * share a page); 1 MiB (pipe-max-size) is allowed, and (Faultline only: Linux lets
 * root past it) 2 MiB is EPERM. A write of PIPE_BUF bytes into a pipe with less room stays whole.
 */
#include "test.h"

static char buf[1 << 20];

/* fill - write to non-blocking @fd until it is full; returns the bytes written. */
static long fill(int fd)
{
	long total = 0, n;

	memset(buf, 'a', 8192);
	while ((n = write(fd, buf, 8192)) > 0)
		total += n;
	EXPECT(n == -1 && errno == EAGAIN, "write: %ld (%s)", n, strerror(errno));
	return total;
}

int main(void)
{
	int p[2], fd;
	long n;

	ASSERT(pipe2(p, O_NONBLOCK) == 0, "pipe2: %s", strerror(errno));
	EXPECT_EQ(fcntl(p[0], F_GETPIPE_SZ), 65536);
	EXPECT_EQ(fcntl(p[1], F_GETPIPE_SZ), 65536);
	EXPECT_EQ(fill(p[1]), 65536);

	/* Full: shrinking below what is unread is EBUSY; the data stays. */
	EXPECT_ERRNO(fcntl(p[1], F_SETPIPE_SZ, 4096), EBUSY);
	EXPECT_EQ(read(p[0], buf, 65536 - 5000), 65536 - 5000);
	EXPECT_EQ(fcntl(p[1], F_SETPIPE_SZ, 5000), 8192);	/* 5000 bytes in 2 buffers fit */
	EXPECT_EQ(fcntl(p[0], F_GETPIPE_SZ), 8192);
	EXPECT_ERRNO(write(p[1], buf, 1), EAGAIN);	/* both slots are in use: full */
	n = read(p[0], buf, sizeof(buf));
	EXPECT_EQ(n, 5000);
	EXPECT(buf[0] == 'a' && buf[4999] == 'a', "data after the resize: %c %c", buf[0], buf[4999]);
	/* Small writes share a page: 100 of them use one slot of the two. */
	for (int i = 0; i < 100; i++)
		EXPECT_EQ(write(p[1], "0123456789", 10), 10);
	EXPECT_EQ(write(p[1], buf, 4096), 4096);
	EXPECT_ERRNO(write(p[1], buf, 4096), EAGAIN);
	EXPECT_EQ(read(p[0], buf, sizeof(buf)), 5096);
	EXPECT(memcmp(buf + 990, "0123456789", 10) == 0, "small writes in order");

	EXPECT_EQ(fcntl(p[1], F_SETPIPE_SZ, 0), 4096);
	EXPECT_EQ(fcntl(p[1], F_SETPIPE_SZ, 1), 4096);
	EXPECT_EQ(fcntl(p[1], F_SETPIPE_SZ, 3 * 4096), 16384);
	EXPECT_EQ(fill(p[1]), 16384);
	EXPECT_EQ(read(p[0], buf, sizeof(buf)), 16384);

	/* PIPE_BUF atomicity: 4096 bytes do not go in while only 4095 fit. */
	EXPECT_EQ(write(p[1], buf, 16384 - 4095), 16384 - 4095);
	EXPECT_ERRNO(write(p[1], buf, 4096), EAGAIN);
	EXPECT_EQ(write(p[1], buf, 4095), 4095);
	EXPECT_EQ(read(p[0], buf, sizeof(buf)), 16384);

	EXPECT_EQ(fcntl(p[1], F_SETPIPE_SZ, 1 << 20), 1 << 20);
	EXPECT_EQ(fill(p[1]), 1 << 20);
	EXPECT_EQ(read(p[0], buf, sizeof(buf)), 1 << 20);
	EXPECT_ERRNO(fcntl(p[1], F_SETPIPE_SZ, (1UL << 31) + 1), EINVAL);
	if (on_faultline())
		EXPECT_ERRNO(fcntl(p[1], F_SETPIPE_SZ, 2 << 20), EPERM);
	EXPECT_EQ(fcntl(p[1], F_SETPIPE_SZ, 65536), 65536);

	fd = open("/dev/null", O_RDONLY);
	EXPECT_ERRNO(fcntl(fd, F_GETPIPE_SZ), EBADF);
	EXPECT_ERRNO(fcntl(fd, F_SETPIPE_SZ, 4096), EBADF);
	close(fd);
	close(p[0]);
	close(p[1]);
	return test_done();
}
