/*
 * mm_madvise - madvise validates as Linux does (EINVAL for an unknown advice, an unaligned
 * start or a negative length; ENOMEM for a range with a hole, after advising the mapped
 * parts), MADV_DONTNEED and MADV_FREE give back private anonymous pages (zeros next time),
 * MADV_FREE and MADV_WIPEONFORK refuse what is not private anonymous memory, and advice that
 * sets a VMA flag splits the VMA at the range's edges as in Linux's /proc/PID/maps.
 */
#include "test.h"

int main(void)
{
	unsigned char *p = map_anon(6), *s;
	int n;

	/* Validation order. */
	EXPECT_ERRNO(madvise(p, PAGE_SIZE, 12345), EINVAL);
	EXPECT_ERRNO(madvise(p, PAGE_SIZE, -1), EINVAL);
	EXPECT_ERRNO(madvise(p + 1, PAGE_SIZE, MADV_DONTNEED), EINVAL);
	EXPECT_ERRNO(madvise(p, (size_t)-1, MADV_DONTNEED), EINVAL);
	EXPECT_ERRNO(madvise(p, (size_t)-2 * PAGE_SIZE, MADV_DONTNEED), EINVAL);
	EXPECT(madvise(p, 0, MADV_DONTNEED) == 0, "zero length: %s", strerror(errno));
	EXPECT_ERRNO(madvise((void *)0xffff888000000000UL, PAGE_SIZE, MADV_DONTNEED), ENOMEM);

	/* MADV_DONTNEED: the pages are gone, the next read sees zeros. */
	memset(p, 0x5a, 6 * PAGE_SIZE);
	EXPECT(madvise(p, 2 * PAGE_SIZE, MADV_DONTNEED) == 0, "DONTNEED: %s", strerror(errno));
	EXPECT(p[0] == 0 && p[2 * PAGE_SIZE - 1] == 0 && p[2 * PAGE_SIZE] == 0x5a,
	       "after DONTNEED %#x %#x %#x", p[0], p[2 * PAGE_SIZE - 1], p[2 * PAGE_SIZE]);
	/* MADV_FREE: private anonymous: accepted, and the memory stays usable. */
	EXPECT(madvise(p + 2 * PAGE_SIZE, PAGE_SIZE, MADV_FREE) == 0, "FREE: %s", strerror(errno));
	EXPECT(p[2 * PAGE_SIZE] == 0 || p[2 * PAGE_SIZE] == 0x5a, "after FREE %#x", p[2 * PAGE_SIZE]);
	poke(p + 2 * PAGE_SIZE, 7);
	EXPECT(peek(p + 2 * PAGE_SIZE) == 7, "write after FREE lost");
	EXPECT(madvise(p, 6 * PAGE_SIZE, MADV_WILLNEED) == 0, "WILLNEED: %s", strerror(errno));
	EXPECT(madvise(p, 6 * PAGE_SIZE, MADV_COLD) == 0, "COLD: %s", strerror(errno));
	EXPECT(madvise(p, 6 * PAGE_SIZE, MADV_PAGEOUT) == 0, "PAGEOUT: %s", strerror(errno));
	EXPECT(p[3 * PAGE_SIZE] == 0x5a, "COLD/PAGEOUT lost data");

	/* A hole: the mapped parts are advised, the result is ENOMEM. */
	ASSERT(munmap(p + 4 * PAGE_SIZE, PAGE_SIZE) == 0, "munmap");
	errno = 0;
	EXPECT(madvise(p + 3 * PAGE_SIZE, 3 * PAGE_SIZE, MADV_DONTNEED) == -1 && errno == ENOMEM,
	       "hole: errno %d", errno);
	EXPECT(p[3 * PAGE_SIZE] == 0 && p[5 * PAGE_SIZE] == 0, "parts around the hole not advised");

	/* Flag advice splits the VMA: the middle page alone is DONTFORK. */
	EXPECT(madvise(p + PAGE_SIZE, PAGE_SIZE, MADV_DONTFORK) == 0, "DONTFORK: %s", strerror(errno));
	n = maps_lines_in((unsigned long)p, (unsigned long)p + 4 * PAGE_SIZE, NULL, 0);
	EXPECT(n == 3, "%d VMAs after DONTFORK of the middle page, expected 3", n);
	EXPECT(madvise(p + PAGE_SIZE, PAGE_SIZE, MADV_DOFORK) == 0, "DOFORK: %s", strerror(errno));
	n = maps_lines_in((unsigned long)p, (unsigned long)p + 4 * PAGE_SIZE, NULL, 0);
	EXPECT(n == 1, "%d VMAs after DOFORK, expected 1 (merged back)", n);

	/* Shared memory is not private anonymous memory. */
	s = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT(s != MAP_FAILED, "mmap shared: %s", strerror(errno));
	EXPECT_ERRNO(madvise(s, PAGE_SIZE, MADV_WIPEONFORK), EINVAL);
	EXPECT_ERRNO(madvise(s, PAGE_SIZE, MADV_FREE), EINVAL);
	EXPECT(madvise(s, PAGE_SIZE, MADV_DONTFORK) == 0, "DONTFORK shared: %s", strerror(errno));
	munmap(s, PAGE_SIZE);
	munmap(p, 4 * PAGE_SIZE);
	munmap(p + 5 * PAGE_SIZE, PAGE_SIZE);
	return test_done();
}
