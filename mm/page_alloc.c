/*
 * mm/page_alloc.c - the buddy allocator: physical page frames in power-of-two blocks.
 *
 * Seed concept: "Page Allocation - manages the allocation and deallocation of physical memory
 * pages". As in Linux, free memory is kept as blocks of 2^order contiguous frames, order
 * 0..MAX_ORDER, one free list per order. A block of order k starting at pfn always has
 * pfn % 2^k == 0, so its "buddy" - the other half of the order k+1 block it belongs to - is
 * at pfn ^ 2^k.
 *
 *   alloc_pages(order): take a block from the smallest non-empty list >= order and split
 *                       it, putting each unused half back on the list one order down.
 *   __free_pages():     while the buddy is a free block of the same order, take it off its
 *                       list and merge; put the result on its list.
 *
 * Only the head page of a free block carries PG_buddy and page->order; every frame of a free
 * block has _refcount 0. Faultline has one CPU and allocates only from process context, so
 * no lock is taken here.
 *
 * The watermarks (min, low, high; setup_per_zone_wmarks) decide when memory is short: below
 * low kswapd is woken, below min an allocation that may reclaim does (mm/vmscan.c), and only
 * the kernel's own allocations, reclaim's and a dying task's go below min.
 */
#include "mm/page_alloc.h"
#include "mm/oom_kill.h"
#include "mm/vmscan.h"
#include "mm/lru.h"
#include "kernel/printk.h"
#include "kernel/panic.h"
#include "kernel/lib/string.h"

struct free_area {
	struct list_head free_list;	/* head pages of free blocks of this order, via page->lru */
	unsigned long nr_free;		/* blocks on free_list */
};

struct page *mem_map;
unsigned long max_pfn;

static struct free_area free_area[MAX_ORDER + 1];
static unsigned long free_pages_count;	/* frames on the free lists */
static unsigned long total_pages;	/* frames ever given to the allocator */
static unsigned long bad_page_count;	/* bad frees caught */
static unsigned long watermark[NR_WMARK];	/* pages: see setup_per_zone_wmarks */

#define WMARK_SCALE_FACTOR	10	/* per 10,000 of RAM between the watermarks (Linux) */

/*
 * bad_page - report a free that would corrupt the allocator: "BUG: Bad page state" (or, if a
 * self test announced it, "selftest: expected report: Bad page state": see expect_reports).
 * @pfn is the frame the caller named (it may lie outside mem_map, then no flags are shown).
 * The caller then ignores the free; the counter lets tests see the report.
 */
static void bad_page(unsigned long pfn, const char *reason)
{
	const char *prefix = expected_report() ? EXPECTED_REPORT_PREFIX : "BUG: ";

	bad_page_count++;
	if (pfn_valid(pfn)) {
		struct page *page = pfn_to_page(pfn);

		pr_err("%sBad page state: pfn %#lx flags %#lx count %d: %s\n",
		       prefix, pfn, page->flags, page_count(page), reason);
	} else {
		pr_err("%sBad page state: pfn %#lx outside mem_map (max_pfn %#lx): %s\n",
		       prefix, pfn, max_pfn, reason);
	}
}

/* Put the free block of 2^@order frames at @page on its free list (no merging). */
static void add_to_free_area(struct page *page, unsigned int order)
{
	set_page_flag(page, PG_buddy);
	page->order = order;
	list_add(&page->lru, &free_area[order].free_list);
	free_area[order].nr_free++;
}

/* Take the free block at @page (of order @order) off its free list. */
static void del_from_free_area(struct page *page, unsigned int order)
{
	list_del(&page->lru);
	clear_page_flag(page, PG_buddy);
	free_area[order].nr_free--;
}

/*
 * __free_one_page - give the block of 2^@order frames at @pfn back, merging it with its
 * buddy as long as the buddy is a whole free block of the same order. Every frame of the
 * block must already have _refcount 0 and no flags.
 */
static void __free_one_page(unsigned long pfn, unsigned int order)
{
	free_pages_count += 1UL << order;
	while (order < MAX_ORDER) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);
		struct page *buddy;

		if (!pfn_valid(buddy_pfn))
			break;
		buddy = pfn_to_page(buddy_pfn);
		if (!PageBuddy(buddy) || buddy->order != order)
			break;		/* buddy in use, reserved, or split into smaller blocks */
		del_from_free_area(buddy, order);
		pfn &= ~(1UL << order);	/* the merged block starts at the lower of the two */
		order++;
	}
	add_to_free_area(pfn_to_page(pfn), order);
}

