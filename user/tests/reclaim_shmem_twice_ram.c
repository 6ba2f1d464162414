/*
 * reclaim_shmem_twice_ram - shared anonymous memory (mmap MAP_SHARED | MAP_ANONYMOUS, shmem)
 * twice the size of RAM (MemTotal) goes to swap and comes back intact, as on Linux: filled
 * with a pattern unique to every word and page, then a forked child verifies every page and
 * rewrites the second half with a pattern of its own; the parent then verifies every page and
 * sees the child's writes (the memory is shared, through swap). /proc/vmstat's pswpout grew by
 * at least half of RAM, and the parent's read-back took major faults (getrusage ru_majflt).
 * After munmap every slot is free again (SwapFree back where it started), /proc/meminfo's
 * Shmem is back near its start, and swapoff works.
 *
 * Before shmem could be swapped (its pages kept off the LRU), the fill of twice RAM was
 * OOM-killed with swap free.
 */
#include "reclaim_disk.h"

/* Shmem may differ by this much from its start at the end (kB): other programs' own shmem. */
#define SHMEM_SLACK_KB	1024

int main(void)
{
	size_t pages = 2 * ram_pages(), half = pages / 2, ram = ram_pages();
	long others0, free0, shmem0, out0, maj0, pgmaj0, maj1, out;
	unsigned char *p;
	pid_t pid;

	shmem0 = meminfo_kb("Shmem:");
	ASSERT(shmem0 >= 0, "no Shmem: line in /proc/meminfo");
	reclaim_swap_on(RECLAIM_SWAP_DEV);
	others0 = others_swap_kb();
	free0 = meminfo_kb("SwapFree:");
	out0 = vmstat("pswpout");
	pgmaj0 = vmstat("pgmajfault");
	p = mmap(NULL, pages * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT(p != MAP_FAILED, "mmap MAP_SHARED|MAP_ANONYMOUS %zu pages: %s", pages, strerror(errno));
	fill(p, pages, 11);
	out = vmstat("pswpout") - out0;
	EXPECT(out >= (long)ram / 2, "pswpout grew by %ld pages filling %zu pages of shmem "
	       "(MemTotal %zu pages): expected at least %zu", out, pages, ram, ram / 2);

	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		size_t bad = bad_pages(p, pages, 11);

		if (bad)
			fprintf(stderr, "child: %zu of %zu shared pages read back wrong\n", bad, pages);
		fill(p + half * PAGE_SIZE, pages - half, 12);
		_exit(bad ? 1 : 0);
	}
	EXPECT_EQ(wait_exit_status(pid), 0);

	maj0 = majflt();
	EXPECT_EQ(bad_pages(p, half, 11), 0);
	EXPECT(bad_pages(p + half * PAGE_SIZE, pages - half, 12) == 0,
	       "the child's writes to the second half (%zu pages) are not all seen by the parent",
	       pages - half);
	maj1 = majflt();
	EXPECT(maj1 > maj0, "no major fault reading back %zu pages of shmem (ru_majflt %ld)",
	       pages, maj1);
	EXPECT(vmstat("pgmajfault") > pgmaj0, "pgmajfault %ld, %ld before", vmstat("pgmajfault"),
	       pgmaj0);

	EXPECT_EQ(munmap(p, pages * PAGE_SIZE), 0);
	EXPECT_SWAPFREE_BACK(free0, others0);
	EXPECT(meminfo_kb("Shmem:") <= shmem0 + SHMEM_SLACK_KB,
	       "Shmem %ld kB after munmap, %ld kB before the test", meminfo_kb("Shmem:"), shmem0);
	reclaim_swap_off();
	return test_done();
}
