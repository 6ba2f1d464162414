/*
 * mm/tests/host/buddy_test.c - host unit tests of the buddy allocator (mm/page_alloc.c).
 *
 * The fake machine (mm_host.h) has 2048 frames; frames 0..3 stay reserved, so boot leaves
 * exactly one free block of each order 2..10 (4-7, 8-15, ..., 512-1023, 1024-2047). Every test
 * leaves the allocator as it found it, which buddy_consistent() and the counts check.
 */
#include "mm/tests/host/mm_host.h"
#include "tools/hosttest.h"

#define NR_FREE_AT_BOOT	(HOST_NR_PFNS - HOST_RESERVED_PFNS)

static void snapshot_blocks(unsigned long blocks[MAX_ORDER + 1])
{
	unsigned int order;

	for (order = 0; order <= MAX_ORDER; order++)
		blocks[order] = nr_free_blocks(order);
}

/* expect_blocks_equal - HT_EXPECT that every order has as many free blocks as in @blocks. */
#define expect_blocks_equal(blocks) do {					\
	unsigned int __o;							\
	for (__o = 0; __o <= MAX_ORDER; __o++)					\
		HT_EXPECT_EQ(nr_free_blocks(__o), (blocks)[__o]);		\
} while (0)

HT_TEST(boot_layout)
{
	unsigned int order;
	unsigned long pfn;

	HT_EXPECT_EQ(nr_free_pages(), NR_FREE_AT_BOOT);
	HT_EXPECT_EQ(totalram_pages(), NR_FREE_AT_BOOT);
	HT_EXPECT_EQ(nr_free_blocks(0), 0);
	HT_EXPECT_EQ(nr_free_blocks(1), 0);
	for (order = 2; order <= MAX_ORDER; order++)
		HT_EXPECT_EQ(nr_free_blocks(order), 1);
	HT_EXPECT_EQ(nr_free_blocks(MAX_ORDER + 1), 0);
	for (pfn = 0; pfn < HOST_RESERVED_PFNS; pfn++) {
		HT_EXPECT(PageReserved(pfn_to_page(pfn)));
		HT_EXPECT_EQ(page_count(pfn_to_page(pfn)), 0);
	}
	HT_EXPECT_EQ(nr_bad_page_reports(), 0);
	HT_EXPECT(buddy_consistent());
}

HT_TEST(split_and_merge)
{
	unsigned long before[MAX_ORDER + 1];
	struct page *a, *b, *c;

	snapshot_blocks(before);
	/* The smallest free block is 4-7 (order 2): splitting it leaves 6-7 (order 1) and 5. */
	a = alloc_page(GFP_KERNEL);
	HT_ASSERT(a);
	HT_EXPECT_EQ(page_to_pfn(a), 4);
	HT_EXPECT_EQ(page_count(a), 1);
	HT_EXPECT(!PageBuddy(a));
	HT_EXPECT_EQ(nr_free_blocks(0), 1);
	HT_EXPECT_EQ(nr_free_blocks(1), 1);
	HT_EXPECT_EQ(nr_free_blocks(2), 0);
	HT_EXPECT_EQ(nr_free_pages(), NR_FREE_AT_BOOT - 1);

	b = alloc_page(GFP_KERNEL);	/* takes 5: no split */
	HT_ASSERT(b);
	HT_EXPECT_EQ(page_to_pfn(b), 5);
	HT_EXPECT_EQ(nr_free_blocks(0), 0);
	c = alloc_page(GFP_KERNEL);	/* splits 6-7 */
	HT_ASSERT(c);
	HT_EXPECT_EQ(page_to_pfn(c), 6);
	HT_EXPECT_EQ(nr_free_blocks(0), 1);
	HT_EXPECT_EQ(nr_free_blocks(1), 0);
	HT_EXPECT(buddy_consistent());

	/* Free out of order: 4 cannot merge while its buddy 5 is in use. */
	__free_page(a);
	__free_page(c);			/* 6 + 7 -> order 1; its buddy 4-5 is not one block */
	HT_EXPECT_EQ(nr_free_blocks(0), 1);
	HT_EXPECT_EQ(nr_free_blocks(1), 1);
	__free_page(b);			/* 5 + 4 -> order 1, + 6-7 -> order 2 */
	expect_blocks_equal(before);
	HT_EXPECT_EQ(nr_free_pages(), NR_FREE_AT_BOOT);
	HT_EXPECT(buddy_consistent());
}

