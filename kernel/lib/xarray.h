/*
 * kernel/lib/xarray.h - a sparse array of pointers indexed by unsigned long (Linux's XArray,
 * the radix tree under the page cache), with three marks per entry.
 *
 * The page cache of a file is an xarray from page index to struct page: a lookup walks one
 * node per 6 bits of the index, so a 4 GiB file (2^20 pages) needs 4 levels and a file with
 * one page at offset 1 TiB costs 5 small nodes, not an array as long as the file. Marks tag
 * entries (the page cache's dirty and writeback tags): each node keeps, per mark, a bitmap of
 * the slots below which some entry carries the mark, so "the next dirty page" skips whole
 * clean subtrees.
 *
 * Entries are pointers aligned to at least 4 bytes (bit 1 tags the tree's own nodes), or
 * value entries: an integer with bit 0 set (xa_mk_value); NULL means absent. Nodes come from kmalloc. No locking: the caller serializes (Faultline runs one
 * CPU and does not preempt kernel code).
 */
#ifndef FAULTLINE_XARRAY_H
#define FAULTLINE_XARRAY_H

#include "kernel/types.h"
#include "mm/page_alloc.h"	/* gfp_t */

#define XA_CHUNK_SHIFT	6
#define XA_CHUNK_SIZE	(1UL << XA_CHUNK_SHIFT)	/* slots per node */
#define XA_MAX_MARKS	3

typedef unsigned int xa_mark_t;
#define XA_MARK_0	0U
#define XA_MARK_1	1U
#define XA_MARK_2	2U
#define XA_PRESENT	8U		/* xa_find filter: any entry, marked or not */

struct xa_node {
	unsigned char shift;		/* index bits below this node's slots: 0 in a leaf node */
	unsigned char offset;		/* this node's slot in its parent */
	unsigned char count;		/* non-NULL slots */
	struct xa_node *parent;		/* NULL for the root */
	void *slots[XA_CHUNK_SIZE];
	u64 marks[XA_MAX_MARKS];	/* bit n: slot n holds (leaf) or leads to (inner) a marked entry */
};

struct xarray {
	void *xa_head;			/* NULL, or the root node (tagged) */
};

#define XARRAY_INIT	{ .xa_head = NULL }

/* xa_init - an empty array. */
static inline void xa_init(struct xarray *xa)
{
	xa->xa_head = NULL;
}

/* xa_empty - true if @xa holds no entry. */
static inline bool xa_empty(const struct xarray *xa)
{
	return xa->xa_head == NULL;
}

/*
 * Value entries (Linux's xa_mk_value): an integer up to 2^63 - 1 stored where a pointer would
 * be, told apart by bit 0. The page cache of shared anonymous memory keeps the swap entry of
 * a page that is out this way, in the slot the page had (mm/shmem.c).
 */
static inline void *xa_mk_value(unsigned long v)
{
	return (void *)((v << 1) | 1UL);
}

static inline bool xa_is_value(const void *entry)
{
	return (unsigned long)entry & 1UL;
}

static inline unsigned long xa_to_value(const void *entry)
{
	return (unsigned long)entry >> 1;
}

/* xa_load - the entry at @index, or NULL. */
void *xa_load(struct xarray *xa, unsigned long index);

/*
 * xa_insert - store @entry (non-NULL: a 4-byte aligned pointer or a value entry) at @index if that slot is empty.
 * Returns 0, -EBUSY if an entry is there already, -EINVAL for a bad entry, or -ENOMEM if a
 * node could not be allocated (then the array is as it was).
 */
int xa_insert(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp);

/*
 * xa_store - store @entry at @index, replacing what was there; NULL erases. Returns the old
 * entry (NULL if none); on -ENOMEM / -EINVAL returns ERR_PTR-style xa_err: check with
 * xa_is_err(). Marks of a replaced entry are kept.
 */
void *xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp);

/* xa_is_err / xa_err - tell an error return of xa_store from an entry, and get its -errno. */
static inline bool xa_is_err(const void *entry)
{
	return (unsigned long)entry >= (unsigned long)-4095;
}

static inline int xa_err(const void *entry)
{
	return xa_is_err(entry) ? (int)(long)entry : 0;
}

/* xa_erase - remove the entry at @index (and its marks), freeing nodes left empty. Returns
 * the entry that was there, or NULL. */
void *xa_erase(struct xarray *xa, unsigned long index);

/* xa_set_mark / xa_clear_mark - mark or unmark the entry at @index (nothing if absent). */
void xa_set_mark(struct xarray *xa, unsigned long index, xa_mark_t mark);
void xa_clear_mark(struct xarray *xa, unsigned long index, xa_mark_t mark);

/* xa_get_mark - true if the entry at @index is present and carries @mark. */
bool xa_get_mark(struct xarray *xa, unsigned long index, xa_mark_t mark);

/* xa_marked - true if any entry in @xa carries @mark. */
bool xa_marked(const struct xarray *xa, xa_mark_t mark);

/*
 * xa_find - the first entry at an index in [*@indexp, @max] that matches @filter (XA_PRESENT:
 * any entry; a mark: entries carrying it). Sets *@indexp to its index and returns it, or
 * returns NULL (leaving *@indexp unspecified) if there is none.
 */
void *xa_find(struct xarray *xa, unsigned long *indexp, unsigned long max, xa_mark_t filter);

/* xa_find_after - as xa_find, but starting after *@indexp (NULL if *@indexp is the last index). */
void *xa_find_after(struct xarray *xa, unsigned long *indexp, unsigned long max, xa_mark_t filter);

/* xa_for_each_marked / xa_for_each - visit entries in index order; the body may erase the
 * current entry (the walk continues from the next index). */
#define xa_for_each_marked(xa, index, entry, filter)					\
	for ((index) = 0, (entry) = xa_find((xa), &(index), ~0UL, (filter)); (entry);	\
	     (entry) = xa_find_after((xa), &(index), ~0UL, (filter)))
#define xa_for_each(xa, index, entry)	xa_for_each_marked(xa, index, entry, XA_PRESENT)

/* xa_destroy - free every node of @xa (the entries themselves are the caller's). */
void xa_destroy(struct xarray *xa);

/* xa_nr_nodes - nodes currently allocated by all xarrays (for leak checks in tests). */
unsigned long xa_nr_nodes(void);

#endif
