/*
 * mm/tests/buddy_test.c - in-kernel self tests of the buddy allocator over the machine's RAM.
 *
 * They run in test mode after boot (see kernel/selftest.h). Each test gives back everything it
 * allocated, and because freeing always merges as far as it can, the free lists then look
 * exactly as before: the tests compare nr_free_blocks() of every order.
 */
#include "kernel/selftest.h"
#include "kernel/lib/string.h"
#include "kernel/panic.h"
#include "mm/page_alloc.h"
#include "mm/slab.h"

static void snapshot_blocks(unsigned long blocks[MAX_ORDER + 1])
{
	unsigned int order;

	for (order = 0; order <= MAX_ORDER; order++)
		blocks[order] = nr_free_blocks(order);
}

/* blocks_equal - does every order have as many free blocks as recorded in @blocks? */
static bool blocks_equal(const unsigned long blocks[MAX_ORDER + 1])
{
	unsigned int order;

	for (order = 0; order <= MAX_ORDER; order++)
		if (nr_free_blocks(order) != blocks[order])
			return false;
	return true;
}

/* free_chain - free every block on @chain (linked through page->lru), each of @order. */
static void free_chain(struct list_head *chain, unsigned int order)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, chain, lru) {
		list_del(&page->lru);
		__free_pages(page, order);
	}
}

KTEST(buddy_split_merge)
{
	unsigned long before[MAX_ORDER + 1], drained[MAX_ORDER + 1];
	unsigned long free_before = nr_free_pages();
	unsigned int order, split_order;
	struct page *page;
	LIST_HEAD(order0);

	/* Take every free order-0 block, so the next order-0 allocation has to split. */
	snapshot_blocks(before);
	while (nr_free_blocks(0) > 0) {
		page = alloc_page(GFP_KERNEL);
		KASSERT(t, page);
		list_add(&page->lru, &order0);
	}
	snapshot_blocks(drained);
	for (split_order = 1; split_order <= MAX_ORDER && drained[split_order] == 0; split_order++)
		;
	KASSERT(t, split_order <= MAX_ORDER);

	page = alloc_page(GFP_KERNEL);
	KASSERT(t, page);
	KEXPECT_EQ(t, page_count(page), 1);
	KEXPECT_EQ(t, nr_free_blocks(split_order), drained[split_order] - 1);
	for (order = 0; order < split_order; order++)	/* one buddy split off per order */
		KEXPECT_EQ(t, nr_free_blocks(order), 1);

	__free_page(page);
	KEXPECT(t, blocks_equal(drained));
	free_chain(&order0, 0);
	KEXPECT(t, blocks_equal(before));
	KEXPECT_EQ(t, nr_free_pages(), free_before);
}

KTEST(buddy_max_order)
{
	unsigned long before[MAX_ORDER + 1], free_before = nr_free_pages();
	unsigned int order;

	snapshot_blocks(before);
	for (order = 0; order <= MAX_ORDER; order++) {
		struct page *page = alloc_pages(GFP_KERNEL, order);

		KASSERT(t, page);
		KEXPECT(t, IS_ALIGNED(page_to_pfn(page), 1UL << order));
		KEXPECT_EQ(t, nr_free_pages(), free_before - (1UL << order));
		memset(page_address(page), 0x5a, PAGE_SIZE << order);	/* the block is real RAM */
		__free_pages(page, order);
	}
	KEXPECT(t, alloc_pages(GFP_KERNEL, MAX_ORDER + 1) == NULL);
	KEXPECT(t, blocks_equal(before));
	KEXPECT_EQ(t, nr_free_pages(), free_before);
}

KTEST(buddy_refcount)
{
	unsigned long free_before = nr_free_pages();
	unsigned long reports = nr_bad_page_reports();
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	const unsigned char *bytes;
	unsigned long i;

	KASSERT(t, page);
	bytes = page_address(page);
	for (i = 0; i < PAGE_SIZE; i++)
		if (bytes[i] != 0)
			break;
	KEXPECT_EQ(t, i, PAGE_SIZE);		/* __GFP_ZERO */
	KEXPECT_EQ(t, page_count(page), 1);
	get_page(page);
	KEXPECT_EQ(t, page_count(page), 2);
	__free_page(page);			/* drops one reference: still allocated */
	KEXPECT_EQ(t, page_count(page), 1);
	KEXPECT_EQ(t, nr_free_pages(), free_before - 1);
	put_page(page);				/* the last one: freed */
	KEXPECT_EQ(t, page_count(page), 0);
	KEXPECT_EQ(t, nr_free_pages(), free_before);
	KEXPECT_EQ(t, nr_bad_page_reports(), reports);
}

KTEST(buddy_bad_free_detected)
{
	unsigned long before[MAX_ORDER + 1], free_before;
	unsigned long reports = nr_bad_page_reports();
	struct page *page = alloc_page(GFP_KERNEL);

	KASSERT(t, page);
	__free_page(page);
	snapshot_blocks(before);
	free_before = nr_free_pages();

	expect_reports(3);				/* the three bad frees below */
	__free_page(page);				/* double free */
	KEXPECT_EQ(t, nr_bad_page_reports(), reports + 1);
	KEXPECT(t, PageReserved(pfn_to_page(0)));	/* the real-mode IVT/BIOS data frame */
	__free_page(pfn_to_page(0));			/* reserved */
	KEXPECT_EQ(t, nr_bad_page_reports(), reports + 2);
	__free_page(pfn_to_page(max_pfn));		/* beyond mem_map (not dereferenced) */
	KEXPECT_EQ(t, nr_bad_page_reports(), reports + 3);
	KEXPECT_EQ(t, expected_reports_left(), 0);
	KEXPECT(t, PageReserved(pfn_to_page(0)));
	KEXPECT_EQ(t, nr_free_pages(), free_before);
	KEXPECT(t, blocks_equal(before));
}

KTEST(buddy_oom_returns_null)
{
	struct list_head chains[MAX_ORDER + 1];
	unsigned long free_before = nr_free_pages(), free_at_oom;
	unsigned long reports = nr_bad_page_reports();
	bool page_null, kmalloc_null, large_null;
	void *object_chain = NULL, *p;
	unsigned int order;
	struct page *page;

	/* Largest blocks first: a few hundred allocations take all of RAM. */
	for (order = MAX_ORDER + 1; order-- > 0;) {
		INIT_LIST_HEAD(&chains[order]);
		while ((page = alloc_pages(GFP_KERNEL, order)) != NULL)
			list_add(&page->lru, &chains[order]);
	}
	free_at_oom = nr_free_pages();
	page_null = alloc_page(GFP_KERNEL) == NULL;
	/* kmalloc-2048 can still use free objects of its partial slabs; once they are gone
	 * it needs a new slab, and gets NULL. Chain objects through their first word. */
	while ((p = kmalloc(2048, GFP_KERNEL)) != NULL) {
		*(void **)p = object_chain;
		object_chain = p;
	}
	kmalloc_null = p == NULL;
	large_null = kmalloc(3 * PAGE_SIZE, GFP_KERNEL) == NULL;

	while (object_chain) {		/* give everything back before reporting */
		p = *(void **)object_chain;
		kfree(object_chain);
		object_chain = p;
	}
	for (order = 0; order <= MAX_ORDER; order++)
		free_chain(&chains[order], order);

	KEXPECT_EQ(t, free_at_oom, 0);
	KEXPECT(t, page_null);
	KEXPECT(t, kmalloc_null);
	KEXPECT(t, large_null);
	KEXPECT_EQ(t, nr_free_pages(), free_before);
	KEXPECT_EQ(t, nr_bad_page_reports(), reports);
}
