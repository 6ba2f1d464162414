/*
 * mm_mremap - mremap grows a mapping in place when the space above is free, shrinks it, moves
 * it with MREMAP_MAYMOVE (carrying the very same page frames: no copy, as Linux's
 * move_page_tables()) and to a chosen address with MREMAP_FIXED, and fails as Linux does.
 *
 * Seed concept: a VMA is a range plus what backs it; the pages hang off the page tables. So
 * realloc() of a big buffer can move it by moving page-table entries. The PFN check needs
 * /proc/self/pagemap with PFNs (Faultline, or Linux as root).
 */
#include "test.h"

#define NPAGES	64

static int pfns_visible(void *p)
{
	return pfn_of(p) != 0;
}

int main(void)
{
	unsigned char *p, *q, *r, *guard;
	static uint64_t pfns[NPAGES];
	int i, same;

	/* Move: fill 64 pages, make room above impossible (a guard mapping), grow with MAYMOVE. */
	p = map_anon(NPAGES + 1);
	guard = p + NPAGES * PAGE_SIZE;
	ASSERT(munmap(guard, PAGE_SIZE) == 0, "munmap");
	guard = mmap(guard, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	ASSERT(guard != MAP_FAILED, "guard mmap: %s", strerror(errno));
	for (i = 0; i < NPAGES; i++) {
		memset(p + i * PAGE_SIZE, 0x40 + i, PAGE_SIZE);
		pfns[i] = pfn_of(p + i * PAGE_SIZE);
	}
	/* Without MAYMOVE the blocked growth fails. */
	EXPECT(mremap(p, NPAGES * PAGE_SIZE, 2 * NPAGES * PAGE_SIZE, 0) == MAP_FAILED && errno == ENOMEM,
	       "blocked grow without MAYMOVE: errno %d", errno);
	q = mremap(p, NPAGES * PAGE_SIZE, 2 * NPAGES * PAGE_SIZE, MREMAP_MAYMOVE);
	ASSERT(q != MAP_FAILED, "mremap MAYMOVE: %s", strerror(errno));
	EXPECT(q != p, "moved mapping did not move");
	for (i = 0, same = 0; i < NPAGES; i++) {
		EXPECT(q[i * PAGE_SIZE] == 0x40 + i && q[i * PAGE_SIZE + PAGE_SIZE - 1] == 0x40 + i,
		       "page %d reads %#x after the move", i, q[i * PAGE_SIZE]);
		same += pfns[i] && pfn_of(q + i * PAGE_SIZE) == pfns[i];
	}
	if (pfns_visible(q))
		EXPECT(same == NPAGES, "only %d of %d pages kept their frame: the move copied", same,
		       NPAGES);
	else if (on_faultline())
		FAIL("no PFNs in /proc/self/pagemap on Faultline");
	else
		fprintf(stderr, "SKIP: PFNs hidden (not root): frame identity not checked\n");
	EXPECT(q[NPAGES * PAGE_SIZE] == 0 && q[2 * NPAGES * PAGE_SIZE - 1] == 0, "grown part not zero");
	q[2 * NPAGES * PAGE_SIZE - 1] = 1;
	/* The old range is gone. */
	EXPECT(maps_lines_in((unsigned long)p, (unsigned long)guard, NULL, 0) == 0,
	       "old range still mapped");

	/* Shrink: the tail is unmapped, the address stays. */
	r = mremap(q, 2 * NPAGES * PAGE_SIZE, NPAGES * PAGE_SIZE, 0);
	EXPECT(r == q, "shrink moved the mapping (%p -> %p)", (void *)q, (void *)r);
	EXPECT(maps_lines_in((unsigned long)q + NPAGES * PAGE_SIZE,
			     (unsigned long)q + 2 * NPAGES * PAGE_SIZE, NULL, 0) == 0, "tail still mapped");

	/* Grow in place: the space above is free (made free here). */
	ASSERT(munmap(q + NPAGES * PAGE_SIZE, 4 * PAGE_SIZE) == 0, "munmap");
	r = mremap(q, NPAGES * PAGE_SIZE, (NPAGES + 4) * PAGE_SIZE, 0);
	EXPECT(r == q, "grow in place returned %p, expected %p (errno %d)", (void *)r, (void *)q, errno);
	if (r == q) {
		EXPECT(q[(NPAGES + 3) * PAGE_SIZE] == 0, "grown page not zero");
		EXPECT(q[5 * PAGE_SIZE] == 0x45, "data lost in place");
		ASSERT(munmap(q, (NPAGES + 4) * PAGE_SIZE) == 0, "munmap");
	} else {
		munmap(q, NPAGES * PAGE_SIZE);
	}

	/* MREMAP_FIXED: to a chosen address; whatever was there is replaced. */
	p = map_anon(4);
	q = map_anon(8);
	memset(p, 0x77, 4 * PAGE_SIZE);
	memset(q, 0x11, 8 * PAGE_SIZE);
	r = mremap(p, 4 * PAGE_SIZE, 4 * PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED, q + 2 * PAGE_SIZE);
	EXPECT(r == q + 2 * PAGE_SIZE, "MREMAP_FIXED returned %p, expected %p", (void *)r,
	       (void *)(q + 2 * PAGE_SIZE));
	EXPECT(q[PAGE_SIZE] == 0x11 && q[2 * PAGE_SIZE] == 0x77 && q[5 * PAGE_SIZE + 9] == 0x77 &&
	       q[6 * PAGE_SIZE] == 0x11, "MREMAP_FIXED contents %#x %#x %#x %#x", q[PAGE_SIZE],
	       q[2 * PAGE_SIZE], q[5 * PAGE_SIZE + 9], q[6 * PAGE_SIZE]);
	EXPECT(maps_lines_in((unsigned long)p, (unsigned long)p + 4 * PAGE_SIZE, NULL, 0) == 0,
	       "MREMAP_FIXED left the source mapped");

	/* Errors, in Linux's order. */
	errno = 0;
	EXPECT(mremap(q, PAGE_SIZE, PAGE_SIZE, 8) == MAP_FAILED && errno == EINVAL, "bad flags: %d", errno);
	errno = 0;
	EXPECT(mremap(q, PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_FIXED, p) == MAP_FAILED && errno == EINVAL,
	       "FIXED without MAYMOVE: %d", errno);
	errno = 0;
	EXPECT(mremap(q + 1, PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE) == MAP_FAILED && errno == EINVAL,
	       "misaligned: %d", errno);
	errno = 0;
	EXPECT(mremap(q, PAGE_SIZE, 0, MREMAP_MAYMOVE) == MAP_FAILED && errno == EINVAL,
	       "new_len 0: %d", errno);
	errno = 0;
	EXPECT(mremap(q, 2 * PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED, q + PAGE_SIZE)
	       == MAP_FAILED && errno == EINVAL, "overlapping FIXED: %d", errno);
	errno = 0;
	EXPECT(mremap(p, PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE) == MAP_FAILED && errno == EFAULT,
	       "unmapped source: %d", errno);
	errno = 0;
	EXPECT(mremap(q, 16 * PAGE_SIZE, 32 * PAGE_SIZE, MREMAP_MAYMOVE) == MAP_FAILED && errno == EFAULT,
	       "source beyond the VMA: %d", errno);
	errno = 0;
	EXPECT(mremap(q, 0, PAGE_SIZE, MREMAP_MAYMOVE) == MAP_FAILED && errno == EINVAL,
	       "old_len 0 of a private mapping: %d", errno);
	ASSERT(munmap(q, 8 * PAGE_SIZE) == 0, "munmap");
	ASSERT(munmap(guard, PAGE_SIZE) == 0, "munmap");
	return test_done();
}
