/*
 * kernel/exit.c - ending processes and reaping them: exit, exit_group, wait4.
 *
 * An exiting task gives back its address space and files at once and becomes a zombie that
 * keeps only its exit status and resource usage, until its parent collects them with wait4
 * (which frees the task and its kernel stack). Children of an exiting task go to init.
 */
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "kernel/signal.h"
#include "kernel/power.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/panic.h"
#include "kernel/time.h"
#include "kernel/wait.h"
#include "kernel/io.h"
#include "kernel/uaccess.h"
#include "mm/mmap.h"
#include "mm/pgtable.h"
#include "fs/fs.h"

void mm_release(struct task_struct *task);
bool poweroff_on_init_exit;

#define WNOHANG		1
#define __WALL		0x40000000
#define __WCLONE	0x80000000

/* Report init's end on the kernel console; with "poweroff", leave QEMU (run-elf reads the line). */
static void init_exited(int code)
{
	if (code & 0x7f)
		pr_notice("faultline: init killed by signal %d\n", code & 0x7f);
	else
		pr_notice("faultline: init exited with status %d\n", (code >> 8) & 0xff);
	if (poweroff_on_init_exit)
		machine_power_off(QEMU_EXIT_SUCCESS);
}

/*
 * find_new_reaper - who adopts the children of exiting @tsk: its nearest ancestor that is a
 * child subreaper (prctl PR_SET_CHILD_SUBREAPER) and is not exiting itself, else @init
 * (Linux's find_new_reaper). May return NULL when init itself exits.
 */
static struct task_struct *find_new_reaper(struct task_struct *tsk, struct task_struct *init)
{
	for (struct task_struct *p = tsk->parent; p && p != init; p = p->parent)
		if (p->is_child_subreaper && p->state != TASK_ZOMBIE && p->state != TASK_DEAD)
			return p;
	return init != tsk ? init : NULL;
}

void do_exit(int code)
{
	struct task_struct *tsk = current, *child, *tmp;
	struct task_struct *init = find_task_by_pid(1), *reaper;

	if (tsk->pid == 0)
		panic("the idle task tried to exit");
	local_irq_enable();
	if (tsk->mm) {
		struct mm_struct *mm = tsk->mm;

		mm_release(tsk);
		tsk->mm = NULL;
		write_cr3(__pa(swapper_pg_dir));	/* off the mm before it can be freed */
		mmput(mm);
	}
	if (tsk->files) {
		put_files(tsk->files);
		tsk->files = NULL;
	}
	put_fs_struct(tsk->fs);
	tsk->fs = NULL;
	if (tsk->pid == 1)
		init_exited(code);

	/* Children go to the nearest subreaper or to init; zombies among them are reaped by its
	 * wait4. */
	reaper = find_new_reaper(tsk, init);
	list_for_each_entry_safe(child, tmp, &tsk->children, sibling) {
		list_del(&child->sibling);
		child->parent = reaper;
		if (reaper)
			list_add_tail(&child->sibling, &reaper->children);
	}
	if (reaper)
		wake_up_process(reaper);

	tsk->it_real_expires = 0;		/* no SIGALRM for a zombie */
	local_irq_disable();
	/* A wake-up that came while this task was still running (an interrupt's wake_up between
	 * its prepare_to_wait and the end of its wait) left it on the run queue: a zombie must be
	 * on no list, or schedule() would pick it again. */
	list_del_init(&tsk->run_list);
	tsk->exit_code = code;
	tsk->state = TASK_ZOMBIE;
	do_notify_parent(tsk, code);		/* SIGCHLD */
	if (tsk->parent)
		wake_up_process(tsk->parent);
	schedule();
	panic("do_exit: a zombie was scheduled");
}

long sys_exit(int status)
{
	do_exit((status & 0xff) << 8);
}

long sys_exit_group(int status)
{
	do_exit((status & 0xff) << 8);
}

/* Linux's struct rusage (x86-64): two timevals and 14 longs. */
struct rusage {
	long ru_utime[2], ru_stime[2];
	long ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap;
	long ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;
};

