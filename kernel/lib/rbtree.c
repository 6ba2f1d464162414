/*
 * kernel/lib/rbtree.c - red-black tree rebalancing, after Linux's lib/rbtree.c.
 *
 * The algorithms are the classic ones (Cormen et al., "Introduction to Algorithms", ch. 13),
 * written for clarity rather than Linux's hand-fused speed. NULL children stand for the black
 * leaves of the textbook, so rb_is_black(NULL) is true, and because a NULL leaf has no parent
 * field, rb_erase's fix-up carries the parent of the node it is fixing alongside it.
 *
 * The four invariants (see rbtree.h) are what the cases below restore:
 *   (1) every node is red or black  (2) the root is black
 *   (3) a red node has no red child (4) every root-to-leaf path has the same black height.
 * Insertion can break (3) and erasure can break (4); each case either fixes the violation with
 * at most a couple of rotations, or recolors and moves the violation up towards the root.
 */
#include "kernel/lib/rbtree.h"

/* ---- colors and parent links, packed into __rb_parent_color ---- */

/* rb_color - @node's color; NULL leaves are black. */
static inline int rb_color(const struct rb_node *node)
{
	return node ? (int)(node->__rb_parent_color & 1) : RB_BLACK;
}

static inline bool rb_is_red(const struct rb_node *node)
{
	return rb_color(node) == RB_RED;
}

static inline bool rb_is_black(const struct rb_node *node)
{
	return rb_color(node) == RB_BLACK;
}

/* rb_set_parent_color - set both of @node's packed fields. */
static inline void rb_set_parent_color(struct rb_node *node, struct rb_node *parent, int color)
{
	node->__rb_parent_color = (unsigned long)parent | (unsigned long)color;
}

/* rb_set_parent - make @parent @node's parent, keeping @node's color. */
static inline void rb_set_parent(struct rb_node *node, struct rb_node *parent)
{
	rb_set_parent_color(node, parent, rb_color(node));
}

/* rb_set_color - recolor @node (which must not be NULL), keeping its parent. */
static inline void rb_set_color(struct rb_node *node, int color)
{
	rb_set_parent_color(node, rb_parent(node), color);
}

/*
 * rb_change_child - make whatever pointed down at @old (@parent's left or right child, or the
 * root pointer if @parent is NULL) point at @new instead. Does not touch @new's parent link.
 */
static inline void rb_change_child(struct rb_node *old, struct rb_node *new,
				   struct rb_node *parent, struct rb_root *root)
{
	if (!parent)
		root->rb_node = new;
	else if (parent->rb_left == old)
		parent->rb_left = new;
	else
		parent->rb_right = new;
}

/* ---- rotations: they keep the in-order sequence and every node's color ---- */

/*
 * rb_rotate_left - lift @x's right child y into @x's place; @x becomes y's left child and y's
 * old left subtree becomes @x's right subtree.
 *
 *	    x                y
 *	   / \              / \
 *	  a   y     ==>    x   c
 *	     / \          / \
 *	    b   c        a   b
 */
static void rb_rotate_left(struct rb_node *x, struct rb_root *root)
{
	struct rb_node *y = x->rb_right;
	struct rb_node *parent = rb_parent(x);

	x->rb_right = y->rb_left;
	if (y->rb_left)
		rb_set_parent(y->rb_left, x);
	rb_set_parent(y, parent);
	rb_change_child(x, y, parent, root);
	y->rb_left = x;
	rb_set_parent(x, y);
}

/* rb_rotate_right - the mirror image of rb_rotate_left: lift @x's left child into its place. */
static void rb_rotate_right(struct rb_node *x, struct rb_root *root)
{
	struct rb_node *y = x->rb_left;
	struct rb_node *parent = rb_parent(x);

	x->rb_left = y->rb_right;
	if (y->rb_right)
		rb_set_parent(y->rb_right, x);
	rb_set_parent(y, parent);
	rb_change_child(x, y, parent, root);
	y->rb_right = x;
	rb_set_parent(x, y);
}

/* ---- insertion ---- */

/*
 * rb_insert_color - restore the invariants after rb_link_node() added the red leaf @node.
 *
 * A red leaf keeps every black height (4) but may have a red parent, breaking (3). While it
 * does, the grandparent exists and is black (the red parent cannot be the root), and the
 * parent's sibling, the uncle, decides the case:
 *   Case 1, red uncle: recolor - parent and uncle black, grandparent red. The black heights
 *     are unchanged; the grandparent may now clash with its own parent, so repeat from there.
 *   Case 2, black uncle, @node an inner grandchild: rotate at the parent so @node becomes the
 *     outer grandchild, turning this into case 3 (with the old parent as the red child).
 *   Case 3, black uncle, @node an outer grandchild: rotate at the grandparent and recolor, so
 *     the parent is the subtree's black top with two red children. Done.
 * Finally the root is made black (2), which adds one to every path's black height.
 */
