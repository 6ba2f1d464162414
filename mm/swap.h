/*
 * mm/swap.h - swap devices, the swap map, the swap cache and swap I/O (Linux's linux/swap.h).
 *
 * Seed concept: "anonymous [mappings] go in the swap whenever they get evicted". A swap device
 * is a disk made with mkswap; page slot 0 is its header, slots 1.. hold pages. Each slot has a
 * count in the swap map (mm/swapfile.c): how many PTEs hold a swap entry naming it, plus the
 * SWAP_HAS_CACHE bit while a page for the slot sits in the swap cache (mm/swap_state.c), the
 * index from entries to the pages being written out or read back, so a page in flight is
 * found there and never read twice. mm/page_io.c moves pages between memory and the slots.
 *
 * The life of a slot (MADV_PAGEOUT, mm/madvise.c, then do_swap_page, mm/memory.c):
 *   get_swap_page ............ map = HAS_CACHE          (a free slot, for the swap cache)
 *   add_to_swap_cache ........ the page is found by its entry (PG_swapcache, page->private)
 *   PTE -> swap entry ......... map = 1 | HAS_CACHE      (swap_duplicate for the new entry)
 *   swap_writepage, done ..... the unmapped page leaves the cache and is freed: map = 1
 *   fork ..................... map = 2                  (copy_page_range: swap_duplicate)
 *   do_swap_page ............. read into a new page in the cache, map it, swap_free: map = 1,
 *                              the page stays in the cache for the other PTE's fault
 *   last PTE gone ............ map = 0: try_to_free_swap takes the page out of the cache, or
 *                              free_swap_and_cache (zap) frees slot and cached page together.
 *
 * Faultline runs one CPU and never preempts kernel code, so these structures need no lock:
 * only the I/O waits sleep, and every caller re-checks what it found after one.
 */
#ifndef FAULTLINE_MM_SWAP_H
#define FAULTLINE_MM_SWAP_H

#include "mm/swapops.h"
#include "mm/page.h"

struct block_device;

/* swapon(2) flags, as Linux's uapi. */
#define SWAP_FLAG_PREFER	0x8000		/* use the priority in the low bits */
#define SWAP_FLAG_PRIO_MASK	0x7fff
#define SWAP_FLAG_DISCARD	0x10000		/* accepted; Faultline never discards */
#define SWAP_FLAG_DISCARD_ONCE	0x20000
#define SWAP_FLAG_DISCARD_PAGES	0x40000
#define SWAP_FLAGS_VALID	(SWAP_FLAG_PRIO_MASK | SWAP_FLAG_PREFER | SWAP_FLAG_DISCARD | \
				 SWAP_FLAG_DISCARD_ONCE | SWAP_FLAG_DISCARD_PAGES)

/* swap_map values: a count of PTEs in the low bits, and two special values. */
#define SWAP_HAS_CACHE		0x80000000u	/* a page for this slot is in the swap cache */
#define SWAP_MAP_BAD		0x7fffffffu	/* the header, or a bad page mkswap listed */
#define SWAP_COUNT_MASK		0x7fffffffu

/* swap_info_struct->flags */
#define SWP_USED		(1 << 0)	/* this type number is taken (swapon under way or done) */
#define SWP_WRITEOK		(1 << 1)	/* slots may be allocated (cleared by swapoff) */

/* One swap device (Linux's swap_info_struct). */
struct swap_info_struct {
	unsigned long flags;		/* SWP_* */
	short prio;			/* higher is used first */
	unsigned int type;		/* index in swap_info[]: the type of its entries */
	struct block_device *bdev;
	char *name;			/* the path swapon was given (kmalloc'ed), for /proc/swaps */
	unsigned int *swap_map;		/* per slot: count | SWAP_HAS_CACHE, or SWAP_MAP_BAD */
	unsigned long max;		/* slots: last_page + 1 (slot 0 is the header) */
	unsigned long pages;		/* usable slots (max - 1 - bad pages) */
	unsigned long inuse_pages;	/* slots with a count or in the swap cache */
	unsigned long cluster_next;	/* where the next-fit scan for a free slot starts */
};

