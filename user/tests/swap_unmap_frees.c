/*
 * swap_unmap_frees - a slot is given back when the last PTE holding its entry goes: munmap of
 * part of a paged-out range, MADV_DONTNEED of another part (the next touch reads zeros, not
 * the old data), mremap moving the rest (it stays on swap and comes back intact at the new
 * address), and exit of a child whose pages are on swap. SwapFree returns to where it started.
 */
#include "swap_disk.h"

#define PAGES	192UL

int main(void)
{
	size_t len = PAGES * PAGE_SIZE, third = len / 3;
	long free0;
	unsigned char *p, *q;
	int status;
	pid_t pid;

	swap_on();
	free0 = meminfo_kb("SwapFree:");
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT(p != MAP_FAILED, "mmap: %s", strerror(errno));
	fill(p, PAGES, 4);
	EXPECT_EQ(madvise(p, len, MADV_PAGEOUT), 0);
	EXPECT_EQ(swapped_pages(p, PAGES), PAGES);

	/* munmap the first third: its slots are free. */
	EXPECT_EQ(munmap(p, third), 0);
	EXPECT_SWAPFREE(free0 - (long)((len - third) / 1024));

	/* MADV_DONTNEED the second third: free, and zeros on the next touch. */
	EXPECT_EQ(madvise(p + third, third, MADV_DONTNEED), 0);
	EXPECT_SWAPFREE(free0 - (long)(third / 1024));
	EXPECT(p[third] == 0 && p[2 * third - 1] == 0, "MADV_DONTNEED left data behind");

	/* mremap the last third elsewhere: still on swap, intact at the new address. */
	q = mremap(p + 2 * third, third, 2 * third, MREMAP_MAYMOVE);
	ASSERT(q != MAP_FAILED, "mremap: %s", strerror(errno));
	EXPECT_EQ(swapped_pages(q, PAGES / 3), PAGES / 3);
	EXPECT_SWAPFREE(free0 - (long)(third / 1024));
	for (size_t i = 0; i < PAGES / 3; i++) {
		const uint64_t *w = (const uint64_t *)(q + i * PAGE_SIZE);
		size_t page = i + 2 * PAGES / 3;

		if (w[7] != ((4ULL << 40) ^ (page << 12) ^ 7 ^ 0x5a5a000000000000ULL)) {
			FAIL("page %zu wrong after mremap", i);
			break;
		}
	}
	EXPECT_EQ(munmap(q, 2 * third), 0);
	EXPECT_EQ(munmap(p + third, third), 0);
	EXPECT_SWAPFREE(free0);

	/* A child exits with its pages on swap. */
	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		unsigned char *c = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (c == MAP_FAILED)
			_exit(2);
		fill(c, PAGES, 5);
		madvise(c, len, MADV_PAGEOUT);
		_exit(swapped_pages(c, PAGES) == PAGES ? 0 : 1);
	}
	ASSERT(waitpid(pid, &status, 0) == pid, "waitpid: %s", strerror(errno));
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %#x", status);
	EXPECT_SWAPFREE(free0);
	EXPECT_EQ(swapoff(SWAP_DEV), 0);
	return test_done();
}
