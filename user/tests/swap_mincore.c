/*
 * swap_mincore - mincore(2) reports a page whose PTE holds a swap entry as resident when the
 * page is in the swap cache (Linux's mincore_page on the swap address space): a process pages
 * 16 pages out and forks; the child reads them all back and exits, which leaves each page in the
 * swap cache, since the parent's PTE still holds its entry. The parent's pagemap shows all 16 on
 * swap, and mincore shows all 16 resident. Then the parent verifies the data.
 */
#include "swap_disk.h"

#define PAGES	16UL

int main(void)
{
	size_t len = PAGES * PAGE_SIZE;
	unsigned char *p;
	int status;
	size_t resident;
	pid_t pid;

	swap_on();
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT(p != MAP_FAILED, "mmap: %s", strerror(errno));
	fill(p, PAGES, 21);
	ASSERT(madvise(p, len, MADV_PAGEOUT) == 0, "MADV_PAGEOUT: %s", strerror(errno));
	ASSERT(swapped_pages(p, PAGES) == PAGES, "%zu of %lu pages on swap", swapped_pages(p, PAGES),
	       PAGES);

	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0)
		_exit(bad_pages(p, PAGES, 21) ? 4 : 0);	/* reads every page back in */
	ASSERT(waitpid(pid, &status, 0) == pid, "waitpid: %s", strerror(errno));
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %#x", status);

	EXPECT_EQ(swapped_pages(p, PAGES), PAGES);
	resident = resident_pages(p, PAGES);
	EXPECT(resident == PAGES, "mincore: %zu of %lu swapped pages in the swap cache resident",
	       resident, PAGES);

	EXPECT_EQ(bad_pages(p, PAGES, 21), 0);
	munmap(p, len);
	return test_done();
}
