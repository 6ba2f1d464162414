/*
 * blk_write_unaligned - writes to the test disk at any offset and length reach the disk and
 * change nothing around them: a write that starts and ends inside sectors (the kernel reads
 * the partial sectors and writes them back whole), a one-byte write, and an aligned one. Each
 * is read back through a second descriptor, then the original bytes are written back and
 * checked. fsync succeeds. Past the end: write gives ENOSPC (Linux's block devices), a write
 * that crosses the end is cut short there.
 */
#include "blk_disk.h"

#define AREA_OFF	(3UL << 20)	/* the region the test may change (restored) */
#define AREA_LEN	(64UL << 10)

static unsigned char before[AREA_LEN], data[AREA_LEN], after[AREA_LEN];

/* check_write - write @len bytes at @off inside the area, check the whole area through @rfd,
 * then restore it. */
static void check_write(int fd, int rfd, unsigned long off, size_t len, unsigned char seed)
{
	unsigned long rel = off - AREA_OFF;
	ssize_t n;

	for (size_t i = 0; i < len; i++)
		data[i] = (unsigned char)(seed + i * 7);
	n = pwrite(fd, data, len, (off_t)off);
	EXPECT(n == (ssize_t)len, "pwrite(%zu at %lu) = %zd (%s)", len, off, n, n < 0 ? strerror(errno) : "short");
	EXPECT_EQ(pread(rfd, after, AREA_LEN, AREA_OFF), (ssize_t)AREA_LEN);
	EXPECT(memcmp(after + rel, data, len) == 0, "bytes written at %lu do not read back", off);
	EXPECT(memcmp(after, before, rel) == 0, "bytes before %lu changed", off);
	EXPECT(memcmp(after + rel + len, before + rel + len, AREA_LEN - rel - len) == 0,
	       "bytes after %lu+%zu changed", off, len);
	EXPECT_EQ(pwrite(fd, before + rel, len, (off_t)off), (ssize_t)len);
}

int main(void)
{
	int fd = blk_open(O_RDWR), rfd = blk_open(O_RDONLY);
	unsigned char last[512], c = 0x5a;

	EXPECT_EQ(pread(rfd, before, AREA_LEN, AREA_OFF), (ssize_t)AREA_LEN);
	EXPECT(blk_check_pattern(before, AREA_OFF, AREA_LEN) < 0, "the disk does not hold the pattern at %lu (not fresh?)",
	       AREA_OFF);

	check_write(fd, rfd, AREA_OFF + 1000, 5000, 1);		/* both ends inside sectors */
	check_write(fd, rfd, AREA_OFF + 4095, 2, 2);		/* across a page boundary */
	check_write(fd, rfd, AREA_OFF + 777, 1, 3);		/* one byte */
	check_write(fd, rfd, AREA_OFF + 8192, 8192, 4);		/* aligned, two pages */
	check_write(fd, rfd, AREA_OFF + 300, 40000, 5);		/* many pages, odd ends */
	EXPECT_EQ(fsync(fd), 0);

	/* Everything is back as it was. */
	EXPECT_EQ(pread(rfd, after, AREA_LEN, AREA_OFF), (ssize_t)AREA_LEN);
	EXPECT(memcmp(after, before, AREA_LEN) == 0, "the area was not restored");

	/* The end of the disk. */
	EXPECT_ERRNO(pwrite(fd, &c, 1, TEST_DISK_SIZE), ENOSPC);
	EXPECT_ERRNO(pwrite(fd, &c, 1, TEST_DISK_SIZE + 4096), ENOSPC);
	EXPECT_EQ(pwrite(fd, &c, 0, TEST_DISK_SIZE), 0);
	EXPECT_EQ(pread(rfd, last, 512, TEST_DISK_SIZE - 512), 512);
	memset(data, 0xee, 1024);
	EXPECT_EQ(pwrite(fd, data, 1024, TEST_DISK_SIZE - 100), 100);
	EXPECT_EQ(pread(rfd, after, 512, TEST_DISK_SIZE - 512), 512);
	EXPECT(memcmp(after, last, 412) == 0 && after[412] == 0xee && after[511] == 0xee,
	       "a write across the end did not write exactly the last 100 bytes");
	EXPECT_EQ(pwrite(fd, last, 512, TEST_DISK_SIZE - 512), 512);
	EXPECT_EQ(lseek(fd, 0, SEEK_END), (off_t)TEST_DISK_SIZE);
	EXPECT_ERRNO(write(fd, &c, 1), ENOSPC);
	EXPECT_EQ(fsync(fd), 0);
	EXPECT_EQ(fdatasync(fd), 0);
	close(fd);
	close(rfd);
	return test_done();
}
