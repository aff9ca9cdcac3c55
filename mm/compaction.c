/*
 * Memory compaction, after Linux 2.6.35's mm/compaction.c (Mel
 * Gorman's; Linux 2.4.0 has none).  A zone whose free pages are
 * scattered in small blocks cannot serve a large request (an order-9
 * block: 512 pages, 2 MiB) even when it has thousands of free pages.
 * Compaction moves user pages out of the way with page migration:
 *
 *   zone start                                              zone end
 *   |  migrate scanner -->                  <-- free scanner  |
 *   isolates user pages to move      isolates free pages as targets
 *
 * The migrate scanner walks up from the zone's low end isolating
 * movable pages (isolate_migratepages); the free scanner walks down
 * from its high end, a block of MAX_ORDER - 1 at a time, taking free
 * pages off the buddy lists (isolate_freepages).  migrate_pages()
 * copies each isolated user page into a page the free scanner found
 * (compaction_alloc is its new_page_t), so user pages gather at the
 * top and the free pages they leave merge at the bottom.  It ends
 * when the scanners meet, or, for an allocation that is waiting,
 * as soon as a block of the order it asked for is free.
 *
 * Movable pages are user pages, anonymous or in the swap cache:
 * isolate_lru_page() accepts exactly those (mm/migrate.h).  Everything
 * else stays where it is, and the scanner steps over it:
 *  - free blocks (PG_buddy: skipped whole, by their order);
 *  - reserved pages (holes, the kernel image, mem_map);
 *  - slab pages (PG_slab: kmalloc and the caches, radix-tree nodes);
 *  - other kernel pages, which carry no flag at all: page tables,
 *    8 KiB kernel stacks, swap_map arrays, the pages of multi-page
 *    kernel allocations (their tail pages have count 0);
 *    isolate_lru_page() refuses them (no user mapping).
 * A single such page anywhere in a 512-page block keeps that block
 * from ever being free: unmovable_blocks() counts those blocks, and
 * the shell's compact prints the count.  Linux 2.6.24+ keeps them
 * together with pageblock migrate types (anti-fragmentation); Pagoda
 * does not, so kernel allocations land anywhere, and after boot about
 * one block in eight holds one (see docs/migration.md for figures).
 *
 * Departures from 2.6.35: no pageblock migrate types (2.4 has none),
 * so any free page is a target, except a free block that is already
 * of the largest order, which the free scanner leaves whole; no
 * fragmentation index or deferral: direct compaction runs when
 * reclaim did not produce the block and the zone has the free pages.
 */
#include "mm/compaction.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/shell.h"
#include "kernel/x86.h"
#include "mm/debug.h"
#include "mm/internal.h"
#include "mm/migrate.h"
#include "mm/vmstat.h"

#define COMPACT_BLOCK		(1UL << (MAX_ORDER - 1))	/* pages */
#define COMPACT_CLUSTER_MAX	32	/* pages isolated per round */

/* compact_finished()'s answers (Linux's COMPACT_*). */
enum {
	COMPACT_CONTINUE,	/* go on */
	COMPACT_PARTIAL,	/* a block of the order asked for is free */
	COMPACT_COMPLETE,	/* the scanners met */
};

/* One run over one zone (Linux's struct compact_control). */
struct compact_control {
	struct list_head freepages;	/* free pages isolated as targets */
	struct list_head migratepages;	/* user pages isolated to move */
	unsigned long nr_freepages;
	unsigned long nr_migratepages;
	unsigned long migrate_idx;	/* migrate scanner: next page */
	unsigned long free_idx;		/* free scanner: below this */
	zone_t *zone;
	int order;			/* -1: the whole zone */
	struct compact_stats *stats;
};

static unsigned long list_length(struct list_head *list)
{
	unsigned long n = 0;

	for (struct list_head *p = list->next; p != list; p = p->next)
		n++;
	return n;
}

/* ------------------------------------------------------ free scanner */

/*
 * Takes the free block at page (order `order`) off its buddy list and
 * puts its pages, one by one with a reference each, on cc->freepages.
 * Interrupts are off: a handler may allocate from the same lists.
 */
static void isolate_free_block(struct compact_control *cc, struct page *page,
			       unsigned long order)
{
	unsigned long n = 1UL << order;

	memlist_del(&cc->zone->free_area[order], page);
	cc->zone->free_pages -= n;
	check_page_poison(page, n);
	for (unsigned long i = 0; i < n; i++) {
		set_page_count(page + i, 1);
		list_add_tail(&page[i].lru, &cc->freepages);
	}
	cc->nr_freepages += n;
}

/*
 * Isolates the free pages of zone pages [start, end), leaving a free
 * block of the largest order whole.  Returns the pages looked at.
 */
