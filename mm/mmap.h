/*
 * mm/mmap.h - creating and changing VMAs: mmap, munmap, mprotect, brk, and mm lifetime.
 */
#ifndef FAULTLINE_MMAP_H
#define FAULTLINE_MMAP_H

#include "mm/mm_types.h"
#include "kernel/err.h"

/* mmap prot/flags (Linux's values). */
#define PROT_NONE	0x0
#define PROT_READ	0x1
#define PROT_WRITE	0x2
#define PROT_EXEC	0x4
#define MAP_SHARED	0x01
#define MAP_PRIVATE	0x02
#define MAP_SHARED_VALIDATE 0x03
#define MAP_TYPE	0x0f
#define MAP_FIXED	0x10
#define MAP_ANONYMOUS	0x20
#define MAP_GROWSDOWN	0x0100
#define MAP_DENYWRITE	0x0800
#define MAP_LOCKED	0x2000		/* mlock the mapping (mm/mlock.c): populated, VM_LOCKED */
#define MAP_EXECUTABLE	0x1000
#define MAP_NORESERVE	0x4000
#define MAP_POPULATE	0x8000		/* fault every page in after mapping (errors ignored) */
#define MAP_NONBLOCK	0x10000		/* with MAP_POPULATE: do not populate (Linux's rule) */
#define MAP_STACK	0x20000
#define MAP_FIXED_NOREPLACE 0x100000
#define MADV_DONTNEED	4

/* mm_alloc - a new, empty mm with its own PGD (the kernel half copied in). NULL if out of memory. */
struct mm_struct *mm_alloc(void);
/* mmput - drop a user of @mm; the last one unmaps everything and frees the page tables. */
void mmput(struct mm_struct *mm);
/* get_task_mm - @task's mm with a user added (mmput it when done), or NULL (a kernel thread,
 * or a task that has exited): how one task reads another's address space, which may be torn
 * down the moment its own last thread exits (Linux's get_task_mm). */
struct mm_struct *get_task_mm(struct task_struct *task);
/* dup_mm - fork's copy of @old: every VMA duplicated, private pages shared copy-on-write. */
struct mm_struct *dup_mm(struct mm_struct *old);
/* switch_mm - load @mm's page tables (CR3). */
void switch_mm(struct mm_struct *mm);

/* find_vma - the first VMA with vm_end > @addr (it may start above @addr), or NULL. O(log n). */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);

/*
 * do_mmap - map [addr, addr+len) of @mm to @file at page offset @pgoff (or anonymous memory
 * when @file is NULL). Linux's semantics for @prot/@flags: MAP_FIXED replaces what was
 * there, otherwise @addr is a hint. Returns the address, or -errno as an unsigned long.
 */
unsigned long do_mmap(struct mm_struct *mm, struct file *file, unsigned long addr,
		      unsigned long len, unsigned long prot, unsigned long flags, unsigned long pgoff);

/* do_munmap - remove [start, start+len) from @mm (splitting VMAs). 0 or -EINVAL. */
int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len);

/* do_mprotect - change permissions of [start, start+len): 0, -EINVAL, -ENOMEM, -EACCES. */
int do_mprotect(struct mm_struct *mm, unsigned long start, unsigned long len, unsigned long prot);

/* do_mremap - mremap(2) on @mm (mm/mremap.c): the (new) address, or -errno as unsigned long. */
unsigned long do_mremap(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
			unsigned long new_len, unsigned long flags, unsigned long new_addr);

/* change_protection - re-derive the present PTEs of [start, end) in @vma from its vm_flags. */
void change_protection(struct vm_area_struct *vma, unsigned long start, unsigned long end);

/* do_brk - the brk system call: move the heap end to @brk; returns the new (or old) end. */
unsigned long do_brk(struct mm_struct *mm, unsigned long brk);

/* expand_stack - grow the VM_GROWSDOWN @vma down to cover @address. 0 or -ENOMEM. */
int expand_stack(struct vm_area_struct *vma, unsigned long address);

#endif
