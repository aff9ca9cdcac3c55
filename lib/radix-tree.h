/*
 * A radix tree mapping unsigned long indices to pointers, after Linux's
 * lib/radix-tree.c (2.6).  Pagoda's swap cache (swapper_space) indexes
 * its pages by swap entry with it.  Linux 2.4 used a hash table there,
 * but page migration must find the one slot that points at a page and
 * swing it to the new page (steps 7 and 9 of the seed 000_*), and a
 * tree slot is a stable place to do that.
 *
 * Each node has 64 slots, indexed by 6 bits of the key; the tree is as
 * tall as the largest key needs (6 levels cover 32 bits).
 */
#ifndef LIB_RADIX_TREE_H
#define LIB_RADIX_TREE_H

#include "lib/compiler.h"

#define RADIX_TREE_MAP_SHIFT	6
#define RADIX_TREE_MAP_SIZE	(1UL << RADIX_TREE_MAP_SHIFT)
#define RADIX_TREE_MAP_MASK	(RADIX_TREE_MAP_SIZE - 1)

struct radix_tree_node {
	unsigned int count;		/* slots in use */
	void *slots[RADIX_TREE_MAP_SIZE];
};

struct radix_tree_root {
	unsigned int height;		/* 0: empty tree */
	struct radix_tree_node *rnode;
	unsigned int gfp_mask;		/* for node allocations */
};

#define RADIX_TREE_INIT(mask)	{ 0, NULL, (mask) }

static inline void INIT_RADIX_TREE(struct radix_tree_root *root,
				   unsigned int mask)
{
	root->height = 0;
	root->rnode = NULL;
	root->gfp_mask = mask;
}

#define RADIX_TREE_BITS	(8 * sizeof(unsigned long))

/* The largest index a tree of this height can hold. */
static inline unsigned long radix_tree_maxindex(unsigned int height)
{
	unsigned int shift = height * RADIX_TREE_MAP_SHIFT;

	if (!height)
		return 0;
	if (shift >= RADIX_TREE_BITS)
		return ~0UL;
	return (1UL << shift) - 1;
}

/* The slot index uses at the level whose nodes are `shift` bits up. */
static inline unsigned int radix_tree_slot_of(unsigned long index,
					      unsigned int shift)
{
	return (index >> shift) & RADIX_TREE_MAP_MASK;
}

/*
 * Walks from the root towards index.  Fills path[] (unless NULL) with
 * the node at each level (path[0] = root) and returns the leaf slot's
 * address, or NULL where the path breaks off.  Inline, and with it the
 * lookups below (Linux 2.6's are functions): the swap cache looks up
 * each page about three times on its way out and back in, and under
 * QEMU's TCG a call and its return cost more than the walk of a tree
 * three levels high.
 */
static inline __attribute__((always_inline)) void **
radix_tree_walk(struct radix_tree_root *root, unsigned long index,
		struct radix_tree_node **path)
{
	struct radix_tree_node *node = root->rnode;
	unsigned int shift = (root->height - 1) * RADIX_TREE_MAP_SHIFT;

	if (!root->height || index > radix_tree_maxindex(root->height) ||
	    !node)
		return NULL;
	for (unsigned int level = 0;; level++) {
		void **slot = &node->slots[radix_tree_slot_of(index, shift)];

		if (path)
			path[level] = node;
		if (!shift)
			return slot;
		node = *slot;
		if (!node)
			return NULL;
		shift -= RADIX_TREE_MAP_SHIFT;
	}
}

int radix_tree_insert(struct radix_tree_root *root, unsigned long index,
		      void *item);
void *radix_tree_delete(struct radix_tree_root *root, unsigned long index);

static inline void **radix_tree_lookup_slot(struct radix_tree_root *root,
					    unsigned long index)
{
	void **slot = radix_tree_walk(root, index, NULL);

	return slot && *slot ? slot : NULL;
}

static inline void *radix_tree_lookup(struct radix_tree_root *root,
				      unsigned long index)
{
	void **slot = radix_tree_walk(root, index, NULL);

	return slot ? *slot : NULL;
}

#endif
