/*
 * mm/lru.h - the LRU lists: which user pages reclaim looks at, oldest first (Linux's
 * mm_inline.h and the LRU half of mm/swap.c).
 *
 * Seed concept: when memory runs short the kernel "swaps out an existing page to disk". Which
 * page? One that has not been used for a while. Linux approximates "least recently used" with
 * two lists for each kind of page, and Faultline keeps the same four:
 *
 *   inactive anon   active anon      anonymous pages (private memory, the swap cache)
 *   inactive file   active file      page-cache pages of files on a disk
 *
 * A new page goes to the head of its inactive list. Reclaim (mm/vmscan.c) takes pages from
 * the tail. A page found referenced there a second time (its PTEs' Accessed bits, read by
 * page_referenced(), or PG_referenced set by read()/write()) is activated: moved to the active
 * list. When the inactive list becomes shorter than the active one, the tail of the active
 * list is aged: each page's Accessed bits are cleared and the page moves to the inactive list,
 * where it must be referenced again to stay. So a page used once (a file read through) leaves
 * memory soon, and a page used over and over stays.
 *
 * Pages that cannot be evicted are on no list: kernel memory, ramfs and shmem pages (no disk
 * behind them: Linux's "unevictable" list), the zero page. A page is on a list while PG_lru is
 * set; reclaim takes it off ("isolates" it, with a reference) while it works on it, and puts
 * it back. A page whose last reference goes while on a list leaves it in __free_pages.
 *
 * vm.policy= on the kernel command line changes how the lists are used (mm/vmscan.c):
 *   lru    (default) the two-list LRU above;
 *   clock  one list per kind, second chance: a referenced page at the tail is cleared and sent
 *          to the head, the first unreferenced one is evicted;
 *   fifo   one list per kind, the oldest page is evicted whatever its use.
 *
 * One CPU and a kernel that is never preempted: the lists are changed only from tasks (never
 * from an interrupt), so no lock is needed.
 */
#ifndef FAULTLINE_LRU_H
#define FAULTLINE_LRU_H

#include "mm/page.h"

enum lru_list {
	LRU_INACTIVE_ANON,
	LRU_ACTIVE_ANON,
	LRU_INACTIVE_FILE,
	LRU_ACTIVE_FILE,
	NR_LRU_LISTS
};

#define LRU_ACTIVE	1		/* lru + LRU_ACTIVE: the active list of the same kind */
#define LRU_FILE	2		/* LRU_INACTIVE_ANON + LRU_FILE: LRU_INACTIVE_FILE */

/* The replacement policies of vm.policy= (Faultline's own, for teaching). */
enum reclaim_policy {
	POLICY_LRU,			/* Linux's two lists */
	POLICY_CLOCK,			/* second chance */
	POLICY_FIFO,			/* first in, first out */
};

extern enum reclaim_policy reclaim_policy;

/* reclaim_policy_name - "lru", "clock" or "fifo" (/proc/sys/vm/policy). */
const char *reclaim_policy_name(void);

/* struct lruvec - the four lists and their lengths (Linux keeps one per memory cgroup and
 * node; Faultline has one node and no cgroups: one lruvec). */
struct lruvec {
	struct list_head lists[NR_LRU_LISTS];
	unsigned long nr_pages[NR_LRU_LISTS];
};

extern struct lruvec lruvec;

/* page_is_file_lru - does @page belong on the file lists (a disk file's page-cache page)
 * rather than the anonymous ones (private memory, and the swap cache, whose pages read in
 * from swap are not PG_anon until a PTE maps them)? */
static inline bool page_is_file_lru(const struct page *page)
{
	return !PageAnon(page) && !PageSwapCache(page) && !PageSwapBacked(page);
}

/* page_lru_is_file - is @page (on a list, or isolated from one) on the file lists? */
static inline bool page_lru_is_file(const struct page *page)
{
	return !test_page_flag(page, PG_lru_anon);
}

/* page_lru - the list @page belongs on: its kind, fixed when it was first added (a swap-cache
 * page leaving the cache does not move), and PG_active. */
static inline enum lru_list page_lru(const struct page *page)
{
	return (test_page_flag(page, PG_lru_anon) ? LRU_INACTIVE_ANON : LRU_INACTIVE_FILE) +
	       (PageActive(page) ? LRU_ACTIVE : 0);
}

/* lru_init - empty lists, at boot. */
void lru_init(void);

/* lru_cache_add - @page, new (just allocated for user memory or the page cache) and on no
 * list, goes to the head of its inactive list. */
void lru_cache_add(struct page *page);

/* lru_cache_add_refault - @page was read back from swap for a fault: it was evicted and is
 * used again. Under the lru policy it starts on the active list (see mm/lru.c); workingset_*
 * counters in /proc/vmstat. */
void lru_cache_add_refault(struct page *page);

/* add_page_to_lru_list / del_page_from_lru_list - put @page (not on a list) at the head of
 * page_lru(@page), or take it off the list it is on; PG_lru follows. For reclaim. */
void add_page_to_lru_list(struct page *page);
void add_page_to_lru_list_tail(struct page *page);
void del_page_from_lru_list(struct page *page);

/* mark_page_accessed - read() or write() used page-cache @page (Linux's rule): the first use
 * sets PG_referenced, a second one, while the page is inactive, activates it (pgactivate).
 * Under vm.policy=clock only PG_referenced is set; fifo ignores uses. */
void mark_page_accessed(struct page *page);

/* lru_pages - pages on @lru now. */
static inline unsigned long lru_pages(enum lru_list lru)
{
	return lruvec.nr_pages[lru];
}

#endif
