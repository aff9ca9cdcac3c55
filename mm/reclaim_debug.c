/*
 * The reclaim side of check_mm_invariants() (mm/debug.c): the page
 * lists, the swap cache, and who holds each swap slot.
 *
 *  - every page on active_list, inactive_dirty_list or a zone's
 *    inactive_clean_list carries that list's flag and no other, and
 *    the counters (nr_active_pages, ...) say how many there are; no
 *    page carries a list flag without being on the list;
 *  - only swap-cache pages are on the lists (Pagoda has no file
 *    cache), and every swap-cache page is on one;
 *  - a swap-cache page belongs to swapper_space, is found in its radix
 *    tree under its entry, and sits on the clean, dirty or locked list
 *    that fits its flags; nrpages counts them;
 *  - swap_map[slot] equals the swap PTEs of every address space that
 *    name the slot, plus 1 if the slot's page is in the swap cache
 *    (for a slot marked bad, the count beside SWAP_MAP_BAD: 0 once its
 *    users are gone; migration entries name no slot);
 *  - PG_bad_slot only on a swap-cache page (its slot failed a write of
 *    its own, and the page is still to be given another);
 *  - the reverse map, both ways (mm/rmap_debug.c).
 *
 * These hold whenever no task is in the middle of changing them, so
 * the checker runs at such moments: after a reclaim pass, in tests.
 * A slot taken with get_swap_page() must be in a PTE or the swap cache
 * before then (the tests and the swapdisk bench hold raw slots only
 * while no reclaim runs).
 */
#include "kernel/kernel.h"
#include "mm/debug.h"
#include "mm/internal.h"
#include "mm/pagemap.h"
#include "mm/pgtable.h"
#include "mm/rmap.h"
#include "mm/swap.h"
#include "mm/swapops.h"

#define FAIL(...)	({ snprintf(why, len, __VA_ARGS__); -1; })

/* Walks one LRU list: flags, zone, swap cache; *n gets its length. */
static int check_lru_list(struct list_head *head, unsigned long flag,
			  const char *name, zone_t *zone, unsigned long *n,
			  char *why, size_t len)
{
	struct list_head *e;

	*n = 0;
	list_for_each(e, head) {
		struct page *p = list_entry(e, struct page, lru);

		if (++*n > max_mapnr)
			return FAIL("%s is corrupt (a cycle)", name);
		if (!(p->flags & (1UL << flag)))
			return FAIL("pfn %#lx is on %s without its flag "
				    "(flags %#lx)", page_to_pfn(p), name,
				    p->flags);
		if (zone && page_zone(p) != zone)
			return FAIL("pfn %#lx is on zone %s's %s but lies "
				    "in zone %s", page_to_pfn(p), zone->name,
				    name, page_zone(p)->name);
		if (!PageSwapCache(p))
			return FAIL("pfn %#lx is on %s but not in the swap "
				    "cache", page_to_pfn(p), name);
	}
	return 0;
}

