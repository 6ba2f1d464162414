/*
 * thread_fault_same_pages - several threads fault the same fresh anonymous pages at once
 * (each writes its own slot in every page, released together): every page ends up mapped
 * once, with every thread's data in it (no thread's page was replaced by another's zeroed
 * copy), the process's resident count grew by exactly those pages, and the faults are
 * counted for the whole process (getrusage RUSAGE_SELF) - at least one per page.
 */
#include "test.h"
#include <pthread.h>
#include <stdatomic.h>

#define NTHREADS	4
#define NPAGES		256

static unsigned char *area;
static atomic_int go, ready;

static void *toucher(void *arg)
{
	long t = (long)arg;

	atomic_fetch_add(&ready, 1);
	while (!atomic_load(&go))
		;
	/* Each thread walks the pages in its own order, so they meet on the same page. */
	for (long n = 0; n < NPAGES; n++) {
		long i = (t & 1) ? NPAGES - 1 - n : n;

		area[i * PAGE_SIZE + t * 64] = (unsigned char)(i + t + 1);
		if (n % 32 == t)
			sched_yield();
	}
	return NULL;
}

/* resident - pages of [area, area + NPAGES pages) that mincore reports in memory. */
static long resident(void)
{
	unsigned char vec[NPAGES];
	long n = 0;

	ASSERT(mincore(area, NPAGES * PAGE_SIZE, vec) == 0, "mincore: %s", strerror(errno));
	for (int i = 0; i < NPAGES; i++)
		n += vec[i] & 1;
	return n;
}

int main(void)
{
	pthread_t th[NTHREADS];
	long flt0;

	area = mmap(NULL, NPAGES * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		    -1, 0);
	ASSERT(area != MAP_FAILED, "mmap: %s", strerror(errno));
	EXPECT_EQ(resident(), 0);
	for (long t = 0; t < NTHREADS; t++)
		ASSERT(pthread_create(&th[t], NULL, toucher, (void *)t) == 0, "pthread_create failed");
	while (atomic_load(&ready) < NTHREADS)
		sched_yield();
	flt0 = minflt();
	atomic_store(&go, 1);
	for (int t = 0; t < NTHREADS; t++)
		ASSERT(pthread_join(th[t], NULL) == 0, "pthread_join failed");

	EXPECT(minflt() - flt0 >= NPAGES, "%ld minor faults for %d fresh pages", minflt() - flt0,
	       NPAGES);
	EXPECT_EQ(resident(), NPAGES);
	for (long i = 0; i < NPAGES; i++)
		for (long t = 0; t < NTHREADS; t++) {
			unsigned char v = area[i * PAGE_SIZE + t * 64];

			if (v != (unsigned char)(i + t + 1)) {
				FAIL("page %ld slot %ld holds %u, expected %u", i, t, v,
				     (unsigned char)(i + t + 1));
				break;
			}
		}
	ASSERT(munmap(area, NPAGES * PAGE_SIZE) == 0, "munmap: %s", strerror(errno));
	return test_done();
}
