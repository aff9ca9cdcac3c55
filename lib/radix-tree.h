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

int radix_tree_insert(struct radix_tree_root *root, unsigned long index,
		      void *item);
void *radix_tree_lookup(struct radix_tree_root *root, unsigned long index);
void **radix_tree_lookup_slot(struct radix_tree_root *root,
			      unsigned long index);
void *radix_tree_delete(struct radix_tree_root *root, unsigned long index);

#endif
