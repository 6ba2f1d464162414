/*
 * user/tests/swap_disk.h - what the swap_* tests share: the swap disk and the counters.
 *
 * tools/run-user-tests and tools/run-user-tests-linux attach a 64 MiB disk made by
 * tools/mkswapdisk (Debian's mkswap) as /dev/vdg. A test turns swap on with swap_on(), which
 * also arranges for swapoff at exit, so a failed check never leaves swap on for the next test
 * or the second pass. Children of a test leave with _exit().
 *
 *   swap_on()              swapon(SWAP_DEV, 0), asserting it worked
 *   vmstat(name)           a /proc/vmstat counter (-1 if missing)
 *   meminfo_kb(name)       a /proc/meminfo line's value in kB ("SwapFree:"), -1 if missing
 *   fill(p, pages, seed)   write a pattern unique to each word, page and seed
 *   bad_pages(p, pages, seed)  how many pages differ from it
 *   majflt()               this process's major faults (getrusage)
 *   EXPECT_SWAPFREE(kb)    SwapFree is @kb: exactly on Faultline, which takes a page out of the
 *                          swap cache (freeing its slot) as soon as no PTE needs it and its
 *                          write is done. On Linux up to SwapCached + 512 kB less: Linux's swap
 *                          writes are asynchronous and it leaves written pages in the swap
 *                          cache until reclaim or swapoff, and each CPU keeps up to 64 slots
 *                          allocated ahead and 64 freed ones not yet given back (swap_slots.c)
 */
#ifndef FAULTLINE_USER_SWAP_DISK_H
#define FAULTLINE_USER_SWAP_DISK_H

#include "test.h"
#include <sys/swap.h>

#define SWAP_DEV	"/dev/vdg"
#define PM_SWAP		(1ULL << 62)

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT	21
#endif

static void swap_off_at_exit(void)
{
	swapoff(SWAP_DEV);
}

static inline void swap_on(void)
{
	ASSERT(swapon(SWAP_DEV, 0) == 0, "swapon(%s): %s", SWAP_DEV, strerror(errno));
	atexit(swap_off_at_exit);
}

static inline void fill(unsigned char *p, size_t pages, uint64_t seed)
{
	for (size_t i = 0; i < pages; i++) {
		uint64_t *w = (uint64_t *)(p + i * PAGE_SIZE);

		for (size_t k = 0; k < PAGE_SIZE / 8; k++)
			w[k] = (seed << 40) ^ (i << 12) ^ k ^ 0x5a5a000000000000ULL;
	}
}

static inline size_t bad_pages(const unsigned char *p, size_t pages, uint64_t seed)
{
	size_t bad = 0;

	for (size_t i = 0; i < pages; i++) {
		const uint64_t *w = (const uint64_t *)(p + i * PAGE_SIZE);

		for (size_t k = 0; k < PAGE_SIZE / 8; k++)
			if (w[k] != ((seed << 40) ^ (i << 12) ^ k ^ 0x5a5a000000000000ULL)) {
				bad++;
				break;
			}
	}
	return bad;
}

#define EXPECT_SWAPFREE(kb)							\
	do {									\
		long _want = (kb), _free = meminfo_kb("SwapFree:");		\
		long _cached = meminfo_kb("SwapCached:");			\
		if (on_faultline())						\
			EXPECT(_free == _want, "SwapFree %ld kB, expected %ld", _free, _want); \
		else								\
			EXPECT(_free <= _want && _want - _free <= _cached + 512, \
			       "SwapFree %ld kB, expected %ld less at most SwapCached %ld + 512", \
			       _free, _want, _cached);				\
	} while (0)

static inline long majflt(void)
{
	struct rusage ru;

	ASSERT(getrusage(RUSAGE_SELF, &ru) == 0, "getrusage: %s", strerror(errno));
	return ru.ru_majflt;
}

/* resident_pages - how many pages of [p, p + pages) (at most 1024) mincore reports resident. */
static inline size_t resident_pages(const unsigned char *p, size_t pages)
{
	static unsigned char vec[1024];
	size_t n = 0;

	ASSERT(pages <= sizeof(vec), "resident_pages: %zu pages, at most %zu", pages, sizeof(vec));
	ASSERT(mincore((void *)p, pages * PAGE_SIZE, vec) == 0, "mincore: %s", strerror(errno));
	for (size_t i = 0; i < pages; i++)
		n += vec[i] & 1;
	return n;
}

/* swapped_pages - how many pages of [p, p + pages) /proc/self/pagemap shows on swap. */
static inline size_t swapped_pages(const unsigned char *p, size_t pages)
{
	size_t n = 0;

	for (size_t i = 0; i < pages; i++)
		n += (pagemap_entry(p + i * PAGE_SIZE) & PM_SWAP) != 0;
	return n;
}

#endif
