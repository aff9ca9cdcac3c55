/*
 * The buddy allocator (Linux 2.4's mm/page_alloc.c).
 *
 * Each zone keeps free blocks of 1 << order pages in free_area[order],
 * order 0 to MAX_ORDER - 1.  A block of order k starting at zone page
 * index i (a multiple of 1 << k) has a "buddy" at i ^ (1 << k): the
 * other half of the block of order k + 1 they came from.  Indices are
 * counted from the zone's start, as in 2.4; zones start at 0, 16 MiB,
 * 896 MiB or a node boundary (2 MiB-aligned with numa=fake and with
 * QEMU's SRAT), so blocks are physically aligned to their size too.
 *
 * Allocation (rmqueue) takes the first block of the smallest order
 * that is at least the one asked for, and expand() splits it down,
 * putting the lower half back one order lower each time.  Freeing
 * (__free_pages_ok) merges the block with its buddy while the buddy
 * is a free block of the same order, climbing one order each time.
 *
 * How we know a buddy is free: 2.4 keeps a bitmap per order with one
 * bit per buddy pair (the XOR of the two halves' states).  Here a free
 * block's first page carries PG_buddy and its order in page->index
 * instead (as Linux does since 2.6.17).  Why: a page can then say by
 * itself whether it is free and at which order, so the invariant
 * checker and the double-free check read it directly, there is no
 * second structure to keep in step with the lists, and no bitmap to
 * allocate at boot.  The lists and the merging are the same as 2.4's.
 *
 * Locking: one CPU, so a zone's lists are guarded by disabling
 * interrupts (an interrupt handler may allocate with GFP_ATOMIC).
 */
#include "mm/internal.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/x86.h"
#include "mm/compaction.h"
#include "mm/debug.h"
#include "mm/oom_kill.h"
#include "mm/swap.h"
#include "mm/vmstat.h"

struct page *mem_map;
unsigned long max_mapnr;
unsigned long num_physpages;
unsigned long totalram_pages;
unsigned long totalhigh_pages;

pg_data_t node_data[MAX_NUMNODES];
pg_data_t *pgdat_list;
int numnodes;
zone_t *zone_table[MAX_NUMNODES * MAX_NR_ZONES];
struct freepages_t freepages;

unsigned long nr_active_pages;
unsigned long nr_inactive_dirty_pages;
int memory_pressure;

static const char *const zone_names[MAX_NR_ZONES] = {
	"DMA", "Normal", "HighMem"
};

/* 2.4's zone_balance_ratio: a zone keeps realsize / ratio in reserve. */
static const unsigned long zone_balance_ratio[MAX_NR_ZONES] = {
	32, 128, 128
};

/* ------------------------------------------------------ free lists */

struct page *memlist_entry(struct list_head *entry)
{
	return list_entry(entry, struct page, list);
}

/* Puts a free block on its list, marking its first page. */
void memlist_add_head(free_area_t *area, struct page *page,
		      unsigned long order)
{
	page->index = order;
	SetPageBuddy(page);
	list_add(&page->list, &area->free_list);
	area->nr_free++;
}

void memlist_del(free_area_t *area, struct page *page)
{
	list_del(&page->list);
	ClearPageBuddy(page);
	page->index = 0;
	area->nr_free--;
}

/* ------------------------------------------------------ allocation */

/*
 * Splits the order-high block at page down to order low: each time
 * the lower half goes back on the list one order down and we go on
 * with the upper half.  area is free_area[high].  Returns the block
 * of order low that is left.
 */
struct page *expand(zone_t *zone, struct page *page, unsigned long low,
		    unsigned long high, free_area_t *area)
{
	/* LAB buddy: BEGIN expand */
	unsigned long size = 1UL << high;

	while (high > low) {
		area--;
		high--;
		size >>= 1;
		memlist_add_head(area, page, high);
		page += size;
	}
	/* 2.4's BAD_RANGE check: the block must still be in the zone. */
	BUG_ON(page < zone->zone_mem_map ||
	       page >= zone->zone_mem_map + zone->size);
	return page;
	/* LAB buddy: END expand */
}

