/*
 * reclaim_swap_full - swap full: with the 32 MiB swap disk on, a child writes to more
 * anonymous memory than RAM and swap hold together (MemTotal + SwapTotal + MemTotal, mapped
 * MAP_NORESERVE so mmap itself does not refuse it). Reclaim fills the swap, then can make no
 * progress, and the OOM killer must kill the child (SIGKILL; its oom_score_adj is 1000 so no
 * other process is a better victim) - after swap was used (pswpout grew by at least half
 * of SwapTotal: an OOM kill with swap still empty is not this case). The parent survives, can fill and verify half of RAM
 * again, and every slot the child held is free (SwapFree back where it started).
 */
#include "reclaim_disk.h"

int main(void)
{
	size_t ram = ram_pages(), half = ram / 2, pages;
	unsigned char *p;
	long others0, free0, out0, total, v;
	pid_t pid;

	reclaim_swap_on(RECLAIM_SWAP_SMALL_DEV);
	others0 = others_swap_kb();
	free0 = meminfo_kb("SwapFree:");
	total = meminfo_kb("SwapTotal:");
	pages = 2 * ram + (size_t)total / (PAGE_SIZE / 1024);
	out0 = vmstat("pswpout");

	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		int fd = open("/proc/self/oom_score_adj", O_WRONLY);
		unsigned char *q;

		if (fd >= 0) {
			if (write(fd, "1000", 4) != 4)
				_exit(3);
			close(fd);
		}
		q = mmap(NULL, pages * PAGE_SIZE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (q == MAP_FAILED)
			_exit(2);
		fill(q, pages, 9);
		_exit(0);	/* more than RAM + swap, and not killed */
	}
	EXPECT_EQ(wait_exit_status(pid), 128 + SIGKILL);
	v = vmstat("pswpout") - out0;
	EXPECT(v * (long)(PAGE_SIZE / 1024) >= total / 2, "pswpout grew by %ld pages before the "
	       "OOM kill, SwapTotal is %ld kB: swap was not filled", v, total);

	p = map_anon(half);
	fill(p, half, 10);
	EXPECT_EQ(bad_pages(p, half, 10), 0);
	EXPECT_EQ(munmap(p, half * PAGE_SIZE), 0);
	EXPECT_SWAPFREE_BACK(free0, others0);
	reclaim_swap_off();
	return test_done();
}
