/*
 * fs_rtc_clock - the wall clock tells the real date: clock_gettime(CLOCK_REALTIME), time() and
 * gettimeofday() are after 2024-01-01 and agree with each other, and CLOCK_REALTIME moves
 * forward with CLOCK_MONOTONIC. On Faultline the date comes from the CMOS real-time clock
 * (drivers/rtc/rtc-cmos.c), which QEMU keeps at the host's time; new files' timestamps come
 * from the same clock (ktime_get_real_seconds), so they are not 1970.
 */
#include "test.h"
#include <sys/time.h>
#include <time.h>

#define JAN_1_2024	1704067200L	/* 2024-01-01 00:00:00 UTC */

int main(void)
{
	struct timespec rt, rt2, mono, mono2;
	struct timeval tv;
	time_t t;

	ASSERT(clock_gettime(CLOCK_REALTIME, &rt) == 0, "clock_gettime: %s", strerror(errno));
	ASSERT(clock_gettime(CLOCK_MONOTONIC, &mono) == 0, "clock_gettime: %s", strerror(errno));
	t = time(NULL);
	ASSERT(gettimeofday(&tv, NULL) == 0, "gettimeofday: %s", strerror(errno));

	EXPECT(rt.tv_sec > JAN_1_2024, "CLOCK_REALTIME is %ld s since 1970, before 2024", (long)rt.tv_sec);
	EXPECT(rt.tv_sec < JAN_1_2024 + 100L * 365 * 86400, "CLOCK_REALTIME %ld is centuries ahead",
	       (long)rt.tv_sec);
	EXPECT(t >= rt.tv_sec && t <= rt.tv_sec + 2, "time() %ld vs CLOCK_REALTIME %ld", (long)t,
	       (long)rt.tv_sec);
	EXPECT(tv.tv_sec >= rt.tv_sec && tv.tv_sec <= rt.tv_sec + 2, "gettimeofday %ld vs %ld",
	       (long)tv.tv_sec, (long)rt.tv_sec);
	EXPECT(rt.tv_nsec >= 0 && rt.tv_nsec < 1000000000L, "tv_nsec %ld", rt.tv_nsec);

	/* The wall clock advances at the monotonic clock's rate: 50 ms later, both moved ~50 ms. */
	usleep(50000);
	ASSERT(clock_gettime(CLOCK_REALTIME, &rt2) == 0, "clock_gettime: %s", strerror(errno));
	ASSERT(clock_gettime(CLOCK_MONOTONIC, &mono2) == 0, "clock_gettime: %s", strerror(errno));
	long long drt = (rt2.tv_sec - rt.tv_sec) * 1000000000LL + (rt2.tv_nsec - rt.tv_nsec);
	long long dmono = (mono2.tv_sec - mono.tv_sec) * 1000000000LL + (mono2.tv_nsec - mono.tv_nsec);
	EXPECT(drt >= 50000000LL, "CLOCK_REALTIME moved %lld ns across a 50 ms sleep", drt);
	EXPECT(llabs(drt - dmono) < 20000000LL, "CLOCK_REALTIME moved %lld ns, CLOCK_MONOTONIC %lld ns",
	       drt, dmono);
	return test_done();
}
