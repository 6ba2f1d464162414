/*
 * mm/fault.c - the page-fault handler: from the trap to the decision.
 *
 * The CPU reports a fault through the error code (what kind of access, from which ring, and
 * whether the page was absent or the access not allowed) and CR2 (the address). Faults at user
 * addresses are resolved against the process's VMAs (do_user_addr_fault). A fault at a kernel
 * address, or a kernel access to user memory outside the uaccess helpers, is either fixed up
 * through the exception table or a kernel bug.
 */
#include "kernel/entry_common.h"
#include "mm/fault.h"
#include "kernel/wait.h"
#include "mm/vmstat.h"
#include "mm/memlayout.h"
#include "mm/vmalloc.h"
#include "kernel/traps.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/io.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/extable.h"
#include "mm/mmap.h"
#include "mm/mmap_lock.h"
#include "mm/memory.h"
#include "mm/oom_kill.h"

/* access_error - does the VMA forbid this access? (Linux's access_error()) */
static bool access_error(unsigned long error_code, const struct vm_area_struct *vma)
{
	if (error_code & X86_PF_WRITE)
		return !(vma->vm_flags & VM_WRITE);
	if (error_code & X86_PF_INSTR)
		return !(vma->vm_flags & VM_EXEC);
	/* A read: x86 cannot map a page writable or executable without also making it readable. */
	return !(vma->vm_flags & VM_ACCESS_FLAGS);
}

/* bad_area - a user access no VMA allows: log it like Linux's show_signal_msg() (only when
 * no handler will see it) and send SIGSEGV with @si_code (SEGV_MAPERR: nothing mapped there;
 * SEGV_ACCERR: the mapping forbids the access) and the address. From the kernel (a uaccess
 * helper) it is left to the exception table instead. */
static bool bad_area(struct pt_regs *regs, unsigned long error_code, unsigned long address,
		     const char *why, int si_code)
{
	if (!user_mode(regs))
		return false;
	if (unhandled_signal(current, SIGSEGV))
		pr_info("%s[%d]: segfault at %lx ip %016lx sp %016lx error %lx (%s)\n", current->comm,
			current->pid, address, regs->rip, regs->rsp, error_code, why);
	force_sig_fault(SIGSEGV, si_code, address);
	return true;
}

/*
 * pgtable_bad - the CPU found a reserved bit set in a page-table entry of a user address: the
 * tables are corrupt, which only a kernel bug can do. Report it with the walk to the entry
 * (Linux's pgtable_bad()) and kill the process that ran into it; retrying would fault again
 * for ever.
 */
static bool pgtable_bad(struct pt_regs *regs, unsigned long error_code, unsigned long address)
{
	pte_t *pte = current->mm ? follow_pte(current->mm, address) : NULL;

	pr_alert("BUG: %s[%d]: Corrupted page table at address %lx (error %lx, ip %lx, pte %#lx)\n",
		 current->comm, current->pid, address, error_code, regs->rip,
		 pte ? pte_val(ptep_get(pte)) : 0UL);
	send_signal(current, SIGKILL);
	return true;
}

/*
 * do_user_addr_fault - resolve a fault at user address @address: find the VMA and check the
 * access with mm->mmap_lock held for reading (mm/mmap_lock.h), so no other thread of the
 * process can change or free the VMA while the fault works on it, even if it sleeps. The
 * lock is dropped before any signal is sent. Returns true if the fault was handled (the page
 * is mapped, or the task was signalled), false for a kernel-mode fault to be fixed up.
 */
