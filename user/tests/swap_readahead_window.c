/*
 * swap_readahead_window - a program that reads its swapped memory back in order has its swap
 * read-ahead window grow ahead of it: 512 pages paged out (MADV_PAGEOUT, slots in order), the
 * first 40 read back in order, and then mincore(2) shows the pages after them already in the
 * swap cache (read ahead; the test waits up to a second for reads still on their way in). On
 * Faultline the window doubles on each window the reader reaches (8 slots around the major
 * fault, then 16, 32, 64), so at least 64 pages past the reader are resident; a fixed window
 * of 8 slots leaves at most 8 (7 before the growing window). The same holds for two readers
 * taking turns page by page (from pages 256 and 384): each has its own window (one window per
 * device left each at most 16 ahead). And the read-back of all 512 takes few major faults (at
 * most one in 8).
 * On Linux 6.1 both are printed, not checked: its swap writes are asynchronous and the pages
 * MADV_PAGEOUT wrote stay in the swap cache until reclaim (see swap_pageout), so nothing is
 * read back at all. On both, every page comes back intact.
 */
#include "swap_disk.h"

#define PAGES	512UL
#define READ	40UL		/* pages read before looking ahead of the reader */
#define AHEAD	64UL		/* pages Faultline has read ahead of them at least */
#define SECOND	256UL		/* where the two readers taking turns start */
#define THIRD	384UL

/* swap_slot - the swap slot (offset) /proc/self/pagemap shows for @addr, 0 if not on swap. */
static uint64_t swap_slot(const void *addr)
{
	uint64_t e = pagemap_entry(addr);

	return (e & PM_SWAP) ? (e & PM_PFN_MASK) >> 5 : 0;
}

/* page_bad - does page @i of @p differ from what fill(p, PAGES, 7) wrote there? */
static int page_bad(const unsigned char *p, size_t i)
{
	const uint64_t *w = (const uint64_t *)(p + i * PAGE_SIZE);

	for (size_t k = 0; k < PAGE_SIZE / 8; k++)
		if (w[k] != ((7ULL << 40) ^ (i << 12) ^ k ^ 0x5a5a000000000000ULL))
			return 1;
	return 0;
}

/* resident_after - how many pages from @first on (up to PAGES) mincore shows resident in a
 * row. A page read ahead counts once its read is over (mincore, as Linux's, does not count a
 * read still in flight), and the disk answers in host time: look again, 10 ms apart, for up
 * to a second, until AHEAD pages are there. */
static size_t resident_after(const unsigned char *p, size_t first)
{
	static unsigned char vec[PAGES];
	size_t n = 0;

	for (int tries = 0; tries < 100; tries++) {
		ASSERT(mincore((void *)p, PAGES * PAGE_SIZE, vec) == 0, "mincore: %s", strerror(errno));
		for (n = 0; first + n < PAGES && (vec[first + n] & 1); n++)
			;
		if (n >= AHEAD || first + n >= PAGES)
			break;
		usleep(10000);
	}
	return n;
}

/* check_ahead - @ahead pages were resident after the reader that stopped before @next. */
static void check_ahead(size_t next, size_t ahead)
{
	if (on_faultline())
		EXPECT(ahead >= AHEAD, "after reading in order up to page %zu, %zu pages after it "
		       "are resident (read ahead), expected >= %lu", next, ahead, AHEAD);
	else
		printf("Linux: %zu pages resident after page %zu\n", ahead, next);
}

int main(void)
{
	size_t len = PAGES * PAGE_SIZE, in_order = 1, bad = 0, second, third;
	long free0, maj0, maj1;
	unsigned char *p;

	swap_on();
	free0 = meminfo_kb("SwapFree:");
	p = map_anon(PAGES);
	fill(p, PAGES, 7);
	ASSERT(madvise(p, len, MADV_PAGEOUT) == 0, "MADV_PAGEOUT: %s", strerror(errno));
	ASSERT(swapped_pages(p, PAGES) == PAGES, "%zu of %lu pages on swap", swapped_pages(p, PAGES),
	       PAGES);
	for (size_t i = 1; i < PAGES; i++)
		in_order &= swap_slot(p + i * PAGE_SIZE) == swap_slot(p + (i - 1) * PAGE_SIZE) + 1;
	EXPECT(in_order, "MADV_PAGEOUT gave the pages slots out of order (%#lx, %#lx, ...)",
	       (unsigned long)swap_slot(p), (unsigned long)swap_slot(p + PAGE_SIZE));

	maj0 = majflt();
	bad = bad_pages(p, READ, 7);
	EXPECT(bad == 0, "%zu of the first %lu pages came back wrong", bad, READ);
	check_ahead(READ, resident_after(p, READ));

	/* Two readers taking turns: page SECOND + i, then THIRD + i. */
	for (size_t i = 0; i < READ; i++)
		bad += page_bad(p, SECOND + i) + page_bad(p, THIRD + i);
	EXPECT(bad == 0, "%zu pages read by the two readers came back wrong", bad);
	second = resident_after(p, SECOND + READ);
	third = resident_after(p, THIRD + READ);
	check_ahead(SECOND + READ, second);
	check_ahead(THIRD + READ, third);

	bad = bad_pages(p, PAGES, 7);
	maj1 = majflt();
	EXPECT(bad == 0, "%zu of %lu pages came back wrong", bad, PAGES);
	if (on_faultline())
		EXPECT(maj1 - maj0 >= 1 && maj1 - maj0 <= (long)(PAGES / 8),
		       "%ld major faults reading %lu swapped pages in order, expected 1 to %lu",
		       maj1 - maj0, PAGES, PAGES / 8);
	else
		printf("Linux: %ld major faults reading the %lu pages\n", maj1 - maj0, PAGES);

	EXPECT_EQ(munmap(p, len), 0);
	EXPECT_SWAPFREE(free0);
	EXPECT_EQ(swapoff(SWAP_DEV), 0);
	return test_done();
}