/* Each list's pages, then its length against its counter and flag. */
static int check_lru_lists(char *why, size_t len)
{
	unsigned long active, dirty, clean = 0, flagged[3] = { 0 };
	pg_data_t *pgdat;

	if (check_lru_list(&active_list, PG_active, "active_list", NULL,
			   &active, why, len) ||
	    check_lru_list(&inactive_dirty_list, PG_inactive_dirty,
			   "inactive_dirty_list", NULL, &dirty, why, len))
		return -1;
	for_each_pgdat(pgdat) {
		for (int j = 0; j < MAX_NR_ZONES; j++) {
			zone_t *z = &pgdat->node_zones[j];
			unsigned long n;

			if (check_lru_list(&z->inactive_clean_list,
					   PG_inactive_clean,
					   "inactive_clean_list", z, &n, why,
					   len))
				return -1;
			if (n != z->inactive_clean_pages)
				return FAIL("zone %s: inactive_clean_list "
					    "holds %lu pages but "
					    "inactive_clean_pages says %lu",
					    z->name, n,
					    z->inactive_clean_pages);
			clean += n;
		}
	}
	for (unsigned long pfn = 0; pfn < max_mapnr; pfn++) {
		struct page *p = pfn_to_page(pfn);

		flagged[0] += PageActive(p);
		flagged[1] += PageInactiveDirty(p);
		flagged[2] += PageInactiveClean(p);
	}
	if (active != nr_active_pages || active != flagged[0])
		return FAIL("active_list holds %lu pages, nr_active_pages "
			    "says %lu, %lu pages are PG_active", active,
			    nr_active_pages, flagged[0]);
	if (dirty != nr_inactive_dirty_pages || dirty != flagged[1])
		return FAIL("inactive_dirty_list holds %lu pages, "
			    "nr_inactive_dirty_pages says %lu, %lu pages are "
			    "PG_inactive_dirty", dirty, nr_inactive_dirty_pages,
			    flagged[1]);
	if (clean != flagged[2])
		return FAIL("the inactive_clean_lists hold %lu pages but %lu "
			    "are PG_inactive_clean", clean, flagged[2]);
	return 0;
}

/* One swap-cache page: its mapping, tree slot, list and slot. */
static int check_cached_page(struct page *p, char *why, size_t len)
{
	swp_entry_t entry = { p->index };
	unsigned long lru = p->flags & ((1UL << PG_active) |
					(1UL << PG_inactive_dirty) |
					(1UL << PG_inactive_clean));

	if (p->mapping != &swapper_space)
		return FAIL("pfn %#lx is PG_swap_cache but its mapping is "
			    "%p, not swapper_space", page_to_pfn(p),
			    (void *)p->mapping);
	if (radix_tree_lookup(&swapper_space.page_tree,
			      swap_cache_key(entry)) != p)
		return FAIL("swap-cache pfn %#lx is not in the radix tree "
			    "under its entry %08lx", page_to_pfn(p),
			    p->index);
	if (!swap_entry_used(entry))
		return FAIL("swap-cache pfn %#lx names slot %08lx, which is "
			    "not in use", page_to_pfn(p), p->index);
	/* page_launder takes a page off while it writes it (vmscan.c) */
	if (!lru && !PageIsolated(p) && !(PageLocked(p) && PageWriteback(p)))
		return FAIL("swap-cache pfn %#lx is on no page list (and not "
			    "isolated for migration, nor being written)",
			    page_to_pfn(p));
	if (lru && PageIsolated(p))
		return FAIL("pfn %#lx is isolated but on a page list",
			    page_to_pfn(p));
	return 0;
}

/* Which of swapper_space's lists p is on should fit its flags. */
static int check_mapping_list(struct list_head *head, const char *name,
			      unsigned long *n, char *why, size_t len)
{
	struct list_head *e;

	list_for_each(e, head) {
		struct page *p = list_entry(e, struct page, list);
		bool fits = head == &swapper_space.locked_pages
			? PageLocked(p)
			: PageDirty(p) == (head == &swapper_space.dirty_pages);

		if (++*n > max_mapnr)
			return FAIL("swapper_space.%s is corrupt", name);
		if (!PageSwapCache(p) || p->mapping != &swapper_space)
			return FAIL("pfn %#lx is on swapper_space.%s but not "
				    "in the swap cache", page_to_pfn(p), name);
		if (!fits)
			return FAIL("pfn %#lx is on swapper_space.%s with "
				    "flags %#lx", page_to_pfn(p), name,
				    p->flags);
	}
	return 0;
}

