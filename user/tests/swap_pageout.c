/*
 * swap_pageout - MADV_PAGEOUT sends private anonymous pages to swap, and they come back
 * intact: 4 MiB filled with a pattern, paged out (pswpout grows by at least its 1024 pages,
 * SwapFree falls by at least 4 MiB, /proc/self/pagemap shows every page on swap), then read
 * back (every byte as written). On Faultline, which writes synchronously and frees each page
 * once written, SwapCached is then 0 and the read-back reads every page (pswpin grows by at
 * least 1024, with major faults); Linux's writes are asynchronous and its written pages stay in
 * the swap cache until reclaim, so it reads fewer (printed, not checked). munmap gives every
 * slot back (SwapFree as before; on Linux less what the swap cache still holds).
 * Without swap on, MADV_PAGEOUT leaves the pages where they are.
 */
#include "swap_disk.h"

#define PAGES	1024UL

int main(void)
{
	size_t len = PAGES * PAGE_SIZE, bad;
	long free0, free1, out0, out1, in0, in1, maj0, maj1, cached;
	unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ASSERT(p != MAP_FAILED, "mmap: %s", strerror(errno));
	fill(p, PAGES, 1);

	/* No swap: nothing moves. */
	out0 = vmstat("pswpout");
	EXPECT_EQ(madvise(p, len, MADV_PAGEOUT), 0);
	EXPECT_EQ(vmstat("pswpout"), out0);
	EXPECT_EQ(swapped_pages(p, PAGES), 0);

	swap_on();
	free0 = meminfo_kb("SwapFree:");
	out0 = vmstat("pswpout");
	EXPECT_EQ(madvise(p, len, MADV_PAGEOUT), 0);
	out1 = vmstat("pswpout");
	free1 = meminfo_kb("SwapFree:");
	EXPECT(out1 - out0 >= (long)PAGES, "pswpout grew by %ld, expected >= %lu", out1 - out0, PAGES);
	EXPECT(free0 - free1 >= (long)(len / 1024), "SwapFree fell by %ld kB, expected >= %zu",
	       free0 - free1, len / 1024);
	EXPECT_EQ(swapped_pages(p, PAGES), PAGES);

	/* Faultline wrote the pages synchronously and freed them; Linux's writes are
	 * asynchronous and its pages wait in the swap cache until reclaim. */
	cached = meminfo_kb("SwapCached:") / 4;
	if (on_faultline())
		EXPECT_EQ(cached, 0);
	in0 = vmstat("pswpin");
	maj0 = majflt();
	bad = bad_pages(p, PAGES, 1);
	maj1 = majflt();
	in1 = vmstat("pswpin");
	EXPECT(bad == 0, "%zu of %lu pages came back wrong", bad, PAGES);
	if (on_faultline()) {
		EXPECT(in1 - in0 >= (long)PAGES, "pswpin grew by %ld, expected >= %lu", in1 - in0, PAGES);
		EXPECT(maj1 > maj0, "no major fault reading %lu pages back from swap", PAGES);
	} else {
		printf("Linux: pswpin +%ld, major faults +%ld, %ld pages were in the swap cache\n",
		       in1 - in0, maj1 - maj0, cached);
	}
	if (in1 > in0)
		EXPECT(maj1 > maj0, "%ld pages read from swap but no major fault", in1 - in0);
	EXPECT_EQ(swapped_pages(p, PAGES), 0);

	EXPECT_EQ(munmap(p, len), 0);
	EXPECT_SWAPFREE(free0);
	EXPECT_EQ(swapoff(SWAP_DEV), 0);
	return test_done();
}