HT_TEST(split_large_block_and_merge_fully)
{
	unsigned long before[MAX_ORDER + 1];
	struct page *pages[HOST_NR_PFNS];
	unsigned long i, n = 0;

	/* Take out the order 2..9 blocks so the next order-0 allocation splits the 4 MiB block. */
	snapshot_blocks(before);
	for (i = 2; i < MAX_ORDER; i++) {
		pages[n] = alloc_pages(GFP_KERNEL, i);
		HT_ASSERT(pages[n]);
		n++;
	}
	HT_EXPECT_EQ(nr_free_blocks(MAX_ORDER), 1);
	pages[n] = alloc_page(GFP_KERNEL);
	HT_ASSERT(pages[n]);
	HT_EXPECT_EQ(page_to_pfn(pages[n]), 1024);
	n++;
	HT_EXPECT_EQ(nr_free_blocks(MAX_ORDER), 0);
	for (i = 0; i < MAX_ORDER; i++)		/* one buddy of each order 0..9 split off */
		HT_EXPECT_EQ(nr_free_blocks(i), 1);
	HT_EXPECT(buddy_consistent());

	__free_page(pages[--n]);
	HT_EXPECT_EQ(nr_free_blocks(MAX_ORDER), 1);
	for (i = 0; i < MAX_ORDER; i++)
		HT_EXPECT_EQ(nr_free_blocks(i), 0);
	while (n > 0) {
		n--;
		__free_pages(pages[n], n + 2);
	}
	expect_blocks_equal(before);
	HT_EXPECT(buddy_consistent());
}

HT_TEST(alloc_everything_then_free_everything)
{
	static struct page *pages[HOST_NR_PFNS];
	unsigned long before[MAX_ORDER + 1];
	unsigned long n = 0, i;
	unsigned int order;
	struct page *page;

	snapshot_blocks(before);
	while ((page = alloc_page(GFP_KERNEL)) != NULL) {
		HT_ASSERT(n < HOST_NR_PFNS);
		HT_EXPECT(!PageReserved(page) && page_count(page) == 1);
		memset(page_address(page), (int)n, PAGE_SIZE);	/* every frame is real memory */
		pages[n++] = page;
	}
	HT_EXPECT_EQ(n, NR_FREE_AT_BOOT);
	HT_EXPECT_EQ(nr_free_pages(), 0);
	for (order = 0; order <= MAX_ORDER; order++) {
		HT_EXPECT_EQ(nr_free_blocks(order), 0);
		HT_EXPECT(alloc_pages(GFP_KERNEL, order) == NULL);
	}
	for (i = 0; i < n; i++)	/* distinct: no frame handed out twice */
		HT_EXPECT_EQ(*(unsigned char *)page_address(pages[i]), (unsigned char)i);
	HT_EXPECT(buddy_consistent());

	for (i = 0; i < n; i += 2)	/* free in a scattered order, evens first */
		__free_page(pages[i]);
	for (i = 1; i < n; i += 2)
		__free_page(pages[i]);
	HT_EXPECT_EQ(nr_free_pages(), NR_FREE_AT_BOOT);
	expect_blocks_equal(before);
	HT_EXPECT_EQ(nr_bad_page_reports(), 0);
	HT_EXPECT(buddy_consistent());
}

HT_TEST(every_order_up_to_max)
{
	unsigned int order;

	for (order = 0; order <= MAX_ORDER; order++) {
		struct page *page = alloc_pages(GFP_KERNEL, order);

		HT_ASSERT(page);
		HT_EXPECT(IS_ALIGNED(page_to_pfn(page), 1UL << order));
		HT_EXPECT(IS_ALIGNED(__pa(page_address(page)), PAGE_SIZE << order));
		memset(page_address(page), 0x11, PAGE_SIZE << order);
		HT_EXPECT_EQ(nr_free_pages(), NR_FREE_AT_BOOT - (1UL << order));
		__free_pages(page, order);
	}
	HT_EXPECT(alloc_pages(GFP_KERNEL, MAX_ORDER + 1) == NULL);
	HT_EXPECT(alloc_pages(GFP_KERNEL, 40) == NULL);

	/* Only one 4 MiB block exists: the second order-10 request fails, smaller ones do not. */
	{
		struct page *big = alloc_pages(GFP_KERNEL, MAX_ORDER);
		struct page *small;

		HT_ASSERT(big);
		HT_EXPECT(alloc_pages(GFP_KERNEL, MAX_ORDER) == NULL);
		small = alloc_pages(GFP_KERNEL, MAX_ORDER - 1);
		HT_EXPECT(small != NULL);
		if (small)
			__free_pages(small, MAX_ORDER - 1);
		__free_pages(big, MAX_ORDER);
	}
	HT_EXPECT_EQ(nr_free_pages(), NR_FREE_AT_BOOT);
	HT_EXPECT(buddy_consistent());
}

