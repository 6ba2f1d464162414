/*
 * mm/memory.c - the page-fault handlers: from "a valid VMA, no usable PTE" to a mapped page.
 *
 * Seed concepts: demand paging ("page faults trigger memory allocation for valid but
 * non-resident pages, with specific initialization based on page type and access history")
 * and copy-on-write ("whenever the parent or the child attempts to write into a shared page
 * frame, a fault occurs and copies the page").
 *
 * handle_mm_fault() walks to the PTE, allocating page tables, and dispatches like Linux:
 *
 *   PTE empty, anonymous VMA ........ do_anonymous_page: read -> the shared zero page,
 *                                      read-only; write -> a new zeroed page
 *   PTE empty, file (vm_ops->fault) .. do_read_fault   (read: map the page-cache page read-only)
 *                                      do_cow_fault    (write to a private mapping: a copy)
 *                                      do_shared_fault (write to a shared mapping: the page itself)
 *   PTE present, write, not writable . do_wp_page: reuse the page if this is its last user,
 *                                      otherwise copy it (wp_page_copy)
 *
 * Page references: each PTE mapping a page holds one reference (page->_refcount) and counts
 * in page->_mapcount; the page cache holds one more for its pages. The zero page is never
 * counted. So "last user" for an anonymous page is simply page_count() == 1.
 */
#include "mm/memory.h"
#include "mm/page_alloc.h"
#include "mm/pgtable.h"
#include "kernel/panic.h"
#include "kernel/lib/string.h"
#include "fs/fs.h"

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
	pgprot_t prot = _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED;

	if (!(vm_flags & VM_ACCESS_FLAGS))
		prot &= ~_PAGE_USER;		/* PROT_NONE: present for the kernel, not for ring 3 */
	if ((vm_flags & VM_WRITE) && (vm_flags & VM_SHARED))
		prot |= _PAGE_RW;		/* private writable pages get RW at the first write */
	if (!(vm_flags & VM_EXEC))
		prot |= _PAGE_NX;
	return prot;
}

/* Account a newly mapped page in the mm's resident counters. */
static void inc_rss(struct vm_area_struct *vma, struct page *page, long delta)
{
	if (PageAnon(page))
		vma->vm_mm->rss_anon += delta;
	else
		vma->vm_mm->rss_file += delta;
}

/* Install @page at vmf->address with @prot; the PTE takes over the caller's reference. */
static void set_pte_page(struct vm_fault *vmf, struct page *page, pgprot_t prot)
{
	*vmf->pte = page_to_phys(page) | prot;
	page->_mapcount++;
	inc_rss(vmf->vma, page, 1);
}

/* A new anonymous page: zeroed, PG_anon, one reference (the caller maps it). */
static struct page *alloc_anon_page(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_ZERO);

	if (page)
		set_page_flag(page, PG_anon);
	return page;
}

/*
 * do_anonymous_page - first touch of an anonymous page. A read maps the shared zero page
 * read-only (no memory used until a write); a write maps a freshly zeroed page of its own.
 */
static vm_fault_t do_anonymous_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct page *page;

	if (!(vmf->flags & FAULT_FLAG_WRITE)) {
		*vmf->pte = (zero_pfn << PAGE_SHIFT) | (vma->vm_page_prot & ~_PAGE_RW);
		return 0;
	}
	page = alloc_anon_page();
	if (!page)
		return VM_FAULT_OOM;
	page->index = vmf->address >> PAGE_SHIFT;
	set_pte_page(vmf, page, vma->vm_page_prot | _PAGE_RW | _PAGE_DIRTY);
	return 0;
}

/* Ask the VMA's backing for the page (it comes back referenced in vmf->page). */
static vm_fault_t __do_fault(struct vm_fault *vmf)
{
	vm_fault_t ret = vmf->vma->vm_ops->fault(vmf);

	if (!(ret & VM_FAULT_ERROR) && !vmf->page)
		ret |= VM_FAULT_SIGBUS;
	return ret;
}

/* do_read_fault - a read of a file (or shared) page: map the cached page itself, read-only
 * for private mappings so a later write takes a COW fault. */
static vm_fault_t do_read_fault(struct vm_fault *vmf)
{
	vm_fault_t ret = __do_fault(vmf);
	pgprot_t prot = vmf->vma->vm_page_prot;

	if (ret & VM_FAULT_ERROR)
		return ret;
	if (!(vmf->vma->vm_flags & VM_SHARED))
		prot &= ~_PAGE_RW;
	set_pte_page(vmf, vmf->page, prot);
	return ret;
}

/* do_cow_fault - a write to a private file mapping whose page is not mapped yet: copy the
 * file's page into a new anonymous page and map that, writable. The file is untouched. */