/* LAB buddy: BEGIN rmqueue */
/*
 * Takes a block of 1 << order pages from the zone, or returns NULL:
 * the first block of the smallest non-empty order >= order, split by
 * expand().  The block comes back with a reference count of 1.
 */
struct page *rmqueue(zone_t *zone, unsigned long order)
{
	free_area_t *area = zone->free_area + order;
	unsigned long curr_order;
	uint32_t flags = local_irq_save();

	for (curr_order = order; curr_order < MAX_ORDER;
	     curr_order++, area++) {
		struct page *page;

		if (list_empty(&area->free_list))
			continue;
		page = memlist_entry(area->free_list.next);
		memlist_del(area, page);
		zone->free_pages -= 1UL << order;
		page = expand(zone, page, order, curr_order, area);
		local_irq_restore(flags);
		check_page_poison(page, 1UL << order);
		set_page_count(page, 1);
		return page;
	}
	local_irq_restore(flags);
	return NULL;
}
/* LAB buddy: END rmqueue */

/*
 * Tries every zone of the list whose free + inactive_clean pages are
 * above the chosen watermark.  In a zone low on free pages, a caller
 * that may reclaim takes a clean inactive page first (reclaim_page);
 * otherwise, or if there is none, the buddy lists (rmqueue).
 */
struct page *__alloc_pages_limit(zonelist_t *zonelist, unsigned long order,
				 int limit, int direct_reclaim)
{
	/* LAB buddy: BEGIN alloc_pages_limit */
	for (zone_t **zp = zonelist->zones; *zp; zp++) {
		zone_t *z = *zp;
		unsigned long water_mark;
		struct page *page = NULL;

		switch (limit) {
		case PAGES_HIGH:
			water_mark = z->pages_high;
			break;
		case PAGES_LOW:
			water_mark = z->pages_low;
			break;
		default:
			water_mark = z->pages_min;
			break;
		}
		if (z->free_pages + z->inactive_clean_pages <= water_mark)
			continue;
		if (direct_reclaim && z->free_pages < z->pages_min + 8)
			page = reclaim_page(z);
		if (!page)
			page = rmqueue(z, order);
		if (page)
			return page;
	}
	return NULL;
	/* LAB buddy: END alloc_pages_limit */
}

/* The slow path's step 7 for order > 0: launder, then reclaim-and-retry. */
static struct page *reclaim_and_retry(zonelist_t *zonelist,
				      unsigned int gfp_mask,
				      unsigned long order)
{
	current->flags |= PF_MEMALLOC;
	page_launder(gfp_mask, 1);
	current->flags &= ~PF_MEMALLOC;
	for (zone_t **zp = zonelist->zones; *zp; zp++) {
		while ((*zp)->inactive_clean_pages) {
			struct page *page = reclaim_page(*zp);

			if (!page)
				break;
			__free_page(page);
			page = rmqueue(*zp, order);
			if (page)
				return page;
		}
	}
	return NULL;
}

/*
 * Direct compaction (Linux 2.6.35's __alloc_pages_direct_compact; 2.4
 * has none): an order > 0 request that reclaim could not serve moves
 * user pages together (mm/compaction.c) and tries once more.  Counts
 * compact_stall, then compact_success or compact_fail if a zone was
 * worth compacting.  PF_MEMALLOC, as in reclaim: what migration
 * allocates meanwhile must not compact or reclaim in its turn.
 */
static struct page *__alloc_pages_direct_compact(zonelist_t *zonelist,
						 unsigned long order)
{
	struct page *page;
	bool tried;

	count_vm_event(COMPACTSTALL);
	current->flags |= PF_MEMALLOC;
	tried = try_to_compact_pages(zonelist, order);
	current->flags &= ~PF_MEMALLOC;
	if (!tried)
		return NULL;
	page = __alloc_pages_limit(zonelist, order, PAGES_MIN, 0);
	count_vm_event(page ? COMPACTSUCCESS : COMPACTFAIL);
	return page;
}