/*
 * free_area_init - set up the allocator over mem_map[0, nr_pfns) with every frame reserved.
 * Frames become allocatable only through free_bootmem_range(). Call once at boot.
 */
void free_area_init(struct page *map, unsigned long nr_pfns)
{
	unsigned long pfn;
	unsigned int order;

	mem_map = map;
	max_pfn = nr_pfns;
	for (pfn = 0; pfn < nr_pfns; pfn++) {
		struct page *page = &map[pfn];

		memset(page, 0, sizeof(*page));
		set_page_flag(page, PG_reserved);
		INIT_LIST_HEAD(&page->lru);
	}
	for (order = 0; order <= MAX_ORDER; order++) {
		INIT_LIST_HEAD(&free_area[order].free_list);
		free_area[order].nr_free = 0;
	}
	free_pages_count = 0;
	total_pages = 0;
	bad_page_count = 0;
}

/* True if every frame of [pfn, pfn + nr) is still PG_reserved (never handed over). */
static bool range_reserved(unsigned long pfn, unsigned long nr)
{
	for (; nr; pfn++, nr--)
		if (!PageReserved(pfn_to_page(pfn)))
			return false;
	return true;
}

/*
 * free_bootmem_range - hand the frames [start_pfn, end_pfn) to the buddy allocator, in the
 * largest naturally aligned blocks that fit. Frames beyond max_pfn are ignored; a frame that
 * is not reserved any more (handed over twice) is reported as a bad page and skipped.
 */
void free_bootmem_range(unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long pfn = start_pfn, i;

	end_pfn = min(end_pfn, max_pfn);
	while (pfn < end_pfn) {
		unsigned int order = 0;

		while (order < MAX_ORDER && IS_ALIGNED(pfn, 1UL << (order + 1)) &&
		       pfn + (2UL << order) <= end_pfn)
			order++;
		while (order > 0 && !range_reserved(pfn, 1UL << order))
			order--;
		if (!PageReserved(pfn_to_page(pfn))) {
			bad_page(pfn, "freeing boot memory twice");
			pfn++;
			continue;
		}
		for (i = 0; i < (1UL << order); i++)
			clear_page_flag(pfn_to_page(pfn + i), PG_reserved);
		total_pages += 1UL << order;
		__free_one_page(pfn, order);
		pfn += 1UL << order;
	}
}

/*
 * get_page_from_freelist - take 2^@order frames from the free lists (the fast path).
 * Returns the first frame's descriptor with _refcount 1 (zeroed with __GFP_ZERO), or NULL
 * if no block of that order is free (or order > MAX_ORDER).
 */
static struct page *get_page_from_freelist(gfp_t gfp, unsigned int order)
{
	unsigned int current_order = order;
	struct page *page;

	if (order > MAX_ORDER)
		return NULL;
	while (current_order <= MAX_ORDER && list_empty(&free_area[current_order].free_list))
		current_order++;
	if (current_order > MAX_ORDER)
		return NULL;

	page = list_first_entry(&free_area[current_order].free_list, struct page, lru);
	del_from_free_area(page, current_order);
	/* expand(): split off the upper halves until the block is the size asked for. */
	while (current_order > order) {
		current_order--;
		add_to_free_area(page + (1UL << current_order), current_order);
	}
	free_pages_count -= 1UL << order;

	page->flags = 0;
	page->_mapcount = 0;
	page->mapping = NULL;	/* clears the whole union: order, slab fields, index, private */
	page->index = 0;
	page->private = 0;
	set_page_count(page, 1);
	if (gfp & __GFP_ZERO)
		for (unsigned long i = 0; i < (1UL << order); i++)
			clear_page(page_address(page + i));
	return page;
}

/*
 * __alloc_pages_may_oom - reclaim made no progress for a user allocation: run the OOM
 * killer, and retry as long as it freed memory (a victim exited). Returns the block, or
 * NULL when the OOM killer made no progress: the current task is the victim or dying
 * anyway, nothing could be killed, or the victim did not exit in time (mm/oom_kill.h).
 */
static struct page *__alloc_pages_may_oom(gfp_t gfp, unsigned int order)
{
	struct oom_control oc = { .gfp_mask = gfp, .order = (int)order };
	struct page *page;

