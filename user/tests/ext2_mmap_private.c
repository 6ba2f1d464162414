/*
 * ext2_mmap_private - a MAP_PRIVATE mapping of an ext2 file never writes the file: the
 * process's writes are its own copies (copy-on-write), read() still sees the old bytes, and
 * after msync, munmap, umount and mount the file is unchanged. Writes to the file through
 * write() before the copy are seen through the mapping, after it they are not.
 */
#include "ext2_disk.h"

#define MNT	"/mnt/ext2_mmap_private"
#define F	MNT "/private"

int main(void)
{
	static unsigned char buf[4 * PAGE_SIZE];
	unsigned char *m;
	int fd;

	umount2(MNT, 0);
	ext2_mount(EXT2_DEV_4K, MNT, 0);
	fd = open(F, O_CREAT | O_RDWR | O_TRUNC, 0644);
	ASSERT(fd >= 0, "create: %s", strerror(errno));
	memset(buf, 'f', sizeof(buf));
	pwrite_all(fd, buf, sizeof(buf), 0);
	m = mmap(NULL, sizeof(buf), PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	ASSERT(m != MAP_FAILED, "mmap: %s", strerror(errno));

	EXPECT(m[PAGE_SIZE] == 'f', "mapping reads the file");
	pwrite_all(fd, "W", 1, PAGE_SIZE);		/* not yet copied: the mapping sees it */
	EXPECT(m[PAGE_SIZE] == 'W', "a write() before the copy is seen through the mapping");
	memset(m, 'p', 2 * PAGE_SIZE);			/* pages 0 and 1 become private copies */
	pwrite_all(fd, "X", 1, 0);			/* after the copy: not seen */
	EXPECT(m[0] == 'p', "a write() after the copy shows through: '%c'", m[0]);
	pread_all(fd, buf, sizeof(buf), 0);
	EXPECT(buf[0] == 'X' && buf[1] == 'f' && buf[PAGE_SIZE] == 'W' && buf[PAGE_SIZE + 1] == 'f',
	       "read() sees the private writes: %c%c %c%c", buf[0], buf[1], buf[PAGE_SIZE],
	       buf[PAGE_SIZE + 1]);
	EXPECT(msync(m, sizeof(buf), MS_SYNC) == 0, "msync: %s", strerror(errno));
	munmap(m, sizeof(buf));
	close(fd);

	ext2_remount(EXT2_DEV_4K, MNT);
	memset(buf, 0, sizeof(buf));
	EXPECT(slurp(F, buf, sizeof(buf)) == (ssize_t)sizeof(buf), "read back: %s", strerror(errno));
	for (size_t i = 0; i < sizeof(buf); i++) {
		unsigned char w = i == 0 ? 'X' : i == PAGE_SIZE ? 'W' : 'f';
		if (buf[i] != w) {
			FAIL("byte %zu is '%c' after remount, expected '%c'", i, buf[i], w);
			break;
		}
	}
	EXPECT(unlink(F) == 0, "unlink: %s", strerror(errno));
	ext2_umount(MNT);
	return test_done();
}
