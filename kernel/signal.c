/*
 * kernel/signal.c - signals as Linux delivers them: sending (kill, tkill, tgkill, faults,
 * SIGCHLD, SIGPIPE, SIGALRM), the pending and blocked sets, the actions (rt_sigaction) and
 * the decision at every return to user mode: take the default action (terminate, dump core,
 * ignore) or run a handler. The handler's frame on the user stack and rt_sigreturn are in
 * kernel/sigframe.c; process groups in kernel/pgrp.c.
 *
 * Seed concept: a signal is the kernel's way of interrupting a process: it is posted by
 * setting a bit (pending), and acted on only when the process is about to run user code again
 * (exit_to_user_mode), so the kernel never has to stop a task in the middle of its own work.
 *
 * Threads: each thread has its own blocked mask and pending set (tkill, tgkill, faults,
 * SIGPIPE); a process-directed signal (kill, SIGCHLD) is pending in the group's
 * signal_struct and taken by whichever thread does not block it. A fatal action ends the
 * whole group (do_group_exit). The actions (sighand) are shared.
 *
 * Limits (documented differences from Linux): standard and real-time
 * signals alike are pending at most once each (Linux queues real-time signals); the stop
 * signals are ignored (no job control: SIGSTOP/SIGTSTP do nothing, SIGCONT resumes nothing).
 */
#include "kernel/sched.h"
#include "kernel/wait.h"
#include "kernel/syscalls.h"
#include "kernel/signal.h"
#include "kernel/entry_common.h"
#include "kernel/sigframe.h"
#include "kernel/traps.h"
#include "kernel/errno.h"
#include "kernel/io.h"
#include "kernel/printk.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "kernel/lib/string.h"

/* The default actions (Linux's sig_kernel_* sets in include/linux/signal.h). */
#define SIG_KERNEL_ONLY_MASK	(sigmask(SIGKILL) | sigmask(SIGSTOP))
#define SIG_KERNEL_IGNORE_MASK	(sigmask(SIGCONT) | sigmask(SIGCHLD) | sigmask(SIGWINCH) | \
				 sigmask(SIGURG))
#define SIG_KERNEL_STOP_MASK	(sigmask(SIGSTOP) | sigmask(SIGTSTP) | sigmask(SIGTTIN) | \
				 sigmask(SIGTTOU))
#define SIG_KERNEL_COREDUMP_MASK (sigmask(SIGQUIT) | sigmask(SIGILL) | sigmask(SIGTRAP) | \
				  sigmask(SIGABRT) | sigmask(SIGFPE) | sigmask(SIGSEGV) | \
				  sigmask(SIGBUS) | sigmask(SIGSYS) | sigmask(SIGXCPU) | \
				  sigmask(SIGXFSZ))
/* Without job control, the stop signals' default action is to do nothing. */
#define SIG_DEFAULT_NOTHING	(SIG_KERNEL_IGNORE_MASK | SIG_KERNEL_STOP_MASK)

static inline bool valid_signal(int sig)
{
	return sig >= 1 && sig <= _NSIG;
}

/* The signals @task can take now: pending for it or for its process, and not blocked
 * (SIGKILL/SIGSTOP never are). */
static inline unsigned long deliverable(const struct task_struct *task)
{
	return (task->pending | task->signal->shared_pending) & ~task->blocked;
}

bool signal_pending(struct task_struct *task)
{
	return deliverable(task) != 0;
}

bool fatal_signal_pending(struct task_struct *task)
{
	return task->pending & sigmask(SIGKILL);
}

/* sig_ignored - would @sig be discarded at once by @task? Only if it is not blocked (a
 * blocked signal stays pending, whatever the action, until unblocked or waited for) and the
 * action is SIG_IGN or a default that does nothing (Linux's sig_ignored). */
static bool sig_ignored(const struct task_struct *task, int sig)
{
	unsigned long handler = task->sighand->action[sig - 1].handler;

	if ((task->blocked | task->real_blocked) & sigmask(sig))
		return false;
	if (handler == SIG_IGN)
		return true;
	return handler == SIG_DFL && (SIG_DEFAULT_NOTHING & sigmask(sig));
}

