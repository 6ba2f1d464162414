/*
 * drivers/tty/tty_jobctrl.c - the controlling terminal and its foreground process group
 * (Linux's drivers/tty/tty_jobctrl.c): TIOCSCTTY, TIOCNOTTY, TIOCGPGRP, TIOCSPGRP, TIOCGSID,
 * and the signals the keyboard sends (^C, ^\, ^Z, a new window size).
 *
 * A terminal controls at most one session, and a session at most one terminal, so Faultline
 * keeps the link on the terminal only: the caller's controlling terminal is the console if
 * tty->session is the caller's session (Linux keeps signal->tty in every process as well).
 * At boot the console belongs to init's session (0) with init's group (0) in the foreground,
 * so that init and what it runs without a session of its own can use it, and ^C reaches
 * them. A session leader takes the console with TIOCSCTTY (as on Linux, opening
 * /dev/console never makes it the controlling terminal); TIOCNOTTY by the leader, or the
 * leader's exit (noticed the next time the console looks), gives it back to init's session.
 *
 * Differences from Linux: TIOCNOTTY by a process that is not the session leader does nothing
 * (there is no per-process link to drop); the leader's exit sends no SIGHUP; background
 * processes are not stopped (SIGTTOU/SIGTTIN) when they use the terminal.
 */
#include "drivers/tty/tty.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/io.h"
#include "kernel/uaccess.h"
#include "kernel/errno.h"

/* leader_alive - is @sid's leader still running (not a zombie or reaped)? Session 0 is
 * init's: alive for ever. */
static bool leader_alive(pid_t sid)
{
	struct task_struct *task;

	if (!sid)
		return true;
	list_for_each_entry(task, &task_list, tasks)
		if (task->pid == sid)
			return task->state != TASK_ZOMBIE && task->state != TASK_DEAD;
	return false;
}

/*
 * tty_refresh_session - if the session that controls @tty has lost its leader, give the
 * terminal back to init's session (Linux's disassociate_ctty at the leader's exit). Safe in
 * interrupt context: the task list is only read (with one CPU and no kernel preemption, an
 * interrupt sees it before or after a change, never half-way).
 */
static void tty_refresh_session(struct tty_struct *tty)
{
	unsigned long flags = local_irq_save();

	if (!leader_alive(tty->session)) {
		tty->session = 0;
		tty->pgrp = 0;
	}
	local_irq_restore(flags);
}

/* is_ctty - is @tty the caller's controlling terminal? */
static bool is_ctty(struct tty_struct *tty)
{
	tty_refresh_session(tty);
	return current->sid == tty->session;
}

void tty_signal_pgrp(struct tty_struct *tty, int sig)
{
	struct ksiginfo info = { .code = SI_KERNEL };

	tty_refresh_session(tty);
	kill_pgrp(tty->pgrp, sig, &info);
}

/*
 * pgrp_session - the session of process group @pgrp, as Linux's session_of_pgrp finds it:
 * a process in that group, else the process with that pid. Returns the sid, or -ESRCH if
 * neither exists (or for 0).
 */
static pid_t pgrp_session(pid_t pgrp)
{
	struct task_struct *task, *by_pid = NULL;

	if (pgrp == 0)			/* init's group, but no pid is 0 to Linux: not found */
		return -ESRCH;
	list_for_each_entry(task, &task_list, tasks) {
		if (task->state == TASK_DEAD)
			continue;
		if (task->pgid == pgrp)
			return task->sid;
		if (task->pid == pgrp)
			by_pid = task;
	}
	return by_pid ? by_pid->sid : -ESRCH;
}

/* tiocspgrp - TIOCSPGRP (tcsetpgrp): -ENOTTY unless @tty is the caller's controlling
 * terminal, -EFAULT, -EINVAL for a negative group, -ESRCH if nothing has that number,
 * -EPERM for a group of another session. Linux's order of checks. */
static long tiocspgrp(struct tty_struct *tty, pid_t __user *p)
{
	pid_t pgrp, sid;

	if (!is_ctty(tty))
		return -ENOTTY;
	if (get_user(pgrp, p))
		return -EFAULT;
	if (pgrp < 0)
		return -EINVAL;
	sid = pgrp_session(pgrp);
	if (sid < 0)
		return sid;
	if (sid != current->sid)
		return -EPERM;
	tty->pgrp = pgrp;
	return 0;
}

/* tiocsctty - TIOCSCTTY: a session leader makes @tty its controlling terminal, with its
 * group in the foreground. 0 if it already is; -EPERM for a process that leads no session,
 * or if another session has the terminal and @arg is not 1 (steal: everyone is root). */
static long tiocsctty(struct tty_struct *tty, unsigned long arg)
{
	bool leader = current->sid == current->pid;

	tty_refresh_session(tty);
	if (leader && tty->session == current->sid)
		return 0;
	if (!leader)
		return -EPERM;
	if (tty->session && arg != 1)
		return -EPERM;
	tty->session = current->sid;
	tty->pgrp = current->pgid;
	return 0;
}

/* tiocnotty - TIOCNOTTY: -ENOTTY unless @tty is the caller's controlling terminal. The
 * session leader gives it up: the foreground group gets SIGHUP and SIGCONT, and the terminal
 * goes back to init's session. Anyone else: 0, nothing changes (see the header). */
static long tiocnotty(struct tty_struct *tty)
{
	pid_t fg;

	if (!is_ctty(tty))
		return -ENOTTY;
	if (current->sid != current->pid)
		return 0;
	fg = tty->pgrp;
	tty->session = 0;
	tty->pgrp = 0;
	kill_pgrp(fg, SIGHUP, NULL);
	kill_pgrp(fg, SIGCONT, NULL);
	return 0;
}

long tty_jobctrl_ioctl(struct tty_struct *tty, struct file *file, unsigned int cmd, unsigned long arg)
{
	(void)file;
	switch (cmd) {
	case TIOCGPGRP:
		if (!is_ctty(tty))
			return -ENOTTY;
		return put_user(tty->pgrp, (pid_t __user *)arg);
	case TIOCSPGRP:
		return tiocspgrp(tty, (pid_t __user *)arg);
	case TIOCGSID:
		if (!is_ctty(tty))
			return -ENOTTY;
		return put_user(tty->session, (pid_t __user *)arg);
	case TIOCSCTTY:
		return tiocsctty(tty, arg);
	case TIOCNOTTY:
		return tiocnotty(tty);
	}
	return -ENOIOCTLCMD;
}
