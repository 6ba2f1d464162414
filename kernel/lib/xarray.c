/*
 * kernel/lib/xarray.c - the XArray: a radix tree of 64-slot nodes (see xarray.h).
 *
 * Shape. The root node covers indexes [0, 2^(root->shift + 6)); a node with shift s splits
 * its range into 64 slots of 2^s indexes each; leaves (shift 0) hold the entries. The tree
 * grows upwards when an index beyond the root's range is stored (the old root becomes slot 0
 * of a new one) and shrinks again when the root is left with only slot 0 in use. A node is
 * freed as soon as its last slot empties, so an array costs memory only for the indexes in
 * use: at most one leaf per 64 consecutive indexes plus the path above it.
 *
 * Marks. For each of the three marks a node keeps a 64-bit map: in a leaf, bit n says slot n's
 * entry is marked; in an inner node, that some entry below slot n is. Setting a mark sets the
 * bits up the path; clearing it clears a parent's bit only when the child has no bit left.
 */
#include "kernel/lib/xarray.h"
#include "kernel/errno.h"
#include "mm/slab.h"

#define XA_NODE_TAG	2UL

static unsigned long nr_nodes;

unsigned long xa_nr_nodes(void)
{
	return nr_nodes;
}

/* xa_is_node - true if @entry (a slot's or the head's content) is a tree node. */
static inline bool xa_is_node(const void *entry)
{
	return ((unsigned long)entry & 3UL) == XA_NODE_TAG;
}

static inline struct xa_node *xa_to_node(const void *entry)
{
	return (struct xa_node *)((unsigned long)entry - XA_NODE_TAG);
}

static inline void *xa_mk_node(const struct xa_node *node)
{
	return (void *)((unsigned long)node + XA_NODE_TAG);
}

static inline struct xa_node *xa_root(const struct xarray *xa)
{
	return xa->xa_head ? xa_to_node(xa->xa_head) : NULL;
}

/* xa_max_index - the last index the subtree under @node can hold. */
static inline unsigned long node_max_index(const struct xa_node *node)
{
	unsigned int bits = node->shift + XA_CHUNK_SHIFT;

	return bits >= 64 ? ~0UL : (1UL << bits) - 1;
}

static inline unsigned int node_offset(const struct xa_node *node, unsigned long index)
{
	return (unsigned int)(index >> node->shift) & (XA_CHUNK_SIZE - 1);
}

static struct xa_node *xa_node_alloc(unsigned int shift, gfp_t gfp)
{
	struct xa_node *node = kzalloc(sizeof(*node), gfp);

	if (node) {
		node->shift = (unsigned char)shift;
		nr_nodes++;
	}
	return node;
}

static void xa_node_free(struct xa_node *node)
{
	nr_nodes--;
	kfree(node);
}

/* node_any_mark - true if some slot of @node carries @mark. */
static inline bool node_any_mark(const struct xa_node *node, xa_mark_t mark)
{
	return node->marks[mark] != 0;
}

void *xa_load(struct xarray *xa, unsigned long index)
{
	struct xa_node *node = xa_root(xa);

	if (!node || index > node_max_index(node))
		return NULL;
	for (;;) {
		void *entry = node->slots[node_offset(node, index)];

		if (node->shift == 0 || !entry)
			return entry;
		node = xa_to_node(entry);
	}
}

/* xa_expand - grow the tree upwards until the root covers @index. 0 or -ENOMEM (the tree is
 * then still valid, only perhaps taller). An empty tree gets a root of the right height. */
static int xa_expand(struct xarray *xa, unsigned long index, gfp_t gfp)
{
	struct xa_node *root = xa_root(xa), *node;

	if (!root) {
		unsigned int shift = 0;

		while (shift + XA_CHUNK_SHIFT < 64 && (index >> (shift + XA_CHUNK_SHIFT)))
			shift += XA_CHUNK_SHIFT;
		root = xa_node_alloc(shift, gfp);
		if (!root)
			return -ENOMEM;
		xa->xa_head = xa_mk_node(root);
		return 0;
	}
	while (index > node_max_index(root)) {
		node = xa_node_alloc(root->shift + XA_CHUNK_SHIFT, gfp);
		if (!node)
			return -ENOMEM;
		node->slots[0] = xa_mk_node(root);
		node->count = 1;
		for (xa_mark_t m = 0; m < XA_MAX_MARKS; m++)
			if (node_any_mark(root, m))
				node->marks[m] = 1;
		root->parent = node;
		root->offset = 0;
		xa->xa_head = xa_mk_node(node);
		root = node;
	}
	return 0;
}

