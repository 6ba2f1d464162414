/*
 * mm/vmscan.c - page reclaim: kswapd and direct reclaim (Linux's mm/vmscan.c, in miniature).
 *
 * Seed concept: on a fault with no free page the kernel "swaps out an existing page to disk".
 * Linux does not wait for that moment: it keeps a few free pages in hand, between three
 * watermarks (mm/page_alloc.c):
 *
 *   free < low ........ the allocator wakes kswapd, a kernel thread that reclaims pages until
 *                       free reaches high, while the program goes on;
 *   free < min ........ an allocation that may sleep (user pages, page-cache pages) reclaims
 *                       itself first: "direct reclaim" (try_to_free_pages), counted in
 *                       allocstall;
 *   nothing reclaimed . the OOM killer (mm/oom_kill.c) picks a victim.
 *
 * What a reclaim pass does (shrink_node): from the LRU lists (mm/lru.h) it takes a number of
 * pages at the tail of each list, more the lower sc->priority (size >> priority, priority
 * going from DEF_PRIORITY = 12 down to 0), anonymous and file pages in proportion to
 * vm.swappiness (60: file pages cost less to drop than anonymous ones cost to swap). The
 * active lists are aged into the inactive ones when these get shorter (shrink_active_list).
 * Each inactive page is judged (page_check_references, by the replacement policy) and, if it
 * is to go, freed as its kind requires (shrink_page_list):
 *
 *   clean file page .... unmapped (try_to_unmap) and dropped from the page cache: it can be
 *                        read again from the file;
 *   dirty file page .... the flusher is woken to write it back (fs/fs-writeback.c); it waits
 *                        on the written list and is dropped once clean;
 *   anonymous page ..... given a swap slot and put in the swap cache, every PTE replaced by
 *                        the swap entry (try_to_unmap), then written to the slot
 *                        (swap_writepages_async) and freed once the write ends; it comes
 *                        back through do_swap_page, a major fault;
 *   anonymous, no swap . kept (activated): without swap, anonymous memory cannot leave RAM.
 *
 * Pages being written wait on the "written list" (Faultline's; Linux marks them PG_reclaim and
 * rotates them to the inactive tail when the write ends, from the disk's interrupt, which
 * Faultline's lists must not be touched from; Faultline's PG_reclaim only says that reclaim
 * holds the page, for the consistency checker). Every pass first frees the pages there whose
 * writes have ended. Everything is counted in /proc/vmstat with Linux's names: pgscan_kswapd
 * and pgscan_direct (pages looked at), pgsteal_kswapd and pgsteal_direct (pages freed),
 * pgactivate, pgdeactivate, pgrefill, pswpout, allocstall, pageoutrun.
 *
 * vm.policy=lru|clock|fifo on the kernel command line picks the replacement policy (see
 * mm/lru.h); the rest of reclaim is the same for the three.
 *
 * Safety. Reclaim changes other processes' page tables (through the reverse map) while they
 * may be in the kernel themselves, sleeping. The kernel is not preempted, so reclaim runs only
 * where some task sleeps or allocates with __GFP_DIRECT_RECLAIM: the fault paths re-check
 * their PTE after either (pte_same), and page tables are never freed by reclaim. Pages that are
 * locked or under write-back are skipped. The reclaiming task is marked PF_MEMALLOC: its own
 * allocations (swap cache nodes, bios) may use the reserve below min and never recurse into
 * reclaim.
 */
#include "mm/vmscan.h"
#include "mm/lru.h"
#include "mm/rmap.h"
#include "mm/swap.h"
#include "mm/shmem.h"
#include "mm/vmstat.h"
#include "mm/oom_kill.h"
#include "fs/pagemap.h"
#include "fs/mount.h"
#include "kernel/syscalls.h"
#include "kernel/kthread.h"
#include "kernel/multiboot2.h"
#include "kernel/mutex.h"
#include "kernel/wait.h"
#include "kernel/time.h"
#include "kernel/printk.h"
#include "kernel/lib/string.h"
#include "kernel/errno.h"

