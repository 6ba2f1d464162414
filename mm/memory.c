/*
 * mm/memory.c - the page-fault handlers, and what maps and unmaps user pages around them.
 *
 * Seed concepts: demand paging ("page faults trigger memory allocation for valid but
 * non-resident pages, with specific initialization based on page type and access history")
 * and copy-on-write ("whenever the parent or the child attempts to write into a shared page
 * frame, a fault occurs and copies the page").
 *
 * handle_mm_fault() walks to the PTE, allocating page tables, and handle_pte_fault()
 * dispatches on what the PTE holds, as Linux does:
 *
 *   none, anonymous VMA ........... do_anonymous_page: read -> the shared zero page,
 *                                    read-only; write -> a new zeroed page
 *   none, vm_ops->fault ........... do_read_fault   (read: map the page-cache page)
 *                                    do_cow_fault    (write, private: a private copy)
 *                                    do_shared_fault (write, shared: the page itself)
 *   swap entry .................... do_swap_page: the page from the swap cache, or read
 *                                    back from its slot (a major fault)
 *   present, write, not writable .. do_wp_page: reuse the page if this is its last user,
 *                                    otherwise copy it (wp_page_copy)
 *
 * Two rules hold on every path:
 *   - A PTE's write bit comes from one place, maybe_mkwrite(): writable only if the VMA is.
 *     A forced kernel write into a read-only private mapping (exec zeroing a text segment's
 *     tail, Linux's FOLL_FORCE) gets a private copy, but the user's PTE stays read-only.
 *   - One install protocol (finish_fault, and wp_page_copy for a present PTE): take the page
 *     reference first, re-check with pte_same() that the slot still holds what the fault saw
 *     (anything that can allocate or sleep may have let another task resolve it), install,
 *     flush, and only then let go of the old page and its map count.
 *
 * References: each PTE mapping a counted page holds one reference (page->_refcount) and one
 * map count (page->_mapcount, mm/rmap.c); the page cache holds one more for its pages. The
 * zero page is never counted (vm_normal_page). So "last user" of an anonymous page is simply
 * page_count() == 1.
 */
#include "mm/memory.h"
#include "mm/mmap.h"
#include "mm/mmap_lock.h"
#include "mm/internal.h"
#include "mm/page_alloc.h"
#include "mm/pgtable.h"
#include "mm/pagewalk.h"
#include "mm/swapops.h"
#include "mm/swap.h"
#include "mm/rmap.h"
#include "mm/lru.h"
#include "mm/vmstat.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/errno.h"
#include "kernel/err.h"
#include "kernel/lib/string.h"
#include "fs/fs.h"
#include "fs/pagemap.h"

struct page *zero_page;
unsigned long zero_pfn;

void zero_page_init(void)
{
	zero_page = alloc_page(__GFP_ZERO);
	if (!zero_page)
		panic("zero_page_init: no memory");
	set_page_flag(zero_page, PG_reserved);	/* never freed, never counted */
	zero_pfn = page_to_pfn(zero_page);
}

pgprot_t vm_get_page_prot(unsigned long vm_flags)
{
	u64 prot = _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED;

	if (!(vm_flags & VM_ACCESS_FLAGS))
		prot &= ~_PAGE_USER;		/* PROT_NONE: present for the kernel, not for ring 3 */
	if ((vm_flags & VM_WRITE) && (vm_flags & VM_SHARED))
		prot |= _PAGE_RW;		/* private writable pages get RW at the first write */
	if (!(vm_flags & VM_EXEC))
		prot |= _PAGE_NX;
	return __pgprot(prot);
}

void vma_set_page_prot(struct vm_area_struct *vma)
{
	pgprot_t prot = vm_get_page_prot(vma->vm_flags);

	if ((vma->vm_flags & VM_SHARED) && vma->vm_ops && vma->vm_ops->page_mkwrite)
		prot = pgprot_wrprotect(prot);	/* write notification: see do_wp_page */
	vma->vm_page_prot = prot;
}

