/*
 * mm/slab.h - kmalloc/kfree: small physically contiguous objects from size-class caches.
 *
 * Each kmalloc-N cache carves order-0 slabs from the buddy allocator into N-byte objects.
 * Requests above PAGE_SIZE go straight to the buddy allocator. All addresses returned are
 * direct-map ("kernel logical") addresses, so __pa() gives their physical address.
 */
#ifndef FAULTLINE_SLAB_H
#define FAULTLINE_SLAB_H

#include "kernel/types.h"
#include "mm/page_alloc.h"

/* kmem_cache_init - create the kmalloc-N caches. Call once after the buddy allocator is up. */
void kmem_cache_init(void);

/*
 * kmalloc - allocate @size bytes, physically contiguous, aligned to min(size class, PAGE_SIZE).
 * Returns NULL for size 0 or when memory runs out (never panics). __GFP_ZERO zeroes it.
 */
void *kmalloc(size_t size, gfp_t gfp);
static inline void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

/*
 * kfree - free memory from kmalloc. kfree(NULL) does nothing. A pointer kmalloc did not hand
 * out (not in the direct map, not a slab object or large block start, or already freed) is
 * reported as "kfree: invalid pointer" and ignored.
 */
void kfree(const void *p);

/* ksize - the usable size of a kmalloc'ed object (its size class), 0 for a bad pointer. */
size_t ksize(const void *p);

unsigned long nr_kfree_reports(void);	/* invalid kfree calls caught (tests read it) */

/* slab_reclaimable_pages - frames held by empty slabs the caches keep for their next kmalloc
 * (one page each): free in all but name (/proc/meminfo SReclaimable). */
unsigned long slab_reclaimable_pages(void);

#endif
