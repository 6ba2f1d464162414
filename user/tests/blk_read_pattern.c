/*
 * blk_read_pattern - reads of the test disk return what the image holds (blk_disk.h's
 * pattern): whole sectors at the start, the middle and the last sector; reads that start and
 * end inside a sector; a read that crosses the end is cut short there; a read at or past the
 * end returns 0 (end of file, as Linux's block devices); pread leaves the offset alone.
 */
#include "blk_disk.h"

static unsigned char buf[64 << 10];

/* check_pread - pread @len bytes at @off; expect them all, with the pattern. */
static void check_pread(int fd, unsigned long off, size_t len)
{
	ssize_t n = pread(fd, buf, len, (off_t)off);
	long bad;

	EXPECT(n == (ssize_t)len, "pread(%zu at %lu) = %zd (%s)", len, off, n, n < 0 ? strerror(errno) : "short");
	if (n <= 0)
		return;
	bad = blk_check_pattern(buf, off, (size_t)n);
	EXPECT(bad < 0, "pread(%zu at %lu): byte %ld is 0x%02x, expected 0x%02x", len, off, bad,
	       bad < 0 ? 0 : buf[bad], bad < 0 ? 0 : blk_pattern_byte(off + (unsigned long)bad));
}

int main(void)
{
	int fd = blk_open(O_RDONLY);
	ssize_t n;

	check_pread(fd, 0, 512);
	check_pread(fd, 0, 4096);
	check_pread(fd, 512 * 1000, 512);
	check_pread(fd, TEST_DISK_SIZE / 2 + 4096, sizeof(buf));
	check_pread(fd, TEST_DISK_SIZE - 512, 512);
	check_pread(fd, 3, 5);				/* inside one sector */
	check_pread(fd, 511, 2);			/* across a sector boundary */
	check_pread(fd, 4095, 4099);			/* across pages, odd ends */
	check_pread(fd, 12345, 30000);

	/* Sequential read() moves the offset by what it read. */
	EXPECT_EQ(lseek(fd, 1000, SEEK_SET), 1000);
	n = read(fd, buf, 100);
	EXPECT_EQ(n, 100);
	EXPECT(blk_check_pattern(buf, 1000, 100) < 0, "read at 1000 gave wrong bytes");
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 1100);

	/* Across the end: cut short. At and past the end: 0. */
	n = pread(fd, buf, 4096, TEST_DISK_SIZE - 1000);
	EXPECT_EQ(n, 1000);
	if (n > 0)
		EXPECT(blk_check_pattern(buf, TEST_DISK_SIZE - 1000, (size_t)n) < 0, "last bytes wrong");
	EXPECT_EQ(pread(fd, buf, 4096, TEST_DISK_SIZE), 0);
	EXPECT_EQ(pread(fd, buf, 1, TEST_DISK_SIZE + 12345), 0);
	EXPECT_EQ(lseek(fd, 0, SEEK_END), (off_t)TEST_DISK_SIZE);
	EXPECT_EQ(read(fd, buf, 512), 0);
	close(fd);
	return test_done();
}
