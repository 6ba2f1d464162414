/*
 * drivers/rtc/rtc-cmos.c - read the PC's CMOS real-time clock (MC146818): the date and time
 * the wall clock starts from at boot (kernel/time.c, timekeeping_init). QEMU's RTC follows the
 * host's clock (UTC) by default, so files get real timestamps.
 *
 * The clock's registers are behind the index port 0x70 and the data port 0x71: seconds (0x00),
 * minutes (0x02), hours (0x04), day of month (0x07), month (0x08), year (0x09), status A (0x0a,
 * bit 7: update in progress), status B (0x0b, bit 2: binary instead of BCD, bit 1: 24-hour
 * mode), and on most PCs (QEMU too) the century (0x32). Writing the index port also sets the
 * NMI-disable bit 7; it is left clear.
 *
 * The clock updates its registers once a second, for up to ~2 ms, while status A's UIP bit is
 * set (it rises 244 us before). A read is consistent if UIP was clear before it and the
 * seconds did not change during it; mc146818_get_time tries a few times, as Linux's
 * mc146818_avoid_UIP() does, and gives up with -EIO rather than wait forever.
 */
#include "drivers/rtc/rtc-cmos.h"
#include "kernel/errno.h"
#include "kernel/io.h"
#include "kernel/time.h"

#define RTC_PORT_INDEX		0x70
#define RTC_PORT_DATA		0x71

#define RTC_SECONDS		0x00
#define RTC_MINUTES		0x02
#define RTC_HOURS		0x04
#define RTC_DAY_OF_MONTH	0x07
#define RTC_MONTH		0x08
#define RTC_YEAR		0x09
#define RTC_REG_A		0x0a
#define RTC_REG_B		0x0b
#define RTC_CENTURY		0x32

#define RTC_UIP			0x80	/* status A: update in progress */
#define RTC_DM_BINARY		0x04	/* status B: registers in binary, not BCD */
#define RTC_24H			0x02	/* status B: 24-hour mode */
#define RTC_PM			0x80	/* hours register in 12-hour mode: PM */

#define RTC_UIP_WAIT_NS		10000000UL	/* 10 ms: longer than any update */
#define RTC_READ_TRIES		10

/* cmos_read - the CMOS register @reg. */
static u8 cmos_read(u8 reg)
{
	outb(RTC_PORT_INDEX, reg);
	return inb(RTC_PORT_DATA);
}

/* bcd2bin - @v decoded from BCD if @is_bcd, else @v. */
static int bcd2bin(u8 v, bool is_bcd)
{
	return is_bcd ? (v & 0x0f) + (v >> 4) * 10 : v;
}

/* wait_uip_clear - wait until no update is in progress. Returns 0, or -EIO if UIP is still set
 * after RTC_UIP_WAIT_NS (or after many reads, if the TSC is not calibrated). */
static int wait_uip_clear(void)
{
	u64 start = ktime_get_ns();

	for (unsigned long spins = 0; cmos_read(RTC_REG_A) & RTC_UIP; spins++) {
		if (ktime_get_ns() - start > RTC_UIP_WAIT_NS || spins > 1000000)
			return -EIO;
		__builtin_ia32_pause();
	}
	return 0;
}

struct cmos_regs {
	u8 sec, min, hour, mday, mon, year, century, reg_b;
};

/* cmos_read_regs - one raw read of the date and time registers into @r. */
static void cmos_read_regs(struct cmos_regs *r)
{
	r->sec = cmos_read(RTC_SECONDS);
	r->min = cmos_read(RTC_MINUTES);
	r->hour = cmos_read(RTC_HOURS);
	r->mday = cmos_read(RTC_DAY_OF_MONTH);
	r->mon = cmos_read(RTC_MONTH);
	r->year = cmos_read(RTC_YEAR);
	r->century = cmos_read(RTC_CENTURY);
	r->reg_b = cmos_read(RTC_REG_B);
}

/* cmos_regs_to_tm - decode @r (BCD or binary, 12- or 24-hour, century) into @tm. */
static void cmos_regs_to_tm(const struct cmos_regs *r, struct rtc_time *tm)
{
	bool is_bcd = !(r->reg_b & RTC_DM_BINARY);
	int hour = bcd2bin(r->hour & ~RTC_PM, is_bcd), century = bcd2bin(r->century, is_bcd);

	if (!(r->reg_b & RTC_24H)) {
		/* 12-hour mode: 12 AM is 0 h, 12 PM is 12 h, 1-11 PM are 13-23 h. */
		hour %= 12;
		if (r->hour & RTC_PM)
			hour += 12;
	}
	/* No ACPI table says where the century is: register 0x32 counts if it is plausible. */
	if (century < 19 || century > 30)
		century = 20;
	tm->tm_sec = bcd2bin(r->sec, is_bcd);
	tm->tm_min = bcd2bin(r->min, is_bcd);
	tm->tm_hour = hour;
	tm->tm_mday = bcd2bin(r->mday, is_bcd);
	tm->tm_mon = bcd2bin(r->mon, is_bcd) - 1;
	tm->tm_year = century * 100 + bcd2bin(r->year, is_bcd) - 1900;
}

int mc146818_get_time(struct rtc_time *tm)
{
	struct cmos_regs a, b;

	for (int tries = 0; tries < RTC_READ_TRIES; tries++) {
		if (wait_uip_clear())
			return -EIO;
		cmos_read_regs(&a);
		/* An update that began during the reads may have torn them: read again. */
		if (cmos_read(RTC_REG_A) & RTC_UIP)
			continue;
		cmos_read_regs(&b);
		if (a.sec != b.sec || a.min != b.min || a.hour != b.hour || a.mday != b.mday ||
		    a.mon != b.mon || a.year != b.year || a.century != b.century)
			continue;
		cmos_regs_to_tm(&a, tm);
		return rtc_valid_tm(tm) ? -EIO : 0;
	}
	return -EIO;
}

/* is_leap_year - Gregorian leap year? */
static bool is_leap_year(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int rtc_valid_tm(const struct rtc_time *tm)
{
	static const u8 days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int year = tm->tm_year + 1900, mdays;

	if (year < 1970 || tm->tm_mon < 0 || tm->tm_mon > 11)
		return -EINVAL;
	mdays = days[tm->tm_mon] + (tm->tm_mon == 1 && is_leap_year(year));
	if (tm->tm_mday < 1 || tm->tm_mday > mdays || tm->tm_hour < 0 || tm->tm_hour > 23 ||
	    tm->tm_min < 0 || tm->tm_min > 59 || tm->tm_sec < 0 || tm->tm_sec > 59)
		return -EINVAL;
	return 0;
}

/*
 * days_from_civil - days from 1970-01-01 to @y-@m-@d (month 1-12): years counted from March,
 * so the leap day ends a year; 400-year eras of 146097 days.
 */
static s64 days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = y / 400, yoe = y - era * 400;
	int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (s64)era * 146097 + doe - 719468;
}

s64 rtc_tm_to_time64(const struct rtc_time *tm)
{
	return days_from_civil(tm->tm_year + 1900, tm->tm_mon + 1, tm->tm_mday) * 86400 +
	       tm->tm_hour * 3600 + tm->tm_min * 60 + tm->tm_sec;
}
