/*
 * mm/mremap.c - resizing and moving a mapping: mremap(2) (Linux's mm/mremap.c).
 *
 * Seed concept: a VMA is only a range and what backs it, the pages are found through the page
 * tables. So a mapping can be moved without copying a byte: move_page_tables() carries every
 * PTE of the old range (present pages and swap entries alike) to the same offset in the new
 * range - a whole page table at once when both ranges are 2 MiB-aligned - and the pages, their
 * references, map counts and the rss counters stay exactly as they were. This is why realloc() of a large buffer (musl and glibc use mremap for big blocks)
 * costs a walk over the page tables instead of a memcpy.
 *
 * The cases, in the order Linux tries them:
 *   shrink ........................ unmap the tail; the address stays
 *   grow, the space above is free . extend the VMA in place (the new pages fault in as usual)
 *   grow, MREMAP_MAYMOVE .......... a new VMA at a free address, the PTEs moved, the old range
 *                                    unmapped (MREMAP_DONTUNMAP: left mapped, but empty)
 *   MREMAP_FIXED .................. the same move, to the caller's address (what was there goes)
 * A locked mapping (mm/mlock.c) stays locked: growing it faults the new part in (after the
 * lock is let go), and MREMAP_DONTUNMAP unlocks the old range, whose pages moved.
 * Errors as Linux: -EINVAL for bad flags, a misaligned address, a zero new length or
 * overlapping old and new ranges; -EFAULT when the old range is not inside one VMA; -ENOMEM
 * when it cannot grow in place and may not move, or no room is left.
 */
#include "mm/mmap.h"
#include "mm/mmap_lock.h"
#include "mm/internal.h"
#include "mm/memory.h"
#include "mm/pagewalk.h"
#include "kernel/sched.h"
#include "kernel/errno.h"
#include "kernel/syscalls.h"

#define MREMAP_MAYMOVE		1
#define MREMAP_FIXED		2
#define MREMAP_DONTUNMAP	4

struct move_walk {
	struct mm_struct *mm;
	unsigned long delta;		/* new address - old address (modulo 2^64) */
	pte_t *dst_table;		/* the PTE table for dst_table_addr's 2 MiB of the new range */
	unsigned long dst_table_addr;
	unsigned long moved_end;	/* the old range's PTEs below this have been moved */
};

/*
 * move_pte - move the PTE at old address @addr to addr + delta (Linux's move_ptes()): clear
 * the old slot, write the same value into the new one. The new slot is none (the new range
 * was free), its page tables are allocated here. 0, or -ENOMEM for a missing table.
 */
static int move_pte(pte_t *old_pte, unsigned long addr, struct mm_walk *walk)
{
	struct move_walk *m = walk->private;
	unsigned long new_addr = addr + m->delta;
	pte_t pte;

	if (!pte_none(ptep_get(old_pte))) {
		if (!m->dst_table || (new_addr & PMD_MASK) != m->dst_table_addr) {
			pud_t *pud = pud_alloc(m->mm, pgd_offset(m->mm, new_addr), new_addr);
			pmd_t *pmd = pud ? pmd_alloc(m->mm, pud, new_addr) : NULL;

			m->dst_table = pmd ? pte_alloc(m->mm, pmd, new_addr & PMD_MASK) : NULL;
			if (!m->dst_table)
				return -ENOMEM;
			m->dst_table_addr = new_addr & PMD_MASK;
		}
		pte = ptep_get_and_clear(old_pte);
		set_pte(m->dst_table + pte_index(new_addr), pte);
	}
	m->moved_end = addr + PAGE_SIZE;
	return 0;
}

static const struct mm_walk_ops move_walk_ops = { .pte_entry = move_pte };

/*
 * move_pmd_table - move the page table that maps the 2 MiB at @old_addr to @new_addr, both
 * 2 MiB-aligned, by moving the one PMD entry that points to it (Linux's move_normal_pmd):
 * 512 PTEs change address without being touched. Only if the new PMD slot is empty (it can
 * be allocated) and the old one holds a table. True if it moved.
 */
static bool move_pmd_table(struct mm_struct *mm, unsigned long old_addr, unsigned long new_addr)
{
	pgd_t *pgd = pgd_offset(mm, old_addr);
	pud_t *pud;
	pmd_t *old_pmd, *new_pmd;

	if (!pgd_present(*pgd))
		return false;
	pud = pud_offset(pgd, old_addr);
	if (!pud_present(*pud) || pud_large(*pud))
		return false;
	old_pmd = pmd_offset(pud, old_addr);
	if (!pmd_present(*old_pmd) || pmd_large(*old_pmd))
		return false;
	pud = pud_alloc(mm, pgd_offset(mm, new_addr), new_addr);
	new_pmd = pud ? pmd_alloc(mm, pud, new_addr) : NULL;
	if (!new_pmd || !pmd_none(*new_pmd))
		return false;
	set_pmd(new_pmd, *old_pmd);
	set_pmd(old_pmd, __pmd(0));
	return true;
}

