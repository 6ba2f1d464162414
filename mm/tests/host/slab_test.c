/*
 * mm/tests/host/slab_test.c - host unit tests of kmalloc/kfree (mm/slab.c over mm/page_alloc.c).
 *
 * main() first allocates and frees one object of every size class, so each kmalloc-N cache
 * holds its one kept empty slab. From then on every test that frees all it allocated must
 * leave nr_free_pages() at that baseline: that is how the tests see that empty slabs go back
 * to the buddy allocator and nothing leaks.
 */
#include "mm/tests/host/mm_host.h"
#include "mm/slab.h"
#include "tools/hosttest.h"

static const size_t size_classes[] = { 8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096 };
static unsigned long baseline_free;

/* The class kmalloc(@size) must use: a cache's size, or a whole power-of-two block. */
static size_t expected_ksize(size_t size)
{
	size_t i, block = PAGE_SIZE;

	for (i = 0; i < ARRAY_SIZE(size_classes); i++)
		if (size <= size_classes[i])
			return size_classes[i];
	while (block < size)
		block *= 2;
	return block;
}

/* The alignment promised: the class itself, 32 for 96, 64 for 192, a page above PAGE_SIZE. */
static size_t expected_align(size_t ksize)
{
	if (ksize == 96 || ksize == 192)
		return ksize / 3;
	return min(ksize, PAGE_SIZE);
}

static bool in_arena(const void *p, size_t size)
{
	unsigned long a = (unsigned long)p;

	return a >= host_page_offset && a + size <= host_page_offset + HOST_ARENA_SIZE;
}

static bool all_bytes(const void *p, unsigned char c, size_t n)
{
	const unsigned char *b = p;

	while (n--)
		if (*b++ != c)
			return false;
	return true;
}

static int compare_ptrs(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

/*
 * check_live_objects - the @n objects in @objs (sizes @sizes) lie in the arena, still hold
 * the byte pattern fill_objects() wrote (nobody else wrote them), and do not overlap.
 */
static void fill_objects(void **objs, const size_t *sizes, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		memset(objs[i], (int)(i * 7 + 1), sizes[i]);
}

static bool check_live_objects(void **objs, const size_t *sizes, size_t n)
{
	unsigned long *sorted = malloc(n * sizeof(*sorted));
	bool ok = true;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!in_arena(objs[i], sizes[i]) ||
		    !all_bytes(objs[i], (unsigned char)(i * 7 + 1), sizes[i])) {
			printf("# object %zu (%p, %zu bytes) outside the arena or overwritten\n",
			       i, objs[i], sizes[i]);
			ok = false;
		}
		sorted[i] = (unsigned long)objs[i];
	}
	qsort(sorted, n, sizeof(*sorted), compare_ptrs);
	for (i = 1; i < n; i++) {
		if (sorted[i - 1] + ksize((void *)sorted[i - 1]) > sorted[i]) {
			printf("# objects at %#lx and %#lx overlap\n", sorted[i - 1], sorted[i]);
			ok = false;
		}
	}
	free(sorted);
	return ok;
}

/* Every test ends like this: all memory back, only the @new_reports invalid kfree()s it
 * made on purpose reported, the buddy allocator sound. */
static unsigned long reports_at_start;

static void note_reports(void)
{
	reports_at_start = nr_kfree_reports();
}

#define EXPECT_CLEAN_END(new_reports) do {					\
	HT_EXPECT_EQ(nr_free_pages(), baseline_free);				\
	HT_EXPECT_EQ(nr_kfree_reports() - reports_at_start, (new_reports));	\
	HT_EXPECT_EQ(nr_bad_page_reports(), 0);					\
	HT_EXPECT_EQ(host_nr_warnings, 0);					\
	HT_EXPECT(buddy_consistent());						\
} while (0)

HT_TEST(kmalloc_zero_is_null)
{
	HT_EXPECT(kmalloc(0, GFP_KERNEL) == NULL);
	HT_EXPECT(kzalloc(0, GFP_KERNEL) == NULL);
	EXPECT_CLEAN_END(0);
}

