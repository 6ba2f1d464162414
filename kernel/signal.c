/*
 * kernel/signal.c - signals, as far as Faultline needs them: every signal takes its default
 * action. Fatal ones end the process (the wait status says which signal), SIGCHLD and the like
 * are ignored. rt_sigaction and rt_sigprocmask are accepted and recorded, but handlers are not
 * run: a program that installs a handler still gets the default action.
 */
#include "kernel/sched.h"
#include "kernel/wait.h"
#include "kernel/syscalls.h"
#include "kernel/signal.h"
#include "kernel/traps.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/uaccess.h"

#define SIG_DFL		0UL
#define SIG_IGN		1UL
#define sigmask(sig)	(1UL << ((sig) - 1))

/* Signals whose default action is to do nothing (Linux: SIGCHLD, SIGCONT, SIGURG, SIGWINCH),
 * plus the stop signals, since there is no job control. */
#define SIG_DEFAULT_IGNORED	(sigmask(SIGCHLD) | sigmask(18) | sigmask(23) | sigmask(28) | \
				 sigmask(19) | sigmask(20) | sigmask(21) | sigmask(22))

/* Is @sig, with @task's disposition, going to end the task? */
static bool sig_fatal(struct task_struct *task, int sig)
{
	if (sig == SIGKILL)
		return true;
	if (task->sigaction_handler[sig - 1] == SIG_IGN)
		return false;
	return !(SIG_DEFAULT_IGNORED & sigmask(sig));
}

bool signal_pending(struct task_struct *task)
{
	return (task->pending & ~(task->blocked & ~sigmask(SIGKILL))) != 0;
}

int send_signal(struct task_struct *task, int sig)
{
	if (sig < 1 || sig > _NSIG)
		return -EINVAL;
	if (!sig_fatal(task, sig))
		return 0;			/* ignored: nothing to deliver */
	task->pending |= sigmask(sig);
	if (task->state == TASK_INTERRUPTIBLE)
		wake_up_process(task);
	return 0;
}

void force_sig_fatal(int sig)
{
	do_exit(sig & 0x7f);
}

void exit_to_user_mode(struct pt_regs *regs)
{
	(void)regs;
	if (need_resched)
		schedule();
	unsigned long deliverable = current->pending & ~(current->blocked & ~sigmask(SIGKILL));
	if (deliverable) {
		int sig = __builtin_ctzl(deliverable) + 1;

		current->pending &= ~sigmask(sig);
		force_sig_fatal(sig);
	}
}

/* A user-mode exception (kernel/traps.c): report it like Linux's "traps:" line, then the signal. */
bool user_trap(struct pt_regs *regs, int signo, const char *reason, unsigned long addr)
{
	(void)addr;
	pr_info("traps: %s[%d] %s ip:%lx sp:%lx error:%lx\n", current->comm, current->pid, reason,
		regs->rip, regs->rsp, regs->orig_rax);
	force_sig_fatal(signo);
}

/*
 * kill_task - post @sig (0: only check) to the process @pid. A zombie still exists until it
 * is reaped, so it can be signalled (Linux returns 0); the signal is simply dropped. Returns
 * 0, or -ESRCH if there is no such process (or it is the idle task, or already reaped).
 */
static long kill_task(pid_t pid, int sig)
{
	struct task_struct *task = find_task_by_pid(pid);

	if (!task || task->pid == 0 || task->state == TASK_DEAD)
		return -ESRCH;
	if (sig == 0 || task->state == TASK_ZOMBIE)
		return 0;
	return send_signal(task, sig);
}

/* sys_kill - @pid > 0: that process; 0 or negative (process groups): this process. Returns 0,
 * -EINVAL (bad @sig) or -ESRCH. */
long sys_kill(pid_t pid, int sig)
{
	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	if (pid <= 0)
		pid = current->pid;		/* process groups: just this process */
	return kill_task(pid, sig);
}

/* sys_tkill - signal thread @tid (a process: one thread each). musl's raise() uses this.
 * Returns 0, -EINVAL (@tid <= 0 or a bad @sig) or -ESRCH. */
long sys_tkill(pid_t tid, int sig)
{
	if (tid <= 0 || sig < 0 || sig > _NSIG)
		return -EINVAL;
	return kill_task(tid, sig);
}

/* sys_tgkill - signal thread @tid of thread group @tgid: -ESRCH unless @tid is in @tgid (with
 * one thread per process, tid == tgid). Otherwise as sys_tkill. */
long sys_tgkill(pid_t tgid, pid_t tid, int sig)
{
	if (tgid <= 0 || tid <= 0 || sig < 0 || sig > _NSIG)
		return -EINVAL;
	if (tgid != tid)
		return -ESRCH;
	return kill_task(tid, sig);
}

/* Linux's kernel struct sigaction for rt_sigaction: handler, flags, restorer, mask. */
struct k_sigaction {
	unsigned long handler;
	unsigned long flags;
	unsigned long restorer;
	unsigned long mask;
};

long sys_rt_sigaction(int sig, const struct k_sigaction __user *act, struct k_sigaction __user *oact,
		      size_t sigsetsize)
{
	struct k_sigaction ka = { 0 };

	if (sig < 1 || sig > _NSIG || sigsetsize != 8)
		return -EINVAL;
	if (act && (sig == SIGKILL || sig == 19 /* SIGSTOP */))
		return -EINVAL;
	if (oact) {
		ka.handler = current->sigaction_handler[sig - 1];
		if (copy_to_user(oact, &ka, sizeof(ka)))
			return -EFAULT;
	}
	if (act) {
		if (copy_from_user(&ka, act, sizeof(ka)))
			return -EFAULT;
		current->sigaction_handler[sig - 1] = ka.handler;
	}
	return 0;
}

#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

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
			current->blocked |= new;
		else if (how == SIG_UNBLOCK)
			current->blocked &= ~new;
		else if (how == SIG_SETMASK)
			current->blocked = new;
		else
			return -EINVAL;
		current->blocked &= ~(sigmask(SIGKILL) | sigmask(19));
	}
	if (oset && copy_to_user(oset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}
