/*
 * mm/madvise.c - advice about how a range will be used: madvise(2) (Linux's mm/madvise.c).
 *
 * Validated as Linux does: an advice value Linux does not know is -EINVAL, a misaligned start
 * or a wrapping (negative) length -EINVAL, and a range with unmapped holes (kernel addresses
 * included) is applied to what is mapped and then reported as -ENOMEM. An advice that does not
 * fit a VMA (MADV_WIPEONFORK on a file or shared mapping, MADV_FREE on anything but private
 * anonymous memory) stops the walk with -EINVAL at that VMA. On a VM_LOCKED VMA (mm/mlock.c)
 * the advice that would drop its pages or push them out (DONTNEED, FREE, REMOVE, COLD,
 * PAGEOUT, PAGEOUT_SHARED) is -EINVAL, as Linux 6.1 refuses it.
 *
 * What each advice does here:
 *   MADV_DONTNEED ........ the range's PTEs are zapped: the next touch of a private page sees
 *                          zeros (anonymous memory) or the file again; a shared page is found
 *                          again in its object.
 *   MADV_DONTNEED_LOCKED . (24) MADV_DONTNEED, allowed on a locked VMA too (it stays locked).
 *   MADV_FREE ............ private anonymous only. Linux frees such pages lazily, when reclaim
 *                          wants memory; until Faultline has reclaim it frees them at once, as
 *                          DONTNEED (a program may not tell the difference: it may see zeros).
 *   MADV_WILLNEED ........ file pages are read into the page cache now (mincore shows them);
 *                          anonymous memory has nothing to read in yet (no swap).
 *   MADV_PAGEOUT ......... (Linux 5.4+) each private anonymous page of the range that one PTE
 *                          alone maps is sent to swap now: a slot, the swap cache, the PTE
 *                          replaced by the swap entry, the page written and freed (mm/swap.h
 *                          tells the slot's life). The next touch is a major fault. A shared
 *                          anonymous (shmem) page goes too, its PTE dropped and its swap entry
 *                          kept by its shmem object (mm/shmem.c). Pages others map too (after
 *                          fork) stay, as Linux 6.1 skips them; so do file pages (Linux may
 *                          drop clean page-cache pages: Faultline leaves them). With no swap device on,
 *                          or every slot taken, the rest of the range simply stays. The PTE
 *                          goes through try_to_unmap() (mm/rmap.h), as reclaim's will.
 *   MADV_PAGEOUT_SHARED .. (200, Faultline only) MADV_PAGEOUT of every private anonymous page
 *                          of the range, however many processes map it: try_to_unmap() puts
 *                          the swap entry in each of their PTEs (tests: swap_pageout_rmap).
 *   MADV_COLD ............ (Linux 5.4+) each page of the range that only this PTE maps loses
 *                          its Accessed bit and moves to its inactive LRU list (mm/lru.h):
 *                          the next reclaim takes it first unless it is used again. Nothing
 *                          is written or freed now (pgdeactivate).
 *   MADV_POPULATE_READ,
 *   MADV_POPULATE_WRITE .. every page of the range is faulted in now, as a read or a write
 *                          would (a write breaks copy-on-write), each fault counted as a
 *                          minor or major fault of the caller as Linux's GUP counts it. A VMA
 *                          the access is not allowed in is -EINVAL (Linux also refuses
 *                          VM_IO/VM_PFNMAP mappings, which Faultline has none of), a page the
 *                          mapping cannot give (beyond the end of a file) -EFAULT, no memory
 *                          -ENOMEM, SIGKILL -EINTR.
 *   MADV_REMOVE .......... shared writable mappings only (else -EINVAL/-EACCES as Linux); the
 *                          PTEs are zapped but the backing keeps its pages (no hole punching).
 *   flag advice .......... DONTFORK/DOFORK (VM_DONTCOPY: fork leaves a hole in the child),
 *                          WIPEONFORK/KEEPONFORK (VM_WIPEONFORK: the child sees zeros),
 *                          SEQUENTIAL/RANDOM/NORMAL, DONTDUMP/DODUMP, HUGEPAGE/NOHUGEPAGE: the
 *                          VMA is split at the range's edges and given the flag, as in Linux
 *                          (so /proc/PID/maps shows the same VMAs), merging back when it fits.
 *   others ............... (MERGEABLE, UNMERGEABLE) accepted, no effect.
 */
