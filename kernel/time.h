/*
 * kernel/time.h - time since boot, from the TSC calibrated against the PIT; the wall clock.
 */
#ifndef FAULTLINE_TIME_H
#define FAULTLINE_TIME_H

#include "kernel/types.h"

#define NSEC_PER_SEC	1000000000UL

/* tsc_init - measure the TSC frequency against PIT channel 2 (10 ms). Call once, early. */
void tsc_init(void);
/* tsc_khz - the TSC frequency found by tsc_init (0 before). */
extern unsigned long tsc_khz;
/* ktime_get_ns / ktime_get_us - time since tsc_init; 0 before it ran. */
u64 ktime_get_ns(void);

u64 ktime_get_us(void);

/*
 * The wall clock (CLOCK_REALTIME): set once at boot from the CMOS real-time clock
 * (drivers/rtc/rtc-cmos.c), then advanced by the TSC. Stays at 1970 if there is no usable RTC.
 */
/* timekeeping_init - read the RTC and set the wall clock's base. Call once, after tsc_init. */
void timekeeping_init(void);
/* ktime_get_real_ns - nanoseconds since 1970-01-01 UTC. */
u64 ktime_get_real_ns(void);
/* ktime_get_real_seconds - seconds since 1970-01-01 UTC (file timestamps: fs/ext2). */
s64 ktime_get_real_seconds(void);

/* it_real_tick - from the timer interrupt: send SIGALRM to every task whose ITIMER_REAL is
 * due at ktime @now, and re-arm the periodic ones. */
void it_real_tick(u64 now);

#endif
