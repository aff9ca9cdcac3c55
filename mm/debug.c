/*
 * Catching memory-manager bugs where they happen.
 *
 * 2.4 BUG()s on a bad free.  Here free_pages_check() reports the page
 * (its flags by name, count, mapping, zone) and the function that
 * freed it, counts the event and leaves the page alone, so the free
 * lists stay intact and a test can see the report.
 *
 * check_mm_invariants() walks every zone's free lists and mem_map, the
 * swap areas (check_swap_invariants in mm/swapfile.c), and the page
 * lists, swap cache and swap slots' users (mm/reclaim_debug.c), and
 * names the first broken invariant.
 *
 * Debug builds also fill free pages with PAGE_POISON and check, when
 * a page is handed out again, that nobody wrote to it meanwhile; and
 * they run the checker every CHECK_EVERY frees.
 */
#include "mm/debug.h"
#include "kernel/kernel.h"
#include "kernel/ksyms.h"
#include "kernel/params.h"
#include "kernel/time.h"
#include "kernel/x86.h"
#include "lib/ratelimit.h"
#include "mm/highmem.h"
#include "mm/swap.h"

unsigned long bad_page_count;
struct bad_page_report last_bad_page;
char mm_invariant_report[192];

static const char *const flag_names[32] = {
	[PG_locked] = "locked", [PG_error] = "error",
	[PG_referenced] = "referenced", [PG_uptodate] = "uptodate",
	[PG_dirty] = "dirty", [PG_decr_after] = "decr_after",
	[PG_active] = "active", [PG_inactive_dirty] = "inactive_dirty",
	[PG_slab] = "slab", [PG_swap_cache] = "swap_cache",
	[PG_skip] = "skip", [PG_inactive_clean] = "inactive_clean",
	[PG_highmem] = "highmem", [PG_writeback] = "writeback",
	[PG_buddy] = "buddy", [PG_poisoned] = "poisoned",
	[PG_bad_slot] = "bad_slot", [PG_isolated] = "isolated",
	[PG_was_active] = "was_active", [PG_reserved] = "reserved",
};

#define PAGE_LRU_FLAGS							\
	((1UL << PG_active) | (1UL << PG_inactive_dirty) |		\
	 (1UL << PG_inactive_clean))

static void format_flags(char *buf, size_t len, unsigned long flags)
{
	size_t n = 0;

	buf[0] = 0;
	for (int bit = 0; bit < 32 && n < len; bit++) {
		if (!(flags & (1UL << bit)))
			continue;
		if (flag_names[bit])
			n += snprintf(buf + n, len - n, "%s%s", n ? "|" : "",
				      flag_names[bit]);
		else
			n += snprintf(buf + n, len - n, "%sbit%d",
				      n ? "|" : "", bit);
	}
}

void dump_page(const struct page *page)
{
	zone_t *zone = page_zone(page);
	char flags[160];

	format_flags(flags, sizeof(flags), page->flags);
	printk(KERN_EMERG " page: pfn %#lx count %d mapping %p index %#lx "
	       "zone %s node %d\n", page_to_pfn(page), page_count(page),
	       (void *)page->mapping, page->index,
	       zone ? zone->name : "?",
	       zone ? zone->zone_pgdat->node_id : -1);
	printk(KERN_EMERG " flags: %#lx (%s)\n", page->flags, flags);
}

/*
 * At most 60 reports a minute, as Linux 2.6.30's bad_page() allows: one
 * bug can free thousands of bad pages (a broken remove_migration_ptes
 * left 16,000 mapped), and four console lines each kept a kernel suite
 * printing past its time limit.  2.4.0 BUG()s at the first.
 */
static struct ratelimit_state bad_page_rs = RATELIMIT_STATE_INIT(60 * HZ, 60);

void bad_page(const struct page *page, const char *reason,
	      const void *caller)
{
	int missed = ratelimit(&bad_page_rs, jiffies);
	char where[80];

	bad_page_count++;
	last_bad_page = (struct bad_page_report){ page, reason, caller };
	if (missed < 0)
		return;
	if (missed)
		printk(KERN_EMERG "BUG: bad page state: %d reports "
		       "suppressed\n", missed);
	ksym_snprint(where, sizeof(where), (unsigned long)caller);
	printk(KERN_EMERG "BUG: bad page state: %s\n", reason);
	dump_page(page);
	printk(KERN_EMERG " caller: %s\n", where);
}

/* ------------------------------------------------------ invariants */

static int broken(const char *fmt, ...) __printf(1, 2);
static int broken(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(mm_invariant_report, sizeof(mm_invariant_report), fmt, ap);
	va_end(ap);
	printk(KERN_EMERG "mm: invariant broken: %s\n", mm_invariant_report);
	return -1;
}

