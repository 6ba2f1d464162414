/*
 * user/tests/blk_disk.h - the scratch disk of the blk_* tests.
 *
 * tools/run-user-tests attaches build/test-disk.img, made fresh each run by tools/mktestdisk,
 * as the first virtio disk: /dev/vda on Faultline. It is TEST_DISK_SIZE bytes, and its bytes
 * follow a pattern a test can compute: the disk is a row of little-endian 64-bit words, and
 * word k (0..63) of 512-byte sector s holds (s << 8) | k, so every 8 bytes differ from every
 * other 8 bytes. A test that writes restores what it wrote before it ends (each test runs
 * twice in one boot).
 *
 * BLK_TEST_DEV in the environment names another device with the same contents (for Linux,
 * tools/run-user-tests-linux uses a loop device over a copy of the image). Without it the
 * disk is /dev/vda; where that does not exist, blk_open() fails the test on Faultline (the
 * disk must be there) and exits 0 with "SKIP:" on Linux (a host without the test disk).
 */
#ifndef FAULTLINE_USER_BLK_DISK_H
#define FAULTLINE_USER_BLK_DISK_H

#include "test.h"
#include <sys/ioctl.h>
#include <sys/stat.h>

#define TEST_DISK_SIZE		(8UL << 20)
#define TEST_DISK_SECTORS	(TEST_DISK_SIZE / 512)

#ifndef BLKGETSIZE64
#define BLKGETSIZE64		_IOR(0x12, 114, size_t)
#endif
#ifndef BLKSSZGET
#define BLKSSZGET		_IO(0x12, 104)
#endif

/* blk_dev_path - the test disk's path ($BLK_TEST_DEV, else /dev/vda). */
static inline const char *blk_dev_path(void)
{
	const char *p = getenv("BLK_TEST_DEV");

	return p && *p ? p : "/dev/vda";
}

/* blk_pattern_byte - the byte the fresh test disk holds at offset @off. */
static inline unsigned char blk_pattern_byte(unsigned long off)
{
	unsigned long word = off / 8, sector = word / 64, k = word % 64;
	uint64_t v = (sector << 8) | k;

	return (unsigned char)(v >> (8 * (off % 8)));
}

/* blk_check_pattern - compare @len bytes read at disk offset @off with the pattern; returns
 * the index of the first wrong byte, or -1 if all match. */
static inline long blk_check_pattern(const unsigned char *buf, unsigned long off, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (buf[i] != blk_pattern_byte(off + i))
			return (long)i;
	return -1;
}

/*
 * blk_open - open the test disk with @flags. Returns the fd. If it does not exist: on
 * Faultline a failure (exit 1), elsewhere "SKIP:" and exit 0.
 */
static inline int blk_open(int flags)
{
	const char *path = blk_dev_path();
	int fd = open(path, flags);

	if (fd >= 0)
		return fd;
	if (errno == ENOENT && !on_faultline() && !getenv("BLK_TEST_DEV")) {
		printf("SKIP: %s does not exist (no test disk on this host; tools/run-user-tests-linux attaches one)\n", path);
		exit(0);
	}
	ASSERT(0, "open %s: %s (run-user-tests attaches build/test-disk.img as the first virtio disk)",
	       path, strerror(errno));
	return -1;
}

#endif