#define DEF_PRIORITY		12	/* the first pass scans 1/4096 of each list */
#define WRITTEN_SCAN_MAX	64	/* pages still under write-back looked at per pass */

/* struct scan_control - one reclaim run: what it may do, and how far it got. */
struct scan_control {
	unsigned long nr_to_reclaim;	/* stop once this many pages are freed */
	unsigned long nr_scanned;	/* inactive-list pages looked at */
	unsigned long nr_reclaimed;	/* pages freed */
	unsigned long nr_queued;	/* pages sent to disk, to be freed when written */
	int priority;			/* scan size >> priority of each list */
	bool kswapd;			/* kswapd's run (else direct reclaim's): the counters */
	bool may_unmap;			/* false: clean unmapped file pages only, no write */
	bool woke_flusher;		/* dirty file pages found: the flusher was woken */
	struct page *batch[SWAP_CLUSTER_MAX];	/* anonymous pages to write to swap */
	unsigned int nr_batch;
};

enum page_references {
	PAGEREF_RECLAIM,		/* evict it */
	PAGEREF_KEEP,			/* back to the head of the inactive list */
	PAGEREF_ACTIVATE,		/* to the active list */
};

static LIST_HEAD(written_list);		/* pages reclaim waits to see written (page->lru) */
static unsigned long nr_written;
static struct task_struct *kswapd_task;
static DECLARE_WAIT_QUEUE_HEAD(kswapd_wait);
static bool kswapd_woken;		/* wakeup_kswapd asked for a run */
static int kswapd_failures;		/* runs in a row that reclaimed nothing */

bool current_is_reclaiming(void)
{
	return current->flags & PF_MEMALLOC;
}

bool current_may_use_reserves(void)
{
	return (current->flags & PF_MEMALLOC) || fatal_signal_pending(current) ||
	       tsk_is_oom_victim(current);
}

/* count_scanned / count_reclaimed - pgscan_* and pgsteal_* for @nr pages of @file kind. */
static void count_scanned(struct scan_control *sc, bool file, unsigned long nr)
{
	sc->nr_scanned += nr;
	count_vm_events(sc->kswapd ? PGSCAN_KSWAPD : PGSCAN_DIRECT, nr);
	count_vm_events(file ? PGSCAN_FILE : PGSCAN_ANON, nr);
}

static void count_reclaimed(struct scan_control *sc, bool file)
{
	sc->nr_reclaimed++;
	count_vm_event(sc->kswapd ? PGSTEAL_KSWAPD : PGSTEAL_DIRECT);
	count_vm_event(file ? PGSTEAL_FILE : PGSTEAL_ANON);
}

/*
 * putback_page - reclaim is done with isolated @page: back to the head of its list (the
 * active one if @activate), and reclaim's reference dropped. A page nobody else holds any
 * more (unmapped and truncated meanwhile) is simply freed.
 */
static void putback_page(struct page *page, bool activate)
{
	clear_page_flag(page, PG_reclaim);
	if (page_count(page) == 1) {
		clear_page_flag(page, PG_active);
		put_page(page);
		return;
	}
	if (activate && !PageActive(page)) {
		set_page_flag(page, PG_active);
		count_vm_event(PGACTIVATE);
	}
	add_page_to_lru_list(page);
	put_page(page);
}

/* --- the written list --- */

/* written_add - @page (isolated, reclaim's reference) waits there for its write to end. */
static void written_add(struct page *page)
{
	list_add_tail(&page->lru, &written_list);
	nr_written++;
}

/*
 * free_written_page - @page's write has ended: free it if nothing has used it meanwhile (a
 * swap-cache page still unmapped and clean, a file page clean, unmapped and held only by its
 * cache). True if it went; else it is put back on its list.
 */
static bool free_written_page(struct page *page, struct scan_control *sc)
{
	bool file = page_lru_is_file(page);
	bool freed;

	if (file)
		freed = page->mapping && remove_mapping(page->mapping, page);
	else
		freed = swap_cache_drop_clean(page);
	if (!freed) {
		putback_page(page, false);
		return false;
	}
	clear_page_flag(page, PG_active);
	clear_page_flag(page, PG_reclaim);
	put_page(page);				/* reclaim's: the last one */
	count_reclaimed(sc, file);
	return true;
}

