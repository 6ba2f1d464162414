/*
 * mmap_errors - mmap()/munmap() argument checking, with Linux's errnos, and the two
 * placement rules: MAP_FIXED replaces whatever was mapped there, and an address hint is
 * honoured when the range is free.
 *
 * Seed concept: mmap() creates a VMA (and nothing else: the pages come later, on fault).
 * Before it does, it must reject what cannot describe a VMA: an empty or unaligned range, no
 * sharing type, a bad file, or a range that would reach into the kernel half.
 *
 *   len 0                                   -> EINVAL
 *   MAP_FIXED at an unaligned address       -> EINVAL
 *   neither MAP_PRIVATE nor MAP_SHARED      -> EINVAL
 *   file mapping with a bad fd              -> EBADF
 *   MAP_FIXED in the kernel half            -> ENOMEM
 *   a length beyond the user address space  -> ENOMEM
 *   munmap at an unaligned address          -> EINVAL
 *   munmap of length 0                      -> EINVAL
 *   munmap of a kernel address              -> EINVAL
 */
#include "test.h"

#define RW		(PROT_READ | PROT_WRITE)
#define ANON		(MAP_PRIVATE | MAP_ANONYMOUS)
#define HINT		0x0000100000000000UL	/* 16 TiB: far from everything usual */

/* sys_mmap - raw mmap, so that errors come straight from the kernel. */
static void *sys_mmap(unsigned long addr, size_t len, int prot, int flags, int fd, long off)
{
	return (void *)syscall(SYS_mmap, addr, len, prot, flags, fd, off);
}

#define EXPECT_MMAP_ERRNO(call, err)						\
	do {									\
		void *_p;							\
		int _e;								\
		errno = 0;							\
		_p = (call);							\
		_e = errno;							\
		EXPECT(_p == MAP_FAILED && _e == (err),				\
		       "returned %p, errno %d (%s), expected MAP_FAILED errno %d (%s)", \
		       _p, _e, strerror(_e), (err), strerror(err));		\
	} while (0)

int main(void)
{
	unsigned char *p, *q;

	/* Argument errors. */
	EXPECT_MMAP_ERRNO(sys_mmap(0, 0, RW, ANON, -1, 0), EINVAL);
	EXPECT_MMAP_ERRNO(sys_mmap(HINT + 123, PAGE_SIZE, RW, ANON | MAP_FIXED, -1, 0), EINVAL);
	EXPECT_MMAP_ERRNO(sys_mmap(0, PAGE_SIZE, RW, MAP_ANONYMOUS, -1, 0), EINVAL);
	EXPECT_MMAP_ERRNO(sys_mmap(0, PAGE_SIZE, PROT_READ, MAP_PRIVATE, 999, 0), EBADF);
	EXPECT_MMAP_ERRNO(sys_mmap(0, PAGE_SIZE, PROT_READ, MAP_PRIVATE, -1, 0), EBADF);
	EXPECT_MMAP_ERRNO(sys_mmap(0xffff888000000000UL, PAGE_SIZE, RW, ANON | MAP_FIXED, -1, 0),
			  ENOMEM);
	EXPECT_MMAP_ERRNO(sys_mmap(0x00007ffffffff000UL, PAGE_SIZE, RW, ANON | MAP_FIXED, -1, 0),
			  ENOMEM);
	EXPECT_MMAP_ERRNO(sys_mmap(0, 1UL << 48, RW, ANON, -1, 0), ENOMEM);

	p = map_anon(3);
	EXPECT_ERRNO(munmap(p + 1, PAGE_SIZE), EINVAL);
	EXPECT_ERRNO(munmap(p, 0), EINVAL);
	EXPECT_ERRNO(munmap((void *)0xffff888000000000UL, PAGE_SIZE), EINVAL);

	/* MAP_FIXED over the middle page of a mapping replaces it: the new page is zero, the
	 * old data there is gone, and the pages on either side keep theirs. */
	memset(p, 0xaa, 3 * PAGE_SIZE);
	q = sys_mmap((unsigned long)p + PAGE_SIZE, PAGE_SIZE, RW, ANON | MAP_FIXED, -1, 0);
	EXPECT(q == p + PAGE_SIZE, "MAP_FIXED at %p returned %p", (void *)(p + PAGE_SIZE),
	       (void *)q);
	EXPECT(peek(p + PAGE_SIZE) == 0 && peek(p + 2 * PAGE_SIZE - 1) == 0,
	       "MAP_FIXED page still holds old data %#x", peek(p + PAGE_SIZE));
	EXPECT(peek(p) == 0xaa && peek(p + PAGE_SIZE - 1) == 0xaa && peek(p + 2 * PAGE_SIZE) == 0xaa,
	       "MAP_FIXED disturbed the neighbours");
	EXPECT(munmap(p, 3 * PAGE_SIZE) == 0, "munmap: %s", strerror(errno));

	/* A hint (no MAP_FIXED) at a free address is used as given. */
	q = sys_mmap(HINT, 2 * PAGE_SIZE, RW, ANON, -1, 0);
	EXPECT(q == (unsigned char *)HINT, "hint %#lx not honoured: got %p", HINT, (void *)q);
	if (q != MAP_FAILED) {
		poke(q + PAGE_SIZE, 1);
		EXPECT(peek(q + PAGE_SIZE) == 1, "hinted mapping not usable");
		/* A hint at a busy address is not an error: the kernel picks another place. */
		p = sys_mmap(HINT, PAGE_SIZE, RW, ANON, -1, 0);
		EXPECT(p != MAP_FAILED && p != q, "busy hint gave %p", (void *)p);
		EXPECT(peek(q + PAGE_SIZE) == 1, "busy hint clobbered the existing mapping");
		munmap(q, 2 * PAGE_SIZE);
		if (p != MAP_FAILED)
			munmap(p, PAGE_SIZE);
	}

	return test_done();
}
