/*
 * mm/lru.c - the LRU lists (see mm/lru.h): adding pages, activating them on use, taking them
 * off when they are freed. Reclaim's side is mm/vmscan.c.
 */
#include "mm/lru.h"
#include "mm/vmstat.h"

struct lruvec lruvec;
enum reclaim_policy reclaim_policy = POLICY_LRU;

void lru_init(void)
{
	for (int lru = 0; lru < NR_LRU_LISTS; lru++) {
		INIT_LIST_HEAD(&lruvec.lists[lru]);
		lruvec.nr_pages[lru] = 0;
	}
}

void add_page_to_lru_list(struct page *page)
{
	enum lru_list lru = page_lru(page);

	list_add(&page->lru, &lruvec.lists[lru]);
	lruvec.nr_pages[lru]++;
	set_page_flag(page, PG_lru);
}

void add_page_to_lru_list_tail(struct page *page)
{
	enum lru_list lru = page_lru(page);

	list_add_tail(&page->lru, &lruvec.lists[lru]);
	lruvec.nr_pages[lru]++;
	set_page_flag(page, PG_lru);
}

void del_page_from_lru_list(struct page *page)
{
	list_del(&page->lru);
	lruvec.nr_pages[page_lru(page)]--;
	clear_page_flag(page, PG_lru);
}

void lru_cache_add(struct page *page)
{
	if (page_is_file_lru(page))
		clear_page_flag(page, PG_lru_anon);
	else
		set_page_flag(page, PG_lru_anon);
	clear_page_flag(page, PG_active);
	clear_page_flag(page, PG_referenced);
	add_page_to_lru_list(page);
}

void lru_cache_add_refault(struct page *page)
{
	count_vm_event(WORKINGSET_REFAULT_ANON);
	lru_cache_add(page);
	if (reclaim_policy != POLICY_LRU)
		return;
	/* Evicted and needed again: a working-set page. To the active list, marked referenced,
	 * so that after aging one more use keeps it (Linux's workingset_refault, without the
	 * refault-distance test: every refault counts as one within the working set). */
	del_page_from_lru_list(page);
	set_page_flag(page, PG_active);
	set_page_flag(page, PG_referenced);
	add_page_to_lru_list(page);
	count_vm_event(WORKINGSET_ACTIVATE_ANON);
	count_vm_event(PGACTIVATE);
}

void mark_page_accessed(struct page *page)
{
	if (reclaim_policy == POLICY_FIFO)
		return;
	if (!PageReferenced(page) || reclaim_policy == POLICY_CLOCK) {
		set_page_flag(page, PG_referenced);
		return;
	}
	if (PageLRU(page) && !PageActive(page)) {
		/* The second use: from the inactive list to the active one. */
		del_page_from_lru_list(page);
		set_page_flag(page, PG_active);
		add_page_to_lru_list(page);
		count_vm_event(PGACTIVATE);
	}
	clear_page_flag(page, PG_referenced);
}