/* shrink_written - free the pages of the written list whose writes have ended (looking past
 * at most WRITTEN_SCAN_MAX still being written). */
static void shrink_written(struct scan_control *sc)
{
	struct page *page, *next;
	unsigned int busy = 0;

	writeback_reap();			/* end the file writes the disk has finished */
	list_for_each_entry_safe(page, next, &written_list, lru) {
		if (PageWriteback(page) || PageLocked(page)) {
			if (++busy >= WRITTEN_SCAN_MAX)
				break;
			continue;
		}
		list_del(&page->lru);
		nr_written--;
		free_written_page(page, sc);
	}
}

bool reclaim_throttle(void)
{
	struct page *page;


	list_for_each_entry(page, &written_list, lru) {
		if (!PageWriteback(page))
			continue;
		get_page(page);
		if (PageLocked(page))		/* a swap write: it ends by unlocking */
			wait_on_page_locked_killable(page);
		else
			wait_on_page_writeback_killable(page);
		put_page(page);
		return true;
	}
	/* Nothing being written: only dirty pages the flusher has yet to start, or pages kswapd
	 * holds while it works on them. Give them a tick. */
	schedule_timeout_ns(ktime_get_ns() + NSEC_PER_SEC / HZ);
	return nr_written > 0;
}

/* --- judging and freeing inactive pages --- */

/*
 * page_check_references - should @page, at the tail of its inactive list, go? By the policy:
 *   lru    referenced through a PTE since the last look: a second time (PG_referenced from
 *          the first, or several PTEs) activates it, the first time earns one more trip round
 *          the inactive list (Linux's rule: every mapped page starts with the reference its
 *          first fault made). Unreferenced: evict.
 *   clock  referenced (PTE or PG_referenced): cleared, and a second chance; else evict.
 *   fifo   evict.
 */
static enum page_references page_check_references(struct page *page)
{
	int referenced_ptes;
	bool referenced_page;

	if (reclaim_policy == POLICY_FIFO)
		return PAGEREF_RECLAIM;
	referenced_ptes = page->_mapcount > 0 ? page_referenced(page) : 0;
	referenced_page = test_and_clear_page_flag(page, PG_referenced);
	if (reclaim_policy == POLICY_CLOCK) {
		if (referenced_ptes || referenced_page) {
			count_vm_event(PGROTATED);
			return PAGEREF_KEEP;
		}
		return PAGEREF_RECLAIM;
	}
	if (referenced_ptes) {
		set_page_flag(page, PG_referenced);
		if (referenced_page || referenced_ptes > 1)
			return PAGEREF_ACTIVATE;
		return PAGEREF_KEEP;
	}
	return PAGEREF_RECLAIM;
}

/* flush_swap_batch - start writing the anonymous pages collected in sc->batch; they wait on
 * the written list. */
static void flush_swap_batch(struct scan_control *sc)
{
	if (!sc->nr_batch)
		return;
	swap_writepages_async(sc->batch, sc->nr_batch);
	for (unsigned int i = 0; i < sc->nr_batch; i++)
		written_add(sc->batch[i]);
	sc->nr_queued += sc->nr_batch;
	sc->nr_batch = 0;
}

int add_to_swap(struct page *page)
{
	bool shmem = !PageAnon(page);
	swp_entry_t entry;
	int err;

	if (shmem && !(PageSwapBacked(page) && page->mapping))
		return -EAGAIN;				/* shmem truncated meanwhile */
	if (shmem && page->mapping->unevictable)
		return -EBUSY;				/* SHM_LOCK */
	entry = get_swap_page();
	if (!entry.val)
		return -ENOSPC;				/* swap full (or none): it must stay */
	if (shmem && page->_mapcount > 0 && !try_to_unmap(page)) {
		swapcache_clear(entry);
		return -EBUSY;				/* mlocked */
	}
	err = shmem ? shmem_writeout(page, entry) : add_to_swap_cache(page, entry);
	if (err) {
		swapcache_clear(entry);
		return -EAGAIN;
	}
	set_page_flag(page, PG_uptodate);
	set_page_flag(page, PG_dirty);
	return 0;
}

