/*
 * mlock_madvise - advice that would drop locked pages or push them towards reclaim is
 * EINVAL on a locked VMA in Linux 6.1: MADV_DONTNEED and MADV_FREE
 * (madvise_dontneed_free_valid_vma), MADV_REMOVE, MADV_COLD and MADV_PAGEOUT
 * (can_madv_lru_vma). MADV_DONTNEED_LOCKED (5.18+) drops them; the VMA stays locked.
 * Unlocked again, the same advice works.
 */
#include "mlock_check.h"

#ifndef MADV_COLD
#define MADV_COLD		20
#define MADV_PAGEOUT		21
#endif
#ifndef MADV_DONTNEED_LOCKED
#define MADV_DONTNEED_LOCKED	24
#endif

#define NPAGES	8

int main(void)
{
	size_t len = NPAGES * PAGE_SIZE;
	char *p, *s;

	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT(p != MAP_FAILED, "mmap: %s", strerror(errno));
	EXPECT_EQ(mlock(p, len), 0);
	memset(p, 7, len);
	EXPECT_ERRNO(madvise(p, len, MADV_DONTNEED), EINVAL);
	EXPECT_ERRNO(madvise(p, len, MADV_FREE), EINVAL);
	EXPECT_ERRNO(madvise(p, len, MADV_COLD), EINVAL);
	EXPECT_ERRNO(madvise(p, len, MADV_PAGEOUT), EINVAL);
	EXPECT_EQ(p[PAGE_SIZE], 7);
	EXPECT_EQ(resident(p, NPAGES), NPAGES);
	EXPECT_EQ(madvise(p, len, MADV_WILLNEED), 0);		/* harmless advice is fine */
	EXPECT_EQ(madvise(p, len, MADV_DONTNEED_LOCKED), 0);
	EXPECT_EQ(resident(p, NPAGES), 0);
	EXPECT_EQ(p[PAGE_SIZE], 0);
	EXPECT_EQ(vm_lck_kb(), (long)(len / 1024));		/* still locked */
	EXPECT_EQ(munlock(p, len), 0);
	EXPECT_EQ(madvise(p, len, MADV_DONTNEED), 0);
	EXPECT_EQ(madvise(p, len, MADV_COLD), 0);
	EXPECT_EQ(munmap(p, len), 0);

	s = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_LOCKED, -1, 0);
	ASSERT(s != MAP_FAILED, "mmap: %s", strerror(errno));
	EXPECT_ERRNO(madvise(s, len, MADV_REMOVE), EINVAL);
	EXPECT_EQ(munlock(s, len), 0);
	EXPECT_EQ(madvise(s, len, MADV_REMOVE), 0);
	EXPECT_EQ(munmap(s, len), 0);
	EXPECT_EQ(vm_lck_kb(), 0);
	return test_done();
}
