/*
 * mm/mincore.c - which pages of a range are in memory: mincore(2) (Linux's mm/mincore.c).
 *
 * Seed concept: demand paging. A VMA promises pages; mincore shows which of them exist. One
 * byte per page, bit 0 set when the page is resident: its PTE is present (the shared zero page
 * included, as in Linux), or, for a page of a file or of shared memory that this process has
 * not touched, when the page is in that object's page cache (another process, or read(),
 * brought it in). A swap entry counts as resident while its page is in the swap cache and
 * valid (read back for another PTE fork left holding the entry, read ahead, or still there
 * after its write), as Linux's mincore_pte_range -> mincore_page on the swap address space.
 *
 * Errors as Linux: -EINVAL for a misaligned start, -ENOMEM when the range leaves user space or
 * any page of it is unmapped, -EFAULT when the vector cannot be written.
 */
#include "mm/mmap.h"
#include "mm/mmap_lock.h"
#include "mm/pagewalk.h"
#include "mm/shmem.h"
#include "mm/swap.h"
#include "mm/page_alloc.h"
#include "kernel/sched.h"
#include "kernel/errno.h"
#include "kernel/syscalls.h"
#include "fs/fs.h"

/* How many vector bytes are gathered in the kernel before each copy_to_user: one page
 * table's worth. */
#define MINCORE_BATCH	512

struct mincore_walk {
	unsigned char *vec;		/* the batch buffer; vec[0] is the walk's first page */
	unsigned long start;
	struct address_space *mapping;	/* the VMA's file or shmem object; NULL: anonymous */
};

/* mincore_swap_cache - is the page of swap entry @entry in the swap cache and uptodate (a
 * read still under way is not resident yet, as Linux's mincore_page)? */
static unsigned char mincore_swap_cache(swp_entry_t entry)
{
	struct page *page = lookup_swap_cache(entry);
	unsigned char present;

	if (!page)
		return 0;
	present = PageUptodate(page) ? 1 : 0;
	put_page(page);
	return present;
}

/* mincore_page_cache - is the page of @vma at @addr in the cache of @mapping (the VMA's file
 * or shmem object), or, for a shmem page out in swap, still in the swap cache (as Linux's
 * mincore_page)? A private anonymous VMA has none: never touched means not there. */
static unsigned char mincore_page_cache(struct address_space *mapping,
					struct vm_area_struct *vma, unsigned long addr)
{
	unsigned long index = ((addr - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff;
	struct page *page;
	void *entry;

	if (!mapping)
		return 0;
	entry = xa_load(&mapping->i_pages, index);
	if (xa_is_value(entry))
		return mincore_swap_cache((swp_entry_t){ xa_to_value(entry) });
	page = find_get_page(mapping, index);
	if (!page)
		return 0;
	put_page(page);
	return 1;
}

static int mincore_pte(pte_t *pte, unsigned long addr, struct mm_walk *walk)
{
	struct mincore_walk *w = walk->private;
	pte_t entry = ptep_get(pte);
	unsigned char *v = &w->vec[(addr - w->start) >> PAGE_SHIFT];

	if (pte_present(entry))
		*v = 1;
	else if (pte_none(entry))
		*v = mincore_page_cache(w->mapping, walk->vma, addr);
	else if (is_swap_pte(entry))
		*v = mincore_swap_cache(pte_to_swp_entry(entry));
	else
		*v = 0;
	return 0;
}

static int mincore_hole(unsigned long addr, unsigned long next, struct mm_walk *walk)
{
	struct mincore_walk *w = walk->private;

	for (; addr < next; addr += PAGE_SIZE)
		w->vec[(addr - w->start) >> PAGE_SHIFT] = mincore_page_cache(w->mapping,
									     walk->vma, addr);
	return 0;
}

static const struct mm_walk_ops mincore_walk_ops = {
	.pte_entry = mincore_pte,
	.pte_hole = mincore_hole,
};

/*
 * do_mincore - fill @vec with the residency of up to @pages pages from @addr, all inside the
 * VMA that holds @addr. Returns the number of pages done (> 0), or -ENOMEM if @addr is
 * unmapped.
 */
static long do_mincore(unsigned long addr, unsigned long pages, unsigned char *vec)
{
	struct vm_area_struct *vma = find_vma(current->mm, addr);
	struct mincore_walk w = { .vec = vec, .start = addr };
	unsigned long end;

	if (!vma || vma->vm_start > addr)
		return -ENOMEM;
	if (vma->vm_file)
		w.mapping = vma->vm_file->f_mapping;
	else if (vma_is_shmem(vma))
		w.mapping = shmem_vma_mapping(vma);
	end = min(vma->vm_end, addr + (pages << PAGE_SHIFT));
	walk_page_vma(vma, addr, end, &mincore_walk_ops, &w);
	return (end - addr) >> PAGE_SHIFT;
}

long sys_mincore(unsigned long start, size_t len, unsigned char __user *vec)
{
	unsigned char buf[MINCORE_BATCH];
	unsigned long pages;

	if (!IS_ALIGNED(start, PAGE_SIZE))
		return -EINVAL;
	if (!access_ok((const void __user *)start, len))
		return -ENOMEM;
	pages = (len >> PAGE_SHIFT) + ((len & (PAGE_SIZE - 1)) != 0);
	if (!access_ok(vec, pages))
		return -EFAULT;
	while (pages) {
		long done;

		/* Read-held for the walk, not for the copy to @vec (mm/mmap_lock.h). */
		if (mmap_read_lock_killable(current->mm))
			return -EINTR;
		done = do_mincore(start, min(pages, (unsigned long)MINCORE_BATCH), buf);
		mmap_read_unlock(current->mm);
		if (done < 0)
			return done;
		if (copy_to_user(vec, buf, (unsigned long)done))
			return -EFAULT;
		pages -= (unsigned long)done;
		vec += done;
		start += (unsigned long)done << PAGE_SHIFT;
		cond_resched();
	}
	return 0;
}
