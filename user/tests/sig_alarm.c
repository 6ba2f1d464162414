/*
 * sig_alarm - alarm() and setitimer(ITIMER_REAL) deliver SIGALRM.
 *
 * alarm(1) returns 0 (none was set), a second alarm(5) returns the seconds left of the first
 * (1), alarm(0) cancels and returns 5. An interval timer of 50 ms fires repeatedly (several
 * SIGALRMs within 400 ms) and getitimer reports its interval; setting it to zero stops it.
 * Without a handler SIGALRM ends the process. Linux behaves so.
 */
#include "test.h"
#include <sys/time.h>
#include <time.h>

static volatile int alarms;

static void on_alrm(int sig)
{
	(void)sig;
	alarms++;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static void die_by_alarm(void *arg)
{
	(void)arg;
	alarm(1);
	for (;;)
		pause();
}

int main(void)
{
	struct itimerval it = { { 0, 50000 }, { 0, 50000 } }, cur, zero = { { 0, 0 }, { 0, 0 } };
	unsigned int left;

	signal(SIGALRM, on_alrm);
	EXPECT_EQ(alarm(1), 0);
	left = alarm(5);
	EXPECT_EQ(left, 1);
	EXPECT_EQ(alarm(0), 5);
	sleep_ms(100);
	EXPECT_EQ(alarms, 0);

	ASSERT(setitimer(ITIMER_REAL, &it, NULL) == 0, "setitimer: %s", strerror(errno));
	ASSERT(getitimer(ITIMER_REAL, &cur) == 0, "getitimer: %s", strerror(errno));
	EXPECT(cur.it_interval.tv_sec == 0 && cur.it_interval.tv_usec == 50000,
	       "it_interval %ld.%06ld", (long)cur.it_interval.tv_sec, (long)cur.it_interval.tv_usec);
	EXPECT(cur.it_value.tv_sec == 0 && cur.it_value.tv_usec > 0 && cur.it_value.tv_usec <= 50000,
	       "it_value %ld.%06ld", (long)cur.it_value.tv_sec, (long)cur.it_value.tv_usec);
	sleep_ms(400);
	ASSERT(setitimer(ITIMER_REAL, &zero, NULL) == 0, "setitimer: %s", strerror(errno));
	EXPECT(alarms >= 3 && alarms <= 9, "%d SIGALRMs in 400 ms of a 50 ms timer", alarms);
	left = (unsigned int)alarms;
	sleep_ms(150);
	EXPECT(alarms == (int)left, "SIGALRM after the timer was stopped");
	ASSERT(getitimer(ITIMER_REAL, &cur) == 0, "getitimer: %s", strerror(errno));
	EXPECT(!cur.it_value.tv_sec && !cur.it_value.tv_usec, "timer still armed after stopping");

	signal(SIGALRM, SIG_DFL);
	expect_signal(die_by_alarm, NULL, SIGALRM);
	return test_done();
}