	do {
		if (!out_of_memory(&oc))
			return NULL;
		page = get_page_from_freelist(gfp, order);
	} while (!page);
	return page;
}

/* watermark_ok - would 2^@order pages leave at least @mark free? */
static bool watermark_ok(unsigned int order, unsigned long mark)
{
	return free_pages_count >= mark + (1UL << order);
}

/*
 * __alloc_pages_slowpath - free pages are below min and the caller may reclaim: reclaim
 * directly and retry, as long as reclaim frees pages or pages it sent to disk are still being
 * written (at most MAX_RECLAIM_RETRIES passes without progress); then, for user memory, the OOM
 * killer. A dying task (SIGKILL, an OOM victim) may take the reserve below min: its exit is
 * what frees memory.
 */
static struct page *__alloc_pages_slowpath(gfp_t gfp, unsigned int order)
{
	int no_progress = 0;
	struct page *page;

	for (;;) {
		if (current_may_use_reserves())
			return get_page_from_freelist(gfp, order);
		if (try_to_free_pages(gfp, order)) {
			no_progress = 0;
		} else {
			if (++no_progress > MAX_RECLAIM_RETRIES)
				break;
			reclaim_throttle();
		}
		if (watermark_ok(order, watermark[WMARK_MIN])) {
			page = get_page_from_freelist(gfp, order);
			if (page)
				return page;
		}
	}
	if (!(gfp & __GFP_HARDWALL) || order > PAGE_ALLOC_COSTLY_ORDER)
		return NULL;
	return __alloc_pages_may_oom(gfp, order);
}

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	struct page *page;

	if (watermark_ok(order, watermark[WMARK_LOW]) || current_is_reclaiming())
		return get_page_from_freelist(gfp, order);
	wakeup_kswapd();
	if (watermark_ok(order, watermark[WMARK_MIN]))
		return get_page_from_freelist(gfp, order);
	if (gfp & __GFP_NORETRY)
		return NULL;
	if (gfp & __GFP_DIRECT_RECLAIM)
		return __alloc_pages_slowpath(gfp, order);
	/* A kernel allocation: the reserve, then clean file pages (nothing is unmapped). */
	page = get_page_from_freelist(gfp, order);
	while (!page && shrink_clean_file_pages(SWAP_CLUSTER_MAX + (1UL << order)))
		page = get_page_from_freelist(gfp, order);
	return page;
}

void setup_per_zone_wmarks(void)
{
	unsigned long kbytes = total_pages * (PAGE_SIZE / 1024), min_kbytes = 0, gap;

	/* Linux's min_free_kbytes: sqrt(lowmem_kbytes * 16), between 128 KiB and 256 MiB. */
	while ((min_kbytes + 1) * (min_kbytes + 1) <= kbytes * 16)
		min_kbytes++;
	min_kbytes = min(max(min_kbytes, 128UL), 262144UL);
	watermark[WMARK_MIN] = min_kbytes / (PAGE_SIZE / 1024);
	gap = max(watermark[WMARK_MIN] / 4, total_pages * WMARK_SCALE_FACTOR / 10000);
	watermark[WMARK_LOW] = watermark[WMARK_MIN] + gap;
	watermark[WMARK_HIGH] = watermark[WMARK_MIN] + 2 * gap;
}

unsigned long wmark_pages(enum zone_watermarks w)
{
	return watermark[w];
}

/*
 * free_pages_check - may the 2^@order block at @pfn be freed? Reports and returns false if
 * not: outside mem_map, misaligned, already free, reserved, still a slab, or (for the
 * block's last reference) still mapped by a PTE, still in a page cache, or a tail frame in
 * use elsewhere - which means the order is wrong.
 */
