/*
 * reclaim_anon_twice_ram - anonymous memory twice the size of RAM (MemTotal) filled with a
 * pattern unique to every word and page, then read back page by page: every byte comes back,
 * so the pages that did not fit went to swap and returned. /proc/vmstat's pswpout and pswpin
 * grew, and the read-back took major faults (getrusage ru_majflt). Afterwards every slot is
 * free again (SwapFree back where it started).
 */
#include "reclaim_disk.h"

int main(void)
{
	size_t pages = 2 * ram_pages(), bad;
	long others0, free0, out0, in0, maj0, maj1;
	unsigned char *p;

	reclaim_swap_on(RECLAIM_SWAP_DEV);
	others0 = others_swap_kb();
	free0 = meminfo_kb("SwapFree:");
	out0 = vmstat("pswpout");
	in0 = vmstat("pswpin");
	p = map_anon(pages);
	fill(p, pages, 1);
	EXPECT(vmstat("pswpout") > out0, "pswpout %ld after filling %zu pages, %ld before",
	       vmstat("pswpout"), pages, out0);

	maj0 = majflt();
	bad = bad_pages(p, pages, 1);
	maj1 = majflt();
	EXPECT(bad == 0, "%zu of %zu pages read back wrong", bad, pages);
	EXPECT(maj1 > maj0, "no major fault reading back %zu pages (ru_majflt %ld)", pages, maj1);
	EXPECT(vmstat("pswpin") > in0, "pswpin %ld after the read-back, %ld before",
	       vmstat("pswpin"), in0);

	EXPECT_EQ(munmap(p, pages * PAGE_SIZE), 0);
	EXPECT_SWAPFREE_BACK(free0, others0);
	reclaim_swap_off();
	return test_done();
}