bool unhandled_signal(struct task_struct *task, int sig)
{
	unsigned long handler = task->sighand->action[sig - 1].handler;

	return handler == SIG_DFL || handler == SIG_IGN;
}

int send_signal_info(struct task_struct *task, int sig, const struct ksiginfo *info)
{
	unsigned long flags;

	if (!valid_signal(sig))
		return -EINVAL;
	if (task->state == TASK_ZOMBIE || task->state == TASK_DEAD || sig_ignored(task, sig))
		return 0;
	flags = local_irq_save();
	if (!(task->pending & sigmask(sig))) {	/* coalesce: the first one's info stays */
		task->pending |= sigmask(sig);
		task->siginfo[sig - 1] = info ? *info : (struct ksiginfo){ .code = SI_KERNEL };
	}
	if (task->state == TASK_INTERRUPTIBLE && (deliverable(task) & sigmask(sig)))
		wake_up_process(task);
	local_irq_restore(flags);
	return 0;
}

int send_signal(struct task_struct *task, int sig)
{
	return send_signal_info(task, sig, NULL);
}

/* task_exited - has @t gone through do_exit (a zombie leader, or a thread being freed)? */
static bool task_exited(const struct task_struct *t)
{
	return t->state == TASK_ZOMBIE || t->state == TASK_DEAD;
}

/* sig_fatal - would @sig end @p's process if delivered: the default action terminates or
 * dumps core, no handler (Linux's sig_fatal). */
static bool sig_fatal(const struct task_struct *p, int sig)
{
	return p->sighand->action[sig - 1].handler == SIG_DFL &&
	       !(SIG_DEFAULT_NOTHING & sigmask(sig));
}

void zap_other_threads(struct task_struct *p)
{
	struct task_struct *t;
	unsigned long flags = local_irq_save();

	list_for_each_entry(t, &p->signal->thread_head, thread_node) {
		if (t == p || task_exited(t))
			continue;
		t->pending |= sigmask(SIGKILL);
		wake_up_process(t);
	}
	local_irq_restore(flags);
}

/*
 * complete_signal - process-directed @sig was just made pending for @p's group: wake a thread
 * that can take it (@p first, then any other that does not block it). A fatal signal no
 * thread blocks ends the group at once: every thread gets SIGKILL and the process's status
 * is @sig's (Linux's complete_signal). A signal every thread blocks waits in shared_pending.
 */
static void complete_signal(struct task_struct *p, int sig)
{
	struct signal_struct *signal = p->signal;
	struct task_struct *t = NULL, *it;

	if (!task_exited(p) && !(p->blocked & sigmask(sig))) {
		t = p;
	} else {
		list_for_each_entry(it, &signal->thread_head, thread_node)
			if (!task_exited(it) && !(it->blocked & sigmask(sig))) {
				t = it;
				break;
			}
	}
	if (!t)
		return;
	if (sig_fatal(p, sig) && !(t->real_blocked & sigmask(sig)) && !signal->group_exit) {
		/* A kill also ends an execve's wait for the other threads (de_thread). */
		signal->group_exit = true;
		signal->group_exit_task = NULL;
		signal->group_exit_code = sig | ((SIG_KERNEL_COREDUMP_MASK & sigmask(sig)) ? 0x80 : 0);
		list_for_each_entry(it, &signal->thread_head, thread_node) {
			if (task_exited(it))
				continue;
			it->pending |= sigmask(SIGKILL);
			wake_up_process(it);
		}
		return;
	}
	if (t->state == TASK_INTERRUPTIBLE)
		wake_up_process(t);
}

/*
 * group_send_sig_info - post process-directed @sig with @info (NULL: SI_KERNEL) to @p's
 * process: pending in the signal_struct, taken by any thread not blocking it. Dropped if the
 * process has exited or ignores @sig. Returns 0 or -EINVAL.
 */