HT_TEST(kmalloc_every_size_1_to_8192)
{
	size_t size;

	for (size = 1; size <= 8192; size++) {
		void *p = kmalloc(size, GFP_KERNEL);
		size_t ks = expected_ksize(size);

		HT_ASSERT(p);
		HT_EXPECT_EQ(ksize(p), ks);
		HT_EXPECT(IS_ALIGNED((unsigned long)p - host_page_offset, expected_align(ks)));
		HT_EXPECT(in_arena(p, ks));
		memset(p, 0x3c, ks);	/* the whole class is usable */
		kfree(p);
	}
	EXPECT_CLEAN_END(0);
}

HT_TEST(kmalloc_boundary_sizes_distinct)
{
	static const size_t sizes[] = {
		1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 95, 96, 97, 127, 128, 129,
		191, 192, 193, 255, 256, 257, 511, 512, 513, 1023, 1024, 1025, 2047, 2048,
		2049, 4095, 4096, 4097, 8191, 8192, 8193, 3 * 4096, 65536,
	};
	void *objs[ARRAY_SIZE(sizes)];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		objs[i] = kmalloc(sizes[i], GFP_KERNEL);
		HT_ASSERT(objs[i]);
		HT_EXPECT_EQ(ksize(objs[i]), expected_ksize(sizes[i]));
	}
	fill_objects(objs, sizes, ARRAY_SIZE(sizes));
	HT_EXPECT(check_live_objects(objs, sizes, ARRAY_SIZE(sizes)));
	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		kfree(objs[i]);
	EXPECT_CLEAN_END(0);
}

HT_TEST(kmalloc_many_objects_per_class)
{
	static void *objs[3 * 512 + 1];
	static size_t sizes[3 * 512 + 1];
	size_t c, i;

	for (c = 0; c < ARRAY_SIZE(size_classes); c++) {
		size_t n = 3 * (PAGE_SIZE / size_classes[c]) + 1;	/* spans 4 slabs */

		for (i = 0; i < n; i++) {
			sizes[i] = size_classes[c];
			objs[i] = kmalloc(sizes[i], GFP_KERNEL);
			HT_ASSERT(objs[i]);
			HT_EXPECT(IS_ALIGNED((unsigned long)objs[i] - host_page_offset,
					     expected_align(sizes[i])));
		}
		HT_EXPECT_EQ(nr_free_pages(), baseline_free - 3);	/* + the kept empty slab */
		fill_objects(objs, sizes, n);
		HT_EXPECT(check_live_objects(objs, sizes, n));
		for (i = 0; i < n; i += 2)	/* evens, then odds: slabs go partial, then empty */
			kfree(objs[i]);
		for (i = 1; i < n; i += 2)
			kfree(objs[i]);
		HT_EXPECT_EQ(nr_free_pages(), baseline_free);
	}
	EXPECT_CLEAN_END(0);
}

HT_TEST(kmalloc_reuses_freed_object)
{
	size_t c;
	void *p, *q;

	for (c = 0; c < ARRAY_SIZE(size_classes); c++) {
		p = kmalloc(size_classes[c], GFP_KERNEL);
		HT_ASSERT(p);
		kfree(p);
		q = kmalloc(size_classes[c] - 1, GFP_KERNEL);
		HT_EXPECT(q == p);		/* same cache, object at the freelist head */
		kfree(q);
	}
	/* A freed object in a partial slab is handed out before the slab's other free ones. */
	p = kmalloc(64, GFP_KERNEL);
	q = kmalloc(64, GFP_KERNEL);
	HT_ASSERT(p && q);
	kfree(p);
	HT_EXPECT(kmalloc(50, GFP_KERNEL) == p);
	kfree(p);
	kfree(q);
	/* One object per slab (kmalloc-4096): a full slab goes back to partial on free. */
	{
		void *a = kmalloc(4096, GFP_KERNEL), *b = kmalloc(4096, GFP_KERNEL);
		void *c4 = kmalloc(4096, GFP_KERNEL);

		HT_ASSERT(a && b && c4);
		kfree(b);
		HT_EXPECT(kmalloc(4000, GFP_KERNEL) == b);
		kfree(a);
		kfree(b);
		kfree(c4);
	}
	EXPECT_CLEAN_END(0);
}