static unsigned long isolate_freepages_block(struct compact_control *cc,
					     unsigned long start,
					     unsigned long end)
{
	struct page *map = cc->zone->zone_mem_map;
	unsigned long idx = start, scanned = 0;

	while (idx < end) {
		struct page *page = map + idx;
		unsigned long order = 0;
		uint32_t flags = local_irq_save();

		if (PageBuddy(page)) {
			order = page->index;
			if (order < MAX_ORDER - 1)
				isolate_free_block(cc, page, order);
		}
		local_irq_restore(flags);
		scanned++;
		idx += 1UL << order;
	}
	return scanned;
}

/*
 * The free scanner: whole blocks from the top down, until it has as
 * many targets as there are pages to move, never reaching the block
 * the migrate scanner is in (Linux's isolate_freepages).
 */
static void isolate_freepages(struct compact_control *cc)
{
	unsigned long low = ALIGN_UP(cc->migrate_idx + 1, COMPACT_BLOCK);

	while (cc->nr_freepages < cc->nr_migratepages &&
	       cc->free_idx > low) {
		unsigned long start = ALIGN_DOWN(cc->free_idx - 1,
						 COMPACT_BLOCK);
		unsigned long n = isolate_freepages_block(cc, start,
							  cc->free_idx);

		cc->stats->free_scanned += n;
		count_vm_events(COMPACTFREE_SCANNED, n);
		cc->free_idx = start;
	}
	if (cc->free_idx <= low && !cc->nr_freepages)
		cc->free_idx = cc->migrate_idx;	/* the scanners met */
}

/*
 * new_page_t of compaction: the next free page the free scanner
 * found, scanning for more when they run out; NULL when the scanners
 * have met (migrate_pages() then stops with -ENOMEM).
 */
static struct page *compaction_alloc(struct page *page __unused,
				     unsigned long private,
				     int **result __unused)
{
	struct compact_control *cc = (struct compact_control *)private;
	struct page *free;

	if (list_empty(&cc->freepages))
		isolate_freepages(cc);
	if (list_empty(&cc->freepages))
		return NULL;
	free = list_entry(cc->freepages.next, struct page, lru);
	list_del_init(&free->lru);
	cc->nr_freepages--;
	return free;
}

/* Gives back the targets that were not used (Linux's release_freepages). */
static void release_freepages(struct compact_control *cc)
{
	while (!list_empty(&cc->freepages)) {
		struct page *page = list_entry(cc->freepages.next,
					       struct page, lru);

		list_del_init(&page->lru);
		__free_page(page);
	}
	cc->nr_freepages = 0;
}

/* ---------------------------------------------------- migrate scanner */

/* A page the migrate scanner need not even offer to isolate_lru_page. */
static bool never_movable(const struct page *page)
{
	return !page_count(page) || PageReserved(page) || PageSlab(page);
}

/*
 * The migrate scanner: from migrate_idx up to the end of its block
 * (or the free scanner), isolating up to COMPACT_CLUSTER_MAX user
 * pages (Linux's isolate_migratepages).  Free blocks are stepped over
 * by their order; kernel pages are left where they are.
 */
static void isolate_migratepages(struct compact_control *cc)
{
	struct page *map = cc->zone->zone_mem_map;
	unsigned long idx = cc->migrate_idx;
	unsigned long end = min(ALIGN_DOWN(idx, COMPACT_BLOCK) + COMPACT_BLOCK,
				cc->free_idx);

	while (idx < end && cc->nr_migratepages < COMPACT_CLUSTER_MAX) {
		struct page *page = map + idx;
		unsigned long order = PageBuddy(page) ? page->index : 0;

		cc->stats->migrate_scanned++;
		count_vm_event(COMPACTMIGRATE_SCANNED);
		idx += order < MAX_ORDER ? 1UL << order : 1;
		if (order || never_movable(page) || isolate_lru_page(page))
			continue;
		list_add_tail(&page->lru, &cc->migratepages);
		cc->nr_migratepages++;
	}
	cc->migrate_idx = idx;
}

/* ------------------------------------------------------ the run */

/* Is a block of cc->order (or larger) free in the zone? */
static int compact_finished(struct compact_control *cc)
{
	if (cc->free_idx <= cc->migrate_idx)
		return COMPACT_COMPLETE;
	if (cc->order < 0 || cc->zone->free_pages <= cc->zone->pages_min)
		return COMPACT_CONTINUE;
	for (int o = cc->order; o < MAX_ORDER; o++)
		if (cc->zone->free_area[o].nr_free)
			return COMPACT_PARTIAL;
	return COMPACT_CONTINUE;
}