HT_TEST(refcount)
{
	struct page *page = alloc_page(GFP_KERNEL);

	HT_ASSERT(page);
	HT_EXPECT_EQ(page_count(page), 1);
	get_page(page);
	HT_EXPECT_EQ(page_count(page), 2);
	__free_page(page);		/* drops a reference only */
	HT_EXPECT_EQ(page_count(page), 1);
	HT_EXPECT_EQ(nr_free_pages(), NR_FREE_AT_BOOT - 1);
	HT_EXPECT(!PageBuddy(page));
	__free_page(page);		/* the last one: freed */
	HT_EXPECT_EQ(page_count(page), 0);
	HT_EXPECT_EQ(nr_free_pages(), NR_FREE_AT_BOOT);

	/* put_page() is the same for order-0 pages. */
	page = alloc_page(GFP_KERNEL);
	HT_ASSERT(page);
	get_page(page);
	put_page(page);
	HT_EXPECT_EQ(nr_free_pages(), NR_FREE_AT_BOOT - 1);
	put_page(page);
	HT_EXPECT_EQ(nr_free_pages(), NR_FREE_AT_BOOT);
	HT_EXPECT_EQ(nr_bad_page_reports(), 0);
	HT_EXPECT(buddy_consistent());
}

HT_TEST(double_free_detected)
{
	unsigned long before[MAX_ORDER + 1], reports = nr_bad_page_reports();
	struct page *page = alloc_pages(GFP_KERNEL, 3);

	HT_ASSERT(page);
	__free_pages(page, 3);
	snapshot_blocks(before);
	expect_reports(4);
	__free_pages(page, 3);			/* the head is PG_buddy now */
	HT_EXPECT_EQ(nr_bad_page_reports(), reports + 1);
	HT_EXPECT(strstr(host_last_printk, EXPECTED_REPORT_PREFIX "Bad page state") != NULL);
	__free_page(page + 1);			/* a tail frame of a free block: refcount 0 */
	HT_EXPECT_EQ(nr_bad_page_reports(), reports + 2);
	__free_page(pfn_to_page(1500));		/* inside the free 4 MiB block */
	HT_EXPECT_EQ(nr_bad_page_reports(), reports + 3);
	put_page(pfn_to_page(1500));
	HT_EXPECT_EQ(nr_bad_page_reports(), reports + 4);
	HT_EXPECT_EQ(expected_reports_left(), 0);
	HT_EXPECT_EQ(nr_free_pages(), NR_FREE_AT_BOOT);
	expect_blocks_equal(before);
	HT_EXPECT(buddy_consistent());
}

/* A report nobody announced is a real one: "BUG: Bad page state" (printed quietly here). */
HT_TEST(unexpected_report_says_bug)
{
	unsigned long reports = nr_bad_page_reports();
	struct page *page = alloc_page(GFP_KERNEL);

	HT_ASSERT(page);
	__free_page(page);
	host_quiet = true;
	__free_page(page);			/* double free, not announced */
	host_quiet = false;
	HT_EXPECT_EQ(nr_bad_page_reports(), reports + 1);
	HT_EXPECT(strstr(host_last_printk, "BUG: Bad page state") != NULL);
	HT_EXPECT(strstr(host_last_printk, EXPECTED_REPORT_PREFIX) == NULL);
	HT_EXPECT_EQ(nr_free_pages(), NR_FREE_AT_BOOT);
	HT_EXPECT(buddy_consistent());
}

