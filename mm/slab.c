/*
 * mm/slab.c - kmalloc/kfree: small objects carved out of whole pages (a simple SLUB).
 *
 * Seed concept: kmalloc hands out physically contiguous memory in the kernel logical (direct)
 * map. The buddy allocator deals only in 4 KiB frames, so small requests are rounded up to a
 * size class N and served by the cache "kmalloc-N". A cache owns slabs: order-0 frames cut
 * into N-byte objects. The frame's struct page describes its slab, as in Linux's SLUB:
 *
 *   PG_slab           the frame is a slab      page->slab_cache  the cache it belongs to
 *   page->freelist    first free object         page->inuse       objects handed out
 *   page->lru         on the cache's partial list (some objects free) or full list (none)
 *
 * Objects sit at multiples of N from the frame's start, so each is naturally aligned to its
 * class (96 and 192, not powers of two, are aligned to 32 and 64). Requests above PAGE_SIZE
 * skip the caches: a 2^order block straight from the buddy allocator, PG_head on its first
 * frame and the order in page->order.
 *
 * A free object's first word links the slab's freelist; its second word holds
 * SLAB_FREE_MARKER ^ its own address. kfree() uses the marker only as a fast filter: an object
 * whose marker is missing cannot be free, and one that has it (or any 8-byte object, which has
 * no room for it) is checked against the slab's actual freelist. So a double free is always
 * caught, and a live object that happens to contain the marker value is never mistaken for a
 * free one. (A write into an object after kfree() can still go unnoticed, as in Linux without
 * slub_debug.)
 *
 * One empty slab per cache is kept for the next kmalloc; further empty slabs go back to the
 * buddy allocator. Like the buddy allocator, this code takes no lock (one CPU, process context).
 */
#include "mm/slab.h"
#include "kernel/printk.h"
#include "kernel/panic.h"
#include "kernel/lib/string.h"

#define SLAB_FREE_MARKER	0x5a5a6b6b7c7c8d8dUL	/* "this object is on a freelist" */

struct kmem_cache {
	const char *name;		/* "kmalloc-N" */
	unsigned int size;		/* object size, the size class N */
	unsigned int objects;		/* objects per slab: PAGE_SIZE / size */
	struct list_head partial;	/* slabs with free objects; empty ones at the tail */
	struct list_head full;		/* slabs with every object in use */
	unsigned long nr_partial;	/* slabs on partial (including the empty one) */
	unsigned long nr_full;		/* slabs on full */
	unsigned long nr_empty;		/* slabs with no object in use: 0 or 1 */
};

static struct kmem_cache kmalloc_caches[] = {
	{ .name = "kmalloc-8", .size = 8 },	{ .name = "kmalloc-16", .size = 16 },
	{ .name = "kmalloc-32", .size = 32 },	{ .name = "kmalloc-64", .size = 64 },
	{ .name = "kmalloc-96", .size = 96 },	{ .name = "kmalloc-128", .size = 128 },
	{ .name = "kmalloc-192", .size = 192 },	{ .name = "kmalloc-256", .size = 256 },
	{ .name = "kmalloc-512", .size = 512 },	{ .name = "kmalloc-1024", .size = 1024 },
	{ .name = "kmalloc-2048", .size = 2048 }, { .name = "kmalloc-4096", .size = 4096 },
};

static bool slab_ready;
static unsigned long kfree_report_count;

/* kmem_cache_init - create the kmalloc-N caches. Call once after the buddy allocator is up. */
void kmem_cache_init(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(kmalloc_caches); i++) {
		struct kmem_cache *s = &kmalloc_caches[i];

		s->objects = PAGE_SIZE / s->size;
		INIT_LIST_HEAD(&s->partial);
		INIT_LIST_HEAD(&s->full);
		s->nr_partial = s->nr_full = s->nr_empty = 0;
	}
	kfree_report_count = 0;
	slab_ready = true;
}

