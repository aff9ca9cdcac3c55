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

#define MAX_PATH	(RADIX_TREE_BITS / RADIX_TREE_MAP_SHIFT + 2)

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
	while (index > radix_tree_maxindex(root->height) || !root->height) {
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
		unsigned int up = (root->height - level) *
				  RADIX_TREE_MAP_SHIFT;

		kfree(path[level]);
		if (level) {
			path[level - 1]->slots[radix_tree_slot_of(index, up)] =
				NULL;
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
		slot = &path[level]->slots[radix_tree_slot_of(index, shift)];
		shift -= RADIX_TREE_MAP_SHIFT;
	}
	if (*slot)
		return -EEXIST;
	*slot = item;
	path[depth - 1]->count++;
	return 0;
}

/* Removes and returns the item at index (NULL if there was none). */
void *radix_tree_delete(struct radix_tree_root *root, unsigned long index)
{
	struct radix_tree_node *path[MAX_PATH];
	void **slot = radix_tree_walk(root, index, path);
	void *item;

	if (!slot || !*slot)
		return NULL;
	item = *slot;
	*slot = NULL;
	path[root->height - 1]->count--;
	prune(root, index, path, root->height);
	return item;
}
