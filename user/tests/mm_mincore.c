/*
 * mm_mincore - mincore reports one byte per page, bit 0 set once the page is resident: an
 * untouched anonymous page is not, a written one is, and MADV_DONTNEED makes it leave again.
 * Errors as Linux: EINVAL for an unaligned start, ENOMEM for an unmapped page or a range
 * beyond user space, EFAULT for a vector that cannot be written.
 *
 * Seed concept: demand paging - a VMA promises pages, the page tables show which exist.
 */
#include "test.h"

#define NPAGES	8

int main(void)
{
	unsigned char *p = map_anon(NPAGES), vec[NPAGES + 1];
	int i;

	memset(vec, 0xff, sizeof(vec));
	ASSERT(mincore(p, NPAGES * PAGE_SIZE, vec) == 0, "mincore: %s", strerror(errno));
	for (i = 0; i < NPAGES; i++)
		EXPECT((vec[i] & 1) == 0, "untouched page %d resident (%#x)", i, vec[i]);
	EXPECT(vec[NPAGES] == 0xff, "mincore wrote past the vector");

	poke(p + 2 * PAGE_SIZE, 1);
	poke(p + 5 * PAGE_SIZE + 100, 1);
	ASSERT(mincore(p, NPAGES * PAGE_SIZE, vec) == 0, "mincore: %s", strerror(errno));
	for (i = 0; i < NPAGES; i++)
		EXPECT((vec[i] & 1) == (i == 2 || i == 5), "page %d: residency %#x", i, vec[i]);

	/* A length that is not a page multiple covers the last partial page. */
	memset(vec, 0xff, sizeof(vec));
	ASSERT(mincore(p + 2 * PAGE_SIZE, PAGE_SIZE + 1, vec) == 0, "mincore: %s", strerror(errno));
	EXPECT((vec[0] & 1) == 1 && (vec[1] & 1) == 0 && vec[2] == 0xff, "partial: %#x %#x %#x",
	       vec[0], vec[1], vec[2]);

	ASSERT(madvise(p, NPAGES * PAGE_SIZE, MADV_DONTNEED) == 0, "madvise: %s", strerror(errno));
	ASSERT(mincore(p, NPAGES * PAGE_SIZE, vec) == 0, "mincore: %s", strerror(errno));
	for (i = 0; i < NPAGES; i++)
		EXPECT((vec[i] & 1) == 0, "page %d still resident after MADV_DONTNEED", i);

	EXPECT_ERRNO(mincore(p + 1, PAGE_SIZE, vec), EINVAL);
	EXPECT_ERRNO(mincore(p, NPAGES * PAGE_SIZE, (unsigned char *)8), EFAULT);
	EXPECT_ERRNO(mincore((void *)0xffff800000000000UL, PAGE_SIZE, vec), ENOMEM);
	EXPECT_ERRNO(mincore((void *)(0x7ffffffff000UL - PAGE_SIZE), 4 * PAGE_SIZE, vec), ENOMEM);
	ASSERT(munmap(p + 4 * PAGE_SIZE, PAGE_SIZE) == 0, "munmap");
	EXPECT_ERRNO(mincore(p, NPAGES * PAGE_SIZE, vec), ENOMEM);
	EXPECT(mincore(p, 0, vec) == 0, "zero length: %s", strerror(errno));
	munmap(p, NPAGES * PAGE_SIZE);
	return test_done();
}
