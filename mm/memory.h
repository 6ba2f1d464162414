/*
 * mm/memory.h - the page-fault handlers and the page-table walks over user memory.
 */
#ifndef FAULTLINE_MEMORY_H
#define FAULTLINE_MEMORY_H

#include "mm/mm_types.h"

/* The shared zero page: every read fault on untouched anonymous memory maps this frame. */
extern struct page *zero_page;
static inline bool is_zero_pfn(unsigned long pfn);
void zero_page_init(void);

/*
 * handle_mm_fault - resolve a fault at @address in @vma (whose access check passed):
 * allocate/look up the page and install the PTE. @flags are FAULT_FLAG_*. Returns 0,
 * VM_FAULT_MAJOR (the page came from a device), or a VM_FAULT_ERROR bit.
 */
vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long address, unsigned int flags);

/* vm_get_page_prot - the PTE bits for a page mapped in a VMA with @vm_flags (before COW). */
pgprot_t vm_get_page_prot(unsigned long vm_flags);

/* zap_page_range - unmap [start, end) of @vma, dropping the page references; flushes the TLB. */
void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);

/* copy_page_range - fork: copy @src's PTEs for @vma into @dst, write-protecting private pages. 0 or -ENOMEM. */
int copy_page_range(struct mm_struct *dst, struct mm_struct *src, struct vm_area_struct *vma);

/* change_protection - re-derive the PTEs of [start, end) in @vma after its vm_flags changed. */
void change_protection(struct vm_area_struct *vma, unsigned long start, unsigned long end);

/* free_pgtables - free every user page-table page of @mm (all VMAs must be gone). */
void free_pgtables(struct mm_struct *mm);

/* follow_page - the page mapped at user @address of @mm (no reference taken), or NULL. */
struct page *follow_page(struct mm_struct *mm, unsigned long address, pte_t *ptep);

static inline bool is_zero_pfn(unsigned long pfn)
{
	extern unsigned long zero_pfn;
	return pfn == zero_pfn;
}

#endif
