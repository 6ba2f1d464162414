/*
 * kernel/lib/tests/host/rbtree_test.c - host unit tests for kernel/lib/rbtree.c.
 *
 * Built and run by host.mk (make -f kernel/lib/tests/host/host.mk host-test-lib) with
 * AddressSanitizer and UBSan. The tree holds struct item, keyed by an unsigned long as the
 * VMA tree is keyed by vm_start. After every operation rb_check() walks the whole tree and
 * checks the red-black invariants, the parent links, the key order and the node count, and
 * that rb_first/rb_next and rb_last/rb_prev visit the expected keys. Random orders come from a
 * fixed-seed LCG, so a failure reproduces. Output is TAP: "ok N name" / "not ok N name".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/lib/rbtree.h"
#include "tools/hosttest.h"

struct item {
	unsigned long key;
	struct rb_node rb;
};

#define MAX_ITEMS 10000

static struct item items[MAX_ITEMS];	/* items[i].key == i */
static struct item spares[MAX_ITEMS];	/* replacements for rb_replace_node */
static bool in_tree[MAX_ITEMS];		/* which items[] the test believes are in the tree */
static unsigned int order[MAX_ITEMS];	/* an insertion or erasure order */
static char check_msg[256];		/* why rb_check() failed */

/* ---- helpers ---- */

static unsigned long long lcg_state;

/* lcg - the next number of a fixed-seed linear congruential generator (Knuth's MMIX one). */
static unsigned int lcg(void)
{
	lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned int)(lcg_state >> 33);
}

/* fill_order - order[0..n) = 0..n-1, increasing, decreasing or shuffled (Fisher-Yates). */
enum fill { INCREASING, DECREASING, SHUFFLED };
static void fill_order(unsigned int n, enum fill how)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		order[i] = how == DECREASING ? n - 1 - i : i;
	if (how == SHUFFLED)
		for (i = n - 1; i > 0; i--) {
			unsigned int j = lcg() % (i + 1), t = order[i];

			order[i] = order[j];
			order[j] = t;
		}
}

static unsigned long key_of(const struct rb_node *node)
{
	return rb_entry(node, struct item, rb)->key;
}

/* item_insert - the caller's half of insertion, as rbtree.h describes it: walk, link, color. */
static void item_insert(struct rb_root *root, struct item *it)
{
	struct rb_node **link = &root->rb_node, *parent = NULL;

	while (*link) {
		parent = *link;
		link = it->key < key_of(parent) ? &parent->rb_left : &parent->rb_right;
	}
	rb_link_node(&it->rb, parent, link);
	rb_insert_color(&it->rb, root);
	in_tree[it->key] = true;
}

/* item_search - the item with @key, or NULL: the O(log n) lookup find_vma() does. */
static struct item *item_search(const struct rb_root *root, unsigned long key)
{
	struct rb_node *n = root->rb_node;

	while (n) {
		if (key < key_of(n))
			n = n->rb_left;
		else if (key > key_of(n))
			n = n->rb_right;
		else
			return rb_entry(n, struct item, rb);
	}
	return NULL;
}

static void item_erase(struct rb_root *root, struct item *it)
{
	rb_erase(&it->rb, root);
	in_tree[it->key] = false;
}

static bool is_red(const struct rb_node *n)
{
	return n && (n->__rb_parent_color & 1) == RB_RED;
}

/*
 * check_subtree - check the subtree at @n, whose parent must be @parent and whose keys must lie
 * in [@lo, @hi). Returns its black height (NULL leaves count 0), or -1 with check_msg set.
 * Counts the nodes into *@count.
 */
static int check_subtree(const struct rb_node *n, const struct rb_node *parent,
			 unsigned long lo, unsigned long hi, unsigned int *count)
{
	int lh, rh;

	if (!n)
		return 0;
	if (rb_parent(n) != parent) {
		snprintf(check_msg, sizeof(check_msg), "node %lu: bad parent link", key_of(n));
		return -1;
	}
	if (n->__rb_parent_color & 2) {
		snprintf(check_msg, sizeof(check_msg), "node %lu: stray bit 1 set", key_of(n));
		return -1;
	}
	if (key_of(n) < lo || key_of(n) >= hi) {
		snprintf(check_msg, sizeof(check_msg), "node %lu: out of order", key_of(n));
		return -1;
	}
	if (is_red(n) && (is_red(n->rb_left) || is_red(n->rb_right))) {
		snprintf(check_msg, sizeof(check_msg), "node %lu: red with a red child", key_of(n));
		return -1;
	}
	(*count)++;
	lh = check_subtree(n->rb_left, n, lo, key_of(n), count);
	if (lh < 0)
		return -1;
	rh = check_subtree(n->rb_right, n, key_of(n) + 1, hi, count);
	if (rh < 0)
		return -1;
	if (lh != rh) {
		snprintf(check_msg, sizeof(check_msg), "node %lu: black heights %d left, %d right",
			 key_of(n), lh, rh);
		return -1;
	}
	return lh + !is_red(n);
}

