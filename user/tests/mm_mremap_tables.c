/*
 * mm_mremap_tables - mremap moves whole page tables when it can, and every byte and every
 * empty stretch arrives right:
 *   - 8 MiB, touched, from a 2 MiB-aligned address to another: each 2 MiB moves as one page
 *     table (Faultline and Linux move the PMD entry), the data is intact, the old range is
 *     gone (SIGSEGV), and the minor-fault count does not move (nothing is faulted in again);
 *   - 4 MiB with only its first page touched (the other page tables were never made): the
 *     move succeeds and the untouched pages read as zeros;
 *   - 4 MiB moved to an address one page off 2 MiB alignment: entry by entry, still intact.
 * The runner's /proc/mmcheck afterwards checks the moved tables' map counts and rss.
 */
#include "test.h"
#include <stdbool.h>
#include <stdint.h>

#define MB		(1UL << 20)
#define PMD		(2 * MB)

/* reserve - @len bytes of PROT_NONE address space aligned to 2 MiB, plus @extra bytes. */
static char *reserve(size_t len, size_t extra)
{
	char *p = mmap(NULL, len + PMD + extra, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ASSERT(p != MAP_FAILED, "mmap: %s", strerror(errno));
	return (char *)(((uintptr_t)p + PMD - 1) & ~(PMD - 1));
}

/* fill - map @len bytes of anonymous memory at @at (fixed) and write a pattern in each page
 * (every page when @every, else the first only). */
static char *fill(char *at, size_t len, bool every)
{
	char *p = mmap(at, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
		       -1, 0);

	ASSERT(p == at, "mmap fixed: %s", strerror(errno));
	for (size_t i = 0; i < (every ? len : 1); i += PAGE_SIZE)
		p[i] = (char)(i / PAGE_SIZE * 3 + 1);
	return p;
}

/* count_bad - pages of @p (@len bytes) whose first byte is not the pattern (or zero for the
 * pages fill() did not touch). */
static unsigned long count_bad(const char *p, size_t len, bool every)
{
	unsigned long bad = 0;

	for (size_t i = 0; i < len; i += PAGE_SIZE) {
		char want = (every || i == 0) ? (char)(i / PAGE_SIZE * 3 + 1) : 0;

		bad += p[i] != want;
	}
	return bad;
}

static void touch(void *p)
{
	*(volatile char *)p;
}

int main(void)
{
	char *src, *dst, *got;
	long flt;

	/* Aligned to aligned, 8 MiB touched. */
	src = fill(reserve(8 * MB, 0), 8 * MB, true);
	dst = reserve(8 * MB, 0);
	flt = minflt();
	got = mremap(src, 8 * MB, 8 * MB, MREMAP_MAYMOVE | MREMAP_FIXED, dst);
	EXPECT(got == dst, "mremap 8 MiB: %p (%s)", (void *)got, strerror(errno));
	if (got == dst) {
		EXPECT_EQ(minflt() - flt, 0);
		EXPECT_EQ(count_bad(dst, 8 * MB, true), 0);
		EXPECT_EQ(minflt() - flt, 0);		/* the pages were all there */
		expect_signal(touch, src, SIGSEGV);
		munmap(dst, 8 * MB);
	}

	/* Only the first page touched: the rest of the range has no page tables. */
	src = fill(reserve(4 * MB, 0), 4 * MB, false);
	dst = reserve(4 * MB, 0);
	got = mremap(src, 4 * MB, 4 * MB, MREMAP_MAYMOVE | MREMAP_FIXED, dst);
	EXPECT(got == dst, "mremap of a mostly untouched 4 MiB: %p (%s)", (void *)got,
	       strerror(errno));
	if (got == dst) {
		EXPECT_EQ(count_bad(dst, 4 * MB, false), 0);
		munmap(dst, 4 * MB);
	}

	/* To an address one page off alignment: PTE by PTE. */
	src = fill(reserve(4 * MB, 0), 4 * MB, true);
	dst = reserve(4 * MB, PAGE_SIZE) + PAGE_SIZE;
	got = mremap(src, 4 * MB, 4 * MB, MREMAP_MAYMOVE | MREMAP_FIXED, dst);
	EXPECT(got == dst, "mremap to an unaligned address: %p (%s)", (void *)got, strerror(errno));
	if (got == dst) {
		EXPECT_EQ(count_bad(dst, 4 * MB, true), 0);
		munmap(dst, 4 * MB);
	}
	return test_done();
}
