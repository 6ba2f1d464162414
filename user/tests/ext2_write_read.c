/*
 * ext2_write_read - a file created and written on ext2 (4 KiB and 1 KiB blocks) reads back the
 * same before and after umount + mount (so it came from the disk): writes of odd sizes at odd
 * offsets, past direct and single-indirect blocks, O_APPEND, an overwrite in the middle, and
 * stat's size. The file is removed at the end and its blocks return (statfs f_bfree).
 */
#include "ext2_disk.h"

#define MNT	"/mnt/ext2_write_read"
#define F	MNT "/written"
#define LEN	(1300 * 1024 + 77)

static unsigned char want[LEN], got[LEN];

static void check_disk(const char *dev)
{
	struct statfs before, after;
	struct stat st;
	int fd;

	ext2_mount(dev, MNT, 0);
	unlink(F);
	ASSERT(statfs(MNT, &before) == 0, "statfs: %s", strerror(errno));
	for (size_t i = 0; i < LEN; i++)
		want[i] = (unsigned char)(i * 13 + i / 1000);
	fd = open(F, O_CREAT | O_RDWR | O_TRUNC, 0644);
	ASSERT(fd >= 0, "create %s: %s", F, strerror(errno));
	for (size_t off = 0; off < LEN; off += 4097)
		pwrite_all(fd, want + off, off + 4097 > LEN ? LEN - off : 4097, (off_t)off);
	memset(want + 5000, 0xab, 10000);		/* an overwrite across blocks */
	pwrite_all(fd, want + 5000, 10000, 5000);
	close(fd);
	fd = open(F, O_WRONLY | O_APPEND);
	ASSERT(fd >= 0, "open O_APPEND: %s", strerror(errno));
	ASSERT(write(fd, "tail", 4) == 4, "append: %s", strerror(errno));
	close(fd);

	for (int pass = 0; pass < 2; pass++) {
		fd = open(F, O_RDONLY);
		ASSERT(fd >= 0, "open %s: %s", F, strerror(errno));
		EXPECT(fstat(fd, &st) == 0 && st.st_size == LEN + 4, "%s pass %d: size %lld", dev,
		       pass, (long long)st.st_size);
		pread_all(fd, got, LEN, 0);
		EXPECT(memcmp(got, want, LEN) == 0, "%s pass %d: contents differ", dev, pass);
		pread_all(fd, got, 4, LEN);
		EXPECT(memcmp(got, "tail", 4) == 0, "%s pass %d: appended bytes", dev, pass);
		close(fd);
		if (pass == 0)
			ext2_remount(dev, MNT);
	}
	EXPECT(unlink(F) == 0, "unlink: %s", strerror(errno));
	ASSERT(statfs(MNT, &after) == 0, "statfs: %s", strerror(errno));
	EXPECT_EQ(after.f_bfree, before.f_bfree);
	EXPECT_EQ(after.f_ffree, before.f_ffree);
	ext2_umount(MNT);
}

int main(void)
{
	umount2(MNT, 0);
	check_disk(EXT2_DEV_4K);
	check_disk(EXT2_DEV_1K);
	return test_done();
}