/* The freelist link and the free marker, stored in a free object's first two words. */
static void *get_freepointer(const void *object)
{
	return *(void *const *)object;
}

static void set_free(struct kmem_cache *s, void *object, void *next)
{
	((void **)object)[0] = next;
	if (s->size >= 2 * sizeof(void *))
		((unsigned long *)object)[1] = SLAB_FREE_MARKER ^ (unsigned long)object;
}

/* object_is_free - is @object (a valid object address in @slab) on the slab's freelist? */
static bool object_is_free(struct kmem_cache *s, struct page *slab, const void *object)
{
	void *p;

	if (s->size >= 2 * sizeof(void *) &&
	    ((const unsigned long *)object)[1] != (SLAB_FREE_MARKER ^ (unsigned long)object))
		return false;	/* every free object carries the marker */
	for (p = slab->freelist; p; p = get_freepointer(p))
		if (p == object)
			return true;
	return false;
}

/* kmalloc_slab - the smallest cache whose objects hold @size bytes (size <= PAGE_SIZE). */
unsigned long slab_reclaimable_pages(void)
{
	unsigned long n = 0;

	for (size_t i = 0; i < ARRAY_SIZE(kmalloc_caches); i++)
		n += kmalloc_caches[i].nr_empty;
	return n;
}

static struct kmem_cache *kmalloc_slab(size_t size)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(kmalloc_caches); i++)
		if (size <= kmalloc_caches[i].size)
			return &kmalloc_caches[i];
	return NULL;
}

/*
 * new_slab - take a frame from the buddy allocator and thread all its objects on a freelist
 * in address order. Returns the slab (not yet on any list), or NULL when memory is out.
 */
static struct page *new_slab(struct kmem_cache *s)
{
	struct page *slab = alloc_page(GFP_KERNEL);
	char *base;
	unsigned int i;

	if (!slab)
		return NULL;
	base = page_address(slab);
	for (i = 0; i < s->objects; i++)
		set_free(s, base + i * s->size, i + 1 < s->objects ? base + (i + 1) * s->size : NULL);
	set_page_flag(slab, PG_slab);
	slab->slab_cache = s;
	slab->freelist = base;
	slab->inuse = 0;
	return slab;
}

/* discard_slab - give an empty slab's frame back to the buddy allocator. */
static void discard_slab(struct page *slab)
{
	clear_page_flag(slab, PG_slab);
	slab->slab_cache = NULL;
	__free_page(slab);
}

/* slab_alloc - one object of @s, from the first partial slab or a new one; NULL if out of memory. */
static void *slab_alloc(struct kmem_cache *s, gfp_t gfp)
{
	struct page *slab;
	void *object;

	if (list_empty(&s->partial)) {
		slab = new_slab(s);
		if (!slab)
			return NULL;
		list_add(&slab->lru, &s->partial);
		s->nr_partial++;
		s->nr_empty++;
	}
	slab = list_first_entry(&s->partial, struct page, lru);
	object = slab->freelist;
	slab->freelist = get_freepointer(object);
	if (slab->inuse++ == 0)
		s->nr_empty--;
	if (!slab->freelist) {
		list_del(&slab->lru);
		list_add(&slab->lru, &s->full);
		s->nr_partial--;
		s->nr_full++;
	}
	if (s->size >= 2 * sizeof(void *))
		((unsigned long *)object)[1] = 0;	/* a live object must not look free */
	if (gfp & __GFP_ZERO)
		memset(object, 0, s->size);
	return object;
}

/*
 * slab_free - put @object back on its @slab's freelist. A slab that was full moves to the
 * head of the partial list; one that becomes empty moves to the tail, or back to the buddy
 * allocator if the cache already keeps an empty slab.
 */