/*
 * rb_check - validate the whole tree against the red-black invariants and against in_tree[]
 * (over keys 0..@nkeys): root black, no red-red, equal black heights, parent links, order,
 * and in-order traversal both ways giving exactly the keys in_tree[] says. Returns true if
 * all holds, else false with check_msg set.
 */
static bool rb_check(const struct rb_root *root, unsigned int nkeys)
{
	unsigned int count = 0, expected = 0, k;
	const struct rb_node *n;

	if (is_red(root->rb_node)) {
		snprintf(check_msg, sizeof(check_msg), "root is red");
		return false;
	}
	if (check_subtree(root->rb_node, NULL, 0, ~0UL, &count) < 0)
		return false;
	for (k = 0; k < nkeys; k++)
		expected += in_tree[k];
	if (count != expected || RB_EMPTY_ROOT(root) != (count == 0)) {
		snprintf(check_msg, sizeof(check_msg), "%u nodes, expected %u", count, expected);
		return false;
	}
	/* Forwards: rb_first, rb_next must visit exactly the in_tree keys in increasing order. */
	n = rb_first(root);
	for (k = 0; k < nkeys; k++) {
		if (!in_tree[k])
			continue;
		if (!n || key_of(n) != k) {
			snprintf(check_msg, sizeof(check_msg), "rb_next: expected key %u", k);
			return false;
		}
		n = rb_next(n);
	}
	if (n) {
		snprintf(check_msg, sizeof(check_msg), "rb_next: extra node %lu", key_of(n));
		return false;
	}
	/* Backwards: rb_last, rb_prev. */
	n = rb_last(root);
	for (k = nkeys; k-- > 0;) {
		if (!in_tree[k])
			continue;
		if (!n || key_of(n) != k) {
			snprintf(check_msg, sizeof(check_msg), "rb_prev: expected key %u", k);
			return false;
		}
		n = rb_prev(n);
	}
	if (n) {
		snprintf(check_msg, sizeof(check_msg), "rb_prev: extra node %lu", key_of(n));
		return false;
	}
	return true;
}

/* CHECK_TREE - fail and leave the current test if rb_check() finds the tree broken. */
#define CHECK_TREE(root, nkeys, what, i) do {					\
	if (!rb_check(root, nkeys)) {						\
		ht_fail(__FILE__, __LINE__, "after %s #%u: %s",			\
			what, (unsigned int)(i), check_msg);			\
		return;								\
	}									\
} while (0)

/* tree_height - the longest root-to-leaf path, in nodes. */
static unsigned int tree_height(const struct rb_node *n)
{
	unsigned int l, r;

	if (!n)
		return 0;
	l = tree_height(n->rb_left);
	r = tree_height(n->rb_right);
	return 1 + (l > r ? l : r);
}

/* reset - before each test: fresh items, nothing in the tree, the same LCG seed. */
static void reset(void)
{
	unsigned int i;

	for (i = 0; i < MAX_ITEMS; i++) {
		items[i].key = i;
		spares[i].key = i;
		RB_CLEAR_NODE(&items[i].rb);
		RB_CLEAR_NODE(&spares[i].rb);
		in_tree[i] = false;
	}
	lcg_state = 0x5eed;
}

/*
 * insert_then_erase - insert keys 0..n-1 in @ins order, then erase them all in @del order,
 * checking the whole tree after each step. Returns false (after reporting) on a failure.
 */
static bool insert_then_erase(unsigned int n, enum fill ins, enum fill del)
{
	struct rb_root root = RB_ROOT;
	unsigned int i;

	fill_order(n, ins);
	for (i = 0; i < n; i++) {
		item_insert(&root, &items[order[i]]);
		if (!rb_check(&root, n)) {
			ht_fail(__FILE__, __LINE__, "n=%u insert #%u (key %u): %s",
				n, i, order[i], check_msg);
			return false;
		}
	}
	fill_order(n, del);
	for (i = 0; i < n; i++) {
		item_erase(&root, &items[order[i]]);
		if (!rb_check(&root, n)) {
			ht_fail(__FILE__, __LINE__, "n=%u erase #%u (key %u): %s",
				n, i, order[i], check_msg);
			return false;
		}
	}
	return RB_EMPTY_ROOT(&root);
}

/* ---- tests ---- */

