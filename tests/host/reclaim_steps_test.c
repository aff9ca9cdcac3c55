/*
 * Each step of reclaim on its own, so that a failure names the function
 * that is wrong rather than only "memory did not get freed": every level
 * of swap_out()'s page-table walk called directly (swap_out_pmd,
 * swap_out_pgd, swap_out_vma, swap_out_mm), refill_inactive(),
 * do_try_to_free_pages(),
 * try_to_free_pages() and lookup_swap_cache().  The walk's levels call
 * each other, so a broken lower level also fails the cases above it:
 * the lowest failing case names the culprit.  On the host machine of
 * tests/host/reclaim_machine.c: nothing else runs, no kswapd.
 */
#include "kernel/sched.h"
#include "lib/ktest.h"
#include "mm/internal.h"
#include "mm/pagemap.h"
#include "mm/vmscan.h"
#include "mm/vmstat.h"
#include "tests/common/reclaim_machine.h"
#include "tests/host/ramdisk.h"
#include "tests/host/test_mm.h"

/* Maps pages [0, n) of tm unused since long ago (age 0, not accessed). */
static bool map_old_pages(struct ktest *t, struct test_mm *tm, unsigned int n)
{
	if (!test_mm_init(t, tm, n))
		return false;
	for (unsigned int i = 0; i < n; i++) {
		struct page *page = test_mm_map(t, tm, i, 0);

		if (!page)
			return false;
		page->age = 0;
	}
	return true;
}

/* Which of pages [0, n) no longer have a present PTE, as a bit mask. */
static unsigned long unmapped_mask(struct test_mm *tm, unsigned int n)
{
	unsigned long mask = 0;

	for (unsigned int i = 0; i < n; i++)
		if (!pte_present(*test_mm_pte(tm, i)))
			mask |= 1UL << i;
	return mask;
}

/* The walk cases use an address space of WALK_PAGES old pages. */
#define WALK_PAGES	8

/*
 * Fails t, naming fn, unless exactly the pages of `want` are unmapped
 * and the walk returned want_ret (1: the budget is spent, stop).
 */
static void expect_walk(struct ktest *t, const char *fn, struct test_mm *tm,
			unsigned long want, int ret, int want_ret,
			const char *why)
{
	unsigned long got = unmapped_mask(tm, WALK_PAGES);

	if (got != want || ret != want_ret)
		ktest_fail(t, __FILE__, __LINE__,
			   "%s: unmapped pages %#lx and returned %d, expected "
			   "%#lx and %d (bit i: page i; 1: budget spent): %s",
			   fn, got, ret, want, want_ret, why);
}

/* ------------------------------------------------ the walk, level by level */

/*
 * swap_out_pmd looks at each PTE from address on, one unit of swap_cnt
 * each, stops when the budget is spent (returning 1) and leaves
 * swap_address just past the last PTE it looked at.
 */
static void swap_out_pmd_stops_when_the_budget_is_spent(struct ktest *t)
{
	struct test_mm tm;
	pgd_t *pgd;
	int ret;

	KTEST_ASSERT_TRUE(t, map_old_pages(t, &tm, WALK_PAGES));
	pgd = pgd_offset(&tm.mm, TEST_MM_BASE);
	tm.mm.swap_cnt = 3;
	ret = swap_out_pmd(&tm.mm, &tm.vma, pmd_offset(pgd, test_mm_addr(2)),
			   test_mm_addr(2), test_mm_addr(8), GFP_KSWAPD);
	expect_walk(t, "swap_out_pmd", &tm, 0x1c, ret, 1,
		    "from address (page 2) on, one PTE per unit of budget");
	KTEST_EXPECT_EQ(t, tm.mm.swap_cnt, 0);
	if (tm.mm.swap_address != test_mm_addr(5))
		ktest_fail(t, __FILE__, __LINE__,
			   "swap_out_pmd: swap_address %#lx, expected %#lx "
			   "(just past the last PTE looked at, where the next "
			   "walk resumes)", tm.mm.swap_address, test_mm_addr(5));
	test_mm_exit(&tm);
}

/* swap_out_pgd hands its page table's part of the range to swap_out_pmd. */
static void swap_out_pgd_walks_its_page_table(struct ktest *t)
{
	struct test_mm tm;
	int ret;

	KTEST_ASSERT_TRUE(t, map_old_pages(t, &tm, WALK_PAGES));
	tm.mm.swap_cnt = 100;
	ret = swap_out_pgd(&tm.mm, &tm.vma, pgd_offset(&tm.mm, TEST_MM_BASE),
			   test_mm_addr(1), test_mm_addr(8), GFP_KSWAPD);
	expect_walk(t, "swap_out_pgd", &tm, 0xfe, ret, 0,
		    "every page of [address, end) in its page table");
	test_mm_exit(&tm);
}

