/*
 * reclaim_shmem_swapoff - swapoff brings shared memory back from swap, as Linux's
 * try_to_unuse -> shmem_unuse: both a MAP_SHARED | MAP_ANONYMOUS region the test has mapped and
 * a System V segment nobody has attached (reachable from no page table, only from its shmem
 * object). An eighth of RAM (MemTotal) of each is filled with a pattern unique to every word
 * and page, then 1.25 x RAM of private anonymous memory, which pushes shmem out: mincore
 * reports pages of both not resident. The private memory is unmapped, so the shmem fits in
 * RAM again, and swapoff succeeds: /proc/swaps no longer lists the disk, SwapTotal is 0,
 * mincore reports every page of both resident, and all their data is intact.
 *
 * Sizes: Linux 6.1 at mem=96M has about 16 MiB free of its 48 MiB MemTotal when the private
 * memory is gone; a quarter of RAM of shmem (12 MiB) fits, a half does not (swapoff, Linux's
 * OOM-origin task, is then OOM-killed: memory that cannot come back is not -ENOMEM there).
 *
 * The segment is filled and checked by children (shmat), so this process never has it
 * attached and can IPC_RMID it whatever happens to them.
 */
#include "reclaim_disk.h"
#include <sys/ipc.h>
#include <sys/shm.h>

/* listed_in_swaps - does /proc/swaps hold a line for @dev? -1 if it cannot be read. */
static int listed_in_swaps(const char *dev)
{
	char line[256];
	FILE *f = fopen("/proc/swaps", "r");
	int found = 0;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		found |= strncmp(line, dev, strlen(dev)) == 0 && line[strlen(dev)] == ' ';
	fclose(f);
	return found;
}

/* What a child does to the segment (segment_step). */
enum step_kind {
	FILL,		/* write seed 33's pattern over every page */
	SOME_OUT,	/* check mincore finds pages not resident (without touching any) */
	ALL_BACK,	/* check mincore finds every page resident, then the data */
};

/*
 * segment_step - in a child: attach segment @id of @pages pages, do @what, detach, and
 * _exit(0) if all was as expected, 1 otherwise (why on stderr). Returns the child's exit
 * status (128 + the signal if it was killed).
 */
static int segment_step(int id, size_t pages, enum step_kind what)
{
	unsigned char *p;
	long out = 0;
	size_t bad = 0;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid > 0)
		return wait_exit_status(pid);
	p = shmat(id, NULL, 0);
	if (p == (void *)-1) {
		fprintf(stderr, "shmat(%d): %s\n", id, strerror(errno));
		_exit(1);
	}
	if (what == FILL) {
		fill(p, pages, 33);
	} else {
		out = not_resident(p, pages);
		if (what == SOME_OUT && out == 0)
			fprintf(stderr, "segment: mincore finds all %zu pages resident after 1.25 x RAM "
				"of private memory\n", pages);
		if (what == ALL_BACK && out != 0)
			fprintf(stderr, "segment: %ld of %zu pages not resident after swapoff\n", out,
				pages);
		if (what == ALL_BACK)
			bad = bad_pages(p, pages, 33);
		if (bad)
			fprintf(stderr, "segment: %zu of %zu pages wrong after swapoff\n", bad, pages);
	}
	if (shmdt(p) != 0) {
		fprintf(stderr, "shmdt: %s\n", strerror(errno));
		_exit(1);
	}
	_exit(bad || out < 0 || (what == SOME_OUT && out == 0) || (what == ALL_BACK && out != 0));
}

int main(void)
{
	size_t ram = ram_pages(), spages = ram / 8, fpages = ram * 5 / 4;
	unsigned char *s, *filler;
	long out;
	int id;

	reclaim_swap_on(RECLAIM_SWAP_DEV);
	s = mmap(NULL, spages * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT(s != MAP_FAILED, "mmap MAP_SHARED|MAP_ANONYMOUS %zu pages: %s", spages,
	       strerror(errno));
	fill(s, spages, 31);
	filler = map_anon(fpages);	/* before shmget: no ASSERT leaves the segment behind */
	id = shmget(IPC_PRIVATE, spages * PAGE_SIZE, IPC_CREAT | 0600);
	ASSERT(id >= 0, "shmget of %zu pages: %s", spages, strerror(errno));
	EXPECT_EQ(segment_step(id, spages, FILL), 0);
	fill(filler, fpages, 32);

	out = not_resident(s, spages);
	EXPECT(out > 0, "mincore finds %ld of %zu pages of the shared mapping not resident after "
	       "1.25 x RAM (%zu pages) of private memory", out, spages, fpages);
	EXPECT_EQ(segment_step(id, spages, SOME_OUT), 0);
	EXPECT_EQ(munmap(filler, fpages * PAGE_SIZE), 0);

	EXPECT_EQ(listed_in_swaps(RECLAIM_SWAP_DEV), 1);
	reclaim_swap_off();
	EXPECT_EQ(listed_in_swaps(RECLAIM_SWAP_DEV), 0);
	EXPECT_EQ(meminfo_kb("SwapTotal:"), 0);
	EXPECT_EQ(not_resident(s, spages), 0);
	EXPECT_EQ(bad_pages(s, spages, 31), 0);
	EXPECT_EQ(segment_step(id, spages, ALL_BACK), 0);

	EXPECT_EQ(shmctl(id, IPC_RMID, NULL), 0);
	EXPECT_EQ(munmap(s, spages * PAGE_SIZE), 0);
	return test_done();
}
