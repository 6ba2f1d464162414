/*
 * ext2_mount - mount(2) and umount2(2) of an ext2 disk, as on Linux: a mount shows the disk's
 * files and is listed in /proc/mounts; umount2 is EBUSY while a file on it is open and hides
 * the files again after; the errors: EINVAL for a device that holds no ext2 (the patterned
 * /dev/vda) and for unmounting a directory that is no mount point, ENOENT for a missing
 * device or mount point, ENOTDIR for a mount point that is a file, ENOTBLK for a source that
 * is not a block device, ENODEV for an unknown file-system type; MS_RDONLY makes creating or
 * writing a file EROFS while reads work.
 */
#include "ext2_disk.h"

#define MNT	"/mnt/ext2_mount"
#define MNT2	"/mnt/ext2_mount.2"

/* in_proc_mounts - does /proc/mounts have a line for @dev on @mnt? */
static int in_proc_mounts(const char *dev, const char *mnt)
{
	static char buf[8192];
	char want[128];
	ssize_t n = slurp("/proc/mounts", buf, sizeof(buf) - 1);

	if (n < 0)
		return 0;
	buf[n] = '\0';
	snprintf(want, sizeof(want), "%s %s ", dev, mnt);
	return strstr(buf, want) != NULL;
}

int main(void)
{
	char buf[64];
	struct stat st;
	int fd;

	umount2(MNT, 0);		/* leftovers of an earlier, failed run */
	ext2_mount(EXT2_DEV_4K, MNT, 0);
	EXPECT(slurp(MNT "/hello.txt", buf, sizeof(buf)) == (ssize_t)strlen(HELLO_TEXT),
	       "hello.txt: %s", strerror(errno));
	EXPECT(in_proc_mounts(EXT2_DEV_4K, MNT), "/proc/mounts has no line for " MNT);
	EXPECT_ERRNO(mount(EXT2_DEV_4K, MNT, "ext2", 0, NULL), EBUSY);

	/* Busy while a file is open; the open file still works; free again once it is closed. */
	fd = open(MNT "/hello.txt", O_RDONLY);
	EXPECT(fd >= 0, "open hello.txt: %s", strerror(errno));
	EXPECT_ERRNO(umount2(MNT, 0), EBUSY);
	EXPECT(read(fd, buf, 5) == 5 && memcmp(buf, "hello", 5) == 0, "read after EBUSY");
	close(fd);
	EXPECT(umount2(MNT, 0) == 0, "umount2 after close: %s", strerror(errno));
	EXPECT_ERRNO(stat(MNT "/hello.txt", &st), ENOENT);
	EXPECT(!in_proc_mounts(EXT2_DEV_4K, MNT), "/proc/mounts still lists " MNT);
	EXPECT_ERRNO(umount2(MNT, 0), EINVAL);

	/* Sources and targets that are wrong. */
	EXPECT_ERRNO(mount(PATTERN_DEV, MNT, "ext2", 0, NULL), EINVAL);
	EXPECT_ERRNO(mount("/dev/nonexistent", MNT, "ext2", 0, NULL), ENOENT);
	EXPECT_ERRNO(mount(EXT2_DEV_4K, "/mnt/ext2_mount.none", "ext2", 0, NULL), ENOENT);
	EXPECT_ERRNO(mount(EXT2_DEV_4K, MNT, "nosuchfs", 0, NULL), ENODEV);
	fd = open("/tmp/ext2_mount.file", O_CREAT | O_WRONLY | O_TRUNC, 0644);
	EXPECT(fd >= 0, "create /tmp/ext2_mount.file: %s", strerror(errno));
	if (fd >= 0)
		close(fd);
	EXPECT_ERRNO(mount(EXT2_DEV_4K, "/tmp/ext2_mount.file", "ext2", 0, NULL), ENOTDIR);
	EXPECT_ERRNO(mount("/tmp/ext2_mount.file", MNT, "ext2", 0, NULL), ENOTBLK);
	EXPECT_ERRNO(mount("/dev/null", MNT, "ext2", 0, NULL), ENOTBLK);
	unlink("/tmp/ext2_mount.file");

	/* Read-only: reads work, every write is EROFS. */
	ext2_mount(EXT2_DEV_4K, MNT2, MS_RDONLY);
	EXPECT(slurp(MNT2 "/dir/nested/deep.txt", buf, sizeof(buf)) == (ssize_t)strlen(DEEP_TEXT),
	       "deep.txt on a read-only mount: %s", strerror(errno));
	EXPECT_ERRNO(open(MNT2 "/new", O_CREAT | O_WRONLY, 0644), EROFS);
	EXPECT_ERRNO(open(MNT2 "/hello.txt", O_WRONLY), EROFS);
	EXPECT_ERRNO(mkdir(MNT2 "/newdir", 0755), EROFS);
	EXPECT_ERRNO(unlink(MNT2 "/hello.txt"), EROFS);
	ext2_umount(MNT2);

	rmdir(MNT);
	return test_done();
}