/*
 * shrink_anon_page - evict anonymous, shmem or swap-cache @page: a slot, the swap cache, the
 * PTEs replaced by the swap entry, then the write (batched) or, if the slot already holds the
 * data, freed at once. Returns the reference decision for a page that stays.
 */
static enum page_references shrink_anon_page(struct page *page, struct scan_control *sc)
{
	if (!PageSwapCache(page)) {
		int err = add_to_swap(page);

		if (err)	/* full or locked: it must stay; else maybe next time */
			return err == -EAGAIN ? PAGEREF_KEEP : PAGEREF_ACTIVATE;
	}
	if (page->_mapcount > 0 && !try_to_unmap(page))
		return PAGEREF_ACTIVATE;		/* mlocked, or a slot could not be shared */
	if (PageDirty(page)) {
		set_page_flag(page, PG_locked);
		set_page_writeback(page);
		sc->batch[sc->nr_batch++] = page;	/* reclaim's reference goes with it */
		if (sc->nr_batch == SWAP_CLUSTER_MAX)
			flush_swap_batch(sc);
		return PAGEREF_RECLAIM;
	}
	if (!swap_cache_drop_clean(page))
		return PAGEREF_KEEP;
	clear_page_flag(page, PG_reclaim);
	put_page(page);
	count_reclaimed(sc, false);
	return PAGEREF_RECLAIM;
}

/*
 * shrink_file_page - evict page-cache @page: unmapped, then dropped if clean; if dirty, the
 * flusher is woken and the page waits on the written list.
 */
static enum page_references shrink_file_page(struct page *page, struct scan_control *sc)
{
	struct address_space *mapping = page->mapping;

	if (!mapping)
		return PAGEREF_KEEP;			/* truncated: freed when its holders let go */
	if (page->_mapcount > 0) {
		if (!sc->may_unmap)
			return PAGEREF_KEEP;
		if (!try_to_unmap(page))
			return PAGEREF_ACTIVATE;
	}
	if (PageDirty(page)) {
		if (!sc->may_unmap)
			return PAGEREF_KEEP;
		if (!sc->woke_flusher) {
			wakeup_flusher_threads();
			sc->woke_flusher = true;
		}
		written_add(page);
		sc->nr_queued++;
		return PAGEREF_RECLAIM;
	}
	if (!remove_mapping(mapping, page))
		return PAGEREF_KEEP;
	clear_page_flag(page, PG_active);
	clear_page_flag(page, PG_reclaim);
	put_page(page);
	count_reclaimed(sc, true);
	return PAGEREF_RECLAIM;
}

/* shrink_page_list - judge and evict each page of @pages (isolated); the survivors go back. */
static void shrink_page_list(struct list_head *pages, struct scan_control *sc)
{
	while (!list_empty(pages)) {
		struct page *page = list_first_entry(pages, struct page, lru);
		enum page_references ref;

		list_del(&page->lru);
		if (PageLocked(page) || PageWriteback(page)) {
			if (PageWriteback(page) && page_lru_is_file(page) && sc->may_unmap)
				written_add(page);	/* the flusher is writing it: free it after */
			else
				putback_page(page, false);
			continue;
		}
		ref = page_check_references(page);
		if (ref == PAGEREF_RECLAIM && page_lru_is_file(page))
			ref = shrink_file_page(page, sc);
		else if (ref == PAGEREF_RECLAIM && sc->may_unmap)
			ref = shrink_anon_page(page, sc);
		else if (ref == PAGEREF_RECLAIM)
			ref = PAGEREF_KEEP;
		if (ref != PAGEREF_RECLAIM)
			putback_page(page, ref == PAGEREF_ACTIVATE);
	}
	flush_swap_batch(sc);
}

