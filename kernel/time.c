/*
 * kernel/time.c - the TSC as the clock: calibration against the PIT, time since boot.
 *
 * Calibration gates PIT channel 2 for 10 ms (11932 ticks of the 1.193182 MHz PIT) and counts
 * TSC ticks meanwhile, as Linux's pit_calibrate_tsc() does. Under QEMU's -icount the TSC counts
 * guest instructions, so the "time" is virtual but repeats exactly.
 *
 * The wall clock is the CMOS RTC's time at boot plus the TSC's time since: timekeeping_init
 * reads the RTC once (Linux's read_persistent_clock64), and nothing steps it afterwards.
 *
 * Also each process's real-time interval timer (ITIMER_REAL, alarm): the timer interrupt
 * checks the armed ones every tick (it_real_tick), so SIGALRM comes at a 10 ms granularity.
 */
#include "kernel/time.h"
#include "kernel/io.h"
#include "kernel/sched.h"
#include "kernel/errno.h"
#include "kernel/uaccess.h"
#include "kernel/printk.h"
#include "drivers/rtc/rtc-cmos.h"

#define PIT_TICK_RATE	1193182UL
#define PIT_CH2		0x42
#define PIT_MODE	0x43
#define PIT_GATE	0x61
#define CAL_MS		10

unsigned long tsc_khz;
static u64 tsc_at_boot;

void tsc_init(void)
{
	unsigned long latch = PIT_TICK_RATE / (1000 / CAL_MS);
	u64 t0, t1;

	/* Gate high, speaker off; channel 2, mode 0 (interrupt on terminal count), binary. */
	outb(PIT_GATE, (inb(PIT_GATE) & ~0x02) | 0x01);
	outb(PIT_MODE, 0xb0);
	outb(PIT_CH2, latch & 0xff);
	outb(PIT_CH2, latch >> 8);

	t0 = rdtsc();
	while (!(inb(PIT_GATE) & 0x20))	/* OUT2 goes high at terminal count */
		;
	t1 = rdtsc();
	tsc_khz = (unsigned long)((t1 - t0) / CAL_MS);
	if (tsc_khz == 0)
		tsc_khz = 1;
	tsc_at_boot = t0;
}

u64 ktime_get_ns(void)
{
	if (!tsc_khz)
		return 0;
	u64 ticks = rdtsc() - tsc_at_boot;
	/* ns = ticks * 10^6 / khz, split to avoid overflow for long uptimes. */
	return (ticks / tsc_khz) * 1000000UL + (ticks % tsc_khz) * 1000000UL / tsc_khz;
}

u64 ktime_get_us(void)
{
	return ktime_get_ns() / 1000;
}

/* --- The wall clock ------------------------------------------------------------------- */

/* Wall-clock nanoseconds (since 1970) at ktime 0; 0 if the RTC could not be read. */
static u64 wall_clock_base_ns;

