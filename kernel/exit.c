/*
 * kernel/exit.c - ending processes and reaping them: exit, exit_group, wait4.
 *
 * An exiting task gives back its address space and files at once. A process's group leader
 * becomes a zombie that keeps only its exit status and resource usage, until its parent
 * collects them with wait4 (which frees the task and its kernel stack); it can be collected
 * only once the process's last thread has exited. Other threads free themselves. Children
 * of an ended process go to a subreaper or to init.
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
#include "mm/slab.h"

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

void wake_up_parent(struct task_struct *p)
{
	struct task_struct *t;

	if (!p->parent)
		return;
	/* Any thread of the parent may be in wait4; the others' sleeps loop on their own
	 * conditions, so waking them too is harmless. */
	list_for_each_entry(t, &p->parent->signal->thread_head, thread_node)
		wake_up_process(t);
}

/* forget_original_parent - the process of @leader has ended: its children go to the nearest
 * subreaper or to init; zombies among them are reaped by its wait4. */
static void forget_original_parent(struct task_struct *leader)
{
	struct task_struct *init = find_task_by_pid(1), *reaper, *child, *tmp;

	reaper = find_new_reaper(leader, init);
	list_for_each_entry_safe(child, tmp, &leader->children, sibling) {
		list_del(&child->sibling);
		child->parent = reaper;
		if (reaper)
			list_add_tail(&child->sibling, &reaper->children);
	}
	if (reaper)
		wake_up_process(reaper);
}

/* process_exit_code - the wait status of a process whose last thread is gone: the group
 * exit's if there was one, else what its leader passed to exit (Linux's wait_task_zombie). */
static int process_exit_code(const struct task_struct *leader)
{
	return leader->signal->group_exit ? leader->signal->group_exit_code : leader->exit_code;
}

/*
 * exit_notify - the last step of do_exit, with interrupts off. A leader becomes a zombie; a
 * process's end (its leader's zombie made reapable, children handed on, SIGCHLD) comes with
 * its last thread, whichever that is. Any other thread has no parent to wait for it: it
 * leaves the task list at once and its memory is freed after the switch away from it
 * (release_dead_task in kernel/sched.c).
 */
static void exit_notify(struct task_struct *tsk)
{
	struct signal_struct *sig = tsk->signal;
	struct task_struct *leader = tsk->group_leader;

	sig->nr_threads--;
	sig->min_flt += tsk->min_flt;		/* its usage stays the process's */
	sig->maj_flt += tsk->maj_flt;
	sig->utime_ns += tsk->utime_ns;
	sig->stime_ns += tsk->stime_ns;
	if (sig->group_exit_task && sig->nr_threads == 1)
		wake_up_process(sig->group_exit_task);	/* de_thread waits for this */
	if (thread_group_leader(tsk))
		tsk->state = TASK_ZOMBIE;
	if (!sig->nr_threads) {
		int code = process_exit_code(leader);

		leader->exit_code = code;
		if (leader->pid == 1)
			init_exited(code);
		forget_original_parent(leader);
		do_notify_parent(leader, code);		/* SIGCHLD */
		wake_up_parent(leader);
	}
	if (!thread_group_leader(tsk)) {
		list_del_init(&tsk->tasks);
		list_del_init(&tsk->thread_node);
		tsk->state = TASK_DEAD;
		release_dead_task(tsk);
	}
}

