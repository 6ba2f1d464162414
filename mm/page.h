/*
 * mm/page.h - struct page: one descriptor per physical page frame (Linux's mm_types.h).
 *
 * mem_map[] holds one struct page for every frame from physical 0 to max_pfn. The same
 * descriptor serves every user of a frame, so the fields are shared through a union, as in
 * Linux: the buddy allocator (free lists, order), the slab allocator (its cache, free list),
 * and for user memory the reverse links the fault path, copy-on-write, the page cache and
 * swap need (mapping/index, the map count, the swap entry).
 */
#ifndef FAULTLINE_PAGE_H
#define FAULTLINE_PAGE_H

#include "kernel/types.h"
#include "kernel/list.h"
#include "mm/memlayout.h"

/* page->flags bits. */
enum pageflags {
	PG_reserved,	/* never allocatable: firmware, the kernel image, boot data, holes */
	PG_buddy,	/* free, on a buddy free list; page->order is the block's order */
	PG_slab,	/* owned by the slab allocator; page->slab_cache says which cache */
	PG_head,	/* first page of a multi-page kmalloc block; page->order holds its order */
	PG_dirty,	/* contents differ from the backing file or swap slot */
	PG_uptodate,	/* contents are valid (read from the file / swap, or zeroed) */
	PG_anon,	/* anonymous user memory (page->mapping unused; page->anon_vma) */
	PG_swapcache,	/* has a swap slot; page->private is the swap entry */
	PG_locked,	/* locked: being read in (not yet PG_uptodate), or under write-back setup */
	PG_writeback,	/* being written to its backing store */
	PG_swapbacked,	/* page-cache page of shared anonymous memory (shmem): its backing is swap */
	PG_readahead,	/* page-cache page read ahead: the first hit on it starts the next window */
	PG_lru,		/* on one of the LRU lists (mm/lru.h); clear while reclaim holds it */
	PG_active,	/* on (or, when isolated, belongs to) an active LRU list */
	PG_referenced,	/* accessed through read()/write() once: the next access activates it */
	PG_lru_anon,	/* belongs on the anonymous LRU lists (set when first added: mm/lru.h) */
	PG_reclaim,	/* reclaim holds it (and a reference): isolated, or waiting for its write */
};

struct kmem_cache;
struct address_space;

struct page {
	unsigned long flags;		/* PG_* bits */
	int _refcount;			/* references: 0 means free (or reserved and unused) */
	int _mapcount;			/* number of PTEs mapping this frame (for COW reuse and rmap) */
	struct list_head lru;		/* buddy free list, slab partial list, or LRU list */
	union {
		struct {		/* buddy allocator, kmalloc large blocks */
			unsigned int order;
		};
		struct {		/* slab allocator */
			struct kmem_cache *slab_cache;
			void *freelist;		/* first free object in this slab */
			unsigned int inuse;	/* objects handed out */
		};
		struct {		/* user memory: file pages, anonymous pages, swap */
			struct address_space *mapping;	/* file (page cache) or NULL */
			unsigned long index;		/* page offset within the file or VMA */
			unsigned long private;		/* swap entry when PG_swapcache */
			struct anon_vma *anon_vma;	/* PG_anon and mapped: its VMA family (mm/rmap.h) */
		};
	};
};

extern struct page *mem_map;		/* mem_map[pfn] describes frame pfn */
extern unsigned long max_pfn;		/* frames [0, max_pfn) have descriptors */

static inline bool test_page_flag(const struct page *page, int bit)
{
	return (page->flags >> bit) & 1UL;
}
/* set_page_flag / clear_page_flag - atomic (as Linux's set_bit): a disk's interrupt sets
 * PG_uptodate and clears PG_locked of pages whose read it completed, while the interrupted
 * task may be changing another bit of the same word. */
static inline void set_page_flag(struct page *page, int bit)
{
	__atomic_or_fetch(&page->flags, 1UL << bit, __ATOMIC_RELAXED);
}
static inline void clear_page_flag(struct page *page, int bit)
{
	__atomic_and_fetch(&page->flags, ~(1UL << bit), __ATOMIC_RELAXED);
}

#define PageReserved(p)		test_page_flag(p, PG_reserved)
#define PageBuddy(p)		test_page_flag(p, PG_buddy)
#define PageSlab(p)		test_page_flag(p, PG_slab)
#define PageHead(p)		test_page_flag(p, PG_head)
#define PageDirty(p)		test_page_flag(p, PG_dirty)
#define PageAnon(p)		test_page_flag(p, PG_anon)
#define PageSwapCache(p)	test_page_flag(p, PG_swapcache)
#define PageSwapBacked(p)	test_page_flag(p, PG_swapbacked)
#define PageUptodate(p)		test_page_flag(p, PG_uptodate)
#define PageReadahead(p)	test_page_flag(p, PG_readahead)
#define PageLocked(p)		test_page_flag(p, PG_locked)
#define PageWriteback(p)	test_page_flag(p, PG_writeback)
#define PageLRU(p)		test_page_flag(p, PG_lru)
#define PageActive(p)		test_page_flag(p, PG_active)
#define PageReferenced(p)	test_page_flag(p, PG_referenced)
#define PageReclaim(p)		test_page_flag(p, PG_reclaim)

/* test_and_clear_page_flag - clear @bit, returning whether it was set (Linux's
 * TestClearPageReferenced and friends). */
static inline bool test_and_clear_page_flag(struct page *page, int bit)
{
	return (__atomic_fetch_and(&page->flags, ~(1UL << bit), __ATOMIC_RELAXED) >> bit) & 1UL;
}

static inline unsigned long page_to_pfn(const struct page *page)
{
	return (unsigned long)(page - mem_map);
}
static inline struct page *pfn_to_page(unsigned long pfn)
{
	return &mem_map[pfn];
}
static inline bool pfn_valid(unsigned long pfn)
{
	return pfn < max_pfn;
}
static inline phys_addr_t page_to_phys(const struct page *page)
{
	return (phys_addr_t)page_to_pfn(page) << PAGE_SHIFT;
}
static inline struct page *phys_to_page(phys_addr_t pa)
{
	return pfn_to_page(pa >> PAGE_SHIFT);
}
/* page_address(): the direct-map address of the frame. */
static inline void *page_address(const struct page *page)
{
	return __va(page_to_phys(page));
}
/* virt_to_page(): the descriptor of a direct-map address's frame (caller checks the range). */
static inline struct page *virt_to_page(const void *addr)
{
	return phys_to_page(__pa(addr));
}

/*
 * clear_page / copy_page - zero or copy one 4 KiB page, 8 bytes at a time (`rep stosq` /
 * `rep movsq`, Linux's clear_page_rep/copy_page). Pages are always 8-byte aligned, and the
 * quadword strings take 512 iterations where the byte strings of memset/memcpy take 4096.
 */
static inline void clear_page(void *page)
{
	unsigned long cnt = PAGE_SIZE / 8;
	void *dst = page;

	__asm__ __volatile__("rep stosq" : "+D"(dst), "+c"(cnt) : "a"(0UL) : "memory");
}

static inline void copy_page(void *to, const void *from)
{
	unsigned long cnt = PAGE_SIZE / 8;

	__asm__ __volatile__("rep movsq" : "+D"(to), "+S"(from), "+c"(cnt) :: "memory");
}

static inline int page_count(const struct page *page)
{
	return page->_refcount;
}
static inline void get_page(struct page *page)
{
	page->_refcount++;
}
static inline void set_page_count(struct page *page, int v)
{
	page->_refcount = v;
}

#endif
