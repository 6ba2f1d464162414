/*
 * brk - growing the program break gives zeroed memory; shrinking it takes the pages away
 * (touching them is a SIGSEGV); growing it again gives zeroed memory again, not the old data.
 *
 * Seed concept: the heap is one more anonymous VMA whose end the program moves; new pages
 * are demand-zero like any anonymous memory, and pages given back are really freed.
 *
 * Uses the raw brk system call: musl's brk()/sbrk(n) refuse to move the break. Linux's brk
 * returns the new break on success and the unchanged old break on failure. Nothing in this
 * program calls malloc(), which could use the break behind our back.
 */
#include "test.h"

#define NPAGES	16

static unsigned long sys_brk(unsigned long addr)
{
	return (unsigned long)syscall(SYS_brk, addr);
}

static void touch(void *p)
{
	poke(p, 1);
}

/* check_zero - check that the @npages pages from @p read as zero. */
static void check_zero(const unsigned char *p, size_t npages, const char *when)
{
	size_t off, bad = 0;

	for (off = 0; off < npages * PAGE_SIZE; off++)
		bad += peek(p + off) != 0;
	EXPECT(bad == 0, "%zu nonzero bytes in the heap %s", bad, when);
}

int main(void)
{
	unsigned long cur, base, top, r;
	unsigned char *heap;
	size_t i;

	cur = sys_brk(0);
	ASSERT(cur != 0 && cur != (unsigned long)-1, "brk(0) returned %#lx", cur);
	/* Work from the first page boundary at or above the break. */
	base = (cur + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	top = base + NPAGES * PAGE_SIZE;
	heap = (unsigned char *)base;
	fprintf(stderr, "initial break %#lx\n", cur);

	/* Grow: fresh pages read as zero and take writes. */
	r = sys_brk(top);
	ASSERT(r == top, "brk(%#lx) returned %#lx", top, r);
	EXPECT_EQ(sys_brk(0), top);
	check_zero(heap, NPAGES, "after growing");
	for (i = 0; i < NPAGES * PAGE_SIZE; i += 64)
		poke(heap + i, 0x5a);
	EXPECT(peek(heap + PAGE_SIZE * (NPAGES - 1) + 64) == 0x5a, "heap write lost");

	/* Shrink back to base: the pages above the break are gone. */
	r = sys_brk(base);
	EXPECT(r == base, "shrinking brk(%#lx) returned %#lx", base, r);
	expect_signal(touch, heap, SIGSEGV);
	expect_signal(touch, heap + (NPAGES - 1) * PAGE_SIZE, SIGSEGV);

	/* Regrow: zeroed again, the old 0x5a bytes must not come back. */
	r = sys_brk(top);
	ASSERT(r == top, "regrowing brk(%#lx) returned %#lx", top, r);
	check_zero(heap, NPAGES, "after shrinking and regrowing");

	/* A failed request (below the start of the heap) leaves the break where it was. */
	r = sys_brk(0x1000);
	EXPECT(r == top, "brk(0x1000) returned %#lx, expected the old break %#lx", r, top);

	/* Put the break back where the program found it. */
	r = sys_brk(cur);
	EXPECT(r == cur, "restoring brk(%#lx) returned %#lx", cur, r);

	return test_done();
}