HT_TEST(empty_tree)
{
	struct rb_root root = RB_ROOT;

	HT_EXPECT(RB_EMPTY_ROOT(&root));
	HT_EXPECT(rb_first(&root) == NULL);
	HT_EXPECT(rb_last(&root) == NULL);
	HT_EXPECT(RB_EMPTY_NODE(&items[0].rb));
	HT_EXPECT(rb_next(&items[0].rb) == NULL);	/* a node in no tree has no neighbors */
	HT_EXPECT(rb_prev(&items[0].rb) == NULL);
	HT_EXPECT(rb_check(&root, 1));
}

HT_TEST(single_node)
{
	struct rb_root root = RB_ROOT;

	item_insert(&root, &items[7]);
	HT_EXPECT(!RB_EMPTY_ROOT(&root));
	HT_EXPECT(!RB_EMPTY_NODE(&items[7].rb));
	HT_EXPECT(root.rb_node == &items[7].rb);
	HT_EXPECT(rb_parent(&items[7].rb) == NULL);
	HT_EXPECT(!is_red(root.rb_node));
	HT_EXPECT(rb_entry(rb_first(&root), struct item, rb) == &items[7]);
	HT_EXPECT(rb_first(&root) == rb_last(&root));
	HT_EXPECT(rb_next(&items[7].rb) == NULL);
	HT_EXPECT(rb_prev(&items[7].rb) == NULL);
	CHECK_TREE(&root, 8, "insert", 0);
	item_erase(&root, &items[7]);
	HT_EXPECT(RB_EMPTY_ROOT(&root));
	CHECK_TREE(&root, 8, "erase", 0);
}

HT_TEST(insert_increasing)
{
	struct rb_root root = RB_ROOT;
	unsigned int i, n = 1000;

	for (i = 0; i < n; i++) {
		item_insert(&root, &items[i]);
		CHECK_TREE(&root, n, "insert", i);
	}
	HT_EXPECT(tree_height(root.rb_node) <= 2 * 10);	/* <= 2 log2(n + 1) */
}

HT_TEST(insert_decreasing)
{
	struct rb_root root = RB_ROOT;
	unsigned int i, n = 1000;

	for (i = n; i-- > 0;) {
		item_insert(&root, &items[i]);
		CHECK_TREE(&root, n, "insert", n - 1 - i);
	}
	HT_EXPECT(tree_height(root.rb_node) <= 2 * 10);
}

HT_TEST(insert_random)
{
	struct rb_root root = RB_ROOT;
	unsigned int i, n = 1000;

	fill_order(n, SHUFFLED);
	for (i = 0; i < n; i++) {
		item_insert(&root, &items[order[i]]);
		CHECK_TREE(&root, n, "insert", i);
	}
	HT_EXPECT(tree_height(root.rb_node) <= 2 * 10);
	for (i = 0; i < n; i++)
		HT_EXPECT(item_search(&root, i) == &items[i]);
	HT_EXPECT(item_search(&root, n) == NULL);
}

HT_TEST(erase_in_every_order_kind)
{
	enum fill kinds[] = { INCREASING, DECREASING, SHUFFLED };
	unsigned int a, b;

	for (a = 0; a < 3; a++)
		for (b = 0; b < 3; b++)
			HT_ASSERT(insert_then_erase(700, kinds[a], kinds[b]));
}

HT_TEST(erase_random_interleaved)
{
	struct rb_root root = RB_ROOT;
	unsigned int i, n = 1000, k;

	/* Random inserts and erases mixed, so erasure meets trees of every shape. */
	for (i = 0; i < 20000; i++) {
		k = lcg() % n;
		if (in_tree[k]) {
			HT_ASSERT(item_search(&root, k) == &items[k]);
			item_erase(&root, &items[k]);
			CHECK_TREE(&root, n, "erase", i);
			HT_EXPECT(item_search(&root, k) == NULL);
		} else {
			HT_ASSERT(item_search(&root, k) == NULL);
			item_insert(&root, &items[k]);
			CHECK_TREE(&root, n, "insert", i);
		}
	}
}

HT_TEST(all_small_permutations)
{
	unsigned int n, tries;

	/* Many small trees catch cases near the root and leaves that large trees rarely hit. */
	for (n = 1; n <= 12; n++)
		for (tries = 0; tries < 200; tries++)
			HT_ASSERT(insert_then_erase(n, SHUFFLED, SHUFFLED));
}

