/*
 * cond_resched - a long system call does not keep other processes off the CPU: the kernel
 * gives the CPU away inside long loops when the time slice is up (Linux's cond_resched()).
 * A child reads /dev/zero in big readv() calls (64 segments of 4 MiB, all over one buffer:
 * 256 MiB a call); meanwhile the parent spins on clock_gettime for 1.5 s and records the
 * longest gap between two readings. Without reschedule points the gap is the length of a
 * whole readv (seconds on an emulated CPU); with them it is about a time slice. Bound: 200 ms.
 */
#include "test.h"
#include <sys/uio.h>
#include <time.h>

#define SEG		(4UL << 20)
#define NSEG		64
#define RUN_NS		1500000000LL
#define BOUND_NS	200000000LL

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void hog(void)
{
	static struct iovec iov[NSEG];
	char *buf = mmap(NULL, SEG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int fd = open("/dev/zero", O_RDONLY);

	if (buf == MAP_FAILED || fd < 0)
		_exit(2);
	memset(buf, 1, SEG);		/* fault it in now: the readv only copies */
	for (int i = 0; i < NSEG; i++)
		iov[i] = (struct iovec){ buf, SEG };
	for (;;)
		if (readv(fd, iov, NSEG) < 0)
			_exit(3);
}

int main(void)
{
	long long start, prev, t, gap = 0;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	ASSERT(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0)
		hog();
	usleep(20000);			/* let the child get going */
	start = prev = now_ns();
	while ((t = now_ns()) - start < RUN_NS) {
		if (t - prev > gap)
			gap = t - prev;
		prev = t;
	}
	kill(pid, SIGKILL);
	EXPECT_EQ(wait_exit_status(pid), 128 + SIGKILL);
	EXPECT(gap < BOUND_NS, "this process was kept off the CPU for %lld ms (bound %lld ms)",
	       gap / 1000000, BOUND_NS / 1000000);
	return test_done();
}
