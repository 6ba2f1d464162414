/*
 * mlock_vmas - locking is a VMA attribute: mlock of the middle of a mapping splits it in
 * three (/proc/self/maps shows two more VMAs), munlock merges it back into one; locking the
 * rest too merges the three into one locked VMA. mlockall(MCL_CURRENT) locks every VMA
 * (VmLck close to VmSize), munlockall unlocks them all (VmLck 0) and leaves as many VMAs as
 * before. mlockall(MCL_FUTURE) makes later mappings locked and populated at once;
 * munlockall ends that.
 */
#include "mlock_check.h"

#define NPAGES	16

int main(void)
{
	size_t len = NPAGES * PAGE_SIZE;
	int vmas;
	char *p, *q, *r;

	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT(p != MAP_FAILED, "mmap: %s", strerror(errno));
	/* Touched first, so that all parts share the pages' anon_vma: Linux 6.1 does not merge
	 * a VMA that has none with one that has (is_mergeable_anon_vma). */
	memset(p, 1, len);
	vmas = vma_count();
	EXPECT_EQ(mlock(p + 4 * PAGE_SIZE, 4 * PAGE_SIZE), 0);
	EXPECT_EQ(vma_count(), vmas + 2);
	EXPECT_EQ(munlock(p + 4 * PAGE_SIZE, 4 * PAGE_SIZE), 0);
	EXPECT_EQ(vma_count(), vmas);
	EXPECT_EQ(mlock(p + 4 * PAGE_SIZE, 4 * PAGE_SIZE), 0);
	EXPECT_EQ(mlock(p, 4 * PAGE_SIZE), 0);
	EXPECT_EQ(vma_count(), vmas + 1);
	EXPECT_EQ(mlock(p + 8 * PAGE_SIZE, 8 * PAGE_SIZE), 0);
	EXPECT_EQ(vma_count(), vmas);			/* one locked VMA */
	EXPECT_EQ(vm_lck_kb(), (long)(len / 1024));
	EXPECT_EQ(munlock(p, len), 0);
	EXPECT_EQ(vma_count(), vmas);
	EXPECT_EQ(vm_lck_kb(), 0);

	EXPECT_EQ(mlockall(MCL_CURRENT), 0);
	EXPECT(vm_lck_kb() >= (long)(len / 1024) && vm_lck_kb() <= status_kb(0, "VmSize:"),
	       "VmLck %ld kB, VmSize %ld kB after mlockall", vm_lck_kb(), status_kb(0, "VmSize:"));
	EXPECT_EQ(vma_count(), vmas);
	q = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT(q != MAP_FAILED, "mmap: %s", strerror(errno));
	EXPECT_EQ(resident(q, NPAGES), 0);		/* MCL_CURRENT only: not locked */
	EXPECT_EQ(munlockall(), 0);
	EXPECT_EQ(vm_lck_kb(), 0);
	EXPECT_EQ(munmap(q, len), 0);
	EXPECT_EQ(vma_count(), vmas);

	EXPECT_EQ(mlockall(MCL_FUTURE), 0);
	EXPECT_EQ(vm_lck_kb(), 0);
	q = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT(q != MAP_FAILED, "mmap: %s", strerror(errno));
	EXPECT_EQ(resident(q, NPAGES), NPAGES);
	EXPECT_EQ(vm_lck_kb(), (long)(len / 1024));
	EXPECT_EQ(munlockall(), 0);
	EXPECT_EQ(vm_lck_kb(), 0);
	r = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT(r != MAP_FAILED, "mmap: %s", strerror(errno));
	EXPECT_EQ(resident(r, NPAGES), 0);
	EXPECT_EQ(munmap(q, len), 0);
	EXPECT_EQ(munmap(r, len), 0);
	EXPECT_EQ(munmap(p, len), 0);
	return test_done();
}
