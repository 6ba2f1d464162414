/*
 * mm/gup.c - faulting a range of user pages in ahead of use (the populate half of Linux's
 * mm/gup.c): what mlock, mmap(MAP_POPULATE / MAP_LOCKED) and madvise(MADV_POPULATE_*) share.
 *
 * Seed concept: demand paging maps a page when it is first touched; populating touches every
 * page of a range now, through the same handle_mm_fault() a real access would take, so the
 * pages are resident (mincore shows them) before the program runs. A writable private mapping
 * is faulted for writing, as Linux does, so copy-on-write is broken at once and later writes
 * take no fault; a shared one for reading (nothing to copy, no page dirtied for nothing).
 */
#include "mm/internal.h"
#include "mm/memory.h"
#include "mm/mmap.h"
#include "mm/mmap_lock.h"
#include "kernel/sched.h"
#include "kernel/errno.h"

int faultin_vma_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end,
			   bool write)
{
	unsigned int flags = write ? FAULT_FLAG_WRITE : 0;

	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
		vm_fault_t ret;

		if (fatal_signal_pending(current))
			return -EINTR;
		if (follow_page(vma, addr, write ? FOLL_WRITE : 0)) {
			cond_resched();
			continue;		/* there already, as the access needs it */
		}
		ret = handle_mm_fault(vma, addr, flags);
		if (ret & VM_FAULT_OOM)
			return -ENOMEM;
		if (ret & (VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV))
			return -EFAULT;
		if (ret & VM_FAULT_MAJOR)	/* Linux's mm_account_fault, as for GUP */
			current->maj_flt++;
		else
			current->min_flt++;
		cond_resched();
	}
	return 0;
}

int populate_vma_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	if (vma->vm_flags & VM_LOCKONFAULT)
		return 0;			/* locked as the pages fault in, not now */
	/* Linux's check_vma_flags without FOLL_FORCE for a PROT_NONE mapping: nothing may be
	 * touched there, -EFAULT (mlock reports it as -ENOMEM). */
	if (!(vma->vm_flags & VM_ACCESS_FLAGS))
		return -EFAULT;
	return faultin_vma_page_range(vma, start, end,
				      (vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE);
}

int __mm_populate(struct mm_struct *mm, unsigned long start, unsigned long len, bool ignore_errors)
{
	unsigned long end = start + len, nstart, nend;
	int ret = 0;

	if (mmap_read_lock_killable(mm))
		return -EINTR;
	/* Read-held as the fault path holds it: a fault that sleeps on the disk leaves the VMAs
	 * as they are; each part's VMA is found by address. */
	for (nstart = start; nstart < end; nstart = nend) {
		struct vm_area_struct *vma = find_vma(mm, nstart);

		if (!vma || vma->vm_start >= end)
			break;
		if (nstart < vma->vm_start)
			nstart = vma->vm_start;
		nend = min(end, vma->vm_end);
		ret = populate_vma_page_range(vma, nstart, nend);
		if (ret == -EINTR)
			break;
		if (ret && !ignore_errors)
			break;
		ret = 0;
	}
	mmap_read_unlock(mm);
	return ret;
}