HT_TEST(kzalloc_zeroes)
{
	size_t c;

	for (c = 0; c < ARRAY_SIZE(size_classes); c++) {
		size_t size = size_classes[c];
		void *p = kmalloc(size, GFP_KERNEL), *q;

		HT_ASSERT(p);
		memset(p, 0xff, size);
		kfree(p);
		q = kzalloc(size, GFP_KERNEL);
		HT_EXPECT(q == p);
		HT_EXPECT(all_bytes(q, 0, size));
		kfree(q);
	}
	{
		void *p = kmalloc(20000, GFP_KERNEL), *q;

		HT_ASSERT(p);
		memset(p, 0xff, 20000);
		kfree(p);
		q = kzalloc(20000, GFP_KERNEL);
		HT_ASSERT(q);
		HT_EXPECT(all_bytes(q, 0, ksize(q)));
		kfree(q);
	}
	EXPECT_CLEAN_END(0);
}

HT_TEST(kfree_null_is_noop)
{
	kfree(NULL);
	HT_EXPECT_EQ(ksize(NULL), 0);
	EXPECT_CLEAN_END(0);
}

HT_TEST(kfree_invalid_pointers_detected)
{
	unsigned long reports = nr_kfree_reports();
	int on_stack = 0;
	char *heap = malloc(64);
	char *small = kmalloc(64, GFP_KERNEL);
	char *tiny = kmalloc(8, GFP_KERNEL);
	char *odd = kmalloc(96, GFP_KERNEL);
	char *large = kmalloc(3 * PAGE_SIZE, GFP_KERNEL);
	char *freed = kmalloc(128, GFP_KERNEL);
	char *freed_large = kmalloc(2 * PAGE_SIZE, GFP_KERNEL);
	char *slab_tail;

	HT_ASSERT(heap && small && tiny && odd && large && freed && freed_large);
	kfree(freed);
	kfree(freed_large);
	HT_EXPECT_EQ(nr_kfree_reports(), reports);
	/* 42 objects of 96 bytes end at 4032: the last 64 bytes of the slab are no object. */
	slab_tail = (char *)((unsigned long)odd & PAGE_MASK) + 42 * 96;

	const void *bad[] = {
		&on_stack,			/* not in the direct map */
		heap,				/* host heap, outside the arena */
		(void *)0x1000,			/* low address */
		(void *)(host_page_offset + HOST_ARENA_SIZE), /* just past "RAM" */
		small + 8, small + 63,		/* inside an object */
		tiny + 4,
		odd + 32, slab_tail,		/* 96-byte class: not an object start */
		large + 100, large + PAGE_SIZE,	/* inside a large block */
		large + 2 * PAGE_SIZE,
		freed,				/* double free of a slab object */
		freed_large,			/* double free of a large block */
		page_address(pfn_to_page(0)),	/* a reserved frame */
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		unsigned long free_before = nr_free_pages();

		kfree(bad[i]);
		HT_EXPECT_EQ(nr_kfree_reports(), reports + i + 1);
		HT_EXPECT(strstr(host_last_printk, "kfree: invalid pointer") != NULL);
		HT_EXPECT_EQ(ksize(bad[i]), 0);
		HT_EXPECT_EQ(nr_free_pages(), free_before);
	}
	/* The real objects are untouched and free normally. */
	HT_EXPECT_EQ(ksize(small), 64);
	HT_EXPECT_EQ(ksize(large), 4 * PAGE_SIZE);
	kfree(small);
	kfree(tiny);
	kfree(odd);
	kfree(large);
	free(heap);
	EXPECT_CLEAN_END(ARRAY_SIZE(bad));
}

HT_TEST(kfree_double_free_of_8_byte_objects)
{
	void *a = kmalloc(8, GFP_KERNEL), *b = kmalloc(8, GFP_KERNEL);

	HT_ASSERT(a && b);
	kfree(a);
	kfree(b);
	kfree(a);	/* not at the freelist head: found by walking it */
	kfree(b);	/* the head */
	EXPECT_CLEAN_END(2);
}