/*
 * move_page_tables - move the PTEs of [@old_addr, @old_addr + @len) in @vma to @new_addr
 * (Linux's move_page_tables()). Only entries move: no page is copied or freed, so references,
 * map counts and rss are unchanged. Returns the bytes moved: @len, or less when a page table
 * for the new range could not be allocated (the caller moves that part back).
 */
static unsigned long move_page_tables(struct vm_area_struct *vma, unsigned long old_addr,
				      unsigned long new_addr, unsigned long len)
{
	struct move_walk m = { .mm = vma->vm_mm, .delta = new_addr - old_addr, .moved_end = old_addr };
	unsigned long addr, next, end = old_addr + len;

	for (addr = old_addr; addr < end; addr = next) {
		next = pmd_addr_end(addr, end);
		if (next - addr == PMD_SIZE && IS_ALIGNED(addr + m.delta, PMD_SIZE) &&
		    move_pmd_table(m.mm, addr, addr + m.delta)) {
			m.moved_end = next;
			continue;
		}
		if (walk_page_range(m.mm, addr, next, &move_walk_ops, &m))
			break;			/* -ENOMEM: moved_end is where it stopped */
		m.moved_end = next;		/* (an extent without a page table moved nothing) */
	}
	flush_tlb_local();		/* the old range's translations are gone */
	return m.moved_end - old_addr;
}

/*
 * move_vma - move [@old_addr, +@old_len) of @vma to a new VMA [@new_addr, +@new_len), which
 * is free (Linux's move_vma()). The new VMA is a copy of the old one (same backing, file
 * offset and anonymous identity); the PTEs follow; then the old range is unmapped, unless
 * MREMAP_DONTUNMAP leaves it mapped and empty. Returns @new_addr or -ENOMEM.
 */
static unsigned long move_vma(struct vm_area_struct *vma, unsigned long old_addr,
			      unsigned long old_len, unsigned long new_len, unsigned long new_addr,
			      unsigned long flags)
{
	struct mm_struct *mm = vma->vm_mm;
	struct vm_area_struct *new_vma;
	unsigned long moved;

	if (mm->map_count >= MAX_MAP_COUNT - 3)
		return -ENOMEM;
	new_vma = vm_area_dup(vma);
	if (!new_vma)
		return -ENOMEM;
	new_vma->vm_start = new_addr;
	new_vma->vm_end = new_addr + new_len;
	new_vma->vm_pgoff = vma->vm_pgoff + ((old_addr - vma->vm_start) >> PAGE_SHIFT);
	if (vma_is_anonymous(vma) && !vma->anon_vma)
		new_vma->vm_pgoff = new_addr >> PAGE_SHIFT;	/* no pages yet: offsets start afresh */
	new_vma->vm_flags &= ~VM_ACCOUNT_BRK;	/* a moved heap is no longer [heap] */
	vma_link(mm, new_vma);
	moved = move_page_tables(vma, old_addr, new_addr, old_len);
	if (moved < old_len) {
		/* Out of memory for a page table: put back what moved (its old tables are all
		 * still there, so this allocates nothing) and give up. do_munmap, not just
		 * unlinking the VMA: the tables the move allocated at @new_addr go too (left
		 * there with no VMA over them, exit would never free them). */
		move_page_tables(new_vma, new_addr, old_addr, moved);
		do_munmap(mm, new_addr, new_len);
		return -ENOMEM;
	}
	if (!(flags & MREMAP_DONTUNMAP) && old_len)
		do_munmap(mm, old_addr, old_len);	/* no PTEs left there: frees VMAs and tables */
	else if (vma->vm_flags & VM_LOCKED)	/* the lock moved with the pages (Linux) */
		(void)apply_vma_lock_flags(mm, old_addr, old_len, 0);
	vma_merge(mm, new_vma);
	return new_addr;
}

/*
 * vma_to_resize - the VMA holding the old range [@addr, +@old_len), checked for a resize to
 * @new_len (Linux's vma_to_resize()). ERR_PTR(-EFAULT) if @addr is unmapped or the range runs
 * past the VMA's end, ERR_PTR(-EINVAL) for old_len 0 of a private mapping (that would not
 * duplicate anything) or a file offset that would wrap, ERR_PTR(-EAGAIN) for a locked
 * mapping growing past RLIMIT_MEMLOCK.
 */
static struct vm_area_struct *vma_to_resize(struct mm_struct *mm, unsigned long addr,
					    unsigned long old_len, unsigned long new_len)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	unsigned long pgoff;

	if (!vma || vma->vm_start > addr)
		return ERR_PTR(-EFAULT);
	if (!old_len && !(vma->vm_flags & (VM_SHARED | VM_MAYSHARE)))
		return ERR_PTR(-EINVAL);
	if (old_len > vma->vm_end - addr)
		return ERR_PTR(-EFAULT);
	if (new_len == old_len)
		return vma;
	if (mlock_future_check(mm, vma->vm_flags, new_len - old_len))
		return ERR_PTR(-EAGAIN);	/* a locked mapping may not grow past RLIMIT_MEMLOCK */
	pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	if (pgoff + (new_len >> PAGE_SHIFT) < pgoff)
		return ERR_PTR(-EINVAL);
	return vma;
}