pte_t maybe_mkwrite(pte_t pte, struct vm_area_struct *vma)
{
	if (vma->vm_flags & VM_WRITE)
		pte = pte_mkwrite(pte);
	return pte;
}

struct page *vm_normal_page(struct vm_area_struct *vma, unsigned long addr, pte_t pte)
{
	unsigned long pfn = pte_pfn(pte);
	struct page *page;

	(void)vma;
	if (is_zero_pfn(pfn))
		return NULL;
	if (!pfn_valid(pfn)) {
		pr_err("BUG: Bad page map at %#lx: pte %#lx maps pfn %#lx outside mem_map\n",
		       addr, pte_val(pte), pfn);
		return NULL;
	}
	page = pfn_to_page(pfn);
	return PageReserved(page) ? NULL : page;
}

/* mm_counter - which rss counter a page mapped by a PTE is accounted in. */
static int mm_counter(const struct page *page)
{
	if (PageAnon(page))
		return MM_ANONPAGES;
	return PageSwapBacked(page) ? MM_SHMEMPAGES : MM_FILEPAGES;
}

/*
 * alloc_user_page - a page for user memory (zeroed if @zero). GFP_HIGHUSER_MOVABLE: when
 * memory runs out the allocator runs the OOM killer and retries, so it may sleep (the caller
 * re-checks its PTE with pte_same afterwards). NULL when out of memory all the same.
 */
static struct page *alloc_user_page(bool zero)
{
	return alloc_page(GFP_HIGHUSER_MOVABLE | (zero ? __GFP_ZERO : 0));
}

/*
 * finish_fault - install vmf->cow_page (a private copy) or else vmf->page at vmf->address,
 * whose PTE was none when the fault began (Linux's finish_fault()). The new PTE takes over the
 * caller's reference. If the slot changed meanwhile (another task resolved the fault while
 * this one allocated or slept), the page is released and nothing is installed.
 * Returns 0 (installed, or nothing to do).
 */
static vm_fault_t finish_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct page *page = vmf->cow_page ? vmf->cow_page : vmf->page;
	pte_t entry;

	if (!pte_same(ptep_get(vmf->pte), vmf->orig_pte)) {
		put_page(page);
		return 0;
	}
	entry = pfn_pte(page_to_pfn(page), vma->vm_page_prot);
	if (vmf->flags & FAULT_FLAG_WRITE)
		entry = maybe_mkwrite(pte_mkdirty(entry), vma);
	if (vmf->cow_page) {
		page_add_new_anon_rmap(page, vma, vmf->address);
		lru_cache_add(page);		/* a new page: the inactive anon list's head */
	} else {
		page_add_file_rmap(page);
	}
	inc_mm_counter(vma->vm_mm, mm_counter(page));
	set_pte(vmf->pte, entry);
	return 0;
}

/*
 * do_anonymous_page - first touch of an anonymous page. A read maps the shared zero page
 * read-only (no memory used until a write); a write maps a freshly zeroed page of its own.
 */
static vm_fault_t do_anonymous_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;

	if (!(vmf->flags & FAULT_FLAG_WRITE)) {
		set_pte(vmf->pte, pfn_pte(zero_pfn, pgprot_wrprotect(vma->vm_page_prot)));
		return 0;
	}
	if (anon_vma_prepare(vma))
		return VM_FAULT_OOM;
	vmf->cow_page = alloc_user_page(true);
	if (!vmf->cow_page)
		return VM_FAULT_OOM;
	return finish_fault(vmf);
}

/* __do_fault - ask the VMA's backing for the page (it comes back referenced in vmf->page). */
static vm_fault_t __do_fault(struct vm_fault *vmf)
{
	vm_fault_t ret = vmf->vma->vm_ops->fault(vmf);

	if (!(ret & VM_FAULT_ERROR) && !vmf->page)
		ret |= VM_FAULT_SIGBUS;
	return ret;
}

/* do_read_fault - a read of a file (or shared) page: map the cached page itself. Private
 * mappings map it read-only (vm_page_prot has no RW), so a later write takes a COW fault. */
