/*
 * mm_madvise_fork - MADV_DONTFORK leaves a hole in the child (its access is SIGSEGV, the
 * child's /proc/self/maps has no such VMA), MADV_WIPEONFORK gives the child zeros where the
 * parent keeps its data, and MADV_DOFORK / MADV_KEEPONFORK undo them.
 */
#include "test.h"

/* In the child: exit 0 if [p, p+len) is not in /proc/self/maps, 1 otherwise. */
static int child_has_hole(unsigned char *p)
{
	return maps_lines_in((unsigned long)p, (unsigned long)p + PAGE_SIZE, NULL, 0) == 0 ? 0 : 1;
}

static void touch(void *p)
{
	(void)peek(p);
}

int main(void)
{
	unsigned char *d = map_anon(1), *w = map_anon(1);
	pid_t pid;

	memset(d, 0x33, PAGE_SIZE);
	memset(w, 0x44, PAGE_SIZE);
	ASSERT(madvise(d, PAGE_SIZE, MADV_DONTFORK) == 0, "DONTFORK: %s", strerror(errno));
	ASSERT(madvise(w, PAGE_SIZE, MADV_WIPEONFORK) == 0, "WIPEONFORK: %s", strerror(errno));

	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0)
		_exit(child_has_hole(d) | (w[0] == 0 && w[PAGE_SIZE - 1] == 0 ? 0 : 2));
	EXPECT_EQ(wait_exit_status(pid), 0);
	expect_signal(touch, d, SIGSEGV);
	EXPECT(d[0] == 0x33 && w[0] == 0x44, "parent's data changed: %#x %#x", d[0], w[0]);

	/* Undone: the child sees the parent's data again. */
	ASSERT(madvise(d, PAGE_SIZE, MADV_DOFORK) == 0, "DOFORK: %s", strerror(errno));
	ASSERT(madvise(w, PAGE_SIZE, MADV_KEEPONFORK) == 0, "KEEPONFORK: %s", strerror(errno));
	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0)
		_exit((d[0] == 0x33 ? 0 : 1) | (w[0] == 0x44 ? 0 : 2));
	EXPECT_EQ(wait_exit_status(pid), 0);
	munmap(d, PAGE_SIZE);
	munmap(w, PAGE_SIZE);
	return test_done();
}