static void fill_rusage(struct rusage *ru, u64 utime, u64 stime, unsigned long minflt,
			unsigned long majflt)
{
	*ru = (struct rusage){ 0 };
	ru->ru_utime[0] = (long)(utime / NSEC_PER_SEC);
	ru->ru_utime[1] = (long)(utime % NSEC_PER_SEC / 1000);
	ru->ru_stime[0] = (long)(stime / NSEC_PER_SEC);
	ru->ru_stime[1] = (long)(stime % NSEC_PER_SEC / 1000);
	ru->ru_minflt = (long)minflt;
	ru->ru_majflt = (long)majflt;
}

#define RUSAGE_SELF	0
#define RUSAGE_CHILDREN	(-1)

long sys_getrusage(int who, struct rusage __user *uru)
{
	struct rusage ru;
	struct task_struct *t = current;

	if (who == RUSAGE_SELF)
		fill_rusage(&ru, t->utime_ns, t->stime_ns, t->min_flt, t->maj_flt);
	else if (who == RUSAGE_CHILDREN)
		fill_rusage(&ru, t->cutime_ns, t->cstime_ns, t->cmin_flt, t->cmaj_flt);
	else
		return -EINVAL;
	if (t->mm)
		ru.ru_maxrss = (long)(get_mm_rss(t->mm) * (PAGE_SIZE / 1024));
	return copy_to_user(uru, &ru, sizeof(ru)) ? -EFAULT : 0;
}

/* Collect zombie @p for its parent: usage into the parent, then free it. */
static void release_task(struct task_struct *p)
{
	struct task_struct *parent = current;

	parent->cmin_flt += p->min_flt + p->cmin_flt;
	parent->cmaj_flt += p->maj_flt + p->cmaj_flt;
	parent->cutime_ns += p->utime_ns + p->cutime_ns;
	parent->cstime_ns += p->stime_ns + p->cstime_ns;
	list_del(&p->sibling);
	list_del(&p->tasks);
	p->state = TASK_DEAD;
	free_task(p);
}

/* Does child @p match wait4's @pid: > 0 that pid, 0 the caller's process group, -1 any,
 * < -1 process group -@pid? */
static bool wait_matches(const struct task_struct *p, pid_t pid)
{
	if (pid > 0)
		return p->pid == pid;
	if (pid == 0)
		return p->pgid == current->pgid;
	if (pid == -1)
		return true;
	return p->pgid == -pid;
}

/*
 * sys_wait4 - reap a zombie child matching @pid (see wait_matches), storing its wait status
 * (exit code << 8, or the signal with 0x80 if it dumped core) and usage. Returns its pid, 0
 * (WNOHANG and none ready), -ECHILD (no such child), -EINVAL (options), -ESRCH (@pid is
 * INT_MIN, as Linux: -INT_MIN is no group), -EFAULT, or -ERESTARTSYS (a signal while
 * waiting: restarted after a SA_RESTART handler, else -EINTR).
 */
long sys_wait4(pid_t pid, int __user *wstatus, int options, struct rusage __user *uru)
{
	if (options & ~(WNOHANG | __WALL | __WCLONE | 2 /* WUNTRACED */ | 8 /* WCONTINUED */))
		return -EINVAL;
	if (pid == (pid_t)0x80000000)
		return -ESRCH;
	for (;;) {
		struct task_struct *child, *zombie = NULL;
		bool have_child = false;

		local_irq_disable();
		list_for_each_entry(child, &current->children, sibling) {
			if (!wait_matches(child, pid))
				continue;
			have_child = true;
			if (child->state == TASK_ZOMBIE) {
				zombie = child;
				break;
			}
		}
		if (!have_child) {
			local_irq_enable();
			return -ECHILD;
		}
		if (zombie) {
			local_irq_enable();
			pid_t zpid = zombie->pid;
			int status = zombie->exit_code;
			struct rusage ru;

			fill_rusage(&ru, zombie->utime_ns, zombie->stime_ns, zombie->min_flt, zombie->maj_flt);
			if (wstatus && put_user(status, wstatus))
				return -EFAULT;
			if (uru && copy_to_user(uru, &ru, sizeof(ru)))
				return -EFAULT;
			release_task(zombie);
			return zpid;
		}
		if (options & WNOHANG) {
			local_irq_enable();
			return 0;
		}
		if (signal_pending(current)) {
			local_irq_enable();
			return -ERESTARTSYS;
		}
		current->state = TASK_INTERRUPTIBLE;
		local_irq_enable();
		schedule();
	}
}