/* isolate_lru_pages - take up to @nr pages from the tail of @lru onto @dst, each with a
 * reference for reclaim. Returns how many. */
static unsigned long isolate_lru_pages(unsigned long nr, enum lru_list lru, struct list_head *dst)
{
	unsigned long taken = 0;

	while (taken < nr && !list_empty(&lruvec.lists[lru])) {
		struct page *page = list_last_entry(&lruvec.lists[lru], struct page, lru);

		del_page_from_lru_list(page);
		get_page(page);
		set_page_flag(page, PG_reclaim);	/* for the consistency checker */
		list_add_tail(&page->lru, dst);
		taken++;
	}
	return taken;
}

/* shrink_inactive_list - evict what it can of @nr pages from the tail of inactive @lru. */
static void shrink_inactive_list(unsigned long nr, enum lru_list lru, struct scan_control *sc)
{
	LIST_HEAD(pages);
	unsigned long taken = isolate_lru_pages(nr, lru, &pages);

	count_scanned(sc, lru == LRU_INACTIVE_FILE, taken);
	shrink_page_list(&pages, sc);
}

/*
 * shrink_active_list - age @nr pages from the tail of active @lru: their Accessed bits are
 * cleared (page_referenced) and they move to the head of the inactive list, where only a new
 * reference will bring them back (Linux keeps referenced executable pages active; Faultline
 * does not single them out).
 */
static void shrink_active_list(unsigned long nr, enum lru_list lru)
{
	LIST_HEAD(pages);
	unsigned long taken = isolate_lru_pages(nr, lru, &pages);

	count_vm_events(PGREFILL, taken);
	while (!list_empty(&pages)) {
		struct page *page = list_first_entry(&pages, struct page, lru);

		list_del(&page->lru);
		if (page->_mapcount > 0)
			page_referenced(page);
		clear_page_flag(page, PG_active);
		count_vm_event(PGDEACTIVATE);
		putback_page(page, false);
	}
}

/* inactive_is_low - should the active list of @inactive's kind be aged? Linux's ratio for
 * less than 1 GiB of memory: when the inactive list is the shorter. */
static bool inactive_is_low(enum lru_list inactive)
{
	return lru_pages(inactive) < lru_pages(inactive + LRU_ACTIVE);
}

/* can_reclaim_anon - may anonymous pages be reclaimed now: swap with a free slot? */
static bool can_reclaim_anon(void)
{
	unsigned long total, free;

	si_swapinfo(&total, &free);
	return free > 0;
}

/*
 * get_scan_count - how many pages of each list this pass looks at: the list's size >>
 * priority, anonymous lists weighted VM_SWAPPINESS and file lists 200 - VM_SWAPPINESS (Linux's
 * SCAN_FRACT without the cost feedback); only file pages without free swap, only anonymous
 * pages when the file lists are nearly empty.
 */
static void get_scan_count(struct scan_control *sc, unsigned long nr[NR_LRU_LISTS])
{
	bool anon_ok = sc->may_unmap && can_reclaim_anon();
	unsigned long file = lru_pages(LRU_INACTIVE_FILE) + lru_pages(LRU_ACTIVE_FILE);
	unsigned long anon_w = VM_SWAPPINESS, file_w = 200 - VM_SWAPPINESS;

	if (!anon_ok)
		anon_w = 0;
	else if (file < wmark_pages(WMARK_HIGH))
		file_w = 0;			/* too few file pages to matter */
	for (int lru = 0; lru < NR_LRU_LISTS; lru++) {
		unsigned long w = lru >= LRU_INACTIVE_FILE ? file_w : anon_w;
		unsigned long size = lru_pages(lru);
		unsigned long scan = size >> sc->priority;

		if (!w) {
			nr[lru] = 0;
			continue;
		}
		/* A small list would never be scanned at the first priorities: take a batch. */
		if (!scan && size)
			scan = min(size, (unsigned long)SWAP_CLUSTER_MAX);
		nr[lru] = (scan * w + 199) / 200 + (sc->priority == 0 ? scan : 0);
	}
}

