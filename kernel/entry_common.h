/*
 * kernel/entry_common.h - the last step before every return to user mode (Linux's
 * include/linux/entry-common.h).
 *
 * Every system call, exception and interrupt from user mode ends here. The common case -
 * nothing to do - is a few loads inline in the caller; only a pending reschedule, a
 * deliverable signal or a mask to restore after rt_sigsuspend takes the slow path
 * (exit_to_user_mode_loop in kernel/signal.c).
 */
#ifndef FAULTLINE_ENTRY_COMMON_H
#define FAULTLINE_ENTRY_COMMON_H

#include "kernel/sched.h"
#include "kernel/io.h"

/* exit_to_user_mode_loop - reschedule if asked, then deliver pending signals (the default
 * action or a handler frame on the user stack), until nothing is left. Returns with
 * interrupts disabled. */
void exit_to_user_mode_loop(struct pt_regs *regs);

/* exit_to_user_mode - before every return to user mode: the slow path only if there is
 * work. Returns with interrupts disabled. */
static inline void exit_to_user_mode(struct pt_regs *regs)
{
	local_irq_disable();
	if (__builtin_expect(need_resched || ((current->pending | current->signal->shared_pending) & ~current->blocked) ||
			     current->restore_sigmask, 0))
		exit_to_user_mode_loop(regs);
}

#endif
