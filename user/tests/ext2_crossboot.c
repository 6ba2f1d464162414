/*
 * ext2_crossboot - data written in one boot is there in the next. Usage:
 *   ext2_crossboot write   mount /dev/vdb, write /crossboot.txt with write() and
 *                          /crossboot-mmap.txt through a shared mapping (msync, munmap), umount
 *   ext2_crossboot verify  mount /dev/vdb, check both files, umount (the files stay)
 *   ext2_crossboot         (the runner's way) write, verify across umount + mount, delete
 * tools/ext2-crossboot runs "write" in one boot and "verify" in another, then compares the
 * files with what the host's debugfs reads from the image and runs e2fsck -fn. The contents:
 * line k (0..999) of each is "crossboot line k\n" (mmap: "mmap line k\n").
 */
#include "ext2_disk.h"

#define MNT	"/mnt/ext2_crossboot"
#define F1	MNT "/crossboot.txt"
#define F2	MNT "/crossboot-mmap.txt"
#define LINES	1000

static char text1[LINES * 32], text2[LINES * 32], got[LINES * 32];
static size_t len1, len2;

static void make_texts(void)
{
	for (int k = 0; k < LINES; k++) {
		len1 += (size_t)sprintf(text1 + len1, "crossboot line %d\n", k);
		len2 += (size_t)sprintf(text2 + len2, "mmap line %d\n", k);
	}
}

static void write_files(void)
{
	unsigned char *m;
	int fd = open(F1, O_CREAT | O_WRONLY | O_TRUNC, 0644);

	ASSERT(fd >= 0, "create %s: %s", F1, strerror(errno));
	pwrite_all(fd, text1, len1, 0);
	close(fd);
	fd = open(F2, O_CREAT | O_RDWR | O_TRUNC, 0644);
	ASSERT(fd >= 0 && ftruncate(fd, (off_t)len2) == 0, "create %s: %s", F2, strerror(errno));
	m = mmap(NULL, len2, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT(m != MAP_FAILED, "mmap: %s", strerror(errno));
	memcpy(m, text2, len2);
	EXPECT(msync(m, len2, MS_SYNC) == 0, "msync: %s", strerror(errno));
	munmap(m, len2);
	close(fd);
}

static void verify_files(void)
{
	EXPECT(slurp(F1, got, sizeof(got)) == (ssize_t)len1 && memcmp(got, text1, len1) == 0,
	       "%s differs", F1);
	EXPECT(slurp(F2, got, sizeof(got)) == (ssize_t)len2 && memcmp(got, text2, len2) == 0,
	       "%s differs", F2);
}

int main(int argc, char *argv[])
{
	const char *mode = argc > 1 ? argv[1] : "both";

	make_texts();
	umount2(MNT, 0);
	ext2_mount(EXT2_DEV_4K, MNT, 0);
	if (strcmp(mode, "verify") != 0)
		write_files();
	if (strcmp(mode, "both") == 0)
		ext2_remount(EXT2_DEV_4K, MNT);
	if (strcmp(mode, "write") != 0)
		verify_files();
	if (strcmp(mode, "both") == 0) {
		EXPECT(unlink(F1) == 0 && unlink(F2) == 0, "unlink: %s", strerror(errno));
	}
	ext2_umount(MNT);
	return test_done();
}