/*
 * PF_MEMALLOC (reclaim itself, kswapd) and PF_MEMDIE (an OOM victim,
 * which must be able to exit) never reclaim and may take the last
 * reserve.
 */
static bool in_reclaim_or_dying(void)
{
	return current->flags & (PF_MEMALLOC | PF_MEMDIE);
}

/* The last resort: what is left, the final reserve only for PF_MEMALLOC. */
static struct page *alloc_from_reserve(zonelist_t *zonelist,
				       unsigned long order, int direct_reclaim)
{
	for (zone_t **zp = zonelist->zones; *zp; zp++) {
		zone_t *z = *zp;
		struct page *page;

		if (direct_reclaim) {
			page = reclaim_page(z);
			if (page)
				return page;
		}
		if (z->free_pages < z->pages_min / 4 &&
		    !in_reclaim_or_dying())
			continue;
		page = rmqueue(z, order);
		if (page)
			return page;
	}
	return NULL;
}

/* Fruitless kswapd rounds an allocation waits through before failing. */
#define MAX_FRUITLESS_ROUNDS	8

/*
 * Pages reclaim has given back or sent to swap so far: a round of
 * reclaim that leaves it as it was achieved nothing (kswapd_helped(),
 * and kswapd's question whether memory is out, mm/vmscan.c).
 */
unsigned long reclaim_progress(void)
{
	return nr_free_pages() + nr_inactive_clean_pages() +
	       vm_events[PSWPOUT];
}

/*
 * Step 7 for a caller that may wait and start I/O: wake kswapd, sleep
 * until it has finished a round (2.4's wakeup_kswapd(1)), then retry.
 * 2.4.0 retries for ever, which hangs when nothing can be reclaimed.
 * Here a round is progress if it left more free or clean pages or
 * sent pages to swap, or while a process the OOM killer chose is
 * still exiting (its memory is on its way), or while kswapd makes
 * sure memory is out before it kills (oom_pending()); after
 * MAX_FRUITLESS_ROUNDS rounds in a row without progress the
 * allocation fails.  A task the OOM killer chose retries at once: it
 * may now take from the reserve.
 */
static bool kswapd_helped(unsigned int *fruitless)
{
	unsigned long before = reclaim_progress();

	wakeup_kswapd(1);
	memory_pressure++;
	if (reclaim_progress() > before || (current->flags & PF_MEMDIE) ||
	    oom_victim_exiting() || oom_pending()) {
		*fruitless = 0;
		return true;
	}
	return ++*fruitless < MAX_FRUITLESS_ROUNDS;
}

/*
 * The heart of the allocator, in 2.4.0's order of work:
 *  1. count the pressure; direct reclaim only for order 0 with
 *     __GFP_WAIT outside PF_MEMALLOC;
 *  2. wake kswapd (or bdflush) if short of inactive/free pages;
 *  3. any zone at or above pages_low: rmqueue;
 *  4. __alloc_pages_limit at PAGES_HIGH, then PAGES_LOW;
 *  5. wake kswapd; a caller that may wait yields;
 *  6. __alloc_pages_limit at PAGES_MIN;
 *  7. not PF_MEMALLOC: reclaim (see kswapd_helped) and retry; for
 *     order > 0, compact when reclaim did not make the block;
 *  8. the reserve: below pages_min / 4 only for PF_MEMALLOC.
 * Departures: 2.4.0 retries an order-0 request after reclaim for
 * ever; here it retries while reclaim makes progress, so a request
 * that cannot be met returns NULL.  And an OOM victim (PF_MEMDIE) is
 * treated as PF_MEMALLOC, so that it can exit.
 */
