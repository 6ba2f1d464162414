/*
 * swap_sigkill - SIGKILL ends a process in the middle of swap I/O without harm: a child pages
 * 8 MiB out and reads it back in a loop, and is killed at a different moment each round (so
 * some rounds land in a swap write, some in a swap read). Each child dies by SIGKILL, and
 * within a second of its death every one of its slots is free again (SwapFree back to
 * SwapTotal; on Linux within SwapCached + 512 kB, see EXPECT_SWAPFREE): a slot whose write or
 * read was still in flight when the child died is freed once the device is done with it, not
 * held until later. Afterwards swapoff succeeds and a fresh swapon shows the whole device free.
 */
#include "swap_disk.h"
#include <time.h>

/* swapfree_back - wait up to a second for SwapFree to be @total (as EXPECT_SWAPFREE allows). */
static void swapfree_back(long total)
{
	struct timespec t = { 0, 10000000L };

	for (int i = 0; i < 100; i++) {
		long free_kb = meminfo_kb("SwapFree:"), cached = meminfo_kb("SwapCached:");

		if (free_kb == total || (!on_faultline() && total - free_kb <= cached + 512))
			break;
		nanosleep(&t, NULL);
	}
	EXPECT_SWAPFREE(total);
}

#define PAGES	2048UL
#define ROUNDS	6

int main(void)
{
	size_t len = PAGES * PAGE_SIZE;
	long total;

	swap_on();
	total = meminfo_kb("SwapTotal:");
	for (int round = 0; round < ROUNDS; round++) {
		struct timespec t = { 0, 2000000L + round * 7000000L };
		int ready[2], status;
		char c = 0;
		pid_t pid;

		ASSERT(pipe(ready) == 0, "pipe: %s", strerror(errno));
		fflush(NULL);
		pid = fork();
		ASSERT(pid >= 0, "fork: %s", strerror(errno));
		if (pid == 0) {
			unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
						MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

			if (p == MAP_FAILED)
				_exit(2);
			fill(p, PAGES, 8);
			if (write(ready[1], &c, 1) != 1)
				_exit(3);
			for (;;) {
				madvise(p, len, MADV_PAGEOUT);
				if (bad_pages(p, PAGES, 8))
					_exit(4);
			}
		}
		close(ready[1]);
		ASSERT(read(ready[0], &c, 1) == 1, "child did not get ready");
		close(ready[0]);
		nanosleep(&t, NULL);
		kill(pid, SIGKILL);
		ASSERT(waitpid(pid, &status, 0) == pid, "waitpid: %s", strerror(errno));
		EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "round %d: child status %#x",
		       round, status);
		swapfree_back(total);
	}
	EXPECT_EQ(swapoff(SWAP_DEV), 0);
	EXPECT_EQ(meminfo_kb("SwapTotal:"), 0);
	swap_on();
	EXPECT_EQ(meminfo_kb("SwapFree:"), total);
	EXPECT_EQ(swapoff(SWAP_DEV), 0);
	return test_done();
}
