/*
 * ext2_sync - the calls that make data durable return 0 on ext2: fsync and fdatasync of a
 * written file and of a directory, sync(), syncfs on a file of the mount, msync MS_SYNC and
 * MS_ASYNC of a shared mapping; EBADF for a closed descriptor; data written then fsync'd is
 * there after umount + mount.
 */
#include "ext2_disk.h"

#define MNT	"/mnt/ext2_sync"
#define F	MNT "/synced"

int main(void)
{
	char buf[16];
	unsigned char *m;
	int fd, dfd;

	umount2(MNT, 0);
	ext2_mount(EXT2_DEV_4K, MNT, 0);
	fd = open(F, O_CREAT | O_RDWR | O_TRUNC, 0644);
	ASSERT(fd >= 0, "create: %s", strerror(errno));
	pwrite_all(fd, "durable", 7, 0);
	EXPECT(fsync(fd) == 0, "fsync: %s", strerror(errno));
	pwrite_all(fd, "D", 1, 0);
	EXPECT(fdatasync(fd) == 0, "fdatasync: %s", strerror(errno));
	dfd = open(MNT, O_RDONLY | O_DIRECTORY);
	EXPECT(dfd >= 0 && fsync(dfd) == 0, "fsync of the directory: %s", strerror(errno));
	sync();
	EXPECT(syncfs(fd) == 0, "syncfs: %s", strerror(errno));
	ASSERT(ftruncate(fd, PAGE_SIZE) == 0, "ftruncate: %s", strerror(errno));
	m = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT(m != MAP_FAILED, "mmap: %s", strerror(errno));
	m[1] = 'U';
	EXPECT(msync(m, PAGE_SIZE, MS_ASYNC) == 0, "msync MS_ASYNC: %s", strerror(errno));
	EXPECT(msync(m, PAGE_SIZE, MS_SYNC) == 0, "msync MS_SYNC: %s", strerror(errno));
	munmap(m, PAGE_SIZE);
	close(fd);
	close(dfd);
	EXPECT_ERRNO(fsync(fd), EBADF);
	EXPECT_ERRNO(fdatasync(fd), EBADF);
	EXPECT_ERRNO(syncfs(fd), EBADF);

	ext2_remount(EXT2_DEV_4K, MNT);
	memset(buf, 0, sizeof(buf));
	EXPECT(slurp(F, buf, 7) == 7 && memcmp(buf, "DUrable", 7) == 0, "after remount: '%s'", buf);
	EXPECT(unlink(F) == 0, "unlink: %s", strerror(errno));
	ext2_umount(MNT);
	return test_done();
}
