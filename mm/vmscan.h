/*
 * mm/vmscan.h - page reclaim: freeing user pages when memory runs short (Linux's
 * mm/vmscan.c, declared in linux/swap.h). See mm/vmscan.c for the design, mm/lru.h for the
 * lists it takes pages from.
 */
#ifndef FAULTLINE_VMSCAN_H
#define FAULTLINE_VMSCAN_H

#include "mm/page_alloc.h"

#define SWAP_CLUSTER_MAX	32	/* pages reclaimed, and isolated from a list, at a time */
#define MAX_RECLAIM_RETRIES	16	/* reclaim passes without progress before giving up */
#define VM_SWAPPINESS		60	/* anonymous : file scan weight, out of 200 (Linux) */

/* vmscan_init - read vm.policy= from the command line and start kswapd (pid-less kernel
 * thread), after the watermarks are set. */
void vmscan_init(void);

/* wakeup_kswapd - free pages fell below the low watermark: wake kswapd to reclaim up to the
 * high one (unless it gave up: no progress MAX_RECLAIM_RETRIES times in a row). Any task
 * context; cheap when kswapd is already awake. */
void wakeup_kswapd(void);

/*
 * try_to_free_pages - direct reclaim: the current task allocates with __GFP_DIRECT_RECLAIM
 * and free pages are below the min watermark. Reclaims about SWAP_CLUSTER_MAX pages from the
 * LRU lists, scanning harder (lower priority) until it has them. May sleep (swap and file
 * writes, throttling). Returns the pages freed; 0 means no progress.
 */
unsigned long try_to_free_pages(gfp_t gfp, unsigned int order);

/*
 * reclaim_throttle - reclaim freed nothing: wait (killable) until one of the writes it started
 * ends, or else a tick (the flusher, or kswapd holding pages, may get on meanwhile). Returns
 * true if pages reclaim sent to disk are still waiting to be freed.
 */
bool reclaim_throttle(void);

/*
 * shrink_clean_file_pages - a kernel allocation (never sleeps) found no free page at all:
 * drop up to @nr clean, unmapped page-cache pages from the inactive file list's tail (no page
 * table is touched, nothing is written). Returns how many were freed.
 */
unsigned long shrink_clean_file_pages(unsigned long nr);

/* current_may_use_reserves - may the current task allocate below the min watermark: it is
 * reclaiming (PF_MEMALLOC: its allocations are what frees memory) or it is dying (SIGKILL,
 * an OOM victim: its exit frees memory)? */
bool current_may_use_reserves(void);

/* current_is_reclaiming - PF_MEMALLOC: the current task is inside reclaim (which must not
 * recurse into reclaim from its own allocations). */
bool current_is_reclaiming(void);

#endif
