/*
 * munmap_split - unmapping one page out of the middle of a 4-page mapping leaves the outer
 * pages working (data kept, still writable) and turns the hole into a SIGSEGV.
 *
 * Seed concept: VMAs. munmap() of an inner range splits one vm_area_struct into two and
 * frees the page in between; a fault in the hole finds no VMA and is a segmentation fault.
 * /proc/self/maps shows the two pieces with nothing between them.
 */
#include "test.h"

#define NPAGES	4
#define HOLE	1	/* the page unmapped: one page to its left, two to its right */

static void read_page(void *p)
{
	(void)peek(p);
}

static void write_page(void *p)
{
	poke(p, 1);
}

int main(void)
{
	unsigned char *p = map_anon(NPAGES);
	unsigned long start = (unsigned long)p, end = start + NPAGES * PAGE_SIZE;
	unsigned char *hole = p + HOLE * PAGE_SIZE;
	struct maps_line ml[4];
	int i, n;

	for (i = 0; i < NPAGES; i++)
		memset(p + i * PAGE_SIZE, 0x10 + i, PAGE_SIZE);

	ASSERT(munmap(hole, PAGE_SIZE) == 0, "munmap: %s", strerror(errno));

	/* The outer pages keep their data and stay writable. */
	for (i = 0; i < NPAGES; i++) {
		unsigned char *page = p + i * PAGE_SIZE;
		if (i == HOLE)
			continue;
		EXPECT(peek(page) == 0x10 + i && peek(page + PAGE_SIZE - 1) == 0x10 + i,
		       "page %d lost its data: %#x", i, peek(page));
		poke(page + 7, 0xee);
		EXPECT(peek(page + 7) == 0xee, "page %d not writable", i);
	}

	/* The hole is gone: reading or writing it kills the process. */
	expect_signal(read_page, hole, SIGSEGV);
	expect_signal(write_page, hole, SIGSEGV);
	expect_signal(read_page, hole + PAGE_SIZE - 1, SIGSEGV);

	/* /proc/self/maps: two lines touch the region, neither covers the hole. (A line may
	 * reach outside the region: the kernel may merge it with a neighbouring mapping.) */
	n = maps_lines_in(start, end, ml, 4);
	ASSERT(n >= 0, "cannot read /proc/self/maps");
	EXPECT(n == 2, "%d lines of /proc/self/maps in the region, expected 2", n);
	for (i = 0; i < n && i < 4; i++) {
		fprintf(stderr, "maps: %s\n", ml[i].text);
		EXPECT(ml[i].end <= (unsigned long)hole || ml[i].start >= (unsigned long)hole + PAGE_SIZE,
		       "a mapping covers the hole: %s", ml[i].text);
	}

	munmap(p, NPAGES * PAGE_SIZE);	/* also fine across the hole */
	return test_done();
}
