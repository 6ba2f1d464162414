/*
 * mm/pgtable.c - allocating page tables and the kernel's own mapping primitives.
 *
 * The level-by-level walk itself is inline in mm/pgtable.h; here are the steps that allocate a
 * missing table (pud_alloc, pmd_alloc, pte_alloc) and the helpers the kernel maps itself with.
 */
#include "mm/pgtable.h"
#include "mm/mm_types.h"
#include "mm/memblock.h"
#include "mm/page_alloc.h"
#include "kernel/panic.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"

pgd_t *swapper_pg_dir;
unsigned long nr_pagetable_pages;

phys_addr_t pt_alloc_page(void)
{
	if (!memblock_done)
		return memblock_alloc(PAGE_SIZE, PAGE_SIZE);

	struct page *page = alloc_page(__GFP_ZERO);
	if (!page)
		return 0;
	nr_pagetable_pages++;
	return page_to_phys(page);
}

void pt_free_page(phys_addr_t pa)
{
	nr_pagetable_pages--;
	__free_page(phys_to_page(pa));
}

/*
 * pgtable_alloc - a new, zeroed table for the entry covering @addr: its physical address ORed
 * with the non-leaf bits the entry needs (user-accessible below TASK_SIZE), accounted to @mm.
 * Returns 0 when out of memory.
 */
static u64 pgtable_alloc(struct mm_struct *mm, unsigned long addr)
{
	phys_addr_t pa = pt_alloc_page();

	if (!pa)
		return 0;
	if (mm)
		mm->pgtables_bytes += PAGE_SIZE;
	return pa | (addr < TASK_SIZE ? _PAGE_TABLE : _KERNPG_TABLE);
}

int __pud_alloc(struct mm_struct *mm, pgd_t *pgd, unsigned long addr)
{
	u64 e = pgtable_alloc(mm, addr);

	if (!e)
		return -ENOMEM;
	set_pgd(pgd, __pgd(e));
	return 0;
}

int __pmd_alloc(struct mm_struct *mm, pud_t *pud, unsigned long addr)
{
	u64 e = pgtable_alloc(mm, addr);

	if (!e)
		return -ENOMEM;
	set_pud(pud, __pud(e));
	return 0;
}

int __pte_alloc(struct mm_struct *mm, pmd_t *pmd, unsigned long addr)
{
	u64 e = pgtable_alloc(mm, addr);

	if (!e)
		return -ENOMEM;
	set_pmd(pmd, __pmd(e));
	return 0;
}

pte_t *pte_offset_alloc(pgd_t *pgd_base, unsigned long va, bool alloc)
{
	pgd_t *pgd = pgd_offset_pgd(pgd_base, va);
	pud_t *pud;
	pmd_t *pmd;

	if (alloc) {
		pud = pud_alloc(NULL, pgd, va);
		pmd = pud ? pmd_alloc(NULL, pud, va) : NULL;
		return pmd ? pte_alloc(NULL, pmd, va) : NULL;
	}
	if (!pgd_present(*pgd))
		return NULL;
	pud = pud_offset(pgd, va);
	if (!pud_present(*pud) || pud_large(*pud))
		return NULL;
	pmd = pmd_offset(pud, va);
	if (!pmd_present(*pmd) || pmd_large(*pmd))
		return NULL;
	return pte_offset(pmd, va);
}

pte_t *lookup_address(pgd_t *pgd_base, unsigned long va, enum pg_level *level)
{
	pgd_t *pgd = pgd_offset_pgd(pgd_base, va);
	pud_t *pud;
	pmd_t *pmd;
	pte_t *pte;

	*level = PG_LEVEL_NONE;
	if (!pgd_present(*pgd))
		return NULL;
	pud = pud_offset(pgd, va);
	if (!pud_present(*pud))
		return NULL;
	if (pud_large(*pud)) {
		*level = PG_LEVEL_1G;
		return (pte_t *)pud;
	}
	pmd = pmd_offset(pud, va);
	if (!pmd_present(*pmd))
		return NULL;
	if (pmd_large(*pmd)) {
		*level = PG_LEVEL_2M;
		return (pte_t *)pmd;
	}
	pte = pte_offset(pmd, va);
	if (!pte_present(*pte))
		return NULL;
	*level = PG_LEVEL_4K;
	return pte;
}

int map_pages(pgd_t *pgd, unsigned long va, phys_addr_t pa, size_t size, pgprot_t prot)
{
	BUG_ON(!IS_ALIGNED(va, PAGE_SIZE) || !IS_ALIGNED(pa, PAGE_SIZE));
	for (size_t off = 0; off < size; off += PAGE_SIZE) {
		pte_t *pte = pte_offset_alloc(pgd, va + off, true);

		if (!pte)
			return -ENOMEM;
		if (pte_present(*pte))
			panic("map_pages: %#lx is already mapped (pte %#lx)", va + off, pte_val(*pte));
		set_pte(pte, pfn_pte((pa + off) >> PAGE_SHIFT, prot));
	}
	return 0;
}
