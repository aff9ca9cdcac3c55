/*
 * The page lists and page aging (Linux 2.4.0's mm/swap.c, and the
 * list helpers of its include/linux/swap.h).
 *
 * A page that reclaim may take is on exactly one of three lists, and
 * its list flag says which:
 *
 *	active_list           PG_active          in use, or recently
 *	inactive_dirty_list   PG_inactive_dirty  old; may need writing
 *	zone->inactive_clean  PG_inactive_clean  old and clean: can be
 *	                                         reused at once
 *
 * (Except while page_launder() writes it: then it is on none, and its
 * write's completion puts it back: putback_written_page().)
 *
 * A page's age says how recently it was used: age_page_up() when it
 * is found referenced, age_page_down_ageonly() on each scan that finds
 * it not (age_page_down() also deactivates it at 0); at age 0 it
 * leaves the active list ("time only moves forward", as the seed puts
 * it: an idle page ages until it can be swapped out).
 *
 * Every change to the lists happens under lru_lock(); it and the list
 * helpers are inline, in mm/swap.h, as 2.4.0's are in its swap.h.
 */
#include "mm/swap.h"
#include "kernel/kernel.h"
#include "kernel/x86.h"
#include "mm/internal.h"
#include "mm/mm.h"
#include "mm/vmstat.h"
#include "mm/vmtrace.h"

LIST_HEAD(active_list);
LIST_HEAD(inactive_dirty_list);

/* ------------------------------------------------ moving between lists */

/* Caller holds lru_lock().  Inactive (either kind) -> active. */
static void activate_page_nolock(struct page *page)
{
	if (PageInactiveDirty(page)) {
		del_page_from_inactive_dirty_list(page);
		add_page_to_active_list(page);
		count_vm_event(PGACTIVATE);
	} else if (PageInactiveClean(page)) {
		del_page_from_inactive_clean_list(page);
		add_page_to_active_list(page);
		count_vm_event(PGACTIVATE);
	}
	/* A page on no list stays on none: nothing to move. */

	/* Give it a fair chance to stay active. */
	if (page->age < PAGE_AGE_START)
		page->age = PAGE_AGE_START;
}

/*
 * Moves a page that is used again back to the active list: from
 * age_page_up() for a page that had aged to 0.  (page_launder() and
 * reclaim_page() make the same move themselves, under the lock they
 * already hold.)
 */
void activate_page(struct page *page)
{
	uint32_t flags = lru_lock();

	activate_page_nolock(page);
	lru_unlock(flags);
}

/*
 * Caller holds lru_lock().  Active -> inactive_dirty, for a page that
 * aged to 0 and that nobody but the cache and our caller holds: a
 * page still mapped by a process has more references, and stays.
 * (2.4 allowed one more for buffer heads, which its swap I/O leaves on
 * a written page; Pagoda's swap I/O leaves none.)
 */
__reclaim_hot
static void deactivate_page_nolock(struct page *page)
{
	/* LAB aging: BEGIN deactivate_page_nolock */
	int maxcount = 2;	/* the swap cache's and our caller's */

	page->age = 0;
	ClearPageReferenced(page);
	if (PageActive(page) && page_count(page) <= maxcount) {
		del_page_from_active_list(page);
		add_page_to_inactive_dirty_list(page);
		count_vm_event(PGDEACTIVATE);
	}
	/* LAB aging: END deactivate_page_nolock */
}

/*
 * Ages a page out of the active list (refill_inactive_scan,
 * age_page_down, try_to_swap_out): from here page_launder() will
 * write it if it is dirty, and free it when it is clean.
 */
__reclaim_hot
void deactivate_page(struct page *page)
{
	uint32_t flags = lru_lock();

	deactivate_page_nolock(page);
	lru_unlock(flags);
}

/* ------------------------------------------------ aging */

/*
 * The page was used: if it had aged to nothing it goes back to the
 * active list, and its age grows by PAGE_AGE_ADV up to PAGE_AGE_MAX.
 * try_to_swap_out() calls this when it finds the PTE young: the
 * "reward" that keeps a busy page from being swapped out.
 */
__reclaim_hot
void age_page_up(struct page *page)
{
	/* LAB aging: BEGIN age_page_up */
	unsigned int age;

	if (!page->age)
		activate_page(page);
	age = page->age + PAGE_AGE_ADV;
	page->age = age > PAGE_AGE_MAX ? PAGE_AGE_MAX : age;
	/* LAB aging: END age_page_up */
}