static vm_fault_t do_cow_fault(struct vm_fault *vmf)
{
	vm_fault_t ret;
	struct page *copy = alloc_page(GFP_HIGHUSER_MOVABLE);

	if (!copy)
		return VM_FAULT_OOM;
	ret = __do_fault(vmf);
	if (ret & VM_FAULT_ERROR) {
		__free_page(copy);
		return ret;
	}
	copy_page(page_address(copy), page_address(vmf->page));
	put_page(vmf->page);
	set_page_flag(copy, PG_anon);
	copy->index = vmf->address >> PAGE_SHIFT;
	set_pte_page(vmf, copy, vmf->vma->vm_page_prot | _PAGE_RW | _PAGE_DIRTY);
	return ret;
}

/* do_shared_fault - a write to a shared mapping: map the shared page writable and mark it
 * dirty, so write-back knows it differs from the file. */
static vm_fault_t do_shared_fault(struct vm_fault *vmf)
{
	vm_fault_t ret = __do_fault(vmf);

	if (ret & VM_FAULT_ERROR)
		return ret;
	set_page_flag(vmf->page, PG_dirty);
	set_pte_page(vmf, vmf->page, vmf->vma->vm_page_prot | _PAGE_RW | _PAGE_DIRTY);
	return ret;
}

static vm_fault_t do_fault(struct vm_fault *vmf)
{
	if (!(vmf->flags & FAULT_FLAG_WRITE))
		return do_read_fault(vmf);
	if (!(vmf->vma->vm_flags & VM_SHARED))
		return do_cow_fault(vmf);
	return do_shared_fault(vmf);
}

/* wp_page_copy - give this mapping its own copy of the page (from the zero page: just zeros). */
static vm_fault_t wp_page_copy(struct vm_fault *vmf, struct page *old)
{
	struct page *new = alloc_anon_page();

	if (!new)
		return VM_FAULT_OOM;
	if (old)
		copy_page(page_address(new), page_address(old));
	new->index = vmf->address >> PAGE_SHIFT;
	if (old) {
		old->_mapcount--;
		inc_rss(vmf->vma, old, -1);
		put_page(old);
	}
	set_pte_page(vmf, new, vmf->vma->vm_page_prot | _PAGE_RW | _PAGE_DIRTY);
	flush_tlb_one(vmf->address);
	return 0;
}

/*
 * do_wp_page - a write hit a present, read-only PTE in a writable VMA: the page is shared
 * copy-on-write (after fork), is the zero page, or is a file page mapped privately.
 * If this mapping is the page's last user (an anonymous page with one reference), it simply
 * becomes writable again: no copy, no new page ("reuse"). Otherwise it is copied.
 */
static vm_fault_t do_wp_page(struct vm_fault *vmf)
{
	unsigned long pfn = pte_pfn(vmf->orig_pte);
	struct page *page;

	if (is_zero_pfn(pfn))
		return wp_page_copy(vmf, NULL);
	page = pfn_to_page(pfn);
	if (vmf->vma->vm_flags & VM_SHARED) {
		set_page_flag(page, PG_dirty);
		*vmf->pte |= _PAGE_RW | _PAGE_DIRTY;
		flush_tlb_one(vmf->address);
		return 0;
	}
	if (PageAnon(page) && page_count(page) == 1) {	/* wp_page_reuse */
		*vmf->pte |= _PAGE_RW | _PAGE_DIRTY;
		flush_tlb_one(vmf->address);
		return 0;
	}
	return wp_page_copy(vmf, page);
}

vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long address, unsigned int flags)
{
	struct vm_fault vmf = {
		.vma = vma,
		.address = address & PAGE_MASK,
		.flags = flags,
		.pgoff = ((address - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff,
	};
	vmf.pte = pte_offset_alloc(vma->vm_mm->pgd, vmf.address, true);
	if (!vmf.pte)
		return VM_FAULT_OOM;
	vmf.orig_pte = *vmf.pte;

	if (!pte_present(vmf.orig_pte)) {
		if (vma->vm_ops && vma->vm_ops->fault)
			return do_fault(&vmf);
		return do_anonymous_page(&vmf);
	}
	if ((flags & FAULT_FLAG_WRITE) && !(vmf.orig_pte & _PAGE_RW))
		return do_wp_page(&vmf);
	/* Spurious: the PTE already allows the access (a stale TLB entry). */
	flush_tlb_one(vmf.address);
	return 0;
}

/* --- walking user page tables --- */

/* Call @fn for every present PTE of [start, end) in @mm. */
static void walk_ptes(struct mm_struct *mm, unsigned long start, unsigned long end,
		      void (*fn)(void *arg, unsigned long addr, pte_t *pte), void *arg)
{
	unsigned long addr = start;

	while (addr < end) {
		pgd_t *pgd = &mm->pgd[pgd_index(addr)];
		if (!pte_present(*pgd)) {
			addr = ALIGN_DOWN(addr, 1UL << PGDIR_SHIFT) + (1UL << PGDIR_SHIFT);
			continue;
		}
		pud_t *pud = &entry_table(*pgd)[pud_index(addr)];
		if (!pte_present(*pud)) {
			addr = ALIGN_DOWN(addr, PUD_SIZE) + PUD_SIZE;
			continue;
		}
		pmd_t *pmd = &entry_table(*pud)[pmd_index(addr)];
		if (!pte_present(*pmd)) {
			addr = ALIGN_DOWN(addr, PMD_SIZE) + PMD_SIZE;
			continue;
		}
		pte_t *pte = &entry_table(*pmd)[pte_index(addr)];
		unsigned long next = min(ALIGN_DOWN(addr, PMD_SIZE) + PMD_SIZE, end);
		for (; addr < next; addr += PAGE_SIZE, pte++)
			if (*pte)
				fn(arg, addr, pte);
	}
}

static void zap_one(void *arg, unsigned long addr, pte_t *pte)
{
	struct vm_area_struct *vma = arg;
	pte_t old = *pte;

	*pte = 0;
	flush_tlb_one(addr);
	if (!pte_present(old) || is_zero_pfn(pte_pfn(old)))
		return;
	struct page *page = pfn_to_page(pte_pfn(old));
	if ((old & _PAGE_DIRTY) && !PageAnon(page))
		set_page_flag(page, PG_dirty);		/* written through a shared mapping */
	page->_mapcount--;
	inc_rss(vma, page, -1);
	put_page(page);
}

void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	walk_ptes(vma->vm_mm, start, end, zap_one, vma);
}

struct copy_ctx {
	struct mm_struct *dst;
	struct vm_area_struct *vma;
	int err;
};

static void copy_one(void *arg, unsigned long addr, pte_t *src_pte)
{
	struct copy_ctx *c = arg;
	pte_t pte = *src_pte;
	pte_t *dst_pte;

	if (c->err)
		return;
	dst_pte = pte_offset_alloc(c->dst->pgd, addr, true);
	if (!dst_pte) {
		c->err = -12;	/* -ENOMEM */
		return;
	}
	if (pte_present(pte) && !is_zero_pfn(pte_pfn(pte))) {
		struct page *page = pfn_to_page(pte_pfn(pte));

		/* Private memory: both sides lose write access; the first write copies (COW). */
		if (!(c->vma->vm_flags & VM_SHARED) && (pte & _PAGE_RW)) {
			pte &= ~_PAGE_RW;
			*src_pte = pte;
		}
		get_page(page);
		page->_mapcount++;
		if (PageAnon(page))
			c->dst->rss_anon++;
		else
			c->dst->rss_file++;
	}
	*dst_pte = pte;
}

int copy_page_range(struct mm_struct *dst, struct mm_struct *src, struct vm_area_struct *vma)
{
	struct copy_ctx c = { .dst = dst, .vma = vma, .err = 0 };

	walk_ptes(src, vma->vm_start, vma->vm_end, copy_one, &c);
	return c.err;
}

static void protect_one(void *arg, unsigned long addr, pte_t *pte)
{
	struct vm_area_struct *vma = arg;
	pte_t old = *pte;
	pgprot_t prot = vm_get_page_prot(vma->vm_flags);

	if (!pte_present(old))
		return;
	/* Keep RW only where the page already had it and the VMA still allows writing. */
	if ((old & _PAGE_RW) && (vma->vm_flags & VM_WRITE))
		prot |= _PAGE_RW;
	else
		prot &= ~_PAGE_RW;
	*pte = pte_phys(old) | prot | (old & _PAGE_DIRTY);
	flush_tlb_one(addr);
}

void change_protection(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	walk_ptes(vma->vm_mm, start, end, protect_one, vma);
}

struct page *follow_page(struct mm_struct *mm, unsigned long address, pte_t *ptep)
{
	pte_t *pte = pte_offset_alloc(mm->pgd, address & PAGE_MASK, false);

	if (ptep)
		*ptep = pte ? *pte : 0;
	if (!pte || !pte_present(*pte))
		return NULL;
	return pfn_to_page(pte_pfn(*pte));
}

void free_pgtables(struct mm_struct *mm)
{
	for (int i = 0; i < 256; i++) {			/* the user half only */
		pgd_t pgd = mm->pgd[i];

		if (!pte_present(pgd))
			continue;
		pud_t *pud = entry_table(pgd);
		for (int j = 0; j < 512; j++) {
			if (!pte_present(pud[j]))
				continue;
			pmd_t *pmd = entry_table(pud[j]);
			for (int k = 0; k < 512; k++)
				if (pte_present(pmd[k]))
					pt_free_page(pte_phys(pmd[k]));
			pt_free_page(pte_phys(pud[j]));
		}
		pt_free_page(pte_phys(pgd));
		mm->pgd[i] = 0;
	}
}