void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *parent, *gparent, *uncle;

	while ((parent = rb_parent(node)) && rb_is_red(parent)) {
		gparent = rb_parent(parent);

		if (parent == gparent->rb_left) {
			uncle = gparent->rb_right;
			if (rb_is_red(uncle)) {				/* case 1: recolor */
				rb_set_color(parent, RB_BLACK);
				rb_set_color(uncle, RB_BLACK);
				rb_set_color(gparent, RB_RED);
				node = gparent;
				continue;
			}
			if (node == parent->rb_right) {			/* case 2: rotate */
				rb_rotate_left(parent, root);
				node = parent;
				parent = rb_parent(node);
			}
			rb_set_color(parent, RB_BLACK);			/* case 3: rotate */
			rb_set_color(gparent, RB_RED);
			rb_rotate_right(gparent, root);
		} else {						/* mirror image */
			uncle = gparent->rb_left;
			if (rb_is_red(uncle)) {				/* case 1: recolor */
				rb_set_color(parent, RB_BLACK);
				rb_set_color(uncle, RB_BLACK);
				rb_set_color(gparent, RB_RED);
				node = gparent;
				continue;
			}
			if (node == parent->rb_left) {			/* case 2: rotate */
				rb_rotate_right(parent, root);
				node = parent;
				parent = rb_parent(node);
			}
			rb_set_color(parent, RB_BLACK);			/* case 3: rotate */
			rb_set_color(gparent, RB_RED);
			rb_rotate_left(gparent, root);
		}
	}
	rb_set_color(root->rb_node, RB_BLACK);
}

/* ---- erasure ---- */

/*
 * rb_erase_color - restore invariant (4) after a black node was unlinked from above @x.
 *
 * @x (possibly a NULL leaf, hence @parent is passed separately) stands where the black node
 * was, and every path through @x is one black short: think of @x as carrying an "extra black".
 * A red @x simply absorbs it by turning black. Otherwise @x's sibling w exists (its side is at
 * least one black taller) and decides the case (left-child versions; the right are mirrors):
 *   Case 1, red sibling: rotate at the parent and swap the parent's and w's colors. Heights are
 *     unchanged, and @x now has a black sibling: go on to case 2, 3 or 4.
 *   Case 2, black sibling with two black children: recolor w red, making w's side one black
 *     short too; the extra black moves up to the parent. Repeat from there (a red parent just
 *     turns black and ends it).
 *   Case 3, black sibling whose far child is black and near child red: rotate at w and swap
 *     the colors of w and its near child, giving @x a black sibling with a red far child: case 4.
 *   Case 4, black sibling with a red far child: rotate at the parent, give w the parent's color
 *     and color the parent and the far child black. @x's side gains the black it lacked. Done.
 */
static void rb_erase_color(struct rb_node *x, struct rb_node *parent, struct rb_root *root)
{
	struct rb_node *w;

	while (x != root->rb_node && rb_is_black(x)) {
		if (x == parent->rb_left) {
			w = parent->rb_right;
			if (rb_is_red(w)) {				/* case 1: rotate */
				rb_set_color(w, RB_BLACK);
				rb_set_color(parent, RB_RED);
				rb_rotate_left(parent, root);
				w = parent->rb_right;
			}
			if (rb_is_black(w->rb_left) && rb_is_black(w->rb_right)) {
				rb_set_color(w, RB_RED);		/* case 2: recolor */
				x = parent;
				parent = rb_parent(x);
				continue;
			}
			if (rb_is_black(w->rb_right)) {			/* case 3: rotate */
				rb_set_color(w->rb_left, RB_BLACK);
				rb_set_color(w, RB_RED);
				rb_rotate_right(w, root);
				w = parent->rb_right;
			}
			rb_set_color(w, rb_color(parent));		/* case 4: rotate */
			rb_set_color(parent, RB_BLACK);
			rb_set_color(w->rb_right, RB_BLACK);
			rb_rotate_left(parent, root);
		} else {						/* mirror image */
			w = parent->rb_left;
			if (rb_is_red(w)) {				/* case 1: rotate */
				rb_set_color(w, RB_BLACK);
				rb_set_color(parent, RB_RED);
				rb_rotate_right(parent, root);
				w = parent->rb_left;
			}
			if (rb_is_black(w->rb_left) && rb_is_black(w->rb_right)) {
				rb_set_color(w, RB_RED);		/* case 2: recolor */
				x = parent;
				parent = rb_parent(x);
				continue;
			}
			if (rb_is_black(w->rb_left)) {			/* case 3: rotate */
				rb_set_color(w->rb_right, RB_BLACK);
				rb_set_color(w, RB_RED);
				rb_rotate_left(w, root);
				w = parent->rb_left;
			}
			rb_set_color(w, rb_color(parent));		/* case 4: rotate */
			rb_set_color(parent, RB_BLACK);
			rb_set_color(w->rb_left, RB_BLACK);
			rb_rotate_right(parent, root);
		}
		x = root->rb_node;	/* case 4 fixed everything: stop */
	}
	if (x)
		rb_set_color(x, RB_BLACK);
}

