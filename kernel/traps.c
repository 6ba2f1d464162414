/*
 * kernel/traps.c - what happens on each exception: page faults go to mm/fault.c, interrupts
 * to kernel/irq.c, a user-mode exception becomes a signal for its process, and anything else
 * in the kernel is fixed up through the exception table or ends in die().
 */
#include "kernel/entry_common.h"
#include "kernel/traps.h"
#include "kernel/extable.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/desc.h"
#include "kernel/io.h"
#include "kernel/signal.h"
#include "kernel/sched.h"
#include "mm/fault.h"

static const char *const trap_names[32] = {
	"#DE divide error", "#DB debug", "NMI", "#BP breakpoint", "#OF overflow",
	"#BR bound range", "#UD invalid opcode", "#NM device not available", "#DF double fault",
	"coprocessor segment overrun", "#TS invalid TSS", "#NP segment not present",
	"#SS stack-segment fault", "#GP general protection", "#PF page fault", "reserved",
	"#MF x87 floating point", "#AC alignment check", "#MC machine check",
	"#XM SIMD floating point", "#VE virtualization", "#CP control protection",
	"reserved", "reserved", "reserved", "reserved", "reserved", "reserved",
	"#HV hypervisor injection", "#VC VMM communication", "#SX security", "reserved",
};

const char *trap_name(unsigned long vector)
{
	return vector < 32 ? trap_names[vector] : "interrupt";
}

void show_regs(const struct pt_regs *regs)
{
	printk(KERN_EMERG "RIP: %04lx:%016lx (%pS)\n", regs->cs, regs->rip, (void *)regs->rip);
	printk(KERN_EMERG "RSP: %04lx:%016lx EFLAGS: %08lx\n", regs->ss, regs->rsp, regs->rflags);
	printk(KERN_EMERG "RAX: %016lx RBX: %016lx RCX: %016lx\n", regs->rax, regs->rbx, regs->rcx);
	printk(KERN_EMERG "RDX: %016lx RSI: %016lx RDI: %016lx\n", regs->rdx, regs->rsi, regs->rdi);
	printk(KERN_EMERG "RBP: %016lx R08: %016lx R09: %016lx\n", regs->rbp, regs->r8, regs->r9);
	printk(KERN_EMERG "R10: %016lx R11: %016lx R12: %016lx\n", regs->r10, regs->r11, regs->r12);
	printk(KERN_EMERG "R13: %016lx R14: %016lx R15: %016lx\n", regs->r13, regs->r14, regs->r15);
	printk(KERN_EMERG "CR0: %016lx CR2: %016lx CR3: %016lx CR4: %016lx\n",
	       read_cr0(), read_cr2(), read_cr3(), read_cr4());
}

bool fixup_exception(struct pt_regs *regs)
{
	const struct exception_table_entry *e = search_exception_tables(regs->rip);

	if (!e)
		return false;
	regs->rip = e->fixup;
	return true;
}

/* The signal each user-mode exception raises, as Linux chooses it. */
static int trap_signal(unsigned long vector)
{
	switch (vector) {
	case X86_TRAP_DE:
	case X86_TRAP_MF:
	case X86_TRAP_XF:
		return SIGFPE;
	case X86_TRAP_DB:
	case X86_TRAP_BP:
		return SIGTRAP;
	case X86_TRAP_UD:
		return SIGILL;
	case X86_TRAP_AC:
		return SIGBUS;
	default:
		return SIGSEGV;
	}
}

void do_trap(struct pt_regs *regs)
{
	unsigned long vector = regs->vector;

	if (vector == X86_TRAP_PF) {
		/* A frame too big for the stack can jump over the guard page and fault in it
		 * with room left below for the #PF frame: still a stack overflow. */
		if (!user_mode(regs))
			report_stack_overflow(read_cr2());
		exc_page_fault(regs, regs->orig_rax);
		if (user_mode(regs))
			exit_to_user_mode(regs);	/* SIGSEGV/SIGBUS, or another signal */
		return;
	}
	if (vector >= FIRST_EXTERNAL_VECTOR) {
		do_irq(regs);
		if (user_mode(regs))
			exit_to_user_mode(regs);	/* preemption point */
		return;
	}
	if (vector == X86_TRAP_NMI) {
		pr_warn("NMI received at %pS\n", (void *)regs->rip);
		return;
	}
	if (vector == X86_TRAP_DF)
		report_stack_overflow(read_cr2());	/* "BUG: kernel stack overflow" if so */
	if (user_mode(regs) && vector != X86_TRAP_DF && vector != X86_TRAP_MC) {
		if (user_trap(regs, trap_signal(vector), trap_name(vector), regs->rip))
			return;
	}
	/* A #GP in a uaccess/nofault helper (a non-canonical address) is fixed up like a #PF. */
	if (!user_mode(regs) && vector == X86_TRAP_GP && fixup_exception(regs))
		return;
	die(trap_name(vector), regs, regs->orig_rax);
}
