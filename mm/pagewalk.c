/*
 * mm/pagewalk.c - the four-level walk over user page tables, written once (see pagewalk.h).
 */
#include "mm/pagewalk.h"

static int walk_hole(unsigned long addr, unsigned long next, struct mm_walk *walk)
{
	return walk->ops->pte_hole ? walk->ops->pte_hole(addr, next, walk) : 0;
}

static int walk_pte_range(pmd_t *pmd, unsigned long addr, unsigned long end, struct mm_walk *walk)
{
	pte_t *pte = pte_offset(pmd, addr);
	int err;

	for (;;) {
		err = walk->ops->pte_entry(pte, addr, walk);
		if (err)
			return err;
		addr += PAGE_SIZE;
		if (addr == end)
			return 0;
		pte++;
	}
}

static int walk_pmd_range(pud_t *pud, unsigned long addr, unsigned long end, struct mm_walk *walk)
{
	pmd_t *pmd = pmd_offset(pud, addr);
	unsigned long next;
	int err;

	do {
		next = pmd_addr_end(addr, end);
		if (!pmd_present(*pmd) || pmd_large(*pmd))
			err = walk_hole(addr, next, walk);	/* no user 2 MiB pages */
		else
			err = walk_pte_range(pmd, addr, next, walk);
		if (err)
			return err;
	} while (pmd++, addr = next, addr != end);
	return 0;
}

static int walk_pud_range(pgd_t *pgd, unsigned long addr, unsigned long end, struct mm_walk *walk)
{
	pud_t *pud = pud_offset(pgd, addr);
	unsigned long next;
	int err;

	do {
		next = pud_addr_end(addr, end);
		if (!pud_present(*pud) || pud_large(*pud))
			err = walk_hole(addr, next, walk);
		else
			err = walk_pmd_range(pud, addr, next, walk);
		if (err)
			return err;
	} while (pud++, addr = next, addr != end);
	return 0;
}

/* __walk_page_range - the top level of the walk: every PGD entry of [start, end). */
static int __walk_page_range(unsigned long start, unsigned long end, struct mm_walk *walk)
{
	unsigned long addr = start, next;
	pgd_t *pgd;
	int err;

	if (start >= end)
		return 0;
	pgd = pgd_offset(walk->mm, addr);
	do {
		next = pgd_addr_end(addr, end);
		if (!pgd_present(*pgd))
			err = walk_hole(addr, next, walk);
		else
			err = walk_pud_range(pgd, addr, next, walk);
		if (err)
			return err;
	} while (pgd++, addr = next, addr != end);
	return 0;
}

int walk_page_range(struct mm_struct *mm, unsigned long start, unsigned long end,
		    const struct mm_walk_ops *ops, void *private)
{
	struct mm_walk walk = { .ops = ops, .mm = mm, .private = private };

	return __walk_page_range(start, end, &walk);
}

int walk_page_vma(struct vm_area_struct *vma, unsigned long start, unsigned long end,
		  const struct mm_walk_ops *ops, void *private)
{
	struct mm_walk walk = { .ops = ops, .mm = vma->vm_mm, .vma = vma, .private = private };

	return __walk_page_range(max(start, vma->vm_start), min(end, vma->vm_end), &walk);
}
