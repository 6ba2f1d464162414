/*
 * kernel/traps.h - exception and interrupt dispatch.
 */
#ifndef FAULTLINE_TRAPS_H
#define FAULTLINE_TRAPS_H

#include "kernel/ptrace.h"

#define X86_TRAP_DE	0	/* divide error */
#define X86_TRAP_DB	1
#define X86_TRAP_NMI	2
#define X86_TRAP_BP	3
#define X86_TRAP_OF	4
#define X86_TRAP_BR	5
#define X86_TRAP_UD	6	/* invalid opcode */
#define X86_TRAP_NM	7
#define X86_TRAP_DF	8	/* double fault */
#define X86_TRAP_TS	10
#define X86_TRAP_NP	11
#define X86_TRAP_SS	12
#define X86_TRAP_GP	13	/* general protection */
#define X86_TRAP_PF	14	/* page fault */
#define X86_TRAP_MF	16
#define X86_TRAP_AC	17
#define X86_TRAP_MC	18
#define X86_TRAP_XF	19

/* do_trap - called by kernel/entry.asm for every exception and interrupt. */
void do_trap(struct pt_regs *regs);

/* trap_name - the mnemonic of exception @vector ("#PF page fault", ...). */
const char *trap_name(unsigned long vector);

/* show_regs - print every register of @regs (and CR2 for a page fault). */
void show_regs(const struct pt_regs *regs);

/*
 * fixup_exception - if the faulting instruction at regs->rip has an exception-table entry
 * (a uaccess or nofault helper), redirect regs->rip to its fixup and return true.
 */
bool fixup_exception(struct pt_regs *regs);

/*
 * The user-mode half of an exception: kernel/signal.c (issue 3) turns it into a signal for
 * the current process. Returns true if handled. Weakly defined so the kernel links without it.
 */
bool user_trap(struct pt_regs *regs, int signo, const char *reason, unsigned long addr);

/* irq handlers for vectors 32..47 (kernel/irq.c). */
void do_irq(struct pt_regs *regs);

#endif