struct page *__alloc_pages(unsigned int gfp_mask, unsigned long order,
			   zonelist_t *zonelist)
{
	unsigned int fruitless = 0;
	int direct_reclaim = 0;
	bool stalled = false;
	struct page *page;

	memory_pressure++;
	if (order == 0 && (gfp_mask & __GFP_WAIT) && !in_reclaim_or_dying())
		direct_reclaim = 1;

	/* 2.4.0's tests; the cheap comparison comes first in the second. */
	if (inactive_shortage() > (int)inactive_target() / 2 &&
	    free_shortage())
		wakeup_kswapd(0);
	else if (nr_inactive_dirty_pages >= freepages.high &&
		 free_shortage() &&
		 nr_inactive_dirty_pages > (unsigned long)free_shortage())
		wakeup_bdflush(0);

try_again:
	for (zone_t **zp = zonelist->zones; *zp; zp++) {
		if ((*zp)->free_pages >= (*zp)->pages_low) {
			page = rmqueue(*zp, order);
			if (page)
				return page;
		}
	}

	page = __alloc_pages_limit(zonelist, order, PAGES_HIGH,
				   direct_reclaim);
	if (page)
		return page;
	page = __alloc_pages_limit(zonelist, order, PAGES_LOW,
				   direct_reclaim);
	if (page)
		return page;

	wakeup_kswapd(0);
	if (gfp_mask & __GFP_WAIT)
		yield();	/* 2.4.0: SCHED_YIELD, then schedule() */

	page = __alloc_pages_limit(zonelist, order, PAGES_MIN,
				   direct_reclaim);
	if (page)
		return page;

	if (!in_reclaim_or_dying() && (gfp_mask & __GFP_WAIT)) {
		if (!stalled) {
			count_vm_event(ALLOCSTALL);
			stalled = true;
		}
		if (order > 0) {
			page = reclaim_and_retry(zonelist, gfp_mask, order);
			if (!page)
				page = __alloc_pages_direct_compact(zonelist,
								    order);
			if (page)
				return page;
		}
		if (gfp_mask & __GFP_IO) {
			/* 2.4.0 retries only order 0 here, too */
			if (kswapd_helped(&fruitless) && !order)
				goto try_again;
		} else {
			int freed = try_to_free_pages(gfp_mask);

			memory_pressure++;
			if (!order && freed > 0)
				goto try_again;
		}
	}

	page = alloc_from_reserve(zonelist, order, direct_reclaim);
	if (page)
		return page;
	printk(KERN_ERR "__alloc_pages: %lu-order allocation failed "
	       "(gfp=%#x)\n", order, gfp_mask);
	return NULL;
}

/*
 * Picks the node's zonelist for the request (2.4's alloc_pages_pgdat):
 * with __GFP_THISNODE the one that holds only this node's zones.
 */
struct page *alloc_pages_pgdat(pg_data_t *pgdat, unsigned int gfp_mask,
			       unsigned long order)
{
	zonelist_t *lists = (gfp_mask & __GFP_THISNODE) ?
			    pgdat->thisnode_zonelists : pgdat->node_zonelists;

	return __alloc_pages(gfp_mask, order, lists + gfp_zone(gfp_mask));
}

static bool bad_order(unsigned long order, const char *who)
{
	if (order < MAX_ORDER)
		return false;
	printk(KERN_WARNING "%s: order %lu is too large (at most %d)\n",
	       who, order, MAX_ORDER - 1);
	return true;
}

/*
 * From a given node first (its zonelists fall back to the others), or
 * from that node only with __GFP_THISNODE.  2.4.0's alloc_pages_node
 * is node-only by construction (its zonelists hold one node).
 */
struct page *alloc_pages_node(int nid, unsigned int gfp_mask,
			      unsigned long order)
{
	if (nid < 0 || nid >= MAX_NUMNODES || !NODE_DATA(nid)->node_size) {
		printk(KERN_WARNING "alloc_pages_node: no node %d\n", nid);
		return NULL;
	}
	if (bad_order(order, "alloc_pages_node"))
		return NULL;
	return alloc_pages_pgdat(NODE_DATA(nid), gfp_mask, order);
}

/* 1 << order contiguous pages, from the CPU's node first; or NULL. */
struct page *alloc_pages(unsigned int gfp_mask, unsigned long order)
{
	if (bad_order(order, "alloc_pages"))
		return NULL;
	return alloc_pages_pgdat(NODE_DATA(numa_node_id()), gfp_mask, order);
}