int group_send_sig_info(struct task_struct *p, int sig, const struct ksiginfo *info)
{
	struct signal_struct *signal = p->signal;
	unsigned long flags;

	if (!valid_signal(sig))
		return -EINVAL;
	if (!signal->nr_threads || sig_ignored(p, sig))
		return 0;
	flags = local_irq_save();
	if (!(signal->shared_pending & sigmask(sig))) {	/* coalesce, as per thread */
		signal->shared_pending |= sigmask(sig);
		signal->shared_info[sig - 1] = info ? *info : (struct ksiginfo){ .code = SI_KERNEL };
	}
	complete_signal(p, sig);
	local_irq_restore(flags);
	return 0;
}

/* force_sig_info - post @sig to the current task so that it is taken: if it is blocked or
 * ignored, the action goes back to SIG_DFL and it is unblocked (Linux's force_sig_info). */
static void force_sig_info(int sig, const struct ksiginfo *info)
{
	struct k_sigaction *ka = &current->sighand->action[sig - 1];

	if (ka->handler == SIG_IGN || (current->blocked & sigmask(sig))) {
		ka->handler = SIG_DFL;
		current->blocked &= ~sigmask(sig);
	}
	unsigned long flags = local_irq_save();

	current->pending &= ~sigmask(sig);	/* the fault's own info, not an older kill's */
	send_signal_info(current, sig, info);
	local_irq_restore(flags);
}

void force_sig_fault(int sig, int code, unsigned long addr)
{
	struct ksiginfo info = { .code = code, .addr = addr };

	force_sig_info(sig, &info);
}

/* force_sigsegv - a handler's frame for @sig could not be written, or rt_sigreturn found a
 * bad frame: SIGSEGV, with its default action if it was @sig itself (Linux's force_sigsegv). */
void force_sigsegv(int sig)
{
	if (sig == SIGSEGV)
		current->sighand->action[SIGSEGV - 1].handler = SIG_DFL;
	force_sig_info(SIGSEGV, &(struct ksiginfo){ .code = SI_KERNEL });
}

void force_sig_fatal(int sig)
{
	do_group_exit(sig & 0x7f);
}

/* do_notify_parent - SIGCHLD to @tsk's parent with CLD_EXITED/KILLED/DUMPED and the status. */
void do_notify_parent(struct task_struct *tsk, int code)
{
	struct ksiginfo info = { .pid = tsk->pid };

	if (!tsk->parent)
		return;
	if (code & 0x7f) {
		info.code = (code & 0x80) ? CLD_DUMPED : CLD_KILLED;
		info.status = code & 0x7f;
	} else {
		info.code = CLD_EXITED;
		info.status = (code >> 8) & 0xff;
	}
	group_send_sig_info(tsk->parent, SIGCHLD, &info);
}

/* --- kill, tkill, tgkill ------------------------------------------------------------------ */

/* Is @task one that kill() can reach (not the idle task, not already reaped)? */
static bool task_alive(const struct task_struct *task)
{
	return task && task->pid != 0 && task->state != TASK_DEAD;
}

/* init (pid 1) gets only the signals it has a handler for, plus those whose default does
 * nothing (Linux's SIGNAL_UNKILLABLE), SIGKILL included. */
static bool init_refuses(const struct task_struct *task, int sig)
{
	return task_tgid_nr(task) == 1 && task->sighand->action[sig - 1].handler == SIG_DFL;
}

/*
 * kill_task - post @sig (0: only check) with @info from user space to the process @task
 * belongs to (any of its threads may take it). A zombie can still be signalled (0, dropped).
 */
static int kill_task(struct task_struct *task, int sig, const struct ksiginfo *info)
{
	if (!task_alive(task))
		return -ESRCH;
	if (sig == 0 || !task->signal->nr_threads || init_refuses(task, sig))
		return 0;
	return group_send_sig_info(task, sig, info);
}

