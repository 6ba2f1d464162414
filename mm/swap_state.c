/*
 * mm/swap_state.c - the swap cache: pages by swap entry (Linux's mm/swap_state.c).
 *
 * A page on its way to a slot (MADV_PAGEOUT) or back from one (do_swap_page, swapoff) is in
 * the swap cache: an xarray per swap device indexed by slot (Linux's swapper_spaces), the page
 * marked PG_swapcache with page->private = its entry, the slot marked SWAP_HAS_CACHE in the
 * swap map. Whoever needs the slot's contents looks here first, so a page being written is not
 * read back from a half-written slot, a page being read in is not read twice, and the PTEs that
 * fork left holding the same entry all come back to the same page. The cache holds one
 * reference to each of its pages; page->mapping stays NULL (a swap-cache page is anonymous).
 *
 * A page leaves the cache when it is no longer needed there: once no PTE holds its entry
 * (try_to_free_swap; the slot is freed with it), or once it is written and unmapped
 * (swap_cache_drop_clean; the slot keeps the data). A page still under I/O when its last PTE
 * went cannot leave then; its I/O's end hands it to the swap_reap thread (swap_io_done), so
 * its slot is free as soon as the device is done with it, not at some later scan.
 *
 * Swap read-ahead, in two steps:
 *   - Around a major fault (Linux's swap_cluster_readahead, page-cluster 3): a fault that must
 *     read its page also reads the other slots in use of its aligned block of SWAP_RA_PAGES,
 *     in the same bio, into the swap cache, marked PG_readahead, and waits only for its own
 *     page. The next faults on those entries find their page in the cache (minor faults:
 *     swap_ra_hit).
 *   - Ahead of a sequential reader (Faultline's; file read-ahead's asynchronous window, and
 *     the growing window of Linux's VMA-based swap read-ahead): each device remembers the
 *     last window of SWAP_RA_STREAMS readers and its mark, the slot just after the fault for
 *     a major fault's block, the first slot of an asynchronous window. A fault that finds a
 *     mark's page read ahead (its reader goes on in slot order) starts reading the next
 *     window, twice as large as the last, up to SWAP_RA_MAX slots (one bio), without waiting;
 *     its first slot is the next mark. So a reader of its swapped memory in order keeps one
 *     to two windows in flight ahead of it, and the disk's time overlaps with its own instead
 *     of adding to it. A reader that jumps elsewhere finds no mark: its next major fault
 *     starts again at SWAP_RA_PAGES, in the window of the reader that was followed longest
 *     ago (round robin).
 * A page read ahead that no fault wants is a clean swap-cache page with no PTE: it goes with
 * its slot's last PTE (free_swap_and_cache, or swap_io_done if the read is still under way),
 * at swapoff, or by reclaim, which drops clean unmapped swap-cache pages without writing.
 */
#include "mm/swap.h"
#include "mm/page_alloc.h"
#include "mm/vmstat.h"
#include "mm/lru.h"
#include "drivers/block/blkdev.h"
#include "kernel/kthread.h"
#include "kernel/io.h"
#include "kernel/printk.h"
#include "fs/pagemap.h"
#include "kernel/lib/xarray.h"
#include "kernel/errno.h"
#include "kernel/err.h"

#define SWAP_RA_ORDER	3			/* Linux's vm.page-cluster */
#define SWAP_RA_PAGES	(1UL << SWAP_RA_ORDER)	/* slots read together on a fault */
#define SWAP_RA_MAX	BIO_MAX_VECS		/* the largest asynchronous window: one bio */
#define SWAP_RA_STREAMS	4			/* sequential readers followed per device */

/* struct swap_ra_window - a reader's last read-ahead window, [start, start + size), and the
 * slot whose page, found read ahead by a fault, starts the next one (see the header; 0, the
 * header slot, is no mark). */
struct swap_ra_window {
	unsigned long start;
	unsigned long mark;
	unsigned int size;
};

/* struct swap_ra_state - a device's read-ahead windows, and the one a new reader takes. */
struct swap_ra_state {
	struct swap_ra_window windows[SWAP_RA_STREAMS];
	unsigned int next;
};

static struct xarray swapper_spaces[MAX_SWAPFILES];
static struct swap_ra_state swap_ra_states[MAX_SWAPFILES];
static unsigned long nr_swapcache;
static unsigned long swap_ra, swap_ra_hit;	/* pages read ahead; of which a fault found */