/* Like alloc_pages, but returns the kernel address (0 on failure). */
unsigned long __get_free_pages(unsigned int gfp_mask, unsigned long order)
{
	struct page *page;

	if (gfp_mask & __GFP_HIGHMEM) {
		/* A HIGHMEM page has no kernel address to return. */
		printk(KERN_WARNING "__get_free_pages: __GFP_HIGHMEM "
		       "ignored (use alloc_pages and kmap)\n");
		gfp_mask &= ~__GFP_HIGHMEM;
	}
	page = alloc_pages(gfp_mask, order);
	return page ? (unsigned long)page_address(page) : 0;
}

unsigned long get_zeroed_page(unsigned int gfp_mask)
{
	unsigned long addr = __get_free_pages(gfp_mask, 0);

	if (addr)
		memset((void *)addr, 0, PAGE_SIZE);
	return addr;
}

/* ------------------------------------------------------ freeing */

static bool page_is_buddy(zone_t *zone, unsigned long idx,
			  unsigned long order)
{
	/* LAB buddy: BEGIN page_is_buddy */
	struct page *buddy = zone->zone_mem_map + idx;

	return idx < zone->size && PageBuddy(buddy) && buddy->index == order;
	/* LAB buddy: END page_is_buddy */
}

/*
 * Gives a block whose last reference is gone back to its zone,
 * merging it with its buddy for as long as the buddy is a free block
 * of the same order (2.4.0's loop, reading PG_buddy where 2.4 flips
 * the pair bit).
 */
void __free_pages_ok(struct page *page, unsigned long order)
{
	zone_t *zone = page_zone(page);
	unsigned long page_idx = page - zone->zone_mem_map;
	free_area_t *area = zone->free_area + order;
	uint32_t flags;

	ClearPageReferenced(page);
	ClearPageDirty(page);
	page->age = PAGE_AGE_START;
	poison_free_pages(page, 1UL << order);

	flags = local_irq_save();
	zone->free_pages += 1UL << order;
	/* LAB buddy: BEGIN merge */
	while (order < MAX_ORDER - 1) {
		unsigned long buddy_idx = page_idx ^ (1UL << order);

		if (!page_is_buddy(zone, buddy_idx, order))
			break;
		memlist_del(area, zone->zone_mem_map + buddy_idx);
		page_idx &= ~(1UL << order);
		order++;
		area++;
	}
	/* LAB buddy: END merge */
	memlist_add_head(area, zone->zone_mem_map + page_idx, order);
	local_irq_restore(flags);

	if (memory_pressure > 1)
		memory_pressure--;
	mm_debug_check_now_and_then();
}

/*
 * Drops one reference to the block; the last one frees it.  Reserved
 * pages are never freed (2.4).  A page freed twice, or freed while it
 * is still mapped, locked, on a page list or in the swap cache, is
 * reported with its state and the caller, and left alone.  Inline:
 * __free_page() (page_cache_release()) runs it three or four times per
 * page reclaim writes, and under TCG a call and its return cost more
 * than these few tests.
 */
static inline __attribute__((always_inline)) void
free_pages_from(struct page *page, unsigned long order, const void *caller)
{
	if (PageReserved(page))
		return;
	if (free_pages_check(page, order, caller))
		return;
	if (put_page_testzero(page))
		__free_pages_ok(page, order);
}

void __free_pages(struct page *page, unsigned long order)
{
	free_pages_from(page, order, __builtin_return_address(0));
}

/* One page (the seed's page_cache_release() -> __free_page()). */
__reclaim_hot
void __free_page(struct page *page)
{
	free_pages_from(page, 0, __builtin_return_address(0));
}

void free_pages(unsigned long addr, unsigned long order)
{
	unsigned long pfn = __pa(addr) >> PAGE_SHIFT;

	if (!addr)
		return;
	if (addr < PAGE_OFFSET || (addr & ~PAGE_MASK) || !pfn_valid(pfn) ||
	    PageHighMem(pfn_to_page(pfn))) {
		printk(KERN_ERR "free_pages: %#lx is not the address of a "
		       "page in low memory; not freed\n", addr);
		return;
	}
	free_pages_from(pfn_to_page(pfn), order,
			__builtin_return_address(0));
}

