/*
 * reclaim_unmap_swapped - mprotect, munmap and MADV_DONTNEED on ranges that memory pressure
 * sent to swap. Twice RAM of anonymous memory is filled; its first three eighths, filled
 * first, are partly on swap (/proc/self/pagemap). Then:
 *   eighth 0  mprotect(PROT_READ): a write to a page still on swap is SIGSEGV (the fault reads
 *             the page in, the protection holds), reads give the data back; PROT_READ|WRITE
 *             again lets a new pattern be written and read back
 *   eighth 1  munmap: its slots are freed at once (SwapFree grows)
 *   eighth 2  MADV_DONTNEED: its slots are freed too, and it reads as zeros
 * The rest reads back intact, and after munmap of everything SwapFree is back where it started.
 */
#include "reclaim_disk.h"

static unsigned char *wp;

/* write_page - the child's write to a read-only page (expected to die by SIGSEGV). */
static void write_page(void *arg)
{
	(void)arg;
	*(volatile unsigned char *)wp = 1;
}

int main(void)
{
	size_t pages = 2 * ram_pages(), c = pages / 8, rest = pages - 3 * c, zeros = 0;
	long others0, free0, free1, free2;
	unsigned char *p;
	size_t out0, out1, out2, i;

	reclaim_swap_on(RECLAIM_SWAP_DEV);
	others0 = others_swap_kb();
	free0 = meminfo_kb("SwapFree:");
	p = map_anon(pages);
	fill(p, pages, 1);
	out0 = swapped_pages(p, c);
	out1 = swapped_pages(p + c * PAGE_SIZE, c);
	out2 = swapped_pages(p + 2 * c * PAGE_SIZE, c);
	EXPECT(out0 > 0 && out1 > 0 && out2 > 0, "pages on swap in eighths 0-2: %zu %zu %zu of %zu",
	       out0, out1, out2, c);

	/* Eighth 0: read-only, with pages still out. */
	EXPECT_EQ(mprotect(p, c * PAGE_SIZE, PROT_READ), 0);
	for (i = 0; i < c && !(pagemap_entry(p + i * PAGE_SIZE) & PM_SWAP); i++)
		;
	if (i < c) {
		wp = p + i * PAGE_SIZE;
		expect_signal(write_page, NULL, SIGSEGV);
	}
	EXPECT_EQ(bad_pages(p, c, 1), 0);
	EXPECT_EQ(mprotect(p, c * PAGE_SIZE, PROT_READ | PROT_WRITE), 0);
	fill(p, c, 4);

	/* Eighths 1 and 2: their slots are given back. */
	free1 = meminfo_kb("SwapFree:");
	EXPECT_EQ(munmap(p + c * PAGE_SIZE, c * PAGE_SIZE), 0);
	EXPECT_EQ(madvise(p + 2 * c * PAGE_SIZE, c * PAGE_SIZE, MADV_DONTNEED), 0);
	free2 = meminfo_kb("SwapFree:");
	EXPECT(free2 > free1, "SwapFree %ld kB after munmap and MADV_DONTNEED of %zu pages on swap, "
	       "%ld before", free2, out1 + out2, free1);
	for (i = 0; i < c; i++) {
		const uint64_t *w = (const uint64_t *)(p + (2 * c + i) * PAGE_SIZE);

		for (size_t k = 0; k < PAGE_SIZE / 8; k++)
			if (w[k]) {
				zeros++;
				break;
			}
	}
	EXPECT(zeros == 0, "%zu pages not zero after MADV_DONTNEED", zeros);

	/* Eighth 0 with its new pattern, and the rest with the first. */
	EXPECT_EQ(bad_pages(p, c, 4), 0);
	for (i = 0; i < rest; i++) {
		const uint64_t *w = (const uint64_t *)(p + (3 * c + i) * PAGE_SIZE);

		for (size_t k = 0; k < PAGE_SIZE / 8; k++)
			if (w[k] != ((1ULL << 40) ^ ((3 * c + i) << 12) ^ k ^ 0x5a5a000000000000ULL)) {
				FAIL("page %zu reads wrong (word %zu: %#llx)", 3 * c + i, k,
				     (unsigned long long)w[k]);
				break;
			}
	}

	EXPECT_EQ(munmap(p, c * PAGE_SIZE), 0);
	EXPECT_EQ(munmap(p + 2 * c * PAGE_SIZE, (pages - 2 * c) * PAGE_SIZE), 0);
	EXPECT_SWAPFREE_BACK(free0, others0);
	reclaim_swap_off();
	return test_done();
}