HT_TEST(live_object_looking_free_is_freed)
{
	/* A live object whose second word happens to equal the free marker is still freed:
	 * the marker only sends kfree() to check the slab's freelist. (Value from slab.c.) */
	unsigned long *p = kmalloc(16, GFP_KERNEL);

	HT_ASSERT(p);
	p[0] = 0;
	p[1] = 0x5a5a6b6b7c7c8d8dUL ^ (unsigned long)p;
	kfree(p);
	HT_EXPECT_EQ(nr_kfree_reports() - reports_at_start, 0);
	HT_EXPECT(kmalloc(16, GFP_KERNEL) == p);
	kfree(p);
	EXPECT_CLEAN_END(0);
}

HT_TEST(kmalloc_phys_contiguous)
{
	unsigned char *p = kmalloc(3 * PAGE_SIZE, GFP_KERNEL);
	struct page *head;
	size_t i;

	HT_ASSERT(p);
	head = virt_to_page(p);
	HT_EXPECT(PageHead(head));
	HT_EXPECT_EQ(head->order, 2);
	HT_EXPECT_EQ(ksize(p), 4 * PAGE_SIZE);
	for (i = 0; i < 3 * PAGE_SIZE; i++) {
		if (__pa(p + i) != __pa(p) + i || virt_to_page(p + i) != head + i / PAGE_SIZE) {
			HT_EXPECT(!"physically contiguous");
			break;
		}
	}
	kfree(p);
	HT_EXPECT(!PageHead(head));
	EXPECT_CLEAN_END(0);
}

HT_TEST(kmalloc_huge)
{
	void *p = kmalloc(PAGE_SIZE << MAX_ORDER, GFP_KERNEL);	/* 4 MiB: the largest block */

	HT_EXPECT(p != NULL);
	kfree(p);
	HT_EXPECT(kmalloc((PAGE_SIZE << MAX_ORDER) + 1, GFP_KERNEL) == NULL);
	HT_EXPECT(kmalloc(1UL << 30, GFP_KERNEL) == NULL);
	HT_EXPECT(kmalloc((size_t)-1, GFP_KERNEL) == NULL);
	EXPECT_CLEAN_END(0);
}

HT_TEST(empty_slabs_go_back_to_buddy)
{
	void *objs[5 * 8];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(objs); i++) {	/* 512-byte objects: 8 per slab */
		objs[i] = kmalloc(512, GFP_KERNEL);
		HT_ASSERT(objs[i]);
	}
	HT_EXPECT_EQ(nr_free_pages(), baseline_free - 4);	/* the kept empty slab + 4 */
	for (i = 0; i < ARRAY_SIZE(objs); i++)
		kfree(objs[i]);
	EXPECT_CLEAN_END(0);
}

/* chain_alloc - kmalloc(@size) until NULL, linking the objects through their first word. */
static unsigned long chain_alloc(void **chain, size_t size)
{
	unsigned long n = 0;
	void *p;

	while ((p = kmalloc(size, GFP_KERNEL)) != NULL) {
		*(void **)p = *chain;
		*chain = p;
		n++;
	}
	return n;
}

static void chain_free(void *chain)
{
	while (chain) {
		void *next = *(void **)chain;

		kfree(chain);
		chain = next;
	}
}

HT_TEST(kmalloc_out_of_memory_returns_null)
{
	/* Big blocks first, then every class from the largest down, so that at the end no
	 * cache has a free object left and the buddy allocator has no frame left. */
	static const size_t sizes[] = {
		65536, 8192, 4096, 2048, 1024, 512, 256, 192, 128, 96, 64, 32, 16, 8,
	};
	void *chains[ARRAY_SIZE(sizes)] = { NULL };
	unsigned long total = 0;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		total += chain_alloc(&chains[i], sizes[i]);
	HT_EXPECT(total > 0);
	HT_EXPECT_EQ(nr_free_pages(), 0);
	HT_EXPECT(alloc_page(GFP_KERNEL) == NULL);
	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		HT_EXPECT(kmalloc(sizes[i], GFP_KERNEL) == NULL);
	HT_EXPECT(kzalloc(1, GFP_KERNEL) == NULL);
	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		chain_free(chains[i]);
	EXPECT_CLEAN_END(0);
}

int main(void)
{
	size_t c;

	host_mm_init();
	kmem_cache_init();
	for (c = 0; c < ARRAY_SIZE(size_classes); c++)
		kfree(kmalloc(size_classes[c], GFP_KERNEL));
	baseline_free = nr_free_pages();
	ht_before_each = note_reports;
	return ht_run_all();
}
