/*
 * kernel/loadavg.c - the load average (Linux's kernel/sched/loadavg.c, for one CPU).
 *
 * Every LOAD_FREQ (5 s) the number of active tasks - runnable, including the one running -
 * is folded into three exponentially decaying averages, over 1, 5 and 15 minutes:
 *	load = load * e + active * (1 - e),	e = exp(-5 s / period)
 * in fixed point with FSHIFT fraction bits. /proc/loadavg prints them (fs/proc/loadavg.c).
 */
#include "kernel/sched.h"

#define LOAD_FREQ	(5 * HZ + 1)	/* Linux's: 5 s and one tick, off the 5 s beat of timers */
#define EXP_1		1884		/* FIXED_1 / exp(5 s / 1 min) */
#define EXP_5		2014		/* FIXED_1 / exp(5 s / 5 min) */
#define EXP_15		2037		/* FIXED_1 / exp(5 s / 15 min) */

unsigned long avenrun[3];
static unsigned long calc_load_update = LOAD_FREQ;

/* calc_load - one step of the average @load towards @active (both fixed point), by @exp. */
static unsigned long calc_load(unsigned long load, unsigned long exp, unsigned long active)
{
	unsigned long newload = load * exp + active * (FIXED_1 - exp);

	if (active >= load)
		newload += FIXED_1 - 1;		/* round up while rising, as Linux */
	return newload / FIXED_1;
}

/* nr_active - the tasks that count towards the load: running or runnable (not the idle task). */
static unsigned long nr_active(void)
{
	struct task_struct *task;
	unsigned long n = 0;

	list_for_each_entry(task, &task_list, tasks)
		if (task->state == TASK_RUNNING)
			n++;
	return n;
}

void calc_global_load(void)
{
	unsigned long active;

	if (jiffies < calc_load_update)
		return;
	calc_load_update += LOAD_FREQ;
	active = nr_active() * FIXED_1;
	avenrun[0] = calc_load(avenrun[0], EXP_1, active);
	avenrun[1] = calc_load(avenrun[1], EXP_5, active);
	avenrun[2] = calc_load(avenrun[2], EXP_15, active);
}
