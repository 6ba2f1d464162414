/*
 * mlock_pageout - locked pages are never reclaimed, whoever asks: the parent's 16 pages are
 * shared with its child after fork (read-only, so locking does not copy them), the child
 * mlocks its copy of the range, and the parent's MADV_PAGEOUT_SHARED (Faultline only, advice
 * 200: it takes pages other processes map too, through try_to_unmap) must leave every page
 * resident in both, because one VMA that maps them is locked. Once the child unlocks, the
 * same advice sends them to swap. Linux 6.1 knows no such advice (EINVAL, as checked here).
 */
#include "swap_disk.h"
#include "rmap_check.h"
#include "mlock_check.h"

#define PAGES			16UL
#define MADV_PAGEOUT_SHARED	200

int main(void)
{
	size_t len = PAGES * PAGE_SIZE;
	int ready[2], go[2];
	unsigned char *p;
	char c = 0;
	pid_t pid;

	swap_on();
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT(p != MAP_FAILED, "mmap: %s", strerror(errno));
	fill(p, PAGES, 12);
	EXPECT_EQ(mprotect(p, len, PROT_READ), 0);
	ASSERT(pipe(ready) == 0 && pipe(go) == 0, "pipe: %s", strerror(errno));
	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		close(ready[0]);
		close(go[1]);
		if (mlock(p, len) != 0)
			_exit(20);
		if (write(ready[1], &c, 1) != 1 || read(go[0], &c, 1) != 1)
			_exit(21);
		if (resident(p, PAGES) != (int)PAGES)
			_exit(22);		/* evicted from under the lock */
		if (munlock(p, len) != 0 || write(ready[1], &c, 1) != 1 || read(go[0], &c, 1) != 1)
			_exit(23);
		_exit(bad_pages(p, PAGES, 12) ? 24 : 0);
	}
	close(ready[1]);
	close(go[0]);
	ASSERT(read(ready[0], &c, 1) == 1, "the child died early");
	if (on_faultline()) {
		EXPECT_EQ(madvise(p, len, MADV_PAGEOUT_SHARED), 0);
		EXPECT_EQ(resident(p, PAGES), (int)PAGES);
		EXPECT_EQ(swapped_pages(p, PAGES), 0);
		expect_mmcheck_ok("the child's locked pages after MADV_PAGEOUT_SHARED");
	} else {
		EXPECT_ERRNO(madvise(p, len, MADV_PAGEOUT_SHARED), EINVAL);
	}
	ASSERT(write(go[1], &c, 1) == 1, "write: %s", strerror(errno));
	ASSERT(read(ready[0], &c, 1) == 1, "the child died before unlocking");
	if (on_faultline()) {		/* unlocked: now they go */
		EXPECT_EQ(madvise(p, len, MADV_PAGEOUT_SHARED), 0);
		EXPECT_EQ(swapped_pages(p, PAGES), PAGES);
	}
	ASSERT(write(go[1], &c, 1) == 1, "write: %s", strerror(errno));
	EXPECT_EQ(wait_exit_status(pid), 0);
	EXPECT_EQ(bad_pages(p, PAGES, 12), 0);
	EXPECT_EQ(munmap(p, len), 0);
	close(ready[0]);
	close(go[1]);
	EXPECT_EQ(swapoff(SWAP_DEV), 0);
	return test_done();
}
