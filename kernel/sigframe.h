/*
 * kernel/sigframe.h - the signal frame a handler runs on (Linux's x86-64 rt_sigframe), and
 * the conversion of a pending signal's info to the user's siginfo_t. kernel/sigframe.c.
 */
#ifndef FAULTLINE_SIGFRAME_H
#define FAULTLINE_SIGFRAME_H

#include "kernel/signal.h"
#include "kernel/uaccess.h"

struct pt_regs;

/*
 * setup_rt_frame - write the frame for handler @ka of @sig (info @info, mask to restore
 * @oldmask) on the user stack (or the alternate stack) and point @regs at the handler.
 * Returns 0, or -EFAULT if the frame could not be written (the caller sends SIGSEGV).
 */
int setup_rt_frame(int sig, const struct k_sigaction *ka, const struct ksiginfo *info,
		   unsigned long oldmask, struct pt_regs *regs);

/* copy_siginfo_to_user - store @sig's @info as Linux's 128-byte siginfo_t at @to. 0 or -EFAULT. */
int copy_siginfo_to_user(void __user *to, int sig, const struct ksiginfo *info);

#endif