/* The page was not used since the last look: halve its age. */
__reclaim_hot
void age_page_down_ageonly(struct page *page)
{
	/* LAB aging: BEGIN age_page_down_ageonly */
	page->age /= 2;
	/* LAB aging: END age_page_down_ageonly */
}

/* Halve the age; at 0 the page moves to the inactive_dirty list. */
void age_page_down(struct page *page)
{
	/* LAB aging: BEGIN age_page_down */
	age_page_down_ageonly(page);
	if (!page->age)
		deactivate_page(page);
	/* LAB aging: END age_page_down */
}

/* ------------------------------------------------ entering and leaving */

/*
 * Written, clean, and still unused: what page_launder()'s next pass
 * would move to inactive_clean_list without a second thought (its
 * tests for a page used again or dirty, launder_pass()).  The swap
 * cache's reference is the only one (the writer holds the lock, not a
 * reference); a page mapped again meanwhile has more.  An orphan (only
 * the cache holds its slot too: its owner exited during the write) is
 * not: page_launder() frees it (launder_drop_unused()).
 */
static bool written_page_is_clean_and_unused(struct page *page)
{
	return !PageDirty(page) && !PageReferenced(page) && !page->age &&
	       page_count(page) == 1 &&
	       swap_count((swp_entry_t){ page->index }) > 1;
}

/*
 * A write page_launder() started is over (mm/page_io.c, usually from
 * the disk's interrupt; the page is still locked).  page_launder()
 * took the page off inactive_dirty_list when it sent the write, so
 * that no pass looks at it while it is written, and it goes back now.
 *
 * Departure: clean and unused, it goes straight to its zone's
 * inactive_clean_list, for reclaim_page() to take; 2.4.0 leaves it on
 * inactive_dirty_list, where the next page_launder() pass finds it
 * clean only to make this same move (a look per page written,
 * about a third of page_launder's).  Linux 2.6 likewise moves a page whose
 * write reclaim started, at the end of that write, to the tail of the
 * inactive list, to be freed next (rotate_reclaimable_page(), from
 * end_page_writeback()).  Used again meanwhile, dirty again or its
 * write failed, it goes back to inactive_dirty_list, at the head, as
 * any page joining the list (a pass takes pages from the tail and
 * looks at as many as the list held when it started; a page added at
 * the tail while it runs would stand in for one still to be looked
 * at), and page_launder() decides.  A page on a list (written by
 * someone else), isolated for migration, or not in swapper_space (the
 * swap-area suite writes such) stays where it is.
 */
void putback_written_page(struct page *page)
{
	uint32_t flags = lru_lock();

	if (page->mapping == &swapper_space && !PageActive(page) &&
	    !PageInactiveDirty(page) && !PageInactiveClean(page) &&
	    !PageIsolated(page)) {
		if (written_page_is_clean_and_unused(page))
			add_page_to_inactive_clean_list(page);
		else
			add_page_to_inactive_dirty_list(page);
	}
	lru_unlock(flags);
}

/*
 * A new page of the swap cache enters the lists (from
 * add_to_swap_cache): it starts active, or inactive if it has no age
 * left.  The caller holds the page locked, as in 2.4.
 */
__reclaim_hot
void lru_cache_add(struct page *page)
{
	uint32_t flags = lru_lock();

	BUG_ON(!PageLocked(page));
	add_page_to_active_list(page);
	if (!page->age)
		deactivate_page_nolock(page);
	lru_unlock(flags);
}

/* A page leaves the swap cache: off its list (it must be locked). */
void lru_cache_del(struct page *page)
{
	uint32_t flags = lru_lock();

	BUG_ON(!PageLocked(page));
	__lru_cache_del(page);
	lru_unlock(flags);
}

/* ------------------------------------------------ statistics */

/*
 * How many pages swap-in reads at once: 1 << page_cluster, the slots
 * of an aligned window around the one faulted on (swapin_readahead in
 * mm/memory.c).  2.4's swap_setup sizes it by the memory: 4 pages
 * below 16 MiB, 8 below 32 MiB, 16 above.
 */
int page_cluster;

void swap_setup(void)
{
	if (num_physpages < (16UL << 20) >> PAGE_SHIFT)
		page_cluster = 2;
	else if (num_physpages < (32UL << 20) >> PAGE_SHIFT)
		page_cluster = 3;
	else
		page_cluster = 4;
}

/*
 * Once a second (from kswapd): memory_pressure, which every allocation
 * raises and every free lowers, loses 1/64 of itself, so it reads as
 * a decaying average of recent allocation pressure; inactive_target()
 * is that over 64.
 */
void recalculate_vm_stats(void)
{
	memory_pressure -= memory_pressure >> 6;
}
