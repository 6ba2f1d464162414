/*
 * swap_fork - pages on swap are shared by fork: 256 pages paged out, then fork; the child
 * writes its own pattern over the first half (write faults on swap entries the parent holds
 * too) and reads both halves back, its own and the parent's; the parent then reads its own
 * data intact (copy-on-write across swap: the child's writes do not show). After both are done (the child exited, the parent unmapped) every slot
 * is free again: SwapFree is back where it started.
 */
#include "swap_disk.h"

#define PAGES	256UL

int main(void)
{
	size_t len = PAGES * PAGE_SIZE;
	long free0, free1;
	unsigned char *p;
	int status;
	pid_t pid;

	swap_on();
	free0 = meminfo_kb("SwapFree:");
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT(p != MAP_FAILED, "mmap: %s", strerror(errno));
	fill(p, PAGES, 2);
	EXPECT_EQ(madvise(p, len, MADV_PAGEOUT), 0);
	EXPECT_EQ(swapped_pages(p, PAGES), PAGES);
	free1 = meminfo_kb("SwapFree:");

	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		size_t bad;

		/* Write faults on swap entries both processes hold: the child must get copies. */
		fill(p, PAGES / 2, 3);
		bad = bad_pages(p, PAGES / 2, 3);
		for (size_t i = PAGES / 2; i < PAGES; i++) {	/* the second half: still the parent's */
			const uint64_t *w = (const uint64_t *)(p + i * PAGE_SIZE);

			if (w[1] != ((2ULL << 40) ^ (i << 12) ^ 1 ^ 0x5a5a000000000000ULL))
				bad++;
		}
		if (bad)
			fprintf(stderr, "child: %zu pages wrong\n", bad);
		_exit(bad ? 1 : 0);
	}
	ASSERT(waitpid(pid, &status, 0) == pid, "waitpid: %s", strerror(errno));
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %#x", status);
	/* The child's exit must not free the slots the parent's PTEs still hold. */
	EXPECT(meminfo_kb("SwapFree:") <= free1, "SwapFree %ld kB after the child, %ld before it",
	       meminfo_kb("SwapFree:"), free1);
	EXPECT_EQ(swapped_pages(p, PAGES), PAGES);
	EXPECT_EQ(bad_pages(p, PAGES, 2), 0);
	EXPECT_EQ(munmap(p, len), 0);
	EXPECT_SWAPFREE(free0);
	EXPECT_EQ(swapoff(SWAP_DEV), 0);
	return test_done();
}