/* xa_delete_empty - free @node and its ancestors while they are empty, then shrink the root
 * while it has a single child in slot 0. */
static void xa_delete_empty(struct xarray *xa, struct xa_node *node)
{
	while (node && node->count == 0) {
		struct xa_node *parent = node->parent;

		if (parent) {
			parent->slots[node->offset] = NULL;
			parent->count--;
			for (xa_mark_t m = 0; m < XA_MAX_MARKS; m++)
				parent->marks[m] &= ~(1ULL << node->offset);
		} else {
			xa->xa_head = NULL;
		}
		xa_node_free(node);
		node = parent;
	}
	for (struct xa_node *root = xa_root(xa); root && root->shift && root->count == 1 &&
	     root->slots[0]; root = xa_root(xa)) {
		struct xa_node *child = xa_to_node(root->slots[0]);

		child->parent = NULL;
		xa->xa_head = xa_mk_node(child);
		xa_node_free(root);
	}
}

/* xa_leaf - the leaf node for @index, creating missing nodes if @create. NULL if absent (or,
 * with @create, out of memory: nodes made on the way are freed again). */
static struct xa_node *xa_leaf(struct xarray *xa, unsigned long index, bool create, gfp_t gfp)
{
	struct xa_node *node;

	if (create && xa_expand(xa, index, gfp))
		return NULL;
	node = xa_root(xa);
	if (!node || index > node_max_index(node))
		return NULL;
	while (node->shift) {
		unsigned int off = node_offset(node, index);
		struct xa_node *child;

		if (!node->slots[off]) {
			if (!create)
				return NULL;
			child = xa_node_alloc(node->shift - XA_CHUNK_SHIFT, gfp);
			if (!child) {
				xa_delete_empty(xa, node);
				return NULL;
			}
			child->parent = node;
			child->offset = (unsigned char)off;
			node->slots[off] = xa_mk_node(child);
			node->count++;
		}
		node = xa_to_node(node->slots[off]);
	}
	return node;
}

/* entry_ok - may @entry be stored: a 4-byte aligned pointer or a value entry (never NULL,
 * never something that looks like a node)? */
static bool entry_ok(const void *entry)
{
	return entry && (((unsigned long)entry & 3UL) == 0 || xa_is_value(entry));
}

int xa_insert(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	struct xa_node *leaf;
	unsigned int off;

	if (!entry_ok(entry))
		return -EINVAL;
	if (xa_load(xa, index))
		return -EBUSY;
	leaf = xa_leaf(xa, index, true, gfp);
	if (!leaf)
		return -ENOMEM;
	off = node_offset(leaf, index);
	leaf->slots[off] = entry;
	leaf->count++;
	return 0;
}

void *xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	struct xa_node *leaf;
	unsigned int off;
	void *old;

	if (!entry)
		return xa_erase(xa, index);
	if (!entry_ok(entry))
		return (void *)(long)-EINVAL;
	leaf = xa_leaf(xa, index, true, gfp);
	if (!leaf)
		return (void *)(long)-ENOMEM;
	off = node_offset(leaf, index);
	old = leaf->slots[off];
	leaf->slots[off] = entry;
	if (!old)
		leaf->count++;
	return old;
}

/* clear_mark_up - clear @mark of slot @off in @node, and in the ancestors left without it. */
static void clear_mark_up(struct xa_node *node, unsigned int off, xa_mark_t mark)
{
	while (node) {
		node->marks[mark] &= ~(1ULL << off);
		if (node_any_mark(node, mark))
			return;
		off = node->offset;
		node = node->parent;
	}
}

void *xa_erase(struct xarray *xa, unsigned long index)
{
	struct xa_node *leaf = xa_leaf(xa, index, false, 0);
	unsigned int off;
	void *old;

	if (!leaf)
		return NULL;
	off = node_offset(leaf, index);
	old = leaf->slots[off];
	if (!old)
		return NULL;
	for (xa_mark_t m = 0; m < XA_MAX_MARKS; m++)
		if (leaf->marks[m] & (1ULL << off))
			clear_mark_up(leaf, off, m);
	leaf->slots[off] = NULL;
	leaf->count--;
	xa_delete_empty(xa, leaf);
	return old;
}