void do_exit(int code)
{
	struct task_struct *tsk = current;

	if (tsk->pid == 0)
		panic("the idle task tried to exit");
	local_irq_enable();
	if (tsk->mm) {
		struct mm_struct *mm = tsk->mm;

		mm_release(tsk);		/* clear_child_tid, a waiting vfork parent */
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

	tsk->it_real_expires = 0;		/* no SIGALRM for a zombie */
	local_irq_disable();
	/* A wake-up that came while this task was still running (an interrupt's wake_up between
	 * its prepare_to_wait and the end of its wait) left it on the run queue: a zombie must be
	 * on no list, or schedule() would pick it again. */
	list_del_init(&tsk->run_list);
	tsk->exit_code = code;
	exit_notify(tsk);
	schedule();
	panic("do_exit: a zombie was scheduled");
}

void do_group_exit(int code)
{
	struct signal_struct *sig = current->signal;
	unsigned long flags = local_irq_save();

	if (sig->group_exit) {
		code = sig->group_exit_code;	/* a group exit is already under way */
	} else if (!sig->group_exit_task) {	/* (else an execve ends the others: just go) */
		sig->group_exit = true;
		sig->group_exit_code = code;
		zap_other_threads(current);
	}
	local_irq_restore(flags);
	do_exit(code);
}

/* unshare_sighand - give the current task signal actions of its own (after de_thread, when
 * CLONE_SIGHAND without CLONE_THREAD still shares them with another process). */
static int unshare_sighand(void)
{
	struct sighand_struct *old = current->sighand, *new;

	if (old->count == 1)
		return 0;
	new = kmalloc(sizeof(*new), GFP_KERNEL);
	if (!new)
		return -ENOMEM;
	*new = *old;
	new->count = 1;
	old->count--;
	current->sighand = new;
	return 0;
}

/*
 * de_thread - see kernel/sched.h (Linux's de_thread in fs/exec.c). The other threads are
 * sent SIGKILL and this one sleeps (killably) until exit_notify says only it is left. If it
 * is not the leader, it then swaps pids with the leader's zombie, takes its place among the
 * parent's children and frees it: the process keeps its pid across the exec.
 */
int de_thread(void)
{
	struct task_struct *tsk = current, *leader = tsk->group_leader, *child, *tmp;
	struct signal_struct *sig = tsk->signal;

	if (sig->nr_threads > 1 || !thread_group_leader(tsk)) {
		local_irq_disable();
		if (sig->group_exit || sig->group_exit_task) {
			local_irq_enable();
			return -EAGAIN;		/* the process is ending, or another exec is */
		}
		sig->group_exit_task = tsk;
		zap_other_threads(tsk);
		while (sig->nr_threads > 1) {
			if (fatal_signal_pending(tsk)) {
				sig->group_exit_task = NULL;
				local_irq_enable();
				return -EINTR;		/* killed: the group exit goes on */
			}
			tsk->state = TASK_INTERRUPTIBLE;
			local_irq_enable();
			schedule();
			local_irq_disable();
		}
		local_irq_enable();
		if (!thread_group_leader(tsk)) {
			pid_t tid = tsk->pid;

			tsk->pid = leader->pid;
			leader->pid = tid;
			tsk->parent = leader->parent;
			list_add(&tsk->sibling, &leader->sibling);	/* its place */
			list_del_init(&leader->sibling);
			list_for_each_entry_safe(child, tmp, &leader->children, sibling) {
				list_del(&child->sibling);
				list_add_tail(&child->sibling, &tsk->children);
				child->parent = tsk;
			}
			tsk->pgid = leader->pgid;
			tsk->sid = leader->sid;
			tsk->start_ns = leader->start_ns;
			tsk->cmin_flt += leader->cmin_flt;	/* its reaped children's usage */
			tsk->cmaj_flt += leader->cmaj_flt;
			tsk->cutime_ns += leader->cutime_ns;
			tsk->cstime_ns += leader->cstime_ns;
			tsk->group_leader = tsk;
			list_del_init(&leader->tasks);
			list_del_init(&leader->thread_node);
			leader->state = TASK_DEAD;
			free_task(leader);
		}
		sig->group_exit_task = NULL;
	}
	tsk->robust_list = 0;			/* the new program registers its own */
	tsk->robust_list_len = 0;
	return unshare_sighand();
}

long sys_exit(int status)
{
	do_exit((status & 0xff) << 8);
}

long sys_exit_group(int status)
{
	do_group_exit((status & 0xff) << 8);
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
#define RUSAGE_THREAD	1

/* thread_group_usage - usage of @p's whole process: its exited threads' (kept in the
 * signal_struct) plus each live thread's. */
static void thread_group_usage(struct task_struct *p, struct rusage *ru)
{
	struct signal_struct *sig = p->signal;
	u64 utime = sig->utime_ns, stime = sig->stime_ns;
	unsigned long minflt = sig->min_flt, majflt = sig->maj_flt;
	struct task_struct *t;

	list_for_each_entry(t, &sig->thread_head, thread_node) {
		if (t->state == TASK_ZOMBIE || t->state == TASK_DEAD)
			continue;		/* already counted in sig */
		utime += t->utime_ns;
		stime += t->stime_ns;
		minflt += t->min_flt;
		majflt += t->maj_flt;
	}
	fill_rusage(ru, utime, stime, minflt, majflt);
}

/* sys_getrusage - RUSAGE_SELF: the whole process (every thread, live or exited);
 * RUSAGE_THREAD: the caller; RUSAGE_CHILDREN: the reaped children. 0, -EINVAL, -EFAULT. */
long sys_getrusage(int who, struct rusage __user *uru)
{
	struct rusage ru;
	struct task_struct *t = current->group_leader;

	if (who == RUSAGE_SELF)
		thread_group_usage(current, &ru);
	else if (who == RUSAGE_THREAD)
		fill_rusage(&ru, current->utime_ns, current->stime_ns, current->min_flt,
			    current->maj_flt);
	else if (who == RUSAGE_CHILDREN)
		fill_rusage(&ru, t->cutime_ns, t->cstime_ns, t->cmin_flt, t->cmaj_flt);
	else
		return -EINVAL;
	if (t->mm)
		ru.ru_maxrss = (long)(get_mm_rss(t->mm) * (PAGE_SIZE / 1024));
	return copy_to_user(uru, &ru, sizeof(ru)) ? -EFAULT : 0;
}

/* Collect zombie @p for its parent process: usage (of all its threads, counted in its
 * signal_struct as they exited) into the parent's leader, then free it. */
static void release_task(struct task_struct *p)
{
	struct task_struct *parent = current->group_leader;
	struct signal_struct *sig = p->signal;

	parent->cmin_flt += sig->min_flt + p->cmin_flt;
	parent->cmaj_flt += sig->maj_flt + p->cmaj_flt;
	parent->cutime_ns += sig->utime_ns + p->cutime_ns;
	parent->cstime_ns += sig->stime_ns + p->cstime_ns;
	list_del(&p->sibling);
	list_del(&p->tasks);
	list_del_init(&p->thread_node);
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
		return p->pgid == current->group_leader->pgid;
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
		/* Any thread waits for the children of its whole process (they hang off the
		 * leader); a leader whose other threads still run is not a zombie yet. */
		list_for_each_entry(child, &current->group_leader->children, sibling) {
			if (!wait_matches(child, pid))
				continue;
			have_child = true;
			if (child->state == TASK_ZOMBIE && !child->signal->nr_threads) {
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

			thread_group_usage(zombie, &ru);
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