static bool free_pages_check(unsigned long pfn, unsigned int order)
{
	struct page *page;
	unsigned long i;

	if (order > MAX_ORDER) {
		bad_page(pfn, "order above MAX_ORDER");
		return false;
	}
	if (!pfn_valid(pfn) || max_pfn - pfn < (1UL << order)) {
		bad_page(pfn, "not in mem_map");
		return false;
	}
	if (!IS_ALIGNED(pfn, 1UL << order)) {
		bad_page(pfn, "block not aligned to its order");
		return false;
	}
	page = pfn_to_page(pfn);
	if (PageReserved(page)) {
		bad_page(pfn, "freeing a reserved frame");
		return false;
	}
	if (PageBuddy(page) || page_count(page) <= 0) {
		bad_page(pfn, "freeing a free frame (double free?)");
		return false;
	}
	if (page_count(page) > 1)
		return true;	/* only a reference goes: the tail frames stay untouched (a
				 * bio may hold one on a kmalloc'ed buffer's slab frame) */
	if (PageSlab(page)) {
		bad_page(pfn, "freeing a slab frame behind the slab allocator's back");
		return false;
	}
	/* The last reference: nothing may still map the frame or own it (Linux's
	 * page_bad_reason()). A frame freed while a PTE maps it would be handed out again
	 * while a process can still read and write it. */
	if (page->_mapcount != 0) {
		bad_page(pfn, "nonzero mapcount (freed while still mapped)");
		return false;
	}
	if (page->mapping) {
		bad_page(pfn, "non-NULL mapping (freed while still in a page cache)");
		return false;
	}
	for (i = 1; i < (1UL << order); i++) {
		struct page *tail = page + i;

		if (PageReserved(tail) || PageBuddy(tail) || page_count(tail) != 0) {
			bad_page(pfn + i, "tail frame not part of this block (wrong order?)");
			return false;
		}
	}
	return true;
}

/*
 * __free_pages - drop a reference to the 2^@order block at @page; free it when it was the last.
 * Freeing a frame that is already free, reserved, or not in mem_map is reported as
 * "BUG: Bad page state" on the console and ignored (nothing is corrupted).
 */
void __free_pages(struct page *page, unsigned int order)
{
	/* Computed on integers, not page_to_pfn(): @page may point anywhere, even below mem_map
	 * or into the middle of a descriptor; both give a pfn that fails the checks. */
	unsigned long offset = (unsigned long)page - (unsigned long)mem_map;
	unsigned long pfn = offset / sizeof(struct page);

	if (offset % sizeof(struct page) != 0)
		pfn = ~0UL;
	if (!free_pages_check(pfn, order))
		return;
	page = pfn_to_page(pfn);
	if (--page->_refcount > 0)
		return;
	if (PageLRU(page))
		del_page_from_lru_list(page);	/* Linux's __page_cache_release */
	page->flags = 0;	/* PG_head, PG_anon, PG_dirty...: nothing survives a free */
	page->_mapcount = 0;
	__free_one_page(pfn, order);
}

/* put_page - drop a reference to an order-0 page, freeing it when none remain. */
void put_page(struct page *page)
{
	__free_pages(page, 0);
}

/* __get_free_pages - alloc_pages() returning the block's direct-map address, 0 if none. */
unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp, order);

	return page ? (unsigned long)page_address(page) : 0;
}

/* get_zeroed_page - one zeroed frame's direct-map address, 0 if none. */
unsigned long get_zeroed_page(gfp_t gfp)
{
	return __get_free_pages(gfp | __GFP_ZERO, 0);
}

/* free_pages - __free_pages() by direct-map address; 0 is ignored, a non-RAM address reported. */
void free_pages(unsigned long addr, unsigned int order)
{
	unsigned long pfn = __pa(addr) >> PAGE_SHIFT;

	if (addr == 0)
		return;
	if (!pfn_valid(pfn) || !IS_ALIGNED(addr, PAGE_SIZE)) {
		bad_page(pfn, "free_pages of an address not in the direct map of RAM");
		return;
	}
	__free_pages(pfn_to_page(pfn), order);
}

/* nr_free_pages - frames currently on the free lists. */
unsigned long nr_free_pages(void)
{
	return free_pages_count;
}

/* totalram_pages - frames ever handed to the allocator by free_bootmem_range(). */
unsigned long totalram_pages(void)
{
	return total_pages;
}

/* nr_bad_page_reports - how many bad frees were caught and ignored. */
unsigned long nr_bad_page_reports(void)
{
	return bad_page_count;
}

int for_each_free_block(int (*fn)(struct page *page, unsigned int order, void *arg), void *arg)
{
	for (unsigned int order = 0; order <= MAX_ORDER; order++) {
		struct page *page;

		list_for_each_entry(page, &free_area[order].free_list, lru) {
			int err = fn(page, order, arg);

			if (err)
				return err;
		}
	}
	return 0;
}

/* nr_free_blocks - free blocks of exactly 2^@order frames (0 for an order out of range). */
unsigned long nr_free_blocks(unsigned int order)
{
	return order <= MAX_ORDER ? free_area[order].nr_free : 0;
}