void timekeeping_init(void)
{
	struct rtc_time tm;
	u64 now = ktime_get_ns();
	s64 secs;

	if (mc146818_get_time(&tm)) {
		pr_warn("rtc_cmos: no usable real-time clock; the wall clock starts at 1970\n");
		return;
	}
	secs = rtc_tm_to_time64(&tm);
	/* The RTC's second began up to 1 s before @now: the base errs early, never late. */
	wall_clock_base_ns = (u64)secs * NSEC_PER_SEC - now;
	pr_info("rtc_cmos: %04d-%02d-%02d %02d:%02d:%02d UTC\n", tm.tm_year + 1900, tm.tm_mon + 1,
		tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

u64 ktime_get_real_ns(void)
{
	return wall_clock_base_ns + ktime_get_ns();
}

s64 ktime_get_real_seconds(void)
{
	return (s64)(ktime_get_real_ns() / NSEC_PER_SEC);
}

/* --- ITIMER_REAL: alarm, setitimer, getitimer ------------------------------------------ */

struct timeval_k {
	long tv_sec, tv_usec;
};

struct itimerval_k {
	struct timeval_k it_interval, it_value;
};

#define ITIMER_REAL	0
#define USEC_PER_SEC	1000000UL

void it_real_tick(u64 now)
{
	struct task_struct *task;

	list_for_each_entry(task, &task_list, tasks) {
		if (!task->it_real_expires || now < task->it_real_expires)
			continue;
		if (task->state == TASK_ZOMBIE || task->state == TASK_DEAD) {
			task->it_real_expires = 0;
			continue;
		}
		task->it_real_expires = task->it_real_incr ? now + task->it_real_incr : 0;
		send_signal_info(task, SIGALRM, &(struct ksiginfo){ .code = SI_KERNEL });
	}
}

static u64 timeval_to_ns(const struct timeval_k *tv)
{
	return (u64)tv->tv_sec * NSEC_PER_SEC + (u64)tv->tv_usec * 1000;
}

static void ns_to_timeval(u64 ns, struct timeval_k *tv)
{
	tv->tv_sec = (long)(ns / NSEC_PER_SEC);
	tv->tv_usec = (long)(ns % NSEC_PER_SEC / 1000);
}

/* get_it_real - the current task's ITIMER_REAL: time left and interval. A timer that is due
 * but not yet fired reports 1 us left, as Linux does (0 would mean "off"). */
static void get_it_real(struct itimerval_k *val)
{
	u64 now = ktime_get_ns(), exp = current->it_real_expires;

	*val = (struct itimerval_k){ 0 };
	if (exp)
		ns_to_timeval(exp > now ? exp - now : 1000, &val->it_value);
	ns_to_timeval(current->it_real_incr, &val->it_interval);
}

/* set_it_real - arm (value 0: disarm) the current task's ITIMER_REAL. */
static void set_it_real(u64 value_ns, u64 interval_ns)
{
	unsigned long flags = local_irq_save();

	current->it_real_expires = value_ns ? ktime_get_ns() + value_ns : 0;
	current->it_real_incr = interval_ns;
	local_irq_restore(flags);
}

/* sys_getitimer - only ITIMER_REAL: -EINVAL for the others (Faultline keeps no virtual or
 * profiling timers), -EFAULT for a bad pointer. */
long sys_getitimer(int which, struct itimerval_k __user *uval)
{
	struct itimerval_k val;

	if (which != ITIMER_REAL)
		return -EINVAL;
	get_it_real(&val);
	return copy_to_user(uval, &val, sizeof(val)) ? -EFAULT : 0;
}

/* sys_setitimer - arm ITIMER_REAL from @unew (NULL: disarm, as Linux), old value to @uold.
 * -EINVAL for another timer or a tv_usec out of range, -EFAULT for a bad pointer. */
long sys_setitimer(int which, const struct itimerval_k __user *unew, struct itimerval_k __user *uold)
{
	struct itimerval_k new = { 0 }, old;

	if (which != ITIMER_REAL)
		return -EINVAL;
	if (unew && copy_from_user(&new, unew, sizeof(new)))
		return -EFAULT;
	if (new.it_value.tv_sec < 0 || new.it_value.tv_usec < 0 ||
	    new.it_value.tv_usec >= (long)USEC_PER_SEC || new.it_interval.tv_sec < 0 ||
	    new.it_interval.tv_usec < 0 || new.it_interval.tv_usec >= (long)USEC_PER_SEC)
		return -EINVAL;
	get_it_real(&old);
	set_it_real(timeval_to_ns(&new.it_value), timeval_to_ns(&new.it_interval));
	if (uold && copy_to_user(uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* sys_alarm - SIGALRM in @seconds (0: cancel); returns the seconds left of the previous
 * alarm, rounded to nearest, at least 1 if one was armed (Linux's alarm_setitimer). */
long sys_alarm(unsigned int seconds)
{
	struct itimerval_k old;

	get_it_real(&old);
	set_it_real((u64)seconds * NSEC_PER_SEC, 0);
	if (!old.it_value.tv_sec && !old.it_value.tv_usec)
		return 0;
	if (!old.it_value.tv_sec || old.it_value.tv_usec >= 500000)
		old.it_value.tv_sec++;
	return old.it_value.tv_sec;
}