HT_TEST(reserved_free_detected)
{
	unsigned long reports = nr_bad_page_reports();
	struct page *page = pfn_to_page(0);

	expect_reports(4);
	__free_page(page);
	HT_EXPECT_EQ(nr_bad_page_reports(), reports + 1);
	HT_EXPECT(PageReserved(page));
	HT_EXPECT_EQ(page_count(page), 0);
	put_page(pfn_to_page(3));
	free_pages((unsigned long)page_address(pfn_to_page(2)), 0);
	HT_EXPECT_EQ(nr_bad_page_reports(), reports + 3);
	/* A reserved frame with references (say, the kernel image mapped somewhere) too. */
	get_page(page);
	__free_page(page);
	HT_EXPECT_EQ(page_count(page), 1);
	set_page_count(page, 0);
	HT_EXPECT_EQ(nr_bad_page_reports(), reports + 4);
	HT_EXPECT_EQ(expected_reports_left(), 0);
	HT_EXPECT_EQ(nr_free_pages(), NR_FREE_AT_BOOT);
	HT_EXPECT(buddy_consistent());
}

HT_TEST(out_of_range_free_detected)
{
	unsigned long reports = nr_bad_page_reports();
	int on_stack = 0;

	expect_reports(10);
	__free_page(pfn_to_page(max_pfn));		/* just past mem_map */
	__free_page(pfn_to_page(max_pfn + 3));
	put_page(pfn_to_page(max_pfn + 15));
	__free_pages(pfn_to_page(max_pfn - 1), 1);	/* runs off the end */
	HT_EXPECT_EQ(nr_bad_page_reports(), reports + 4);
	/* Pointers that are not descriptors at all: below mem_map, inside one, NULL. */
	__free_page((struct page *)((unsigned long)mem_map - sizeof(struct page)));
	__free_page((struct page *)((unsigned long)pfn_to_page(100) + 8));
	__free_page(NULL);
	HT_EXPECT_EQ(nr_bad_page_reports(), reports + 7);
	/* free_pages() of addresses outside the arena or not page aligned. */
	free_pages((unsigned long)&on_stack, 0);
	free_pages((unsigned long)page_address(pfn_to_page(100)) + 64, 0);
	free_pages(host_page_offset + HOST_ARENA_SIZE, 0);
	free_pages(0, 0);				/* 0 is ignored, as free_page(0) in Linux */
	HT_EXPECT_EQ(nr_bad_page_reports(), reports + 10);
	HT_EXPECT_EQ(expected_reports_left(), 0);
	HT_EXPECT_EQ(nr_free_pages(), NR_FREE_AT_BOOT);
	HT_EXPECT(extra_pages_untouched());
	HT_EXPECT(buddy_consistent());
}

HT_TEST(wrong_order_free_detected)
{
	unsigned long reports = nr_bad_page_reports();
	struct page *a = alloc_page(GFP_KERNEL);
	struct page *b = alloc_page(GFP_KERNEL);

	HT_ASSERT(a && b);
	HT_EXPECT_EQ(page_to_pfn(a), 4);
	HT_EXPECT_EQ(page_to_pfn(b), 5);
	expect_reports(3);
	__free_pages(a, 2);		/* 5 is allocated, 6-7 are free: not one block */
	__free_pages(b, 1);		/* 5 is not order-1 aligned */
	__free_pages(a, MAX_ORDER + 1);
	HT_EXPECT_EQ(nr_bad_page_reports(), reports + 3);
	HT_EXPECT_EQ(expected_reports_left(), 0);
	HT_EXPECT_EQ(page_count(a), 1);
	HT_EXPECT_EQ(page_count(b), 1);
	HT_EXPECT(buddy_consistent());
	__free_page(a);
	__free_page(b);
	HT_EXPECT_EQ(nr_free_pages(), NR_FREE_AT_BOOT);
	HT_EXPECT_EQ(nr_bad_page_reports(), reports + 3);
	HT_EXPECT(buddy_consistent());
}

HT_TEST(slab_frame_free_detected)
{
	unsigned long reports = nr_bad_page_reports();
	struct page *page = alloc_page(GFP_KERNEL);

	HT_ASSERT(page);
	set_page_flag(page, PG_slab);	/* as if the slab allocator still owned it */
	expect_reports(1);
	__free_page(page);
	HT_EXPECT_EQ(nr_bad_page_reports(), reports + 1);
	clear_page_flag(page, PG_slab);
	__free_page(page);
	HT_EXPECT_EQ(nr_bad_page_reports(), reports + 1);
	HT_EXPECT_EQ(nr_free_pages(), NR_FREE_AT_BOOT);
	HT_EXPECT(buddy_consistent());
}