#include "mm/mmap.h"
#include "mm/mmap_lock.h"
#include "mm/memory.h"
#include "kernel/sched.h"
#include "kernel/wait.h"
#include "kernel/errno.h"
#include "mm/internal.h"
#include "mm/shmem.h"
#include "mm/page_alloc.h"
#include "mm/pagewalk.h"
#include "mm/rmap.h"
#include "mm/lru.h"
#include "mm/vmstat.h"
#include "mm/swap.h"
#include "fs/pagemap.h"
#include "fs/fs.h"

#define MADV_NORMAL	0
#define MADV_RANDOM	1
#define MADV_SEQUENTIAL	2
#define MADV_WILLNEED	3
#define MADV_FREE	8
#define MADV_REMOVE	9
#define MADV_DONTFORK	10
#define MADV_DOFORK	11
#define MADV_MERGEABLE	12
#define MADV_UNMERGEABLE 13
#define MADV_HUGEPAGE	14
#define MADV_NOHUGEPAGE	15
#define MADV_DONTDUMP	16
#define MADV_DODUMP	17
#define MADV_WIPEONFORK	18
#define MADV_KEEPONFORK	19
#define MADV_COLD	20
#define MADV_PAGEOUT	21
#define MADV_POPULATE_READ	22
#define MADV_POPULATE_WRITE	23
#define MADV_DONTNEED_LOCKED	24
/* Faultline only (Linux says -EINVAL): MADV_PAGEOUT that also takes pages other PTEs map
 * (after fork), through the reverse map: for watching try_to_unmap work, and for its tests. */
#define MADV_PAGEOUT_SHARED 200

/* madvise_behavior_valid - is @advice one Linux 6.1 accepts on x86-64 (or Faultline's own
 * MADV_PAGEOUT_SHARED)? */
static bool madvise_behavior_valid(int advice)
{
	switch (advice) {
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED:
	case MADV_DONTNEED: case MADV_FREE: case MADV_REMOVE: case MADV_DONTFORK:
	case MADV_DOFORK: case MADV_MERGEABLE: case MADV_UNMERGEABLE: case MADV_HUGEPAGE:
	case MADV_NOHUGEPAGE: case MADV_DONTDUMP: case MADV_DODUMP: case MADV_WIPEONFORK:
	case MADV_KEEPONFORK: case MADV_COLD: case MADV_PAGEOUT:
	case MADV_POPULATE_READ: case MADV_POPULATE_WRITE: case MADV_DONTNEED_LOCKED:
	case MADV_PAGEOUT_SHARED:
		return true;
	default:
		return false;
	}
}

/*
 * madvise_update_vma - give [start, end) of @vma the flags @new_flags: split at the edges,
 * set, merge with the neighbours where they now agree (Linux's madvise_update_vma(), through
 * vma_modify_flags). 0 or -ENOMEM (a split failed).
 */
static int madvise_update_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long start,
			      unsigned long end, unsigned long new_flags)
{
	vma = vma_modify_flags(mm, vma, start, end, new_flags);
	return IS_ERR(vma) ? (int)PTR_ERR(vma) : 0;
}

