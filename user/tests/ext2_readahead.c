/*
 * ext2_readahead - read-ahead and read-around change how often a reader waits for the disk,
 * never what it reads. A 2 MiB file (512 pages) is written, synced and the file system
 * remounted (nothing cached) before each part:
 *   - read in order through a mapping: the faults that waited for the disk (major) are one
 *     per read-around window, not one per page (Linux: 32-page windows, 16 major faults;
 *     without read-ahead: 512), so at most one in 8 pages;
 *   - the same with MADV_RANDOM: no read-around, each first touch of a page waits: exactly
 *     one major fault per page touched;
 *   - read() in 64 KiB chunks, and a mapping read in a scattered order: every byte right.
 */
#include "ext2_disk.h"
#include <sys/resource.h>

#define MNT	"/mnt/ext2_readahead"
#define FILE_	MNT "/ra.bin"
#define PAGES	512UL
#define SIZE	(PAGES * PAGE_SIZE)

static long majflt(void)
{
	struct rusage ru;

	ASSERT(getrusage(RUSAGE_SELF, &ru) == 0, "getrusage: %s", strerror(errno));
	return ru.ru_majflt;
}

/* ra_byte - the byte at offset @i of the file: differs from page to page and within one. */
static unsigned char ra_byte(unsigned long i)
{
	return (unsigned char)(i / PAGE_SIZE * 13 + i % 251);
}

/* map_cold - remount (nothing cached) and map the file read-only; its fd in *@fd. */
static unsigned char *map_cold(int *fd)
{
	unsigned char *m;

	ext2_remount(EXT2_DEV_4K, MNT);
	*fd = open(FILE_, O_RDONLY);
	ASSERT(*fd >= 0, "open: %s", strerror(errno));
	m = mmap(NULL, SIZE, PROT_READ, MAP_SHARED, *fd, 0);
	ASSERT(m != MAP_FAILED, "mmap: %s", strerror(errno));
	return m;
}

int main(void)
{
	static unsigned char buf[64 * 1024];
	unsigned long bad = 0;
	long maj0, maj;
	unsigned char *m;
	int fd;

	umount2(MNT, 0);
	ext2_mount(EXT2_DEV_4K, MNT, 0);
	fd = open(FILE_, O_RDWR | O_CREAT | O_TRUNC, 0644);
	ASSERT(fd >= 0, "create: %s", strerror(errno));
	for (unsigned long off = 0; off < SIZE; off += sizeof(buf)) {
		for (unsigned long i = 0; i < sizeof(buf); i++)
			buf[i] = ra_byte(off + i);
		pwrite_all(fd, buf, sizeof(buf), (off_t)off);
	}
	ASSERT(fsync(fd) == 0, "fsync: %s", strerror(errno));
	close(fd);

	/* In order through a mapping: read-around. */
	m = map_cold(&fd);
	maj0 = majflt();
	for (unsigned long p = 0; p < PAGES; p++)
		bad += m[p * PAGE_SIZE + p % 100] != ra_byte(p * PAGE_SIZE + p % 100);
	maj = majflt() - maj0;
	EXPECT(bad == 0, "%lu pages read wrong through the mapping", bad);
	EXPECT(maj >= 1 && maj <= (long)(PAGES / 8),
	       "%ld major faults for %lu pages read in order (read-around: one per window)",
	       maj, PAGES);
	printf("in order: %ld major faults for %lu pages\n", maj, PAGES);
	munmap(m, SIZE);
	close(fd);

	/* MADV_RANDOM: no read-around, one major fault per page touched (every 4th page). */
	m = map_cold(&fd);
	ASSERT(madvise(m, SIZE, MADV_RANDOM) == 0, "madvise: %s", strerror(errno));
	maj0 = majflt();
	bad = 0;
	for (unsigned long p = 0; p < PAGES; p += 4)
		bad += m[p * PAGE_SIZE + 7] != ra_byte(p * PAGE_SIZE + 7);
	maj = majflt() - maj0;
	EXPECT(bad == 0, "%lu pages read wrong with MADV_RANDOM", bad);
	EXPECT(maj == (long)(PAGES / 4), "MADV_RANDOM: %ld major faults for %lu pages touched",
	       maj, PAGES / 4);
	munmap(m, SIZE);
	close(fd);

	/* Scattered order through a mapping (windows around each miss, overlapping). */
	m = map_cold(&fd);
	bad = 0;
	for (unsigned long k = 0; k < PAGES; k++) {
		unsigned long p = (k * 97) % PAGES;	/* 97 is prime to 512: every page once */

		bad += m[p * PAGE_SIZE + 4095] != ra_byte(p * PAGE_SIZE + 4095);
	}
	EXPECT(bad == 0, "%lu pages read wrong in scattered order", bad);
	munmap(m, SIZE);
	close(fd);

	/* read() in 64 KiB chunks: sequential read-ahead; every byte checked. */
	ext2_remount(EXT2_DEV_4K, MNT);
	fd = open(FILE_, O_RDONLY);
	ASSERT(fd >= 0, "open: %s", strerror(errno));
	maj0 = majflt();
	bad = 0;
	for (unsigned long off = 0; off < SIZE; off += sizeof(buf)) {
		ssize_t n = read(fd, buf, sizeof(buf));

		ASSERT(n == (ssize_t)sizeof(buf), "read at %lu: %zd (%s)", off, n, strerror(errno));
		for (unsigned long i = 0; i < sizeof(buf); i++)
			bad += buf[i] != ra_byte(off + i);
	}
	EXPECT(read(fd, buf, sizeof(buf)) == 0, "read past the end");
	EXPECT(bad == 0, "%lu bytes read wrong by read()", bad);
	EXPECT(majflt() == maj0, "read() counted major faults");
	close(fd);

	ASSERT(unlink(FILE_) == 0, "unlink: %s", strerror(errno));
	ext2_umount(MNT);
	return test_done();
}
