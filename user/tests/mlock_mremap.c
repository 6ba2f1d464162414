/*
 * mlock_mremap - mremap keeps a mapping locked: growing it in place or moving it leaves the
 * whole new range locked (VmLck follows) and faults the new part in at once, as Linux does;
 * shrinking unaccounts the tail.
 */
#include "mlock_check.h"

#define NPAGES	8

int main(void)
{
	size_t len = NPAGES * PAGE_SIZE;
	char *p, *q, *guard;

	/* Room above p to grow in place: reserve 4 * len, keep the first len. */
	p = mmap(NULL, 4 * len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT(p != MAP_FAILED, "mmap: %s", strerror(errno));
	EXPECT_EQ(munmap(p + len, 3 * len), 0);
	p = mmap(p, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	ASSERT(p != MAP_FAILED, "mmap: %s", strerror(errno));
	EXPECT_EQ(mlock(p, len), 0);
	q = mremap(p, len, 2 * len, 0);
	EXPECT(q == p, "mremap in place: %p (%s)", q, strerror(errno));
	EXPECT_EQ(vm_lck_kb(), (long)(2 * len / 1024));
	EXPECT_EQ(resident(p, 2 * NPAGES), 2 * NPAGES);

	/* Moving: a neighbour above blocks growth in place. */
	guard = mmap(p + 2 * len, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	ASSERT(guard == p + 2 * len, "mmap guard: %s", strerror(errno));
	q = mremap(p, 2 * len, 3 * len, MREMAP_MAYMOVE);
	ASSERT(q != MAP_FAILED && q != p, "mremap move: %p (%s)", q, strerror(errno));
	EXPECT_EQ(vm_lck_kb(), (long)(3 * len / 1024));
	EXPECT_EQ(resident(q, 3 * NPAGES), 3 * NPAGES);

	q = mremap(q, 3 * len, len, 0);
	EXPECT(q != MAP_FAILED, "mremap shrink: %s", strerror(errno));
	EXPECT_EQ(vm_lck_kb(), (long)(len / 1024));
	EXPECT_EQ(munmap(q, len), 0);
	EXPECT_EQ(munmap(guard, PAGE_SIZE), 0);
	EXPECT_EQ(vm_lck_kb(), 0);
	return test_done();
}
