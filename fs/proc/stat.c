/*
 * fs/proc/stat.c - /proc/stat: the kernel's activity since boot (Linux's fs/proc/stat.c).
 *
 * Times are in USER_HZ (1/100 s) ticks, from the timer interrupt's accounting (cpustat,
 * kernel/sched.c). Faultline has one CPU, no nice levels, no I/O wait, no interrupt or
 * softirq time and no virtualisation, so those columns are 0; the "intr" and "softirq" lines
 * (per-interrupt counts) are left out, as Faultline does not count interrupts.
 */
#include "fs/proc/internal.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/lib/vsprintf.h"

#define USER_HZ		100
#define NSEC_PER_USER_HZ (NSEC_PER_SEC / USER_HZ)

long sys_time(long __user *t);

/* boot_time_seconds - the wall-clock time of boot, in seconds since the epoch ("btime"). */
static unsigned long boot_time_seconds(void)
{
	return (unsigned long)sys_time(NULL) - (unsigned long)(ktime_get_ns() / NSEC_PER_SEC);
}

size_t proc_stat_show(char *buf, size_t size, struct task_struct *task)
{
	unsigned long user = cpustat[CPUTIME_USER] / NSEC_PER_USER_HZ;
	unsigned long system = cpustat[CPUTIME_SYSTEM] / NSEC_PER_USER_HZ;
	unsigned long idle = cpustat[CPUTIME_IDLE] / NSEC_PER_USER_HZ;
	unsigned int running = 0;
	struct task_struct *t;
	size_t len = 0;

	(void)task;
	list_for_each_entry(t, &task_list, tasks)
		if (t->state == TASK_RUNNING)
			running++;
	/* user nice system idle iowait irq softirq steal guest guest_nice */
	len += (size_t)scnprintf(buf + len, size - len, "cpu  %lu 0 %lu %lu 0 0 0 0 0 0\n",
				 user, system, idle);
	len += (size_t)scnprintf(buf + len, size - len, "cpu0 %lu 0 %lu %lu 0 0 0 0 0 0\n",
				 user, system, idle);
	len += (size_t)scnprintf(buf + len, size - len,
				 "ctxt %lu\nbtime %lu\nprocesses %lu\nprocs_running %u\n"
				 "procs_blocked 0\n", nr_context_switches, boot_time_seconds(),
				 total_forks, running);
	return len;
}
