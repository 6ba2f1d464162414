/*
 * mm/tests/slab_test.c - in-kernel self tests of kmalloc/kfree (mm/slab.c).
 */
#include "kernel/selftest.h"
#include "kernel/lib/string.h"
#include "mm/slab.h"

/* The usable size kmalloc(@size) must give: its size class, or a power-of-two block. */
static size_t expected_ksize(size_t size)
{
	static const size_t classes[] = { 8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096 };
	size_t i, block = PAGE_SIZE;

	for (i = 0; i < ARRAY_SIZE(classes); i++)
		if (size <= classes[i])
			return classes[i];
	while (block < size)
		block *= 2;
	return block;
}

/* The alignment promised for a class: itself, 32 for 96, 64 for 192, a page above that. */
static size_t expected_align(size_t ksize)
{
	if (ksize == 96 || ksize == 192)
		return ksize / 3;
	return min(ksize, PAGE_SIZE);
}

static bool all_bytes(const void *p, unsigned char c, size_t n)
{
	const unsigned char *b = p;

	while (n--)
		if (*b++ != c)
			return false;
	return true;
}

KTEST(kmalloc_sizes)
{
	static const size_t sizes[] = {
		1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 95, 96, 97, 127, 128, 129,
		191, 192, 193, 255, 256, 257, 511, 512, 513, 1023, 1024, 1025, 2047, 2048,
		2049, 4095, 4096, 4097, 8191, 8192, 8193, 65536,
	};
	unsigned long free_before = nr_free_pages();
	void *objs[ARRAY_SIZE(sizes)];
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		objs[i] = kmalloc(sizes[i], GFP_KERNEL);
		KASSERT(t, objs[i]);
		KEXPECT_EQ(t, ksize(objs[i]), expected_ksize(sizes[i]));
		KEXPECT(t, IS_ALIGNED((unsigned long)objs[i], expected_align(ksize(objs[i]))));
		KEXPECT(t, pfn_valid(__pa(objs[i]) >> PAGE_SHIFT));	/* direct map of RAM */
		memset(objs[i], (int)i + 1, sizes[i]);
	}
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		unsigned long a = (unsigned long)objs[i];

		KEXPECT(t, all_bytes(objs[i], (unsigned char)(i + 1), sizes[i]));
		for (j = i + 1; j < ARRAY_SIZE(sizes); j++) {
			unsigned long b = (unsigned long)objs[j];

			KEXPECT(t, a + sizes[i] <= b || b + sizes[j] <= a);	/* no overlap */
		}
	}
	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		kfree(objs[i]);
	/* Each cache may now keep one empty slab it did not have before. */
	KEXPECT(t, nr_free_pages() + 12 >= free_before);
	KEXPECT(t, kmalloc(0, GFP_KERNEL) == NULL);
	KEXPECT(t, kmalloc((PAGE_SIZE << MAX_ORDER) + 1, GFP_KERNEL) == NULL);
}

KTEST(kmalloc_reuse)
{
	void *p = kmalloc(40, GFP_KERNEL), *q;

	KASSERT(t, p);
	kfree(p);
	q = kmalloc(33, GFP_KERNEL);		/* the same cache, kmalloc-64 */
	KEXPECT(t, q == p);
	kfree(q);

	p = kzalloc(200, GFP_KERNEL);
	KASSERT(t, p);
	memset(p, 0xff, 200);
	kfree(p);
	q = kzalloc(256, GFP_KERNEL);		/* the same object, zeroed again */
	KEXPECT(t, q == p);
	KEXPECT(t, q && all_bytes(q, 0, 256));
	kfree(q);
}

KTEST(kfree_null)
{
	unsigned long reports = nr_kfree_reports();

	kfree(NULL);
	KEXPECT_EQ(t, nr_kfree_reports(), reports);
	KEXPECT_EQ(t, ksize(NULL), 0);
}

static int not_from_kmalloc;	/* in the kernel image, not the direct map */

KTEST(kfree_invalid_detected)
{
	unsigned long reports = nr_kfree_reports();
	unsigned long free_before;
	char *small = kmalloc(64, GFP_KERNEL);
	char *large = kmalloc(3 * PAGE_SIZE, GFP_KERNEL);
	char *freed = kmalloc(128, GFP_KERNEL);
	const void *bad[6];
	size_t i;

	KASSERT(t, small && large && freed);
	kfree(freed);
	bad[0] = &not_from_kmalloc;
	bad[1] = (void *)0x400000;		/* a user address */
	bad[2] = small + 8;			/* inside an object */
	bad[3] = large + PAGE_SIZE + 16;	/* inside a large block */
	bad[4] = freed;				/* double free */
	bad[5] = page_address(pfn_to_page(0));	/* a reserved frame */

	free_before = nr_free_pages();
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		kfree(bad[i]);
		KEXPECT_EQ(t, nr_kfree_reports(), reports + i + 1);
		KEXPECT_EQ(t, ksize(bad[i]), 0);
	}
	KEXPECT_EQ(t, nr_free_pages(), free_before);
	KEXPECT_EQ(t, ksize(small), 64);	/* the real objects are untouched */
	kfree(small);
	kfree(large);
	KEXPECT_EQ(t, nr_kfree_reports(), reports + ARRAY_SIZE(bad));
}

KTEST(kmalloc_phys_contiguous)
{
	unsigned char *p = kmalloc(3 * PAGE_SIZE, GFP_KERNEL);
	struct page *head;
	unsigned long i;

	KASSERT(t, p);
	head = virt_to_page(p);
	KEXPECT(t, PageHead(head));
	for (i = 0; i < 3; i++) {
		KEXPECT(t, virt_to_page(p + i * PAGE_SIZE) == head + i);
		KEXPECT_EQ(t, page_to_phys(head + i), __pa(p) + i * PAGE_SIZE);
	}
	for (i = 0; i < 3 * PAGE_SIZE; i++)
		p[i] = (unsigned char)i;
	for (i = 0; i < 3 * PAGE_SIZE; i++)
		if (p[i] != (unsigned char)i)
			break;
	KEXPECT_EQ(t, i, 3 * PAGE_SIZE);
	kfree(p);
}
