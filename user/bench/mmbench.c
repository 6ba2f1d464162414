/*
 * mmbench - what moving a mapping costs against copying it, and what asking which pages are
 * resident costs (issue 10's figures):
 *   mremap move   64 MiB of touched anonymous memory moved to a new address with
 *                 mremap(MREMAP_MAYMOVE | MREMAP_FIXED): the page-table entries move, the
 *                 pages stay where they are;
 *   copy          the same 64 MiB copied into a fresh mapping (the first touch of each new
 *                 page is a fault) and the old one unmapped: what realloc would do without
 *                 mremap;
 *   mincore       the residency of a 1 GiB mapping, one page in 16 touched.
 * Each figure is rdtsc ticks; under QEMU with -icount shift=0 a tick is one guest
 * instruction, so the same binary compares Faultline and Linux (tools/run-elf-linux).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define MOVE_SIZE	(64UL << 20)
#define MINCORE_SIZE	(1UL << 30)
#define PAGE		4096UL

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
	fprintf(stderr, "mmbench: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* touched_mapping - @size bytes of anonymous memory, every page written. */
static char *touched_mapping(size_t size)
{
	char *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		die("mmap");
	for (size_t i = 0; i < size; i += PAGE)
		p[i] = (char)(i / PAGE);
	return p;
}

int main(void)
{
	static unsigned char vec[MINCORE_SIZE / PAGE];
	unsigned long resident = 0, bad = 0;
	uint64_t t0, t1;
	char *src, *dst, *hole, *big;

	/* mremap move: reserve a destination first, so the move surely goes elsewhere. */
	src = touched_mapping(MOVE_SIZE);
	hole = mmap(NULL, MOVE_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (hole == MAP_FAILED)
		die("mmap");
	t0 = rdtsc();
	dst = mremap(src, MOVE_SIZE, MOVE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED, hole);
	t1 = rdtsc();
	if (dst == MAP_FAILED)
		die("mremap");
	for (size_t i = 0; i < MOVE_SIZE; i += PAGE)
		bad += dst[i] != (char)(i / PAGE);
	printf("mremap move of 64 MiB:   %10lu ticks (%lu per page)\n", (unsigned long)(t1 - t0),
	       (unsigned long)((t1 - t0) / (MOVE_SIZE / PAGE)));
	munmap(dst, MOVE_SIZE);

	/* The same by copying. */
	src = touched_mapping(MOVE_SIZE);
	t0 = rdtsc();
	dst = mmap(NULL, MOVE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (dst == MAP_FAILED)
		die("mmap");
	memcpy(dst, src, MOVE_SIZE);
	munmap(src, MOVE_SIZE);
	t1 = rdtsc();
	for (size_t i = 0; i < MOVE_SIZE; i += PAGE)
		bad += dst[i] != (char)(i / PAGE);
	printf("copy of 64 MiB:          %10lu ticks (%lu per page)\n", (unsigned long)(t1 - t0),
	       (unsigned long)((t1 - t0) / (MOVE_SIZE / PAGE)));
	munmap(dst, MOVE_SIZE);

	/* mincore over 1 GiB, one page in 16 resident. */
	big = mmap(NULL, MINCORE_SIZE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (big == MAP_FAILED)
		die("mmap 1 GiB");
	for (size_t i = 0; i < MINCORE_SIZE; i += 16 * PAGE)
		big[i] = 1;
	t0 = rdtsc();
	if (mincore(big, MINCORE_SIZE, vec) != 0)
		die("mincore");
	t1 = rdtsc();
	for (size_t i = 0; i < sizeof(vec); i++)
		resident += vec[i] & 1;
	printf("mincore over 1 GiB:      %10lu ticks (%lu pages resident of %lu)\n",
	       (unsigned long)(t1 - t0), resident, (unsigned long)sizeof(vec));
	munmap(big, MINCORE_SIZE);
	return bad || resident != sizeof(vec) / 16 ? 2 : 0;
}