/* madvise_willneed - read the file pages of [start, end) into the page cache. */
static void madvise_willneed(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	struct file *file = vma->vm_file;
	unsigned long index, last, size_pages;

	/* A System V segment's file (ipc/shm.c) has nothing to read in: its holes would only be
	 * filled with zeros, as Linux's shmem (no readahead) does not. */
	if (!file || !file->f_mapping || !file->f_inode || vma_is_shmem(vma))
		return;
	size_pages = (unsigned long)((file->f_inode->i_size + PAGE_SIZE - 1) >> PAGE_SHIFT);
	index = ((start - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff;
	last = ((end - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff;
	for (; index < last && index < size_pages; index++) {
		bool major = false;
		struct page *page = read_cache_page(file, file->f_mapping, index, &major);

		if (IS_ERR(page))
			return;			/* only a hint: stop quietly */
		put_page(page);
		cond_resched();
	}
}

/* --- MADV_COLD --- */

/* cold_pte - MADV_COLD of one PTE: a page only it maps is made old and inactive (Linux's
 * madvise_cold_or_pageout_pte_range without the pageout half). */
static int cold_pte(pte_t *pte, unsigned long addr, struct mm_walk *walk)
{
	pte_t ptent = ptep_get(pte);
	struct page *page;

	if (!pte_present(ptent))
		return 0;
	page = vm_normal_page(walk->vma, addr, ptent);
	if (!page || page->_mapcount != 1)
		return 0;
	if (pte_young(ptent)) {
		set_pte(pte, pte_mkold(ptent));
		flush_tlb_one(addr);
	}
	clear_page_flag(page, PG_referenced);
	if (PageLRU(page) && PageActive(page)) {
		del_page_from_lru_list(page);
		clear_page_flag(page, PG_active);
		add_page_to_lru_list(page);
		count_vm_event(PGDEACTIVATE);
	}
	return 0;
}

static const struct mm_walk_ops cold_walk_ops = { .pte_entry = cold_pte };

/* --- MADV_PAGEOUT --- */

#define PAGEOUT_BATCH	SWAP_WRITE_BATCH	/* pages unmapped, then written, at a time */

struct pageout_walk {
	struct page *pages[PAGEOUT_BATCH];	/* unmapped, locked, to be written */
	unsigned int nr;
	unsigned long next;		/* where the walk stopped (end: it finished) */
	bool no_swap;			/* no free slot left: stop */
	bool shared;			/* MADV_PAGEOUT_SHARED: pages others map go too */
};

/*
 * pageout_pte - unmap one page for MADV_PAGEOUT (the part of Linux's reclaim_pages() that
 * never sleeps): give it a slot and a place in the swap cache, then try_to_unmap() replaces
 * every PTE that maps it (only this one, unless MADV_PAGEOUT_SHARED) by the swap entry. A page
 * whose slot already holds its data (read back from swap, unchanged) is freed at once; the
 * others are collected for writing, and the walk stops when the batch is full.
 */
static int pageout_pte(pte_t *pte, unsigned long addr, struct mm_walk *walk)
{
	struct pageout_walk *p = walk->private;
	struct vm_area_struct *vma = walk->vma;
	pte_t ptent = ptep_get(pte);
	struct page *page;

	if (!pte_present(ptent))
		return 0;
	page = vm_normal_page(vma, addr, ptent);
	if (!page || !(PageAnon(page) || vma_is_shmem(vma)) ||
	    (page->_mapcount != 1 && !p->shared) || PageLocked(page) || PageWriteback(page))
		return 0;
	if (!PageSwapCache(page)) {
		int err = add_to_swap(page);	/* shmem: unmapped, in the swap cache now */

		if (err == -ENOSPC) {
			p->no_swap = true;
			p->next = addr;
			return 1;
		}
		if (err)
			return 0;
	}
	if (page->_mapcount && !try_to_unmap(page))
		return 0;			/* still mapped somewhere: stays (in the swap cache) */
	if (!PageDirty(page)) {
		swap_cache_drop_clean(page);		/* the slot has it already */
		return 0;
	}
	get_page(page);					/* the batch's, the PTEs' went */
	set_page_flag(page, PG_locked);
	set_page_writeback(page);
	p->pages[p->nr++] = page;
	if (p->nr < PAGEOUT_BATCH)
		return 0;
	p->next = addr + PAGE_SIZE;
	return 1;
}

static const struct mm_walk_ops pageout_walk_ops = { .pte_entry = pageout_pte };

/*
 * madvise_pageout - MADV_PAGEOUT on [start, end) of @vma (see the file comment). Unmaps a
 * batch of pages, writes it (sleeping), frees what was written, and goes on from where the
 * walk stopped, finding the VMA again (the sleep may have changed the address space).
 * 0, or -EINTR if a fatal signal ended a wait.
 */
static int madvise_pageout(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long start,
			   unsigned long end, bool shared)
{
	unsigned long addr = start;

	while (addr < end) {
		struct pageout_walk p = { .next = end, .shared = shared };
		int err;

		walk_page_vma(vma, addr, end, &pageout_walk_ops, &p);
		err = swap_writepages(p.pages, p.nr);
		for (unsigned int i = 0; i < p.nr; i++) {
			if (!err)
				swap_cache_drop_clean(p.pages[i]);	/* written: memory freed */
			put_page(p.pages[i]);
		}
		if (err)
			return err;
		if (p.no_swap)
			break;
		addr = p.next;
		vma = find_vma(mm, addr);
		if (!vma || vma->vm_start > addr)
			break;
		end = min(end, vma->vm_end);
		cond_resched();
	}
	return 0;
}

/*
 * madvise_populate - fault in every page of [start, end) of @vma for reading, or writing if
 * @write (Linux's madvise_populate over faultin_vma_page_range, mm/gup.c). 0, -EINVAL (the
 * VMA does not allow the access), -EFAULT (VM_FAULT_SIGBUS/SIGSEGV), -ENOMEM, -EINTR.
 */
static int madvise_populate(struct vm_area_struct *vma, unsigned long start, unsigned long end,
			    bool write)
{
	if (!(vma->vm_flags & (write ? VM_WRITE : VM_READ)))
		return -EINVAL;
	return faultin_vma_page_range(vma, start, end, write);
}

/*
 * madvise_refused_locked - is @advice -EINVAL on a VM_LOCKED VMA, as in Linux 6.1? Dropping
 * the pages (DONTNEED, FREE: madvise_dontneed_free_valid_vma; REMOVE) or pushing them towards
 * reclaim (COLD, PAGEOUT: can_madv_lru_vma) would undo the lock; MADV_DONTNEED_LOCKED is the
 * explicit way to drop locked pages (the VMA stays locked, a touch faults them back).
 */
static bool madvise_refused_locked(int advice)
{
	switch (advice) {
	case MADV_DONTNEED: case MADV_FREE: case MADV_REMOVE: case MADV_COLD:
	case MADV_PAGEOUT: case MADV_PAGEOUT_SHARED:
		return true;
	default:
		return false;
	}
}

/*
 * madvise_vma_behavior - apply @advice to [start, end), which lies inside @vma (Linux's
 * madvise_vma_behavior()). 0, or -EINVAL / -EACCES / -ENOMEM, which stop the walk.
 */
static int madvise_vma_behavior(struct mm_struct *mm, struct vm_area_struct *vma,
				unsigned long start, unsigned long end, int advice)
{
	unsigned long new_flags = vma->vm_flags;

	if ((vma->vm_flags & VM_LOCKED) && madvise_refused_locked(advice))
		return -EINVAL;
	switch (advice) {
	case MADV_FREE:
		if (!vma_is_anonymous(vma) || (vma->vm_flags & VM_SHARED))
			return -EINVAL;
		zap_page_range(vma, start, end);	/* lazily freed in Linux: see above */
		return 0;
	case MADV_DONTNEED:
	case MADV_DONTNEED_LOCKED:	/* (Linux 5.18+) DONTNEED that a locked VMA allows */
		zap_page_range(vma, start, end);
		return 0;
	case MADV_REMOVE:
		if (!vma->vm_file && !vma_is_shmem(vma))
			return -EINVAL;
		if ((vma->vm_flags & (VM_SHARED | VM_WRITE)) != (VM_SHARED | VM_WRITE))
			return -EACCES;
		zap_page_range(vma, start, end);
		return 0;
	case MADV_WILLNEED:
		madvise_willneed(vma, start, end);
		return 0;
	case MADV_POPULATE_READ:
	case MADV_POPULATE_WRITE:
		return madvise_populate(vma, start, end, advice == MADV_POPULATE_WRITE);
	case MADV_PAGEOUT:
	case MADV_PAGEOUT_SHARED:
		return madvise_pageout(mm, vma, start, end, advice == MADV_PAGEOUT_SHARED);
	case MADV_COLD:
		walk_page_vma(vma, start, end, &cold_walk_ops, NULL);
		return 0;
	case MADV_MERGEABLE:
	case MADV_UNMERGEABLE:
		return 0;			/* nothing to act on (no KSM) */
	case MADV_NORMAL:
		new_flags &= ~(VM_RAND_READ | VM_SEQ_READ);
		break;
	case MADV_SEQUENTIAL:
		new_flags = (new_flags & ~VM_RAND_READ) | VM_SEQ_READ;
		break;
	case MADV_RANDOM:
		new_flags = (new_flags & ~VM_SEQ_READ) | VM_RAND_READ;
		break;
	case MADV_DONTFORK:
		new_flags |= VM_DONTCOPY;
		break;
	case MADV_DOFORK:
		new_flags &= ~VM_DONTCOPY;
		break;
	case MADV_WIPEONFORK:
		if (vma->vm_file || (vma->vm_flags & VM_SHARED))
			return -EINVAL;		/* private anonymous memory only */
		new_flags |= VM_WIPEONFORK;
		break;
	case MADV_KEEPONFORK:
		new_flags &= ~VM_WIPEONFORK;
		break;
	case MADV_DONTDUMP:
		new_flags |= VM_DONTDUMP;
		break;
	case MADV_DODUMP:
		new_flags &= ~VM_DONTDUMP;
		break;
	case MADV_HUGEPAGE:
		new_flags = (new_flags & ~VM_NOHUGEPAGE) | VM_HUGEPAGE;
		break;
	case MADV_NOHUGEPAGE:
		new_flags = (new_flags & ~VM_HUGEPAGE) | VM_NOHUGEPAGE;
		break;
	}
	return madvise_update_vma(mm, vma, start, end, new_flags);
}

/*
 * do_madvise - see the file comment. Walks the VMAs of [start, end) in order as Linux's
 * madvise_walk_vmas(): each part gets the advice; the first error stops the walk; a hole
 * makes the result -ENOMEM once the rest is done.
 */
static long do_madvise(unsigned long start, unsigned long len_in, int advice)
{
	struct mm_struct *mm = current->mm;
	unsigned long len, end, addr;
	int unmapped = 0;

	if (!madvise_behavior_valid(advice) || !IS_ALIGNED(start, PAGE_SIZE))
		return -EINVAL;
	len = ALIGN_UP(len_in, PAGE_SIZE);
	if (len_in && !len)
		return -EINVAL;			/* rounding up wrapped: a small negative length */
	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	for (addr = start; addr < end;) {
		struct vm_area_struct *vma = find_vma(mm, addr);
		unsigned long next;
		int err;

		if (!vma || vma->vm_start >= end) {
			unmapped = -ENOMEM;	/* a hole up to the end (or the kernel half) */
			break;
		}
		if (vma->vm_start > addr) {
			unmapped = -ENOMEM;
			addr = vma->vm_start;
		}
		next = min(end, vma->vm_end);
		err = madvise_vma_behavior(mm, vma, addr, next, advice);
		if (err)
			return err;
		addr = next;
	}
	return unmapped;
}

/*
 * madvise_need_mmap_write - does @advice change VMAs (split, flags), so that it must hold
 * mmap_lock for writing? Advice that only drops, reads or faults in pages holds it for
 * reading, as in Linux (mm/mmap_lock.h has the rule).
 */
static bool madvise_need_mmap_write(int advice)
{
	switch (advice) {
	case MADV_DONTNEED: case MADV_FREE: case MADV_WILLNEED: case MADV_REMOVE:
	case MADV_DONTNEED_LOCKED: case MADV_COLD: case MADV_PAGEOUT: case MADV_POPULATE_READ:
	case MADV_POPULATE_WRITE: case MADV_PAGEOUT_SHARED:
		return false;
	default:
		return true;
	}
}

/* sys_madvise - do_madvise under mmap_lock (see madvise_need_mmap_write); -EINTR when
 * SIGKILL comes while waiting for it. */
long sys_madvise(unsigned long start, unsigned long len_in, int advice)
{
	struct mm_struct *mm = current->mm;
	bool write = madvise_need_mmap_write(advice);
	long ret;

	if (write ? mmap_write_lock_killable(mm) : mmap_read_lock_killable(mm))
		return -EINTR;
	ret = do_madvise(start, len_in, advice);
	if (write)
		mmap_write_unlock(mm);
	else
		mmap_read_unlock(mm);
	return ret;
}
