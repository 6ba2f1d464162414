/*
 * fsbench - the cost of a file's way to and from the disk, per 4 KiB page of a 64 MiB file on
 * ext2 (the disk issue's performance figures): write(), fsync(), a cold read() after a
 * remount, and a cold read through mmap after another remount, with the major faults counted.
 *
 * Usage: fsbench [DEVICE] (default /dev/vda, an ext2 disk of at least 80 MiB; it is mounted
 * at /mnt/fsbench and the file removed afterwards). Each figure is rdtsc ticks divided by
 * the 16,384 pages; under QEMU with -icount shift=0 a tick is one guest instruction, so the
 * same binary can be compared on Faultline and Linux (tools/run-elf-linux --disk).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#define MNT	"/mnt/fsbench"
#define FILE_	MNT "/big"
#define SIZE	(64UL << 20)
#define PAGES	(SIZE / 4096)
#define CHUNK	(64UL << 10)

/* rdtsc - the time-stamp counter, fenced on both sides. */
static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("lfence; rdtsc; lfence" : "=a"(lo), "=d"(hi) :: "memory");
	return ((uint64_t)hi << 32) | lo;
}

/* die - report @what with errno and exit 1. */
static void die(const char *what)
{
	fprintf(stderr, "fsbench: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* majflt - this process's major faults so far. */
static long majflt(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_majflt;
}

/* remount - unmount and mount @dev again: the page cache of its files is gone. */
static void remount(const char *dev)
{
	if (umount(MNT) != 0)
		die("umount");
	if (mount(dev, MNT, "ext2", 0, NULL) != 0)
		die("mount");
}

int main(int argc, char **argv)
{
	const char *dev = argc > 1 ? argv[1] : "/dev/vda";
	static char buf[CHUNK];
	uint64_t t0, t1;
	unsigned long sum = 0, i;
	long m0;
	char *map;
	int fd;

	mkdir("/mnt", 0755);
	mkdir(MNT, 0755);
	if (mount(dev, MNT, "ext2", 0, NULL) != 0)
		die("mount");
	memset(buf, 'x', sizeof(buf));
	fd = open(FILE_, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		die("open");
	t0 = rdtsc();
	for (i = 0; i < SIZE; i += CHUNK)
		if (write(fd, buf, CHUNK) != (ssize_t)CHUNK)
			die("write");
	t1 = rdtsc();
	printf("write:      %8lu ticks/page\n", (unsigned long)((t1 - t0) / PAGES));
	t0 = rdtsc();
	if (fsync(fd) != 0)
		die("fsync");
	t1 = rdtsc();
	printf("fsync:      %8lu ticks/page\n", (unsigned long)((t1 - t0) / PAGES));
	close(fd);

	remount(dev);
	fd = open(FILE_, O_RDONLY);
	if (fd < 0)
		die("open");
	m0 = majflt();
	t0 = rdtsc();
	for (i = 0; i < SIZE; i += CHUNK)
		if (read(fd, buf, CHUNK) != (ssize_t)CHUNK)
			die("read");
	t1 = rdtsc();
	printf("cold read:  %8lu ticks/page (%ld major faults)\n",
	       (unsigned long)((t1 - t0) / PAGES), majflt() - m0);
	close(fd);

	remount(dev);
	fd = open(FILE_, O_RDONLY);
	if (fd < 0)
		die("open");
	map = mmap(NULL, SIZE, PROT_READ, MAP_SHARED, fd, 0);
	if (map == MAP_FAILED)
		die("mmap");
	m0 = majflt();
	t0 = rdtsc();
	for (i = 0; i < SIZE; i += 4096)
		sum += (unsigned char)map[i];
	t1 = rdtsc();
	printf("cold mmap:  %8lu ticks/page (%ld major faults for %lu pages)\n",
	       (unsigned long)((t1 - t0) / PAGES), majflt() - m0, PAGES);
	munmap(map, SIZE);
	close(fd);
	unlink(FILE_);
	if (umount(MNT) != 0)
		die("umount");
	return sum == PAGES * 'x' ? 0 : 2;
}
