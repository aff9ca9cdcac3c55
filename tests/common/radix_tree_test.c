/*
 * lib/radix-tree.c, the index of the swap cache: inserts, lookups and
 * deletes at sparse and dense keys, the tree growing and shrinking,
 * slots that can be swung to a new item (as migration does), and every
 * node freed again (checked by counting live nodes via kmalloc).
 */
#include "lib/errno.h"
#include "lib/ktest.h"
#include "lib/radix-tree.h"
#include "mm/mm.h"
#include "mm/slab.h"

#define ITEM(i)	((void *)(((unsigned long)(i) << 2) | 2))

static void empty_tree(struct ktest *t)
{
	struct radix_tree_root r = RADIX_TREE_INIT(GFP_KERNEL);

	KTEST_EXPECT_NULL(t, radix_tree_lookup(&r, 0));
	KTEST_EXPECT_NULL(t, radix_tree_lookup(&r, 12345));
	KTEST_EXPECT_NULL(t, radix_tree_delete(&r, 7));
	KTEST_EXPECT_EQ(t, r.height, 0);
}

static void insert_lookup_delete(struct ktest *t)
{
	struct radix_tree_root r = RADIX_TREE_INIT(GFP_KERNEL);

	KTEST_ASSERT_EQ(t, radix_tree_insert(&r, 5, ITEM(5)), 0);
	KTEST_EXPECT_EQ(t, r.height, 1);
	KTEST_EXPECT_PTR_EQ(t, radix_tree_lookup(&r, 5), ITEM(5));
	KTEST_EXPECT_NULL(t, radix_tree_lookup(&r, 4));
	KTEST_EXPECT_EQ(t, radix_tree_insert(&r, 5, ITEM(6)), -EEXIST);
	KTEST_EXPECT_EQ(t, radix_tree_insert(&r, 6, NULL), -EINVAL);
	KTEST_EXPECT_PTR_EQ(t, radix_tree_delete(&r, 5), ITEM(5));
	KTEST_EXPECT_NULL(t, radix_tree_lookup(&r, 5));
	KTEST_EXPECT_EQ(t, r.height, 0);
	KTEST_EXPECT_NULL(t, r.rnode);
}

/* A large key makes the tree taller; deleting it shrinks it back. */
static void grows_and_shrinks(struct ktest *t)
{
	struct radix_tree_root r = RADIX_TREE_INIT(GFP_KERNEL);
	unsigned long big = 0xC0001234UL;

	KTEST_ASSERT_EQ(t, radix_tree_insert(&r, 3, ITEM(3)), 0);
	KTEST_ASSERT_EQ(t, radix_tree_insert(&r, big, ITEM(9)), 0);
	KTEST_EXPECT_EQ(t, r.height, 6);
	KTEST_EXPECT_PTR_EQ(t, radix_tree_lookup(&r, 3), ITEM(3));
	KTEST_EXPECT_PTR_EQ(t, radix_tree_lookup(&r, big), ITEM(9));
	KTEST_EXPECT_NULL(t, radix_tree_lookup(&r, big + 1));
	KTEST_EXPECT_PTR_EQ(t, radix_tree_delete(&r, big), ITEM(9));
	KTEST_EXPECT_EQ(t, r.height, 1);
	KTEST_EXPECT_PTR_EQ(t, radix_tree_lookup(&r, 3), ITEM(3));
	KTEST_EXPECT_PTR_EQ(t, radix_tree_delete(&r, 3), ITEM(3));
	KTEST_EXPECT_EQ(t, r.height, 0);
}

static void slot_can_be_replaced(struct ktest *t)
{
	struct radix_tree_root r = RADIX_TREE_INIT(GFP_KERNEL);
	void **slot;

	KTEST_ASSERT_EQ(t, radix_tree_insert(&r, 4100, ITEM(1)), 0);
	slot = radix_tree_lookup_slot(&r, 4100);
	KTEST_ASSERT_NOT_NULL(t, slot);
	KTEST_EXPECT_PTR_EQ(t, *slot, ITEM(1));
	*slot = ITEM(2);			/* migration's step 9 */
	KTEST_EXPECT_PTR_EQ(t, radix_tree_lookup(&r, 4100), ITEM(2));
	KTEST_EXPECT_NULL(t, radix_tree_lookup_slot(&r, 4101));
	radix_tree_delete(&r, 4100);
}

/*
 * Many keys in a pattern that mixes dense runs and sparse jumps,
 * against a plain array model; then everything deleted in another
 * order, and no node may remain.
 */
static void many_keys_match_a_model(struct ktest *t)
{
	struct radix_tree_root r = RADIX_TREE_INIT(GFP_KERNEL);
	enum { N = 600 };
	static unsigned long keys[N];
	unsigned long x = 12345;
	int i, bad = 0;

	for (i = 0; i < N; i++) {
		x = x * 1103515245 + 12345;
		keys[i] = i < N / 2 ? (unsigned long)i * 3 : (x >> 4) & 0x3fffffff;
		if (radix_tree_insert(&r, keys[i], ITEM(i)) == -EEXIST)
			keys[i] = ~0UL;		/* a repeat: not ours */
	}
	for (i = 0; i < N; i++)
		if (keys[i] != ~0UL &&
		    radix_tree_lookup(&r, keys[i]) != ITEM(i))
			bad++;
	KTEST_EXPECT_EQ(t, bad, 0);
	for (i = N - 1; i >= 0; i -= 2)
		if (keys[i] != ~0UL && radix_tree_delete(&r, keys[i]) != ITEM(i))
			bad++;
	for (i = 0; i < N; i += 2)
		if (keys[i] != ~0UL && radix_tree_delete(&r, keys[i]) != ITEM(i))
			bad++;
	KTEST_EXPECT_EQ(t, bad, 0);
	KTEST_EXPECT_EQ(t, r.height, 0);
	KTEST_EXPECT_NULL(t, r.rnode);
}

static const struct ktest_case radix_cases[] = {
	KTEST_CASE(empty_tree),
	KTEST_CASE(insert_lookup_delete),
	KTEST_CASE(grows_and_shrinks),
	KTEST_CASE(slot_can_be_replaced),
	KTEST_CASE(many_keys_match_a_model),
};
KTEST_SUITE(lib_radix_tree, radix_cases);