static LIST_HEAD(swap_reap_list);		/* finished bios with pages to free (bi_list) */
static DECLARE_WAIT_QUEUE_HEAD(swap_reap_wait);
static struct task_struct *swap_reaper;

void swap_ra_stats(unsigned long *ra, unsigned long *ra_hit)
{
	*ra = swap_ra;
	*ra_hit = swap_ra_hit;
}

/* swap_page_unneeded - is @page in the swap cache under an entry no PTE holds any more? */
static bool swap_page_unneeded(struct page *page)
{
	return PageSwapCache(page) && !swap_count((swp_entry_t){ page->private });
}

void swap_io_done(struct bio *bio)
{
	unsigned long flags;
	bool reap = bio->bi_opf == REQ_OP_READ;	/* no task waits for read-ahead's bios */

	for (unsigned int i = 0; i < bio->bi_vcnt && !reap; i++)
		reap = swap_page_unneeded(bio->bi_io_vec[i].bv_page);
	if (!reap || !swap_reaper) {
		bio_put_irq(bio);		/* (no thread: get_swap_page's scan reclaims them) */
		return;
	}
	flags = local_irq_save();
	list_add_tail(&bio->bi_list, &swap_reap_list);
	local_irq_restore(flags);
	wake_up(&swap_reap_wait);
}

/* The swap_reap thread runs swap_reap, and so does every swap-in (swapin_page), first and
 * after its wait, so a page it maps holds no reference of a finished bio (the thread may not
 * have run yet). */
void swap_reap(void)
{
	for (;;) {
		unsigned long flags = local_irq_save();
		struct bio *bio = list_empty(&swap_reap_list) ? NULL :
				  list_first_entry(&swap_reap_list, struct bio, bi_list);

		if (bio)
			list_del_init(&bio->bi_list);
		local_irq_restore(flags);
		if (!bio)
			return;
		for (unsigned int i = 0; i < bio->bi_vcnt; i++)
			if (swap_page_unneeded(bio->bi_io_vec[i].bv_page))
				try_to_free_swap(bio->bi_io_vec[i].bv_page);
		bio_put(bio);
	}
}

/* swap_reap_thread - the swap_reap thread's life: swap_reap whenever swap_io_done queues. */
static void swap_reap_thread(void *arg)
{
	(void)arg;
	for (;;) {
		wait_event_killable(swap_reap_wait, !list_empty(&swap_reap_list));
		swap_reap();
	}
}

unsigned long total_swapcache_pages(void)
{
	return nr_swapcache;
}

void swap_cache_init_type(unsigned int type)
{
	xa_init(&swapper_spaces[type]);
	swap_ra_states[type] = (struct swap_ra_state){ 0 };
	if (!swap_reaper) {
		swap_reaper = kthread_run(swap_reap_thread, NULL, "swap_reap");
		if (!swap_reaper)
			pr_err("swap: cannot start the swap_reap thread\n");
	}
}

int add_to_swap_cache(struct page *page, swp_entry_t entry)
{
	int err = xa_insert(&swapper_spaces[swp_type(entry)], swp_offset(entry), page, GFP_KERNEL);

	if (err)
		return err == -EBUSY ? -EEXIST : err;
	set_page_flag(page, PG_swapcache);
	page->private = entry.val;
	get_page(page);
	nr_swapcache++;
	return 0;
}

void delete_from_swap_cache(struct page *page)
{
	swp_entry_t entry = { page->private };

	xa_erase(&swapper_spaces[swp_type(entry)], swp_offset(entry));
	clear_page_flag(page, PG_swapcache);
	clear_page_flag(page, PG_dirty);
	clear_page_flag(page, PG_readahead);
	page->private = 0;
	nr_swapcache--;
	swapcache_clear(entry);
	put_page(page);
}

struct page *lookup_swap_cache(swp_entry_t entry)
{
	struct page *page;

	if (!swp_swap_info(entry))
		return NULL;
	page = xa_load(&swapper_spaces[swp_type(entry)], swp_offset(entry));
	if (page)
		get_page(page);
	return page;
}

