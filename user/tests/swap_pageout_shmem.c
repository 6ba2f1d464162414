/*
 * swap_pageout_shmem - MADV_PAGEOUT sends shared anonymous (shmem) pages to swap too, as Linux
 * 6.1 does for pages one PTE maps, and they come back intact: 1 MiB of MAP_SHARED|MAP_ANONYMOUS
 * memory filled with a pattern, paged out (pswpout grows by at least its 256 pages, SwapFree
 * falls by at least 1 MiB, /proc/meminfo Shmem by as much: on Linux by at least 3/4 of it, a
 * page or two may not be on its LRU lists yet), then read back: every byte as written, and,
 * on Faultline, which frees each page once written, with major faults; the first page's read
 * brings its neighbours into the swap cache, which mincore counts as resident. A child forked
 * afterwards sees the same data through the same object and writes to it; the parent sees the
 * writes. munmap of the last mapping gives every slot back (SwapFree as before; on Linux less
 * what the swap cache still holds).
 */
#include "swap_disk.h"
#include <sys/wait.h>

#define PAGES	256UL

int main(void)
{
	size_t len = PAGES * PAGE_SIZE, bad;
	long free0, free1, out0, out1, shmem0, shmem1, maj0, maj1;
	unsigned char *p;
	size_t resident;
	int status;
	pid_t pid;

	swap_on();
	free0 = meminfo_kb("SwapFree:");
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT(p != MAP_FAILED, "mmap: %s", strerror(errno));
	fill(p, PAGES, 7);

	shmem0 = meminfo_kb("Shmem:");
	out0 = vmstat("pswpout");
	EXPECT_EQ(madvise(p, len, MADV_PAGEOUT), 0);
	out1 = vmstat("pswpout");
	free1 = meminfo_kb("SwapFree:");
	shmem1 = meminfo_kb("Shmem:");
	EXPECT(out1 - out0 >= (long)PAGES, "pswpout grew by %ld, expected >= %lu", out1 - out0, PAGES);
	EXPECT(free0 - free1 >= (long)(len / 1024), "SwapFree fell by %ld kB, expected >= %zu",
	       free0 - free1, len / 1024);
	/* Linux may miss a page or two not yet on its LRU lists (still in a per-CPU batch). */
	EXPECT(shmem0 - shmem1 >= (long)(on_faultline() ? len / 1024 : len / 1024 * 3 / 4),
	       "Shmem fell by %ld kB, expected >= %zu", shmem0 - shmem1, len / 1024);
	if (on_faultline()) {		/* written and freed: nothing in the swap cache */
		resident = resident_pages(p, PAGES);
		EXPECT(resident == 0, "mincore: %zu of %lu paged-out pages resident", resident, PAGES);
	}

	/* One page read back brings its neighbours into the swap cache (swap read-ahead), and
	 * mincore counts those as resident, as Linux's mincore_page does. */
	maj0 = majflt();
	EXPECT_EQ(bad_pages(p, 1, 7), 0);
	if (on_faultline()) {
		resident = resident_pages(p, PAGES);
		EXPECT(resident > 1 && resident < PAGES,
		       "mincore: %zu of %lu pages resident after one was read back", resident, PAGES);
	}
	bad = bad_pages(p, PAGES, 7);
	maj1 = majflt();
	EXPECT(bad == 0, "%zu of %lu pages came back wrong", bad, PAGES);
	if (on_faultline())
		EXPECT(maj1 > maj0, "no major fault reading %lu shmem pages back from swap", PAGES);
	EXPECT(meminfo_kb("Shmem:") >= shmem0, "Shmem %ld kB after the read-back, %ld before",
	       meminfo_kb("Shmem:"), shmem0);

	/* Out once more, then a child reads and writes the same object. */
	EXPECT_EQ(madvise(p, len, MADV_PAGEOUT), 0);
	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		if (bad_pages(p, PAGES, 7))
			_exit(4);
		fill(p, PAGES / 2, 8);
		_exit(0);
	}
	ASSERT(waitpid(pid, &status, 0) == pid, "waitpid: %s", strerror(errno));
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %#x", status);
	EXPECT_EQ(bad_pages(p, PAGES / 2, 8), 0);	/* the child's writes, shared */

	EXPECT_EQ(munmap(p, len), 0);
	EXPECT_SWAPFREE(free0);
	EXPECT_EQ(swapoff(SWAP_DEV), 0);
	return test_done();
}
