/*
 * user/tests/ext2_disk.h - the ext2 disks of the ext2_* tests, and helpers to mount them.
 *
 * tools/run-user-tests (Faultline) and tools/run-user-tests-linux (Linux) attach, after the
 * blk_* tests' patterned /dev/vda, the images of tools/mkext2testdisks (made fresh each run;
 * e2fsck -fn must find them clean after the boot):
 *   /dev/vdb  64 MiB, 4 KiB blocks, with the known tree below
 *   /dev/vdc  16 MiB, 1 KiB blocks, with the known tree
 *   /dev/vdd  256 MiB, 4 KiB blocks, empty (room for a file larger than the guest's RAM)
 *   /dev/vde  2 MiB, 1 KiB blocks, with the known tree: ext2_corrupt's pristine image
 *   /dev/vdf  2 MiB raw scratch disk: ext2_corrupt writes damaged images there
 * The known tree: hello.txt ("hello, ext2\n"), empty (0 bytes), dir/nested/deep.txt
 * ("deep\n"), big.bin (300 KiB, byte i is big_byte(i)), link (symlink to "hello.txt").
 *
 * Each test mounts the disk itself at its own mount point under /mnt (ext2_mount), exactly
 * as a program would on Linux, removes what it created and unmounts at the end (ext2_umount):
 * tests run twice in one boot. Where mount is missing (Faultline before its ext2 lands) the
 * test fails at once with the errno.
 */
#ifndef FAULTLINE_USER_EXT2_DISK_H
#define FAULTLINE_USER_EXT2_DISK_H

#include "test.h"
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>

#define EXT2_DEV_4K	"/dev/vdb"
#define EXT2_DEV_1K	"/dev/vdc"
#define EXT2_DEV_BIG	"/dev/vdd"
#define EXT2_DEV_SMALL	"/dev/vde"
#define EXT2_DEV_RAW	"/dev/vdf"
#define PATTERN_DEV	"/dev/vda"

#define EXT2_SUPER_MAGIC	0xEF53
#define HELLO_TEXT	"hello, ext2\n"
#define DEEP_TEXT	"deep\n"
#define BIG_SIZE	(300 * 1024)

/* big_byte - byte @i of the known tree's big.bin. */
static inline unsigned char big_byte(unsigned long i)
{
	return (unsigned char)((i * 7 + i / 4096) % 256);
}

/* ext2_try_mount - make /mnt and @mnt if missing and mount the ext2 file system on @dev there
 * with @flags. Returns mount's result (0, or -1 with errno set). */
static inline int ext2_try_mount(const char *dev, const char *mnt, unsigned long flags)
{
	if (mkdir("/mnt", 0755) != 0 && errno != EEXIST)
		return -1;
	if (mkdir(mnt, 0755) != 0 && errno != EEXIST)
		return -1;
	return mount(dev, mnt, "ext2", flags, NULL);
}

/* ext2_mount - as ext2_try_mount; exits the test (failing it) if the mount fails. */
static inline void ext2_mount(const char *dev, const char *mnt, unsigned long flags)
{
	ASSERT(ext2_try_mount(dev, mnt, flags) == 0, "mount(%s, %s, \"ext2\", %#lx): %s", dev, mnt,
	       flags, strerror(errno));
}

/* ext2_umount - unmount @mnt (failing the test if that fails) and remove the mount point. */
static inline void ext2_umount(const char *mnt)
{
	EXPECT(umount2(mnt, 0) == 0, "umount2(%s): %s", mnt, strerror(errno));
	rmdir(mnt);
}

/* ext2_remount - unmount @mnt and mount @dev there again: the next reads come from the disk. */
static inline void ext2_remount(const char *dev, const char *mnt)
{
	ASSERT(umount2(mnt, 0) == 0, "umount2(%s): %s", mnt, strerror(errno));
	ext2_mount(dev, mnt, 0);
}

/* write_all / read_all - the whole of @len bytes at @off, or exit failing the test. */
static inline void pwrite_all(int fd, const void *buf, size_t len, off_t off)
{
	ssize_t n = pwrite(fd, buf, len, off);

	ASSERT(n == (ssize_t)len, "pwrite %zu at %lld: %zd (%s)", len, (long long)off, n, strerror(errno));
}

static inline void pread_all(int fd, void *buf, size_t len, off_t off)
{
	ssize_t n = pread(fd, buf, len, off);

	ASSERT(n == (ssize_t)len, "pread %zu at %lld: %zd (%s)", len, (long long)off, n, strerror(errno));
}

/* slurp - read all of @path (at most @max bytes) into @buf; returns the length or -1. */
static inline ssize_t slurp(const char *path, void *buf, size_t max)
{
	int fd = open(path, O_RDONLY);
	ssize_t n, len = 0;

	if (fd < 0)
		return -1;
	while ((size_t)len < max && (n = read(fd, (char *)buf + len, max - (size_t)len)) > 0)
		len += n;
	close(fd);
	return len;
}

#endif /* FAULTLINE_USER_EXT2_DISK_H */
