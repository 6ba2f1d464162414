/*
 * reclaim_shmem_mincore_meminfo - what a program sees of shared anonymous memory going to
 * swap and coming back, as on Linux. A MAP_SHARED | MAP_ANONYMOUS region of a quarter of RAM
 * (MemTotal) is filled: mincore reports every page resident, /proc/meminfo's Shmem and this
 * process's RssShmem (/proc/self/status) grew by its size. Then 1.25 x RAM of private
 * anonymous memory pushes it out: mincore reports pages not resident; Shmem counts only the
 * shmem pages in memory (a page on swap, or only in the swap cache, is not counted), so it is
 * at most what mincore still finds resident; RssShmem dropped by at least the pages mincore
 * finds out (their PTEs are gone). The private memory is unmapped and the region read back:
 * every byte intact, all resident, Shmem and RssShmem back up. After munmap Shmem is back
 * where it started.
 */
#include "reclaim_disk.h"

/* How far Shmem may be off (kB): other programs' own shmem changing meanwhile. */
#define SHMEM_SLACK_KB	256

/* rss_shmem_kb - this process's RssShmem (/proc/self/status), in kB; -1 if missing. */
static long rss_shmem_kb(void)
{
	return read_counter("/proc/self/status", "RssShmem:");
}

/*
 * check_counters - at point @when of the test, with the region @s of @spages pages and Shmem
 * @shmem0 kB, RssShmem @rss0 kB at the start: what holds at any moment on Linux. Shmem counts
 * only shmem pages in memory, so its growth is at most what mincore finds resident; every page
 * this process maps is one of those, so RssShmem's growth is at most Shmem's. Returns the
 * pages mincore finds not resident; *@shmem and *@rss get the two growths (kB).
 */
static long check_counters(const char *when, unsigned char *s, size_t spages, long shmem0,
			   long rss0, long *shmem, long *rss)
{
	long out = not_resident(s, spages);
	long resident_kb;

	ASSERT(out >= 0, "%s: mincore failed", when);
	resident_kb = (long)(spages - out) * (long)(PAGE_SIZE / 1024);

	*shmem = meminfo_kb("Shmem:") - shmem0;
	*rss = rss_shmem_kb() - rss0;
	EXPECT(*shmem <= resident_kb + SHMEM_SLACK_KB, "%s: Shmem grew by %ld kB, but mincore "
	       "finds only %ld kB of the region resident", when, *shmem, resident_kb);
	EXPECT(*rss <= *shmem + SHMEM_SLACK_KB, "%s: RssShmem grew by %ld kB, Shmem by %ld kB",
	       when, *rss, *shmem);
	return out;
}

int main(void)
{
	size_t ram = ram_pages(), spages = ram / 8, fpages = ram * 5 / 4;
	long shmem0, rss0, size_kb = (long)spages * (PAGE_SIZE / 1024), shmem, rss, out;
	unsigned char *s, *filler;

	reclaim_swap_on(RECLAIM_SWAP_DEV);
	shmem0 = meminfo_kb("Shmem:");
	rss0 = rss_shmem_kb();
	ASSERT(shmem0 >= 0 && rss0 >= 0, "no Shmem: in /proc/meminfo (%ld) or RssShmem: in "
	       "/proc/self/status (%ld)", shmem0, rss0);
	s = mmap(NULL, spages * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT(s != MAP_FAILED, "mmap MAP_SHARED|MAP_ANONYMOUS %zu pages: %s", spages,
	       strerror(errno));
	filler = map_anon(fpages);

	/* Filled: (nearly) all in memory, and counted. */
	fill(s, spages, 41);
	out = check_counters("filled", s, spages, shmem0, rss0, &shmem, &rss);
	EXPECT(out <= (long)spages / 4, "filled: mincore finds %ld of %zu pages not resident",
	       out, spages);
	EXPECT(shmem >= size_kb * 3 / 4, "filled: Shmem grew by %ld kB for a region of %ld kB",
	       shmem, size_kb);
	EXPECT(rss >= size_kb * 3 / 4, "filled: RssShmem grew by %ld kB for a region of %ld kB",
	       rss, size_kb);

	/* Pushed out by private memory: mincore says so, and both counters dropped with it. */
	fill(filler, fpages, 42);
	out = check_counters("pushed out", s, spages, shmem0, rss0, &shmem, &rss);
	EXPECT(out >= (long)spages / 4, "pushed out: mincore finds %ld of %zu shmem pages not "
	       "resident after 1.25 x RAM (%zu pages) of private memory", out, spages, fpages);
	EXPECT(rss <= (long)(spages - out) * (long)(PAGE_SIZE / 1024), "pushed out: RssShmem "
	       "grew by %ld kB, but %ld of %zu pages are not resident", rss, out, spages);

	/* Read back with room to spare: intact, in memory and counted again. */
	EXPECT_EQ(munmap(filler, fpages * PAGE_SIZE), 0);
	EXPECT_EQ(bad_pages(s, spages, 41), 0);
	out = check_counters("read back", s, spages, shmem0, rss0, &shmem, &rss);
	EXPECT(out <= (long)spages / 4, "read back: mincore finds %ld of %zu pages not resident",
	       out, spages);
	EXPECT(shmem >= size_kb * 3 / 4, "read back: Shmem is %ld kB above its start for a "
	       "region of %ld kB", shmem, size_kb);
	EXPECT(rss >= size_kb * 3 / 4, "read back: RssShmem is %ld kB above its start for a "
	       "region of %ld kB", rss, size_kb);

	EXPECT_EQ(munmap(s, spages * PAGE_SIZE), 0);
	shmem = meminfo_kb("Shmem:") - shmem0;
	EXPECT(shmem >= -SHMEM_SLACK_KB && shmem <= SHMEM_SLACK_KB,
	       "Shmem is %ld kB off its start after munmap", shmem);
	reclaim_swap_off();
	return test_done();
}
