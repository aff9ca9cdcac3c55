/*
 * The swap cache (mm/swap_state.c) on a swap area (in the kernel vda,
 * swapped on at boot, tests/suites.py; on the host a disk in memory,
 * reclaim_machine.h): the slot's swap_map count, the page's reference
 * count, its list and its mapping at each step of a page's life in
 * the cache, and a failed insert that changes nothing.
 */
#include "lib/errno.h"
#include "lib/ktest.h"
#include "mm/filemap.h"
#include "mm/mm.h"
#include "mm/pagemap.h"
#include "mm/swap.h"
#include "tests/common/reclaim_machine.h"

/* A slot and a locked page, as try_to_swap_out has them. */
static bool setup(struct ktest *t, swp_entry_t *entry, struct page **page)
{
	*entry = get_swap_page();
	if (!entry->val) {
		ktest_skip(t, "no swap area (boot with a mkswap'd disk)");
		return false;
	}
	*page = alloc_page(GFP_KERNEL);
	if (!*page) {
		swap_free(*entry);
		ktest_fail(t, __FILE__, __LINE__, "no page");
		return false;
	}
	lock_page(*page);
	return true;
}

/* setup(), and the page put in the cache under the slot. */
static bool setup_cached(struct ktest *t, swp_entry_t *entry,
			 struct page **page)
{
	if (!setup(t, entry, page))
		return false;
	/* the slot's one reference, get_swap_page's, becomes the cache's */
	if (add_to_swap_cache(*page, *entry)) {
		ktest_fail(t, __FILE__, __LINE__, "add_to_swap_cache failed");
		unlock_page(*page);
		__free_page(*page);
		swap_free(*entry);
		return false;
	}
	return true;
}

/* Undoes setup_cached(): leaving the cache frees the slot. */
static void uncache(struct page *page)
{
	delete_from_swap_cache_nolock(page);
	unlock_page(page);
	__free_page(page);
}

/*
 * The cache is one user of the slot; as in 2.4.0 its reference is the
 * caller's (here get_swap_page's), which add_to_swap_cache takes over
 * without adding one, and which leaving the cache drops.
 */
static void add_counts_the_cache_as_a_user(struct ktest *t)
{
	unsigned long cached = swapper_space.nrpages;
	swp_entry_t entry;
	struct page *page;

	if (!setup(t, &entry, &page))
		return;
	KTEST_EXPECT_EQ(t, swap_count(entry), 1);	/* get_swap_page's */
	KTEST_ASSERT_EQ(t, add_to_swap_cache(page, entry), 0);
	KTEST_EXPECT_EQ(t, swap_count(entry), 1);	/* now the cache's */
	KTEST_EXPECT_EQ(t, page_count(page), 2);	/* ours + the cache's */
	KTEST_EXPECT_TRUE(t, PageSwapCache(page));
	KTEST_EXPECT_PTR_EQ(t, page->mapping, &swapper_space);
	KTEST_EXPECT_EQ(t, page->index, entry.val);
	KTEST_EXPECT_TRUE(t, PageActive(page));	/* lru_cache_add */
	KTEST_EXPECT_EQ(t, swapper_space.nrpages, cached + 1);

	delete_from_swap_cache_nolock(page);
	KTEST_EXPECT_FALSE(t, PageSwapCache(page));
	KTEST_EXPECT_FALSE(t, PageActive(page));
	KTEST_EXPECT_NULL(t, page->mapping);
	KTEST_EXPECT_EQ(t, swap_count(entry), 0);	/* slot free again */
	KTEST_EXPECT_EQ(t, page_count(page), 1);
	KTEST_EXPECT_EQ(t, swapper_space.nrpages, cached);
	unlock_page(page);
	__free_page(page);
}

static void lookup_finds_it_and_takes_a_reference(struct ktest *t)
{
	swp_entry_t entry;
	struct page *page;

	if (!setup_cached(t, &entry, &page))
		return;
	KTEST_EXPECT_PTR_EQ(t, lookup_swap_cache(entry), page);
	KTEST_EXPECT_EQ(t, page_count(page), 3);
	put_page(page);
	swp_entry_t other = { entry.val + (1UL << 8) };	/* next slot */
	KTEST_EXPECT_NULL(t, lookup_swap_cache(other));
	uncache(page);
	KTEST_EXPECT_NULL(t, lookup_swap_cache(entry));
}

static void dirty_pages_move_to_the_dirty_list(struct ktest *t)
{
	swp_entry_t entry;
	struct page *page;
	struct list_head *e;
	bool on_dirty = false;

	if (!setup_cached(t, &entry, &page))
		return;
	KTEST_EXPECT_FALSE(t, PageDirty(page));
	set_page_dirty(page);
	KTEST_EXPECT_TRUE(t, PageDirty(page));
	list_for_each(e, &swapper_space.dirty_pages)
		on_dirty |= e == &page->list;
	KTEST_EXPECT_TRUE(t, on_dirty);
	delete_from_swap_cache_nolock(page);
	KTEST_EXPECT_FALSE(t, PageDirty(page));	/* nothing to write */
	unlock_page(page);
	__free_page(page);
}

/* A second page for a taken entry is refused, and nothing changes. */
static void taken_entry_is_refused_intact(struct ktest *t)
{
	swp_entry_t entry;
	struct page *page, *other;

	if (!setup_cached(t, &entry, &page))
		return;
	other = alloc_page(GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, other);
	lock_page(other);
	KTEST_EXPECT_EQ(t, add_to_swap_cache(other, entry), -EEXIST);
	KTEST_EXPECT_EQ(t, swap_count(entry), 1);
	KTEST_EXPECT_FALSE(t, PageSwapCache(other));
	KTEST_EXPECT_EQ(t, page_count(other), 1);
	KTEST_EXPECT_PTR_EQ(t, lookup_swap_cache(entry), page);
	put_page(page);
	unlock_page(other);
	__free_page(other);
	uncache(page);
}

/*
 * The last user of a cached page drops it: the page leaves the cache
 * and its slot is freed, because nothing will ever read it back.
 */
static void last_user_frees_page_and_slot(struct ktest *t)
{
	long free_slots;
	swp_entry_t entry;
	struct page *page;

	if (!setup(t, &entry, &page))
		return;
	free_slots = nr_swap_pages;
	KTEST_ASSERT_EQ(t, add_to_swap_cache(page, entry), 0);
	unlock_page(page);		/* no PTE holds the slot */
	free_page_and_swap_cache(page);	/* our reference was the last */
	KTEST_EXPECT_EQ(t, swap_count(entry), 0);
	KTEST_EXPECT_EQ(t, nr_swap_pages, free_slots + 1);
	KTEST_EXPECT_NULL(t, lookup_swap_cache(entry));
}

static const struct ktest_case swap_cache_cases[] = {
	KTEST_CASE(add_counts_the_cache_as_a_user),
	KTEST_CASE(lookup_finds_it_and_takes_a_reference),
	KTEST_CASE(dirty_pages_move_to_the_dirty_list),
	KTEST_CASE(taken_entry_is_refused_intact),
	KTEST_CASE(last_user_frees_page_and_slot),
};
KTEST_SUITE_INIT_EXIT(swap_cache, swap_cache_cases, reclaim_machine_up,
		      reclaim_machine_down);
