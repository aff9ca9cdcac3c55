/*
 * The buddy allocator on the machine's real memory: split and merge,
 * zones, the reserve, exhaustion, bad frees.  Each case leaves the
 * allocator as it found it, which the cases check themselves
 * (same free blocks per order, invariants hold).
 */
#include "kernel/kernel.h"
#include "kernel/ksyms.h"
#include "kernel/sched.h"
#include "kernel/x86.h"
#include "lib/ktest.h"
#include "mm/debug.h"
#include "mm/internal.h"
#include "mm/swap.h"
#include "mm/vmstat.h"
#include "tests/common/buddy_model.h"
#include "tests/common/mm_snapshot.h"
#include "tests/kernel/ktest_pages.h"

/* tests/common/buddy_model_test.c runs on the real memory here. */
bool buddy_model_machine(void)
{
	return true;
}

void buddy_model_done(void)
{
}

static bool same_snapshot(struct ktest *t, const struct mm_snapshot *a)
{
	if (mm_snapshot_equal(a))
		return true;
	ktest_log(t, "free lists differ from the starting state");
	return false;
}

/* Allocate and free every order: everything merges back. */
static void every_order_merges_back(struct ktest *t)
{
	struct mm_snapshot before;

	mm_snapshot(&before);
	for (unsigned long order = 0; order < MAX_ORDER; order++) {
		struct page *page = alloc_pages(GFP_KERNEL, order);

		KTEST_ASSERT_NOT_NULL(t, page);
		KTEST_EXPECT_EQ(t, page_count(page), 1);
		KTEST_EXPECT_FALSE(t, PageBuddy(page));
		KTEST_EXPECT_EQ(t, page_to_pfn(page) &
				((1UL << order) - 1), 0);
		__free_pages(page, order);
	}
	KTEST_EXPECT_TRUE(t, same_snapshot(t, &before));
	KTEST_EXPECT_EQ(t, check_mm_invariants(), 0);
}

/* The zone GFP_KERNEL tries first. */
static zone_t *first_zone(void)
{
	return NODE_DATA(numa_node_id())->node_zonelists[ZONE_NORMAL].zones[0];
}

/*
 * rmqueue of order k, with order k empty and order h > k the first
 * non-empty one: order h loses a block, orders k .. h-1 gain one each
 * (the halves expand() put back).  Freeing merges it all back.
 */
static void split_leaves_one_block_per_order(struct ktest *t)
{
	zone_t *z = first_zone();
	unsigned long counts[MAX_ORDER];
	struct mm_snapshot before;
	int k = 0, h;
	struct page *page;

	while (k < MAX_ORDER - 1 && z->free_area[k].nr_free)
		k++;
	for (h = k + 1; h < MAX_ORDER && !z->free_area[h].nr_free; h++)
		;
	if (h >= MAX_ORDER) {
		ktest_skip(t, "no empty order below a non-empty one");
		return;
	}
	mm_snapshot(&before);
	for (int o = 0; o < MAX_ORDER; o++)
		counts[o] = z->free_area[o].nr_free;
	page = rmqueue(z, k);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_EQ(t, z->free_area[h].nr_free, counts[h] - 1);
	for (int o = k; o < h; o++)
		KTEST_EXPECT_EQ(t, z->free_area[o].nr_free, counts[o] + 1);
	__free_pages(page, k);
	KTEST_EXPECT_TRUE(t, same_snapshot(t, &before));
	ktest_log(t, "order %d taken from an order-%d block", k, h);
}

static void dma_requests_come_from_zone_dma(struct ktest *t)
{
	struct page *page = alloc_pages(GFP_KERNEL | GFP_DMA, 2);

	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_EQ(t, zone_idx(page_zone(page)), ZONE_DMA);
	KTEST_EXPECT_LT(t, page_to_pfn(page) + 4, MAX_DMA_PFN + 1);
	__free_pages(page, 2);
}

