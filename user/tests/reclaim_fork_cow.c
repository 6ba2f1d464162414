/*
 * reclaim_fork_cow - fork after memory pressure sent pages to swap: 1.25 x RAM of anonymous
 * memory filled (so part of it is out, /proc/self/pagemap says so), then fork; the child
 * writes its own pattern over the first half (write faults on swap entries and pages both
 * processes share) and verifies both halves, its own and the parent's; the parent then
 * verifies all of its own data (copy-on-write across swap: the child's writes do not show).
 * Afterwards every slot is free again.
 */
#include "reclaim_disk.h"

int main(void)
{
	size_t pages = ram_pages() * 5 / 4, half = pages / 2, out;
	unsigned char *p;
	long others0, free0;
	pid_t pid;

	reclaim_swap_on(RECLAIM_SWAP_DEV);
	others0 = others_swap_kb();
	free0 = meminfo_kb("SwapFree:");
	p = map_anon(pages);
	fill(p, pages, 2);
	out = swapped_pages(p, pages);
	EXPECT(out > 0, "none of %zu pages is on swap after filling 1.25 x RAM", pages);

	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		size_t bad;

		fill(p, half, 3);
		bad = bad_pages(p, half, 3);
		for (size_t i = half; i < pages; i++) {	/* the second half: still the parent's */
			const uint64_t *w = (const uint64_t *)(p + i * PAGE_SIZE);

			for (size_t k = 0; k < PAGE_SIZE / 8; k++)
				if (w[k] != ((2ULL << 40) ^ (i << 12) ^ k ^ 0x5a5a000000000000ULL)) {
					bad++;
					break;
				}
		}
		if (bad)
			fprintf(stderr, "child: %zu of %zu pages wrong\n", bad, pages);
		_exit(bad ? 1 : 0);
	}
	EXPECT_EQ(wait_exit_status(pid), 0);
	EXPECT_EQ(bad_pages(p, pages, 2), 0);
	EXPECT_EQ(munmap(p, pages * PAGE_SIZE), 0);
	EXPECT_SWAPFREE_BACK(free0, others0);
	reclaim_swap_off();
	return test_done();
}