static int check_swap_cache(char *why, size_t len)
{
	unsigned long cached = 0, listed = 0;

	for (unsigned long pfn = 0; pfn < max_mapnr; pfn++) {
		struct page *p = pfn_to_page(pfn);

		if (!PageSwapCache(p))
			continue;
		if (check_cached_page(p, why, len))
			return -1;
		cached++;
	}
	if (cached != swapper_space.nrpages)
		return FAIL("%lu pages are PG_swap_cache but "
			    "swapper_space.nrpages is %lu", cached,
			    swapper_space.nrpages);
	if (check_mapping_list(&swapper_space.clean_pages, "clean_pages",
			       &listed, why, len) ||
	    check_mapping_list(&swapper_space.dirty_pages, "dirty_pages",
			       &listed, why, len) ||
	    check_mapping_list(&swapper_space.locked_pages, "locked_pages",
			       &listed, why, len))
		return -1;
	if (listed != cached)
		return FAIL("swapper_space's lists hold %lu pages but %lu are "
			    "in the swap cache", listed, cached);
	return 0;
}

/* One more user of entry's slot found; -1 if entry names no slot. */
static int count_user(swp_entry_t entry)
{
	unsigned long type = SWP_TYPE(entry), offset = SWP_OFFSET(entry);
	struct swap_info_struct *p = &swap_info[type];

	if (type >= nr_swapfiles || !(p->flags & SWP_USED) ||
	    offset >= p->max || !p->users)
		return -1;
	if (p->users[offset] < 0xffff)
		p->users[offset]++;
	return 0;
}

/* Where the checker's walk of swap PTEs says what is wrong. */
struct report {
	char *why;
	size_t len;
};

/* Counts one swap PTE into its area's users[] (walk_swap_ptes). */
static int count_swap_pte(pte_t *pte, unsigned long addr, void *arg)
{
	struct report *r = arg;
	char *why = r->why;
	size_t len = r->len;

	if (count_user(pte_to_swp_entry(*pte)))
		return FAIL("the PTE for %08lx holds swap entry %08lx, which "
			    "names no slot", addr, pte_val(*pte));
	return 0;
}

/* swap_map[] against the users found, area by area. */
static int compare_swap_maps(char *why, size_t len)
{
	for (unsigned int type = 0; type < nr_swapfiles; type++) {
		struct swap_info_struct *p = &swap_info[type];

		if (!(p->flags & SWP_USED) || !p->users)
			continue;
		for (unsigned long i = 0; i < p->max; i++) {
			unsigned int count = swap_map_count(p->swap_map[i]);

			if (count >= SWAP_MAP_MAX || count == p->users[i])
				continue;
			return FAIL("swap slot %u:%lu has swap_map %u but %u "
				    "users (swap PTEs + swap cache)", type, i,
				    p->swap_map[i], p->users[i]);
		}
	}
	return 0;
}

static int check_swap_users(char *why, size_t len)
{
	struct list_head *pos;

	for (unsigned int type = 0; type < nr_swapfiles; type++)
		if ((swap_info[type].flags & SWP_USED) && swap_info[type].users)
			memset(swap_info[type].users, 0,
			       swap_info[type].max * sizeof(unsigned short));
	list_for_each(pos, &mmlist)
		if (walk_swap_ptes(list_entry(pos, struct mm_struct, mmlist),
				   count_swap_pte, &(struct report){ why, len }))
			return -1;
	for (unsigned long pfn = 0; pfn < max_mapnr; pfn++) {
		struct page *p = pfn_to_page(pfn);

		if (PageBadSlot(p) && !PageSwapCache(p))
			return FAIL("pfn %#lx is PG_bad_slot but not in the "
				    "swap cache", pfn);
		if (PageSwapCache(p) && count_user((swp_entry_t){ p->index }))
			return FAIL("swap-cache pfn %#lx names no slot",
				    pfn);
	}
	return compare_swap_maps(why, len);
}

/* 0, or -1 with the first broken invariant in why. */
int check_reclaim_invariants(char *why, size_t len)
{
	if (check_lru_lists(why, len) || check_swap_cache(why, len) ||
	    check_swap_users(why, len) || check_rmap_invariants(why, len))
		return -1;
	return 0;
}