/* kill_thread - as kill_task, but @sig is for thread @task alone (tkill, tgkill). */
static int kill_thread(struct task_struct *task, int sig, const struct ksiginfo *info)
{
	if (!task_alive(task))
		return -ESRCH;
	if (sig == 0 || task_exited(task) || init_refuses(task, sig))
		return 0;
	return send_signal_info(task, sig, info);
}

int kill_pgrp(int pgid, int sig, const struct ksiginfo *info)
{
	struct task_struct *task;
	int ret = -ESRCH;

	list_for_each_entry(task, &task_list, tasks)
		if (task_alive(task) && thread_group_leader(task) && task->pgid == pgid) {
			int err = kill_task(task, sig, info);

			if (ret)
				ret = err;
		}
	return ret;
}

/* kill(-1): every process but init and the caller; 0 if there was one, else -ESRCH. */
static int kill_all(int sig, const struct ksiginfo *info)
{
	struct task_struct *task;
	int ret = -ESRCH;

	list_for_each_entry(task, &task_list, tasks)
		if (task_alive(task) && thread_group_leader(task) && task->pid > 1 &&
		    task->signal != current->signal) {
			kill_task(task, sig, info);
			ret = 0;
		}
	return ret;
}

/*
 * sys_kill - @pid > 0: that process; 0: the caller's process group; -1: every process but
 * init and the caller; < -1: process group -@pid (Linux's kill_something_info). si_code is
 * SI_USER. Returns 0, -EINVAL (bad @sig) or -ESRCH (no such process or group; INT_MIN).
 */
long sys_kill(pid_t pid, int sig)
{
	struct ksiginfo info = { .code = SI_USER, .pid = task_tgid_nr(current) };

	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	if (pid > 0)
		return kill_task(find_task_by_pid(pid), sig, &info);
	if (pid == 0)
		return kill_pgrp(current->group_leader->pgid, sig, &info);
	if (pid == -1)
		return kill_all(sig, &info);
	if (pid == (pid_t)0x80000000)		/* -INT_MIN is not an int */
		return -ESRCH;
	return kill_pgrp(-pid, sig, &info);
}

/* sys_tkill - signal thread @tid alone (its handler runs in that thread), si_code SI_TKILL.
 * musl's raise() uses this. Returns 0, -EINVAL (@tid <= 0 or a bad @sig) or -ESRCH. */
long sys_tkill(pid_t tid, int sig)
{
	struct ksiginfo info = { .code = SI_TKILL, .pid = task_tgid_nr(current) };

	if (tid <= 0 || sig < 0 || sig > _NSIG)
		return -EINVAL;
	return kill_thread(find_task_by_pid(tid), sig, &info);
}

/* sys_tgkill - signal thread @tid of process @tgid: -ESRCH unless @tid is one of @tgid's
 * threads. Otherwise as sys_tkill. */
long sys_tgkill(pid_t tgid, pid_t tid, int sig)
{
	struct task_struct *t;

	if (tgid <= 0 || tid <= 0 || sig < 0 || sig > _NSIG)
		return -EINVAL;
	t = find_task_by_pid(tid);
	if (!t || task_tgid_nr(t) != tgid)
		return -ESRCH;
	return sys_tkill(tid, sig);
}

/* --- actions and masks -------------------------------------------------------------------- */

long sys_rt_sigaction(int sig, const struct k_sigaction __user *act, struct k_sigaction __user *oact,
		      size_t sigsetsize)
{
	struct k_sigaction *ka, new;

	if (!valid_signal(sig) || sigsetsize != 8)
		return -EINVAL;
	if (act && (SIG_KERNEL_ONLY_MASK & sigmask(sig)))
		return -EINVAL;
	ka = &current->sighand->action[sig - 1];
	if (act && copy_from_user(&new, act, sizeof(new)))
		return -EFAULT;
	if (oact && copy_to_user(oact, ka, sizeof(*ka)))
		return -EFAULT;
	if (act) {
		new.mask &= ~SIG_KERNEL_ONLY_MASK;
		*ka = new;
		/* Setting a discarding action flushes the signal if pending (POSIX, Linux). */
		if (new.handler == SIG_IGN ||
		    (new.handler == SIG_DFL && (SIG_DEFAULT_NOTHING & sigmask(sig)))) {
			unsigned long flags = local_irq_save();
			struct task_struct *t;

			current->signal->shared_pending &= ~sigmask(sig);
			list_for_each_entry(t, &current->signal->thread_head, thread_node)
				t->pending &= ~sigmask(sig);
			local_irq_restore(flags);
		}
	}
	return 0;
}

