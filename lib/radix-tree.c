/*
 * Radix tree: see radix-tree.h.  Insertion grows the tree upwards
 * when the index needs more levels, then walks down, creating the
 * missing nodes; deletion walks down remembering the path, clears the
 * slot, frees the nodes left empty on the way back up, and shrinks
 * the tree while its root only uses slot 0.
 */
#include "lib/radix-tree.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/slab.h"

#define BITS_PER_LONG	(8 * sizeof(unsigned long))
#define MAX_PATH	(BITS_PER_LONG / RADIX_TREE_MAP_SHIFT + 2)

/* The largest index a tree of this height can hold. */
static unsigned long maxindex(unsigned int height)
{
	unsigned int shift = height * RADIX_TREE_MAP_SHIFT;

	if (!height)
		return 0;
	if (shift >= BITS_PER_LONG)
		return ~0UL;
	return (1UL << shift) - 1;
}

static struct radix_tree_node *node_alloc(struct radix_tree_root *root)
{
	struct radix_tree_node *n = kmalloc(sizeof(*n), root->gfp_mask);

	if (n)
		memset(n, 0, sizeof(*n));
	return n;
}

/* Adds levels on top until index fits; the old root becomes slot 0. */
static int extend(struct radix_tree_root *root, unsigned long index)
{
	while (index > maxindex(root->height) || !root->height) {
		struct radix_tree_node *n;

		if (!root->rnode) {
			root->height++;
			continue;
		}
		n = node_alloc(root);
		if (!n)
			return -ENOMEM;
		n->slots[0] = root->rnode;
		n->count = 1;
		root->rnode = n;
		root->height++;
	}
	return 0;
}

/* The slot index uses at the level whose nodes are `shift` bits up. */
static unsigned int slot_of(unsigned long index, unsigned int shift)
{
	return (index >> shift) & RADIX_TREE_MAP_MASK;
}

/*
 * Walks from the root towards index.  Fills path[] (unless NULL) with
 * the node at each level (path[0] = root) and returns the leaf slot's
 * address, or NULL where the path breaks off.  Inline: the swap cache
 * looks up each page about three times on its way out and back in,
 * and a lookup is then one call with no path to fill.
 */
static inline __attribute__((always_inline)) void **
walk(struct radix_tree_root *root, unsigned long index,
     struct radix_tree_node **path)
{
	struct radix_tree_node *node = root->rnode;
	unsigned int shift = (root->height - 1) * RADIX_TREE_MAP_SHIFT;

	if (!root->height || index > maxindex(root->height) || !node)
		return NULL;
	for (unsigned int level = 0;; level++) {
		void **slot = &node->slots[slot_of(index, shift)];

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

/*
 * Frees the empty nodes on the path to index, bottom up, then lowers
 * the tree while the root has nothing but slot 0 in use.
 */
static inline __attribute__((always_inline)) void
prune(struct radix_tree_root *root, unsigned long index,
      struct radix_tree_node **path, int depth)
{
	for (int level = depth - 1; level >= 0 && !path[level]->count;
	     level--) {
		unsigned int shift = (root->height - 1 - level) *
				     RADIX_TREE_MAP_SHIFT;

		kfree(path[level]);
		if (level) {
			path[level - 1]->slots[slot_of(index, shift +
				RADIX_TREE_MAP_SHIFT)] = NULL;
			path[level - 1]->count--;
		} else {
			root->rnode = NULL;
			root->height = 0;
			return;
		}
	}
	while (root->height > 1 && root->rnode->count == 1 &&
	       root->rnode->slots[0]) {
		struct radix_tree_node *old = root->rnode;

		root->rnode = old->slots[0];
		root->height--;
		kfree(old);
	}
}

/* Returns 0, -EEXIST if index is taken, -ENOMEM, or -EINVAL for NULL. */
int radix_tree_insert(struct radix_tree_root *root, unsigned long index,
		      void *item)
{
	struct radix_tree_node *path[MAX_PATH];
	void **slot = (void **)&root->rnode;
	unsigned int shift;
	int err = extend(root, index), depth = 0;

	if (!item)
		return -EINVAL;
	if (err)
		return err;
	shift = (root->height - 1) * RADIX_TREE_MAP_SHIFT;
	for (unsigned int level = 0; level < root->height; level++) {
		if (!*slot) {
			*slot = node_alloc(root);
			if (!*slot) {
				prune(root, index, path, depth);
				return -ENOMEM;
			}
			if (level)
				path[level - 1]->count++;
		}
		path[depth++] = *slot;
		slot = &path[level]->slots[slot_of(index, shift)];
		shift -= RADIX_TREE_MAP_SHIFT;
	}
	if (*slot)
		return -EEXIST;
	*slot = item;
	path[depth - 1]->count++;
	return 0;
}

void **radix_tree_lookup_slot(struct radix_tree_root *root,
			      unsigned long index)
{
	void **slot = walk(root, index, NULL);

	return slot && *slot ? slot : NULL;
}

void *radix_tree_lookup(struct radix_tree_root *root, unsigned long index)
{
	void **slot = walk(root, index, NULL);

	return slot ? *slot : NULL;
}

/* Removes and returns the item at index (NULL if there was none). */
void *radix_tree_delete(struct radix_tree_root *root, unsigned long index)
{
	struct radix_tree_node *path[MAX_PATH];
	void **slot = walk(root, index, path);
	void *item;

	if (!slot || !*slot)
		return NULL;
	item = *slot;
	*slot = NULL;
	path[root->height - 1]->count--;
	prune(root, index, path, root->height);
	return item;
}
