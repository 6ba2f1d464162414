/*
 * ext2_read_known - the files mke2fs -d put on the 4 KiB- and 1 KiB-block disks read back as
 * they were made (user/tests/ext2_disk.h): small files, an empty file, a file three levels
 * down, a 300 KiB file that reaches the double-indirect block with 1 KiB blocks (read with
 * read() at odd offsets and through a private mapping), a symbolic link (readlink, and open
 * through it), stat's sizes and types, and the directory listing.
 */
#include "ext2_disk.h"
#include <dirent.h>

#define MNT	"/mnt/ext2_read_known"

/* check_big - big.bin's bytes, by read() in odd-sized pieces and by mmap. */
static void check_big(const char *path)
{
	static unsigned char buf[BIG_SIZE];
	unsigned char *m;
	long bad = -1;
	size_t off = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY);

	ASSERT(fd >= 0, "open %s: %s", path, strerror(errno));
	while (off < BIG_SIZE && (n = read(fd, buf + off, 3001)) > 0)
		off += (size_t)n;
	EXPECT_EQ(off, BIG_SIZE);
	for (size_t i = 0; i < off && bad < 0; i++)
		if (buf[i] != big_byte(i))
			bad = (long)i;
	EXPECT(bad < 0, "%s: byte %ld is %#x, expected %#x", path, bad, bad < 0 ? 0 : buf[bad],
	       big_byte((unsigned long)(bad < 0 ? 0 : bad)));
	m = mmap(NULL, BIG_SIZE, PROT_READ, MAP_PRIVATE, fd, 0);
	EXPECT(m != MAP_FAILED, "mmap %s: %s", path, strerror(errno));
	if (m != MAP_FAILED) {
		EXPECT(memcmp(m, buf, BIG_SIZE) == 0, "%s: the mapping differs from read()", path);
		munmap(m, BIG_SIZE);
	}
	close(fd);
}

/* check_disk - every known file on @dev. */
static void check_disk(const char *dev)
{
	char buf[64];
	struct stat st;
	ssize_t n;
	int seen = 0;
	DIR *d;
	struct dirent *e;

	ext2_mount(dev, MNT, 0);
	n = slurp(MNT "/hello.txt", buf, sizeof(buf));
	EXPECT(n == (ssize_t)strlen(HELLO_TEXT) && memcmp(buf, HELLO_TEXT, (size_t)n) == 0,
	       "%s hello.txt: %zd bytes", dev, n);
	n = slurp(MNT "/dir/nested/deep.txt", buf, sizeof(buf));
	EXPECT(n == (ssize_t)strlen(DEEP_TEXT) && memcmp(buf, DEEP_TEXT, (size_t)n) == 0,
	       "%s deep.txt: %zd bytes", dev, n);
	EXPECT(slurp(MNT "/empty", buf, sizeof(buf)) == 0, "%s empty", dev);
	EXPECT(stat(MNT "/big.bin", &st) == 0 && st.st_size == BIG_SIZE && S_ISREG(st.st_mode),
	       "%s stat big.bin", dev);
	EXPECT(stat(MNT "/dir/nested", &st) == 0 && S_ISDIR(st.st_mode) && st.st_nlink == 2,
	       "%s stat dir/nested", dev);
	EXPECT(stat(MNT "/", &st) == 0 && st.st_ino == 2, "%s: the root is inode 2", dev);
	check_big(MNT "/big.bin");

	memset(buf, 0, sizeof(buf));
	EXPECT(readlink(MNT "/link", buf, sizeof(buf)) == 9 && memcmp(buf, "hello.txt", 9) == 0,
	       "%s readlink: %s", dev, buf);
	EXPECT(lstat(MNT "/link", &st) == 0 && S_ISLNK(st.st_mode) && st.st_size == 9, "%s lstat link", dev);
	n = slurp(MNT "/link", buf, sizeof(buf));
	EXPECT(n == (ssize_t)strlen(HELLO_TEXT), "%s: open through the link: %zd", dev, n);

	d = opendir(MNT);
	EXPECT(d != NULL, "opendir: %s", strerror(errno));
	while (d && (e = readdir(d))) {
		static const char *names[] = { ".", "..", "lost+found", "hello.txt", "empty", "dir",
					       "big.bin", "link" };
		for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (strcmp(e->d_name, names[i]) == 0)
				seen |= 1 << i;
	}
	if (d)
		closedir(d);
	EXPECT(seen == 0xff, "%s: the root lists %#x of the 8 names", dev, seen);
	ext2_umount(MNT);
}

int main(void)
{
	umount2(MNT, 0);
	check_disk(EXT2_DEV_4K);
	check_disk(EXT2_DEV_1K);
	return test_done();
}
