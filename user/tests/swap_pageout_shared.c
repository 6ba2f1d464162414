/*
 * swap_pageout_shared - MADV_PAGEOUT leaves pages that another process maps too, as Linux does
 * (it checks the map count, not every mapping): after fork, the parent's MADV_PAGEOUT sends
 * none of the 64 shared pages to swap; once the child has exited, the pages are the parent's
 * alone and all go. Shared file and shmem mappings are left alone too.
 */
#include "swap_disk.h"

#define PAGES	64UL

int main(void)
{
	size_t len = PAGES * PAGE_SIZE;
	int go[2], status;
	unsigned char *p, *shm;
	char c = 0;
	pid_t pid;

	swap_on();
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	shm = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT(p != MAP_FAILED && shm != MAP_FAILED, "mmap: %s", strerror(errno));
	fill(p, PAGES, 9);
	fill(shm, PAGES, 10);
	ASSERT(pipe(go) == 0, "pipe: %s", strerror(errno));
	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		_exit(read(go[0], &c, 1) == 1 ? 0 : 1);
	}
	EXPECT_EQ(madvise(p, len, MADV_PAGEOUT), 0);
	EXPECT_EQ(swapped_pages(p, PAGES), 0);
	ASSERT(write(go[1], &c, 1) == 1, "write: %s", strerror(errno));
	ASSERT(waitpid(pid, &status, 0) == pid, "waitpid: %s", strerror(errno));
	EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %#x", status);

	EXPECT_EQ(madvise(p, len, MADV_PAGEOUT), 0);
	EXPECT_EQ(swapped_pages(p, PAGES), PAGES);
	EXPECT_EQ(bad_pages(p, PAGES, 9), 0);

	EXPECT_EQ(madvise(shm, len, MADV_PAGEOUT), 0);
	if (on_faultline())
		EXPECT_EQ(swapped_pages(shm, PAGES), 0);	/* Linux may swap shmem out */
	EXPECT_EQ(bad_pages(shm, PAGES, 10), 0);
	EXPECT_EQ(munmap(p, len), 0);
	EXPECT_EQ(munmap(shm, len), 0);
	EXPECT_EQ(swapoff(SWAP_DEV), 0);
	return test_done();
}
