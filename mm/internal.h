/*
 * mm/internal.h - what the files of mm/ share among themselves and nobody else needs
 * (Linux's mm/internal.h): the VMA list surgery that mmap, mprotect and madvise all do, and the
 * VMA lifetime helpers kernel/fork.c shares with mm/mmap.c.
 */
#ifndef FAULTLINE_MM_INTERNAL_H
#define FAULTLINE_MM_INTERNAL_H

#include "mm/mm_types.h"

/* The most VMAs one mm may have (Linux's default vm.max_map_count). */
#define MAX_MAP_COUNT	65530

/* vma_prev / vma_next - the VMA just below / above @vma in @mm, or NULL. */
static inline struct vm_area_struct *vma_prev(struct mm_struct *mm, struct vm_area_struct *vma)
{
	return vma->vm_list.prev == &mm->mmap_list ? NULL :
	       list_entry(vma->vm_list.prev, struct vm_area_struct, vm_list);
}

static inline struct vm_area_struct *vma_next(struct mm_struct *mm, struct vm_area_struct *vma)
{
	return vma->vm_list.next == &mm->mmap_list ? NULL :
	       list_entry(vma->vm_list.next, struct vm_area_struct, vm_list);
}

/* vma_link - insert @vma (not overlapping any other) into @mm's tree and sorted list. */
void vma_link(struct mm_struct *mm, struct vm_area_struct *vma);

/* vm_area_alloc - a new, zeroed VMA of @mm with empty links. NULL if out of memory. */
struct vm_area_struct *vm_area_alloc(struct mm_struct *mm);
/* vm_area_dup - a copy of @orig (same backing: the file and shared object gain a user). */
struct vm_area_struct *vm_area_dup(struct vm_area_struct *orig);
/* vm_area_free - drop @vma's hold on its backing and free it (it must be unlinked). */
void vm_area_free(struct vm_area_struct *vma);
/* exit_mmap - the address space's last user is gone: unmap every VMA, free every table. */
void exit_mmap(struct mm_struct *mm);

/* split_vma - cut @vma at @addr into [start, addr) and [addr, end) (no-op if @addr is not
 * strictly inside). 0, or -ENOMEM (the VMA is unchanged). */
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr);

/* vma_merge - fold @vma into its neighbours where they agree on everything; returns the
 * surviving VMA (@vma or the one below it). */
struct vm_area_struct *vma_merge(struct mm_struct *mm, struct vm_area_struct *vma);

/* vma_modify_flags - give [@start, @end), inside @vma, the flags @new_flags: split @vma at
 * the edges, set, merge with the neighbours where they now agree (what madvise and mlock do,
 * Linux's vma_modify_flags). The VMA now holding @start, or ERR_PTR(-ENOMEM) (a split failed;
 * the flags are unchanged). */
struct vm_area_struct *vma_modify_flags(struct mm_struct *mm, struct vm_area_struct *vma,
					unsigned long start, unsigned long end,
					unsigned long new_flags);

/* calc_vm_flags - the VM_* flags for mmap's @prot and @flags (with every VM_MAY* set). */
unsigned long calc_vm_flags(unsigned long prot, unsigned long flags);

/* get_unmapped_area - an address where @len bytes are free in @mm: @addr itself if it is a
 * hint (non-zero) and the range there is free, else the highest gap below mmap_base. The
 * address, or -ENOMEM as an unsigned long. */
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long addr, unsigned long len);


/* vma_set_end - move @vma's end to @end (growing or shrinking in place; total_vm follows).
 * The caller made sure [old end, @end) is free, or emptied it. */
void vma_set_end(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long end);

/* new_anon_id - a fresh vm_anon_id (mm_types.h) for a VMA fork copied anonymous pages into. */
unsigned long new_anon_id(void);

/* --- populating (mm/gup.c) --- */

/* faultin_vma_page_range - fault in every page of [@start, @end) of @vma, as a read or (@write)
 * a write would, counting each fault as the caller's minor or major fault. The caller checked
 * the access is allowed and holds mmap_lock. 0, -EFAULT (SIGBUS/SIGSEGV: beyond a file's end),
 * -ENOMEM, -EINTR (SIGKILL). */
int faultin_vma_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end,
			   bool write);
/* populate_vma_page_range - populate [@start, @end) of @vma as mlock and MAP_POPULATE do: for
 * writing if it is private and writable (COW broken), else for reading; nothing for a
 * VM_LOCKONFAULT VMA; -EFAULT for PROT_NONE. 0 or -errno as faultin_vma_page_range. */
int populate_vma_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end);
/* __mm_populate - populate every VMA part of [@start, @start + @len) of @mm, taking mmap_lock
 * for reading (the caller must not hold it). Holes are skipped. The first error stops it
 * unless @ignore_errors (then only SIGKILL does). 0 or -errno. */
int __mm_populate(struct mm_struct *mm, unsigned long start, unsigned long len, bool ignore_errors);
/* mm_populate - __mm_populate ignoring errors: mmap(MAP_POPULATE/MAP_LOCKED), brk and
 * mlockall after mlockall(MCL_FUTURE/MCL_CURRENT), as Linux's mm_populate. */
static inline void mm_populate(struct mm_struct *mm, unsigned long start, unsigned long len)
{
	(void)__mm_populate(mm, start, len, true);
}

/* --- mlock (mm/mlock.c) --- */

/* can_do_mlock - may the caller lock memory at all? RLIMIT_MEMLOCK is not 0, or it is root
 * (Linux's CAP_IPC_LOCK). */
bool can_do_mlock(void);
/* mlock_future_check - may @len more bytes be locked in @mm if @vm_flags has VM_LOCKED (a new
 * or growing mapping)? 0, or -EAGAIN over RLIMIT_MEMLOCK for a caller other than root. */
int mlock_future_check(struct mm_struct *mm, unsigned long vm_flags, unsigned long len);
/* apply_vma_lock_flags - give every VMA part of [@start, @start + @len) (page-aligned) the
 * lock flags @flags (0, VM_LOCKED, VM_LOCKED | VM_LOCKONFAULT), keeping mm->locked_vm. The
 * caller holds mmap_lock for writing. 0, -EINVAL (the range wraps), -ENOMEM (a hole: the
 * parts before it are changed; or a split failed). */
int apply_vma_lock_flags(struct mm_struct *mm, unsigned long start, unsigned long len,
			 unsigned long flags);

#endif
