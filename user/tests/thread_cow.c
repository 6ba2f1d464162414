/*
 * thread_cow - copy-on-write with two threads: after fork, the parent's private pages are
 * shared read-only with the child. Two threads of the parent then write to the same page at
 * once (each its own half): the page is copied once for the process, both threads' writes are
 * in it, and the child still sees the old contents. The same with a page neither side wrote
 * before fork (the zero page) being written by both threads.
 */
#include "test.h"
#include <pthread.h>
#include <stdatomic.h>

#define NPAGES	32

static unsigned char *area;
static atomic_int go, ready;

static void *writer(void *arg)
{
	long half = (long)arg;

	atomic_fetch_add(&ready, 1);
	while (!atomic_load(&go))
		;
	for (long i = 0; i < NPAGES; i++) {
		unsigned char *p = area + i * PAGE_SIZE + half * (PAGE_SIZE / 2);

		memset(p, (int)(0x10 + half), PAGE_SIZE / 2);
		if (i % 4 == half)
			sched_yield();
	}
	return NULL;
}

int main(void)
{
	int tochild[2], toparent[2];
	pthread_t th[2];
	pid_t pid;
	char c;

	area = mmap(NULL, 2 * NPAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT(area != MAP_FAILED, "mmap: %s", strerror(errno));
	memset(area, 0xaa, NPAGES * PAGE_SIZE);		/* the second half stays untouched */
	ASSERT(pipe(tochild) == 0 && pipe(toparent) == 0, "pipe: %s", strerror(errno));
	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		int bad = 0;

		if (read(tochild[0], &c, 1) != 1)
			_exit(90);
		for (long i = 0; i < NPAGES * (long)PAGE_SIZE; i++)
			bad |= area[i] != 0xaa;
		for (long i = NPAGES * (long)PAGE_SIZE; i < 2 * NPAGES * (long)PAGE_SIZE; i++)
			bad |= area[i] != 0;
		_exit(bad ? 1 : 0);
	}
	for (int round = 0; round < 2; round++) {
		atomic_store(&go, 0);
		atomic_store(&ready, 0);
		for (long h = 0; h < 2; h++)
			ASSERT(pthread_create(&th[h], NULL, writer, (void *)h) == 0, "pthread_create failed");
		while (atomic_load(&ready) < 2)
			sched_yield();
		atomic_store(&go, 1);
		for (int h = 0; h < 2; h++)
			pthread_join(th[h], NULL);
		for (long i = 0; i < NPAGES; i++)
			for (long h = 0; h < 2; h++) {
				unsigned char *p = area + i * PAGE_SIZE + h * (PAGE_SIZE / 2);

				if (p[0] != 0x10 + h || p[PAGE_SIZE / 2 - 1] != 0x10 + h) {
					FAIL("round %d page %ld half %ld: %#x, expected %#lx", round, i,
					     h, p[0], 0x10 + h);
					i = NPAGES;
					break;
				}
			}
		area += NPAGES * PAGE_SIZE;	/* round 2: the pages that were never written */
	}
	area -= 2 * NPAGES * PAGE_SIZE;
	EXPECT_EQ(write(tochild[1], "x", 1), 1);
	EXPECT_EQ(wait_exit_status(pid), 0);
	munmap(area, 2 * NPAGES * PAGE_SIZE);
	close(tochild[0]); close(tochild[1]); close(toparent[0]); close(toparent[1]);
	return test_done();
}