#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

/* set_current_blocked - the new mask, never with SIGKILL or SIGSTOP in it. */
void set_current_blocked(unsigned long mask)
{
	current->blocked = mask & ~SIG_KERNEL_ONLY_MASK;
}

long sys_rt_sigprocmask(int how, const unsigned long __user *set, unsigned long __user *oset,
			size_t sigsetsize)
{
	unsigned long new, old = current->blocked;

	if (sigsetsize != 8)
		return -EINVAL;
	if (set) {
		if (copy_from_user(&new, set, sizeof(new)))
			return -EFAULT;
		if (how == SIG_BLOCK)
			set_current_blocked(old | new);
		else if (how == SIG_UNBLOCK)
			set_current_blocked(old & ~new);
		else if (how == SIG_SETMASK)
			set_current_blocked(new);
		else
			return -EINVAL;
	}
	if (oset && copy_to_user(oset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* sys_rt_sigpending - the signals pending while blocked. 0, -EINVAL or -EFAULT. */
long sys_rt_sigpending(unsigned long __user *uset, size_t sigsetsize)
{
	unsigned long set = (current->pending | current->signal->shared_pending) & current->blocked;

	if (sigsetsize > 8)
		return -EINVAL;
	return copy_to_user(uset, &set, sigsetsize) ? -EFAULT : 0;
}

/* sleep_until_signal - sleep until a signal is deliverable (only a signal ends it). */
static void sleep_until_signal(void)
{
	for (;;) {
		local_irq_disable();
		if (signal_pending(current))
			break;
		current->state = TASK_INTERRUPTIBLE;
		local_irq_enable();
		schedule();
	}
	local_irq_enable();
}

/* sys_pause - sleep until a signal is delivered; returns -EINTR after its handler (the
 * -ERESTARTNOHAND is turned into -EINTR when a handler runs, restarted otherwise). */
long sys_pause(void)
{
	sleep_until_signal();
	return -ERESTARTNOHAND;
}

/* sys_rt_sigsuspend - wait for a signal with the mask @unewset; the old mask comes back after
 * the handler returns (it is saved in the frame). Returns -EINTR, or -EFAULT/-EINVAL. */
long sys_rt_sigsuspend(const unsigned long __user *unewset, size_t sigsetsize)
{
	unsigned long newset;

	if (sigsetsize != 8)
		return -EINVAL;
	if (copy_from_user(&newset, unewset, sizeof(newset)))
		return -EFAULT;
	current->saved_sigmask = current->blocked;
	current->restore_sigmask = true;
	set_current_blocked(newset);
	sleep_until_signal();
	return -ERESTARTNOHAND;
}

/* __dequeue_signal - take the lowest signal of @mask out of the set @pending (with @infos):
 * its number (0 if none) and its info in @info. Synchronous (fault) signals go first, as
 * Linux's SYNCHRONOUS_MASK. */
static int __dequeue_signal(unsigned long *pending, const struct ksiginfo *infos,
			    unsigned long mask, struct ksiginfo *info)
{
	unsigned long set = *pending & mask, sync;
	int sig;

	if (!set)
		return 0;
	sync = set & (sigmask(SIGSEGV) | sigmask(SIGBUS) | sigmask(SIGILL) | sigmask(SIGTRAP) |
		      sigmask(SIGFPE) | sigmask(SIGSYS));
	sig = __builtin_ctzl(sync ? sync : set) + 1;
	*pending &= ~sigmask(sig);
	*info = infos[sig - 1];
	return sig;
}

/* dequeue_signal - take a pending signal of @mask for the current thread: its own first,
 * then its process's (Linux's order). Its number (0 if none) and its info in @info. */
static int dequeue_signal(unsigned long mask, struct ksiginfo *info)
{
	unsigned long flags = local_irq_save();	/* the timer posts SIGALRM from an interrupt */
	struct signal_struct *signal = current->signal;
	int sig = __dequeue_signal(&current->pending, current->siginfo, mask, info);

	if (!sig)
		sig = __dequeue_signal(&signal->shared_pending, signal->shared_info, mask, info);
	local_irq_restore(flags);
	return sig;
}

struct timespec {
	long tv_sec, tv_nsec;
};

/*
 * sys_rt_sigtimedwait - wait until a signal of @uthese is pending (up to @uts, NULL: for ever),
 * take it without running its handler, fill @uinfo (may be NULL) and return its number.
 * -EAGAIN when the time is up, -EINTR when another (handled) signal came, -EINVAL/-EFAULT.
 */
long sys_rt_sigtimedwait(const unsigned long __user *uthese, void __user *uinfo,
			 const struct timespec __user *uts, size_t sigsetsize)
{
	unsigned long these;
	struct ksiginfo info;
	struct timespec ts;
	u64 wake = ~0ULL;
	int sig;

	if (sigsetsize != 8)
		return -EINVAL;
	if (copy_from_user(&these, uthese, sizeof(these)))
		return -EFAULT;
	these &= ~SIG_KERNEL_ONLY_MASK;
	if (uts) {
		if (copy_from_user(&ts, uts, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (long)NSEC_PER_SEC)
			return -EINVAL;
		if ((u64)ts.tv_sec < (~0ULL >> 2) / NSEC_PER_SEC)
			wake = ktime_get_ns() + (u64)ts.tv_sec * NSEC_PER_SEC + (u64)ts.tv_nsec;
	}
	sig = dequeue_signal(these, &info);
	if (!sig && wake > ktime_get_ns()) {
		/* Let the awaited signals wake us: unblock them while sleeping (real_blocked keeps
		 * them from being discarded as ignored meanwhile). */
		current->real_blocked = current->blocked;
		current->blocked &= ~these;
		schedule_timeout_ns(wake);
		current->blocked = current->real_blocked;
		current->real_blocked = 0;
		sig = dequeue_signal(these, &info);
	}
	if (!sig)
		return signal_pending(current) ? -EINTR : -EAGAIN;
	if (uinfo && copy_siginfo_to_user(uinfo, sig, &info))
		return -EFAULT;
	return sig;
}

/* --- delivery ----------------------------------------------------------------------------- */

/* do_coredump-less default action: end the task; the core bit (0x80) in the wait status for
 * the signals whose default dumps core (no core file is written). */
static __noreturn void do_default_fatal(int sig)
{
	if (SIG_KERNEL_COREDUMP_MASK & sigmask(sig))
		do_group_exit(sig | 0x80);
	do_group_exit(sig);
}

/*
 * syscall_restart - the system call that @regs returns from was interrupted by a signal:
 * decide from its result whether it returns -EINTR or runs again (rip back over the 2-byte
 * `syscall`, rax = the number again). @ka is the handler's action (NULL: no handler runs).
 */
static void syscall_restart(struct pt_regs *regs, const struct k_sigaction *ka)
{
	if (regs->vector != (unsigned long)-1 || (long)regs->orig_rax < 0)
		return;
	switch ((long)regs->rax) {
	case -ERESTART_RESTARTBLOCK:
	case -ERESTARTNOHAND:
		if (ka) {
			regs->rax = (unsigned long)-EINTR;
			break;
		}
		goto restart;
	case -ERESTARTSYS:
		if (ka && !(ka->flags & SA_RESTART)) {
			regs->rax = (unsigned long)-EINTR;
			break;
		}
		goto restart;
	case -ERESTARTNOINTR:
restart:
		regs->rax = regs->orig_rax;
		regs->rip -= 2;
		break;
	}
	regs->orig_rax = (unsigned long)-1;	/* decided once */
}

/*
 * do_signal - take the pending signals in turn: ignore them, end the task, or set up one
 * handler frame and return (exit_to_user_mode calls again while signals are deliverable, so
 * a second one's frame goes on top of the first and its handler runs first, as in Linux).
 */
static void do_signal(struct pt_regs *regs)
{
	struct ksiginfo info;
	int sig;

	while ((sig = dequeue_signal(~current->blocked, &info))) {
		struct k_sigaction *ka = &current->sighand->action[sig - 1];

		if (ka->handler == SIG_IGN)
			continue;
		if (ka->handler == SIG_DFL) {
			if (SIG_DEFAULT_NOTHING & sigmask(sig))
				continue;
			do_default_fatal(sig);
		}
		syscall_restart(regs, ka);
		unsigned long oldmask = current->restore_sigmask ? current->saved_sigmask
								  : current->blocked;
		current->restore_sigmask = false;
		if (setup_rt_frame(sig, ka, &info, oldmask, regs)) {
			force_sigsegv(sig);
			continue;
		}
		unsigned long mask = current->blocked | ka->mask;
		if (!(ka->flags & SA_NODEFER))
			mask |= sigmask(sig);
		set_current_blocked(mask);
		if (ka->flags & SA_RESETHAND)
			ka->handler = SIG_DFL;
		return;
	}
	syscall_restart(regs, NULL);
	if (current->restore_sigmask) {
		current->restore_sigmask = false;
		set_current_blocked(current->saved_sigmask);
	}
}

void exit_to_user_mode_loop(struct pt_regs *regs)
{
	for (;;) {
		local_irq_disable();
		if (!need_resched && !signal_pending(current) && !current->restore_sigmask)
			return;
		local_irq_enable();
		if (need_resched)
			schedule();
		else
			do_signal(regs);
	}
}

/* A user-mode exception (kernel/traps.c): the signal with si_code and the address; logged
 * like Linux's "traps:" line when no handler will see it. */
bool user_trap(struct pt_regs *regs, int signo, const char *reason, unsigned long addr)
{
	int code = SI_KERNEL;

	if (signo == SIGILL)
		code = ILL_ILLOPN;
	else if (signo == SIGFPE)
		code = FPE_INTDIV;
	else if (signo == SIGBUS)
		code = BUS_ADRALN;
	else if (signo == SIGTRAP && regs->vector == 1)
		code = TRAP_TRACE;
	if (code == SI_KERNEL)
		addr = 0;
	if (unhandled_signal(current, signo))
		pr_info("traps: %s[%d] %s ip:%lx sp:%lx error:%lx\n", current->comm, current->pid,
			reason, regs->rip, regs->rsp, regs->orig_rax);
	force_sig_fault(signo, code, addr);
	exit_to_user_mode(regs);
	return true;
}

/* --- fork and exec ------------------------------------------------------------------------ */

void copy_signal(struct task_struct *p, const struct task_struct *parent)
{
	if (p->sighand != parent->sighand)
		memcpy(p->sighand->action, parent->sighand->action, sizeof(p->sighand->action));
	p->blocked = parent->blocked;
	p->sas_ss_sp = parent->sas_ss_sp;
	p->sas_ss_size = parent->sas_ss_size;
	p->sas_ss_flags = parent->sas_ss_flags;
	p->pgid = parent->group_leader->pgid;	/* the process's, kept in its leader */
	p->sid = parent->group_leader->sid;
}

void flush_signal_handlers(struct task_struct *task)
{
	for (int i = 0; i < _NSIG; i++) {
		struct k_sigaction *ka = &task->sighand->action[i];

		if (ka->handler != SIG_IGN)
			ka->handler = SIG_DFL;
		ka->flags = 0;
		ka->restorer = 0;
		ka->mask = 0;
	}
	task->sas_ss_sp = 0;
	task->sas_ss_size = 0;
	task->sas_ss_flags = 0;
	task->did_exec = true;
}