HT_TEST(first_last_next_prev)
{
	struct rb_root root = RB_ROOT;
	struct rb_node *n;
	unsigned int i, nkeys = 300;

	/* Only the even keys, so neighbors are 2 apart. */
	fill_order(nkeys, SHUFFLED);
	for (i = 0; i < nkeys; i++)
		if (order[i] % 2 == 0)
			item_insert(&root, &items[order[i]]);
	CHECK_TREE(&root, nkeys, "insert", nkeys);
	HT_EXPECT_EQ(key_of(rb_first(&root)), 0);
	HT_EXPECT_EQ(key_of(rb_last(&root)), nkeys - 2);
	HT_EXPECT(rb_prev(rb_first(&root)) == NULL);
	HT_EXPECT(rb_next(rb_last(&root)) == NULL);
	for (i = 0; i + 2 < nkeys; i += 2) {
		HT_EXPECT(rb_next(&items[i].rb) == &items[i + 2].rb);
		HT_EXPECT(rb_prev(&items[i + 2].rb) == &items[i].rb);
	}
	for (i = 0, n = rb_first(&root); n; n = rb_next(n))
		i++;
	HT_EXPECT_EQ(i, nkeys / 2);

	/* Erasing the ends moves rb_first/rb_last inwards. */
	item_erase(&root, &items[0]);
	item_erase(&root, &items[nkeys - 2]);
	CHECK_TREE(&root, nkeys, "erase", 2);
	HT_EXPECT_EQ(key_of(rb_first(&root)), 2);
	HT_EXPECT_EQ(key_of(rb_last(&root)), nkeys - 4);
}

HT_TEST(replace_node)
{
	struct rb_root root = RB_ROOT;
	unsigned int i, n = 500;
	unsigned long pc;

	fill_order(n, SHUFFLED);
	for (i = 0; i < n; i++)
		item_insert(&root, &items[order[i]]);

	/* Swap every item for its spare, in a fresh random order; the shape must not change. */
	fill_order(n, SHUFFLED);
	for (i = 0; i < n; i++) {
		struct item *old = &items[order[i]], *new = &spares[order[i]];
		unsigned int h = tree_height(root.rb_node);

		pc = old->rb.__rb_parent_color;
		rb_replace_node(&old->rb, &new->rb, &root);
		HT_EXPECT(new->rb.__rb_parent_color == pc);		/* same parent and color */
		HT_EXPECT(item_search(&root, old->key) == new);
		HT_EXPECT(tree_height(root.rb_node) == h);
		if (new->rb.rb_left)
			HT_EXPECT(rb_parent(new->rb.rb_left) == &new->rb);
		if (new->rb.rb_right)
			HT_EXPECT(rb_parent(new->rb.rb_right) == &new->rb);
		CHECK_TREE(&root, n, "replace", i);
	}
	for (i = 0; i < n; i++)
		HT_EXPECT(item_search(&root, i) == &spares[i]);

	/* The replacements erase like any node. */
	fill_order(n, SHUFFLED);
	for (i = 0; i < n; i++) {
		rb_erase(&spares[order[i]].rb, &root);
		in_tree[order[i]] = false;
		CHECK_TREE(&root, n, "erase", i);
	}
	HT_EXPECT(RB_EMPTY_ROOT(&root));
}

HT_TEST(stress_10000)
{
	struct rb_root root = RB_ROOT;
	unsigned int i, n = MAX_ITEMS, round;

	/*
	 * 10,000 nodes: random inserts, erase a random half, put it back, erase everything.
	 * A full check costs O(n), so it runs every 97 operations and at each phase's end.
	 */
	fill_order(n, SHUFFLED);
	for (i = 0; i < n; i++) {
		item_insert(&root, &items[order[i]]);
		if (i % 97 == 0)
			CHECK_TREE(&root, n, "insert", i);
	}
	CHECK_TREE(&root, n, "insert", n);
	HT_EXPECT(tree_height(root.rb_node) <= 2 * 14);		/* 2 log2(10001) < 28 */

	for (round = 0; round < 2; round++) {
		fill_order(n, SHUFFLED);
		for (i = 0; i < n / 2; i++) {
			item_erase(&root, &items[order[i]]);
			if (i % 97 == 0)
				CHECK_TREE(&root, n, "erase", i);
		}
		CHECK_TREE(&root, n, "erase", n / 2);
		for (i = 0; i < n / 2; i++) {
			item_insert(&root, &items[order[i]]);
			if (i % 97 == 0)
				CHECK_TREE(&root, n, "reinsert", i);
		}
		CHECK_TREE(&root, n, "reinsert", n / 2);
	}
	for (i = 0; i < n; i++)
		HT_EXPECT(item_search(&root, i) == &items[i]);

	fill_order(n, SHUFFLED);
	for (i = 0; i < n; i++) {
		item_erase(&root, &items[order[i]]);
		if (i % 97 == 0)
			CHECK_TREE(&root, n, "erase", i);
	}
	CHECK_TREE(&root, n, "erase", n);
	HT_EXPECT(RB_EMPTY_ROOT(&root));
}

int main(void)
{
	ht_before_each = reset;
	return ht_run_all();
}