/* --- mm/swapfile.c: devices and the swap map --- */

/* swp_swap_info - the active device @entry names, or NULL (no such type, or offset past it). */
struct swap_info_struct *swp_swap_info(swp_entry_t entry);
/* get_swap_page - a free slot on the highest-priority device that has one, marked
 * SWAP_HAS_CACHE (the caller puts a page in the swap cache for it next). Entry 0 if none. */
swp_entry_t get_swap_page(void);
/* swap_duplicate - one more PTE holds @entry (fork, pageout). 0, or -EINVAL for a bad entry. */
int swap_duplicate(swp_entry_t entry);
/* swap_free - a PTE holding @entry is gone (its page came back): drop one count. A slot with
 * neither count nor cache becomes free. */
void swap_free(swp_entry_t entry);
/* free_swap_and_cache - swap_free for a PTE that is zapped; if that was the last count, the
 * page in the swap cache (if any, and not under I/O) is dropped too. */
void free_swap_and_cache(swp_entry_t entry);
/* swap_count - the PTEs holding @entry (0 for a bad entry). */
unsigned int swap_count(swp_entry_t entry);
/* swapcache_prepare - a page is about to be read in for @entry: mark the slot SWAP_HAS_CACHE.
 * 0, -EEXIST (someone else is at it), or -ENOENT (no PTE holds @entry any more). */
int swapcache_prepare(swp_entry_t entry);
/* swapcache_clear - the page for @entry left the swap cache: clear SWAP_HAS_CACHE (the slot
 * is freed if no PTE holds it). For mm/swap_state.c. */
void swapcache_clear(swp_entry_t entry);
/* si_swapinfo - total and free swap in pages (free: unused slots of active devices). */
void si_swapinfo(unsigned long *total, unsigned long *free);
/* swaps_show - /proc/swaps in Linux's format. */
size_t swaps_show(char *buf, size_t size);
/* is_swap_bdev - is @bdev an active swap device (claimed by swapon)? Writes to it through its
 * device file fail with -ETXTBSY (fs/block_dev.c), as Linux's IS_SWAPFILE. */
bool is_swap_bdev(const struct block_device *bdev);
/* swap_for_each_device - call @fn for each active device (the consistency checker). */
void swap_for_each_device(void (*fn)(struct swap_info_struct *si, void *arg), void *arg);

/* --- mm/swap_state.c: the swap cache --- */

/* add_to_swap_cache - file @page (with the caller's reference) under @entry, whose slot the
 * caller marked SWAP_HAS_CACHE (get_swap_page, swapcache_prepare): PG_swapcache, page->private
 * = entry, one reference held by the cache. 0, -EEXIST or -ENOMEM. */
int add_to_swap_cache(struct page *page, swp_entry_t entry);
/* delete_from_swap_cache - take @page out of the swap cache (the slot loses SWAP_HAS_CACHE)
 * and drop the cache's reference. */
void delete_from_swap_cache(struct page *page);
/* lookup_swap_cache - the page cached for @entry with a new reference, or NULL. */
struct page *lookup_swap_cache(swp_entry_t entry);
/* try_to_free_swap - if no PTE holds @page's entry any more and no I/O is under way, take
 * the page out of the swap cache (the slot is freed). True if it did. */
bool try_to_free_swap(struct page *page);
/* swap_cache_drop_clean - @page, just written to its slot, is no longer mapped: take it out
 * of the swap cache (the data lives on in the slot), which frees it once its last user lets
 * go. True if it did; false if it is mapped, dirty, locked or under I/O. */
bool swap_cache_drop_clean(struct page *page);
/*
 * swapin_page - the contents of @entry in a page: found in the swap cache, or read in (then
 * *@major is set). Returns the page, referenced and uptodate (still in the swap cache); NULL
 * if no PTE holds @entry any more (the caller re-checks its PTE); or ERR_PTR -ENOMEM, -EIO,
 * -EINTR (killed while waiting).
 */
