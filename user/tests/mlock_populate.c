/*
 * mlock_populate - locking faults the range in at once: right after mlock, mmap(MAP_LOCKED)
 * or mmap(MAP_POPULATE), mincore shows every page resident. A private writable range is
 * faulted for writing (copy-on-write broken, no zero page), so writing it afterwards takes no
 * fault. mlock rounds as Linux: the start down to a page, the length (plus the start's offset)
 * up, so mlock(p + 100, PAGE_SIZE) locks two pages. munlock leaves the pages resident.
 */
#include "mlock_check.h"

#define NPAGES	64

int main(void)
{
	size_t len = NPAGES * PAGE_SIZE;
	long base = vm_lck_kb(), before, delta;
	char *p, *q, *r, *s;

	ASSERT(base >= 0, "no VmLck in /proc/self/status");
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT(p != MAP_FAILED, "mmap: %s", strerror(errno));
	EXPECT_EQ(resident(p, NPAGES), 0);
	EXPECT_EQ(mlock(p, len), 0);
	EXPECT_EQ(resident(p, NPAGES), NPAGES);
	EXPECT_EQ(vm_lck_kb() - base, (long)(len / 1024));
	before = minflt();
	for (int i = 0; i < NPAGES; i++)
		p[i * PAGE_SIZE] = 1;
	delta = minflt() - before;
	EXPECT(delta < 4, "writes after mlock took %ld minor faults", delta);
	EXPECT_EQ(munlock(p, len), 0);
	EXPECT_EQ(vm_lck_kb(), base);
	EXPECT_EQ(resident(p, NPAGES), NPAGES);
	EXPECT_EQ(munmap(p, len), 0);

	/* Rounding: [p + 100, p + 100 + PAGE_SIZE) touches two pages. */
	p = mmap(NULL, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT(p != MAP_FAILED, "mmap: %s", strerror(errno));
	EXPECT_EQ(mlock(p + PAGE_SIZE + 100, PAGE_SIZE), 0);
	EXPECT_EQ(vm_lck_kb() - base, (long)(2 * PAGE_SIZE / 1024));
	EXPECT_EQ(resident(p, 4), 2);
	EXPECT_EQ(resident(p + PAGE_SIZE, 2), 2);
	EXPECT_EQ(munlock(p + 2 * PAGE_SIZE + 5, 1), 0);	/* the third page only */
	EXPECT_EQ(vm_lck_kb() - base, (long)(PAGE_SIZE / 1024));
	EXPECT_EQ(munmap(p, 4 * PAGE_SIZE), 0);
	EXPECT_EQ(vm_lck_kb(), base);			/* munmap unaccounts */

	q = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1, 0);
	ASSERT(q != MAP_FAILED, "mmap(MAP_LOCKED): %s", strerror(errno));
	EXPECT_EQ(resident(q, NPAGES), NPAGES);
	EXPECT_EQ(vm_lck_kb() - base, (long)(len / 1024));
	EXPECT_EQ(munmap(q, len), 0);
	EXPECT_EQ(vm_lck_kb(), base);

	r = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	ASSERT(r != MAP_FAILED, "mmap(MAP_POPULATE): %s", strerror(errno));
	EXPECT_EQ(resident(r, NPAGES), NPAGES);
	EXPECT_EQ(vm_lck_kb(), base);			/* populated, not locked */
	EXPECT_EQ(munmap(r, len), 0);

	/* Shared anonymous memory is faulted for reading: resident all the same. */
	s = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT(s != MAP_FAILED, "mmap shared: %s", strerror(errno));
	EXPECT_EQ(mlock(s, len), 0);
	EXPECT_EQ(resident(s, NPAGES), NPAGES);
	EXPECT_EQ(munmap(s, len), 0);
	EXPECT_EQ(vm_lck_kb(), base);
	return test_done();
}
