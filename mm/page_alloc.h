/*
 * mm/page_alloc.h - the buddy allocator: physical page frames in power-of-two blocks.
 */
#ifndef FAULTLINE_PAGE_ALLOC_H
#define FAULTLINE_PAGE_ALLOC_H

#include "mm/page.h"

#define MAX_ORDER	10		/* largest block: 2^10 pages = 4 MiB (orders 0..MAX_ORDER) */

/*
 * gfp_t: how to allocate. Faultline has one zone (no highmem, nothing movable) and no
 * reclaim, so Linux's flags reduce to two questions: zero the memory, and may a failure run
 * the OOM killer? Only allocations of user memory may: they come from the page-fault path,
 * where sleeping is allowed and the faulting process can be killed. A GFP_KERNEL allocation
 * that finds nothing fails at once (NULL; callers return -ENOMEM), as before: kernel callers
 * may run with interrupts off or with half-built state, where waiting for a victim to exit
 * is not safe.
 */
typedef unsigned int gfp_t;
#define GFP_KERNEL	0u
#define __GFP_ZERO	0x1u		/* zero the memory before returning it */
#define __GFP_HARDWALL	0x2u		/* user memory: on failure, out_of_memory() and retry */
#define GFP_USER	__GFP_HARDWALL	/* Linux: what distinguishes GFP_USER from GFP_KERNEL */
#define GFP_HIGHUSER	GFP_USER	/* one zone: "high" memory is all memory */
#define GFP_HIGHUSER_MOVABLE GFP_HIGHUSER /* user pages (anonymous, COW copies, page cache) */
#define PAGE_ALLOC_COSTLY_ORDER 3	/* larger blocks never invoke the OOM killer (Linux) */

/*
 * free_area_init - set up the allocator over mem_map[0, nr_pfns) with every frame reserved.
 * Frames become allocatable only through free_bootmem_range(). Call once at boot.
 */
void free_area_init(struct page *map, unsigned long nr_pfns);

/*
 * free_bootmem_range - hand the frames [start_pfn, end_pfn) to the buddy allocator.
 * Used at boot for every usable RAM range not taken by the kernel, boot data or memblock.
 */
void free_bootmem_range(unsigned long start_pfn, unsigned long end_pfn);

/*
 * alloc_pages - allocate 2^@order physically contiguous frames.
 * Returns the first frame's descriptor with _refcount 1, or NULL if no block of that order
 * is free (or order > MAX_ORDER). Never panics for lack of memory. With __GFP_HARDWALL
 * (GFP_USER, GFP_HIGHUSER_MOVABLE) and order <= PAGE_ALLOC_COSTLY_ORDER, a failure runs the
 * OOM killer and retries while that frees memory: the call may then sleep, and returns NULL
 * only if the current task is the victim (or dying anyway) or no memory could be freed.
 */
struct page *alloc_pages(gfp_t gfp, unsigned int order);
static inline struct page *alloc_page(gfp_t gfp)
{
	return alloc_pages(gfp, 0);
}

/*
 * __free_pages - drop a reference to the 2^@order block at @page; free it when it was the last.
 * Freeing a frame that is already free, reserved, or not in mem_map is reported as
 * "BUG: Bad page state" on the console and ignored (nothing is corrupted).
 */
void __free_pages(struct page *page, unsigned int order);
static inline void __free_page(struct page *page)
{
	__free_pages(page, 0);
}

/* put_page - drop a reference to an order-0 page, freeing it when none remain. */
void put_page(struct page *page);

/* Convenience wrappers returning direct-map addresses (or 0/NULL on failure). */
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
unsigned long get_zeroed_page(gfp_t gfp);
void free_pages(unsigned long addr, unsigned int order);

unsigned long nr_free_pages(void);	/* frames currently free */
unsigned long totalram_pages(void);	/* frames ever handed to the allocator */
unsigned long nr_bad_page_reports(void); /* how many bad frees were caught (tests read it) */

/* Free blocks of each order (for /proc/buddyinfo and the boot summary). */
unsigned long nr_free_blocks(unsigned int order);

/* for_each_free_block - call @fn for the head page of every block on the free lists, with its
 * list's order; stops at (and returns) the first non-zero result. For the consistency checker. */
int for_each_free_block(int (*fn)(struct page *page, unsigned int order, void *arg), void *arg);

#endif