static vm_fault_t do_read_fault(struct vm_fault *vmf)
{
	vm_fault_t ret = __do_fault(vmf);

	if (ret & VM_FAULT_ERROR)
		return ret;
	return ret | finish_fault(vmf);
}

/* do_cow_fault - a write to a private file mapping whose page is not mapped yet: copy the
 * file's page into a new anonymous page and map that. The file is untouched. */
static vm_fault_t do_cow_fault(struct vm_fault *vmf)
{
	vm_fault_t ret;

	if (anon_vma_prepare(vmf->vma))
		return VM_FAULT_OOM;
	vmf->cow_page = alloc_user_page(false);
	if (!vmf->cow_page)
		return VM_FAULT_OOM;
	ret = __do_fault(vmf);
	if (ret & VM_FAULT_ERROR) {
		put_page(vmf->cow_page);
		return ret;
	}
	copy_page(page_address(vmf->cow_page), page_address(vmf->page));
	ret |= finish_fault(vmf);
	put_page(vmf->page);		/* the file's page: only the copy is mapped */
	return ret;
}

/* do_shared_fault - a write to a shared mapping: map the shared page writable and mark it
 * dirty, so write-back knows it differs from the file. */
static vm_fault_t do_shared_fault(struct vm_fault *vmf)
{
	const struct vm_operations_struct *ops = vmf->vma->vm_ops;
	vm_fault_t ret = __do_fault(vmf), err;

	if (ret & VM_FAULT_ERROR)
		return ret;
	if (ops->page_mkwrite) {
		err = ops->page_mkwrite(vmf);	/* blocks allocated, page dirty */
		if (err & VM_FAULT_ERROR) {
			put_page(vmf->page);
			return err;
		}
	} else {
		set_page_dirty(vmf->page);
	}
	return ret | finish_fault(vmf);
}

/* do_fault - an empty PTE in a VMA with a backing object: dispatch on the access. */
static vm_fault_t do_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;

	if (!vma->vm_ops->fault)
		return VM_FAULT_SIGBUS;
	if (!(vmf->flags & FAULT_FLAG_WRITE))
		return do_read_fault(vmf);
	if (!(vma->vm_flags & VM_SHARED))
		return do_cow_fault(vmf);
	return do_shared_fault(vmf);
}

/*
 * do_swap_page - the PTE holds a swap entry: the page went to a swap device and must come
 * back (Linux's do_swap_page()). The swap cache is asked first (the page may be on its way
 * out, or already read in for another PTE fork left holding the same entry); otherwise the
 * slot is read into a new page (a major fault). The page is mapped, the PTE's count on the
 * slot dropped, and when no other PTE holds the entry the page leaves the swap cache and the
 * slot is free. It is mapped writable only for a write to a page that is now this mapping's
 * alone (Linux's rule); a read maps it read-only and a later write reuses or copies it in
 * do_wp_page, as any anonymous page. A read error is SIGBUS; a fatal signal ends the wait.
 */
static vm_fault_t do_wp_page(struct vm_fault *vmf);

/*
 * should_try_to_free_swap - after a swap-in, should the page give up its slot? Linux's rule:
 * when swap is more than half full, for a locked VMA (never evicted again), or for a write (the slot's copy is stale
 * at once). A page read back and only read keeps its slot and stays in the swap cache, clean:
 * if reclaim takes it again it is dropped without being written a second time.
 */
static bool should_try_to_free_swap(struct vm_area_struct *vma, unsigned int flags)
{
	unsigned long total, free;

	si_swapinfo(&total, &free);
	return free * 2 < total || (vma->vm_flags & VM_LOCKED) || (flags & FAULT_FLAG_WRITE);
}