bool try_to_free_swap(struct page *page)
{
	if (!PageSwapCache(page) || PageLocked(page) || PageWriteback(page))
		return false;
	if (swap_count((swp_entry_t){ page->private }))
		return false;
	delete_from_swap_cache(page);
	return true;
}

bool swap_cache_drop_clean(struct page *page)
{
	if (!PageSwapCache(page) || PageLocked(page) || PageWriteback(page) || PageDirty(page) ||
	    page->_mapcount)
		return false;
	delete_from_swap_cache(page);
	return true;
}

/*
 * swap_ra_page - a new page in the swap cache, locked and PG_readahead, for @entry, a
 * neighbour of a faulting entry; NULL if no PTE holds @entry or its page is cached already;
 * ERR_PTR(-ENOMEM) if there is no memory to spare. @gfp: __GFP_NORETRY (a guess: not below
 * the min watermark, no reclaim) or GFP_PAGECACHE (reclaim first, never the OOM killer). The
 * caller holds a reference and starts the read.
 */
static struct page *swap_ra_page(swp_entry_t entry, gfp_t gfp)
{
	struct page *page;

	if (!swp_swap_info(entry) || !swap_count(entry))
		return NULL;
	page = lookup_swap_cache(entry);
	if (page) {
		put_page(page);
		return NULL;
	}
	page = alloc_page(gfp);
	if (!page)
		return ERR_PTR(-ENOMEM);
	if (swapcache_prepare(entry)) {		/* the entry changed while we allocated */
		put_page(page);
		return NULL;
	}
	set_page_flag(page, PG_locked);
	if (add_to_swap_cache(page, entry)) {
		swapcache_clear(entry);
		put_page(page);
		return NULL;
	}
	set_page_flag(page, PG_readahead);
	lru_cache_add(page);			/* unused, reclaim drops it (it is clean) */
	swap_ra++;
	return page;
}

/*
 * swap_cluster_readahead - read @page (locked, in the swap cache for @entry, not uptodate)
 * and the neighbours of @entry in its aligned block of SWAP_RA_PAGES slots that PTEs hold
 * (Linux's swap_cluster_readahead), in slot order, neighbouring slots in one bio. The block
 * becomes the window of a new reader (the device's next, round robin), marked at the slot
 * after @entry. Waits for nothing: the caller waits for @page.
 */
static void swap_cluster_readahead(swp_entry_t entry, struct page *page)
{
	unsigned long start = swp_offset(entry) & ~(SWAP_RA_PAGES - 1);
	struct swap_ra_state *state = &swap_ra_states[swp_type(entry)];
	struct swap_ra_window *ra = &state->windows[state->next];
	struct page *pages[SWAP_RA_PAGES];
	unsigned int n = 0;

	for (unsigned long offset = start; offset < start + SWAP_RA_PAGES; offset++) {
		struct page *ra_page;

		if (offset == swp_offset(entry)) {
			pages[n++] = page;
			continue;
		}
		ra_page = offset ? swap_ra_page(swp_entry(swp_type(entry), offset), __GFP_NORETRY) :
				   NULL;
		if (!IS_ERR_OR_NULL(ra_page))
			pages[n++] = ra_page;
	}
	*ra = (struct swap_ra_window){ .start = start, .size = SWAP_RA_PAGES,
				       .mark = swp_offset(entry) + 1 };
	state->next = (state->next + 1) % SWAP_RA_STREAMS;
	swap_read_submit(pages, n);
	for (unsigned int i = 0; i < n; i++)
		if (pages[i] != page)
			put_page(pages[i]);	/* the swap cache and the bio hold them */
}

/* swap_ra_marked - the read-ahead window whose mark is @entry's slot, or NULL. */
static struct swap_ra_window *swap_ra_marked(swp_entry_t entry)
{
	struct swap_ra_state *state = &swap_ra_states[swp_type(entry)];

	for (unsigned int i = 0; i < SWAP_RA_STREAMS; i++)
		if (state->windows[i].mark == swp_offset(entry))
			return &state->windows[i];
	return NULL;
}

