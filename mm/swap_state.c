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
 * (swap_cache_drop_clean; the slot keeps the data).
 */
#include "mm/swap.h"
#include "mm/page_alloc.h"
#include "mm/vmstat.h"
#include "mm/lru.h"
#include "fs/pagemap.h"
#include "kernel/lib/xarray.h"
#include "kernel/errno.h"
#include "kernel/err.h"

static struct xarray swapper_spaces[MAX_SWAPFILES];
static unsigned long nr_swapcache;

unsigned long total_swapcache_pages(void)
{
	return nr_swapcache;
}

void swap_cache_init_type(unsigned int type)
{
	xa_init(&swapper_spaces[type]);
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

struct page *swapin_page(swp_entry_t entry, bool *major)
{
	struct page *page;
	int err;

	*major = false;
repeat:
	page = lookup_swap_cache(entry);
	if (page) {
		/* Being written out or read in by someone else: wait, then judge. */
		err = wait_on_page_locked_killable(page);
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
	lru_cache_add(page);			/* reclaim may take it again */
	*major = true;
	err = swap_readpage(page);
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