/*
 * rb_erase - unlink @node from @root and rebalance (contract in rbtree.h).
 *
 * As in the textbook, the node actually removed from its position has at most one child:
 *   - @node itself, if it has at most one child: its child (or NULL) takes its place;
 *   - otherwise its successor s, the leftmost node of its right subtree (no left child): s's
 *     right child takes s's place, then s takes @node's place, parent, children and color.
 * Either way the tree lost the color of the removed position; if that was black, every path
 * through the spot is one black short and rb_erase_color() repairs it.
 */
void rb_erase(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *child, *parent;
	int removed_color;

	if (!node->rb_left || !node->rb_right) {
		child = node->rb_left ? node->rb_left : node->rb_right;
		parent = rb_parent(node);
		removed_color = rb_color(node);
		rb_change_child(node, child, parent, root);
		if (child)
			rb_set_parent(child, parent);
	} else {
		struct rb_node *s = node->rb_right;

		while (s->rb_left)
			s = s->rb_left;
		child = s->rb_right;
		removed_color = rb_color(s);
		if (s == node->rb_right) {
			parent = s;		/* child stays s's right child */
		} else {
			parent = rb_parent(s);
			parent->rb_left = child;	/* splice s out */
			if (child)
				rb_set_parent(child, parent);
			s->rb_right = node->rb_right;
			rb_set_parent(s->rb_right, s);
		}
		s->rb_left = node->rb_left;
		rb_set_parent(s->rb_left, s);
		rb_change_child(node, s, rb_parent(node), root);
		s->__rb_parent_color = node->__rb_parent_color;	/* node's parent and color */
	}
	if (removed_color == RB_BLACK)
		rb_erase_color(child, parent, root);
}

/* ---- traversal and replacement ---- */

/* rb_first - the leftmost (smallest) node of @root, or NULL if the tree is empty. */
struct rb_node *rb_first(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	if (n)
		while (n->rb_left)
			n = n->rb_left;
	return n;
}

/* rb_last - the rightmost (largest) node of @root, or NULL if the tree is empty. */
struct rb_node *rb_last(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	if (n)
		while (n->rb_right)
			n = n->rb_right;
	return n;
}

/*
 * rb_next - in-order successor: the leftmost node of @node's right subtree if it has one, else
 * the first ancestor reached from a left child. Returns NULL for the last node, or for a node
 * marked RB_EMPTY_NODE (in no tree).
 */
struct rb_node *rb_next(const struct rb_node *node)
{
	struct rb_node *parent;

	if (RB_EMPTY_NODE(node))
		return NULL;
	if (node->rb_right) {
		node = node->rb_right;
		while (node->rb_left)
			node = node->rb_left;
		return (struct rb_node *)node;
	}
	while ((parent = rb_parent(node)) && node == parent->rb_right)
		node = parent;
	return parent;
}

/* rb_prev - in-order predecessor: rb_next() with left and right exchanged. */
struct rb_node *rb_prev(const struct rb_node *node)
{
	struct rb_node *parent;

	if (RB_EMPTY_NODE(node))
		return NULL;
	if (node->rb_left) {
		node = node->rb_left;
		while (node->rb_right)
			node = node->rb_right;
		return (struct rb_node *)node;
	}
	while ((parent = rb_parent(node)) && node == parent->rb_left)
		node = parent;
	return parent;
}

/* rb_replace_node - put @new where @victim is (contract in rbtree.h): O(1), no rebalancing. */
void rb_replace_node(struct rb_node *victim, struct rb_node *new, struct rb_root *root)
{
	struct rb_node *parent = rb_parent(victim);

	*new = *victim;		/* parent, color and both children */
	if (victim->rb_left)
		rb_set_parent(victim->rb_left, new);
	if (victim->rb_right)
		rb_set_parent(victim->rb_right, new);
	rb_change_child(victim, new, parent, root);
}
