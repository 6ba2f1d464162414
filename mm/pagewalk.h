/*
 * mm/pagewalk.h - one walk over a range of user page tables (Linux's linux/pagewalk.h).
 *
 * walk_page_range() descends PGD -> PUD -> PMD -> PTE over [start, end) with the pXd_offset /
 * pXd_addr_end steps of mm/pgtable.h and calls the caller's pte_entry() for every PTE slot of
 * every PTE table that exists (none, present and swap entries alike: the callback decides), and
 * pte_hole() for stretches with no PTE table. zap, fork's copy, mprotect, /proc and the
 * consistency checker are all such callbacks, so the four-level descent is written once.
 */
#ifndef FAULTLINE_PAGEWALK_H
#define FAULTLINE_PAGEWALK_H

#include "mm/mm_types.h"

struct mm_walk;

struct mm_walk_ops {
	/* One PTE slot at @addr. Return 0 to go on, anything else to stop the walk with it. */
	int (*pte_entry)(pte_t *pte, unsigned long addr, struct mm_walk *walk);
	/* [addr, next) has no PTE table (optional). Same return convention. */
	int (*pte_hole)(unsigned long addr, unsigned long next, struct mm_walk *walk);
};

struct mm_walk {
	const struct mm_walk_ops *ops;
	struct mm_struct *mm;
	struct vm_area_struct *vma;	/* set by walk_page_vma(), else NULL */
	void *private;			/* the caller's state */
};

/* walk_page_range - walk [@start, @end) of @mm (page-aligned). Returns the first non-zero
 * callback result, or 0. */
int walk_page_range(struct mm_struct *mm, unsigned long start, unsigned long end,
		    const struct mm_walk_ops *ops, void *private);

/* walk_page_vma - walk [@start, @end) inside @vma, with walk->vma set. */
int walk_page_vma(struct vm_area_struct *vma, unsigned long start, unsigned long end,
		  const struct mm_walk_ops *ops, void *private);

#endif
