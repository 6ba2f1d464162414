/*
 * mm/swapops.h - swap entries: where a page that left memory went (Linux's linux/swapops.h).
 *
 * When an anonymous page is sent to swap (MADV_PAGEOUT now, reclaim later; mm/swap.h), its
 * PTE is not made none: it becomes a swap entry, a non-present PTE whose other bits name the swap device
 * (type) and the slot on it (offset). The CPU ignores every bit of a PTE whose present bit is
 * clear, so the kernel may store what it likes there; a fault on such a PTE finds the entry and
 * reads the page back (do_swap_page). The layout, as x86-64 Linux's (without its L1TF offset
 * inversion):
 *
 *   63     59 58                                   9 8        1 0
 *   [ type  ][               offset                ][ 0 ... 0  ][0]  present = 0
 *
 * Offset 0 of every swap device is its header, never a page, so a swap PTE is never all zero
 * (which would read as pte_none).
 */
#ifndef FAULTLINE_SWAPOPS_H
#define FAULTLINE_SWAPOPS_H

#include "mm/pgtable.h"

typedef struct { unsigned long val; } swp_entry_t;

#define SWP_TYPE_BITS		5
#define MAX_SWAPFILES		(1 << SWP_TYPE_BITS)
#define SWP_OFFSET_SHIFT	9
#define SWP_TYPE_SHIFT		(64 - SWP_TYPE_BITS)
#define SWP_OFFSET_BITS		(SWP_TYPE_SHIFT - SWP_OFFSET_SHIFT)
#define SWP_OFFSET_MASK		((1UL << SWP_OFFSET_BITS) - 1)

/* swp_entry - the entry for slot @offset of swap device @type. */
static inline swp_entry_t swp_entry(unsigned int type, unsigned long offset)
{
	return (swp_entry_t){ ((unsigned long)type << SWP_TYPE_SHIFT) | ((offset & SWP_OFFSET_MASK) << SWP_OFFSET_SHIFT) };
}
static inline unsigned int swp_type(swp_entry_t e) { return (unsigned int)(e.val >> SWP_TYPE_SHIFT); }
static inline unsigned long swp_offset(swp_entry_t e) { return (e.val >> SWP_OFFSET_SHIFT) & SWP_OFFSET_MASK; }

/* The PTE that stands for @e, and back. */
static inline pte_t swp_entry_to_pte(swp_entry_t e) { return __pte(e.val); }
static inline swp_entry_t pte_to_swp_entry(pte_t pte) { return (swp_entry_t){ pte_val(pte) }; }

/* is_swap_pte - a non-present PTE that is not none: a swap entry. */
static inline bool is_swap_pte(pte_t pte)
{
	return !pte_none(pte) && !pte_present(pte);
}

#endif
