/*
 * The swap cache (Linux 2.4.0's mm/swap_state.c).
 *
 * A page that has a slot on a swap area, or is about to get one, is
 * kept in swapper_space: page->index holds its swap entry.  This is
 * the seed's "leave a way back" (留退路): swap_out() gives a page a
 * slot and puts it here, page_launder() writes it, and only when it is
 * clean and unused is it freed.  If the page is wanted in the
 * meantime, do_swap_page() finds it here and maps it again, with no
 * disk read.  If a clean page in the cache is unmapped again, nothing
 * needs writing at all.
 *
 * The swap_map counts the cache as one user of the slot.  As in
 * 2.4.0, the caller of add_to_swap_cache() brings that reference:
 * try_to_swap_out() hands over the one get_swap_page() gave it, and a
 * read takes one with swap_duplicate() first (2.4.0's
 * read_swap_cache_async: "Account for the swap cache").  It is dropped
 * when the page leaves the cache.  The cache also holds one reference
 * on the page itself.
 */
#include "mm/swap.h"
#include "drivers/blkdev.h"
#include "kernel/kernel.h"
#include "mm/mm.h"
#include "mm/filemap.h"
#include "mm/pagemap.h"

/* Writing a swap-cache page sends it to its slot (mm/page_io.c). */
static const struct address_space_operations swap_aops = {
	.writepage = swap_writepage,
};

struct address_space swapper_space = {
	.clean_pages = LIST_HEAD_INIT(swapper_space.clean_pages),
	.dirty_pages = LIST_HEAD_INIT(swapper_space.dirty_pages),
	.locked_pages = LIST_HEAD_INIT(swapper_space.locked_pages),
	.a_ops = &swap_aops,
	/* Inserts happen with interrupts off (the LRU lock): no sleeping. */
	.page_tree = RADIX_TREE_INIT(GFP_ATOMIC),
};

/*
 * Puts a locked page that no mapping owns into the swap cache under
 * entry; the caller's reference on the slot becomes the cache's.
 * Returns 0, or -errno with nothing changed (the caller keeps its
 * reference): 2.4 returned nothing and could not fail here, but a
 * radix-tree node may be impossible to allocate, so the caller must be
 * able to back out.
 */
__reclaim_hot
int add_to_swap_cache(struct page *page, swp_entry_t entry)
{
	uint32_t flags;
	int err;

	BUG_ON(page->mapping || PageSwapCache(page));
	BUG_ON(!PageLocked(page));
	flags = lru_lock();
	err = radix_tree_insert(&swapper_space.page_tree, swap_cache_key(entry),
				page);
	if (err) {
		lru_unlock(flags);
		return err;
	}
	get_page(page);			/* the cache's reference */
	SetPageSwapCache(page);
	ClearPageDirty(page);
	ClearPageReferenced(page);
	page->mapping = &swapper_space;
	page->index = entry.val;
	list_add(&page->list, &swapper_space.clean_pages);
	swapper_space.nrpages++;
	/* still inside, as 2.4.0's add_to_page_cache_locked calls it
	 * under pagecache_lock: interrupts come back on once, not twice */
	lru_cache_add(page);
	lru_unlock(flags);
	return 0;
}

/*
 * Finds the page cached for entry and takes a reference on it for
 * the caller, or returns NULL (do_swap_page then reads it from swap).
 * Being found is being used, as for every page-cache lookup in 2.4.0
 * (__find_page_nolock): age_page_up(), so a page that had aged to 0
 * goes back to the active list at once; and if that leaves too few
 * inactive pages while free ones are short, kswapd is woken.
 */
struct page *lookup_swap_cache(swp_entry_t entry)
{
	/* LAB swapin: BEGIN lookup_swap_cache */
	struct page *page = find_swap_page(entry);

	if (!page)
		return NULL;
	age_page_up(page);
	if (inactive_shortage() > (int)inactive_target() / 2 &&
	    free_shortage())
		wakeup_kswapd(0);
	return page;
	/* LAB swapin: END lookup_swap_cache */
}

/*
 * Raises to `age` each page the cache holds for the nr slots from
 * first's that is younger (mm/memory.c's age_read_ahead).  One lock
 * for them all and no reference on each: nothing here sleeps or frees
 * (find_swap_page() and page_cache_release() for each slot cost about
 * three times as many instructions, and an sti and three calls more).
 */
void age_swap_cache_range(swp_entry_t first, unsigned long nr, int age)
{
	uint32_t flags = lru_lock();

	for (unsigned long i = 0; i < nr; i++) {
		swp_entry_t entry = SWP_ENTRY(SWP_TYPE(first),
					      SWP_OFFSET(first) + i);
		struct page *page = radix_tree_lookup(
			&swapper_space.page_tree, swap_cache_key(entry));

		if (page && page->age < age)
			page->age = age;
	}
	lru_unlock(flags);
}

