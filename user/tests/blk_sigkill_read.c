/*
 * blk_sigkill_read - SIGKILL ends a process that is waiting for the disk. A child reads the
 * whole test disk over and over in 1 MiB reads; the parent kills it after a varying delay
 * (so some kills land while a request is in flight), and the child must be reaped, killed by
 * SIGKILL, within 2 s. Afterwards the disk still reads right: the request the child left
 * behind completed into memory the kernel still owned (the runner's leak check and
 * /proc/mmcheck then show that memory was given back).
 */
#include "blk_disk.h"
#include <time.h>

#define ROUNDS		6
#define KILL_BOUND_NS	2000000000LL

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void reader(int fd)
{
	static unsigned char buf[1 << 20];

	for (;;) {
		for (unsigned long off = 0; off < TEST_DISK_SIZE; off += sizeof(buf))
			if (pread(fd, buf, sizeof(buf), (off_t)off) != (ssize_t)sizeof(buf))
				_exit(3);
	}
}

int main(void)
{
	int fd = blk_open(O_RDONLY);
	unsigned char buf[4096];

	for (int round = 0; round < ROUNDS; round++) {
		pid_t pid = fork(), got;
		int status = 0;
		long long t0;

		ASSERT(pid >= 0, "fork: %s", strerror(errno));
		if (pid == 0)
			reader(fd);
		usleep(20000 + 13000 * round);
		t0 = now_ns();
		EXPECT_EQ(kill(pid, SIGKILL), 0);
		got = waitpid(pid, &status, 0);
		EXPECT_EQ(got, pid);
		EXPECT(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
		       "round %d: status %#x, expected death by SIGKILL", round, status);
		EXPECT(now_ns() - t0 < KILL_BOUND_NS, "round %d: the reader took %lld ms to die", round,
		       (now_ns() - t0) / 1000000);
	}
	EXPECT_EQ(pread(fd, buf, sizeof(buf), 1 << 20), (ssize_t)sizeof(buf));
	EXPECT(blk_check_pattern(buf, 1 << 20, sizeof(buf)) < 0, "the disk reads wrong after the kills");
	close(fd);
	return test_done();
}
