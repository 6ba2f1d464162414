/*
 * reclaim_swapoff - swapoff with pages that memory pressure sent out brings them back: a
 * quarter of RAM of anonymous memory is filled first, then 1.75 x RAM more, which pushes much
 * of the first out (/proc/self/pagemap). The second mapping is unmapped, so what is left fits
 * in RAM, and swapoff succeeds: afterwards no page of the first mapping is on swap, SwapTotal
 * is 0, and its data is intact.
 */
#include "reclaim_disk.h"

int main(void)
{
	size_t ram = ram_pages(), apages = ram / 4, bpages = ram * 7 / 4, out;
	unsigned char *a, *b;

	reclaim_swap_on(RECLAIM_SWAP_DEV);
	a = map_anon(apages);
	fill(a, apages, 6);
	b = map_anon(bpages);
	fill(b, bpages, 7);
	out = swapped_pages(a, apages);
	EXPECT(out > 0, "none of the first %zu pages is on swap after 1.75 x RAM more", apages);
	EXPECT_EQ(munmap(b, bpages * PAGE_SIZE), 0);

	reclaim_swap_off();
	EXPECT_EQ(meminfo_kb("SwapTotal:"), 0);
	EXPECT_EQ(swapped_pages(a, apages), 0);
	EXPECT_EQ(bad_pages(a, apages, 6), 0);
	EXPECT_EQ(munmap(a, apages * PAGE_SIZE), 0);
	return test_done();
}