/* swap_out_vma walks the VMA from address to its end, and stops on budget. */
static void swap_out_vma_walks_from_address_to_its_end(struct ktest *t)
{
	struct test_mm tm;
	int ret;

	KTEST_ASSERT_TRUE(t, map_old_pages(t, &tm, WALK_PAGES));
	tm.mm.swap_cnt = 100;
	ret = swap_out_vma(&tm.mm, &tm.vma, test_mm_addr(5), GFP_KSWAPD);
	expect_walk(t, "swap_out_vma", &tm, 0xe0, ret, 0,
		    "pages 5 to the VMA's end, none before address");
	tm.mm.swap_cnt = 2;
	ret = swap_out_vma(&tm.mm, &tm.vma, test_mm_addr(0), GFP_KSWAPD);
	expect_walk(t, "swap_out_vma", &tm, 0xe3, ret, 1,
		    "a budget of 2 stops the walk after pages 0 and 1");
	test_mm_exit(&tm);
}

/*
 * swap_out_mm resumes at swap_address, where the last walk stopped,
 * and after the last VMA starts over: swap_address and swap_cnt 0.
 */
static void swap_out_mm_resumes_where_the_last_walk_stopped(struct ktest *t)
{
	struct test_mm tm;
	int ret;

	KTEST_ASSERT_TRUE(t, map_old_pages(t, &tm, WALK_PAGES));
	tm.mm.swap_address = test_mm_addr(3);
	tm.mm.swap_cnt = 2;
	ret = swap_out_mm(&tm.mm, GFP_KSWAPD);
	expect_walk(t, "swap_out_mm", &tm, 0x18, ret, 1,
		    "resuming at swap_address (page 3), budget 2");
	tm.mm.swap_cnt = 100;
	ret = swap_out_mm(&tm.mm, GFP_KSWAPD);
	expect_walk(t, "swap_out_mm", &tm, 0xf8, ret, 0,
		    "going on from page 5 to the end");
	if (tm.mm.swap_address || tm.mm.swap_cnt)
		ktest_fail(t, __FILE__, __LINE__,
			   "swap_out_mm: after the last VMA swap_address is "
			   "%#lx and swap_cnt %lu; expected 0 and 0 (the next "
			   "walk starts over with a new budget)",
			   tm.mm.swap_address, (unsigned long)tm.mm.swap_cnt);
	test_mm_exit(&tm);
}

/* ------------------------------------------------ the reclaim round */

/*
 * refill_inactive, with memory short and only old mapped pages about
 * (the active list is empty), must take pages from processes
 * (swap_out) and say it did something.
 */
static void refill_inactive_takes_pages_from_processes(struct ktest *t)
{
	struct test_mm tm;
	int ret;

	KTEST_ASSERT_TRUE(t, map_old_pages(t, &tm, 16));
	test_mm_make_free_shortage();
	ret = refill_inactive(GFP_KSWAPD, 1);
	test_mm_end_free_shortage();
	if (ret != 1 || !unmapped_mask(&tm, 16) || !nr_inactive_dirty_pages)
		ktest_fail(t, __FILE__, __LINE__,
			   "refill_inactive: returned %d, unmapped %#lx, %lu "
			   "pages inactive-dirty; expected 1 and some pages "
			   "taken from the process onto inactive_dirty_list",
			   ret, unmapped_mask(&tm, 16),
			   nr_inactive_dirty_pages);
	test_mm_exit(&tm);
}

/*
 * refill_inactive goes round again while memory stays short (2.4.0's
 * rounds from priority 6 down to 0): pages used a little while ago
 * (age 4, no accessed bit) lose half their age at each walk and can go
 * only at the third, so a first round finds nothing, and it is the
 * later rounds that must take them.
 */
static void refill_inactive_goes_round_again_while_memory_is_short(
	struct ktest *t)
{
	struct test_mm tm;
	int ret;

	KTEST_ASSERT_TRUE(t, map_old_pages(t, &tm, 16));
	for (unsigned int i = 0; i < 16; i++)
		pte_page(*test_mm_pte(&tm, i))->age = 4;
	test_mm_make_free_shortage();
	ret = refill_inactive(GFP_KSWAPD, 1);
	test_mm_end_free_shortage();
	if (ret != 1 || !unmapped_mask(&tm, 16))
		ktest_fail(t, __FILE__, __LINE__,
			   "refill_inactive: returned %d and unmapped %#lx of "
			   "16 pages at age 4 (each walk halves the age: they "
			   "can go at the third); expected 1 and some unmapped: "
			   "a round that finds nothing must be followed by "
			   "another while memory is short", ret,
			   unmapped_mask(&tm, 16));
	test_mm_exit(&tm);
}

