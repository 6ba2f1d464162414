/*
 * mm/rmap.c - reverse mapping: anon_vma and i_mmap linking, map counts and the AnonPages/Mapped
 * counters, rmap_walk and what reclaim and write-back build on it (see mm/rmap.h).
 */
#include "mm/rmap.h"
#include "mm/vmstat.h"
#include "mm/memory.h"
#include "mm/pgtable.h"
#include "mm/internal.h"
#include "mm/shmem.h"
#include "mm/slab.h"
#include "mm/swap.h"
#include "mm/swapops.h"
#include "mm/page_alloc.h"
#include "kernel/sched.h"
#include "kernel/io.h"
#include "kernel/printk.h"
#include "fs/fs.h"
#include "fs/pagemap.h"

long vm_node_stat[NR_VM_NODE_STAT_ITEMS];
unsigned long vm_events[NR_VM_EVENT_ITEMS];

/* --- anon_vma: linking the VMAs of a family --- */

/* anon_vma_link - @vma joins @av (its list and count). */
static void anon_vma_link(struct vm_area_struct *vma, struct anon_vma *av)
{
	vma->anon_vma = av;
	list_add_tail(&vma->anon_vma_node, &av->vmas);
	av->refcount++;
}

/*
 * anon_vma_compatible - could @a (below) and @b (directly above) merge if their anon_vmas
 * allowed it (Linux's anon_vma_compatible: access flags may differ, mprotect may equalise them)?
 */
static bool anon_vma_compatible(const struct vm_area_struct *a, const struct vm_area_struct *b)
{
	return a->vm_end == b->vm_start && a->vm_file == b->vm_file && a->vm_ops == b->vm_ops &&
	       a->vm_private_data == b->vm_private_data && a->vm_anon_id == b->vm_anon_id &&
	       !((a->vm_flags ^ b->vm_flags) & ~VM_ACCESS_FLAGS) &&
	       a->vm_pgoff + vma_pages(a) == b->vm_pgoff;
}

int anon_vma_prepare(struct vm_area_struct *vma)
{
	struct vm_area_struct *prev, *next;
	struct anon_vma *av = NULL;

	if (vma->anon_vma)
		return 0;
	/* A neighbour's, so that the two can still merge later (Linux's find_mergeable_anon_vma). */
	prev = vma_prev(vma->vm_mm, vma);
	next = vma_next(vma->vm_mm, vma);
	if (prev && prev->anon_vma && anon_vma_compatible(prev, vma))
		av = prev->anon_vma;
	else if (next && next->anon_vma && anon_vma_compatible(vma, next))
		av = next->anon_vma;
	if (!av) {
		av = kzalloc(sizeof(*av), GFP_KERNEL);
		if (!av)
			return -ENOMEM;
		INIT_LIST_HEAD(&av->vmas);
	}
	anon_vma_link(vma, av);
	return 0;
}

void anon_vma_clone(struct vm_area_struct *dst, const struct vm_area_struct *src)
{
	INIT_LIST_HEAD(&dst->anon_vma_node);
	dst->anon_vma = NULL;
	if (src->anon_vma)
		anon_vma_link(dst, src->anon_vma);
}

void unlink_anon_vmas(struct vm_area_struct *vma)
{
	struct anon_vma *av = vma->anon_vma;

	if (!av)
		return;
	list_del_init(&vma->anon_vma_node);
	vma->anon_vma = NULL;
	if (--av->refcount == 0) {
		if (!list_empty(&av->vmas))
			pr_err("BUG: anon_vma %p freed with VMAs on its list\n", (void *)av);
		kfree(av);
	}
}

bool is_mergeable_anon_vma(const struct vm_area_struct *a, const struct vm_area_struct *b)
{
	return !a->anon_vma || !b->anon_vma || a->anon_vma == b->anon_vma;
}

void anon_vma_merge(struct vm_area_struct *keep, struct vm_area_struct *gone)
{
	if (!keep->anon_vma && gone->anon_vma)
		anon_vma_link(keep, gone->anon_vma);
}

/* --- i_mmap: the VMAs that map a file --- */

/* i_mmap_head - @mapping's i_mmap list. A zeroed address_space (every inode's and shmem
 * object's starts so) has an empty list: it is initialised on first use. */
static struct list_head *i_mmap_head(struct address_space *mapping)
{
	if (!mapping->i_mmap.next)
		INIT_LIST_HEAD(&mapping->i_mmap);
	return &mapping->i_mmap;
}

struct address_space *vma_rmap_mapping(const struct vm_area_struct *vma)
{
	if (vma_is_shmem(vma))
		return shmem_vma_mapping(vma);
	return vma->vm_file ? vma->vm_file->f_mapping : NULL;
}

void vma_link_file(struct vm_area_struct *vma)
{
	struct address_space *mapping = vma_rmap_mapping(vma);

	INIT_LIST_HEAD(&vma->shared);
	if (mapping)
		list_add_tail(&vma->shared, i_mmap_head(mapping));
}

