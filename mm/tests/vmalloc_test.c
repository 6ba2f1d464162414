/*
 * mm/tests/vmalloc_test.c - self tests of vmalloc: virtually contiguous memory from scattered
 * frames, guard pages, and TLB invalidation on vfree.
 */
#include "kernel/selftest.h"
#include "kernel/extable.h"
#include "kernel/errno.h"
#include "kernel/lib/string.h"
#include "kernel/panic.h"
#include "mm/vmalloc.h"
#include "mm/pgtable.h"
#include "mm/page_alloc.h"
#include "mm/slab.h"

/* A vmalloc area lies in [VMALLOC_START, VMALLOC_END], is usable byte for byte, and each of
 * its pages is mapped to the frame vmalloc_to_page() reports. */
KTEST(vmalloc_maps_pages)
{
	unsigned long free_before = nr_free_pages();
	unsigned long size = 5 * PAGE_SIZE + 123;
	u8 *p = vmalloc(size);

	KASSERT(t, p != NULL);
	KEXPECT(t, is_vmalloc_addr(p));
	KEXPECT(t, IS_ALIGNED((unsigned long)p, PAGE_SIZE));
	for (unsigned long i = 0; i < size; i++)
		p[i] = (u8)(i * 7);
	for (unsigned long i = 0; i < size; i += 511)
		KEXPECT_EQ(t, p[i], (u8)(i * 7));
	for (unsigned long off = 0; off < size; off += PAGE_SIZE) {
		enum pg_level level;
		pte_t *pte = lookup_address(swapper_pg_dir, (unsigned long)p + off, &level);

		KASSERT(t, pte && level == PG_LEVEL_4K);
		KEXPECT_EQ(t, pte_phys(*pte), page_to_phys(vmalloc_to_page(p + off)));
		KEXPECT(t, !pte_exec(*pte) && pte_write(*pte) && !pte_user(*pte));
	}
	vfree(p);
	KEXPECT_EQ(t, nr_free_pages(), free_before);
}

/*
 * The seed's point about vmalloc: it succeeds where physically contiguous memory cannot be
 * had. Fragment RAM so that no two free frames are adjacent (allocate every frame, give back
 * those with an even pfn), then: alloc_pages(order 1) and a two-page kmalloc fail, yet a
 * 64-page vmalloc succeeds from the scattered frames.
 */
KTEST(vmalloc_beats_fragmentation)
{
	LIST_HEAD(held);
	unsigned long free_before = nr_free_pages();
	struct page *page, *tmp;

	while ((page = alloc_page(GFP_KERNEL)) != NULL)
		list_add_tail(&page->lru, &held);
	list_for_each_entry_safe(page, tmp, &held, lru) {
		if (!(page_to_pfn(page) & 1)) {		/* its buddy (odd pfn) stays held */
			list_del(&page->lru);
			__free_page(page);
		}
	}
	KEXPECT(t, alloc_pages(GFP_KERNEL, 1) == NULL);
	KEXPECT(t, kmalloc(2 * PAGE_SIZE, GFP_KERNEL) == NULL);
	KEXPECT(t, nr_free_pages() >= 64 + 8);
	unsigned long largest_order = 0;
	for (unsigned int o = 0; o <= MAX_ORDER; o++)
		if (nr_free_blocks(o))
			largest_order = o;

	u8 *p = vmalloc(64 * PAGE_SIZE);
	KEXPECT(t, p != NULL);
	if (p) {
		memset(p, 0xab, 64 * PAGE_SIZE);
		KEXPECT_EQ(t, p[64 * PAGE_SIZE - 1], 0xab);
		/* Physically scattered: not all frames are consecutive. */
		int breaks = 0;
		for (int i = 1; i < 64; i++)
			breaks += page_to_pfn(vmalloc_to_page(p + i * PAGE_SIZE)) !=
				  page_to_pfn(vmalloc_to_page(p + (i - 1) * PAGE_SIZE)) + 1;
		KEXPECT(t, breaks > 0);
		vfree(p);
	}
	KEXPECT(t, (PAGE_SIZE << largest_order) < 64 * PAGE_SIZE);

	list_for_each_entry_safe(page, tmp, &held, lru) {
		list_del(&page->lru);
		__free_page(page);
	}
	KEXPECT_EQ(t, nr_free_pages(), free_before);
}

/* A touch just past the end of an area hits the unmapped guard page and faults. */
KTEST(vmalloc_guard_page)
{
	u8 *p = vmalloc(2 * PAGE_SIZE);
	u8 *q = vmalloc(PAGE_SIZE);
	u8 c;

	KASSERT(t, p && q);
	KEXPECT_EQ(t, copy_from_kernel_nofault(&c, p + 2 * PAGE_SIZE - 1, 1), 0);
	KEXPECT_EQ(t, copy_from_kernel_nofault(&c, p + 2 * PAGE_SIZE, 1), -EFAULT);
	KEXPECT_EQ(t, copy_to_kernel_nofault(p + 2 * PAGE_SIZE, &c, 1), -EFAULT);
	KEXPECT(t, find_vm_area(p + 2 * PAGE_SIZE) == find_vm_area(p));
	KEXPECT(t, q >= p + 3 * PAGE_SIZE);		/* the next area starts after the guard */
	vfree(q);
	vfree(p);
}

/* vfree unmaps and invalidates the TLB: the old address faults even right after a read
 * cached its translation. */
KTEST(vfree_invalidates_tlb)
{
	unsigned long free_before = nr_free_pages();
	volatile u8 *p = vmalloc(PAGE_SIZE);
	u8 c;

	KASSERT(t, p != NULL);
	p[0] = 1;
	c = p[0];				/* the translation is now in the TLB */
	vfree((void *)p);
	KEXPECT_EQ(t, copy_from_kernel_nofault(&c, (void *)p, 1), -EFAULT);
	KEXPECT_EQ(t, nr_free_pages(), free_before);
}

/*
 * Out of memory is NULL, not a panic, and leaks nothing. A failing attempt may leave kernel
 * page tables (kept by design, counted in nr_pagetable_pages) and an empty slab cached, so the
 * leak check compares a second identical attempt with the state after the first, counting
 * page-table pages as accounted for.
 */
KTEST(vmalloc_oom_and_bad_free)
{
	unsigned long too_big = (nr_free_pages() + 64) * PAGE_SIZE;

	KEXPECT(t, vmalloc(0) == NULL);
	KEXPECT(t, vmalloc((totalram_pages() + 1) * PAGE_SIZE) == NULL);
	KEXPECT(t, vmalloc(too_big) == NULL);		/* fails part-way through and unwinds */
	unsigned long before = nr_free_pages() + nr_pagetable_pages;
	KEXPECT(t, vmalloc(too_big) == NULL);
	KEXPECT_EQ(t, nr_free_pages() + nr_pagetable_pages, before);

	vfree(NULL);
	u8 *p = vmalloc(PAGE_SIZE);
	KASSERT(t, p != NULL);
	expect_reports(1);			/* vfree's WARN_ON */
	vfree(p + 16);				/* not the start: reported, ignored */
	KEXPECT_EQ(t, expected_reports_left(), 0);
	KEXPECT(t, find_vm_area(p) != NULL);
	vfree(p);
	KEXPECT_EQ(t, nr_free_pages() + nr_pagetable_pages, before);
}