static vm_fault_t do_swap_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	swp_entry_t entry = pte_to_swp_entry(vmf->orig_pte);
	struct page *page;
	bool major, exclusive;
	pte_t pte;

	if (!swp_swap_info(entry) || !swap_count(entry)) {
		pr_err("BUG: swap entry %#lx (type %u offset %#lx) at %#lx names no slot in use\n",
		       entry.val, swp_type(entry), swp_offset(entry), vmf->address);
		return VM_FAULT_SIGBUS;
	}
	if (anon_vma_prepare(vma))		/* (it has one: its pages went to swap from here) */
		return VM_FAULT_OOM;
	page = swapin_page(entry, &major);
	if (IS_ERR(page)) {
		/* Killed while waiting for the read: back to user mode, where SIGKILL ends the
		 * task (Linux's VM_FAULT_RETRY); not SIGBUS, which would be reported instead. A
		 * kernel access (uaccess) gets SIGBUS's -EFAULT, so it cannot fault forever. */
		if (PTR_ERR(page) == -EINTR && (vmf->flags & FAULT_FLAG_USER))
			return 0;
		return PTR_ERR(page) == -ENOMEM ? VM_FAULT_OOM : VM_FAULT_SIGBUS;
	}
	if (!page || !pte_same(ptep_get(vmf->pte), vmf->orig_pte)) {
		if (page) {			/* resolved meanwhile (or zapped): nothing to do */
			try_to_free_swap(page);	/* but a zapped entry leaves the page to free */
			put_page(page);
		}
		return major ? VM_FAULT_MAJOR : 0;
	}
	/* The PTE takes over our reference. */
	if (page->_mapcount == 0)
		page_add_new_anon_rmap(page, vma, vmf->address);
	else
		page_dup_rmap(page);
	inc_mm_counter(vma->vm_mm, MM_ANONPAGES);
	dec_mm_counter(vma->vm_mm, MM_SWAPENTS);
	swap_free(entry);
	if (should_try_to_free_swap(vma, vmf->flags))
		try_to_free_swap(page);		/* the last PTE that held the entry: slot freed */
	exclusive = !PageSwapCache(page) && page->_mapcount == 1 && page_count(page) == 1;
	pte = pfn_pte(page_to_pfn(page), vma->vm_page_prot);
	if ((vmf->flags & FAULT_FLAG_WRITE) && exclusive) {
		pte = maybe_mkwrite(pte_mkdirty(pte), vma);
		vmf->flags &= ~FAULT_FLAG_WRITE;
	}
	set_pte(vmf->pte, pte);
	if (vmf->flags & FAULT_FLAG_WRITE) {
		vmf->orig_pte = pte;		/* shared with another PTE: copy it now */
		return do_wp_page(vmf) | (major ? VM_FAULT_MAJOR : 0);
	}
	return major ? VM_FAULT_MAJOR : 0;
}

/*
 * wp_page_reuse - the faulting mapping is the page's only user: write-enable the PTE in place
 * (writable only if the VMA is: a forced write leaves it read-only but dirty).
 */
static vm_fault_t wp_page_reuse(struct vm_fault *vmf)
{
	pte_t entry = pte_mkyoung(pte_mkdirty(vmf->orig_pte));

	set_pte(vmf->pte, maybe_mkwrite(entry, vmf->vma));
	flush_tlb_one(vmf->address);
	return 0;
}

/*
 * wp_page_copy - give this mapping its own copy of vmf->page (of the zero page when it is
 * NULL: just a zeroed page). The new PTE is installed and flushed before the old page loses
 * its map count and the reference this PTE held.
 */
static vm_fault_t wp_page_copy(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct page *old = vmf->page, *new;
	pte_t entry;

	if (anon_vma_prepare(vma))
		return VM_FAULT_OOM;
	new = alloc_user_page(!old);
	if (!new)
		return VM_FAULT_OOM;
	if (old)
		copy_page(page_address(new), page_address(old));
	if (!pte_same(ptep_get(vmf->pte), vmf->orig_pte)) {
		put_page(new);			/* resolved meanwhile */
		return 0;
	}
	if (old && !PageAnon(old)) {		/* a file page becomes an anonymous copy */
		dec_mm_counter(vma->vm_mm, mm_counter(old));
		inc_mm_counter(vma->vm_mm, MM_ANONPAGES);
	} else if (!old) {
		inc_mm_counter(vma->vm_mm, MM_ANONPAGES);
	}
	entry = maybe_mkwrite(pte_mkdirty(pfn_pte(page_to_pfn(new), vma->vm_page_prot)), vma);
	page_add_new_anon_rmap(new, vma, vmf->address);
	lru_cache_add(new);
	set_pte(vmf->pte, entry);
	flush_tlb_one(vmf->address);
	if (old) {
		page_remove_rmap(old);
		put_page(old);
	}
	return 0;
}

