/*
 * syscalls_misc - the small system calls every program leans on behave as on Linux:
 * getpid/getppid/gettid agree (also across fork), uname names the system, getrandom fills
 * its buffer, CLOCK_MONOTONIC advances by at least the time nanosleep slept, sched_yield
 * returns 0, an unknown system call number fails with ENOSYS, kill(getpid(), 0) succeeds.
 *
 * Seed concept: none of the memory ideas directly - this is the system-call ABI the other
 * tests stand on (syscall numbers, return values, -errno), checked on its own.
 */
#include "test.h"
#include <sched.h>
#include <sys/utsname.h>
#include <time.h>

static long long ns(const struct timespec *t)
{
	return t->tv_sec * 1000000000LL + t->tv_nsec;
}

int main(void)
{
	pid_t pid = getpid(), child;
	struct timespec t0, t1, nap = { 0, 10 * 1000 * 1000 };
	unsigned char r1[64], r2[64];
	struct utsname u;
	int i, zeros;

	/* Process identity: one thread, so the thread id is the process id. */
	EXPECT(pid > 0, "getpid() = %d", pid);
	EXPECT_EQ(syscall(SYS_gettid), pid);
	EXPECT(getppid() >= 0 && getppid() != pid, "getppid() = %d, getpid() = %d", getppid(), pid);

	fflush(NULL);
	child = fork();
	ASSERT(child >= 0, "fork: %s", strerror(errno));
	if (child == 0)
		_exit(getppid() == pid && getpid() != pid && syscall(SYS_gettid) == getpid() ? 0 : 1);
	EXPECT(child != pid, "fork returned our own pid");
	EXPECT(wait_exit_status(child) == 0, "child's getpid/getppid/gettid inconsistent");

	/* uname */
	ASSERT(uname(&u) == 0, "uname: %s", strerror(errno));
	EXPECT(u.sysname[0] != '\0', "empty sysname");
	EXPECT(memchr(u.sysname, '\0', sizeof(u.sysname)) != NULL, "sysname not terminated");
	fprintf(stderr, "uname: %s %s %s\n", u.sysname, u.release, u.machine);

	/* getrandom: fills every byte asked for; two draws differ. */
	memset(r1, 0, sizeof(r1));
	memset(r2, 0, sizeof(r2));
	EXPECT_EQ(syscall(SYS_getrandom, r1, sizeof(r1), 0), sizeof(r1));
	EXPECT_EQ(syscall(SYS_getrandom, r2, sizeof(r2), 0), sizeof(r2));
	for (i = 0, zeros = 0; i < (int)sizeof(r1); i++)
		zeros += r1[i] == 0;
	EXPECT(zeros < 16, "getrandom returned %d zero bytes of 64", zeros);
	EXPECT(memcmp(r1, r2, sizeof(r1)) != 0, "two getrandom draws are identical");

	/* The monotonic clock advances by at least what nanosleep slept. */
	ASSERT(clock_gettime(CLOCK_MONOTONIC, &t0) == 0, "clock_gettime: %s", strerror(errno));
	EXPECT_EQ(nanosleep(&nap, NULL), 0);
	ASSERT(clock_gettime(CLOCK_MONOTONIC, &t1) == 0, "clock_gettime: %s", strerror(errno));
	EXPECT(ns(&t1) - ns(&t0) >= 10000000LL, "slept 10 ms, clock advanced %lld ns",
	       ns(&t1) - ns(&t0));

	EXPECT_EQ(sched_yield(), 0);
	EXPECT_ERRNO(syscall(1000), ENOSYS);
	EXPECT_EQ(kill(getpid(), 0), 0);

	return test_done();
}
