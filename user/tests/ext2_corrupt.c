/*
 * ext2_corrupt - ext2 images with random metadata bytes flipped, mounted by the kernel: each
 * must either fail to mount with a clean error (EINVAL, EUCLEAN, EIO, ...) or mount and then
 * survive a walk of the whole tree, reading every file, creating, writing and deleting a file,
 * and umount. Never a panic, hang or oops (the harness fails the boot on those).
 *
 * The pristine image is /dev/vde (2 MiB, 1 KiB blocks, the known tree; ext2_disk.h). Each
 * round copies it, flips 1-8 random bytes in its first 96 KiB (boot block, superblock, group
 * descriptors, bitmaps, the inode table and the first directory blocks), writes the first
 * 256 KiB of the copy over /dev/vdf through the block device file (fsync'd), mounts /dev/vdf
 * and does the above. Seeded: usage "ext2_corrupt [ROUNDS [SEED]]" (default 100 rounds,
 * seed 1; the runner runs it twice, so make test runs 200 rounds). A failing round prints
 * its number and the bytes it flipped. The kernel must not serve stale blocks of an earlier
 * round after umount: every round's image is what the walk sees.
 */
#include "ext2_disk.h"
#include <dirent.h>

#define MNT		"/mnt/ext2_corrupt"
#define IMG_SIZE	(2UL << 20)
#define WRITE_SIZE	(256UL << 10)
#define FLIP_AREA	(96UL << 10)
#define MAX_DEPTH	8

static unsigned char pristine[IMG_SIZE], img[WRITE_SIZE];
static unsigned long long rng;

static unsigned long next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned long)rng;
}

/* walk - visit @path's tree, reading every regular file; returns the entries seen. Errors
 * are allowed (the image is damaged); only the kernel's survival is checked. */
static int walk(const char *path, int depth)
{
	static char buf[8192];
	char child[512];
	struct dirent *e;
	struct stat st;
	int seen = 0;
	DIR *d;

	if (depth > MAX_DEPTH || !(d = opendir(path)))
		return 0;
	while ((e = readdir(d)) && seen < 1000) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		seen++;
		snprintf(child, sizeof(child), "%s/%s", path, e->d_name);
		if (lstat(child, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			seen += walk(child, depth + 1);
		} else if (S_ISREG(st.st_mode)) {
			int fd = open(child, O_RDONLY);
			for (int k = 0; fd >= 0 && k < 64 && read(fd, buf, sizeof(buf)) > 0; k++)
				;
			if (fd >= 0)
				close(fd);
		} else if (S_ISLNK(st.st_mode)) {
			readlink(child, buf, sizeof(buf));
		}
	}
	closedir(d);
	return seen;
}

/* round - one damaged image: returns 1 if it mounted. */
static int round_once(int raw, int n)
{
	int flips = 1 + (int)(next_rand() % 8), fd;
	char what[160];
	size_t w = 0;

	memcpy(img, pristine, WRITE_SIZE);
	for (int i = 0; i < flips; i++) {
		unsigned long off = next_rand() % FLIP_AREA;
		unsigned char x = (unsigned char)(1 + next_rand() % 255);

		img[off] ^= x;
		w += (size_t)snprintf(what + w, sizeof(what) - w, " %lu^%#x", off, x);
		if (w >= sizeof(what))
			w = sizeof(what) - 1;
	}
	pwrite_all(raw, img, WRITE_SIZE, 0);
	ASSERT(fsync(raw) == 0, "fsync " EXT2_DEV_RAW ": %s", strerror(errno));
	if (mount(EXT2_DEV_RAW, MNT, "ext2", 0, NULL) != 0) {
		if (errno == EFAULT || errno == ENOSYS || errno == ENOTBLK || errno == EBUSY)
			FAIL("round %d (flips%s): mount failed with %s", n, what, strerror(errno));
		return 0;
	}
	walk(MNT, 0);
	fd = open(MNT "/new-file", O_CREAT | O_RDWR | O_TRUNC, 0644);
	if (fd >= 0) {
		if (write(fd, pristine, 20000) < 0)
			(void)0;		/* ENOSPC, EIO: allowed on a damaged image */
		close(fd);
		unlink(MNT "/new-file");
	}
	if (mkdir(MNT "/new-dir", 0755) == 0)
		rmdir(MNT "/new-dir");
	if (umount2(MNT, 0) != 0)
		FAIL("round %d (flips%s): umount2: %s", n, what, strerror(errno));
	return 1;
}

int main(int argc, char *argv[])
{
	int rounds = argc > 1 ? atoi(argv[1]) : 100, mounted = 0, src, raw;

	rng = argc > 2 ? strtoull(argv[2], NULL, 0) : 1;
	if (!rng)
		rng = 1;
	umount2(MNT, 0);
	mkdir("/mnt", 0755);
	mkdir(MNT, 0755);
	src = open(EXT2_DEV_SMALL, O_RDONLY);
	ASSERT(src >= 0, "open " EXT2_DEV_SMALL ": %s", strerror(errno));
	pread_all(src, pristine, IMG_SIZE, 0);
	close(src);
	raw = open(EXT2_DEV_RAW, O_RDWR);
	ASSERT(raw >= 0, "open " EXT2_DEV_RAW ": %s", strerror(errno));
	pwrite_all(raw, pristine, IMG_SIZE, 0);

	/* The pristine copy itself must mount and show the known tree. */
	ASSERT(fsync(raw) == 0, "fsync: %s", strerror(errno));
	ASSERT(mount(EXT2_DEV_RAW, MNT, "ext2", 0, NULL) == 0, "mount the pristine copy: %s",
	       strerror(errno));
	EXPECT(walk(MNT, 0) == 8, "the pristine tree has 8 entries below the root");
	ASSERT(umount2(MNT, 0) == 0, "umount2: %s", strerror(errno));

	for (int n = 0; n < rounds; n++)
		mounted += round_once(raw, n);
	printf("%d rounds (seed %s): %d mounted, %d refused\n", rounds, argc > 2 ? argv[2] : "1",
	       mounted, rounds - mounted);
	close(raw);
	rmdir(MNT);
	return test_done();
}