static bool all_bytes(const void *p, unsigned char c, size_t n)
{
	const unsigned char *b = p;

	while (n--)
		if (*b++ != c)
			return false;
	return true;
}

HT_TEST(gfp_zero)
{
	struct page *page;
	unsigned long addr;

	/* Dirty a block, free it, and get the same block back zeroed (free lists are LIFO). */
	page = alloc_pages(GFP_KERNEL, 3);
	HT_ASSERT(page);
	memset(page_address(page), 0xee, 8 * PAGE_SIZE);
	__free_pages(page, 3);
	page = alloc_pages(GFP_KERNEL | __GFP_ZERO, 3);
	HT_ASSERT(page);
	HT_EXPECT(all_bytes(page_address(page), 0, 8 * PAGE_SIZE));
	memset(page_address(page), 0xee, 8 * PAGE_SIZE);
	__free_pages(page, 3);

	page = alloc_pages(GFP_KERNEL, 3);	/* without __GFP_ZERO the old bytes remain */
	HT_ASSERT(page);
	HT_EXPECT(all_bytes(page_address(page), 0xee, 8 * PAGE_SIZE));
	__free_pages(page, 3);

	addr = get_zeroed_page(GFP_KERNEL);
	HT_ASSERT(addr);
	HT_EXPECT(all_bytes((void *)addr, 0, PAGE_SIZE));
	free_pages(addr, 0);
	HT_EXPECT_EQ(nr_free_pages(), NR_FREE_AT_BOOT);
	HT_EXPECT(buddy_consistent());
}

HT_TEST(get_free_pages_addresses)
{
	unsigned long addr = __get_free_pages(GFP_KERNEL, 2);

	HT_ASSERT(addr);
	HT_EXPECT(addr >= host_page_offset && addr < host_page_offset + HOST_ARENA_SIZE);
	HT_EXPECT(IS_ALIGNED(__pa(addr), 4 * PAGE_SIZE));
	HT_EXPECT_EQ(page_count(virt_to_page((void *)addr)), 1);
	HT_EXPECT_EQ(nr_free_pages(), NR_FREE_AT_BOOT - 4);
	free_pages(addr, 2);
	HT_EXPECT_EQ(nr_free_pages(), NR_FREE_AT_BOOT);
	HT_EXPECT(buddy_consistent());
}

/* Last: it hands over more frames, changing the totals the tests above rely on. */
HT_TEST(free_bootmem_range_merges_and_rejects_twice)
{
	unsigned long reports = nr_bad_page_reports();

	expect_reports(5);			/* 4 here, 1 at the end */
	free_bootmem_range(4, 8);		/* already handed over: 4 reports, nothing changes */
	HT_EXPECT_EQ(nr_bad_page_reports(), reports + 4);
	HT_EXPECT_EQ(totalram_pages(), NR_FREE_AT_BOOT);
	HT_EXPECT(buddy_consistent());

	free_bootmem_range(2, 4);		/* 2-3: order 1, its buddy 0-1 still reserved */
	HT_EXPECT_EQ(totalram_pages(), NR_FREE_AT_BOOT + 2);
	HT_EXPECT_EQ(nr_free_pages(), NR_FREE_AT_BOOT + 2);
	HT_EXPECT_EQ(nr_free_blocks(1), 1);
	HT_EXPECT(!PageReserved(pfn_to_page(2)));
	free_bootmem_range(0, 2);		/* 0-1 + 2-3 + 4-7 + ... merge up to a 4 MiB block */
	HT_EXPECT_EQ(nr_free_pages(), HOST_NR_PFNS);
	HT_EXPECT_EQ(nr_free_blocks(MAX_ORDER), 2);
	HT_EXPECT_EQ(nr_free_blocks(1), 0);
	HT_EXPECT_EQ(nr_free_blocks(2), 0);
	free_bootmem_range(max_pfn - 1, max_pfn + 100);	/* clipped to mem_map; already free */
	HT_EXPECT_EQ(nr_bad_page_reports(), reports + 5);
	HT_EXPECT_EQ(expected_reports_left(), 0);
	HT_EXPECT(extra_pages_untouched());
	HT_EXPECT(buddy_consistent());
}

int main(void)
{
	host_mm_init();
	return ht_run_all();
}
