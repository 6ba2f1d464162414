/*
 * mm/mprotect.c - changing the access rights of a range: mprotect(2) (Linux's mm/mprotect.c).
 *
 * The VMAs of the range are split at its edges and given the new rights (merging with their
 * neighbours again where they now agree); then change_protection() rewrites every present PTE
 * of the range from the VMA's new vm_page_prot. Private pages do not become writable here:
 * a PTE keeps its write bit only if it had one and the VMA still allows writing; any other
 * write takes the write-protect fault, which copies or reuses the page (do_wp_page).
 */
#include "mm/mmap.h"
#include "mm/mmap_lock.h"
#include "mm/memory.h"
#include "mm/internal.h"
#include "mm/pagewalk.h"
#include "kernel/sched.h"
#include "kernel/errno.h"

static int change_pte(pte_t *pte, unsigned long addr, struct mm_walk *walk)
{
	struct vm_area_struct *vma = walk->vma;
	pte_t old = ptep_get(pte), entry;

	if (!pte_present(old))
		return 0;		/* none, or a swap entry: the fault will apply the new rights */
	entry = pte_modify(old, vma->vm_page_prot);
	if (pte_write(old))
		entry = maybe_mkwrite(entry, vma);
	if (!pte_same(entry, old)) {
		set_pte(pte, entry);
		flush_tlb_one(addr);
	}
	return 0;
}

static const struct mm_walk_ops change_prot_ops = { .pte_entry = change_pte };

/* change_protection - re-derive the present PTEs of [start, end) in @vma from its vm_flags. */
void change_protection(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	walk_page_vma(vma, start, end, &change_prot_ops, NULL);
}

int do_mprotect(struct mm_struct *mm, unsigned long start, unsigned long len, unsigned long prot)
{
	unsigned long end, addr, oldflags;
	struct vm_area_struct *vma;

	if (!IS_ALIGNED(start, PAGE_SIZE) || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)))
		return -EINVAL;
	if (len == 0)
		return 0;
	end = start + ALIGN_UP(len, PAGE_SIZE);
	if (end <= start || end > TASK_SIZE)
		return -ENOMEM;
	/* The whole range must be mapped, and the new rights allowed (VM_MAY*). */
	for (addr = start; addr < end; addr = vma->vm_end) {
		vma = find_vma(mm, addr);
		if (!vma || vma->vm_start > addr)
			return -ENOMEM;
		if ((prot & PROT_WRITE) && !(vma->vm_flags & VM_MAYWRITE))
			return -EACCES;
	}
	for (addr = start; addr < end; addr = vma->vm_end) {
		unsigned long vend;

		vma = find_vma(mm, addr);
		if (split_vma(mm, vma, addr) || split_vma(mm, vma = find_vma(mm, addr), end))
			return -ENOMEM;
		vma = find_vma(mm, addr);
		oldflags = vma->vm_flags;
		vma->vm_flags = (vma->vm_flags & ~VM_ACCESS_FLAGS) |
				(calc_vm_flags(prot, MAP_PRIVATE) & VM_ACCESS_FLAGS);
		vma_set_page_prot(vma);
		change_protection(vma, vma->vm_start, vma->vm_end);
		/* A locked private mapping made writable: break copy-on-write now, so the locked
		 * range takes no fault later (Linux's mprotect_fixup; errors ignored as there). */
		if ((oldflags & (VM_WRITE | VM_SHARED | VM_LOCKED)) == VM_LOCKED &&
		    (vma->vm_flags & VM_WRITE))
			populate_vma_page_range(vma, vma->vm_start, vma->vm_end);
		vend = vma->vm_end;
		vma_merge(mm, vma);
		vma = find_vma(mm, vend - 1);
	}
	return 0;
}

/* sys_mprotect - do_mprotect with mmap_lock held for writing; -EINTR on SIGKILL while waiting. */
long sys_mprotect(unsigned long start, unsigned long len, unsigned long prot)
{
	struct mm_struct *mm = current->mm;
	long ret;

	if (mmap_write_lock_killable(mm))
		return -EINTR;
	ret = do_mprotect(mm, start, len, prot);
	mmap_write_unlock(mm);
	return ret;
}
