/*
 * fs/proc/array.c - /proc/PID/stat and /proc/PID/statm, in Linux's formats (Linux's
 * fs/proc/array.c, do_task_stat and proc_pid_statm; the field list is proc(5)'s).
 *
 * stat is one line of 52 fields that ps and top parse by position. Those Faultline keeps are
 * real; the others are 0 as Linux shows them for a task without that state: no controlling
 * terminal (tty_nr 0, tpgid -1; the console is not a controlling tty yet), no real-time
 * scheduling, no swap accounting per task, no guest time, no block-I/O delay accounting.
 * Times are in USER_HZ (1/100 s) ticks, as Linux's clock_t; starttime counts from boot.
 */
#include "fs/proc/internal.h"
#include "mm/mm_types.h"
#include "mm/memory.h"
#include "mm/mmap.h"
#include "mm/mmap_lock.h"
#include "kernel/time.h"
#include "kernel/lib/vsprintf.h"

#define USER_HZ		100
#define RLIMIT_RSS	5
#define PF_EXITING	0x00000004	/* Linux's task flags that Faultline can tell */
#define PF_FORKNOEXEC	0x00000040

/* nsec_to_clock_t - @ns in USER_HZ ticks. */
static unsigned long nsec_to_clock_t(u64 ns)
{
	return (unsigned long)(ns / (NSEC_PER_SEC / USER_HZ));
}

/* task_state_char - stat's state letter, as Linux's task_state_array. */
static char task_state_char(const struct task_struct *task)
{
	switch (task->state) {
	case TASK_RUNNING:		return 'R';
	case TASK_INTERRUPTIBLE:	return 'S';
	case TASK_ZOMBIE:		return 'Z';
	default:			return 'X';
	}
}

/* sig_mask_of - the signals @task ignores (@ignored: SIG_IGN) or catches (a handler). */
static unsigned long sig_mask_of(const struct task_struct *task, bool ignored)
{
	unsigned long mask = 0;

	for (int sig = 1; sig <= _NSIG; sig++) {
		unsigned long h = task->sighand->action[sig - 1].handler;

		if (ignored ? h == SIG_IGN : (h != SIG_IGN && h != SIG_DFL))
			mask |= 1UL << (sig - 1);
	}
	return mask;
}

size_t proc_pid_stat(char *buf, size_t size, struct task_struct *task)
{
	struct mm_struct *mm = task->mm;
	unsigned long vsize = 0, rss = 0, flags = 0;
	bool zombie = task->state == TASK_ZOMBIE || task->state == TASK_DEAD;

	if (mm) {
		vsize = mm->total_vm << PAGE_SHIFT;
		rss = get_mm_rss(mm);
	}
	if (zombie)
		flags |= PF_EXITING;
	if (!task->did_exec)
		flags |= PF_FORKNOEXEC;
	/* Linux shows the memory layout fields of a zombie (no mm) as 0. */
	return (size_t)scnprintf(buf, size,
		"%d (%s) %c %d %d %d 0 -1 %lu %lu %lu %lu %lu %lu %lu %lu %lu 20 0 %d 0 %lu %lu %lu "
		"%llu %lu %lu %lu 0 0 %lu %lu %lu %lu %d 0 0 17 0 0 0 0 0 0 %lu %lu %lu %lu %lu "
		"%lu %lu %d\n",
		task->pid, task->comm, task_state_char(task),
		task_ppid_nr(task), task->group_leader->pgid, task->group_leader->sid,
		flags, task->min_flt, task->cmin_flt, task->maj_flt, task->cmaj_flt,
		nsec_to_clock_t(task->utime_ns), nsec_to_clock_t(task->stime_ns),
		nsec_to_clock_t(task->cutime_ns), nsec_to_clock_t(task->cstime_ns),
		get_nr_threads(task), nsec_to_clock_t(task->start_ns), vsize, rss,
		(unsigned long long)task->rlim[RLIMIT_RSS].rlim_cur,
		mm ? mm->start_code : 0, mm ? mm->end_code : 0, mm ? mm->start_stack : 0,
		task->pending, task->blocked, sig_mask_of(task, true), sig_mask_of(task, false),
		task->state != TASK_RUNNING,
		mm ? mm->start_data : 0, mm ? mm->end_data : 0, mm ? mm->start_brk : 0,
		mm ? mm->arg_start : 0, mm ? mm->arg_end : 0, mm ? mm->env_start : 0,
		mm ? mm->env_end : 0, zombie ? task->exit_code : 0);
}

size_t proc_pid_statm(char *buf, size_t size, struct task_struct *task)
{
	unsigned long total = 0, shared = 0, text = 0, data = 0, resident = 0;
	struct mm_struct *mm = get_task_mm(task);

	/* task_statm walks the VMAs: read-held (mm/mmap_lock.h); a kill leaves zeros. */
	if (mm && !mmap_read_lock_killable(mm)) {
		total = task_statm(mm, &shared, &text, &data, &resident);
		mmap_read_unlock(mm);
	}
	if (mm)
		mmput(mm);
	/* size resident shared text lib data dt: lib and dt are always 0 since Linux 2.6. */
	return (size_t)scnprintf(buf, size, "%lu %lu %lu %lu 0 %lu 0\n", total, resident, shared,
				 text, data);
}
