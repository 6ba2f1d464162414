/*
 * oom_anon_kill - a process that touches anonymous memory without bound is killed by the OOM
 * killer (SIGKILL, as its wait status says) and its parent lives on with its own memory
 * intact; afterwards the memory is back (MemFree recovers).
 *
 * Seed concept: demand paging allocates a frame at the first write to a page; when no frame
 * is left, Linux's OOM killer picks the process whose death frees the most memory (here the
 * only big one) and kills it, instead of failing the fault of whoever happened to ask.
 * Faultline-only (see oom.h).
 */
#include "oom.h"

#define PARENT_PAGES	64

static void eat_anon(void *arg)
{
	unsigned char *p = map_noreserve(OOM_HUGE);

	(void)arg;
	touch_pages(p, OOM_HUGE / PAGE_SIZE, 0x5a);
	/* Touched more than RAM and still alive: say so through the exit status. */
	_exit(3);
}

int main(void)
{
	unsigned char *mine;
	long before, after;
	size_t i;

	faultline_only();
	mine = map_anon(PARENT_PAGES);
	touch_pages(mine, PARENT_PAGES, 0xa5);
	before = mem_free_kb();

	expect_signal_named(eat_anon, NULL, SIGKILL, "child touching 1 GiB of anonymous memory");

	for (i = 0; i < PARENT_PAGES; i++)
		EXPECT(peek(mine + i * PAGE_SIZE) == 0xa5, "parent's page %zu changed", i);
	after = mem_free_kb();
	/* The child's pages and page tables are all free again (a little slack for slab). */
	EXPECT(after >= before - 256, "MemFree %ld kB before the child, %ld kB after", before, after);
	munmap(mine, PARENT_PAGES * PAGE_SIZE);
	return test_done();
}
