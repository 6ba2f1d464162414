/*
 * kernel/ptrace.h - struct pt_regs: the register frame saved on the kernel stack at every
 * trap, interrupt and system call (kernel/entry.asm builds it; same order as Linux's).
 */
#ifndef FAULTLINE_PTRACE_H
#define FAULTLINE_PTRACE_H

#include "kernel/types.h"

struct pt_regs {
	unsigned long r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
	unsigned long rax, rcx, rdx, rsi, rdi;
	unsigned long vector;		/* trap vector, or -1 for a system call */
	unsigned long orig_rax;		/* exception error code, or the system call number */
	/* pushed by the CPU on a trap (built by the syscall entry to look the same) */
	unsigned long rip, cs, rflags, rsp, ss;
};

/* user_mode - true if @regs was saved while the CPU ran in ring 3. */
static inline bool user_mode(const struct pt_regs *regs)
{
	return (regs->cs & 3) == 3;
}

/* RFLAGS bits (Linux's asm/processor-flags.h). */
#define X86_EFLAGS_IF	(1UL << 9)	/* interrupts enabled */

#endif
