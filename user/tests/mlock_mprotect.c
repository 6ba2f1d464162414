/*
 * mlock_mprotect - a locked private mapping that mprotect makes writable is faulted in for
 * writing at once (Linux's mprotect_fixup: copy-on-write broken now, not at the first writes),
 * so a locked range never takes a fault for the writes that follow.
 */
#include "mlock_check.h"

#define NPAGES	32

int main(void)
{
	size_t len = NPAGES * PAGE_SIZE;
	long before, delta;
	char *p;

	p = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT(p != MAP_FAILED, "mmap: %s", strerror(errno));
	ASSERT(mlock(p, len) == 0, "mlock: %s", strerror(errno));
	EXPECT_EQ(resident(p, NPAGES), NPAGES);
	ASSERT(mprotect(p, len, PROT_READ | PROT_WRITE) == 0, "mprotect: %s", strerror(errno));
	before = minflt();
	for (int i = 0; i < NPAGES; i++)
		p[i * PAGE_SIZE] = 1;
	delta = minflt() - before;
	EXPECT(delta < 4, "writes after mprotect of a locked range took %ld minor faults", delta);
	for (int i = 0; i < NPAGES; i++)
		EXPECT_EQ(p[i * PAGE_SIZE], 1);
	EXPECT_EQ(munmap(p, len), 0);
	return test_done();
}