static void get_zeroed_page_is_zero(struct ktest *t)
{
	unsigned long addr = __get_free_page(GFP_KERNEL);
	unsigned char *p;

	KTEST_ASSERT_NE(t, addr, 0);
	memset((void *)addr, 0xa5, PAGE_SIZE);
	free_page(addr);
	/* LIFO lists: the same page is very likely handed out again. */
	p = (unsigned char *)get_zeroed_page(GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	for (unsigned i = 0; i < PAGE_SIZE; i++)
		if (p[i]) {
			KTEST_EXPECT_EQ(t, p[i], 0);
			break;
		}
	free_page((unsigned long)p);
}

/* Takes every page the request may have; returns the chain. */
static struct page *grab_all(unsigned int gfp, unsigned long *n)
{
	struct page *head = NULL, *page;

	*n = 0;
	while ((page = alloc_pages(gfp, 0))) {
		hold_page(&head, page);
		(*n)++;
	}
	return head;
}

/*
 * Without PF_MEMALLOC an allocation stops when each zone of its list
 * is below pages_min / 4: each keeps pages_min / 4 - 1 pages.  A
 * PF_MEMALLOC task may take those too.  Then alloc_pages says NULL.
 */
static void exhaustion_keeps_the_reserve(struct ktest *t)
{
	zonelist_t *zl = &NODE_DATA(numa_node_id())->node_zonelists[
		ZONE_NORMAL];
	unsigned long free = nr_free_pages(), n, n2;
	unsigned long wakeups = vm_events[KSWAPD_WAKEUP];
	struct mm_snapshot before;
	struct page *a, *b;

	mm_snapshot(&before);
	a = grab_all(GFP_KERNEL, &n);
	for (zone_t **zp = zl->zones; *zp; zp++)
		KTEST_EXPECT_EQ(t, (*zp)->free_pages,
				(*zp)->pages_min / 4 - 1);
	KTEST_EXPECT_GT(t, vm_events[KSWAPD_WAKEUP], wakeups);
	current->flags |= PF_MEMALLOC;
	b = grab_all(GFP_KERNEL, &n2);
	current->flags &= ~PF_MEMALLOC;
	for (zone_t **zp = zl->zones; *zp; zp++)
		KTEST_EXPECT_EQ(t, (*zp)->free_pages, 0);
	KTEST_EXPECT_NULL(t, alloc_pages(GFP_ATOMIC, 0));
	free_held_pages(b);
	free_held_pages(a);
	KTEST_EXPECT_EQ(t, nr_free_pages(), free);
	KTEST_EXPECT_TRUE(t, same_snapshot(t, &before));
	ktest_log(t, "%lu pages, then %lu more with PF_MEMALLOC", n, n2);
}

/*
 * kswapd's wake-ups in one GFP_KERNEL allocation made while `dirty`
 * more pages than there are stand on inactive_dirty_list.  Interrupts
 * stay off, so nothing but the allocation sees the count raised.
 */
static unsigned long kswapd_wakeups_with_dirty(unsigned long dirty)
{
	unsigned long before = vm_events[KSWAPD_WAKEUP];
	uint32_t flags = local_irq_save();
	struct page *page;

	nr_inactive_dirty_pages += dirty;
	page = alloc_page(GFP_KERNEL);
	nr_inactive_dirty_pages -= dirty;
	local_irq_restore(flags);
	if (page)
		__free_page(page);
	return vm_events[KSWAPD_WAKEUP] - before;
}

/*
 * 2.4.0's __alloc_pages() wakes bdflush when memory is short, no
 * inactive pages are missing, and dirty inactive pages outnumber the
 * shortage; Pagoda's wakeup_bdflush() wakes kswapd, whose
 * page_launder() writes them.  ZONE_DMA is drained below pages_min (a
 * free shortage) while ZONE_NORMAL still serves the request at once,
 * and the dirty pages are freepages.high more counted: kswapd is woken
 * once.  The same request without them wakes nobody.
 */
static void dirty_pages_wake_kswapd_through_bdflush(struct ktest *t)
{
	unsigned long n;
	struct page *dma = grab_all(GFP_DMA, &n);

	if (free_shortage() <= 0 || inactive_shortage() > 0)
		ktest_fail(t, __FILE__, __LINE__, "with ZONE_DMA drained "
			   "(%lu pages taken): free_shortage %d, "
			   "inactive_shortage %d; this case needs a free "
			   "shortage and no inactive one", n, free_shortage(),
			   inactive_shortage());
	KTEST_EXPECT_EQ(t, kswapd_wakeups_with_dirty(0), 0);
	if (kswapd_wakeups_with_dirty(freepages.high) != 1)
		ktest_fail(t, __FILE__, __LINE__, "__alloc_pages with %lu "
			   "dirty inactive pages and a free shortage of %d "
			   "did not wake kswapd once through wakeup_bdflush",
			   freepages.high, free_shortage());
	free_held_pages(dma);
}

/*
 * inactive_shortage() is what free, clean and dirty inactive pages
 * lack of freepages.high + inactive_target(): raised high makes a
 * shortage, and each page counted free, clean or dirty takes one off.
 * The counts are moved by hand with interrupts off (nothing allocates
 * meanwhile) and put back.
 */
static void inactive_shortage_counts_free_clean_and_dirty(struct ktest *t)
{
	zone_t *z = first_zone();
	unsigned long high = freepages.high;
	uint32_t flags = local_irq_save();
	int base, free, clean, dirty;

	freepages.high += nr_free_pages() + nr_inactive_clean_pages() +
			  nr_inactive_dirty_pages + 100;
	base = inactive_shortage();
	z->free_pages += 7;
	free = inactive_shortage();
	z->free_pages -= 7;
	z->inactive_clean_pages += 5;
	clean = inactive_shortage();
	z->inactive_clean_pages -= 5;
	nr_inactive_dirty_pages += 3;
	dirty = inactive_shortage();
	nr_inactive_dirty_pages -= 3;
	freepages.high = high;
	local_irq_restore(flags);
	KTEST_EXPECT_GE(t, base, 100);
	KTEST_EXPECT_EQ(t, base - free, 7);
	KTEST_EXPECT_EQ(t, base - clean, 5);
	KTEST_EXPECT_EQ(t, base - dirty, 3);
}

static bool reserved_range(unsigned long start_pfn, unsigned long end_pfn)
{
	for (unsigned long pfn = start_pfn; pfn < end_pfn; pfn++)
		if (!PageReserved(pfn_to_page(pfn)))
			return false;
	return true;
}

/*
 * What bootmem kept never reached the buddy allocator: the first MiB,
 * the kernel image and mem_map itself stay PG_reserved.
 */
static void boot_reservations_hold(struct ktest *t)
{
	extern char _kernel_start_phys[], _end[];
	unsigned long map = __pa(mem_map) >> PAGE_SHIFT;
	unsigned long map_end = PAGE_ALIGN(__pa(mem_map + max_mapnr)) >>
				PAGE_SHIFT;
	struct page *page = alloc_page(GFP_KERNEL);

	KTEST_EXPECT_TRUE(t, reserved_range(0, (1UL << 20) >> PAGE_SHIFT));
	KTEST_EXPECT_TRUE(t, reserved_range(
		(unsigned long)_kernel_start_phys >> PAGE_SHIFT,
		PAGE_ALIGN(__pa(_end)) >> PAGE_SHIFT));
	KTEST_EXPECT_TRUE(t, reserved_range(map, map_end));
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_FALSE(t, PageReserved(page));
	__free_page(page);
}

static void too_large_an_order_is_refused(struct ktest *t)
{
	KTEST_EXPECT_NULL(t, alloc_pages(GFP_KERNEL, MAX_ORDER));
	KTEST_EXPECT_EQ(t, __get_free_pages(GFP_KERNEL, 40), 0);
}

/*
 * The reports a deliberate bad free prints start with "BUG:", which
 * the test runner takes for a crash: they go to the log only.
 */
static unsigned int quiet(void)
{
	unsigned int level = console_loglevel;

	console_loglevel = 0;
	return level;
}

/* The caller named in the last report is the function fn. */
static bool reported_caller_is(const char *fn)
{
	unsigned long off, size;
	const char *name = ksym_lookup((unsigned long)last_bad_page.caller,
				       &off, &size);

	return name && !strcmp(name, fn);
}

/* Freed twice, or still in use: reported, and the lists stay intact. */
static void bad_frees_are_caught(struct ktest *t)
{
	struct page *page = alloc_pages(GFP_KERNEL, 0);
	unsigned long bad = bad_page_count, free;
	unsigned int level;

	KTEST_ASSERT_NOT_NULL(t, page);
	__free_page(page);
	free = nr_free_pages();
	level = quiet();
	__free_page(page);				/* twice */
	console_loglevel = level;
	KTEST_EXPECT_EQ(t, bad_page_count, bad + 1);
	KTEST_EXPECT_PTR_EQ(t, last_bad_page.page, page);
	KTEST_EXPECT_NOT_NULL(t, strstr(last_bad_page.reason, "twice"));
	KTEST_EXPECT_TRUE(t, reported_caller_is("bad_frees_are_caught"));
	KTEST_EXPECT_EQ(t, nr_free_pages(), free);
	KTEST_EXPECT_EQ(t, check_mm_invariants(), 0);

	page = alloc_pages(GFP_KERNEL, 0);
	KTEST_ASSERT_NOT_NULL(t, page);
	SetPageActive(page);				/* "on a list" */
	level = quiet();
	__free_page(page);
	console_loglevel = level;
	KTEST_EXPECT_EQ(t, bad_page_count, bad + 2);
	KTEST_EXPECT_NOT_NULL(t, strstr(last_bad_page.reason, "in use"));
	KTEST_EXPECT_EQ(t, page_count(page), 1);	/* left alone */
	ClearPageActive(page);
	__free_page(page);
	KTEST_EXPECT_EQ(t, bad_page_count, bad + 2);
	KTEST_EXPECT_EQ(t, nr_free_pages(), free);
	free_pages(PAGE_OFFSET + 123, 0);		/* not a page */
	KTEST_EXPECT_EQ(t, nr_free_pages(), free);
	KTEST_EXPECT_EQ(t, check_mm_invariants(), 0);
}

/* The checker names a broken invariant, and says all is well again. */
static void checker_names_a_broken_invariant(struct ktest *t)
{
	zone_t *z = first_zone();

	KTEST_ASSERT_EQ(t, check_mm_invariants(), 0);
	z->free_pages++;
	KTEST_EXPECT_EQ(t, check_mm_invariants(), -1);
	KTEST_EXPECT_NOT_NULL(t, strstr(mm_invariant_report, "free_pages"));
	z->free_pages--;
	KTEST_EXPECT_EQ(t, check_mm_invariants(), 0);
}

#ifdef CONFIG_DEBUG
/* Debug builds: freed pages hold PAGE_POISON; a later write is caught. */
static void write_after_free_is_caught(struct ktest *t)
{
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned long bad = bad_page_count;
	unsigned char *p;
	unsigned int level;

	KTEST_ASSERT_NOT_NULL(t, page);
	p = page_address(page);
	__free_page(page);
	KTEST_EXPECT_TRUE(t, PagePoisoned(page));
	KTEST_EXPECT_EQ(t, p[0], PAGE_POISON);
	KTEST_EXPECT_EQ(t, p[PAGE_SIZE - 1], PAGE_POISON);
	p[7] = 0;					/* use after free */
	level = quiet();
	KTEST_EXPECT_PTR_EQ(t, alloc_page(GFP_KERNEL), page);	/* LIFO */
	console_loglevel = level;
	KTEST_EXPECT_EQ(t, bad_page_count, bad + 1);
	KTEST_EXPECT_FALSE(t, PagePoisoned(page));
	__free_page(page);
}
#endif

static const struct ktest_case page_alloc_cases[] = {
	KTEST_CASE(every_order_merges_back),
	KTEST_CASE(split_leaves_one_block_per_order),
	KTEST_CASE(dma_requests_come_from_zone_dma),
	KTEST_CASE(get_zeroed_page_is_zero),
	KTEST_CASE(exhaustion_keeps_the_reserve),
	KTEST_CASE(dirty_pages_wake_kswapd_through_bdflush),
	KTEST_CASE(inactive_shortage_counts_free_clean_and_dirty),
	KTEST_CASE(boot_reservations_hold),
	KTEST_CASE(too_large_an_order_is_refused),
	KTEST_CASE(bad_frees_are_caught),
	KTEST_CASE(checker_names_a_broken_invariant),
#ifdef CONFIG_DEBUG
	KTEST_CASE(write_after_free_is_caught),
#endif
};
KTEST_SUITE(mm_page_alloc, page_alloc_cases);
