/*
 * cow_reuse - which write to a copy-on-write page copies it and which reuses it, observed
 * through the page frame numbers in /proc/self/pagemap.
 *
 * Seed concept: copy on write, and the "last user" shortcut in do_wp_page. After fork() a
 * private page is shared read-only. A write fault copies the page only if another process
 * still maps it; if the writer is the last user, the kernel just makes its PTE writable
 * again and keeps the frame (reuse, no new page).
 *
 * Three private pages, all written by the parent before fork():
 *   A: the child writes it        -> the child gets a new frame;
 *                                    later the parent writes it and keeps its frame (reuse:
 *                                    the child's copy left the parent the only user)
 *   B: the parent writes it while -> the parent gets a new frame (copy); the child still
 *      the child is alive            sees the old frame and the old data
 *   C: nobody writes it until the -> the parent keeps its frame (reuse)
 *      child has exited and been
 *      reaped
 *
 * PFNs are visible in pagemap only to privileged users (root on Linux). If they read as 0 on
 * Linux, the test prints a skip message and passes; that is the only way it can skip. On
 * Faultline, which shows every process its PFNs, it fails instead.
 */
#include "test.h"
#include <sched.h>

enum { A, B, C, NPAGES };

static unsigned char *page(unsigned char *base, int i)
{
	return base + (size_t)i * PAGE_SIZE;
}

static void post(int fd)
{
	ASSERT(write(fd, "x", 1) == 1, "pipe write: %s", strerror(errno));
}

static void await(int fd)
{
	char c;

	ASSERT(read(fd, &c, 1) == 1, "pipe read: %s", strerror(errno));
}

/* The child's side: runs with the parent alive. Returns the exit status, 0 if all held. */
static int child(unsigned char *p, const uint64_t *pfn0, int wake_fd, int go_fd)
{
	int bad = 0;
	uint64_t pfn;

	/* Right after fork every page is still the parent's frame. */
	for (int i = 0; i < NPAGES; i++)
		if (pfn_of(page(p, i)) != pfn0[i]) {
			fprintf(stderr, "FAIL: child: page %d not shared after fork\n", i);
			bad = 1;
		}

	/* A: writing a page the parent still maps copies it. */
	poke(page(p, A), 'a');
	pfn = pfn_of(page(p, A));
	if (pfn == pfn0[A] || pfn == 0) {
		fprintf(stderr, "FAIL: child: write to shared page A kept pfn %#llx\n",
			(unsigned long long)pfn);
		bad = 1;
	}

	post(wake_fd);
	await(go_fd);		/* the parent has written B meanwhile */

	/* B: the parent's write did not touch our mapping. */
	if (pfn_of(page(p, B)) != pfn0[B] || peek(page(p, B)) != 'B') {
		fprintf(stderr, "FAIL: child: page B changed under us (pfn %#llx, data %c)\n",
			(unsigned long long)pfn_of(page(p, B)), peek(page(p, B)));
		bad = 1;
	}
	return bad;
}

int main(void)
{
	unsigned char *p = map_anon(NPAGES);
	uint64_t pfn0[NPAGES];
	int wake[2], go[2], status, i;
	cpu_set_t one;
	pid_t pid;

	/*
	 * Keep the whole test on one CPU. Linux holds new pages in per-CPU batches for a while,
	 * and a page sitting in another CPU's batch has an extra reference that makes
	 * do_wp_page copy instead of reuse. Failure (no such call) is harmless.
	 */
	CPU_ZERO(&one);
	CPU_SET(0, &one);
	sched_setaffinity(0, sizeof(one), &one);

	for (i = 0; i < NPAGES; i++) {
		memset(page(p, i), 'A' + i, PAGE_SIZE);
		pfn0[i] = pfn_of(page(p, i));
	}
	if (pfn0[A] == 0) {
		if (!(pagemap_entry(p) & PM_PRESENT)) {
			fprintf(stderr, "FAIL: pagemap says a written page is not present\n");
			return 1;
		}
		if (on_faultline()) {
			fprintf(stderr, "FAIL: /proc/self/pagemap shows no PFNs on Faultline\n");
			return 1;
		}
		fprintf(stderr, "SKIP: /proc/self/pagemap shows no PFNs (not privileged)\n");
		return 0;
	}
	EXPECT(pfn0[A] != pfn0[B] && pfn0[B] != pfn0[C] && pfn0[A] != pfn0[C],
	       "three written pages share frames");

	ASSERT(pipe(wake) == 0 && pipe(go) == 0, "pipe: %s", strerror(errno));
	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0)
		_exit(child(p, pfn0, wake[1], go[0]));

	await(wake[0]);		/* the child has written A */

	/* B: the child still maps it, so the parent's write must copy. */
	poke(page(p, B), 'b');
	EXPECT(pfn_of(page(p, B)) != pfn0[B], "parent's write to B (shared with a live child) "
	       "kept pfn %#llx: no copy", (unsigned long long)pfn0[B]);
	post(go[1]);

	status = wait_exit_status(pid);
	EXPECT(status == 0, "child reported failure (status %d)", status);

	/* A: the child's copy left us the only user: reuse. */
	EXPECT_EQ(pfn_of(page(p, A)), pfn0[A]);
	poke(page(p, A), 'z');
	EXPECT(pfn_of(page(p, A)) == pfn0[A], "parent's write to A got pfn %#llx, expected reuse "
	       "of %#llx", (unsigned long long)pfn_of(page(p, A)), (unsigned long long)pfn0[A]);

	/* C: the child is gone and reaped: the last user's write reuses the frame. */
	EXPECT_EQ(pfn_of(page(p, C)), pfn0[C]);
	poke(page(p, C), 'z');
	EXPECT(pfn_of(page(p, C)) == pfn0[C], "parent's write to C got pfn %#llx, expected reuse "
	       "of %#llx", (unsigned long long)pfn_of(page(p, C)), (unsigned long long)pfn0[C]);

	/* Data: each page holds what this process last wrote. */
	EXPECT(peek(page(p, A)) == 'z' && peek(page(p, A) + 1) == 'A', "page A data wrong");
	EXPECT(peek(page(p, B)) == 'b' && peek(page(p, B) + 1) == 'B', "page B data wrong");
	EXPECT(peek(page(p, C)) == 'z' && peek(page(p, C) + 1) == 'C', "page C data wrong");

	return test_done();
}
