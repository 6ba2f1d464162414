/*
 * reclaim_exit_swapped - a process exits with pages on swap: a child fills 1.5 x RAM of
 * anonymous memory (part of it goes out, /proc/self/pagemap says how much) and exits without
 * unmapping it. Every slot it held is free again afterwards: SwapFree is back where it was
 * before the child, and a second child doing the same finds the same room.
 */
#include "reclaim_disk.h"

/* child - fill 1.5 x RAM and exit: 0 if some of it was on swap, 1 if none, 2 on mmap failure. */
static int child(void)
{
	size_t pages = ram_pages() * 3 / 2;
	unsigned char *p = mmap(NULL, pages * PAGE_SIZE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return 2;
	fill(p, pages, 5);
	return swapped_pages(p, pages) > 0 ? 0 : 1;
}

int main(void)
{
	long others0, free0;
	int status;
	pid_t pid;

	reclaim_swap_on(RECLAIM_SWAP_DEV);
	others0 = others_swap_kb();
	free0 = meminfo_kb("SwapFree:");
	for (int round = 0; round < 2; round++) {
		fflush(NULL);
		pid = fork();
		ASSERT(pid >= 0, "fork: %s", strerror(errno));
		if (pid == 0)
			_exit(child());
		status = wait_exit_status(pid);
		EXPECT(status == 0, "round %d: the child's status is %d (1: no page went to swap, "
		       "2: mmap failed, 137: killed)", round, status);
		EXPECT_SWAPFREE_BACK(free0, others0);
	}
	reclaim_swap_off();
	return test_done();
}