bool do_user_addr_fault(struct pt_regs *regs, unsigned long error_code, unsigned long address)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned int flags = 0;
	vm_fault_t ret;

	/* The kernel may touch user memory only inside the uaccess helpers. */
	if (!user_mode(regs) && !search_exception_tables(regs->rip))
		return false;
	if (error_code & X86_PF_RSVD)
		return pgtable_bad(regs, error_code, address);
	if (!mm || address >= TASK_SIZE)
		return bad_area(regs, error_code, address, address >= TASK_SIZE ?
				"kernel address" : "no address space", SEGV_MAPERR);
	/* Interrupts back on, as they were where the fault happened (Linux's rule). */
	if (regs->rflags & X86_EFLAGS_IF)
		local_irq_enable();

	/* A uaccess fault while this task changes the VMAs would wait for itself for ever. */
	if (rwsem_is_write_locked_by(&mm->mmap_lock, current)) {
		pr_alert("BUG: %s[%d]: user access at %lx with mmap_lock held for writing\n",
			 current->comm, current->pid, address);
		return bad_area(regs, error_code, address, "mmap_lock held", SEGV_MAPERR);
	}
	/* SIGKILL while waiting: from user mode the task dies on its way out; a uaccess
	 * helper gets -EFAULT. */
	if (mmap_read_lock_killable(mm))
		return user_mode(regs);

	vma = find_vma(mm, address);
	if (!vma) {
		mmap_read_unlock(mm);
		return bad_area(regs, error_code, address, "no VMA", SEGV_MAPERR);
	}
	if (vma->vm_start > address) {
		if (!(vma->vm_flags & VM_GROWSDOWN) || expand_stack(vma, address)) {
			mmap_read_unlock(mm);
			return bad_area(regs, error_code, address, "no VMA", SEGV_MAPERR);
		}
	}
	if (access_error(error_code, vma)) {
		mmap_read_unlock(mm);
		return bad_area(regs, error_code, address, (error_code & X86_PF_WRITE) ? "write to a read-only mapping" :
				(error_code & X86_PF_INSTR) ? "execute from a no-exec mapping" : "no access",
				SEGV_ACCERR);
	}

	if (error_code & X86_PF_WRITE)
		flags |= FAULT_FLAG_WRITE;
	if (error_code & X86_PF_USER)
		flags |= FAULT_FLAG_USER;
	if (error_code & X86_PF_INSTR)
		flags |= FAULT_FLAG_INSTRUCTION;
	ret = handle_mm_fault(vma, address, flags);
	mmap_read_unlock(mm);

	if (ret & VM_FAULT_OOM) {
		/* No memory even after the allocator's own OOM kill (current was the victim),
		 * or from an allocation that does not run the OOM killer (a page table): run
		 * it now. If current is dying, a uaccess helper stops short (-EFAULT or a
		 * short count) and the task dies at its return to user mode, as it does at
		 * once from user mode; otherwise memory was freed and the fault is retried. */
		if (!pagefault_out_of_memory() && !user_mode(regs))
			return false;
		return true;
	}
	if (ret & VM_FAULT_SIGSEGV) {
		if (!user_mode(regs))
			return false;
		return bad_area(regs, error_code, address, "the mapping refused the page", SEGV_MAPERR);
	}
	if (ret & VM_FAULT_SIGBUS) {
		if (!user_mode(regs))
			return false;
		/* Killed while it waited for the disk (a page read, a page lock): SIGKILL ends
		 * the task on its way back to user mode; a SIGBUS would be reported instead. */
		if (fatal_signal_pending(current))
			return true;
		if (unhandled_signal(current, SIGBUS))
			pr_info("%s[%d]: bus error at %lx ip %016lx (no page there: beyond the end of "
				"the mapped file, or an I/O error)\n", current->comm, current->pid,
				address, regs->rip);
		force_sig_fault(SIGBUS, BUS_ADRERR, address);
		return true;
	}
	/* Linux's mm_account_fault(): a fault that needed I/O is major, any other minor. */
	if (ret & VM_FAULT_MAJOR) {
		current->maj_flt++;
		count_vm_event(PGMAJFAULT);
	} else
		current->min_flt++;
	return true;
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

	if (user_mode(regs)) {
		do_user_addr_fault(regs, error_code, address);	/* maps the page, or signals */
		return;			/* do_trap runs exit_to_user_mode */
	}
	/* Kernel mode: a uaccess helper may fault a user page in; else the exception table
	 * turns the fault into -EFAULT; else it is a kernel bug. */
	if (address < TASK_SIZE && do_user_addr_fault(regs, error_code, address))
		return;
	if (fixup_exception(regs))
		return;
	page_fault_oops(regs, error_code, address);
}
