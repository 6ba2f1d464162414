/*
 * swap_pageout_rmap - try_to_unmap sends a page that two processes map to swap, leaving the
 * swap entry in both page tables (Faultline only: MADV_PAGEOUT_SHARED, advice 200, goes
 * through the reverse map; Linux 6.1 knows no such advice and says EINVAL, as checked here).
 *
 * After fork the child moves its copy of the 64 pages elsewhere (mremap) and splits it
 * (mprotect), so its PTEs are at other addresses and in other VMAs than the parent's. The
 * parent's MADV_PAGEOUT_SHARED on its own range must swap out all 64 pages in BOTH processes
 * (each slot then counted twice: /proc/mmcheck checks it while both are alive), and each reads
 * its data back intact from swap. On Linux the same family checks the data with no pageout.
 */
#include "swap_disk.h"
#include "rmap_check.h"

#define PAGES			64UL
#define MADV_PAGEOUT_SHARED	200

int main(void)
{
	size_t len = PAGES * PAGE_SIZE;
	int ready[2], go[2];
	unsigned char *p;
	long swapfree;
	char c = 0;
	pid_t pid;

	swap_on();
	swapfree = meminfo_kb("SwapFree:");
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT(p != MAP_FAILED, "mmap: %s", strerror(errno));
	fill(p, PAGES, 33);
	ASSERT(pipe(ready) == 0 && pipe(go) == 0, "pipe: %s", strerror(errno));
	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		unsigned char *q = mmap(NULL, len + 2 * PAGE_SIZE, PROT_READ | PROT_WRITE,
					MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) + PAGE_SIZE;
		size_t swapped;

		close(ready[0]);
		close(go[1]);
		if (mremap(p, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, q) != q ||
		    mprotect(q + 16 * PAGE_SIZE, 16 * PAGE_SIZE, PROT_READ) != 0)
			_exit(20);
		if (write(ready[1], &c, 1) != 1 || read(go[0], &c, 1) != 1)
			_exit(21);
		swapped = swapped_pages(q, PAGES);
		if (on_faultline() ? swapped != PAGES : swapped > PAGES)
			_exit(22);
		_exit(bad_pages(q, PAGES, 33) ? 23 : 0);
	}
	close(ready[1]);
	close(go[0]);
	ASSERT(read(ready[0], &c, 1) == 1, "the child died early");
	if (on_faultline()) {
		EXPECT_EQ(madvise(p, len, MADV_PAGEOUT_SHARED), 0);
		EXPECT_EQ(swapped_pages(p, PAGES), PAGES);
		EXPECT_EQ(meminfo_kb("SwapFree:"), swapfree - (long)(len / 1024));
		expect_mmcheck_ok("64 pages on swap, each slot held by the parent and the child");
	} else {
		EXPECT_ERRNO(madvise(p, len, MADV_PAGEOUT_SHARED), EINVAL);
	}
	ASSERT(write(go[1], &c, 1) == 1, "write: %s", strerror(errno));
	EXPECT_EQ(wait_exit_status(pid), 0);		/* its 64 pages were on swap, intact */
	EXPECT_EQ(bad_pages(p, PAGES, 33), 0);
	expect_mmcheck_ok("after the child exited and the parent read its pages back");
	EXPECT_EQ(munmap(p, len), 0);
	EXPECT_SWAPFREE(swapfree);
	close(ready[0]);
	close(go[1]);
	EXPECT_EQ(swapoff(SWAP_DEV), 0);
	return test_done();
}
