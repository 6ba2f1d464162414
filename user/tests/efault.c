/*
 * efault - system calls handed a bad user pointer fail with -1/EFAULT instead of faulting
 * the kernel or touching kernel memory: NULL, kernel addresses (direct map, kernel image),
 * a non-canonical address, an unmapped page, and - for calls that write to the buffer - a
 * read-only page. A read-only page is still fine as the source of a write().
 *
 * Seed concept: the kernel half of every address space is mapped but not user-accessible,
 * so the kernel must check every user pointer (access_ok: below TASK_SIZE) and copy through
 * fault-tolerant uaccess helpers (copy_to_user/copy_from_user), turning a fault on a user
 * address into -EFAULT.
 *
 * Everything goes through raw syscall() so that libc neither checks the pointers first nor
 * answers from the vDSO (clock_gettime).
 */
#include "test.h"
#include <time.h>

static const struct {
	unsigned long addr;
	const char *what;
} bad_ptrs[] = {
	{ 0UL, "NULL" },
	{ 0xffff888000000000UL, "direct map" },
	{ 0xffffffff80000000UL, "kernel text" },
	{ 0xffffc90000000000UL, "vmalloc area" },
	{ 0x8000000000000000UL, "non-canonical" },
	{ 0x0000800000000000UL, "first non-canonical (TASK_SIZE + 4 KiB)" },
	{ 0UL, "unmapped user page" },		/* address filled in by main() */
};
#define NBAD	(sizeof(bad_ptrs) / sizeof(bad_ptrs[0]))

/* CHECK_EFAULT - EXPECT_ERRNO(call, EFAULT), naming the call and the pointer on failure. */
#define CHECK_EFAULT(call, what)						\
	do {									\
		int _before = test_failures;					\
		EXPECT_ERRNO(call, EFAULT);					\
		if (test_failures != _before)					\
			fprintf(stderr, "  ... for %s with %s pointer\n", #call, (what)); \
	} while (0)

int main(int argc, char *argv[])
{
	unsigned char *ro, *unmapped;
	int fd, pipefd[2];
	char buf[16];
	size_t i;

	(void)argc;
	fd = open(argv[0], O_RDONLY);	/* this program: a file we can always read */
	ASSERT(fd >= 0, "open(%s): %s", argv[0], strerror(errno));
	ASSERT(pipe(pipefd) == 0, "pipe: %s", strerror(errno));

	unmapped = map_anon(1);
	ASSERT(munmap(unmapped, PAGE_SIZE) == 0, "munmap: %s", strerror(errno));

	for (i = 0; i < NBAD; i++) {
		void *bad = (void *)(i == NBAD - 1 ? (unsigned long)unmapped : bad_ptrs[i].addr);
		const char *what = bad_ptrs[i].what;

		CHECK_EFAULT(syscall(SYS_write, pipefd[1], bad, 10), what);
		CHECK_EFAULT(syscall(SYS_read, fd, bad, 10), what);
		CHECK_EFAULT(syscall(SYS_pread64, fd, bad, 10, 0), what);
		CHECK_EFAULT(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, bad), what);
		CHECK_EFAULT(syscall(SYS_uname, bad), what);
		CHECK_EFAULT(syscall(SYS_getrusage, RUSAGE_SELF, bad), what);
		CHECK_EFAULT(syscall(SYS_open, bad, O_RDONLY), what);
		CHECK_EFAULT(syscall(SYS_execve, bad, NULL, NULL), what);
		CHECK_EFAULT(syscall(SYS_pipe, bad), what);
		CHECK_EFAULT(syscall(SYS_getrandom, bad, 10, 0), what);
		CHECK_EFAULT(syscall(SYS_nanosleep, bad, NULL), what);
	}

	/* A read-only page: fine to read from, but the kernel may not write into it. */
	ro = mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT(ro != MAP_FAILED, "mmap(PROT_READ): %s", strerror(errno));
	CHECK_EFAULT(syscall(SYS_read, fd, ro, 10), "read-only");
	CHECK_EFAULT(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, ro), "read-only");
	CHECK_EFAULT(syscall(SYS_uname, ro), "read-only");
	CHECK_EFAULT(syscall(SYS_getrusage, RUSAGE_SELF, ro), "read-only");
	CHECK_EFAULT(syscall(SYS_pipe, ro), "read-only");
	CHECK_EFAULT(syscall(SYS_getrandom, ro, 10, 0), "read-only");
	EXPECT(peek(ro) == 0, "the kernel wrote into a read-only page");
	EXPECT_EQ(syscall(SYS_write, pipefd[1], ro, 10), 10);
	EXPECT_EQ(syscall(SYS_read, pipefd[0], buf, 10), 10);

	/* A buffer that starts in the last user page and runs past TASK_SIZE is refused
	 * whole (only checked if that page is free to map here). */
	{
		unsigned long last = 0x00007ffffffff000UL - PAGE_SIZE;
		unsigned char *top = mmap((void *)last, PAGE_SIZE, PROT_READ | PROT_WRITE,
					  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (top == (unsigned char *)last) {
			CHECK_EFAULT(syscall(SYS_read, fd, top + PAGE_SIZE - 8, 16),
				     "straddling TASK_SIZE");
			EXPECT(peek(top + PAGE_SIZE - 8) == 0, "bytes copied below TASK_SIZE");
			munmap(top, PAGE_SIZE);
		} else {
			if (on_faultline())	/* nothing else is ever mapped there */
				FAIL("mmap of the last user page at %#lx got %p", last, (void *)top);
			else
				fprintf(stderr, "last user page not free here; TASK_SIZE check "
					"left out\n");
			if (top != MAP_FAILED)
				munmap(top, PAGE_SIZE);
		}
	}

	/* After all that, the file position has not moved and the calls still work. */
	EXPECT_EQ(syscall(SYS_read, fd, buf, 4), 4);
	EXPECT(memcmp(buf, "\177ELF", 4) == 0, "read after EFAULTs got the wrong bytes");

	close(fd);
	return test_done();
}
