/*
 * futex_errors - futex(2)'s answers to bad arguments and its timeouts, as Linux gives them:
 * EINVAL for a misaligned word, a zero bitset or a bad timespec; EFAULT for an address with
 * nothing mapped (a wait, or a shared wake, must read the word); ENOSYS for an unknown
 * operation and for FUTEX_CLOCK_REALTIME with a wake; ETIMEDOUT after a relative FUTEX_WAIT
 * timeout and an absolute FUTEX_WAIT_BITSET deadline (CLOCK_MONOTONIC, and CLOCK_REALTIME
 * with the flag), each no earlier than asked; EINTR when a signal handler runs during a wait.
 */
#include "test.h"

/* <linux/futex.h> is not in musl's include path: Linux's values. */
#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256
#define FUTEX_WAIT_PRIVATE	(FUTEX_WAIT | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_PRIVATE	(FUTEX_WAKE | FUTEX_PRIVATE_FLAG)
#define FUTEX_CMP_REQUEUE_PRIVATE (FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAIT_BITSET_PRIVATE (FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_BITSET_PRIVATE (FUTEX_WAKE_BITSET | FUTEX_PRIVATE_FLAG)
#define FUTEX_BITSET_MATCH_ANY	0xffffffffU
#include <pthread.h>
#include <time.h>

static uint32_t word;

static long futex(void *uaddr, int op, uint32_t val, const void *ts, void *uaddr2, uint32_t val3)
{
	return syscall(SYS_futex, uaddr, op, val, ts, uaddr2, val3);
}

static long long now_ns(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void on_usr1(int sig)
{
	(void)sig;
}

static pid_t main_tid;

/* Sends SIGUSR1 to the main thread once it waits. */
static void *interrupter(void *arg)
{
	(void)arg;
	usleep(200000);
	syscall(SYS_tgkill, getpid(), main_tid, SIGUSR1);
	return NULL;
}

int main(void)
{
	struct timespec rel = { 0, 50 * 1000000 }, bad = { 0, 1000000000 }, neg = { -1, 0 };
	char *unmapped = mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct sigaction sa = { .sa_handler = on_usr1 };	/* no SA_RESTART */
	long long t0;
	pthread_t th;

	ASSERT(unmapped != MAP_FAILED, "mmap: %s", strerror(errno));
	ASSERT(munmap(unmapped, PAGE_SIZE) == 0, "munmap: %s", strerror(errno));

	word = 0;
	EXPECT_ERRNO(futex((char *)&word + 1, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0), EINVAL);
	EXPECT_ERRNO(futex((char *)&word + 2, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0), EINVAL);
	EXPECT_ERRNO(futex(&word, FUTEX_WAIT_BITSET_PRIVATE, 0, NULL, NULL, 0), EINVAL);
	EXPECT_ERRNO(futex(&word, FUTEX_WAKE_BITSET_PRIVATE, 1, NULL, NULL, 0), EINVAL);
	EXPECT_ERRNO(futex(&word, FUTEX_WAIT_PRIVATE, 0, &bad, NULL, 0), EINVAL);
	EXPECT_ERRNO(futex(&word, FUTEX_WAIT_PRIVATE, 0, &neg, NULL, 0), EINVAL);
	EXPECT_ERRNO(futex(&word, FUTEX_WAIT_PRIVATE, 0, (void *)8, NULL, 0), EFAULT);
	EXPECT_ERRNO(futex(NULL, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0), EFAULT);
	EXPECT_ERRNO(futex(unmapped, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0), EFAULT);
	EXPECT_ERRNO(futex(unmapped, FUTEX_WAKE, 1, NULL, NULL, 0), EFAULT);
	EXPECT_ERRNO(futex((void *)0xffff800000000000UL, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0), EFAULT);
	EXPECT_ERRNO(futex(&word, 99, 0, NULL, NULL, 0), ENOSYS);
	EXPECT_ERRNO(futex(&word, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, NULL, NULL, 0), ENOSYS);

	/* Timeouts. */
	t0 = now_ns(CLOCK_MONOTONIC);
	EXPECT_ERRNO(futex(&word, FUTEX_WAIT_PRIVATE, 0, &rel, NULL, 0), ETIMEDOUT);
	EXPECT(now_ns(CLOCK_MONOTONIC) - t0 >= 50000000, "relative wait ended after %lld ns",
	       now_ns(CLOCK_MONOTONIC) - t0);

	long long dl = now_ns(CLOCK_MONOTONIC) + 50000000;
	struct timespec abs = { dl / 1000000000, dl % 1000000000 };
	EXPECT_ERRNO(futex(&word, FUTEX_WAIT_BITSET_PRIVATE, 0, &abs, NULL, FUTEX_BITSET_MATCH_ANY),
		     ETIMEDOUT);
	EXPECT(now_ns(CLOCK_MONOTONIC) >= dl, "monotonic deadline missed by %lld ns",
	       dl - now_ns(CLOCK_MONOTONIC));

	dl = now_ns(CLOCK_REALTIME) + 50000000;
	abs = (struct timespec){ dl / 1000000000, dl % 1000000000 };
	EXPECT_ERRNO(futex(&word, FUTEX_WAIT_BITSET_PRIVATE | FUTEX_CLOCK_REALTIME, 0, &abs, NULL,
			   FUTEX_BITSET_MATCH_ANY), ETIMEDOUT);
	EXPECT(now_ns(CLOCK_REALTIME) >= dl, "realtime deadline missed by %lld ns",
	       dl - now_ns(CLOCK_REALTIME));
	abs = (struct timespec){ 1, 0 };	/* long past */
	EXPECT_ERRNO(futex(&word, FUTEX_WAIT_BITSET_PRIVATE, 0, &abs, NULL, FUTEX_BITSET_MATCH_ANY),
		     ETIMEDOUT);

	/* A handler interrupts a wait: EINTR. */
	ASSERT(sigaction(SIGUSR1, &sa, NULL) == 0, "sigaction: %s", strerror(errno));
	main_tid = (pid_t)syscall(SYS_gettid);
	ASSERT(pthread_create(&th, NULL, interrupter, NULL) == 0, "pthread_create failed");
	EXPECT_ERRNO(futex(&word, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0), EINTR);
	pthread_join(th, NULL);
	signal(SIGUSR1, SIG_DFL);
	return test_done();
}
