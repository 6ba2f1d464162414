/*
 * mm_fork_nomerge - after fork, a mapping the child makes right next to an anonymous VMA it
 * inherited (and whose pages it shares with the parent) stays a VMA of its own in the child's
 * /proc/self/maps, while the same mapping made in the parent merges with the parent's VMA.
 * Linux gets this from anon_vma identity (the child's VMA belongs to a new anon_vma, chained
 * to the parent's); Faultline from vm_anon_id until it has anon_vma.
 */
#include "test.h"

/* Map one page at @at (which must be free) and return how many maps lines cover [lo, hi). */
static int map_next_to(unsigned char *at, unsigned char *lo, unsigned char *hi)
{
	void *q = mmap(at, PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

	if (q != at)
		return -1;
	poke(at, 1);
	return maps_lines_in((unsigned long)lo, (unsigned long)hi, NULL, 0);
}

int main(void)
{
	/* Three pages reserved, the outer two given back: the VMA under test is the middle one,
	 * with free pages on both sides. */
	unsigned char *r = map_anon(5), *p = r + 2 * PAGE_SIZE;
	pid_t pid;
	int n;

	ASSERT(munmap(r, 2 * PAGE_SIZE) == 0 && munmap(p + PAGE_SIZE, 2 * PAGE_SIZE) == 0, "munmap");
	memset(p, 0x21, PAGE_SIZE);

	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		/* In the child: the new page above the inherited one is a separate VMA. */
		n = map_next_to(p + PAGE_SIZE, p, p + 2 * PAGE_SIZE);
		_exit(n == 2 ? 0 : n < 0 ? 10 : n);
	}
	n = wait_exit_status(pid);
	EXPECT(n == 0, "child: %d VMAs for its inherited page and its new neighbour, expected 2 "
	       "(10: mmap failed)", n);

	/* In the parent: the same mapping merges. */
	n = map_next_to(p - PAGE_SIZE, p - PAGE_SIZE, p + PAGE_SIZE);
	EXPECT(n == 1, "parent: %d VMAs for its page and its new neighbour, expected 1 (merged)", n);
	munmap(p - PAGE_SIZE, 2 * PAGE_SIZE);
	return test_done();
}
