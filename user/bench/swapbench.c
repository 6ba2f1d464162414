/*
 * swapbench - what swapping 64 MiB of anonymous memory out and reading it back in order costs
 * (issue 8's swap read-ahead figures):
 *   pageout   64 MiB written (every page), then madvise(MADV_PAGEOUT) on all of it: every page
 *             goes to the swap device;
 *   read      every page read back in address order, its contents checked: each page is a
 *             swap-in, a major fault unless read-ahead brought it in already.
 * Prints rdtsc ticks per page for each, and for the read the major faults (getrusage) and
 * pswpin (/proc/vmstat) it took. Under QEMU with -icount shift=0 a tick is one guest
 * instruction, so the same binary compares Faultline and Linux (tools/run-elf-linux).
 *
 * Usage: swapbench [DEVICE]   swapon(DEVICE) first (default /dev/vda; it needs 64 MiB of
 *                             free swap: a 128 MiB mkswap disk), swapoff at the end.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/swap.h>
#include <unistd.h>
#include "../tests/test.h"	/* vmstat */

#define SIZE		(64UL << 20)
#define PAGE		4096UL
#define PAGES		(SIZE / PAGE)
#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT	21
#endif

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
	fprintf(stderr, "swapbench: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* majflt - this process's major faults. */
static long majflt(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_majflt;
}

int main(int argc, char **argv)
{
	const char *dev = argc > 1 ? argv[1] : "/dev/vda";
	unsigned long bad = 0;
	long maj0, in0;
	uint64_t t0, t1, t2;
	char *p;

	if (swapon(dev, 0))
		die("swapon");
	p = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		die("mmap");
	for (unsigned long i = 0; i < PAGES; i++)
		memset(p + i * PAGE, (int)(i * 13 + 1), PAGE);

	t0 = rdtsc();
	if (madvise(p, SIZE, MADV_PAGEOUT))
		die("madvise(MADV_PAGEOUT)");
	t1 = rdtsc();
	maj0 = majflt();
	in0 = vmstat("pswpin");
	for (unsigned long i = 0; i < PAGES; i++)
		if (p[i * PAGE] != (char)(i * 13 + 1) || p[i * PAGE + PAGE - 1] != (char)(i * 13 + 1))
			bad++;
	t2 = rdtsc();

	printf("swapbench: 64 MiB (%lu pages)\n", PAGES);
	printf("  pageout  %8llu ticks/page\n", (unsigned long long)((t1 - t0) / PAGES));
	printf("  read     %8llu ticks/page, %ld major faults, %ld pswpin, %lu bad pages\n",
	       (unsigned long long)((t2 - t1) / PAGES), majflt() - maj0, vmstat("pswpin") - in0, bad);
	munmap(p, SIZE);
	if (swapoff(dev))
		die("swapoff");
	return bad != 0;
}
