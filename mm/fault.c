/*
 * mm/fault.c - the page-fault handler: from the trap to the decision.
 *
 * The CPU reports a fault through the error code (what kind of access, from which ring, and
 * whether the page was absent or the access not allowed) and CR2 (the address). Faults at user
 * addresses are resolved against the process's VMAs (do_user_addr_fault). A fault at a kernel
 * address, or a kernel access to user memory outside the uaccess helpers, is either fixed up
 * through the exception table or a kernel bug.
 */
#include "mm/fault.h"
#include "mm/memlayout.h"
#include "mm/vmalloc.h"
#include "kernel/traps.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/io.h"

__attribute__((weak)) bool do_user_addr_fault(struct pt_regs *regs, unsigned long error_code,
					      unsigned long address)
{
	(void)regs; (void)error_code; (void)address;
	return false;
}

/* Describe a kernel-mode fault the way Linux's page_fault_oops() does, then die. */
static __noreturn void page_fault_oops(struct pt_regs *regs, unsigned long error_code,
				       unsigned long address)
{
	struct vm_struct *vm;

	pr_emerg("BUG: unable to handle page fault for address: %016lx\n", address);
	pr_emerg("#PF: %s %s access in %s mode\n",
		 (error_code & X86_PF_USER) ? "user" : "supervisor",
		 (error_code & X86_PF_INSTR) ? "instruction fetch" :
		 (error_code & X86_PF_WRITE) ? "write" : "read",
		 user_mode(regs) ? "user" : "kernel");
	pr_emerg("#PF: error_code(%#06lx) - %s\n", error_code,
		 !(error_code & X86_PF_PROT) ? "not-present page" :
		 (error_code & X86_PF_RSVD) ? "reserved bit violation" :
		 (error_code & X86_PF_INSTR) ? "no-execute page" : "permissions violation");
	if (is_vmalloc_addr((void *)address) && (vm = find_vm_area((void *)address)) &&
	    address >= vm->addr + vm->size - PAGE_SIZE)
		pr_emerg("#PF: the address is the guard page after vmalloc area %#lx-%#lx\n",
			 vm->addr, vm->addr + vm->size - PAGE_SIZE);
	die("page fault", regs, error_code);
}

void exc_page_fault(struct pt_regs *regs, unsigned long error_code)
{
	unsigned long address = read_cr2();

	if (address < TASK_SIZE && do_user_addr_fault(regs, error_code, address))
		return;
	/* A uaccess or nofault helper touched a bad address: it returns -EFAULT instead. */
	if (!user_mode(regs) && fixup_exception(regs))
		return;
	/* A user access to a kernel address that no VMA covers is a SIGSEGV, never an oops. */
	if (user_mode(regs) && do_user_addr_fault(regs, error_code, address))
		return;
	page_fault_oops(regs, error_code, address);
}