/* mremap_to - MREMAP_FIXED or MREMAP_DONTUNMAP: move to (or near) @new_addr (Linux's
 * mremap_to()). */
static unsigned long mremap_to(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
			       unsigned long new_addr, unsigned long new_len, unsigned long flags)
{
	struct vm_area_struct *vma;
	long err;

	if (!IS_ALIGNED(new_addr, PAGE_SIZE))
		return -EINVAL;
	if (new_len > TASK_SIZE || new_addr > TASK_SIZE - new_len)
		return -EINVAL;
	if (addr + old_len > new_addr && new_addr + new_len > addr)
		return -EINVAL;			/* the ranges overlap */
	if (mm->map_count >= MAX_MAP_COUNT - 3)
		return -ENOMEM;
	if (flags & MREMAP_FIXED) {
		if (new_addr < MMAP_MIN_ADDR)
			return -EPERM;		/* Linux's mmap_min_addr check */
		err = do_munmap(mm, new_addr, new_len);
		if (err)
			return err;
	}
	if (old_len > new_len) {
		err = do_munmap(mm, addr + new_len, old_len - new_len);
		if (err)
			return err;
		old_len = new_len;
	}
	vma = vma_to_resize(mm, addr, old_len, new_len);
	if (IS_ERR(vma))
		return PTR_ERR(vma);
	if (!(flags & MREMAP_FIXED)) {
		new_addr = get_unmapped_area(mm, new_addr, new_len);
		if (IS_ERR_VALUE(new_addr))
			return new_addr;
	}
	return move_vma(vma, addr, old_len, new_len, new_addr, flags);
}

/* vma_expandable - is the @delta bytes above @vma free (and in user space)? */
static bool vma_expandable(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long delta)
{
	struct vm_area_struct *next = vma_next(mm, vma);

	if (vma->vm_end > TASK_SIZE - delta)
		return false;
	return !next || next->vm_start >= vma->vm_end + delta;
}

/*
 * do_mremap - mremap(@addr, @old_len, @new_len, @flags, @new_addr) on @mm. Returns the
 * mapping's (new) address, or -errno as an unsigned long (see the file comment).
 */
unsigned long do_mremap(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
			unsigned long new_len, unsigned long flags, unsigned long new_addr)
{
	struct vm_area_struct *vma;

	if (flags & ~(MREMAP_FIXED | MREMAP_MAYMOVE | MREMAP_DONTUNMAP))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	if ((flags & MREMAP_DONTUNMAP) && (!(flags & MREMAP_MAYMOVE) || old_len != new_len))
		return -EINVAL;
	if (!IS_ALIGNED(addr, PAGE_SIZE))
		return -EINVAL;
	old_len = ALIGN_UP(old_len, PAGE_SIZE);
	new_len = ALIGN_UP(new_len, PAGE_SIZE);
	if (!new_len)
		return -EINVAL;
	if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP))
		return mremap_to(mm, addr, old_len, new_addr, new_len, flags);

	if (old_len >= new_len) {		/* shrink (or nothing): the tail goes */
		if (old_len != new_len) {
			long err = do_munmap(mm, addr + new_len, old_len - new_len);

			if (err)
				return err;
		}
		return addr;
	}
	vma = vma_to_resize(mm, addr, old_len, new_len);
	if (IS_ERR(vma))
		return PTR_ERR(vma);
	if (old_len == vma->vm_end - addr && vma_expandable(mm, vma, new_len - old_len)) {
		vma_set_end(mm, vma, addr + new_len);	/* grow in place */
		return addr;
	}
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	new_addr = get_unmapped_area(mm, 0, new_len);
	if (IS_ERR_VALUE(new_addr))
		return new_addr;
	return move_vma(vma, addr, old_len, new_len, new_addr, flags);
}

/* sys_mremap - do_mremap with mmap_lock held for writing; -EINTR on SIGKILL while waiting. */
long sys_mremap(unsigned long addr, unsigned long old_len, unsigned long new_len,
		unsigned long flags, unsigned long new_addr)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	bool locked;
	long ret;

	if (mmap_write_lock_killable(mm))
		return -EINTR;
	ret = (long)do_mremap(mm, addr, old_len, new_len, flags, new_addr);
	vma = IS_ERR_VALUE(ret) ? NULL : find_vma(mm, (unsigned long)ret);
	locked = vma && (vma->vm_flags & VM_LOCKED);
	mmap_write_unlock(mm);
	/* A locked mapping that grew has its new part faulted in, as Linux's mremap does. */
	old_len = ALIGN_UP(old_len, PAGE_SIZE);
	new_len = ALIGN_UP(new_len, PAGE_SIZE);
	if (locked && new_len > old_len)
		mm_populate(mm, (unsigned long)ret + old_len, new_len - old_len);
	return ret;
}