void xa_set_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	struct xa_node *node = xa_leaf(xa, index, false, 0);
	unsigned int off;

	if (mark >= XA_MAX_MARKS || !node)
		return;
	off = node_offset(node, index);
	if (!node->slots[off])
		return;
	while (node) {
		if (node->marks[mark] & (1ULL << off))
			return;			/* the ancestors have it already */
		node->marks[mark] |= 1ULL << off;
		off = node->offset;
		node = node->parent;
	}
}

void xa_clear_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	struct xa_node *node = xa_leaf(xa, index, false, 0);
	unsigned int off;

	if (mark >= XA_MAX_MARKS || !node)
		return;
	off = node_offset(node, index);
	if (node->marks[mark] & (1ULL << off))
		clear_mark_up(node, off, mark);
}

bool xa_get_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	struct xa_node *node = xa_leaf(xa, index, false, 0);

	if (mark >= XA_MAX_MARKS || !node)
		return false;
	return node->marks[mark] & (1ULL << node_offset(node, index));
}

bool xa_marked(const struct xarray *xa, xa_mark_t mark)
{
	struct xa_node *root = xa_root(xa);

	return root && mark < XA_MAX_MARKS && node_any_mark(root, mark);
}

/* slot_matches - does slot @off of @node hold (or lead to) an entry that passes @filter? */
static inline bool slot_matches(const struct xa_node *node, unsigned int off, xa_mark_t filter)
{
	if (filter == XA_PRESENT)
		return node->slots[off] != NULL;
	return node->marks[filter] & (1ULL << off);
}

void *xa_find(struct xarray *xa, unsigned long *indexp, unsigned long max, xa_mark_t filter)
{
	struct xa_node *node = xa_root(xa);
	unsigned long index = *indexp;

	if (!node || (filter != XA_PRESENT && filter >= XA_MAX_MARKS) || index > max ||
	    index > node_max_index(node))
		return NULL;
	for (;;) {
		unsigned int off = node_offset(node, index);
		unsigned long span = 1UL << node->shift;	/* indexes per slot of this node */

		while (off < XA_CHUNK_SIZE && !slot_matches(node, off, filter))
			off++;
		if (off < XA_CHUNK_SIZE) {
			unsigned long base = index & ~((span << XA_CHUNK_SHIFT) - 1);

			/* Moving to a later slot starts at its first index. */
			if (off != node_offset(node, index))
				index = base + off * span;
			if (index > max)
				return NULL;
			if (node->shift == 0) {
				*indexp = index;
				return node->slots[off];
			}
			node = xa_to_node(node->slots[off]);
			continue;
		}
		/* Nothing left in this node: go on from the first index after its range, in the
		 * nearest ancestor whose range still holds that index. */
		if (!node->parent)
			return NULL;
		index = (index | ((span << XA_CHUNK_SHIFT) - 1)) + 1;
		if (index == 0)
			return NULL;			/* wrapped past ~0UL */
		node = node->parent;
		while (node_offset(node, index) == 0) {	/* the carry left this node too */
			if (!node->parent)
				return NULL;
			node = node->parent;
		}
		if (index > max)
			return NULL;
	}
}

void *xa_find_after(struct xarray *xa, unsigned long *indexp, unsigned long max, xa_mark_t filter)
{
	if (*indexp == ~0UL || *indexp >= max)
		return NULL;
	++*indexp;
	return xa_find(xa, indexp, max, filter);
}

/* xa_destroy_node - free @node and everything below it. */
static void xa_destroy_node(struct xa_node *node)
{
	if (node->shift)
		for (unsigned int i = 0; i < XA_CHUNK_SIZE; i++)
			if (node->slots[i])
				xa_destroy_node(xa_to_node(node->slots[i]));
	xa_node_free(node);
}

void xa_destroy(struct xarray *xa)
{
	struct xa_node *root = xa_root(xa);

	if (root)
		xa_destroy_node(root);
	xa->xa_head = NULL;
}