/*
 * Marks a page dirty; a swap-cache page moves to the dirty list, so
 * page_launder() knows it must be written before it can be freed.
 */
__reclaim_hot
void set_page_dirty(struct page *page)
{
	uint32_t flags;

	if (TestSetPageDirty(page) || !page->mapping)
		return;
	flags = lru_lock();
	list_move(&page->list, &page->mapping->dirty_pages);
	lru_unlock(flags);
}

/*
 * A read or write of the page alone failed on the disk (PG_bad_slot,
 * set by the I/O's completion in an interrupt, where the swap map is
 * not touched): its slot is marked bad now, in process context, before
 * the page is given another slot or leaves the cache, so that the slot
 * is never handed out again.
 */
void settle_bad_slot(struct page *page)
{
	swp_entry_t entry = { page->index };

	if (TestClearPageBadSlot(page) && mark_swap_slot_bad(entry))
		swap_error("%s slot %lu failed: marked bad",
			   swap_info[SWP_TYPE(entry)].bdev->name,
			   SWP_OFFSET(entry));
}

/*
 * Moves the locked page to entry, a slot just taken for it (one user:
 * the cache's from now on), from its old one, whose cache reference
 * the caller still holds and drops.  Nothing else changes: lists,
 * flags, references.  0, or -ENOMEM (nothing changed) if the index
 * has no memory for the new key.
 */
int swap_cache_move(struct page *page, swp_entry_t entry)
{
	swp_entry_t old = { page->index };
	uint32_t flags = lru_lock();
	int err = radix_tree_insert(&swapper_space.page_tree,
				    swap_cache_key(entry), page);

	if (!err) {
		radix_tree_delete(&swapper_space.page_tree,
				  swap_cache_key(old));
		page->index = entry.val;
	}
	lru_unlock(flags);
	return err;
}

/*
 * Takes the locked page out of the cache and off its LRU list, and
 * drops the cache's references: on the slot (swap_free) and on the
 * page.  The caller holds its own reference, so the page stays.
 */
void delete_from_swap_cache_nolock(struct page *page)
{
	swp_entry_t entry = { page->index };
	uint32_t flags;

	BUG_ON(!PageLocked(page) || !PageSwapCache(page));
	if (PageBadSlot(page))		/* rare: no call for the others */
		settle_bad_slot(page);
	flags = lru_lock();
	if (PageActive(page) || PageInactiveDirty(page) ||
	    PageInactiveClean(page))
		__lru_cache_del(page);
	radix_tree_delete(&swapper_space.page_tree, swap_cache_key(entry));
	list_del_init(&page->list);
	swapper_space.nrpages--;
	page->mapping = NULL;
	ClearPageSwapCache(page);
	ClearPageDirty(page);
	lru_unlock(flags);
	swap_free(entry);
	BUG_ON(put_page_testzero(page));	/* the caller still has one */
}

/*
 * True if someone besides our caller and the swap cache uses the
 * page: another reference on the page, or another swap PTE holding
 * its slot (2.4's is_page_shared).  The counts cannot change before
 * the caller acts on the answer because the kernel is not preempted
 * and the caller does not sleep in between (rule 2 in
 * kernel/sched.h); the page lock the caller holds only keeps others
 * from changing the page's identity.
 */
bool is_page_shared(struct page *page)
{
	int count = page_count(page);

	if (PageReserved(page))
		return true;
	if (PageSwapCache(page))
		count += swap_count((swp_entry_t){ page->index }) - 2;
	return count > 1;
}

/*
 * Takes a locked swap-cache page that only the cache and one mapping
 * hold (no other reference, no swap PTE on its slot) out of the cache,
 * which frees its slot: the page is a private anonymous page again,
 * whose only copy is in memory, and the next swap_out() gives it a
 * new slot.  Returns true if it did.  Not in 2.4.0, which keeps the
 * slot until the page is freed; Linux 2.4.17 has it (mm/swapfile.c),
 * for do_swap_page (see its callers in mm/memory.c).
 */
bool remove_exclusive_swap_page(struct page *page)
{
	BUG_ON(!PageLocked(page));
	if (!PageSwapCache(page) || page_count(page) != 2 ||
	    swap_count((swp_entry_t){ page->index }) != 1)
		return false;
	delete_from_swap_cache_nolock(page);
	return true;
}

/*
 * Drops a mapping's reference on a page (zap_page_range, exit).  If
 * that was the last user besides the swap cache, the page leaves the
 * cache too, and so its slot is freed: nothing will ever read it.
 */
void free_page_and_swap_cache(struct page *page)
{
	if (PageSwapCache(page) && !TryLockPage(page)) {
		if (!is_page_shared(page))
			delete_from_swap_cache_nolock(page);
		unlock_page(page);
	}
	put_page(page);
}

