/*
 * futex_wait_wake - futex(2) between threads: FUTEX_WAKE returns how many waiters it woke
 * (never more than asked, oldest first), FUTEX_WAIT returns EAGAIN when the word no longer
 * holds the expected value, the bitset forms wake only waiters whose bitset meets the
 * waker's, and FUTEX_CMP_REQUEUE moves waiters to a second word (EAGAIN if the first word
 * changed).
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
#include <stdatomic.h>

#define NWAITERS	3

static uint32_t word, word2;
static atomic_int started, returned;

static long futex(uint32_t *uaddr, int op, uint32_t val, const struct timespec *ts, uint32_t *uaddr2,
		  uint32_t val3)
{
	return syscall(SYS_futex, uaddr, op, val, ts, uaddr2, val3);
}

static void *waiter(void *arg)
{
	uint32_t bitset = (uint32_t)(uintptr_t)arg;
	long r;

	atomic_fetch_add(&started, 1);
	do
		r = futex(&word, FUTEX_WAIT_BITSET_PRIVATE, 0, NULL, NULL, bitset);
	while (r == -1 && errno == EINTR);
	atomic_fetch_add(&returned, 1);
	return (void *)r;
}

/* Start @n waiters with @bitset and give them time to go to sleep in the kernel. */
static void start_waiters(pthread_t *th, int n, uint32_t bitset)
{
	atomic_store(&started, 0);
	atomic_store(&returned, 0);
	for (int i = 0; i < n; i++)
		ASSERT(pthread_create(&th[i], NULL, waiter, (void *)(uintptr_t)bitset) == 0,
		       "pthread_create failed");
	while (atomic_load(&started) < n)
		sched_yield();
	usleep(200000);
}

int main(void)
{
	pthread_t th[NWAITERS];
	void *ret;

	/* EAGAIN: the value differs; no sleep. */
	word = 1;
	EXPECT_ERRNO(futex(&word, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0), EAGAIN);
	EXPECT_ERRNO(futex(&word, FUTEX_WAIT, 0, NULL, NULL, 0), EAGAIN);
	/* Nobody waits: WAKE wakes nobody. */
	EXPECT_EQ(futex(&word, FUTEX_WAKE_PRIVATE, 10, NULL, NULL, 0), 0);

	/* Three waiters: WAKE 2 wakes two, the next WAKE the last, then nobody is left. */
	word = 0;
	start_waiters(th, NWAITERS, FUTEX_BITSET_MATCH_ANY);
	EXPECT_EQ(atomic_load(&returned), 0);
	EXPECT_EQ(futex(&word, FUTEX_WAKE_PRIVATE, 2, NULL, NULL, 0), 2);
	EXPECT_EQ(futex(&word, FUTEX_WAKE_PRIVATE, 5, NULL, NULL, 0), 1);
	EXPECT_EQ(futex(&word, FUTEX_WAKE_PRIVATE, 5, NULL, NULL, 0), 0);
	for (int i = 0; i < NWAITERS; i++) {
		ASSERT(pthread_join(th[i], &ret) == 0, "pthread_join failed");
		EXPECT_EQ((long)ret, 0);
	}

	/* Bitsets: a waiter on bit 0 is not woken by a wake for bit 1. */
	start_waiters(th, 1, 1);
	EXPECT_EQ(futex(&word, FUTEX_WAKE_BITSET_PRIVATE, 1, NULL, NULL, 2), 0);
	EXPECT_EQ(futex(&word, FUTEX_WAKE_BITSET_PRIVATE, 1, NULL, NULL, 3), 1);
	ASSERT(pthread_join(th[0], NULL) == 0, "pthread_join failed");

	/* CMP_REQUEUE: EAGAIN if word changed; else wake 0 and move 2 to word2, whose WAKE
	 * then finds them. */
	start_waiters(th, 2, FUTEX_BITSET_MATCH_ANY);
	EXPECT_ERRNO(futex(&word, FUTEX_CMP_REQUEUE_PRIVATE, 0, (void *)2L, &word2, 7), EAGAIN);
	EXPECT_EQ(futex(&word, FUTEX_CMP_REQUEUE_PRIVATE, 0, (void *)2L, &word2, 0), 2);
	EXPECT_EQ(futex(&word, FUTEX_WAKE_PRIVATE, 5, NULL, NULL, 0), 0);
	EXPECT_EQ(atomic_load(&returned), 0);
	EXPECT_EQ(futex(&word2, FUTEX_WAKE_PRIVATE, 5, NULL, NULL, 0), 2);
	for (int i = 0; i < 2; i++)
		ASSERT(pthread_join(th[i], NULL) == 0, "pthread_join failed");
	return test_done();
}
