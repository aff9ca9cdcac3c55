/*
 * The reclaim side of the kernel, for the host builds that take only
 * the page allocator (the buddy fuzzer and the allocator bench): no
 * page lists, swap cache or kswapd, so there is never anything to
 * reclaim.  These stand in for the functions the allocator, its
 * checker and the swap map call, with the answers they give when
 * nothing can be reclaimed.  (The host unit tests link the real ones:
 * see HOST_RECLAIM in the Makefile.)
 */
#include "kernel/time.h"
#include "mm/debug.h"
#include "mm/oom_kill.h"
#include "mm/swap.h"
#include "mm/vmstat.h"

int page_cluster = 3;

/* No clock: bad_page()'s rate limit never starts a new minute. */
volatile unsigned long jiffies;

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

bool oom_pending(void)
{
	return false;
}

int check_reclaim_invariants(char *why, size_t len)
{
	(void)why;
	(void)len;
	return 0;
}
