/*
 * mm/memory.h - the page-fault handlers and what maps and unmaps user pages (mm/memory.c).
 */
#ifndef FAULTLINE_MEMORY_H
#define FAULTLINE_MEMORY_H

#include "mm/mm_types.h"

/* The shared zero page: every read fault on untouched anonymous memory maps this frame. */
extern struct page *zero_page;
static inline bool is_zero_pfn(unsigned long pfn);
void zero_page_init(void);

/* follow_page() flags (Linux's FOLL_*). */
#define FOLL_WRITE	0x01	/* the caller will write to the page */
#define FOLL_FORCE	0x10	/* ptrace/exec-style: a read-only private mapping gets a private copy */

/*
 * handle_mm_fault - resolve a fault at @address in @vma (whose access check passed):
 * allocate/look up the page and install the PTE. @flags are FAULT_FLAG_*. Returns 0,
 * VM_FAULT_MAJOR (the page came from a device), or a VM_FAULT_ERROR bit.
 */
vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long address, unsigned int flags);

/* vm_get_page_prot - the PTE bits for a page mapped in a VMA with @vm_flags (before COW). */
pgprot_t vm_get_page_prot(unsigned long vm_flags);

/*
 * vma_set_page_prot - set @vma->vm_page_prot from its flags (vm_get_page_prot); a shared
 * mapping whose backing wants write notification (vm_ops->page_mkwrite) gets its PTEs
 * read-only, so that the first write to each clean page faults (Linux's
 * vma_wants_writenotify).
 */
void vma_set_page_prot(struct vm_area_struct *vma);

/* maybe_mkwrite - @pte made writable if and only if @vma may be written: the one place the
 * write bit of a user PTE is derived from the VMA (Linux's maybe_mkwrite()). */
pte_t maybe_mkwrite(pte_t pte, struct vm_area_struct *vma);

/*
 * vm_normal_page - the page a present @pte at @addr maps, if it is a counted page (one with
 * references and a map count); NULL for the zero page and reserved frames. The one place that
 * decides whether a PTE maps a counted page (Linux's vm_normal_page()).
 */
struct page *vm_normal_page(struct vm_area_struct *vma, unsigned long addr, pte_t pte);

/* is_cow_mapping - private and possibly writable: pages are shared copy-on-write after fork. */
static inline bool is_cow_mapping(unsigned long vm_flags)
{
	return (vm_flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
}

/* zap_page_range - unmap [start, end) of @vma, dropping the page references; flushes the TLB. */
void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);

/*
 * free_pgd_range - free the page tables of [@addr, @end) that no VMA needs any more: those
 * whose whole span lies in [@floor, @ceiling), the gap between the VMAs below and above the
 * range (0 ceiling: the top of user space). Every PTE in them must already be none.
 */
void free_pgd_range(struct mm_struct *mm, unsigned long addr, unsigned long end,
		    unsigned long floor, unsigned long ceiling);

/* free_pgtables - free every page table under @mm's VMAs (exit: they are all zapped), in
 * [@floor, @ceiling) (Linux's free_pgtables). */
void free_pgtables(struct mm_struct *mm, unsigned long floor, unsigned long ceiling);

/* copy_page_range - fork: copy @src_vma's PTEs into @dst_vma's mm, write-protecting private
 * pages in both (copy-on-write). 0 or -ENOMEM. */
int copy_page_range(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma);

/* follow_pte - the PTE slot for user @address in @mm, or NULL if no PTE table covers it. */
pte_t *follow_pte(struct mm_struct *mm, unsigned long address);

/*
 * follow_page - the page mapped at @address of @vma (no reference taken), or NULL if nothing
 * is mapped or (FOLL_WRITE) it may not be written. Reads of untouched anonymous memory find
 * the zero page. @flags: FOLL_WRITE, FOLL_FORCE.
 */
struct page *follow_page(struct vm_area_struct *vma, unsigned long address, unsigned int flags);

/*
 * access_remote_vm - copy @len bytes to (@write) or from @buf at @addr of @mm, faulting pages
 * in as needed, with FOLL_FORCE semantics (exec building a new image, /proc/PID/mem): a write
 * into a read-only private mapping goes to a private copy and leaves the PTE read-only.
 * Takes @mm's mmap_lock for reading (the caller must not hold it, and must hold a user of
 * @mm: get_task_mm). Returns the bytes copied (short at the first address that cannot be
 * reached), 0 if SIGKILL came while it waited for the lock.
 */
long access_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf, size_t len, bool write);

static inline bool is_zero_pfn(unsigned long pfn)
{
	extern unsigned long zero_pfn;
	return pfn == zero_pfn;
}

#endif
