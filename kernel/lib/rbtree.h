/*
 * kernel/lib/rbtree.h - red-black trees, with the API subset of Linux's include/linux/rbtree.h.
 *
 * A red-black tree is a binary search tree that stays balanced (height <= 2 log2(n+1)) by
 * keeping four invariants: every node is red or black, the root is black, a red node has no red
 * child, and every path from a node down to a NULL leaf passes the same number of black nodes.
 * Faultline uses it for a process's VMAs (mm->mm_rb, keyed by vm_start), so find_vma() is
 * O(log n), as in Linux before the maple tree.
 *
 * As with list_head, a struct rb_node is embedded in the object it sorts and rb_entry()
 * (container_of) gets the object back. The tree knows nothing about keys: the caller walks
 * down comparing its own keys, links the new node where the walk fell off the tree with
 * rb_link_node(), then lets rb_insert_color() rebalance. Inserting a VMA looks like:
 *
 *	struct rb_node **link = &mm->mm_rb.rb_node, *parent = NULL;
 *
 *	while (*link) {
 *		struct vm_area_struct *v = rb_entry(*link, struct vm_area_struct, vm_rb);
 *
 *		parent = *link;
 *		link = vma->vm_start < v->vm_start ? &parent->rb_left : &parent->rb_right;
 *	}
 *	rb_link_node(&vma->vm_rb, parent, link);
 *	rb_insert_color(&vma->vm_rb, &mm->mm_rb);
 *
 * Nothing here allocates or locks: the caller owns the nodes and serializes access.
 */
#ifndef FAULTLINE_RBTREE_H
#define FAULTLINE_RBTREE_H

#include "kernel/types.h"

/*
 * The parent pointer and the node's color share one word: nodes are long-aligned, so the low
 * bits of the parent's address are always zero and bit 0 holds the color (RB_RED or RB_BLACK).
 */
struct rb_node {
	unsigned long __rb_parent_color;
	struct rb_node *rb_right;
	struct rb_node *rb_left;
} __attribute__((aligned(sizeof(long))));

struct rb_root {
	struct rb_node *rb_node;
};

#define RB_RED		0
#define RB_BLACK	1

#define RB_ROOT		(struct rb_root){ NULL }

/* rb_entry - the object of type @type whose rb_node field @member is at @ptr. */
#define rb_entry(ptr, type, member)	container_of(ptr, type, member)

/* rb_parent - @node's parent, or NULL for the root. */
#define rb_parent(node)	((struct rb_node *)((node)->__rb_parent_color & ~3UL))

/* RB_EMPTY_ROOT - true if the tree at @root has no nodes. */
#define RB_EMPTY_ROOT(root)	(READ_ONCE((root)->rb_node) == NULL)

/*
 * RB_EMPTY_NODE / RB_CLEAR_NODE - a node that is in no tree points at itself as its parent
 * (as Linux does). Nodes start out cleared only if the caller clears them; rb_erase() does not
 * clear the erased node.
 */
#define RB_EMPTY_NODE(node)	((node)->__rb_parent_color == (unsigned long)(node))
#define RB_CLEAR_NODE(node)	((node)->__rb_parent_color = (unsigned long)(node))

/*
 * rb_link_node - put @node, as a red leaf, into the NULL child pointer @rb_link of @parent
 * (@parent is NULL and @rb_link is &root->rb_node for an empty tree). The tree may now break
 * the red rule; follow with rb_insert_color().
 */
static inline void rb_link_node(struct rb_node *node, struct rb_node *parent,
				struct rb_node **rb_link)
{
	node->__rb_parent_color = (unsigned long)parent;	/* color bit 0: RB_RED */
	node->rb_left = node->rb_right = NULL;
	*rb_link = node;
}

/* rb_insert_color - rebalance @root after rb_link_node() linked @node into it. */
void rb_insert_color(struct rb_node *node, struct rb_root *root);

/*
 * rb_erase - unlink @node from the tree at @root and rebalance. @node must be in that tree;
 * its own fields are left stale (RB_CLEAR_NODE it if you test RB_EMPTY_NODE later). The caller
 * frees the containing object.
 */
void rb_erase(struct rb_node *node, struct rb_root *root);

/* rb_first / rb_last - the smallest / largest node of the tree, or NULL if it is empty. */
struct rb_node *rb_first(const struct rb_root *root);
struct rb_node *rb_last(const struct rb_root *root);

/* rb_next / rb_prev - the in-order successor / predecessor of @node, or NULL if none. */
struct rb_node *rb_next(const struct rb_node *node);
struct rb_node *rb_prev(const struct rb_node *node);

/*
 * rb_replace_node - put @new in @victim's place in @root (same parent, children and color)
 * without rebalancing. @new must sort the same as @victim; @victim is left stale.
 */
void rb_replace_node(struct rb_node *victim, struct rb_node *new, struct rb_root *root);

#endif