struct page *swapin_page(swp_entry_t entry, bool *major);
/*
 * swap_io_done - a swap bio ended (interrupt context; after its pages' flags are set). A page
 * of it that no PTE needs any more (count 0: its process died in the write, or a page read
 * ahead was unmapped meanwhile) must leave the swap cache, freeing its slot, but cannot here:
 * the bio is queued for the swap_reap thread, which does it in a task at once. A read's bio
 * goes there too, so that it (and its references to the pages) is dropped at once, not at the
 * next bio_alloc: no task waits for read-ahead. Otherwise the bio is put (bio_put_irq).
 */
struct bio;
void swap_io_done(struct bio *bio);
/* swap_reap - in a task: take each bio swap_io_done queued, free the pages of it that no PTE
 * needs (with their slots), and drop the bio with its page references. */
void swap_reap(void);
/* swap_ra_stats - swap read-ahead: pages read ahead (Linux's vmstat swap_ra) and of those,
 * how many a fault then found in the swap cache (swap_ra_hit). */
void swap_ra_stats(unsigned long *ra, unsigned long *ra_hit);
/* total_swapcache_pages - pages in the swap cache (/proc/meminfo SwapCached). */
unsigned long total_swapcache_pages(void);
/* swap_cache_init_type - swapon of type @type: its swap cache starts empty. */
void swap_cache_init_type(unsigned int type);

/*
 * add_to_swap - give @page, anonymous or shmem and not yet in the swap cache, a slot and put
 * it in the swap cache, dirty (the slot does not hold it yet); the caller unmaps an anonymous
 * page (try_to_unmap puts the swap entry in its PTEs) and writes it. A shmem page is unmapped
 * here first (its PTEs map its object's page: they cannot hold a swap entry), then leaves its
 * object's cache, whose slot keeps the swap entry (shmem_writeout). In mm/vmscan.c, for
 * reclaim and MADV_PAGEOUT. 0; -ENOSPC (no free slot), -EBUSY (mlocked or SHM_LOCKed: it
 * stays), -EAGAIN (truncated, or no memory for the swap cache: nothing changed).
 */
int add_to_swap(struct page *page);

/* --- mm/page_io.c: moving pages to and from slots --- */

#define SWAP_WRITE_BATCH	16	/* most pages swap_writepages takes at once */

/*
 * swap_writepages - write the @n (at most SWAP_WRITE_BATCH) pages of @pages (each locked, PG_writeback, in the swap
 * cache) to their slots, batching neighbouring slots into one bio, and wait. Each page is
 * unlocked when its write ends; one whose write failed keeps PG_dirty (its slot is stale).
 * Returns 0, or -EINTR if a fatal signal ended the wait (the writes finish on their own).
 */
int swap_writepages(struct page **pages, unsigned int n);
/*
 * swap_writepages_async - start the writes of @n pages as swap_writepages does (any number,
 * neighbouring slots in one bio) without waiting: each page stays locked and PG_writeback
 * until its write ends; one whose write failed keeps PG_dirty. For reclaim (mm/vmscan.c).
 */
void swap_writepages_async(struct page **pages, unsigned int n);
/* swap_readpage - read locked @page (in the swap cache) from its slot and wait. The read's
 * end sets PG_uptodate if it worked and unlocks the page. 0, -EIO, -ENOMEM or -EINTR. */
/* swap_read_submit - start reading the @n locked swap-cache pages of @pages (in slot order)
 * from their slots, neighbouring slots in one bio; no wait. Each read's end sets PG_uptodate
 * if it worked and unlocks the page; a page whose read could not start is unlocked at once,
 * not uptodate. */
void swap_read_submit(struct page **pages, unsigned int n);
/* swap_readpage - swap_read_submit of locked @page alone, then wait for it. 0, -EIO or
 * -EINTR. */
int swap_readpage(struct page *page);

#endif
