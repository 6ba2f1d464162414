/*
 * mlock_onfault - mlock2(MLOCK_ONFAULT) (Linux 4.4+) locks the range without faulting it in:
 * nothing is resident afterwards, yet VmLck counts the whole range; pages become resident as
 * they are touched. mlockall(MCL_CURRENT | MCL_ONFAULT) likewise populates nothing.
 * mlock2 with an unknown flag is EINVAL.
 */
#include "mlock_check.h"

#define NPAGES	32

int main(void)
{
	size_t len = NPAGES * PAGE_SIZE;
	long base = vm_lck_kb();
	char *p, *q;

	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT(p != MAP_FAILED, "mmap: %s", strerror(errno));
	EXPECT_ERRNO(syscall(SYS_mlock2, p, len, 2), EINVAL);
	EXPECT_ERRNO(syscall(SYS_mlock2, p, len, MLOCK_ONFAULT | 4), EINVAL);
	EXPECT_EQ(vm_lck_kb(), base);
	EXPECT_EQ(syscall(SYS_mlock2, p, len, MLOCK_ONFAULT), 0);
	EXPECT_EQ(resident(p, NPAGES), 0);
	EXPECT_EQ(vm_lck_kb() - base, (long)(len / 1024));
	p[3 * PAGE_SIZE] = 1;
	EXPECT_EQ(resident(p, NPAGES), 1);
	/* Locking it again without ONFAULT populates it. */
	EXPECT_EQ(syscall(SYS_mlock2, p, len, 0), 0);
	EXPECT_EQ(resident(p, NPAGES), NPAGES);
	EXPECT_EQ(vm_lck_kb() - base, (long)(len / 1024));
	EXPECT_EQ(munmap(p, len), 0);
	EXPECT_EQ(vm_lck_kb(), base);

	q = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT(q != MAP_FAILED, "mmap: %s", strerror(errno));
	EXPECT_EQ(mlockall(MCL_CURRENT | MCL_ONFAULT), 0);
	EXPECT_EQ(resident(q, NPAGES), 0);
	EXPECT(vm_lck_kb() >= (long)(len / 1024), "VmLck %ld kB after mlockall", vm_lck_kb());
	EXPECT_EQ(munlockall(), 0);
	EXPECT_EQ(vm_lck_kb(), 0);
	EXPECT_EQ(munmap(q, len), 0);
	return test_done();
}
