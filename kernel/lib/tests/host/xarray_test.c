/*
 * kernel/lib/tests/host/xarray_test.c - host unit tests for kernel/lib/xarray.c.
 *
 * The tree is checked against a plain reference (a sorted table of index -> entry and marks)
 * after random inserts, stores, erases and mark changes over index ranges that make trees of
 * every height, and against its own invariants: node counts, mark bits that agree with the
 * leaves, no empty node left behind, and every node freed when the array empties.
 */
#include "tools/hosttest.h"
#include "kernel/lib/xarray.h"
#include "kernel/errno.h"
#include "mm/slab.h"
#include <stdint.h>
#include <string.h>

/* The kernel's kmalloc/kfree, for xarray.c. */
static unsigned long fail_after = ~0UL;	/* allocation failure injection */

void *kmalloc(size_t size, gfp_t gfp)
{
	void *p;

	if (fail_after == 0)
		return NULL;
	fail_after--;
	p = malloc(size);
	if (p && (gfp & __GFP_ZERO))
		memset(p, 0, size);
	return p;
}

void kfree(const void *p)
{
	free((void *)p);
}

#define MAXREF 4096
static struct ref { unsigned long index; void *entry; unsigned marks; } ref[MAXREF];
static int nref;

static struct ref *ref_find(unsigned long index)
{
	for (int i = 0; i < nref; i++)
		if (ref[i].index == index)
			return &ref[i];
	return NULL;
}

static void ref_erase(unsigned long index)
{
	struct ref *r = ref_find(index);

	if (r)
		*r = ref[--nref];
}

static uint64_t rng = 88172645463325252ULL;
static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* rnd_index - indexes clustered at a few spots of the 64-bit space, so slots collide. */
static unsigned long rnd_index(void)
{
	/* Clusters that straddle the edges of leaf, level-1 and level-2 nodes. */
	static const unsigned long bases[] = { 0, 60, (1UL << 12) - 65, (1UL << 18) - 65,
					       1UL << 40, ~0UL - 200 };
	unsigned long b = bases[rnd() % 6];

	return b + rnd() % 130;
}

static void *entry_for(unsigned long index)
{
	return (void *)((index << 3) | 0x1000000000000000UL) ;
}

/* check_node - the invariants of the subtree under @node: count = non-empty slots, no empty
 * node below the root, children's links and shifts right, and each mark bit of an inner node
 * set exactly when the child below it has a mark. Returns the entries found. */
static unsigned long check_node(struct xa_node *node, struct xa_node *parent)
{
	unsigned long found = 0;
	unsigned int count = 0;

	HT_EXPECT(node->parent == parent);
	for (unsigned int i = 0; i < XA_CHUNK_SIZE; i++) {
		void *slot = node->slots[i];

		if (!slot) {
			for (xa_mark_t m = 0; m < XA_MAX_MARKS; m++)
				HT_EXPECT(!(node->marks[m] & (1ULL << i)));
			continue;
		}
		count++;
		if (node->shift == 0) {
			found++;
			continue;
		}
		struct xa_node *child = (struct xa_node *)((unsigned long)slot - 2);

		HT_EXPECT_EQ(child->shift + XA_CHUNK_SHIFT, node->shift);
		HT_EXPECT_EQ(child->offset, i);
		for (xa_mark_t m = 0; m < XA_MAX_MARKS; m++)
			HT_EXPECT_EQ(!!(node->marks[m] & (1ULL << i)), child->marks[m] != 0);
		found += check_node(child, node);
	}
	HT_EXPECT_EQ(node->count, count);
	HT_EXPECT(count > 0);
	return found;
}

/* check_all - every reference entry is found with its marks, and xa_find visits exactly the
 * reference entries in order, for every filter. */
static void check_all(struct xarray *xa)
{
	if (xa->xa_head)
		HT_EXPECT_EQ(check_node((struct xa_node *)((unsigned long)xa->xa_head - 2), NULL),
			     (unsigned long)nref);
	else
		HT_EXPECT_EQ(nref, 0);
	for (int i = 0; i < nref; i++) {
		HT_EXPECT(xa_load(xa, ref[i].index) == ref[i].entry);
		for (xa_mark_t m = 0; m < XA_MAX_MARKS; m++)
			HT_EXPECT_EQ(xa_get_mark(xa, ref[i].index, m), !!(ref[i].marks & (1U << m)));
	}
	for (xa_mark_t f = 0; f <= XA_PRESENT; f++) {
		unsigned long index, prev = 0;
		void *entry;
		int seen = 0, want = 0;
		bool first = true;

		if (f >= XA_MAX_MARKS && f != XA_PRESENT)
			continue;
		for (int i = 0; i < nref; i++)
			want += f == XA_PRESENT || (ref[i].marks & (1U << f));
		xa_for_each_marked(xa, index, entry, f) {
			struct ref *r = ref_find(index);

			HT_ASSERT(r && r->entry == entry);
			HT_EXPECT(f == XA_PRESENT || (r->marks & (1U << f)));
			HT_EXPECT(first || index > prev);
			first = false;
			prev = index;
			seen++;
		}
		HT_EXPECT_EQ(seen, want);
		HT_EXPECT_EQ(xa_marked(xa, f == XA_PRESENT ? 0 : f) || f == XA_PRESENT,
			     f == XA_PRESENT || want > 0);
	}
}