/*
 * swap_ra_async - a fault on @offset found the page of @ra's mark read ahead (in device
 * @type): start reading the next window, the slots after @ra's, twice as many up to
 * SWAP_RA_MAX, without waiting. Its first page read becomes the mark. Pages are taken only
 * above the min watermark, except the first when the reader is within SWAP_RA_PAGES of the
 * window's end: that one may reclaim (never the OOM killer), as the major fault the reader is
 * about to take would, but without waiting for a read too. Short of memory, the window ends
 * before the first page it could not have, so the next one starts there (no slot left behind
 * for a major fault); with no page at all the window stays as it was, and the mark moves to
 * the slot after @offset: the next fault tries again.
 */
static void swap_ra_async(unsigned int type, struct swap_ra_window *ra, unsigned long offset)
{
	unsigned long start = ra->start + ra->size, end;
	unsigned int size = min(max(2 * ra->size, (unsigned int)SWAP_RA_PAGES),
				(unsigned int)SWAP_RA_MAX);
	gfp_t gfp = offset + SWAP_RA_PAGES >= start ? GFP_PAGECACHE : __GFP_NORETRY;
	struct page *pages[SWAP_RA_MAX];	/* 512 bytes */
	unsigned int n = 0;

	ra->mark = offset + 1;
	for (end = start; end < start + size; end++) {
		struct page *page = swap_ra_page(swp_entry(type, end), n ? __GFP_NORETRY : gfp);

		if (IS_ERR(page))
			break;
		if (!page)
			continue;
		if (!n)
			ra->mark = end;
		pages[n++] = page;
	}
	if (n) {
		ra->start = start;
		ra->size = end - start;
	}
	swap_read_submit(pages, n);
	for (unsigned int i = 0; i < n; i++)
		put_page(pages[i]);		/* the swap cache and the bio hold them */
}

struct page *swapin_page(swp_entry_t entry, bool *major)
{
	struct page *page;
	int err;

	*major = false;
repeat:
	swap_reap();
	page = lookup_swap_cache(entry);
	if (page) {
		if (PageReadahead(page)) {	/* read ahead, and now wanted */
			struct swap_ra_window *ra = swap_ra_marked(entry);

			clear_page_flag(page, PG_readahead);
			swap_ra_hit++;
			if (ra && !fatal_signal_pending(current))
				swap_ra_async(swp_type(entry), ra, swp_offset(entry));
		}
		/* Being written out or read in by someone else: wait, then judge. */
		err = wait_on_page_locked_killable(page);
		swap_reap();
		if (err) {
			put_page(page);
			return ERR_PTR(err);
		}
		if (PageUptodate(page) && PageSwapCache(page) && page->private == entry.val)
			return page;
		/* Its read failed (or it left the cache): drop it, and read the slot ourselves. */
		if (PageSwapCache(page) && page->private == entry.val && !PageLocked(page))
			delete_from_swap_cache(page);
		put_page(page);
		goto repeat;
	}
	if (!swap_count(entry))
		return NULL;			/* the PTE changed meanwhile: nothing to read */
	page = alloc_page(GFP_HIGHUSER_MOVABLE);
	if (!page)
		return ERR_PTR(-ENOMEM);
	err = swapcache_prepare(entry);
	if (err) {
		put_page(page);
		if (err == -EEXIST)
			goto repeat;
		return NULL;			/* the allocation slept and the entry went */
	}
	set_page_flag(page, PG_locked);
	/* Inserted locked before the read starts: others find it and wait. */
	err = add_to_swap_cache(page, entry);
	if (err) {
		swapcache_clear(entry);
		put_page(page);
		if (err == -EEXIST)
			goto repeat;
		return ERR_PTR(err);
	}
	lru_cache_add_refault(page);		/* reclaim may take it again */
	*major = true;
	swap_cluster_readahead(entry, page);
	if (wait_on_page_locked_killable(page))
		err = -EINTR;
	else if (!PageUptodate(page))
		err = -EIO;
	swap_reap();
	if (err) {
		/* Killed while the device reads (-EINTR): the page stays locked in the cache
		 * until the read ends, and the next reader judges it. Otherwise it goes. */
		if (err != -EINTR && PageSwapCache(page) && !PageLocked(page))
			delete_from_swap_cache(page);
		put_page(page);
		return ERR_PTR(err);
	}
	/* While we slept in the read, reclaim may have found the page clean and unmapped and
	 * dropped it from the cache (the slot still has the data): start again. */
	if (!PageSwapCache(page) || page->private != entry.val) {
		put_page(page);
		goto repeat;
	}
	return page;
}