void free_boot_page(struct page *page)
{
	zone_t *zone = page_zone(page);

	ClearPageReserved(page);
	set_page_count(page, 1);
	zone->managed++;
	totalram_pages++;
	if (zone_is_highmem(zone))
		totalhigh_pages++;
	__free_page(page);
}

/* ------------------------------------------------------ counting */

/* Free pages, inactive clean pages, or both, of every zone or of the
 * HIGHMEM zones only. */
static unsigned long sum_zones(bool highmem_only, bool free, bool clean)
{
	unsigned long sum = 0;
	pg_data_t *pgdat;

	for_each_pgdat(pgdat) {
		for (int i = 0; i < MAX_NR_ZONES; i++) {
			zone_t *z = &pgdat->node_zones[i];

			if (highmem_only && i != ZONE_HIGHMEM)
				continue;
			sum += (free ? z->free_pages : 0) +
			       (clean ? z->inactive_clean_pages : 0);
		}
	}
	return sum;
}

unsigned long nr_free_pages(void)
{
	return sum_zones(false, true, false);
}

unsigned long nr_free_highpages(void)
{
	return sum_zones(true, true, false);
}

unsigned long nr_inactive_clean_pages(void)
{
	return sum_zones(false, false, true);
}

/* Both of the above in one pass: the shortage tests below, which
 * lookup_swap_cache() asks at every page it finds, want the sum. */
static unsigned long nr_free_and_clean_pages(void)
{
	return sum_zones(false, true, true);
}

/*
 * How short memory is.  2.4 keeps free_shortage() and
 * inactive_shortage() in mm/vmscan.c; they are here, with the other
 * counting functions, because the allocator needs them on every call
 * and the reclaim machinery does not run in the allocator's host unit
 * tests.
 */

/*
 * Pages missing before free + inactive_clean reach freepages.high plus
 * a third of the inactive target; or, if there are enough overall,
 * what the zones below pages_min + 1 miss (2.4.0's free_shortage).
 */