static void slab_free(struct kmem_cache *s, struct page *slab, void *object)
{
	bool was_full = slab->freelist == NULL;

	set_free(s, object, slab->freelist);
	slab->freelist = object;
	slab->inuse--;

	list_del(&slab->lru);
	if (was_full) {
		s->nr_full--;
		s->nr_partial++;
	}
	if (slab->inuse > 0) {
		list_add(&slab->lru, &s->partial);
	} else if (s->nr_empty == 0) {
		list_add_tail(&slab->lru, &s->partial);
		s->nr_empty++;
	} else {
		s->nr_partial--;
		discard_slab(slab);
	}
}

/*
 * kmalloc - allocate @size bytes, physically contiguous, aligned to min(size class, PAGE_SIZE).
 * Returns NULL for size 0 or when memory runs out (never panics). __GFP_ZERO zeroes it.
 */
void *kmalloc(size_t size, gfp_t gfp)
{
	struct page *page;
	unsigned int order = 0;

	if (size == 0 || WARN_ON(!slab_ready))
		return NULL;
	if (size <= PAGE_SIZE)
		return slab_alloc(kmalloc_slab(size), gfp);

	if (size > (PAGE_SIZE << MAX_ORDER))
		return NULL;
	while ((PAGE_SIZE << order) < size)
		order++;
	page = alloc_pages(gfp, order);
	if (!page)
		return NULL;
	set_page_flag(page, PG_head);
	page->order = order;
	return page_address(page);
}

/*
 * kmalloc_page - check that @p is memory kmalloc handed out and has not been freed.
 * Returns its frame (PG_slab or PG_head), or NULL with *@why saying what is wrong.
 */
static struct page *kmalloc_page(const void *p, const char **why)
{
	unsigned long pfn = __pa(p) >> PAGE_SHIFT;
	unsigned long offset = __pa(p) & ~PAGE_MASK;
	struct page *page;

	if (!pfn_valid(pfn)) {	/* below the direct map, __pa() wraps and fails this too */
		*why = "not a direct-map address of RAM";
		return NULL;
	}
	page = pfn_to_page(pfn);
	if (PageSlab(page)) {
		struct kmem_cache *s = page->slab_cache;

		if (offset % s->size != 0 || offset / s->size >= s->objects) {
			*why = "not the start of a slab object";
			return NULL;
		}
		if (object_is_free(s, page, p)) {
			*why = "object already free (double free?)";
			return NULL;
		}
		return page;
	}
	if (PageHead(page)) {
		if (offset != 0) {
			*why = "not the start of a kmalloc block";
			return NULL;
		}
		return page;
	}
	*why = "not memory from kmalloc (or already freed)";
	return NULL;
}

/*
 * kfree - free memory from kmalloc. kfree(NULL) does nothing. A pointer kmalloc did not hand
 * out (not in the direct map, not a slab object or large block start, or already freed) is
 * reported as "kfree: invalid pointer" and ignored.
 */
void kfree(const void *p)
{
	const char *why = NULL;
	struct page *page;

	if (!p)
		return;
	page = kmalloc_page(p, &why);
	if (!page) {
		kfree_report_count++;
		pr_err("kfree: invalid pointer %p: %s\n", p, why);
		return;
	}
	if (PageSlab(page)) {
		slab_free(page->slab_cache, page, (void *)p);
	} else {
		unsigned int order = page->order;

		clear_page_flag(page, PG_head);
		page->mapping = NULL;		/* the union held the order: leave no owner behind */
		__free_pages(page, order);
	}
}

/* ksize - the usable size of a kmalloc'ed object (its size class), 0 for a bad pointer. */
size_t ksize(const void *p)
{
	const char *why;
	struct page *page;

	if (!p)
		return 0;
	page = kmalloc_page(p, &why);
	if (!page)
		return 0;
	return PageSlab(page) ? page->slab_cache->size : PAGE_SIZE << page->order;
}

/* nr_kfree_reports - how many invalid kfree() calls were caught and ignored. */
unsigned long nr_kfree_reports(void)
{
	return kfree_report_count;
}