/*
 * shrink_node - one reclaim pass at sc->priority over the four lists (Linux's shrink_lruvec):
 * batches of SWAP_CLUSTER_MAX from each list in turn until the pass's counts are used up or
 * enough is freed. Active lists are aged only while their inactive list is the shorter; under
 * the clock and fifo policies there are no active pages to age.
 */
static void shrink_node(struct scan_control *sc)
{
	unsigned long nr[NR_LRU_LISTS];
	bool more;

	shrink_written(sc);
	get_scan_count(sc, nr);
	do {
		more = false;
		for (int lru = 0; lru < NR_LRU_LISTS; lru++) {
			unsigned long batch = min(nr[lru], (unsigned long)SWAP_CLUSTER_MAX);

			if (!batch)
				continue;
			nr[lru] -= batch;
			more = true;
			if (lru == LRU_ACTIVE_ANON || lru == LRU_ACTIVE_FILE) {
				if (inactive_is_low(lru - LRU_ACTIVE))
					shrink_active_list(batch, lru);
			} else {
				shrink_inactive_list(batch, lru, sc);
			}
		}
		/* Pages on their way to the disk count: they are freed when written. Going on
		 * would send far more pages out than asked for. */
		if (sc->nr_reclaimed + sc->nr_queued >= sc->nr_to_reclaim)
			break;
		cond_resched();
	} while (more);
	shrink_written(sc);
}

unsigned long try_to_free_pages(gfp_t gfp, unsigned int order)
{
	struct scan_control scan = { 0 }, *sc = &scan;	/* ~300 bytes: no allocation here */

	(void)gfp;
	sc->nr_to_reclaim = max((unsigned long)SWAP_CLUSTER_MAX, 1UL << order);
	sc->may_unmap = true;
	count_vm_event(ALLOCSTALL);
	current->flags |= PF_MEMALLOC;
	/* Many pages already on their way to the disk: wait for the first of them to be written
	 * rather than scan for more (Linux's reclaim_throttle for write-back). A scan now would
	 * only find pages referenced once and cycle the whole list in one go. */
	shrink_written(sc);
	if (!sc->nr_reclaimed && nr_written >= 2 * SWAP_CLUSTER_MAX) {
		reclaim_throttle();
		shrink_written(sc);
	}
	if (sc->nr_reclaimed) {
		current->flags &= ~PF_MEMALLOC;
		return sc->nr_reclaimed;
	}
	for (sc->priority = DEF_PRIORITY; sc->priority >= 0; sc->priority--) {
		shrink_node(sc);
		if (sc->nr_reclaimed + sc->nr_queued >= sc->nr_to_reclaim ||
		    fatal_signal_pending(current))
			break;
	}
	current->flags &= ~PF_MEMALLOC;
	if (sc->nr_reclaimed)
		kswapd_failures = 0;		/* memory can be freed again: kswapd may retry */
	if (nr_written)
		wakeup_kswapd();		/* it frees what we sent to disk once written */
	return sc->nr_reclaimed;
}

unsigned long shrink_clean_file_pages(unsigned long nr)
{
	struct scan_control scan = { 0 }, *sc = &scan;

	if (current_is_reclaiming())
		return 0;
	sc->nr_to_reclaim = nr;
	current->flags |= PF_MEMALLOC;
	for (sc->priority = DEF_PRIORITY; sc->priority >= 0 && sc->nr_reclaimed < nr; sc->priority--)
		shrink_inactive_list(max(lru_pages(LRU_INACTIVE_FILE) >> sc->priority,
					 (unsigned long)SWAP_CLUSTER_MAX), LRU_INACTIVE_FILE, sc);
	current->flags &= ~PF_MEMALLOC;
	return sc->nr_reclaimed;
}

/* --- kswapd --- */

