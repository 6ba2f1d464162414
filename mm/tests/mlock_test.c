/*
 * mm/tests/mlock_test.c - self tests of memory locking on private mm_structs: mm->locked_vm
 * follows VM_LOCKED VMAs through split, merge and munmap, and try_to_unmap leaves a page that
 * a locked VMA maps (in another mm too) where it is.
 */
#include "kernel/selftest.h"
#include "kernel/errno.h"
#include "mm/internal.h"
#include "mm/mmap.h"
#include "mm/memory.h"
#include "mm/rmap.h"
#include "mm/page_alloc.h"

#define BASE	0x400000UL

/* locked_vm: 3 pages locked inside an 8-page VMA (3 VMAs), a hole punched in them, the hole
 * mapped again MAP_LOCKED (merged back), then everything unlocked (one VMA, 0 locked). */
KTEST(mlock_locked_vm_follows_vmas)
{
	struct mm_struct *mm = mm_alloc();

	KASSERT(t, mm != NULL);
	KEXPECT_EQ(t, do_mmap(mm, NULL, BASE, 8 * PAGE_SIZE, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0), BASE);
	KEXPECT_EQ(t, apply_vma_lock_flags(mm, BASE + 2 * PAGE_SIZE, 3 * PAGE_SIZE, VM_LOCKED), 0);
	KEXPECT_EQ(t, mm->map_count, 3);
	KEXPECT_EQ(t, mm->locked_vm, 3);
	KEXPECT_EQ(t, do_munmap(mm, BASE + 3 * PAGE_SIZE, PAGE_SIZE), 0);
	KEXPECT_EQ(t, mm->map_count, 4);
	KEXPECT_EQ(t, mm->locked_vm, 2);
	KEXPECT_EQ(t, do_mmap(mm, NULL, BASE + 3 * PAGE_SIZE, PAGE_SIZE, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_LOCKED, 0),
		   BASE + 3 * PAGE_SIZE);
	KEXPECT_EQ(t, mm->map_count, 3);
	KEXPECT_EQ(t, mm->locked_vm, 3);
	KEXPECT_EQ(t, apply_vma_lock_flags(mm, BASE, 9 * PAGE_SIZE, 0), -ENOMEM);	/* a hole */
	KEXPECT_EQ(t, mm->map_count, 1);
	KEXPECT_EQ(t, mm->locked_vm, 0);
	KEXPECT_EQ(t, apply_vma_lock_flags(mm, BASE, 8 * PAGE_SIZE, VM_LOCKED), 0);
	KEXPECT_EQ(t, mm->locked_vm, 8);
	KEXPECT_EQ(t, mm->total_vm, 8);
	mmput(mm);
}

/* A shared page that the child's locked VMA maps: try_to_unmap refuses it and leaves both
 * PTEs; unlocked, it unmaps it from both. */
KTEST(mlock_try_to_unmap_refuses_locked)
{
	struct mm_struct *parent = mm_alloc(), *child;
	struct page *page;
	u64 v = 0xbeef;

	KASSERT(t, parent != NULL);
	do_mmap(parent, NULL, BASE, PAGE_SIZE, PROT_READ | PROT_WRITE,
		MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, 0);
	access_remote_vm(parent, BASE, &v, 8, true);
	child = dup_mm(parent);
	KASSERT(t, child != NULL);
	KEXPECT_EQ(t, apply_vma_lock_flags(child, BASE, PAGE_SIZE, VM_LOCKED), 0);
	page = follow_page(find_vma(parent, BASE), BASE, 0);
	KASSERT(t, page != NULL && page->_mapcount == 2);
	get_page(page);
	KEXPECT(t, !try_to_unmap(page));
	KEXPECT_EQ(t, page->_mapcount, 2);
	KEXPECT(t, follow_page(find_vma(child, BASE), BASE, 0) == page);
	KEXPECT_EQ(t, apply_vma_lock_flags(child, BASE, PAGE_SIZE, 0), 0);
	KEXPECT(t, try_to_unmap(page));
	KEXPECT_EQ(t, page->_mapcount, 0);
	put_page(page);
	mmput(child);
	mmput(parent);
}
