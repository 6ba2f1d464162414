/*
 * fs/proc/loadavg.c - /proc/loadavg (Linux's fs/proc/loadavg.c): the 1, 5 and 15 minute load
 * averages (kernel/loadavg.c), runnable/all tasks, and the last pid handed out.
 */
#include "fs/proc/internal.h"
#include "kernel/lib/vsprintf.h"

#define LOAD_INT(x)	((x) >> FSHIFT)
#define LOAD_FRAC(x)	LOAD_INT(((x) & (FIXED_1 - 1)) * 100)

size_t loadavg_show(char *buf, size_t size, struct task_struct *task)
{
	unsigned int running = 0, all = 0;
	struct task_struct *t;

	(void)task;
	list_for_each_entry(t, &task_list, tasks) {
		all++;
		if (t->state == TASK_RUNNING)
			running++;
	}
	/* Pids are handed out in order and never reused, so the last one is total_forks. */
	return (size_t)scnprintf(buf, size, "%lu.%02lu %lu.%02lu %lu.%02lu %u/%u %lu\n",
				 LOAD_INT(avenrun[0]), LOAD_FRAC(avenrun[0]),
				 LOAD_INT(avenrun[1]), LOAD_FRAC(avenrun[1]),
				 LOAD_INT(avenrun[2]), LOAD_FRAC(avenrun[2]),
				 running, all, total_forks);
}