/* One round: migrate what the migrate scanner isolated, put back the rest. */
static void compact_round(struct compact_control *cc)
{
	unsigned long isolated = cc->nr_migratepages;
	int err;

	err = migrate_pages(&cc->migratepages, compaction_alloc,
			    (unsigned long)cc);
	cc->stats->isolated += isolated;
	cc->stats->moved += isolated - list_length(&cc->migratepages);
	putback_lru_pages(&cc->migratepages);
	cc->nr_migratepages = 0;
	if (err == -ENOMEM)
		cc->free_idx = cc->migrate_idx;	/* no targets left */
}

/*
 * Compacts one zone (Linux's compact_zone): rounds of the two scanners
 * until they meet, or until a block of `order` is free (order >= 0).
 * Returns COMPACT_PARTIAL or COMPACT_COMPLETE; stats adds up the work.
 */
int compact_zone(zone_t *zone, int order, struct compact_stats *stats)
{
	struct compact_control cc = {
		.zone = zone, .order = order, .stats = stats,
		.migrate_idx = 0, .free_idx = zone->size,
	};
	int ret;

	INIT_LIST_HEAD(&cc.freepages);
	INIT_LIST_HEAD(&cc.migratepages);
	while ((ret = compact_finished(&cc)) == COMPACT_CONTINUE) {
		isolate_migratepages(&cc);
		if (cc.nr_migratepages)
			compact_round(&cc);
		cond_resched();
	}
	release_freepages(&cc);
	return ret;
}

/*
 * Can compaction make an order-`order` block here?  Only with the free
 * pages for it and some to spare (what later Linux's
 * compaction_suitable() asks): else reclaim must free memory first.
 */
static bool compaction_suitable(zone_t *zone, unsigned long order)
{
	return zone->free_pages >= zone->pages_low + (2UL << order);
}

bool try_to_compact_pages(zonelist_t *zonelist, unsigned long order)
{
	bool tried = false;

	for (zone_t **zp = zonelist->zones; *zp; zp++) {
		struct compact_stats stats = { 0 };

		if (!compaction_suitable(*zp, order))
			continue;
		tried = true;
		if (compact_zone(*zp, order, &stats) == COMPACT_PARTIAL)
			break;
	}
	return tried;
}

/* ------------------------------------------------------ figures */

/* A page in use that compaction could move: a user page. */
static bool movable(struct page *page)
{
	return !never_movable(page) &&
	       (page_mapcount(page) > 0 || PageSwapCache(page));
}

unsigned long unmovable_blocks(zone_t *zone)
{
	unsigned long blocks = 0;

	for (unsigned long b = 0; b < zone->size; b += COMPACT_BLOCK) {
		unsigned long end = min(b + COMPACT_BLOCK, zone->size);

		for (unsigned long idx = b; idx < end; idx++) {
			struct page *page = zone->zone_mem_map + idx;

			if (PageBuddy(page)) {
				idx += (1UL << page->index) - 1;
				continue;
			}
			if (!movable(page)) {
				blocks++;
				break;
			}
		}
	}
	return blocks;
}

unsigned long nr_free_blocks(unsigned int order)
{
	unsigned long n = 0;
	pg_data_t *pgdat;

	for_each_pgdat(pgdat)
		for (int j = 0; j < MAX_NR_ZONES; j++)
			n += pgdat->node_zones[j].free_area[order].nr_free;
	return n;
}

/* ------------------------------------------------------ the shell */

static void print_free_blocks(zone_t *z, const char *when)
{
	cprintf("Node %d, zone %8s %s", z->zone_pgdat->node_id, z->name,
		when);
	for (int o = 0; o < MAX_ORDER; o++)
		cprintf("%6lu ", z->free_area[o].nr_free);
	cprintf("\n");
}

/*
 * compact: every zone to the end (Linux's /proc/sys/vm/compact_memory),
 * with its free blocks per order before and after, as buddyinfo.
 */
static int cmd_compact(int argc __unused, char **argv __unused)
{
	pg_data_t *pgdat;

	for_each_pgdat(pgdat) {
		for (int j = 0; j < MAX_NR_ZONES; j++) {
			zone_t *z = &pgdat->node_zones[j];
			struct compact_stats st = { 0 };

			if (!z->realsize)
				continue;
			print_free_blocks(z, "before ");
			compact_zone(z, -1, &st);
			print_free_blocks(z, "after  ");
			cprintf("  scanned %lu (migrate) %lu (free), moved %lu "
				"of %lu; %lu of %lu order-%d blocks hold "
				"unmovable pages\n", st.migrate_scanned,
				st.free_scanned, st.moved, st.isolated,
				unmovable_blocks(z),
				(z->size + COMPACT_BLOCK - 1) / COMPACT_BLOCK,
				MAX_ORDER - 1);
		}
	}
	return 0;
}
SHELL_COMMAND(compact, cmd_compact, "compact",
	      "compact every zone; free blocks per order before and after");
