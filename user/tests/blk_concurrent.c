/*
 * blk_concurrent - two processes reading the test disk at once both get the right data, and
 * a process waiting for the disk sleeps, so others run meanwhile. Two children each read half
 * of the disk (in 64 KiB reads, the other half first for one of them) and check the pattern.
 * Then one child counts in a shared page in a loop while the parent does 16 reads of 512 KiB
 * and notes whether the count moved during each: on Faultline (one CPU, a kernel that is not
 * preempted) it moves only if the reader gives the CPU away inside read(), by sleeping for
 * the disk or at a reschedule point when its 50 ms time slice is used up. A read of 128 disk
 * requests takes a few milliseconds, so without sleeps few reads would see it move; at least
 * half must. (QEMU often finishes a request before the submitter reaches its wait, so a
 * single 4 KiB read need not sleep at all, and a 512 KiB read very rarely sleeps in none of
 * its 128 requests: hence long reads and "half".) On Linux the counter runs on another CPU,
 * so that part is Faultline-only.
 */
#include "blk_disk.h"
#include <sched.h>

#define CHUNK	(64UL << 10)
#define BIG_READS	16

static unsigned char big[512 << 10];

static int read_range(int fd, unsigned long start, unsigned long len)
{
	static unsigned char buf[CHUNK];

	for (unsigned long off = start; off < start + len; off += CHUNK) {
		if (pread(fd, buf, CHUNK, (off_t)off) != (ssize_t)CHUNK)
			return 2;
		if (blk_check_pattern(buf, off, CHUNK) >= 0)
			return 3;
	}
	return 0;
}

int main(void)
{
	int fd = blk_open(O_RDONLY);
	unsigned long half = TEST_DISK_SIZE / 2;
	pid_t pids[2];
	volatile unsigned long *counter;
	int moved = 0;

	for (int i = 0; i < 2; i++) {
		pids[i] = fork();
		ASSERT(pids[i] >= 0, "fork: %s", strerror(errno));
		if (pids[i] == 0) {
			int r = read_range(fd, i ? half : 0, half);

			_exit(r ? r : read_range(fd, i ? 0 : half, half));
		}
	}
	for (int i = 0; i < 2; i++) {
		int status = 0;

		EXPECT_EQ(waitpid(pids[i], &status, 0), pids[i]);
		EXPECT(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		       "reader %d: status %#x (2: short read, 3: wrong data)", i, status);
	}

	counter = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT(counter != MAP_FAILED, "mmap: %s", strerror(errno));
	pids[0] = fork();
	ASSERT(pids[0] >= 0, "fork: %s", strerror(errno));
	if (pids[0] == 0)
		for (;;)
			(*counter)++;
	while (*counter == 0)
		sched_yield();
	for (int i = 0; i < BIG_READS; i++) {
		unsigned long c0 = *counter;

		EXPECT_EQ(pread(fd, big, sizeof(big), (off_t)(i * sizeof(big))), (ssize_t)sizeof(big));
		moved += *counter != c0;
	}
	kill(pids[0], SIGKILL);
	waitpid(pids[0], NULL, 0);
	munmap((void *)counter, 4096);
	if (on_faultline())
		EXPECT(moved >= BIG_READS / 2, "the counter moved during only %d of %d 512 KiB reads: the reader hogs the CPU",
		       moved, BIG_READS);
	else
		printf("# the counter moved during %d of %d reads (not checked on Linux)\n", moved, BIG_READS);
	close(fd);
	return test_done();
}