HT_TEST(empty_array)
{
	struct xarray xa = XARRAY_INIT;
	unsigned long index = 0;

	HT_EXPECT(xa_empty(&xa));
	HT_EXPECT(xa_load(&xa, 0) == NULL);
	HT_EXPECT(xa_load(&xa, ~0UL) == NULL);
	HT_EXPECT(xa_find(&xa, &index, ~0UL, XA_PRESENT) == NULL);
	HT_EXPECT(xa_erase(&xa, 5) == NULL);
	xa_set_mark(&xa, 5, XA_MARK_0);
	HT_EXPECT(!xa_marked(&xa, XA_MARK_0));
}

HT_TEST(bad_entries_refused)
{
	struct xarray xa = XARRAY_INIT;

	HT_EXPECT_EQ(xa_insert(&xa, 1, NULL, 0), -EINVAL);
	HT_EXPECT_EQ(xa_insert(&xa, 1, (void *)0x1002, 0), -EINVAL);
	HT_EXPECT(xa_is_err(xa_store(&xa, 1, (void *)0x1006, 0)));	/* looks like a node */
	HT_EXPECT(xa_empty(&xa));
	HT_EXPECT_EQ(xa_nr_nodes(), 0UL);
}

HT_TEST(insert_busy_and_extremes)
{
	struct xarray xa = XARRAY_INIT;
	unsigned long index;

	HT_EXPECT_EQ(xa_insert(&xa, 0, entry_for(0), 0), 0);
	HT_EXPECT_EQ(xa_insert(&xa, 0, entry_for(0), 0), -EBUSY);
	HT_EXPECT_EQ(xa_insert(&xa, ~0UL, entry_for(7), 0), 0);
	HT_EXPECT(xa_load(&xa, ~0UL) == entry_for(7));
	HT_EXPECT(xa_load(&xa, ~0UL - 1) == NULL);
	index = 1;
	HT_EXPECT(xa_find(&xa, &index, ~0UL, XA_PRESENT) == entry_for(7));
	HT_EXPECT_EQ(index, ~0UL);
	HT_EXPECT(xa_find_after(&xa, &index, ~0UL, XA_PRESENT) == NULL);
	index = 1;
	HT_EXPECT(xa_find(&xa, &index, ~0UL - 1, XA_PRESENT) == NULL);	/* max honoured */
	HT_EXPECT(xa_erase(&xa, ~0UL) == entry_for(7));
	HT_EXPECT(xa_erase(&xa, 0) == entry_for(0));
	HT_EXPECT(xa_empty(&xa));
	HT_EXPECT_EQ(xa_nr_nodes(), 0UL);
}

HT_TEST(random_against_reference)
{
	struct xarray xa = XARRAY_INIT;

	nref = 0;
	for (int round = 0; round < 200000; round++) {
		unsigned long index = rnd_index();
		struct ref *r = ref_find(index);
		xa_mark_t m = (xa_mark_t)(rnd() % XA_MAX_MARKS);

		switch (rnd() % 6) {
		case 0:
		case 1:
			if (nref < MAXREF && !r) {
				HT_ASSERT(xa_insert(&xa, index, entry_for(index), 0) == 0);
				ref[nref++] = (struct ref){ index, entry_for(index), 0 };
			} else if (r) {
				HT_EXPECT_EQ(xa_insert(&xa, index, entry_for(index), 0), -EBUSY);
			}
			break;
		case 2:
			HT_EXPECT(xa_erase(&xa, index) == (r ? r->entry : NULL));
			ref_erase(index);
			break;
		case 3:
			xa_set_mark(&xa, index, m);
			if (r)
				r->marks |= 1U << m;
			break;
		case 4:
			xa_clear_mark(&xa, index, m);
			if (r)
				r->marks &= ~(1U << m);
			break;
		case 5:
			if (r) {	/* replace: marks stay */
				void *n = (void *)((unsigned long)entry_for(index) ^ 0x100);

				HT_EXPECT(xa_store(&xa, index, n, 0) == r->entry);
				r->entry = n;
			}
			break;
		}
		if (round % 2000 == 0)
			check_all(&xa);
	}
	check_all(&xa);
	while (nref) {
		HT_EXPECT(xa_erase(&xa, ref[0].index) == ref[0].entry);
		ref_erase(ref[0].index);
	}
	HT_EXPECT(xa_empty(&xa));
	HT_EXPECT_EQ(xa_nr_nodes(), 0UL);
}

