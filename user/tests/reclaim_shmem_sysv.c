/*
 * reclaim_shmem_sysv - a System V shared memory segment (shmget IPC_PRIVATE) of 1.5 x RAM
 * (MemTotal) goes to swap and comes back intact, and lives on while nobody has it attached,
 * as on Linux. Three children in turn: the first attaches it (shmat), fills it with a pattern
 * unique to every word and page, and detaches it (shmdt; pswpout grew, so part of it is out);
 * a second attaches it, verifies every page, rewrites the second half with a pattern of its
 * own, and detaches it. With no process attached (IPC_STAT's shm_nattch is 0) and its pages
 * partly on swap, the segment survives: the third attaches it again and finds in every page
 * what was last written there. After IPC_RMID every slot is free again (SwapFree back where it
 * started), /proc/meminfo's Shmem is back near its start, and swapoff works. The test itself
 * never attaches the segment, so that it removes it even if a child is killed.
 *
 * Before shmem could be swapped, the fill of 1.5 x RAM was OOM-killed with swap free.
 */
#include "reclaim_disk.h"
#include <sys/ipc.h>
#include <sys/shm.h>

/* Shmem may differ by this much from its start at the end (kB): other programs' own shmem. */
#define SHMEM_SLACK_KB	1024

/* nattch - the segment's shm_nattch (IPC_STAT), or -1 if IPC_STAT fails. */
static long nattch(int id)
{
	struct shmid_ds ds;

	if (shmctl(id, IPC_STAT, &ds) != 0)
		return -1;
	return (long)ds.shm_nattch;
}

/* What a child does to the segment (step). */
enum step_kind {
	FILL,			/* write seed 21's pattern over every page */
	CHECK_AND_REWRITE,	/* check seed 21's everywhere; write seed 22's over the second half */
	CHECK_REWRITTEN,	/* check seed 21's in the first half, seed 22's in the second */
};

/*
 * step - attach segment @id of @pages pages, do @what to it, detach; returns 0 if every page
 * checked was right and shmat and shmdt worked, 1 otherwise (why on stderr). Runs in a child
 * (in_child), so it fails by returning, never through exit() and the parent's atexit swapoff.
 */
static int step(int id, size_t pages, enum step_kind what)
{
	unsigned char *p = shmat(id, NULL, 0), *second;
	size_t rest = pages - pages / 2, bad = 0;

	if (p == (void *)-1) {
		fprintf(stderr, "shmat(%d): %s\n", id, strerror(errno));
		return 1;
	}
	second = p + pages / 2 * PAGE_SIZE;
	if (what == FILL)
		fill(p, pages, 21);
	else if (what == CHECK_AND_REWRITE)
		bad = bad_pages(p, pages, 21);
	else
		bad = bad_pages(p, pages / 2, 21) + bad_pages(second, rest, 22);
	if (bad)
		fprintf(stderr, "%zu of %zu pages of the segment wrong (%s)\n", bad, pages,
			what == CHECK_REWRITTEN ? "attached again after all had detached it" :
			"as another process filled it");
	if (what == CHECK_AND_REWRITE)
		fill(second, rest, 22);
	if (shmdt(p) != 0) {
		fprintf(stderr, "shmdt: %s\n", strerror(errno));
		return 1;
	}
	return bad != 0;
}

/*
 * in_child - run step(@id, @pages, @what) in a child process; returns its exit status (128 +
 * the signal if it was killed). This process never attaches the segment, so it is there to
 * IPC_RMID it whatever happens to the children: an OOM kill would otherwise leave 1.5 x RAM
 * of shmem behind for the tests that follow.
 */
static int in_child(int id, size_t pages, enum step_kind what)
{
	pid_t pid;

	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0)
		_exit(step(id, pages, what));
	return wait_exit_status(pid);
}

int main(void)
{
	size_t ram = ram_pages(), pages = ram * 3 / 2;
	long others0, free0, shmem0, out0, out;
	struct shmid_ds ds;
	int id, status;

	shmem0 = meminfo_kb("Shmem:");
	ASSERT(shmem0 >= 0, "no Shmem: line in /proc/meminfo");
	reclaim_swap_on(RECLAIM_SWAP_DEV);
	others0 = others_swap_kb();
	free0 = meminfo_kb("SwapFree:");
	out0 = vmstat("pswpout");
	id = shmget(IPC_PRIVATE, pages * PAGE_SIZE, IPC_CREAT | 0600);
	ASSERT(id >= 0, "shmget of %zu pages: %s", pages, strerror(errno));

	status = in_child(id, pages, FILL);
	EXPECT(status == 0, "the child filling the segment (%zu pages, MemTotal %zu) exited %d",
	       pages, ram, status);
	out = vmstat("pswpout") - out0;
	EXPECT(out >= (long)ram / 4, "pswpout grew by %ld pages filling a segment of %zu pages "
	       "(MemTotal %zu pages): expected at least %zu", out, pages, ram, ram / 4);
	if (status == 0) {
		status = in_child(id, pages, CHECK_AND_REWRITE);
		EXPECT(status == 0, "a second process checking the segment and rewriting its "
		       "second half exited %d", status);
	}
	if (status == 0) {
		/* Nobody has it attached now, and the last sweep left much of it on swap. */
		EXPECT_EQ(nattch(id), 0);
		status = in_child(id, pages, CHECK_REWRITTEN);
		EXPECT(status == 0, "a third process checking the segment after all had detached "
		       "it exited %d", status);
	}

	EXPECT_EQ(shmctl(id, IPC_RMID, NULL), 0);
	EXPECT_ERRNO(shmctl(id, IPC_STAT, &ds), EINVAL);	/* gone: nobody had it attached */
	EXPECT_SWAPFREE_BACK(free0, others0);
	EXPECT(meminfo_kb("Shmem:") <= shmem0 + SHMEM_SLACK_KB,
	       "Shmem %ld kB after IPC_RMID, %ld kB before the test", meminfo_kb("Shmem:"), shmem0);
	reclaim_swap_off();
	return test_done();
}
