/*
 * seed_faults - the seed note's claim, checked exactly: filling a fresh 1 MiB malloc() buffer
 * costs 256 minor page faults (one per 4 KiB page), and filling it again costs none.
 *
 * Seed concept: demand paging. malloc() only creates a VMA; each page gets a frame on its
 * first touch (do_anonymous_page), and a mapped page never faults again.
 *
 * Like the seed, this program calls malloc() but never free(). musl then links its simple
 * bump allocator, which hands out page-aligned memory from brk() (or mmap() if brk fails)
 * and writes no header into it: [p, p + 1 MiB) is exactly 256 untouched pages. (Calling
 * free() anywhere would link musl's full malloc, which mmap()s 257 pages and writes a header
 * into the first and a trailer into the last, leaving 255 for memset to fault.) The same
 * check is also made on a 256-page mmap(), which does not depend on malloc at all.
 */
#include "test.h"

#define BUFFER_SIZE	(1024 * 1024)
#define BUFFER_PAGES	(BUFFER_SIZE / PAGE_SIZE)

/* Tell the compiler that memory at @p is used, so it keeps the memset()s (without this GCC
 * deletes malloc+memset of a buffer that is never read). */
#define escape(p)	__asm__ volatile("" : : "r"(p) : "memory")

/* fill_twice - memset @buf twice and check the fault counts: @first faults, then 0. */
static void fill_twice(unsigned char *buf, const char *what)
{
	long before, mid, after;
	size_t i;

	before = minflt();
	memset(buf, 0x42, BUFFER_SIZE);
	escape(buf);
	mid = minflt();
	memset(buf, 0x42, BUFFER_SIZE);
	escape(buf);
	after = minflt();

	fprintf(stderr, "%s: first memset %ld faults, second %ld\n", what, mid - before,
		after - mid);
	EXPECT(mid - before == (long)BUFFER_PAGES, "%s: first memset of 1 MiB took %ld faults",
	       what, mid - before);
	EXPECT(after - mid == 0, "%s: second memset took %ld faults", what, after - mid);
	for (i = 0; i < BUFFER_SIZE; i += 997)
		if (buf[i] != 0x42) {
			EXPECT(buf[i] == 0x42, "%s: byte %zu is %#x", what, i, buf[i]);
			break;
		}
}

int main(void)
{
	static unsigned char warm[64];
	static volatile size_t warm_len = sizeof(warm);
	unsigned char *p;

	/* Fault in the code of memset() and getrusage() before counting. */
	memset(warm, 1, warm_len);
	escape(warm);
	(void)minflt();

	p = malloc(BUFFER_SIZE);
	ASSERT(p != NULL, "malloc(1 MiB) failed");
	escape(p);
	fprintf(stderr, "malloc returned %p (%spage-aligned)\n", (void *)p,
		(uintptr_t)p % PAGE_SIZE ? "not " : "");
	fill_twice(p, "malloc");	/* never freed: see the comment at the top */

	p = map_anon(BUFFER_PAGES);
	fill_twice(p, "mmap");
	munmap(p, BUFFER_SIZE);

	return test_done();
}
