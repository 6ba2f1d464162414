/*
 * swap_swapoff - swapoff with pages out brings every page back into the processes that own
 * them: 512 pages of this process paged out and then shared with a child by fork (two PTEs
 * per slot), and 256 of the child's own paged out; the child sleeps in a pipe read while the
 * parent calls swapoff. Afterwards no page is on swap (/proc/self/pagemap), SwapTotal is 0,
 * and both processes read their data intact.
 */
#include "swap_disk.h"

#define PAGES	512UL
#define CPAGES	256UL

int main(void)
{
	size_t len = PAGES * PAGE_SIZE, clen = CPAGES * PAGE_SIZE;
	int go[2], ready[2], status;
	unsigned char *p;
	char c = 0;
	pid_t pid;

	swap_on();
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT(p != MAP_FAILED, "mmap: %s", strerror(errno));
	fill(p, PAGES, 6);
	EXPECT_EQ(madvise(p, len, MADV_PAGEOUT), 0);	/* before fork: the child shares the slots */
	EXPECT_EQ(swapped_pages(p, PAGES), PAGES);
	ASSERT(pipe(go) == 0 && pipe(ready) == 0, "pipe: %s", strerror(errno));

	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		unsigned char *q = mmap(NULL, clen, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		int bad = 0;

		if (q == MAP_FAILED)
			_exit(2);
		fill(q, CPAGES, 7);
		madvise(q, clen, MADV_PAGEOUT);
		if (swapped_pages(q, CPAGES) != CPAGES)
			bad |= 4;
		if (write(ready[1], &c, 1) != 1 || read(go[0], &c, 1) != 1)
			_exit(3);
		if (swapped_pages(q, CPAGES))
			bad |= 8;			/* swapoff brought them back */
		if (bad_pages(q, CPAGES, 7))
			bad |= 16;
		if (bad_pages(p, PAGES, 6))
			bad |= 32;
		_exit(bad);
	}
	ASSERT(read(ready[0], &c, 1) == 1, "child did not get ready");

	EXPECT_EQ(swapoff(SWAP_DEV), 0);
	EXPECT_EQ(swapped_pages(p, PAGES), 0);
	EXPECT_EQ(meminfo_kb("SwapTotal:"), 0);
	EXPECT_EQ(bad_pages(p, PAGES, 6), 0);
	ASSERT(write(go[1], &c, 1) == 1, "write: %s", strerror(errno));
	ASSERT(waitpid(pid, &status, 0) == pid, "waitpid: %s", strerror(errno));
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %#x", status);
	EXPECT_EQ(munmap(p, len), 0);
	return test_done();
}