/* The pages inside a free block other than its first. */
static int check_free_block_tail(zone_t *zone, struct page *head,
				 unsigned long order)
{
	for (unsigned long i = 1; i < (1UL << order); i++) {
		struct page *p = head + i;

		if (PageBuddy(p))
			return broken("pfn %#lx is marked free but lies inside "
				      "the free order-%lu block at pfn %#lx "
				      "(zone %s)", page_to_pfn(p), order,
				      page_to_pfn(head), zone->name);
		if (page_count(p) != 0)
			return broken("free page with references: pfn %#lx "
				      "count %d (in the block at pfn %#lx)",
				      page_to_pfn(p), page_count(p),
				      page_to_pfn(head));
	}
	return 0;
}

static int check_free_block(zone_t *zone, struct page *page,
			    unsigned long order)
{
	unsigned long idx = page - zone->zone_mem_map;
	unsigned long buddy = idx ^ (1UL << order);

	if (page < zone->zone_mem_map || idx >= zone->size)
		return broken("pfn %#lx on a free list of zone %s, which "
			      "does not contain it", page_to_pfn(page),
			      zone->name);
	if (!PageBuddy(page))
		return broken("pfn %#lx is on the order-%lu free list of zone "
			      "%s but not marked free (PG_buddy)",
			      page_to_pfn(page), order, zone->name);
	if (page->index != order)
		return broken("pfn %#lx is on the order-%lu free list but "
			      "says order %lu", page_to_pfn(page), order,
			      page->index);
	if (idx & ((1UL << order) - 1) || idx + (1UL << order) > zone->size)
		return broken("free order-%lu block at pfn %#lx is not "
			      "aligned or runs past zone %s", order,
			      page_to_pfn(page), zone->name);
	if (page_count(page) != 0)
		return broken("free page with references: pfn %#lx count %d",
			      page_to_pfn(page), page_count(page));
	if (page->flags & (PAGE_IN_USE_FLAGS | (1UL << PG_reserved)))
		return broken("pfn %#lx is on a free list and also in use "
			      "(flags %#lx)", page_to_pfn(page), page->flags);
	if (order < MAX_ORDER - 1 && buddy < zone->size &&
	    PageBuddy(zone->zone_mem_map + buddy) &&
	    zone->zone_mem_map[buddy].index == order)
		return broken("free buddies not merged: order-%lu blocks at "
			      "pfn %#lx and %#lx (__free_pages_ok merges a "
			      "freed block with its free buddy)", order,
			      page_to_pfn(page),
			      page_to_pfn(zone->zone_mem_map + buddy));
	return check_free_block_tail(zone, page, order);
}

/* Walks the zone's free lists; *blocks gets how many blocks they hold. */
static int check_free_lists(zone_t *zone, unsigned long *blocks)
{
	unsigned long pages = 0;

	*blocks = 0;
	for (unsigned long order = 0; order < MAX_ORDER; order++) {
		free_area_t *area = &zone->free_area[order];
		unsigned long n = 0;
		struct list_head *l;

		list_for_each(l, &area->free_list) {
			struct page *page = list_entry(l, struct page, list);

			if (++n > zone->size)
				return broken("the order-%lu free list of zone "
					      "%s is corrupt (a cycle)", order,
					      zone->name);
			if (check_free_block(zone, page, order))
				return -1;
			pages += 1UL << order;
		}
		if (n != area->nr_free)
			return broken("zone %s: free_area[%lu].nr_free is %lu "
				      "but its list holds %lu blocks",
				      zone->name, order, area->nr_free, n);
		*blocks += n;
	}
	if (pages != zone->free_pages)
		return broken("zone %s: free_pages is %lu but its free lists "
			      "hold %lu pages", zone->name, zone->free_pages,
			      pages);
	return 0;
}

/* Every page of the zone: its flags agree with one state. */
static int check_zone_pages(zone_t *zone, unsigned long blocks)
{
	unsigned long marked = 0;

	for (unsigned long i = 0; i < zone->size; i++) {
		struct page *p = zone->zone_mem_map + i;
		unsigned long lru = p->flags & PAGE_LRU_FLAGS;

		if (lru & (lru - 1))
			return broken("pfn %#lx is on two page lists (flags "
				      "%#lx)", page_to_pfn(p), p->flags);
		if (page_zone(p) != zone)
			return broken("pfn %#lx lies in zone %s but says zone "
				      "%s", page_to_pfn(p), zone->name,
				      page_zone(p) ? page_zone(p)->name : "?");
		if (PageHighMem(p) != zone_is_highmem(zone))
			return broken("pfn %#lx: PG_highmem disagrees with "
				      "zone %s", page_to_pfn(p), zone->name);
		marked += PageBuddy(p);
	}
	if (marked != blocks)
		return broken("zone %s: %lu pages are marked free blocks "
			      "(PG_buddy) but the free lists hold %lu blocks",
			      zone->name, marked, blocks);
	return 0;
}

/*
 * The allocator's and the swap areas' invariants, and with reclaim
 * also the page lists', the swap cache's and the swap slots' users
 * (mm/reclaim_debug.c), which only hold between operations.
 */
