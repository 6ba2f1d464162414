/*
 * reclaim_vmstat_counts - what a student watches: /proc/vmstat and /proc/meminfo have Linux's
 * reclaim and swap lines, and they move the right way under pressure. Filling 1.5 x RAM of
 * anonymous memory with swap on makes reclaim scan and take pages (pgscan_kswapd +
 * pgscan_direct and pgsteal_kswapd + pgsteal_direct grow) and write them to swap (pswpout
 * grows; SwapFree falls below SwapTotal while they are out); reading it all back brings pages
 * in (pswpin and pgmajfault grow).
 */
#include "reclaim_disk.h"

static const char *const vmstat_names[] = {
	"pgscan_kswapd", "pgscan_direct", "pgsteal_kswapd", "pgsteal_direct", "pgactivate",
	"pgdeactivate", "pswpin", "pswpout", "pgmajfault",
};

static const char *const meminfo_names[] = {
	"Active(anon):", "Inactive(anon):", "Active(file):", "Inactive(file):", "AnonPages:",
	"Mapped:", "Dirty:", "Writeback:", "SwapCached:", "SwapTotal:", "SwapFree:",
};

/* both - the sum of /proc/vmstat's "<what>_kswapd" and "<what>_direct". */
static long both(const char *what)
{
	char k[64], d[64];

	snprintf(k, sizeof(k), "%s_kswapd", what);
	snprintf(d, sizeof(d), "%s_direct", what);
	return vmstat(k) + vmstat(d);
}

int main(void)
{
	size_t pages = ram_pages() * 3 / 2;
	long scan0, steal0, out0, in0, maj0, v;
	unsigned char *p;

	for (size_t i = 0; i < sizeof(vmstat_names) / sizeof(vmstat_names[0]); i++)
		EXPECT(vmstat(vmstat_names[i]) >= 0, "no \"%s\" line in /proc/vmstat", vmstat_names[i]);
	for (size_t i = 0; i < sizeof(meminfo_names) / sizeof(meminfo_names[0]); i++)
		EXPECT(meminfo_kb(meminfo_names[i]) >= 0, "no \"%s\" line in /proc/meminfo",
		       meminfo_names[i]);

	reclaim_swap_on(RECLAIM_SWAP_DEV);
	scan0 = both("pgscan");
	steal0 = both("pgsteal");
	out0 = vmstat("pswpout");
	in0 = vmstat("pswpin");
	maj0 = vmstat("pgmajfault");
	p = map_anon(pages);
	fill(p, pages, 11);
	EXPECT((v = both("pgscan")) > scan0, "pgscan_kswapd + pgscan_direct: %ld, %ld before", v, scan0);
	EXPECT((v = both("pgsteal")) > steal0, "pgsteal_kswapd + pgsteal_direct: %ld, %ld before", v,
	       steal0);
	EXPECT((v = vmstat("pswpout")) > out0, "pswpout: %ld, %ld before", v, out0);
	EXPECT(meminfo_kb("SwapFree:") < meminfo_kb("SwapTotal:"), "SwapFree %ld kB, SwapTotal %ld kB "
	       "with pages out", meminfo_kb("SwapFree:"), meminfo_kb("SwapTotal:"));

	EXPECT_EQ(bad_pages(p, pages, 11), 0);
	EXPECT((v = vmstat("pswpin")) > in0, "pswpin: %ld, %ld before", v, in0);
	EXPECT((v = vmstat("pgmajfault")) > maj0, "pgmajfault: %ld, %ld before", v, maj0);
	EXPECT_EQ(munmap(p, pages * PAGE_SIZE), 0);
	reclaim_swap_off();
	return test_done();
}