int free_shortage(void)
{
	long freeable = nr_free_and_clean_pages();
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

/*
 * Dirty inactive pages outnumber the free and clean ones: 2.4.0's test
 * in do_try_to_free_pages() for laundering without a free shortage
 * (page_launder() also writes then: mm/vmscan.c).
 */
bool dirty_pages_pile_up(void)
{
	return nr_inactive_dirty_pages >
	       nr_free_and_clean_pages();
}

/* Pages missing from free + inactive to reach the high mark + target. */
int inactive_shortage(void)
{
	long shortage = freepages.high + inactive_target();

	shortage -= nr_free_and_clean_pages();
	shortage -= nr_inactive_dirty_pages;
	return shortage > 0 ? shortage : 0;
}

/* ------------------------------------------------------ setting up */

/*
 * 2.4's watermarks: mask = realsize / ratio, clamped to [10, 255];
 * min = mask, low = 2 * mask, high = 3 * mask.
 */
void zone_set_watermarks(zone_t *zone)
{
	unsigned long mask = zone->realsize /
			     zone_balance_ratio[zone_idx(zone)];

	mask = max(mask, (unsigned long)ZONE_BALANCE_MIN);
	mask = min(mask, (unsigned long)ZONE_BALANCE_MAX);
	zone->pages_min = mask;
	zone->pages_low = mask * 2;
	zone->pages_high = mask * 3;
	freepages.min += mask;
	freepages.low += mask * 2;
	freepages.high += mask * 3;
}

static void init_zone(pg_data_t *pgdat, int j, unsigned long start_pfn,
		      struct page *map, unsigned long size,
		      unsigned long holes)
{
	zone_t *zone = &pgdat->node_zones[j];

	memset(zone, 0, sizeof(*zone));
	zone->name = zone_names[j];
	zone->zone_pgdat = pgdat;
	zone->zone_start_pfn = start_pfn;
	zone->zone_mem_map = map;
	zone->size = size;
	zone->realsize = size - holes;
	INIT_LIST_HEAD(&zone->inactive_clean_list);
	for (int o = 0; o < MAX_ORDER; o++)
		INIT_LIST_HEAD(&zone->free_area[o].free_list);
	zone_table[pgdat->node_id * MAX_NR_ZONES + j] = zone;
	for (unsigned long i = 0; i < size; i++) {
		struct page *page = zone->zone_mem_map + i;

		memset(page, 0, sizeof(*page));
		SetPageReserved(page);
		if (j == ZONE_HIGHMEM)
			SetPageHighMem(page);
		page->zone_id = pgdat->node_id * MAX_NR_ZONES + j;
		INIT_LIST_HEAD(&page->list);
		INIT_LIST_HEAD(&page->lru);
	}
	num_physpages += zone->realsize;
	if (zone->realsize)
		zone_set_watermarks(zone);
}

/*
 * Sets up node nid (2.4's free_area_init_core): its zones of
 * zones_size[j] pages from node_start_pfn on, with zholes_size[j] of
 * them not RAM.  pmap is mem_map + node_start_pfn.  Every page starts
 * reserved; free_boot_page() hands the free ones over later.
 */
void free_area_init_node(int nid, pg_data_t *pgdat, struct page *pmap,
			 const unsigned long *zones_size,
			 unsigned long node_start_pfn,
			 const unsigned long *zholes_size)
{
	unsigned long pfn = node_start_pfn;
	pg_data_t **link = &pgdat_list;

	memset(pgdat, 0, sizeof(*pgdat));
	pgdat->node_id = nid;
	pgdat->node_mem_map = pmap;
	pgdat->node_start_pfn = node_start_pfn;
	for (int j = 0; j < MAX_NR_ZONES; j++) {
		init_zone(pgdat, j, pfn, pmap + (pfn - node_start_pfn),
			  zones_size[j], zholes_size ? zholes_size[j] : 0);
		pfn += zones_size[j];
		pgdat->node_size += zones_size[j];
	}
	while (*link)
		link = &(*link)->node_next;
	*link = pgdat;
	numnodes++;
}

/* Appends the zones of pgdat from zone type j down to DMA. */
static int add_node_zones(zonelist_t *zl, int n, pg_data_t *pgdat, int j)
{
	for (; j >= 0; j--)
		if (pgdat->node_zones[j].realsize)
			zl->zones[n++] = &pgdat->node_zones[j];
	return n;
}

/*
 * For every node and zone type: the node's own zones first, from that
 * type down (HIGHMEM -> NORMAL -> DMA), then the other nodes' in node
 * order after this one.  The node-only list (__GFP_THISNODE) stops
 * after the node's own zones.
 *
 * Departure: 2.4.0's zonelists hold one node, and its alloc_pages()
 * (mm/numa.c) calls the whole __alloc_pages() on each node in turn,
 * from the CPU's node on, until one returns a page.  The slow path of
 * that first call reclaims, swaps and waits for kswapd on the local
 * node (2.4.0 retries order 0 there for ever; Pagoda for up to
 * MAX_FRUITLESS_ROUNDS kswapd rounds) while another node may have
 * plenty free.  One list over all nodes lets the cheap passes (above
 * pages_low, then the watermark passes) look at every node's zones
 * before anything is reclaimed, as Linux 2.6's build_zonelists does.
 */
void build_all_zonelists(void)
{
	pg_data_t *pgdat;

	for_each_pgdat(pgdat) {
		for (int j = 0; j < MAX_NR_ZONES; j++) {
			zonelist_t *zl = &pgdat->node_zonelists[j];
			zonelist_t *own = &pgdat->thisnode_zonelists[j];
			pg_data_t *other = pgdat;
			int n = 0;

			own->zones[add_node_zones(own, 0, pgdat, j)] = NULL;
			do {
				n = add_node_zones(zl, n, other, j);
				other = other->node_next ? other->node_next
							 : pgdat_list;
			} while (other != pgdat);
			zl->zones[n] = NULL;
		}
	}
}
