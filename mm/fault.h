/*
 * mm/fault.h - the page-fault handler's entry point.
 */
#ifndef FAULTLINE_FAULT_H
#define FAULTLINE_FAULT_H

#include "kernel/ptrace.h"

/* Page-fault error code bits (Intel SDM vol. 3, 4.7), Linux's names. */
#define X86_PF_PROT	(1UL << 0)	/* 0: page not present; 1: protection violation */
#define X86_PF_WRITE	(1UL << 1)	/* the access was a write */
#define X86_PF_USER	(1UL << 2)	/* the access came from ring 3 */
#define X86_PF_RSVD	(1UL << 3)	/* a reserved bit was set in a paging entry */
#define X86_PF_INSTR	(1UL << 4)	/* the access was an instruction fetch */

/*
 * exc_page_fault - handle #PF: user addresses go to the process's VMAs (handle_mm_fault),
 * a faulting uaccess/nofault helper is fixed up to return -EFAULT, and any other kernel fault
 * is a bug: "BUG: unable to handle page fault" with the full dump, then panic.
 */
void exc_page_fault(struct pt_regs *regs, unsigned long error_code);

/*
 * do_user_addr_fault - the user-address half (mm/fault.c in issue 3). Returns true if the
 * fault was handled (page mapped); a bad user access kills the process with SIGSEGV.
 */
bool do_user_addr_fault(struct pt_regs *regs, unsigned long error_code, unsigned long address);

#endif
