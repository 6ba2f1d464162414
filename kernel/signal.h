/*
 * kernel/signal.h - signals: numbers, sigaction flags, the per-signal state a task keeps, and
 * the interface of kernel/signal.c (sending, delivering, the rt_sigframe). Linux x86-64 values.
 */
#ifndef FAULTLINE_SIGNAL_H
#define FAULTLINE_SIGNAL_H

#include "kernel/types.h"

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGSTKFLT	16
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGXCPU		24
#define SIGXFSZ		25
#define SIGVTALRM	26
#define SIGPROF		27
#define SIGWINCH	28
#define SIGIO		29
#define SIGPWR		30
#define SIGSYS		31
#define SIGRTMIN	32
#define _NSIG		64

#define sigmask(sig)	(1UL << ((sig) - 1))

#define SIG_DFL		0UL
#define SIG_IGN		1UL

/* sa_flags (Linux's asm-generic/signal-defs.h and x86's SA_RESTORER). */
#define SA_NOCLDSTOP	0x00000001
#define SA_NOCLDWAIT	0x00000002
#define SA_SIGINFO	0x00000004
#define SA_RESTORER	0x04000000
#define SA_ONSTACK	0x08000000
#define SA_RESTART	0x10000000
#define SA_NODEFER	0x40000000
#define SA_RESETHAND	0x80000000

/* si_code values. */
#define SI_USER		0
#define SI_KERNEL	0x80
#define SI_TKILL	(-6)
#define ILL_ILLOPN	2
#define FPE_INTDIV	1
#define SEGV_MAPERR	1
#define SEGV_ACCERR	2
#define BUS_ADRALN	1
#define BUS_ADRERR	2
#define TRAP_BRKPT	1
#define TRAP_TRACE	2
#define CLD_EXITED	1
#define CLD_KILLED	2
#define CLD_DUMPED	3

/* The kernel's struct sigaction, as rt_sigaction passes it on x86-64. */
struct k_sigaction {
	unsigned long handler;		/* SIG_DFL, SIG_IGN or a user address */
	unsigned long flags;		/* SA_* */
	unsigned long restorer;		/* SA_RESTORER: where the handler returns (rt_sigreturn) */
	unsigned long mask;		/* blocked while the handler runs */
};

/* sighand_struct - the signal actions of a task (Linux's name): allocated beside the task
 * (2 KiB would not fit in it), copied by fork, shared by the threads (CLONE_SIGHAND). */
struct sighand_struct {
	int count;			/* tasks sharing it (CLONE_SIGHAND: the threads) */
	struct k_sigaction action[_NSIG];
};

/*
 * ksiginfo - what the kernel remembers about one pending signal until it becomes the user's
 * 128-byte siginfo_t. Standard signals coalesce (a second one while the first is pending is
 * dropped, as in Linux); real-time signals queue one deep here too (Linux queues them all).
 */
struct ksiginfo {
	int code;			/* si_code */
	int pid;			/* kill/tkill/SIGCHLD: the sender or the child (uid: 0) */
	union {
		int status;		/* SIGCHLD: exit status or signal */
		unsigned long addr;	/* SIGSEGV/SIGBUS/SIGILL/SIGFPE: si_addr */
	};
};

struct task_struct;
struct pt_regs;

/* signal_pending - true if @task has an unblocked signal pending (or SIGKILL): a sleep ends. */
bool signal_pending(struct task_struct *task);

/*
 * send_signal - post @sig to @task from the kernel with @info (NULL: SI_KERNEL). Dropped if
 * @task ignores it and does not block it; a sleeping @task is woken. Returns 0 or -EINVAL.
 */
int send_signal_info(struct task_struct *task, int sig, const struct ksiginfo *info);
int send_signal(struct task_struct *task, int sig);

/* group_send_sig_info - post process-directed @sig to @task's process (any of its threads
 * not blocking it takes it; a fatal one ends them all). 0 or -EINVAL. */
int group_send_sig_info(struct task_struct *task, int sig, const struct ksiginfo *info);

/*
 * force_sig_fault - the current task faulted: post @sig with @code and @addr (si_addr), and
 * make sure it cannot be ignored or blocked (an ignored or blocked fault signal takes its
 * default action, Linux's force_sig_info). Delivered on the way back to user mode.
 */
void force_sig_fault(int sig, int code, unsigned long addr);

/* force_sigsegv - SIGSEGV after a signal frame for @sig could not be written or read back:
 * with its default action if @sig was SIGSEGV itself (Linux's force_sigsegv). */
void force_sigsegv(int sig);

/* set_current_blocked - make @mask the blocked set (SIGKILL and SIGSTOP are dropped from it). */
void set_current_blocked(unsigned long mask);

/* force_sig_fatal - end the current task at once as if killed by @sig. Never returns. */
__noreturn void force_sig_fatal(int sig);

/* unhandled_signal - true if @sig would take its default action in @task (no handler): the
 * fault paths log a "segfault at" line only then, as Linux's show_signal_msg(). */
bool unhandled_signal(struct task_struct *task, int sig);

/* exit_to_user_mode: see kernel/entry_common.h. */

/* copy_signal - at fork: @p inherits @parent's actions (unless it shares them), mask,
 * alternate stack, process group and session; nothing pending, no timer. */
void copy_signal(struct task_struct *p, const struct task_struct *parent);

/* flush_signal_handlers - at execve: handlers go back to SIG_DFL (SIG_IGN stays), the
 * alternate stack is forgotten; the mask and pending signals stay (Linux). */
void flush_signal_handlers(struct task_struct *task);

/* do_notify_parent - @tsk is exiting with wait status @code: send its parent SIGCHLD. */
void do_notify_parent(struct task_struct *tsk, int code);

/* kill_pgrp_info - send @sig to every process in group @pgid; 0 if one got it, else -ESRCH. */
int kill_pgrp(int pgid, int sig, const struct ksiginfo *info);

#endif
