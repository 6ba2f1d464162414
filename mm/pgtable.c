/*
 * mm/pgtable.c - walking and filling page tables (the primitives everything else maps with).
 */
#include "mm/pgtable.h"
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

/* Return the next-level table under *entry, allocating it if asked. */
static u64 *next_table(u64 *entry, bool alloc, bool user)
{
	if (pte_present(*entry)) {
		if (*entry & _PAGE_PSE)
			return NULL;
		return entry_table(*entry);
	}
	if (!alloc)
		return NULL;
	phys_addr_t pa = pt_alloc_page();
	if (!pa)
		return NULL;
	*entry = pa | (user ? _PAGE_TABLE : _KERNPG_TABLE);
	return __va(pa);
}

pte_t *pte_offset_alloc(pgd_t *pgd, unsigned long va, bool alloc)
{
	bool user = va < TASK_SIZE;
	pud_t *pud = next_table(&pgd[pgd_index(va)], alloc, user);
	if (!pud)
		return NULL;
	pmd_t *pmd = next_table(&pud[pud_index(va)], alloc, user);
	if (!pmd)
		return NULL;
	pte_t *pte = next_table(&pmd[pmd_index(va)], alloc, user);
	if (!pte)
		return NULL;
	return &pte[pte_index(va)];
}

u64 *lookup_address(pgd_t *pgd, unsigned long va, enum pg_level *level)
{
	u64 *e = &pgd[pgd_index(va)];

	*level = PG_LEVEL_NONE;
	if (!pte_present(*e))
		return NULL;
	e = &entry_table(*e)[pud_index(va)];
	if (!pte_present(*e))
		return NULL;
	if (*e & _PAGE_PSE) {
		*level = PG_LEVEL_1G;
		return e;
	}
	e = &entry_table(*e)[pmd_index(va)];
	if (!pte_present(*e))
		return NULL;
	if (*e & _PAGE_PSE) {
		*level = PG_LEVEL_2M;
		return e;
	}
	e = &entry_table(*e)[pte_index(va)];
	if (!pte_present(*e))
		return NULL;
	*level = PG_LEVEL_4K;
	return e;
}

int map_pages(pgd_t *pgd, unsigned long va, phys_addr_t pa, size_t size, pgprot_t prot)
{
	BUG_ON(!IS_ALIGNED(va, PAGE_SIZE) || !IS_ALIGNED(pa, PAGE_SIZE));
	for (size_t off = 0; off < size; off += PAGE_SIZE) {
		pte_t *pte = pte_offset_alloc(pgd, va + off, true);

		if (!pte)
			return -ENOMEM;
		if (pte_present(*pte))
			panic("map_pages: %#lx is already mapped (pte %#lx)", va + off, *pte);
		*pte = (pa + off) | prot;
	}
	return 0;
}
