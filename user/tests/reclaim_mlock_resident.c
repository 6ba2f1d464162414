/*
 * reclaim_mlock_resident - a mlock'ed region stays in memory under pressure: 4 MiB filled and
 * mlock'ed, then, with swap on, a child fills and verifies 1.5 x RAM of its own, which sends
 * pages to swap (pswpout grows). Every page of the locked region is still resident (mincore)
 * and intact afterwards, and reading it took no major fault. Where mlock is missing (ENOSYS)
 * the test fails saying so.
 */
#include "reclaim_disk.h"

#define LOCKED_PAGES	1024UL

int main(void)
{
	size_t len = LOCKED_PAGES * PAGE_SIZE, resident = 0;
	unsigned char vec[LOCKED_PAGES];
	long out0, maj0;
	unsigned char *p;
	pid_t pid;

	p = map_anon(LOCKED_PAGES);
	fill(p, LOCKED_PAGES, 12);
	if (mlock(p, len) != 0) {
		FAIL("mlock(%zu bytes): %s%s", len, strerror(errno),
		     errno == ENOSYS ? " (mlock is not implemented)" : "");
		return test_done();
	}

	reclaim_swap_on(RECLAIM_SWAP_DEV);
	out0 = vmstat("pswpout");
	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		size_t pages = ram_pages() * 3 / 2;
		unsigned char *q = mmap(NULL, pages * PAGE_SIZE, PROT_READ | PROT_WRITE,
					MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (q == MAP_FAILED)
			_exit(2);
		fill(q, pages, 13);
		_exit(bad_pages(q, pages, 13) ? 1 : 0);
	}
	EXPECT_EQ(wait_exit_status(pid), 0);
	EXPECT(vmstat("pswpout") > out0, "pswpout %ld, %ld before the child: nothing was pushed out",
	       vmstat("pswpout"), out0);

	ASSERT(mincore(p, len, vec) == 0, "mincore: %s", strerror(errno));
	for (size_t i = 0; i < LOCKED_PAGES; i++)
		resident += vec[i] & 1;
	EXPECT(resident == LOCKED_PAGES, "%zu of %lu locked pages resident", resident, LOCKED_PAGES);
	EXPECT_EQ(swapped_pages(p, LOCKED_PAGES), 0);
	maj0 = majflt();
	EXPECT_EQ(bad_pages(p, LOCKED_PAGES, 12), 0);
	EXPECT_EQ(majflt(), maj0);

	EXPECT_EQ(munlock(p, len), 0);
	EXPECT_EQ(munmap(p, len), 0);
	reclaim_swap_off();
	return test_done();
}