HT_TEST(allocation_failure_leaves_array_unchanged)
{
	struct xarray xa = XARRAY_INIT;
	unsigned long nodes;

	HT_ASSERT(xa_insert(&xa, 3, entry_for(3), 0) == 0);
	nodes = xa_nr_nodes();
	for (unsigned long budget = 0; budget < 12; budget++) {
		fail_after = budget;
		int err = xa_insert(&xa, 1UL << 50, entry_for(1), 0);

		fail_after = ~0UL;
		if (err == 0) {
			HT_EXPECT(xa_erase(&xa, 1UL << 50) == entry_for(1));
			break;
		}
		HT_EXPECT_EQ(err, -ENOMEM);
		HT_EXPECT(xa_load(&xa, 1UL << 50) == NULL);
		HT_EXPECT(xa_load(&xa, 3) == entry_for(3));
	}
	/* A failed expansion may leave the tree taller; erasing shrinks it back. */
	HT_EXPECT(xa_erase(&xa, 3) == entry_for(3));
	HT_EXPECT(xa_empty(&xa));
	HT_EXPECT_EQ(xa_nr_nodes(), 0UL);
	(void)nodes;
}

HT_TEST(sparse_file_costs_a_path_not_an_array)
{
	struct xarray xa = XARRAY_INIT;

	/* One page at 1 TiB: index 2^28. Six bits a level: 5 nodes. */
	HT_ASSERT(xa_insert(&xa, 1UL << 28, entry_for(9), 0) == 0);
	HT_EXPECT_EQ(xa_nr_nodes(), 5UL);
	HT_ASSERT(xa_insert(&xa, 0, entry_for(0), 0) == 0);
	HT_EXPECT_EQ(xa_nr_nodes(), 9UL);	/* a second path from the shared root */
	xa_destroy(&xa);
	HT_EXPECT_EQ(xa_nr_nodes(), 0UL);
}

HT_TEST(value_entries_stored_beside_pointers)
{
	struct xarray xa = XARRAY_INIT;
	unsigned long index;
	void *entry;
	int n = 0;

	/* Values with bit 0 of the integer set and clear: (v << 1) | 1 ends in ...01 or ...11. */
	HT_ASSERT(xa_insert(&xa, 5, xa_mk_value(0x1234), 0) == 0);
	HT_ASSERT(xa_insert(&xa, 6, xa_mk_value(0x1235), 0) == 0);
	HT_ASSERT(xa_insert(&xa, 7, entry_for(7), 0) == 0);
	HT_ASSERT(xa_insert(&xa, 1UL << 40, xa_mk_value((1UL << 62) + 3), 0) == 0);
	HT_EXPECT(xa_is_value(xa_load(&xa, 5)) && xa_to_value(xa_load(&xa, 5)) == 0x1234);
	HT_EXPECT(xa_to_value(xa_load(&xa, 6)) == 0x1235);
	HT_EXPECT(!xa_is_value(xa_load(&xa, 7)) && xa_load(&xa, 7) == entry_for(7));
	HT_EXPECT(xa_to_value(xa_load(&xa, 1UL << 40)) == (1UL << 62) + 3);
	HT_EXPECT_EQ(xa_insert(&xa, 5, entry_for(5), 0), -EBUSY);
	HT_EXPECT(xa_store(&xa, 6, entry_for(6), 0) == xa_mk_value(0x1235));	/* swapped back in */
	HT_EXPECT(xa_store(&xa, 7, xa_mk_value(7), 0) == entry_for(7));	/* swapped out */
	HT_EXPECT((unsigned long)xa_store(&xa, 8, (void *)2UL, 0) == (unsigned long)-EINVAL);
	xa_for_each(&xa, index, entry)
		n++;
	HT_EXPECT_EQ(n, 4);
	xa_set_mark(&xa, 5, XA_MARK_0);
	HT_EXPECT(xa_get_mark(&xa, 5, XA_MARK_0));
	HT_EXPECT(xa_erase(&xa, 5) == xa_mk_value(0x1234));
	HT_EXPECT(xa_erase(&xa, 6) == entry_for(6));
	HT_EXPECT(xa_erase(&xa, 7) == xa_mk_value(7));
	HT_EXPECT(xa_erase(&xa, 1UL << 40) == xa_mk_value((1UL << 62) + 3));
	HT_EXPECT(xa_empty(&xa));
	HT_EXPECT_EQ(xa_nr_nodes(), 0UL);
}

int main(void)
{
	return ht_run_all();
}
