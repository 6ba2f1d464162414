/*
 * rmap_family_churn - the reverse map follows a family of processes through fork, mprotect
 * splits and merges, mremap moves and partial munmaps: while parent, child and grandchild are
 * all alive, each with its VMAs cut and moved differently and some pages copied on write,
 * every process reads its own data back, and (on Faultline) /proc/mmcheck finds every PTE
 * through its page's anon_vma at the address page->index gives (mm/rmap.h).
 */
#include "rmap_check.h"

#define NPAGES	32

/* value - what page @i of the region holds in a process that wrote @tag over it (0: nobody). */
static unsigned char value(int i, unsigned char tag)
{
	return tag ? tag : (unsigned char)(i + 1);
}

/* bad - pages of [@p, +@n pages) that do not hold value(first + i, tag) in every byte. */
static int bad(const unsigned char *p, int first, int n, unsigned char tag)
{
	int wrong = 0;

	for (int i = 0; i < n; i++)
		for (size_t k = 0; k < PAGE_SIZE; k += 512)
			if (p[i * PAGE_SIZE + k] != value(first + i, tag)) {
				wrong++;
				break;
			}
	return wrong;
}

/* move - mremap [@p, +@n pages) onto a fresh place; the new address. */
static unsigned char *move(unsigned char *p, int n)
{
	unsigned char *dst = map_anon((size_t)n + 2) + PAGE_SIZE;	/* a page left either side */
	void *r = mremap(p, (size_t)n * PAGE_SIZE, (size_t)n * PAGE_SIZE,
			 MREMAP_MAYMOVE | MREMAP_FIXED, dst);

	ASSERT(r == dst, "mremap: %s", strerror(errno));
	return dst;
}

int main(void)
{
	unsigned char *a = map_anon(NPAGES), *moved, c = 0;
	int ready[2], go[2], gc_ready[2], gc_go[2];	/* child -> parent, parent -> child, and
							 * the same between grandchild and child */
	pid_t child;

	for (int i = 0; i < NPAGES; i++)
		memset(a + i * PAGE_SIZE, value(i, 0), PAGE_SIZE);
	ASSERT(pipe(ready) == 0 && pipe(go) == 0 && pipe(gc_ready) == 0 && pipe(gc_go) == 0,
	       "pipe: %s", strerror(errno));
	fflush(NULL);
	child = fork();
	ASSERT(child >= 0, "fork: %s", strerror(errno));
	if (child == 0) {
		pid_t grandchild;
		int wrong;

		/* The child: split [4, 8) off read-only, move [16, 24), unmap [24, 28), copy 0-1. */
		ASSERT(mprotect(a + 4 * PAGE_SIZE, 4 * PAGE_SIZE, PROT_READ) == 0, "mprotect");
		moved = move(a + 16 * PAGE_SIZE, 8);
		ASSERT(munmap(a + 24 * PAGE_SIZE, 4 * PAGE_SIZE) == 0, "munmap");
		memset(a, 0xc1, 2 * PAGE_SIZE);
		fflush(NULL);
		grandchild = fork();
		ASSERT(grandchild >= 0, "fork: %s", strerror(errno));
		if (grandchild == 0) {
			/* Merge [4, 8) back, move the moved part again, unmap half of it, copy 8. */
			ASSERT(mprotect(a + 4 * PAGE_SIZE, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE) == 0,
			       "mprotect back");
			moved = move(moved, 8);
			ASSERT(munmap(moved + 4 * PAGE_SIZE, 4 * PAGE_SIZE) == 0, "munmap");
			memset(a + 8 * PAGE_SIZE, 0xd1, PAGE_SIZE);
			wrong = bad(a, 0, 2, 0xc1) + bad(a + 2 * PAGE_SIZE, 2, 6, 0) +
				bad(a + 8 * PAGE_SIZE, 8, 1, 0xd1) + bad(a + 9 * PAGE_SIZE, 9, 7, 0) +
				bad(moved, 16, 4, 0) + bad(a + 28 * PAGE_SIZE, 28, 4, 0);
			close(gc_ready[0]);
			ASSERT(write(gc_ready[1], &c, 1) == 1, "write");
			(void)read(gc_go[0], &c, 1);
			_exit(wrong ? 10 : 0);
		}
		wrong = bad(a, 0, 2, 0xc1) + bad(a + 2 * PAGE_SIZE, 2, 14, 0) + bad(moved, 16, 8, 0) +
			bad(a + 28 * PAGE_SIZE, 28, 4, 0);
		close(gc_ready[1]);		/* a grandchild that dies early gives EOF */
		close(ready[0]);
		(void)read(gc_ready[0], &c, 1);
		ASSERT(write(ready[1], &c, 1) == 1, "write");		/* all in place */
		(void)read(go[0], &c, 1);
		ASSERT(write(gc_go[1], &c, 1) == 1, "write");
		_exit(wrong ? 11 : wait_exit_status(grandchild));
	}
	/* The parent: move [8, 12), split [20, 22) off, unmap [0, 2), copy 30. */
	moved = move(a + 8 * PAGE_SIZE, 4);
	ASSERT(mprotect(a + 20 * PAGE_SIZE, 2 * PAGE_SIZE, PROT_READ) == 0, "mprotect");
	ASSERT(munmap(a, 2 * PAGE_SIZE) == 0, "munmap");
	memset(a + 30 * PAGE_SIZE, 0xa1, PAGE_SIZE);
	close(ready[1]);
	EXPECT(read(ready[0], &c, 1) == 1, "the child died early");	/* all in place */
	EXPECT_EQ(bad(a + 2 * PAGE_SIZE, 2, 6, 0) + bad(moved, 8, 4, 0) +
		  bad(a + 12 * PAGE_SIZE, 12, 18, 0) + bad(a + 30 * PAGE_SIZE, 30, 1, 0xa1) +
		  bad(a + 31 * PAGE_SIZE, 31, 1, 0), 0);
	expect_mmcheck_ok("parent, child and grandchild alive");
	ASSERT(write(go[1], &c, 1) == 1, "write");
	EXPECT_EQ(wait_exit_status(child), 0);
	close(ready[0]);
	close(go[0]);
	close(go[1]);
	close(gc_ready[0]);
	close(gc_ready[1]);
	close(gc_go[0]);
	close(gc_go[1]);
	expect_mmcheck_ok("after the child and grandchild exited");
	munmap(a + 2 * PAGE_SIZE, (NPAGES - 2) * PAGE_SIZE);
	munmap(moved - PAGE_SIZE, 6 * PAGE_SIZE);
	return test_done();
}
