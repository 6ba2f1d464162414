/*
 * ext2_sparse_truncate - sparse files and truncate on ext2: bytes written far apart leave
 * holes that read as zeros (by read() and through a mapping, also after umount + mount) and
 * take no blocks (st_blocks counts only the written blocks and their indirect blocks);
 * ftruncate and truncate shrink and grow a file, the cut bytes read as zeros when it grows
 * again, and the freed blocks come back in statfs's f_bfree; a mapping past the new end
 * gets SIGBUS, inside it still works.
 */
#include "ext2_disk.h"

#define MNT	"/mnt/ext2_sparse_truncate"
#define F	MNT "/sparse"
#define FAR	(40L << 20)		/* 40 MiB: through the double-indirect block (4 KiB) */

static volatile unsigned char *beyond;

static void touch_beyond(void *arg)
{
	(void)arg;
	peek((const void *)beyond);
}

int main(void)
{
	static unsigned char buf[3 * PAGE_SIZE], zero[3 * PAGE_SIZE];
	struct statfs sf0, sf1, sf2;
	struct stat st;
	unsigned char *m;
	int fd;

	umount2(MNT, 0);
	ext2_mount(EXT2_DEV_4K, MNT, 0);
	unlink(F);
	ASSERT(statfs(MNT, &sf0) == 0, "statfs: %s", strerror(errno));
	fd = open(F, O_CREAT | O_RDWR | O_TRUNC, 0644);
	ASSERT(fd >= 0, "create: %s", strerror(errno));
	pwrite_all(fd, "start", 5, 0);
	pwrite_all(fd, "middle", 6, 1L << 20);
	pwrite_all(fd, "end", 3, FAR);
	ASSERT(fstat(fd, &st) == 0, "fstat: %s", strerror(errno));
	EXPECT_EQ(st.st_size, FAR + 3);
	/* Three data blocks and a few indirect blocks, in 512-byte units: far below 40 MiB. */
	EXPECT(st.st_blocks > 0 && st.st_blocks <= 8 * 8, "st_blocks %lld for a sparse file",
	       (long long)st.st_blocks);
	pread_all(fd, buf, sizeof(buf), (1L << 20) + 4096);
	EXPECT(memcmp(buf, zero, sizeof(buf)) == 0, "a hole does not read as zeros");
	m = mmap(NULL, FAR + 3, PROT_READ, MAP_SHARED, fd, 0);
	ASSERT(m != MAP_FAILED, "mmap: %s", strerror(errno));
	EXPECT(m[(1L << 20) + 6] == 0 && m[20L << 20] == 0 && memcmp(m + FAR, "end", 3) == 0,
	       "the mapping's holes and data");
	munmap(m, FAR + 3);
	close(fd);
	ASSERT(statfs(MNT, &sf1) == 0, "statfs: %s", strerror(errno));
	EXPECT(sf0.f_bfree - sf1.f_bfree <= 8, "a sparse file took %ld blocks",
	       (long)(sf0.f_bfree - sf1.f_bfree));

	ext2_remount(EXT2_DEV_4K, MNT);
	fd = open(F, O_RDWR);
	ASSERT(fd >= 0, "open after remount: %s", strerror(errno));
	pread_all(fd, buf, 6, 1L << 20);
	EXPECT(memcmp(buf, "middle", 6) == 0, "data after remount");
	pread_all(fd, buf, sizeof(buf), 30L << 20);
	EXPECT(memcmp(buf, zero, sizeof(buf)) == 0, "a hole after remount");

	/* Fill 2 MiB densely, then cut it: its blocks come back. */
	static unsigned char fill[1 << 20];
	memset(fill, 'd', sizeof(fill));
	pwrite_all(fd, fill, sizeof(fill), 0);
	pwrite_all(fd, fill, sizeof(fill), 1 << 20);
	ASSERT(fsync(fd) == 0, "fsync: %s", strerror(errno));
	ASSERT(statfs(MNT, &sf1) == 0, "statfs: %s", strerror(errno));
	EXPECT(ftruncate(fd, 3 * PAGE_SIZE) == 0, "ftruncate: %s", strerror(errno));
	ASSERT(statfs(MNT, &sf2) == 0, "statfs: %s", strerror(errno));
	EXPECT(sf2.f_bfree >= sf1.f_bfree + 500, "ftruncate to 12 KiB freed %ld blocks of ~515",
	       (long)(sf2.f_bfree - sf1.f_bfree));
	EXPECT(fstat(fd, &st) == 0 && st.st_size == 3 * PAGE_SIZE, "size after ftruncate");

	/* A mapping over the old length: inside works, past the end is SIGBUS. */
	m = mmap(NULL, 8 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ASSERT(m != MAP_FAILED, "mmap: %s", strerror(errno));
	EXPECT(m[2 * PAGE_SIZE] == 'd', "inside the file");
	beyond = m + 4 * PAGE_SIZE;
	expect_signal(touch_beyond, NULL, SIGBUS);
	EXPECT(truncate(F, PAGE_SIZE + 10) == 0, "truncate: %s", strerror(errno));
	beyond = m + 2 * PAGE_SIZE;
	expect_signal(touch_beyond, NULL, SIGBUS);
	EXPECT(m[PAGE_SIZE + 9] == 'd' && m[PAGE_SIZE + 10] == 0, "the last page: data then zeros");
	/* Grown again: the cut bytes read as zeros, by read() and through the mapping. */
	EXPECT(ftruncate(fd, 3 * PAGE_SIZE) == 0, "ftruncate up: %s", strerror(errno));
	pread_all(fd, buf, 2 * PAGE_SIZE - 10, PAGE_SIZE + 10);
	EXPECT(memcmp(buf, zero, 2 * PAGE_SIZE - 10) == 0, "cut bytes come back non-zero");
	EXPECT(m[2 * PAGE_SIZE] == 0, "cut bytes come back non-zero through the mapping");
	munmap(m, 8 * PAGE_SIZE);
	close(fd);
	EXPECT(unlink(F) == 0, "unlink: %s", strerror(errno));
	ASSERT(statfs(MNT, &sf2) == 0, "statfs: %s", strerror(errno));
	EXPECT_EQ(sf2.f_bfree, sf0.f_bfree);
	ext2_umount(MNT);
	return test_done();
}