/*
 * refill_inactive when the active list holds only pages a process
 * still maps, unreferenced and at age 0 (an extra reference stands for
 * the mapping; the test process's PTEs hold swap entries, so the walk
 * finds nothing to take): every round finds nothing.  Each of the
 * seven rounds (priority 6 to 0) looks at 1/64 of the list (none of
 * the 48 pages the swap area has room for), then one look at the whole
 * list: 48 looks.  2.4.0's rounds look at nr_active_pages >> priority,
 * 0 + 1 + 3 + 6 + 12 + 24 + 48, and then at all 48 again: 142 looks,
 * all of them at pages only swap_out can take (the departure in
 * refill_inactive's comment).
 */
enum { N_MAPPED = 48 };

/* N_MAPPED pages on the active list, mapped (an extra reference), at
 * age 0, the process's PTEs holding swap entries; both shortages. */
static bool only_mapped_pages(struct ktest *t, struct test_mm *tm,
			      struct page **p)
{
	if (!test_mm_swapped(t, tm, N_MAPPED, p))
		return false;
	for (int i = 0; i < N_MAPPED; i++) {
		activate_page(p[i]);
		p[i]->age = 0;
		get_page(p[i]);		/* as if a process mapped it */
	}
	test_mm_make_free_shortage();
	return true;
}

static void end_only_mapped_pages(struct ktest *t, struct test_mm *tm,
				  struct page **p)
{
	test_mm_end_free_shortage();
	for (int i = 0; i < N_MAPPED; i++) {
		KTEST_EXPECT_TRUE(t, PageActive(p[i]));
		put_page(p[i]);
	}
	test_mm_exit(tm);
}

static void refill_inactive_looks_once_at_pages_only_the_walk_can_take(
	struct ktest *t)
{
	enum { N = N_MAPPED, ROUNDS = 7, WANT = ROUNDS * (N >> 6) + N };
	struct page *p[N];
	unsigned long looks;
	struct test_mm tm;

	KTEST_ASSERT_TRUE(t, only_mapped_pages(t, &tm, p));
	if (!free_shortage() || !inactive_shortage()) {
		ktest_fail(t, __FILE__, __LINE__,
			   "setup: both shortages must hold, so that "
			   "refill_inactive goes through all its rounds");
	} else {
		looks = vm_events[PGREFILL];
		refill_inactive(GFP_KSWAPD, 1);
		looks = vm_events[PGREFILL] - looks;
		if (looks != WANT)
			ktest_fail(t, __FILE__, __LINE__,
				   "refill_inactive: %lu looks at the active "
				   "list of %d mapped pages at age 0; expected "
				   "%d: 1/64 in each of %d rounds, then the "
				   "whole list once (2.4.0's rounds look at "
				   "more and more of it: 142)", looks, N, WANT,
				   ROUNDS);
	}
	end_only_mapped_pages(t, &tm, p);
}

/*
 * Where there is nothing to take (the case above), a round of reclaim
 * says so: refill_inactive 0, and do_try_to_free_pages 0, which
 * try_to_free_pages hands to __alloc_pages (retrying is pointless).
 * A stub that does the work but always answers 1 passed every test.
 */
static void a_round_that_finds_nothing_says_so(struct ktest *t)
{
	struct page *p[N_MAPPED];
	struct test_mm tm;

	KTEST_ASSERT_TRUE(t, only_mapped_pages(t, &tm, p));
	KTEST_EXPECT_EQ(t, refill_inactive(GFP_KSWAPD, 1), 0);
	KTEST_EXPECT_EQ(t, do_try_to_free_pages(GFP_KSWAPD, 1), 0);
	end_only_mapped_pages(t, &tm, p);
}

/*
 * do_try_to_free_pages in a free shortage: page_launder writes the
 * dirty inactive pages (two already in the swap cache), refill_inactive
 * takes more from the process; it reports what it did.
 */
