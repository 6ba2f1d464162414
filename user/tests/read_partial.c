/*
 * read_partial - a read() whose buffer runs into an unmapped page returns the bytes it
 * copied before the fault, not EFAULT, as on Linux. Checked for /dev/zero and a regular file
 * (a pipe, as on Linux, fails with EFAULT and keeps its data): the buffer is the last 100 bytes of a mapped page followed by a PROT_NONE
 * page, and each read asks for 200 bytes. A buffer whose first byte faults is EFAULT.
 */
#include "test.h"

#define HEAD	100

int main(void)
{
	unsigned char *map = mmap(NULL, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned char *buf, data[2 * HEAD];
	const char *path = "/tmp/read_partial";
	int fd, p[2];

	ASSERT(map != MAP_FAILED, "mmap: %s", strerror(errno));
	ASSERT(mprotect(map + PAGE_SIZE, PAGE_SIZE, PROT_NONE) == 0, "mprotect: %s", strerror(errno));
	buf = map + PAGE_SIZE - HEAD;
	memset(data, 'x', sizeof(data));

	fd = open("/dev/zero", O_RDONLY);
	ASSERT(fd >= 0, "/dev/zero: %s", strerror(errno));
	memset(buf, 1, HEAD);
	EXPECT_EQ(read(fd, buf, 2 * HEAD), HEAD);
	EXPECT(buf[0] == 0 && buf[HEAD - 1] == 0, "/dev/zero did not zero the buffer");
	EXPECT_ERRNO(read(fd, map + PAGE_SIZE, 2 * HEAD), EFAULT);
	close(fd);

	ASSERT(pipe(p) == 0, "pipe: %s", strerror(errno));
	EXPECT_EQ(write(p[1], data, sizeof(data)), sizeof(data));
	/* A pipe is the exception (Linux's pipe_read): a buffer that faults part-way is EFAULT
	 * and the data stays in the pipe. */
	EXPECT_ERRNO(read(p[0], buf, 2 * HEAD), EFAULT);
	EXPECT_EQ(read(p[0], map, 2 * HEAD), 2 * HEAD);
	EXPECT_EQ(write(p[1], data, 1), 1);
	EXPECT_ERRNO(read(p[0], map + PAGE_SIZE, 1), EFAULT);
	close(p[0]);
	close(p[1]);

	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	ASSERT(fd >= 0, "%s: %s", path, strerror(errno));
	EXPECT_EQ(write(fd, data, sizeof(data)), sizeof(data));
	EXPECT_EQ(pread(fd, buf, 2 * HEAD, 0), HEAD);
	EXPECT(buf[0] == 'x' && buf[HEAD - 1] == 'x', "file data not copied");
	close(fd);
	unlink(path);

	munmap(map, 2 * PAGE_SIZE);
	return test_done();
}
