/*
 * The page cache's structure (Linux 2.4's struct address_space, from
 * include/linux/fs.h, and its page-cache helpers of pagemap.h).
 *
 * Pagoda has no files: its only page cache is the swap cache,
 * swapper_space (mm/swap_state.c).  A page in it has page->mapping =
 * &swapper_space, page->index = its swap entry, and sits on one of
 * the mapping's three lists through page->list, by whether it is
 * clean, dirty or being written.  The pages are also indexed by swap
 * entry in page_tree, where 2.4 used a hash table (see
 * lib/radix-tree.h for why).
 */
#ifndef MM_PAGEMAP_H
#define MM_PAGEMAP_H

#include "lib/list.h"
#include "lib/radix-tree.h"

struct page;

struct address_space_operations {
	int (*writepage)(struct page *page);	/* start writing it out */
};

struct address_space {
	struct list_head clean_pages;	/* contents are on disk too */
	struct list_head dirty_pages;	/* must be written before reuse */
	struct list_head locked_pages;	/* being read or written */
	unsigned long nrpages;
	const struct address_space_operations *a_ops;
	struct radix_tree_root page_tree;	/* index -> page */
};

#endif
