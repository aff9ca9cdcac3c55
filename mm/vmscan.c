/*
 * Reclaim entry points (Linux 2.4's mm/vmscan.c), as far as the page
 * allocator needs them.
 *
 * __alloc_pages() calls these at the places 2.4 does: it wakes
 * kswapd, takes clean inactive pages with reclaim_page(), launders
 * dirty ones with page_launder() and reclaims directly with
 * try_to_free_pages().  Until the reclaim issue (issue 6) brings the
 * active and inactive lists, swap_out() and the kswapd thread, there
 * is nothing on any list to reclaim: these functions reclaim nothing
 * and say so by their return values.  The shortage arithmetic is
 * already 2.4's, over counters that stay 0 until then.
 */
#include "mm/swap.h"
#include "mm/internal.h"
#include "mm/mm.h"

/* Times the allocator asked for kswapd (shown by zoneinfo/tests). */
unsigned long kswapd_wakeups;

/*
 * 2.4 wakes the kswapd thread here, and with block set sleeps until
 * it finishes a round.  There is no kswapd thread yet, so there is
 * nothing to wake or wait for: the request is only counted.
 */
void wakeup_kswapd(int block)
{
	(void)block;
	kswapd_wakeups++;
}

/*
 * 2.4's bdflush writes dirty buffers of the file cache.  Pagoda has
 * no file cache: its dirty pages are swap-cache pages, which kswapd's
 * page_launder() writes.  So this wakes kswapd.
 */
void wakeup_bdflush(int block)
{
	wakeup_kswapd(block);
}

/*
 * Takes a clean page off the zone's inactive_clean_list for reuse.
 * Nothing is put on that list before the reclaim issue.
 */
struct page *reclaim_page(zone_t *zone)
{
	(void)zone;
	return NULL;
}

/*
 * Cleans pages on inactive_dirty_list and moves them on; returns how
 * many were freed.  The list is empty before the reclaim issue.
 */
int page_launder(unsigned int gfp_mask, int sync)
{
	(void)gfp_mask;
	(void)sync;
	return 0;
}

/*
 * Direct reclaim, for a caller that may wait: returns the number of
 * pages freed, 0 while there is nothing to reclaim.
 */
int try_to_free_pages(unsigned int gfp_mask)
{
	(void)gfp_mask;
	return 0;
}

/* How many inactive pages 2.4 wants in reserve (mm.md). */
unsigned long inactive_target(void)
{
	return min((unsigned long)memory_pressure >> 6, num_physpages / 4);
}

/*
 * Pages missing before free + inactive_clean reach freepages.high plus
 * a third of the inactive target; or, if there are enough overall,
 * what the zones below pages_min + 1 miss (2.4.0's free_shortage).
 */
int free_shortage(void)
{
	long freeable = nr_free_pages() + nr_inactive_clean_pages();
	long target = freepages.high + inactive_target() / 3;
	pg_data_t *pgdat;
	long sum = 0;

	if (freeable < target)
		return target - freeable;
	for_each_pgdat(pgdat) {
		for (int i = 0; i < MAX_NR_ZONES; i++) {
			zone_t *z = &pgdat->node_zones[i];
			long have = z->free_pages + z->inactive_clean_pages;

			if (z->realsize && have < (long)z->pages_min + 1)
				sum += z->pages_min + 1 - have;
		}
	}
	return sum;
}

/* Pages missing from free + inactive to reach the high mark + target. */
int inactive_shortage(void)
{
	long shortage = freepages.high + inactive_target();

	shortage -= nr_free_pages() + nr_inactive_clean_pages();
	shortage -= nr_inactive_dirty_pages;
	return shortage > 0 ? shortage : 0;
}
