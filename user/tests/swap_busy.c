/*
 * swap_busy - a swap device and a mounted file system never share a disk, and an active swap
 * device cannot be written through its device file, as in Linux 6.1 (swapon and mount claim
 * the disk exclusively; blkdev_write_iter refuses IS_SWAPFILE):
 *   swapon of the swap disk twice -> EBUSY
 *   mount of the active swap disk (as ext2) -> EBUSY
 *   write() to the active swap disk opened O_WRONLY -> ETXTBSY; after swapoff it works
 *     (the test writes back the header page it read, so nothing changes either way)
 *   swapon of a mounted ext2 disk (/dev/vdb, read-only) -> EBUSY; after umount the disk is
 *     refused for what it is (no swap signature: EINVAL), no longer for being busy
 */
#include "swap_disk.h"
#include "ext2_disk.h"

#define MNT	"/mnt/swap_busy"

int main(void)
{
	static char page[PAGE_SIZE];
	int fd;

	swap_on();
	EXPECT_ERRNO(swapon(SWAP_DEV, 0), EBUSY);
	EXPECT_ERRNO(ext2_try_mount(SWAP_DEV, MNT, 0), EBUSY);
	EXPECT_ERRNO(ext2_try_mount(SWAP_DEV, MNT, MS_RDONLY), EBUSY);

	fd = open(SWAP_DEV, O_RDWR);
	ASSERT(fd >= 0, "open %s: %s", SWAP_DEV, strerror(errno));
	ASSERT(pread(fd, page, sizeof(page), 0) == (ssize_t)sizeof(page), "pread: %s", strerror(errno));
	EXPECT_ERRNO(pwrite(fd, page, sizeof(page), 0), ETXTBSY);
	EXPECT_ERRNO(write(fd, page, 512), ETXTBSY);
	EXPECT_EQ(swapoff(SWAP_DEV), 0);
	EXPECT_EQ(pwrite(fd, page, sizeof(page), 0), (ssize_t)sizeof(page));
	EXPECT_EQ(fsync(fd), 0);
	close(fd);

	/* Once off, the disk is free for a mount attempt again: not EBUSY (it is no ext2). */
	errno = 0;
	EXPECT(ext2_try_mount(SWAP_DEV, MNT, MS_RDONLY | MS_SILENT) == -1 && errno != EBUSY,
	       "mount of the swap disk after swapoff: errno %d (%s)", errno, strerror(errno));

	ext2_mount(EXT2_DEV_4K, MNT, MS_RDONLY);
	EXPECT_ERRNO(swapon(EXT2_DEV_4K, 0), EBUSY);
	ext2_umount(MNT);
	EXPECT_ERRNO(swapon(EXT2_DEV_4K, 0), EINVAL);

	/* And the swap disk works as swap again. */
	EXPECT_EQ(swapon(SWAP_DEV, 0), 0);
	EXPECT_EQ(swapoff(SWAP_DEV), 0);
	return test_done();
}
