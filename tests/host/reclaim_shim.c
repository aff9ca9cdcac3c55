/*
 * The reclaim side of the kernel, as the host unit tests of the page
 * allocator see it: there are no processes, page lists, swap cache or
 * kswapd in the host build, so there is never anything to reclaim.
 * mm/vmscan.c, mm/oom_kill.c and mm/reclaim_debug.c are kernel-only
 * (tested by the kernel suites); these stand in for the functions the
 * allocator, the checker and the swap map call, with the answers they
 * give when nothing can be reclaimed.
 */
#include "mm/debug.h"
#include "mm/oom_kill.h"
#include "mm/swap.h"
#include "mm/vmstat.h"

unsigned long vm_events[NR_VM_EVENT_ITEMS];
int page_cluster = 3;

/* No kswapd to wake: only counted, so tests see the allocator ask. */
void wakeup_kswapd(int block)
{
	(void)block;
	count_vm_event(KSWAPD_WAKEUP);
}

void wakeup_bdflush(int block)
{
	wakeup_kswapd(block);
}

struct page *reclaim_page(zone_t *zone)
{
	(void)zone;
	return NULL;
}

int page_launder(unsigned int gfp_mask, int sync)
{
	(void)gfp_mask;
	(void)sync;
	return 0;
}

int try_to_free_pages(unsigned int gfp_mask)
{
	(void)gfp_mask;
	return 0;
}

bool oom_victim_exiting(void)
{
	return false;
}

int check_reclaim_invariants(char *why, size_t len)
{
	(void)why;
	(void)len;
	return 0;
}