/*
 * A swap PTE is going away (zap_page_range): drop its reference on
 * the slot, and if only the swap cache is left holding the page, take
 * it out too, so that the page and its slot are free now rather than
 * when reclaim gets round to them.  (2.4.0 only swap_free()d here;
 * later 2.4 kernels do this.)  A page under I/O is left to reclaim.
 */
void free_swap_and_cache(swp_entry_t entry)
{
	struct page *page;

	swap_free(entry);
	page = find_swap_page(entry);
	if (!page)
		return;
	if (!TryLockPage(page)) {
		if (!is_page_shared(page))
			delete_from_swap_cache_nolock(page);
		unlock_page(page);
	}
	put_page(page);
}

/*
 * I/O is about to start on a locked page of the cache: it moves to
 * locked_pages until it completes; a page about to be written is
 * clean from now on (a write to it meanwhile dirties it again).
 * 2.4.0 moves only file pages so (filemap_fdatasync/fdatawait); a
 * dirtied swap-cache page stays on dirty_pages there (README).
 */
void swap_cache_start_io(struct page *page, int rw)
{
	uint32_t flags = lru_lock();

	if (rw == WRITE)
		ClearPageDirty(page);
	list_move(&page->list, &swapper_space.locked_pages);
	lru_unlock(flags);
}

/*
 * From the I/O's completion (mm/page_io.c, usually in an interrupt
 * handler): back to clean_pages, or to dirty_pages if the page is
 * dirty (a failed write leaves it so).  Pages that are not in
 * swapper_space (the swap-area suite writes such) stay where they are.
 */
void swap_cache_end_io(struct page *page)
{
	uint32_t flags;

	if (page->mapping != &swapper_space)
		return;
	flags = lru_lock();
	list_move(&page->list, PageDirty(page) ? &swapper_space.dirty_pages
					       : &swapper_space.clean_pages);
	lru_unlock(flags);
}

/*
 * Does entry's slot want reading into the cache: in use, and no page
 * cached for it?  A page found is aged up (lookup_swap_cache), as
 * 2.4.0's read_swap_cache_async() does to each slot of a read-ahead
 * window that is in the cache already; pages read ahead are not, until
 * a fault finds them.
 */
bool swap_entry_needs_read(swp_entry_t entry)
{
	struct page *page;

	if (!swap_entry_used(entry))
		return false;
	page = lookup_swap_cache(entry);
	if (page)
		put_page(page);		/* the cache holds it still */
	return !page;
}

/*
 * Puts page, newly allocated (nobody else holds it), into the cache
 * for entry, locked, ready for the read the caller starts
 * (rw_swap_page or rw_swap_pages) and that unlocks it.  The cache
 * takes a reference; the caller keeps its own.  Does not sleep: that
 * is why the allocation is the caller's.  A page locked here must not
 * wait for anything but its read, because whoever faults on entry now
 * sleeps in lock_page until the read is done; and an allocation may
 * wait for kswapd, which may be waiting for that very process to exit
 * (see swapin_readahead).  False, with page untouched, if entry no
 * longer needs reading (freed, or cached by someone else meanwhile),
 * or the cache's index has no memory for it.
 */
bool swap_cache_add_for_read(struct page *page, swp_entry_t entry)
{
	if (!swap_entry_used(entry))
		return false;
	if (TryLockPage(page))		/* new: nobody else has it */
		BUG();
	swap_duplicate(entry);		/* the cache's reference */
	if (add_to_swap_cache(page, entry)) {	/* cached, or no memory */
		swap_free(entry);
		unlock_page(page);
		return false;
	}
	swap_cache_start_io(page, READ);
	return true;
}

/*
 * The page for entry, read from swap if it is not in the cache (2.4's
 * read_swap_cache_async).  Returns at once, with the page locked while
 * its read is in flight: lock_page() or wait_on_page() waits for it,
 * and PG_uptodate then says whether it worked.  The caller gets a
 * reference.  NULL if the slot is not in use or there is no memory.
 * Nothing is locked while the allocation sleeps, and the read is sent
 * as soon as the page is in the cache, as in 2.4.
 */
struct page *read_swap_cache_async(swp_entry_t entry)
{
	struct page *page = lookup_swap_cache(entry);

	if (page)
		return page;
	if (!swap_entry_used(entry))
		return NULL;
	page = alloc_page(GFP_HIGHUSER);
	if (!page)
		return NULL;
	/* We may have slept: someone may have read it, or freed it. */
	if (!swap_cache_add_for_read(page, entry)) {
		__free_page(page);
		return lookup_swap_cache(entry);
	}
	rw_swap_page(READ, page);
	return page;
}