static int check_invariants(bool reclaim)
{
	char why[160];
	pg_data_t *pgdat;
	int ret = 0;
	uint32_t flags = local_irq_save();

	for_each_pgdat(pgdat) {
		for (int j = 0; j < MAX_NR_ZONES && !ret; j++) {
			zone_t *zone = &pgdat->node_zones[j];
			unsigned long blocks;

			ret = check_free_lists(zone, &blocks);
			if (!ret)
				ret = check_zone_pages(zone, blocks);
		}
		if (ret)
			break;
	}
	if (!ret && check_swap_invariants(why, sizeof(why)))
		ret = broken("%s", why);
	if (!ret && reclaim && check_reclaim_invariants(why, sizeof(why)))
		ret = broken("%s", why);
	local_irq_restore(flags);
	if (!ret)
		mm_invariant_report[0] = 0;
	return ret;
}

/* 0 if all is well; else -1 after printing the first broken invariant. */
int check_mm_invariants(void)
{
	return check_invariants(true);
}

/*
 * Debug builds stop at the first broken invariant, so that the report
 * names the first thing that went wrong and not its consequences.  A
 * student's starter tree breaks some on purpose (the buddy lab's
 * placeholder never merges free buddies), which would stop the debug
 * kernel at boot, before any of the student's code can be stepped
 * through: mm_warn reports the first one and lets the kernel go on.
 * The checker itself still answers (check_mm_invariants, the tests).
 */
bool mm_warn;
KERNEL_PARAM_FLAG(mm_warn, mm_warn,
		  "debug builds: report the first broken mm invariant and go "
		  "on, instead of panicking");

bool mm_warned;

void mm_broken(const char *after, const char *why)
{
	if (!mm_warn)
		panic("mm: broken after %s: %s (boot with mm_warn to report "
		      "it and go on)", after, why);
	if (mm_warned)
		return;
	mm_warned = true;
	printk(KERN_EMERG "mm: broken after %s: %s\n", after, why);
	printk(KERN_EMERG "mm_warn: going on; the automatic checks stop "
	       "here (tests calling check_mm_invariants() still see what "
	       "is broken)\n");
}

void mm_check_after(const char *after, bool reclaim)
{
	if (!mm_warned && check_invariants(reclaim))
		mm_broken(after, mm_invariant_report);
}

/* ------------------------------------------------------ poisoning */

#ifdef CONFIG_DEBUG
#define CHECK_EVERY	4096	/* frees between two invariant checks */

static bool poison_enabled;

/*
 * Every CHECK_EVERY frees after boot, the checker runs; a broken
 * invariant stops the machine right there, with its name
 * (mm_broken).  A free may come in the middle of a change to the
 * lists or the swap cache (or from an interrupt handler), so only the
 * allocator's and the swap areas' invariants are checked here;
 * reclaim checks the rest after each of its passes.
 */
void mm_debug_check_now_and_then(void)
{
	static unsigned long frees;

	if (!poison_enabled || ++frees % CHECK_EVERY)
		return;
	mm_check_after("a free", false);
}

/* From the end of mem_init: boot memory handed over is not "freed". */
void mm_debug_enable(void)
{
	poison_enabled = true;
}

void poison_free_pages(struct page *page, unsigned long nr)
{
	if (!poison_enabled)
		return;
	for (unsigned long i = 0; i < nr; i++) {
		uint32_t flags = local_irq_save();
		void *addr = kmap_atomic(page + i, KM_MM);

		memset(addr, PAGE_POISON, PAGE_SIZE);
		kunmap_atomic(addr, KM_MM);
		SetPagePoisoned(page + i);
		local_irq_restore(flags);
	}
}

/* Offset of the first byte that is not PAGE_POISON, or -1. */
static long first_unpoisoned(const unsigned char *p)
{
	const unsigned long *w = (const unsigned long *)p;
	unsigned long pattern = (unsigned long)-1 / 0xff * PAGE_POISON;
	long i;

	for (i = 0; i < (long)(PAGE_SIZE / sizeof(*w)); i++)
		if (w[i] != pattern)
			break;
	for (i *= sizeof(*w); i < (long)PAGE_SIZE; i++)
		if (p[i] != PAGE_POISON)
			return i;
	return -1;
}

void check_page_poison(struct page *page, unsigned long nr)
{
	for (unsigned long i = 0; i < nr; i++) {
		struct page *p = page + i;
		uint32_t flags;
		unsigned char *addr;
		long off;

		if (!TestClearPagePoisoned(p))
			continue;
		flags = local_irq_save();
		addr = kmap_atomic(p, KM_MM);
		off = first_unpoisoned(addr);
		if (off >= 0) {
			printk(KERN_EMERG "BUG: pfn %#lx was written after it "
			       "was freed: byte %#lx is %#x, not %#x\n",
			       page_to_pfn(p), off, addr[off], PAGE_POISON);
			dump_page(p);
			bad_page_count++;
		}
		kunmap_atomic(addr, KM_MM);
		local_irq_restore(flags);
	}
}
#endif
