/*
 * sendfile_pipe - sendfile(2) from a regular file: to a pipe from the file position (which
 * advances), from an explicit offset (which advances, the position does not), short at end
 * of file and 0 past it; EBADF for a write-only input, EINVAL for a pipe as input.
 */
#include "test.h"
#include <sys/sendfile.h>

int main(int argc, char **argv)
{
	char buf[256], expect[256];
	int in, p[2];
	off_t off;
	ssize_t n;

	(void)argc;
	/* The test's own program file is a regular file every system has. */
	in = open(argv[0], O_RDONLY);
	ASSERT(in >= 0, "open %s: %s", argv[0], strerror(errno));
	ASSERT(pread(in, expect, sizeof(expect), 0) == (ssize_t)sizeof(expect), "pread");
	ASSERT(pipe(p) == 0, "pipe");

	EXPECT_EQ(sendfile(p[1], in, NULL, 100), 100);
	EXPECT_EQ(lseek(in, 0, SEEK_CUR), 100);
	EXPECT_EQ(read(p[0], buf, sizeof(buf)), 100);
	EXPECT(memcmp(buf, expect, 100) == 0, "bytes 0..99 differ");

	off = 10;
	EXPECT_EQ(sendfile(p[1], in, &off, 50), 50);
	EXPECT_EQ(off, 60);
	EXPECT_EQ(lseek(in, 0, SEEK_CUR), 100);
	EXPECT_EQ(read(p[0], buf, sizeof(buf)), 50);
	EXPECT(memcmp(buf, expect + 10, 50) == 0, "bytes 10..59 differ");

	off = lseek(in, 0, SEEK_END) - 7;
	n = sendfile(p[1], in, &off, 100);
	EXPECT_EQ(n, 7);
	EXPECT_EQ(read(p[0], buf, sizeof(buf)), 7);
	EXPECT_EQ(sendfile(p[1], in, &off, 100), 0);

	EXPECT_ERRNO(sendfile(p[1], p[1], NULL, 1), EBADF);
	EXPECT_ERRNO(sendfile(p[1], p[0], NULL, 1), EINVAL);
	close(in);
	close(p[0]);
	close(p[1]);
	return test_done();
}
