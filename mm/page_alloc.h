/*
 * mm/page_alloc.h - the buddy allocator: physical page frames in power-of-two blocks.
 */
#ifndef FAULTLINE_PAGE_ALLOC_H
#define FAULTLINE_PAGE_ALLOC_H

#include "mm/page.h"

#define MAX_ORDER	10		/* largest block: 2^10 pages = 4 MiB (orders 0..MAX_ORDER) */

/*
 * gfp_t: how to allocate. Faultline has one zone (no highmem, nothing movable), so Linux's
 * flags reduce to three questions: zero the memory? may the allocation sleep to reclaim
 * memory (mm/vmscan.c) when free memory is below the min watermark? and may a failure run the
 * OOM killer?
 *
 *   GFP_KERNEL ........... kernel memory (slab, page tables, bios). Never sleeps: it may use
 *                          the reserve below the min watermark, wakes kswapd, and at the very
 *                          end drops clean unmapped file pages (which touches no page table);
 *                          then NULL (callers return -ENOMEM). Linux's GFP_KERNEL reclaims
 *                          directly; Faultline's kernel code allocates in places where reclaim
 *                          unmapping pages under its feet would not be safe (it has no page
 *                          locks around its page-table walks), so only the allocations below,
 *                          made where the fault and read paths re-check what they found after
 *                          sleeping, reclaim directly.
 *   __GFP_DIRECT_RECLAIM . below the min watermark, reclaim directly (may sleep).
 *   __GFP_HARDWALL ....... user memory: when reclaim cannot help, out_of_memory() and retry.
 *   __GFP_NORETRY ........ a guess (read-ahead): fail rather than go below the min watermark.
 */
typedef unsigned int gfp_t;
#define GFP_KERNEL	0u
#define __GFP_ZERO	0x1u		/* zero the memory before returning it */
#define __GFP_HARDWALL	0x2u		/* user memory: on failure, out_of_memory() and retry */
#define __GFP_DIRECT_RECLAIM 0x4u	/* may sleep in direct reclaim */
#define __GFP_NORETRY	0x8u		/* keep above the min watermark, never reclaim */
#define GFP_USER	(__GFP_HARDWALL | __GFP_DIRECT_RECLAIM)
#define GFP_HIGHUSER	GFP_USER	/* one zone: "high" memory is all memory */
#define GFP_HIGHUSER_MOVABLE GFP_HIGHUSER /* user pages (anonymous, COW copies, swap-ins) */
#define GFP_PAGECACHE	__GFP_DIRECT_RECLAIM /* file pages read or written: reclaim, no OOM kill
					 * (a failure is -ENOMEM to read()/write(), SIGBUS... to a fault) */
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
 * is free (or order > MAX_ORDER). Never panics for lack of memory. Below the low watermark it
 * wakes kswapd; with __GFP_DIRECT_RECLAIM, below the min watermark it reclaims itself (and
 * may sleep). With __GFP_HARDWALL (GFP_USER, GFP_HIGHUSER_MOVABLE) and order <=
 * PAGE_ALLOC_COSTLY_ORDER, when reclaim makes no progress it runs the OOM killer and retries
 * while that frees memory; it returns NULL only if the current task is the victim (or dying
 * anyway) or no memory could be freed. See the gfp_t table above.
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

/* The free-page watermarks (Linux's zone watermarks, set at boot from the RAM size as Linux's
 * min_free_kbytes): below low, kswapd is woken and reclaims until free pages reach high; an
 * allocation that may reclaim does so itself below min. */
enum zone_watermarks { WMARK_MIN, WMARK_LOW, WMARK_HIGH, NR_WMARK };
unsigned long wmark_pages(enum zone_watermarks w);
/* setup_per_zone_wmarks - compute the watermarks from the RAM handed to the allocator. */
void setup_per_zone_wmarks(void);
unsigned long totalram_pages(void);	/* frames ever handed to the allocator */
unsigned long nr_bad_page_reports(void); /* how many bad frees were caught (tests read it) */

/* Free blocks of each order (for /proc/buddyinfo and the boot summary). */
unsigned long nr_free_blocks(unsigned int order);

/* for_each_free_block - call @fn for the head page of every block on the free lists, with its
 * list's order; stops at (and returns) the first non-zero result. For the consistency checker. */
int for_each_free_block(int (*fn)(struct page *page, unsigned int order, void *arg), void *arg);

#endif