/*
 * do_wp_page - a write hit a present, read-only PTE: the page is shared copy-on-write (after
 * fork), is the zero page, or is a file page mapped privately; or the VMA is shared and the
 * PTE merely clean. If this mapping is an anonymous page's last user it simply becomes
 * writable again: no copy, no new page ("reuse"). Otherwise it is copied.
 */
static vm_fault_t do_wp_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct page *page = vm_normal_page(vma, vmf->address, vmf->orig_pte);

	vmf->page = page;
	if (page && (vma->vm_flags & VM_SHARED)) {	/* wp_page_shared */
		if (vma->vm_ops && vma->vm_ops->page_mkwrite) {
			vm_fault_t err;

			/* A clean page write-protected for notification (or by write-back). */
			get_page(page);
			err = vma->vm_ops->page_mkwrite(vmf);
			put_page(page);
			if (err & VM_FAULT_ERROR)
				return err;
			if (!pte_same(ptep_get(vmf->pte), vmf->orig_pte))
				return 0;		/* changed while it slept */
		} else {
			set_page_dirty(page);
		}
		return wp_page_reuse(vmf);
	}
	if (page && PageAnon(page) && PageSwapCache(page))
		try_to_free_swap(page);		/* no other PTE holds its entry: the cache lets go */
	if (page && PageAnon(page) && page_count(page) == 1)
		return wp_page_reuse(vmf);
	return wp_page_copy(vmf);
}

/* handle_pte_fault - dispatch on what the PTE holds (see the table at the top). */
static vm_fault_t handle_pte_fault(struct vm_fault *vmf)
{
	pte_t entry;

	vmf->orig_pte = ptep_get(vmf->pte);
	if (pte_none(vmf->orig_pte))
		return vma_is_anonymous(vmf->vma) ? do_anonymous_page(vmf) : do_fault(vmf);
	if (!pte_present(vmf->orig_pte))
		return do_swap_page(vmf);
	if ((vmf->flags & FAULT_FLAG_WRITE) && !pte_write(vmf->orig_pte))
		return do_wp_page(vmf);
	/* Spurious: the PTE already allows the access (a stale TLB entry). */
	entry = pte_mkyoung(vmf->orig_pte);
	if (vmf->flags & FAULT_FLAG_WRITE)
		entry = pte_mkdirty(entry);
	if (!pte_same(entry, vmf->orig_pte))
		set_pte(vmf->pte, entry);
	flush_tlb_one(vmf->address);
	return 0;
}

vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long address, unsigned int flags)
{
	struct mm_struct *mm = vma->vm_mm;
	struct vm_fault vmf = {
		.vma = vma,
		.address = address & PAGE_MASK,
		.flags = flags,
		.pgoff = ((address - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff,
	};
	pud_t *pud = pud_alloc(mm, pgd_offset(mm, vmf.address), vmf.address);

	count_vm_event(PGFAULT);
	if (!pud || !(vmf.pmd = pmd_alloc(mm, pud, vmf.address)) ||
	    !(vmf.pte = pte_alloc(mm, vmf.pmd, vmf.address)))
		return VM_FAULT_OOM;
	return handle_pte_fault(&vmf);
}

/* --- unmapping: zap --- */

static int zap_pte(pte_t *pte, unsigned long addr, struct mm_walk *walk)
{
	struct vm_area_struct *vma = walk->vma;
	pte_t ptent = ptep_get(pte);
	struct page *page;

	if (pte_none(ptent))
		return 0;
	ptent = ptep_get_and_clear(pte);
	if (is_swap_pte(ptent)) {
		/* The page is on swap: the slot loses this PTE's count (and its cached page,
		 * if that was the last). */
		free_swap_and_cache(pte_to_swp_entry(ptent));
		dec_mm_counter(vma->vm_mm, MM_SWAPENTS);
		return 0;
	}
	flush_tlb_one(addr);
	page = vm_normal_page(vma, addr, ptent);
	if (!page)
		return 0;			/* the zero page */
	if (pte_dirty(ptent) && !PageAnon(page))
		set_page_dirty(page);		/* written through a shared mapping */
	page_remove_rmap(page);
	dec_mm_counter(vma->vm_mm, mm_counter(page));
	if (PageSwapCache(page) && !page->_mapcount)
		try_to_free_swap(page);		/* Linux's free_swap_cache: no PTE needs its slot */
	put_page(page);
	return 0;
}

static const struct mm_walk_ops zap_walk_ops = { .pte_entry = zap_pte };

void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	walk_page_vma(vma, start, end, &zap_walk_ops, NULL);
}

/* --- freeing page tables (Linux's free_pgd_range) --- */

/* free_pte_range - free the PTE table under @pmd (every entry in it is none by now: the
 * consistency checker, mm/debug_vm.c, verifies that no PTE lies outside a VMA). */
static void free_pte_range(struct mm_struct *mm, pmd_t *pmd)
{
	pte_t *table = pmd_pgtable(*pmd);

	set_pmd(pmd, __pmd(0));
	pt_free_page(__pa(table));
	mm->pgtables_bytes -= PAGE_SIZE;
}

/*
 * free_pmd_table - free the PMD table under @pud and every PTE table under it. Its span lies
 * in a gap no VMA covers, so a PTE table there outside the range being freed can only be one
 * a failed operation left behind (empty: the consistency checker finds no PTE outside a VMA);
 * freeing only the range's would cut such a table loose, still counted in pgtables_bytes.
 */
static void free_pmd_table(struct mm_struct *mm, pud_t *pud)
{
	pmd_t *pmd = pud_pgtable(*pud);

	for (int i = 0; i < PTRS_PER_TABLE; i++)
		if (pmd_present(pmd[i]))
			free_pte_range(mm, &pmd[i]);
	set_pud(pud, __pud(0));
	pt_free_page(__pa(pmd));
	mm->pgtables_bytes -= PAGE_SIZE;
}

/*
 * free_pmd_range / free_pud_range - free the tables below @pud / @pgd that cover [addr, end),
 * then the table at this level itself if its whole span lies inside [floor, ceiling): the gap
 * between the VMAs around the unmapped range, where no table can be needed any more.
 * ceiling 0 means "to the top of user space".
 */
static void free_pmd_range(struct mm_struct *mm, pud_t *pud, unsigned long addr, unsigned long end,
			   unsigned long floor, unsigned long ceiling)
{
	unsigned long next, start = addr;
	pmd_t *pmd = pmd_offset(pud, addr);

	do {
		next = pmd_addr_end(addr, end);
		if (pmd_present(*pmd))
			free_pte_range(mm, pmd);
	} while (pmd++, addr = next, addr != end);

	start &= PUD_MASK;
	if (start < floor)
		return;
	if (ceiling) {
		ceiling &= PUD_MASK;
		if (!ceiling)
			return;
	}
	if (end - 1 > ceiling - 1)
		return;
	free_pmd_table(mm, pud);
}

static void free_pud_range(struct mm_struct *mm, pgd_t *pgd, unsigned long addr, unsigned long end,
			   unsigned long floor, unsigned long ceiling)
{
	unsigned long next, start = addr;
	pud_t *pud = pud_offset(pgd, addr);

	do {
		next = pud_addr_end(addr, end);
		if (pud_present(*pud))
			free_pmd_range(mm, pud, addr, next, floor, ceiling);
	} while (pud++, addr = next, addr != end);

	start &= PGDIR_MASK;
	if (start < floor)
		return;
	if (ceiling) {
		ceiling &= PGDIR_MASK;
		if (!ceiling)
			return;
	}
	if (end - 1 > ceiling - 1)
		return;
	pud = pgd_pgtable(*pgd);
	for (int i = 0; i < PTRS_PER_TABLE; i++)	/* as free_pmd_table: everything below goes */
		if (pud_present(pud[i]))
			free_pmd_table(mm, &pud[i]);
	set_pgd(pgd, __pgd(0));
	pt_free_page(__pa(pud));
	mm->pgtables_bytes -= PAGE_SIZE;
}

void free_pgtables(struct mm_struct *mm, unsigned long floor, unsigned long ceiling)
{
	struct vm_area_struct *vma = list_empty(&mm->mmap_list) ? NULL :
		list_first_entry(&mm->mmap_list, struct vm_area_struct, vm_list);

	while (vma) {
		unsigned long start = vma->vm_start;
		struct vm_area_struct *next = vma_next(mm, vma);

		/* Nearby VMAs (within 2 MiB) share tables: one call for the group. */
		while (next && next->vm_start <= vma->vm_end + PMD_SIZE) {
			vma = next;
			next = vma_next(mm, vma);
		}
		free_pgd_range(mm, start, vma->vm_end, floor, next ? next->vm_start : ceiling);
		vma = next;
	}
}

void free_pgd_range(struct mm_struct *mm, unsigned long addr, unsigned long end,
		    unsigned long floor, unsigned long ceiling)
{
	unsigned long next;
	pgd_t *pgd;

	/* Only PTE tables wholly inside [floor, ceiling) can go: round inwards to 2 MiB. */
	addr &= PMD_MASK;
	if (addr < floor) {
		addr += PMD_SIZE;
		if (!addr)
			return;
	}
	if (ceiling) {
		ceiling &= PMD_MASK;
		if (!ceiling)
			return;
	}
	if (end - 1 > ceiling - 1)
		end -= PMD_SIZE;
	if (addr > end - 1)
		return;
	pgd = pgd_offset(mm, addr);
	do {
		next = pgd_addr_end(addr, end);
		if (pgd_present(*pgd))
			free_pud_range(mm, pgd, addr, next, floor, ceiling);
	} while (pgd++, addr = next, addr != end);
}

/* --- fork: copy_page_range --- */

struct copy_walk {
	struct vm_area_struct *dst_vma;
	pte_t *dst_table;		/* the child's PTE table for dst_table_addr's 2 MiB */
	unsigned long dst_table_addr;
};

/* copy_pte - copy one of the parent's PTEs into the child (Linux's copy_present_pte). */
static int copy_pte(pte_t *src_pte, unsigned long addr, struct mm_walk *walk)
{
	struct copy_walk *c = walk->private;
	struct vm_area_struct *vma = walk->vma;
	struct mm_struct *dst_mm = c->dst_vma->vm_mm;
	pte_t pte = ptep_get(src_pte);
	struct page *page;

	if (pte_none(pte))
		return 0;
	if (!c->dst_table || (addr & PMD_MASK) != c->dst_table_addr) {
		pud_t *pud = pud_alloc(dst_mm, pgd_offset(dst_mm, addr), addr);
		pmd_t *pmd = pud ? pmd_alloc(dst_mm, pud, addr) : NULL;

		c->dst_table = pmd ? pte_alloc(dst_mm, pmd, addr & PMD_MASK) : NULL;
		if (!c->dst_table)
			return -ENOMEM;
		c->dst_table_addr = addr & PMD_MASK;
	}
	if (is_swap_pte(pte)) {
		/* Both processes now hold the slot (Linux's copy_nonpresent_pte). */
		if (swap_duplicate(pte_to_swp_entry(pte)))
			return -ENOMEM;
		inc_mm_counter(dst_mm, MM_SWAPENTS);
		set_pte(c->dst_table + pte_index(addr), pte);
		return 0;
	}
	page = vm_normal_page(vma, addr, pte);
	/* Private memory: both sides lose write access; the first write copies (COW). */
	if (is_cow_mapping(vma->vm_flags) && pte_write(pte)) {
		ptep_set_wrprotect(src_pte);
		pte = pte_wrprotect(pte);
	}
	if (vma->vm_flags & VM_SHARED)
		pte = pte_mkclean(pte);		/* the parent's PTE keeps the dirt to write back */
	if (page) {
		get_page(page);
		page_dup_rmap(page);
		inc_mm_counter(dst_mm, mm_counter(page));
	}
	set_pte(c->dst_table + pte_index(addr), pte_mkold(pte));
	return 0;
}

static const struct mm_walk_ops copy_walk_ops = { .pte_entry = copy_pte };

int copy_page_range(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma)
{
	struct copy_walk c = { .dst_vma = dst_vma };

	return walk_page_vma(src_vma, src_vma->vm_start, src_vma->vm_end, &copy_walk_ops, &c);
}

/* --- looking at another address space --- */

pte_t *follow_pte(struct mm_struct *mm, unsigned long address)
{
	if (address >= TASK_SIZE)
		return NULL;
	return pte_offset_alloc(mm->pgd, address, false);
}

/*
 * can_follow_write_pte - may a forced kernel write (FOLL_FORCE) use this read-only PTE?
 * Only in a private mapping the VMA may not write itself, once the write fault gave the
 * mapping its own anonymous, dirty copy: Linux's rule, so the file's page is never written.
 */
static bool can_follow_write_pte(pte_t pte, struct page *page, struct vm_area_struct *vma,
				 unsigned int flags)
{
	if (pte_write(pte))
		return true;
	if (!(flags & FOLL_FORCE) || !is_cow_mapping(vma->vm_flags) || (vma->vm_flags & VM_WRITE))
		return false;
	return page && PageAnon(page) && page->_mapcount == 1 && pte_dirty(pte);
}

struct page *follow_page(struct vm_area_struct *vma, unsigned long address, unsigned int flags)
{
	pte_t *ptep = follow_pte(vma->vm_mm, address);
	struct page *page;
	pte_t pte;

	if (!ptep)
		return NULL;
	pte = ptep_get(ptep);
	if (!pte_present(pte))
		return NULL;
	page = vm_normal_page(vma, address, pte);
	if ((flags & FOLL_WRITE) && !can_follow_write_pte(pte, page, vma, flags))
		return NULL;
	if (!page && is_zero_pfn(pte_pfn(pte)))
		return zero_page;		/* reads only: a write never follows the zero page */
	return page;
}

long access_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf, size_t len, bool write)
{
	unsigned int flags = FOLL_FORCE | (write ? FOLL_WRITE : 0);
	size_t done = 0;

	/* Read-held as the fault path holds it: the VMAs stay while a fault in them sleeps. */
	if (mmap_read_lock_killable(mm))
		return 0;
	while (done < len) {
		unsigned long a = addr + done;
		struct vm_area_struct *vma = find_vma(mm, a);
		size_t chunk = min(len - done, PAGE_SIZE - (a & ~PAGE_MASK));
		struct page *page;

		if (!vma || vma->vm_start > a)
			break;
		/* A forced write may go only where the VMA could be made writable (ptrace's rule). */
		if (write && !(vma->vm_flags & VM_WRITE) && !is_cow_mapping(vma->vm_flags))
			break;
		page = follow_page(vma, a, flags);
		if (!page) {
			if (handle_mm_fault(vma, a, FAULT_FLAG_REMOTE | (write ? FAULT_FLAG_WRITE : 0)) &
			    VM_FAULT_ERROR)
				break;
			page = follow_page(vma, a, flags);
			if (!page)
				break;
		}
		void *kaddr = (char *)page_address(page) + (a & ~PAGE_MASK);
		if (write)
			memcpy(kaddr, (const char *)buf + done, chunk);
		else
			memcpy((char *)buf + done, kaddr, chunk);
		done += chunk;
	}
	mmap_read_unlock(mm);
	return (long)done;
}
