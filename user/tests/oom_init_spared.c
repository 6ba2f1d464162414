/*
 * oom_init_spared - the OOM killer never picks init (pid 1) while another process can be
 * killed, even when init is the process with the largest badness and the one whose
 * allocation failed. Linux goes further and never kills init at all; Faultline kills it only
 * when it is the last candidate.
 *
 * Two modes:
 *  - run as init (tools/run-elf build/user/tests/oom_init_spared): init forks a child holding
 *    10% of free memory (running, so it can die at once), then touches 90% of free memory
 *    itself. The child must be killed by SIGKILL and init must keep every page it touched.
 *  - under the runner (which is pid 1): a child touches memory without bound; it must be the
 *    one killed, and the runner must still be alive afterwards (kill(1, 0) and getppid()).
 *    The runner's survival through all the oom_* tests is the real check there.
 * Faultline-only (see oom.h).
 */
#include "oom.h"

static void eat_anon(void *arg)
{
	unsigned char *p = map_noreserve(OOM_HUGE);

	(void)arg;
	touch_pages(p, OOM_HUGE / PAGE_SIZE, 0x5a);
	_exit(3);
}

/* as_init - the pid 1 case: init is the biggest process and the one that runs out. */
static void as_init(void)
{
	size_t child_pages, init_pages, i;
	unsigned char *mem;
	int ready[2], status;
	long free_kb = mem_free_kb();
	pid_t child;
	char c;

	child_pages = (size_t)free_kb / 10 / (PAGE_SIZE / 1024);
	init_pages = (size_t)free_kb * 9 / 10 / (PAGE_SIZE / 1024);
	ASSERT(pipe(ready) == 0, "pipe: %s", strerror(errno));
	fflush(NULL);
	child = fork();
	ASSERT(child >= 0, "fork: %s", strerror(errno));
	if (child == 0) {
		mem = map_noreserve(child_pages * PAGE_SIZE);
		touch_pages(mem, child_pages, 0x11);
		if (write(ready[1], "r", 1) != 1)
			_exit(2);
		spin_forever();
	}
	ASSERT(read(ready[0], &c, 1) == 1, "the child died before it held its memory");
	close(ready[0]);
	close(ready[1]);

	mem = map_noreserve(init_pages * PAGE_SIZE);
	touch_pages(mem, init_pages, 0x99);	/* runs out of memory part of the way */
	for (i = 0; i < init_pages; i++)
		if (peek(mem + i * PAGE_SIZE) != 0x99) {
			FAIL("init's page %zu of %zu lost its contents", i, init_pages);
			break;
		}
	if (waitpid(child, &status, WNOHANG) == 0) {
		FAIL("the child (%zu pages) is still running: init (%zu pages) got its memory "
		     "without an OOM kill? (MemFree was %ld kB)", child_pages, init_pages, free_kb);
		kill(child, SIGKILL);
		waitpid(child, &status, 0);
	} else {
		EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
		       "child: status %#x, expected killed by SIGKILL", status);
	}
	munmap(mem, init_pages * PAGE_SIZE);
}

int main(void)
{
	pid_t parent = getppid();

	faultline_only();
	if (getpid() == 1) {
		as_init();
		return test_done();
	}
	expect_signal_named(eat_anon, NULL, SIGKILL, "child touching 1 GiB of anonymous memory");
	EXPECT(kill(1, 0) == 0, "init (pid 1) is gone: %s", strerror(errno));
	EXPECT(getppid() == parent, "parent changed from %d to %d", (int)parent, (int)getppid());
	return test_done();
}