void wakeup_kswapd(void)
{
	if (!kswapd_task || kswapd_woken || kswapd_failures >= MAX_RECLAIM_RETRIES)
		return;
	kswapd_woken = true;
	wake_up(&kswapd_wait);
	/* Let it run at the waker's next return to user mode, as Linux's scheduler lets a task
	 * that slept preempt the one that woke it: reclaim then goes on in kswapd's small steps
	 * while the program runs between them, rather than in one long direct reclaim. */
	need_resched = true;
}

/*
 * balance_pgdat - one kswapd run: reclaim until free pages reach the high watermark, raising
 * the priority (scanning more) whenever a pass frees less than it was asked to (Linux's
 * balance_pgdat). Returns the pages freed.
 */
static unsigned long balance_pgdat(struct scan_control *sc)
{
	unsigned long total = 0;

	sc->priority = DEF_PRIORITY;
	/* Pages being written are as good as free: they are, once their writes end. */
	while (nr_free_pages() + nr_written < wmark_pages(WMARK_HIGH) && sc->priority >= 0) {
		sc->nr_to_reclaim = max((unsigned long)SWAP_CLUSTER_MAX,
					wmark_pages(WMARK_HIGH) - nr_free_pages() - nr_written);
		sc->nr_reclaimed = 0;
		sc->nr_queued = 0;
		shrink_node(sc);
		total += sc->nr_reclaimed + sc->nr_queued;
		if (sc->nr_reclaimed + sc->nr_queued < sc->nr_to_reclaim)
			sc->priority--;		/* freed too little: look harder */
		cond_resched();
	}
	/* Then free what was written, waiting for the writes: kswapd leaves no page on the
	 * written list when it sleeps (nobody else may come to free them while memory is
	 * plentiful). Pages the flusher has yet to write go back to their list. */
	while (nr_written) {
		shrink_written(sc);
		if (!nr_written || !reclaim_throttle())
			break;
	}
	return total;
}

/* kswapd - the thread: sleep until woken below the low watermark, then balance_pgdat. Runs
 * that free nothing are counted; after MAX_RECLAIM_RETRIES in a row it is not woken again
 * until direct reclaim frees something (Linux's kswapd_failures). */
static void kswapd(void *arg)
{
	static struct scan_control scan;
	struct scan_control *sc = &scan;

	(void)arg;
	current->flags |= PF_MEMALLOC | PF_KSWAPD;
	for (;;) {
		__wait_event(kswapd_wait, kswapd_woken, no_stop, 0);
		count_vm_event(PAGEOUTRUN);
		memset(sc, 0, sizeof(*sc));
		sc->kswapd = true;
		sc->may_unmap = true;
		if (balance_pgdat(sc))
			kswapd_failures = 0;
		else
			kswapd_failures++;
		kswapd_woken = false;
	}
}

/* reclaim_policy_setup - vm.policy= from the kernel command line. */
static void reclaim_policy_setup(void)
{
	static const char *const names[] = {
		[POLICY_LRU] = "lru", [POLICY_CLOCK] = "clock", [POLICY_FIFO] = "fifo",
	};
	char buf[16];

	if (!cmdline_value("vm.policy", buf, sizeof(buf)))
		return;
	for (unsigned int i = 0; i < ARRAY_SIZE(names); i++) {
		if (!strcmp(buf, names[i])) {
			reclaim_policy = (enum reclaim_policy)i;
			pr_info("vmscan: replacement policy %s\n", names[i]);
			return;
		}
	}
	pr_warn("vm.policy=%s ignored: expected lru, clock or fifo\n", buf);
}

const char *reclaim_policy_name(void)
{
	return reclaim_policy == POLICY_CLOCK ? "clock" :
	       reclaim_policy == POLICY_FIFO ? "fifo" : "lru";
}

void vmscan_init(void)
{
	reclaim_policy_setup();
	kswapd_task = kthread_run(kswapd, NULL, "kswapd0");
	if (!kswapd_task)
		pr_err("vmscan: cannot start kswapd\n");
	pr_info("vmscan: watermarks min %lu low %lu high %lu pages\n", wmark_pages(WMARK_MIN),
		wmark_pages(WMARK_LOW), wmark_pages(WMARK_HIGH));
}