void unlink_file_vma(struct vm_area_struct *vma)
{
	if (vma->shared.next && !list_empty(&vma->shared))
		list_del_init(&vma->shared);
}

/* --- map counts --- */

void page_add_new_anon_rmap(struct page *page, struct vm_area_struct *vma, unsigned long address)
{
	if (!vma->anon_vma)
		pr_err("BUG: anonymous page mapped at %#lx in a VMA without an anon_vma\n", address);
	set_page_flag(page, PG_anon);
	page->anon_vma = vma->anon_vma;
	page->index = ((address - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff;
	page->_mapcount = 1;
	mod_node_page_state(NR_ANON_MAPPED, 1);
}

void page_add_file_rmap(struct page *page)
{
	if (page->_mapcount++ == 0)
		mod_node_page_state(NR_FILE_MAPPED, 1);
}

void page_dup_rmap(struct page *page)
{
	page->_mapcount++;
}

void page_remove_rmap(struct page *page)
{
	if (page->_mapcount <= 0) {
		pr_err("BUG: Bad page map count: pfn %#lx mapcount %d count %d\n",
		       page_to_pfn(page), page->_mapcount, page->_refcount);
		return;
	}
	if (--page->_mapcount == 0) {
		mod_node_page_state(PageAnon(page) ? NR_ANON_MAPPED : NR_FILE_MAPPED, -1);
		if (PageAnon(page))
			page->anon_vma = NULL;
	}
}

/* --- rmap_walk --- */

unsigned long vma_address(const struct page *page, const struct vm_area_struct *vma)
{
	if (page->index < vma->vm_pgoff || page->index - vma->vm_pgoff >= vma_pages(vma))
		return 0;
	return vma->vm_start + ((page->index - vma->vm_pgoff) << PAGE_SHIFT);
}

/* rmap_walk_one - call rmap_one if @vma maps @page where page->index says. False: stop. */
static bool rmap_walk_one(struct page *page, struct vm_area_struct *vma,
			  const struct rmap_walk_control *rwc)
{
	unsigned long address = vma_address(page, vma);
	pte_t *ptep;
	pte_t pte;

	if (!address)
		return true;
	ptep = follow_pte(vma->vm_mm, address);
	if (!ptep)
		return true;
	pte = ptep_get(ptep);
	if (!pte_present(pte) || pte_pfn(pte) != page_to_pfn(page))
		return true;			/* not mapped there, or a COW copy of its own */
	return rwc->rmap_one(page, vma, address, ptep, rwc->arg);
}

bool rmap_walk(struct page *page, const struct rmap_walk_control *rwc)
{
	struct vm_area_struct *vma, *tmp;
	struct list_head *vmas;

	/* The list head is taken once: try_to_unmap's last unmapping clears page->anon_vma. */
	if (PageAnon(page))
		vmas = page->anon_vma ? &page->anon_vma->vmas : NULL;
	else
		vmas = page->mapping ? i_mmap_head(page->mapping) : NULL;
	if (!vmas)
		return true;
	if (PageAnon(page)) {
		list_for_each_entry_safe(vma, tmp, vmas, anon_vma_node)
			if (page->_mapcount <= 0 || !rmap_walk_one(page, vma, rwc))
				return page->_mapcount <= 0;
	} else {
		list_for_each_entry_safe(vma, tmp, vmas, shared)
			if (page->_mapcount <= 0 || !rmap_walk_one(page, vma, rwc))
				return page->_mapcount <= 0;
	}
	return true;
}

/* rmap_flush - a PTE of @vma at @address changed: flush its TLB entry if @vma's mm is the one
 * loaded (other mms' entries go with their next CR3 load; one CPU). */
static void rmap_flush(struct vm_area_struct *vma, unsigned long address)
{
	if (read_cr3() == __pa(vma->vm_mm->pgd))
		flush_tlb_one(address);
}

/* --- page_referenced --- */

static bool page_referenced_one(struct page *page, struct vm_area_struct *vma,
				unsigned long address, pte_t *ptep, void *arg)
{
	pte_t pte = ptep_get(ptep);

	(void)page;
	if (pte_young(pte)) {
		set_pte(ptep, pte_mkold(pte));
		rmap_flush(vma, address);
		(*(int *)arg)++;
	}
	return true;
}

int page_referenced(struct page *page)
{
	int referenced = 0;
	struct rmap_walk_control rwc = { .arg = &referenced, .rmap_one = page_referenced_one };

	rmap_walk(page, &rwc);
	return referenced;
}

/* --- try_to_unmap --- */

/* mm_counter_file - which rss counter a non-anonymous page is accounted in (as mm/memory.c). */
static int mm_counter_file(const struct page *page)
{
	return PageSwapBacked(page) ? MM_SHMEMPAGES : MM_FILEPAGES;
}

static bool try_to_unmap_one(struct page *page, struct vm_area_struct *vma,
			     unsigned long address, pte_t *ptep, void *arg)
{
	struct mm_struct *mm = vma->vm_mm;
	pte_t pteval;

	(void)arg;
	if (PageAnon(page)) {
		swp_entry_t entry = { page->private };

		if (swap_duplicate(entry))
			return false;		/* a bad slot: leave this PTE and the rest */
		pteval = ptep_get_and_clear(ptep);
		rmap_flush(vma, address);
		if (pte_dirty(pteval))
			set_page_flag(page, PG_dirty);	/* its slot does not hold this yet */
		set_pte(ptep, swp_entry_to_pte(entry));
		dec_mm_counter(mm, MM_ANONPAGES);
		inc_mm_counter(mm, MM_SWAPENTS);
	} else {
		pteval = ptep_get_and_clear(ptep);
		rmap_flush(vma, address);
		if (pte_dirty(pteval))
			set_page_dirty(page);	/* written through this mapping */
		dec_mm_counter(mm, mm_counter_file(page));
	}
	page_remove_rmap(page);
	put_page(page);				/* the PTE's reference (the caller holds one) */
	return true;
}

/* page_mlocked_one - stop the walk (and say so in *@arg) at a VM_LOCKED VMA mapping the page. */
static bool page_mlocked_one(struct page *page, struct vm_area_struct *vma,
			     unsigned long address, pte_t *ptep, void *arg)
{
	(void)page; (void)address; (void)ptep;
	if (!(vma->vm_flags & VM_LOCKED))
		return true;
	*(bool *)arg = true;
	return false;
}

bool try_to_unmap(struct page *page)
{
	struct rmap_walk_control rwc = { .rmap_one = try_to_unmap_one };
	bool mlocked = false;
	struct rmap_walk_control mlocked_rwc = { .arg = &mlocked, .rmap_one = page_mlocked_one };

	if (PageAnon(page) && !PageSwapCache(page))
		return false;			/* no swap entry to leave behind */
	/* A page some locked VMA maps is never reclaimed (mm/mlock.c): it keeps every PTE. */
	rmap_walk(page, &mlocked_rwc);
	if (mlocked)
		return false;
	rmap_walk(page, &rwc);
	return page->_mapcount == 0;
}

/* --- page_mkclean --- */

static bool page_mkclean_one(struct page *page, struct vm_area_struct *vma,
			     unsigned long address, pte_t *ptep, void *arg)
{
	pte_t pte = ptep_get(ptep);

	(void)page;
	if (!(vma->vm_flags & VM_SHARED) || (!pte_write(pte) && !pte_dirty(pte)))
		return true;
	set_pte(ptep, pte_mkclean(pte_wrprotect(pte)));
	rmap_flush(vma, address);
	(*(int *)arg)++;
	return true;
}

int page_mkclean(struct page *page)
{
	int cleaned = 0;
	struct rmap_walk_control rwc = { .arg = &cleaned, .rmap_one = page_mkclean_one };

	if (PageAnon(page))
		return 0;
	/* Through the file's i_mmap list. No mmap_lock (mm/mmap_lock.h): the walk never
	 * sleeps, so on one non-preemptible CPU it sees every mm between two steps of any
	 * writer; taking the lock could deadlock (write-back runs from msync and fsync of a task
	 * whose own mm may have a writer queued behind its read hold). Linux walks i_mmap under
	 * i_mmap_rwsem for the same reason. */
	rmap_walk(page, &rwc);
	return cleaned;
}

/* --- for the consistency checker --- */

const char *rmap_check_mapping(const struct page *page, const struct vm_area_struct *vma,
			       unsigned long address)
{
	const struct vm_area_struct *v;

	if (PageAnon(page)) {
		if (!page->anon_vma)
			return "anonymous page without an anon_vma";
		if (vma->anon_vma != page->anon_vma)
			return "anonymous page's anon_vma is not the VMA's";
		list_for_each_entry(v, &page->anon_vma->vmas, anon_vma_node)
			if (v == vma)
				goto listed;
		return "VMA not on its page's anon_vma list";
	} else {
		struct address_space *mapping = page->mapping;

		if (!mapping)
			return "file page mapped without a mapping";
		if (vma_rmap_mapping(vma) != mapping)
			return "file page mapped by a VMA of another mapping";
		if (!mapping->i_mmap.next)
			return "VMA not on its mapping's i_mmap";
		list_for_each_entry(v, &mapping->i_mmap, shared)
			if (v == vma)
				goto listed;
		return "VMA not on its mapping's i_mmap";
	}
listed:
	if (vma_address(page, vma) != address)
		return "page->index does not give the address it is mapped at";
	return NULL;
}

const char *anon_vma_check(const struct vm_area_struct *vma)
{
	const struct vm_area_struct *v;
	bool found = false;
	int n = 0;

	if (!vma->anon_vma)
		return NULL;
	list_for_each_entry(v, &vma->anon_vma->vmas, anon_vma_node) {
		n++;
		found |= v == vma;
	}
	if (!found)
		return "VMA not on its anon_vma's list";
	if (n != vma->anon_vma->refcount)
		return "anon_vma count differs from its list of VMAs";
	return NULL;
}
