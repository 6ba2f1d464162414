/*
 * blk_stat_ioctl - the test disk as a file: stat and fstat say S_IFBLK with the disk's device
 * number (Faultline: major 254, minor 0 for /dev/vda, as Linux's virtio_blk usually gets);
 * BLKGETSIZE64 gives its size in bytes, BLKSSZGET 512; lseek SEEK_END is the size, and a
 * position past the end is refused with EINVAL (Linux's fixed_size_llseek); an unknown ioctl
 * is ENOTTY (a loop device on Linux says EINVAL).
 */
#include "blk_disk.h"
#include <sys/sysmacros.h>

int main(void)
{
	int fd = blk_open(O_RDONLY);
	struct stat st, st2;
	uint64_t size = 0;
	int ssz = 0;

	EXPECT_EQ(fstat(fd, &st), 0);
	EXPECT(S_ISBLK(st.st_mode), "st_mode %o is not a block device", st.st_mode);
	EXPECT_EQ(stat(blk_dev_path(), &st2), 0);
	EXPECT(S_ISBLK(st2.st_mode) && st2.st_rdev == st.st_rdev, "stat and fstat disagree");
	if (on_faultline()) {
		EXPECT_EQ(major(st.st_rdev), 254);
		EXPECT_EQ(minor(st.st_rdev), 0);
	}

	EXPECT_EQ(ioctl(fd, BLKGETSIZE64, &size), 0);
	EXPECT_EQ(size, TEST_DISK_SIZE);
	EXPECT_EQ(ioctl(fd, BLKSSZGET, &ssz), 0);
	EXPECT_EQ(ssz, 512);
	/* An unknown request: Linux's virtio_blk has no ioctl of its own, so ENOTTY; a loop
	 * device (run-user-tests-linux) answers EINVAL. */
	errno = 0;
	EXPECT(ioctl(fd, 0x5401 /* TCGETS */, &ssz) == -1 &&
	       (errno == ENOTTY || (!on_faultline() && errno == EINVAL)), "TCGETS: errno %d", errno);

	EXPECT_EQ(lseek(fd, 0, SEEK_END), (off_t)TEST_DISK_SIZE);
	EXPECT_EQ(lseek(fd, -512, SEEK_END), (off_t)TEST_DISK_SIZE - 512);
	EXPECT_EQ(lseek(fd, 100, SEEK_CUR), (off_t)TEST_DISK_SIZE - 412);
	EXPECT_ERRNO(lseek(fd, 1, SEEK_END), EINVAL);
	EXPECT_ERRNO(lseek(fd, -1, SEEK_SET), EINVAL);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), (off_t)TEST_DISK_SIZE - 412);
	close(fd);
	return test_done();
}
