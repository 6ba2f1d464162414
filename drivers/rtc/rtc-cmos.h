/*
 * drivers/rtc/rtc-cmos.h - the PC's CMOS real-time clock (Motorola MC146818 and its
 * successors), read once at boot to set the wall clock (kernel/time.c, timekeeping_init).
 *
 * Linux's names: struct rtc_time follows struct tm (include/uapi/linux/rtc.h): tm_mon 0-11,
 * tm_year is years since 1900. mc146818_get_time() and rtc_tm_to_time64() are Linux's
 * drivers/rtc/rtc-mc146818-lib.c and drivers/rtc/lib.c in miniature.
 */
#ifndef FAULTLINE_DRIVERS_RTC_CMOS_H
#define FAULTLINE_DRIVERS_RTC_CMOS_H

#include "kernel/types.h"

struct rtc_time {
	int tm_sec, tm_min, tm_hour;	/* 0-59, 0-59, 0-23 */
	int tm_mday, tm_mon, tm_year;	/* 1-31, 0-11, years since 1900 */
};

/*
 * mc146818_get_time - read the date and time from the CMOS clock into @tm. Waits (at most
 * about 10 ms) for an update in progress to end, and reads again until two reads agree, so
 * the fields are from one second. Handles BCD and binary registers, the 12-hour mode and the
 * century register (0x32, if it holds a plausible century; else the years are 20xx).
 * Returns 0, or -EIO if the clock stays busy or gives an impossible date (no RTC).
 */
int mc146818_get_time(struct rtc_time *tm);

/* rtc_valid_tm - 0 if @tm is a real date and time from 1970 on, -EINVAL otherwise. */
int rtc_valid_tm(const struct rtc_time *tm);

/* rtc_tm_to_time64 - seconds since 1970-01-01 00:00:00 UTC of @tm (which must be valid). */
s64 rtc_tm_to_time64(const struct rtc_time *tm);

#endif
