/*
 * oom_badness - the OOM killer kills the process with the largest badness (resident pages
 * plus page tables), not the one whose allocation failed.
 *
 * With F kB free: child BIG touches 60% of F and then runs (a busy loop, so it can die at
 * once); child SMALL then touches 50% of F. That cannot fit (60% + 50% > 100%), so SMALL's
 * faults run out of memory when it holds about 40% of F, less than BIG's 60%: BIG must be
 * killed by SIGKILL, and SMALL must get all its memory (contents checked) and exit 0. The
 * parent holds a little memory too and must keep it.
 *
 * Twice: SMALL touches its pages from user mode (its page faults wait for BIG to exit and
 * are retried), then SMALL fills them with one read() from /dev/zero (the faults are taken
 * in copy_to_user: they too must wait and retry, so the read returns the full count, not a
 * short one or -EFAULT). Faultline-only (see oom.h).
 */
#include "oom.h"

#define PARENT_PAGES	256

/* small_child - get @npages (touched, or read() from /dev/zero if @use_read), then check
 * every one holds what was put there; exit 0 if all do, 2 for lost contents, 3 for a short
 * read, 4 for a failed one. */
static __attribute__((noreturn)) void small_child(size_t npages, int use_read)
{
	unsigned char *p = map_noreserve(npages * PAGE_SIZE);
	unsigned char want = use_read ? 0 : 0x33;
	size_t i;

	if (use_read) {
		int fd = open("/dev/zero", O_RDONLY);
		ssize_t n = fd < 0 ? -1 : read(fd, p, npages * PAGE_SIZE);

		if (n != (ssize_t)(npages * PAGE_SIZE))
			_exit(n < 0 ? 4 : 3);
	} else {
		touch_pages(p, npages, want);
	}
	for (i = 0; i < npages; i++)
		if (peek(p + i * PAGE_SIZE) != want)
			_exit(2);
	_exit(0);
}

/* one_round - the scenario of the comment above; SMALL fills its memory by read() if
 * @use_read. */
static void one_round(int use_read)
{
	const char *how = use_read ? "read() from /dev/zero" : "page faults";
	size_t big_pages, small_pages;
	int ready[2], status, small_status;
	unsigned char *big_mem;
	pid_t big, small, w;
	long free_kb;
	char c;

	free_kb = mem_free_kb();
	big_pages = (size_t)free_kb * 6 / 10 / (PAGE_SIZE / 1024);
	small_pages = (size_t)free_kb * 5 / 10 / (PAGE_SIZE / 1024);
	ASSERT(pipe(ready) == 0, "pipe: %s", strerror(errno));

	fflush(NULL);
	big = fork();
	ASSERT(big >= 0, "fork: %s", strerror(errno));
	if (big == 0) {
		close(ready[0]);
		big_mem = map_noreserve(big_pages * PAGE_SIZE);
		touch_pages(big_mem, big_pages, 0x77);
		if (write(ready[1], "r", 1) != 1)
			_exit(2);
		spin_forever();
	}
	close(ready[1]);
	if (read(ready[0], &c, 1) != 1) {
		FAIL("BIG (%zu pages) died before it held its memory: status %d", big_pages,
		     wait_exit_status(big));
		close(ready[0]);
		return;
	}
	close(ready[0]);

	small = fork();
	ASSERT(small >= 0, "fork: %s", strerror(errno));
	if (small == 0)
		small_child(small_pages, use_read);
	small_status = wait_exit_status(small);
	EXPECT(small_status == 0, "SMALL (%zu pages by %s, the one that ran out of memory) ended "
	       "with status %d, expected 0 (137: it was killed instead of BIG with %zu pages; "
	       "3/4: a short/failed read)", small_pages, how, small_status, big_pages);

	/* BIG should be dead already; if it is not, kill it so the test leaves nothing behind. */
	w = waitpid(big, &status, WNOHANG);
	if (w == 0) {
		FAIL("BIG (%zu pages, the largest badness) is still running (SMALL used %s)",
		     big_pages, how);
		kill(big, SIGKILL);
		w = waitpid(big, &status, 0);
	} else {
		EXPECT(w == big && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
		       "BIG: waitpid %d status %#x, expected killed by SIGKILL", (int)w, status);
	}
}

int main(void)
{
	unsigned char *mine;
	size_t i;

	faultline_only();
	mine = map_anon(PARENT_PAGES);
	touch_pages(mine, PARENT_PAGES, 0xa5);
	one_round(0);
	one_round(1);
	for (i = 0; i < PARENT_PAGES; i++)
		EXPECT(peek(mine + i * PAGE_SIZE) == 0xa5, "parent's page %zu changed", i);
	munmap(mine, PARENT_PAGES * PAGE_SIZE);
	return test_done();
}