static void do_try_to_free_pages_launders_and_refills(struct ktest *t)
{
	unsigned long queued;
	struct test_mm tm;
	int ret;

	KTEST_ASSERT_TRUE(t, map_old_pages(t, &tm, 16));
	KTEST_ASSERT_NOT_NULL(t, test_mm_swap_out(t, &tm, 0));
	KTEST_ASSERT_NOT_NULL(t, test_mm_swap_out(t, &tm, 1));
	test_mm_make_free_shortage();
	ret = do_try_to_free_pages(GFP_KSWAPD, 0);
	queued = ramdisk_queued(swap_info[0].bdev);
	test_mm_end_free_shortage();
	if (ret <= 0 || !queued || unmapped_mask(&tm, 16) == 0x3)
		ktest_fail(t, __FILE__, __LINE__,
			   "do_try_to_free_pages: returned %d, %lu write "
			   "requests queued, unmapped %#lx; expected > 0, "
			   "the dirty pages written (page_launder) and more "
			   "pages than 0 and 1 unmapped (refill_inactive)",
			   ret, queued, unmapped_mask(&tm, 16));
	ramdisk_run();
	test_mm_exit(&tm);
}

/*
 * try_to_free_pages, for a caller that may wait (but not start I/O),
 * reclaims as PF_MEMALLOC and reports how much: 0 would tell
 * __alloc_pages that retrying is pointless.
 */
static void try_to_free_pages_reports_what_it_did(struct ktest *t)
{
	struct test_mm tm;
	int ret;

	KTEST_ASSERT_TRUE(t, map_old_pages(t, &tm, 16));
	test_mm_make_free_shortage();
	current->flags &= ~PF_MEMALLOC;
	ret = try_to_free_pages(__GFP_WAIT);
	test_mm_end_free_shortage();
	if (ret <= 0 || !unmapped_mask(&tm, 16))
		ktest_fail(t, __FILE__, __LINE__,
			   "try_to_free_pages: returned %d and unmapped %#lx "
			   "with old pages to take; expected > 0 after a "
			   "round of do_try_to_free_pages", ret,
			   unmapped_mask(&tm, 16));
	if (current->flags & PF_MEMALLOC)
		ktest_fail(t, __FILE__, __LINE__,
			   "try_to_free_pages: PF_MEMALLOC left set after "
			   "reclaiming: it must be restored as it was");
	test_mm_exit(&tm);
}

/* ------------------------------------------------ swap-in */

/*
 * lookup_swap_cache finds a page in the cache for do_swap_page, with a
 * reference for the caller, and ages it up (2.4.0's page-cache lookups
 * call age_page_up), so reclaim does not take it straight back.
 */
static void lookup_swap_cache_ages_the_page_up(struct ktest *t)
{
	struct page *page, *found;
	unsigned int count;
	struct test_mm tm;

	KTEST_ASSERT_TRUE(t, map_old_pages(t, &tm, 1));
	page = test_mm_swap_out(t, &tm, 0);
	KTEST_ASSERT_NOT_NULL(t, page);
	count = page_count(page);
	KTEST_ASSERT_EQ(t, page->age, 0);
	found = lookup_swap_cache((swp_entry_t){ page->index });
	if (found != page) {
		ktest_fail(t, __FILE__, __LINE__,
			   "lookup_swap_cache: did not find the cached page "
			   "of its entry");
		test_mm_exit(&tm);
		return;
	}
	KTEST_EXPECT_EQ(t, page_count(page), count + 1);
	if (page->age != PAGE_AGE_START + PAGE_AGE_ADV || !PageActive(page))
		ktest_fail(t, __FILE__, __LINE__,
			   "lookup_swap_cache: the page found has age %u and "
			   "is %sactive; age_page_up makes a page of age 0 "
			   "active at age %d: else reclaim takes it straight "
			   "back", page->age, PageActive(page) ? "" : "not ",
			   PAGE_AGE_START + PAGE_AGE_ADV);
	page_cache_release(found);
	test_mm_exit(&tm);
}

static const struct ktest_case reclaim_steps_cases[] = {
	KTEST_CASE(swap_out_pmd_stops_when_the_budget_is_spent),
	KTEST_CASE(swap_out_pgd_walks_its_page_table),
	KTEST_CASE(swap_out_vma_walks_from_address_to_its_end),
	KTEST_CASE(swap_out_mm_resumes_where_the_last_walk_stopped),
	KTEST_CASE(refill_inactive_takes_pages_from_processes),
	KTEST_CASE(refill_inactive_goes_round_again_while_memory_is_short),
	KTEST_CASE(refill_inactive_looks_once_at_pages_only_the_walk_can_take),
	KTEST_CASE(a_round_that_finds_nothing_says_so),
	KTEST_CASE(do_try_to_free_pages_launders_and_refills),
	KTEST_CASE(try_to_free_pages_reports_what_it_did),
	KTEST_CASE(lookup_swap_cache_ages_the_page_up),
};
KTEST_SUITE_INIT_EXIT(host_reclaim_steps, reclaim_steps_cases,
		      reclaim_machine_up, reclaim_machine_down);
