/*
 * mm/vmscan.c's decisions on the host, where nothing else runs: no
 * kswapd, no other process, and a disk that finishes its requests only
 * when the test lets it (tests/host/ramdisk.h).  So each case can set
 * up exactly the pages it wants, call one function, and check every
 * page's list, flags, counts and bytes, and the disk's requests.
 * (The kernel's reclaim suite makes the same calls on a running
 * kernel, with a real disk.)
 *
 * Pages get into reclaim the seed's way: mapped in an address space
 * (tests/host/test_mm.h), then unmapped by try_to_swap_out into the
 * swap cache, dirty, on inactive_dirty_list.
 */
#include "lib/ktest.h"
#include "kernel/time.h"
#include "lib/string.h"
#include "mm/debug.h"
#include "mm/filemap.h"
#include "mm/internal.h"
#include "mm/pagemap.h"
#include "mm/vmscan.h"
#include "mm/vmstat.h"
#include "tests/common/reclaim_machine.h"
#include "tests/host/kernel_shim.h"
#include "tests/host/ramdisk.h"
#include "tests/host/test_mm.h"

/* ------------------------------------------------ helpers */

static swp_entry_t entry_of(struct page *page)
{
	return (swp_entry_t){ page->index };
}

/* The slot's contents on the disk are what page i was filled with. */
static bool on_disk_intact(struct page *page, unsigned int i)
{
	struct swap_info_struct *p = &swap_info[SWP_TYPE(entry_of(page))];

	return test_mm_intact(ramdisk_page(p->bdev, SWP_OFFSET(entry_of(page))),
			      i);
}

/* Maps page i unused since long ago: no accessed bit, age 0. */
static void map_old(struct ktest *t, struct test_mm *tm, unsigned int i)
{
	struct page *page = test_mm_map(t, tm, i, 0);

	if (page)
		page->age = 0;
}

/* One write pass, as when memory is short, and the disk finishing it:
 * the written pages, clean and unused, are on inactive_clean_list. */
static void write_dirty_pages(void)
{
	test_mm_make_free_shortage();
	page_launder(GFP_KSWAPD, 0);
	test_mm_end_free_shortage();
	ramdisk_run();
}

/*
 * The same, with someone holding each of the n pages p[] for a moment
 * while its write completes (a waiter on the page): the completion
 * then puts it back on inactive_dirty_list, clean, for page_launder()
 * to sort (putback_written_page()).
 */
static void write_dirty_pages_held(struct page **p, int n)
{
	test_mm_make_free_shortage();
	page_launder(GFP_KSWAPD, 0);
	test_mm_end_free_shortage();
	for (int i = 0; i < n; i++)
		get_page(p[i]);
	ramdisk_run();
	for (int i = 0; i < n; i++)
		put_page(p[i]);
}

/* ------------------------------------------------ swap_out */

/* swap_out() walks the mm with the most budget left, and only it. */
static void swap_out_takes_from_the_largest_budget(struct ktest *t)
{
	struct test_mm a, b;

	KTEST_ASSERT_TRUE(t, test_mm_init(t, &a, 4));
	KTEST_ASSERT_TRUE(t, test_mm_init(t, &b, 4));
	for (unsigned int i = 0; i < 4; i++) {
		map_old(t, &a, i);
		map_old(t, &b, i);
	}
	a.mm.swap_cnt = 1;
	b.mm.swap_cnt = 3;
	KTEST_EXPECT_EQ(t, swap_out(6, GFP_KSWAPD), 3);
	KTEST_EXPECT_EQ(t, a.mm.rss, 4);
	KTEST_EXPECT_EQ(t, b.mm.rss, 1);
	KTEST_EXPECT_EQ(t, b.mm.swap_cnt, 0);
	KTEST_EXPECT_EQ(t, b.mm.swap_address, test_mm_addr(3));
	KTEST_EXPECT_TRUE(t, pte_present(*test_mm_pte(&b, 3)));
	KTEST_EXPECT_EQ(t, swapper_space.nrpages, 3);
	test_mm_exit(&a);
	test_mm_exit(&b);
}

/*
 * swap_out() walks one address space per call, at every priority, even
 * when that walk unmaps nothing (2.4.0's loop ends after one walk): the
 * chosen mm's pages are all young, the other's all old, and the other
 * is not touched.
 */
static void swap_out_walks_one_mm_per_call(struct ktest *t)
{
	struct test_mm busy, idle;

	KTEST_ASSERT_TRUE(t, test_mm_init(t, &busy, 4));
	KTEST_ASSERT_TRUE(t, test_mm_init(t, &idle, 4));
	for (unsigned int i = 0; i < 4; i++) {
		test_mm_map(t, &busy, i, _PAGE_ACCESSED);
		map_old(t, &idle, i);
	}
	busy.mm.swap_cnt = 8;
	idle.mm.swap_cnt = 4;
	KTEST_EXPECT_EQ(t, swap_out(0, GFP_KSWAPD), 0);
	KTEST_EXPECT_EQ(t, busy.mm.rss, 4);
	KTEST_EXPECT_EQ(t, busy.mm.swap_cnt, 0);	/* walked to its end */
	KTEST_EXPECT_EQ(t, idle.mm.rss, 4);
	KTEST_EXPECT_EQ(t, idle.mm.swap_cnt, 4);	/* not looked at */
	KTEST_EXPECT_EQ(t, swap_out(0, GFP_KSWAPD), 4);	/* now its turn */
	KTEST_EXPECT_EQ(t, idle.mm.rss, 0);
	test_mm_exit(&busy);
	test_mm_exit(&idle);
}

/* Spent budgets are renewed as max(rss >> 5, 8): big mms give more. */
static void budgets_are_renewed_by_rss(struct ktest *t)
{
	struct test_mm small, big;

	KTEST_ASSERT_TRUE(t, test_mm_init(t, &small, 40));
	KTEST_ASSERT_TRUE(t, test_mm_init(t, &big, 300));
	for (unsigned int i = 0; i < 300; i++) {
		if (i < 40)
			map_old(t, &small, i);
		map_old(t, &big, i);
	}
	KTEST_EXPECT_EQ(t, swap_out(6, GFP_KSWAPD), 300 >> 5);
	KTEST_EXPECT_EQ(t, small.mm.swap_cnt, 8);	/* 40 >> 5 < 8 */
	KTEST_EXPECT_EQ(t, small.mm.rss, 40);
	KTEST_EXPECT_EQ(t, big.mm.rss, 300 - (300 >> 5));
	test_mm_exit(&small);
	test_mm_exit(&big);
}

/* ------------------------------------------------ direct reclaim */

/*
 * An allocation that may wait but not start I/O (GFP_BUFFER, as swap
 * I/O's requests are) reclaims for itself: the last branch of
 * __alloc_pages, try_to_free_pages.  Free pages are below pages_min,
 * and the only reclaimable pages are clean swap-cache pages still on
 * inactive_dirty_list: page_launder's first pass (no writing, no
 * __GFP_IO) moves them to inactive_clean, and the allocation gets one
 * of them.  Nothing is written.
 */
static void gfp_buffer_reclaims_without_io(struct ktest *t)
{
	struct test_mm tm;
	struct page *p[2], *got;
	struct block_device *bdev;
	zone_t *zone;

	KTEST_ASSERT_TRUE(t, test_mm_swapped(t, &tm, 2, p));
	write_dirty_pages_held(p, 2);
	KTEST_EXPECT_FALSE(t, PageDirty(p[0]) || PageDirty(p[1]));
	KTEST_EXPECT_TRUE(t, PageInactiveDirty(p[0]) && PageInactiveDirty(p[1]));
	bdev = swap_info[SWP_TYPE(entry_of(p[0]))].bdev;
	zone = page_zone(p[0]);
	test_mm_hold_below_min(zone);
	got = alloc_page(GFP_BUFFER);
	KTEST_EXPECT_TRUE(t, got == p[0] || got == p[1]);
	KTEST_EXPECT_EQ(t, ramdisk_queued(bdev), 0);
	if (got)
		__free_page(got);
	test_mm_end_free_shortage();
	test_mm_exit(&tm);
}

/* ------------------------------------------------ the active list */

/*
 * refill_inactive_scan() on four cached pages back on the active list
 * (age 2): a referenced one ages up, an unreferenced one halves, and at
 * age 0 one that only the cache holds leaves for inactive_dirty, while
 * one still in use (a second reference) stays.
 */
static void refill_inactive_scan_ages_each_page(struct ktest *t)
{
	enum { REF, OLD, DONE, USED, N };
	struct page *p[N];
	struct test_mm tm;

	KTEST_ASSERT_TRUE(t, test_mm_swapped(t, &tm, N, p));
	for (int i = 0; i < N; i++)
		activate_page(p[i]);
	SetPageReferenced(p[REF]);
	p[DONE]->age = p[USED]->age = 1;
	get_page(p[USED]);

	KTEST_EXPECT_EQ(t, refill_inactive_scan(0, 0), 1);
	KTEST_EXPECT_EQ(t, p[REF]->age, PAGE_AGE_START + PAGE_AGE_ADV);
	KTEST_EXPECT_FALSE(t, PageReferenced(p[REF]));
	KTEST_EXPECT_EQ(t, p[OLD]->age, PAGE_AGE_START / 2);
	KTEST_EXPECT_TRUE(t, PageActive(p[OLD]));
	KTEST_EXPECT_TRUE(t, PageInactiveDirty(p[DONE]));
	KTEST_EXPECT_EQ(t, p[USED]->age, 0);
	KTEST_EXPECT_TRUE(t, PageActive(p[USED]));
	KTEST_EXPECT_EQ(t, nr_active_pages, 3);
	/* pages that stay go to the head: the last one scanned is there */
	KTEST_EXPECT_PTR_EQ(t, active_list.next, &p[USED]->lru);
	put_page(p[USED]);
	test_mm_exit(&tm);
}

/* ------------------------------------------------ page_launder */

/*
 * The first pass: pages used again go back to the active list; a
 * locked one (under I/O) and a dirty one are left for later, even a
 * locked one with a passing extra reference (a writer's or a
 * waiter's); a clean one moves to its zone's inactive_clean_list.
 * Nothing is written.
 */
static void page_launder_sorts_each_page(struct ktest *t)
{
	enum { REF, AGED, USED, LOCKED, WRITING, DIRTY, CLEAN, N };
	unsigned long rotated;
	struct page *p[N];
	struct test_mm tm;

	KTEST_ASSERT_TRUE(t, test_mm_swapped(t, &tm, N, p));
	write_dirty_pages_held(p, N);		/* all clean now */
	SetPageReferenced(p[REF]);
	p[AGED]->age = 1;
	get_page(p[USED]);
	SetPageLocked(p[LOCKED]);
	SetPageLocked(p[WRITING]);
	get_page(p[WRITING]);
	set_page_dirty(p[DIRTY]);

	rotated = vm_events[PGROTATED];
	KTEST_EXPECT_EQ(t, page_launder(GFP_KSWAPD, 0), 1);
	KTEST_EXPECT_TRUE(t, PageActive(p[REF]));
	KTEST_EXPECT_TRUE(t, PageActive(p[AGED]));
	KTEST_EXPECT_TRUE(t, PageActive(p[USED]));
	KTEST_EXPECT_TRUE(t, PageInactiveDirty(p[LOCKED]));
	KTEST_EXPECT_TRUE(t, PageInactiveDirty(p[WRITING]));
	KTEST_EXPECT_TRUE(t, PageInactiveDirty(p[DIRTY]));
	KTEST_EXPECT_TRUE(t, PageDirty(p[DIRTY]));
	KTEST_EXPECT_TRUE(t, PageInactiveClean(p[CLEAN]));
	KTEST_EXPECT_TRUE(t, page_on_list(p[CLEAN],
				&page_zone(p[CLEAN])->inactive_clean_list));
	KTEST_EXPECT_EQ(t, vm_events[PGROTATED], rotated + 3);
	KTEST_EXPECT_EQ(t, ramdisk_queued(swap_info[0].bdev), 0);
	ClearPageLocked(p[LOCKED]);
	ClearPageLocked(p[WRITING]);
	put_page(p[WRITING]);
	put_page(p[USED]);
	test_mm_exit(&tm);
}

/*
 * Dirty pages are written only in the second pass: when free memory
 * is short, and the caller may start I/O.  The write is asynchronous:
 * the page stays locked until the disk finishes, and the completion
 * puts it, clean and unused, on inactive_clean_list
 * (putback_written_page()): the next pass has nothing to do.
 */
static void page_launder_writes_only_when_short(struct ktest *t)
{
	unsigned long out = vm_events[PSWPOUT];
	struct block_device *disk = swap_info[0].bdev;
	struct test_mm tm;
	struct page *page;

	KTEST_ASSERT_TRUE(t, test_mm_swapped(t, &tm, 1, &page));

	KTEST_EXPECT_EQ(t, page_launder(GFP_KSWAPD, 0), 0);	/* no need */
	test_mm_make_free_shortage();
	KTEST_EXPECT_EQ(t, page_launder(GFP_ATOMIC, 0), 0);	/* no I/O */
	KTEST_EXPECT_EQ(t, ramdisk_queued(disk), 0);
	KTEST_EXPECT_EQ(t, page_launder(GFP_KSWAPD, 0), 0);
	test_mm_end_free_shortage();
	KTEST_EXPECT_EQ(t, ramdisk_queued(disk), 1);
	KTEST_EXPECT_TRUE(t, PageLocked(page));
	KTEST_EXPECT_TRUE(t, PageWriteback(page));
	KTEST_EXPECT_EQ(t, vm_events[PSWPOUT], out + 1);

	ramdisk_run();
	KTEST_EXPECT_FALSE(t, PageLocked(page));
	KTEST_EXPECT_FALSE(t, PageWriteback(page));
	KTEST_EXPECT_FALSE(t, PageDirty(page));
	KTEST_EXPECT_TRUE(t, on_disk_intact(page, 0));
	KTEST_EXPECT_TRUE(t, PageInactiveClean(page));
	KTEST_EXPECT_TRUE(t, page_on_list(page,
				&page_zone(page)->inactive_clean_list));
	KTEST_EXPECT_EQ(t, nr_inactive_dirty_pages, 0);
	KTEST_EXPECT_EQ(t, page_launder(GFP_KSWAPD, 0), 0);
	test_mm_exit(&tm);
}

/*
 * Dirty pages that pile up (more than the free and clean pages) are
 * written even with no free shortage (page_launder laundering ahead):
 * each is rotated once, by the first pass, and written by the second.
 * While it is written a page is on no list, and no pass looks at it;
 * its completion puts it, clean and unused, on inactive_clean_list,
 * and no pass needs to look at it again.
 */
static void piled_up_dirty_pages_are_written_ahead(struct ktest *t)
{
	enum { N = 40 };
	unsigned long rotated, out, scanned;
	struct page *p[N];
	struct test_mm tm;

	KTEST_ASSERT_TRUE(t, test_mm_swapped(t, &tm, N, p));
	test_mm_hold_to_the_edge();
	KTEST_EXPECT_EQ(t, free_shortage(), 0);
	KTEST_EXPECT_GT(t, nr_inactive_dirty_pages,
			nr_free_pages() + nr_inactive_clean_pages());
	rotated = vm_events[PGROTATED];
	out = vm_events[PSWPOUT];
	KTEST_EXPECT_EQ(t, page_launder(GFP_KSWAPD, 0), 0);
	KTEST_EXPECT_EQ(t, vm_events[PSWPOUT] - out, N);
	KTEST_EXPECT_EQ(t, vm_events[PGROTATED] - rotated, N);
	KTEST_EXPECT_EQ(t, nr_inactive_dirty_pages, 0);
	for (int i = 0; i < N; i++)
		KTEST_EXPECT_TRUE(t, PageLocked(p[i]) &&
				  !PageInactiveDirty(p[i]));
	scanned = vm_events[PGSCAN];
	KTEST_EXPECT_EQ(t, page_launder(GFP_KSWAPD, 0), 0);
	KTEST_EXPECT_EQ(t, vm_events[PGSCAN], scanned);
	KTEST_EXPECT_EQ(t, check_mm_invariants(), 0);
	test_mm_end_free_shortage();
	ramdisk_run();
	for (int i = 0; i < N; i++)
		KTEST_EXPECT_TRUE(t, !PageLocked(p[i]) &&
				  PageInactiveClean(p[i]));
	KTEST_EXPECT_EQ(t, page_launder(GFP_KSWAPD, 0), 0);
	KTEST_EXPECT_EQ(t, vm_events[PGSCAN], scanned);
	KTEST_EXPECT_EQ(t, vm_events[PGROTATED] - rotated, N);
	test_mm_exit(&tm);
}

/*
 * The end of a write page_launder() started puts the page where the
 * next pass would: clean and unused, on inactive_clean_list at once
 * (after Linux 2.6's rotate_reclaimable_page()); used again (found
 * referenced, or held by someone: a process faulting it back in),
 * back on inactive_dirty_list for page_launder() to decide.
 */
static void a_written_page_is_put_where_the_next_pass_would(struct ktest *t)
{
	enum { CLEAN, REF, HELD, N };
	struct page *p[N];
	struct test_mm tm;

	KTEST_ASSERT_TRUE(t, test_mm_swapped(t, &tm, N, p));
	test_mm_make_free_shortage();
	page_launder(GFP_KSWAPD, 0);
	test_mm_end_free_shortage();
	for (int i = 0; i < N; i++)
		KTEST_EXPECT_TRUE(t, PageLocked(p[i]) && !PageInactiveDirty(p[i]));
	SetPageReferenced(p[REF]);
	get_page(p[HELD]);
	ramdisk_run();
	KTEST_EXPECT_TRUE(t, PageInactiveClean(p[CLEAN]));
	KTEST_EXPECT_TRUE(t, PageInactiveDirty(p[REF]));
	KTEST_EXPECT_TRUE(t, PageInactiveDirty(p[HELD]));
	KTEST_EXPECT_EQ(t, check_mm_invariants(), 0);
	put_page(p[HELD]);
	KTEST_EXPECT_EQ(t, page_launder(GFP_KSWAPD, 0), 1);	/* HELD */
	KTEST_EXPECT_TRUE(t, PageActive(p[REF]));
	KTEST_EXPECT_TRUE(t, PageInactiveClean(p[HELD]));
	test_mm_exit(&tm);
}

/* A caller that must have memory now waits for the write it started. */
static void sync_page_launder_waits_for_its_write(struct ktest *t)
{
	struct test_mm tm;
	struct page *page;

	KTEST_ASSERT_TRUE(t, test_mm_swapped(t, &tm, 1, &page));
	test_mm_make_free_shortage();
	KTEST_EXPECT_EQ(t, page_launder(GFP_KSWAPD, 1), 1);
	test_mm_end_free_shortage();
	KTEST_EXPECT_TRUE(t, PageInactiveClean(page));
	KTEST_EXPECT_EQ(t, ramdisk_queued(swap_info[0].bdev), 0);
	test_mm_exit(&tm);
}

/* Pages of neighbouring slots go to the disk in one request. */
static void neighbouring_writes_share_a_request(struct ktest *t)
{
	struct block_device *disk = swap_info[0].bdev;
	unsigned long requests = disk->nr_requests;
	struct page *p[4];
	struct test_mm tm;

	KTEST_ASSERT_TRUE(t, test_mm_swapped(t, &tm, 4, p));
	test_mm_make_free_shortage();
	page_launder(GFP_KSWAPD, 0);
	test_mm_end_free_shortage();
	KTEST_EXPECT_EQ(t, disk->nr_requests, requests + 1);
	KTEST_EXPECT_EQ(t, ramdisk_run(), 1);
	test_mm_exit(&tm);
}

/*
 * A write that fails loses nothing: the page stays in memory, in the
 * cache, dirty, and the next write pass writes it again.
 */
static void a_failed_write_is_retried(struct ktest *t)
{
	struct block_device *disk = swap_info[0].bdev;
	struct test_mm tm;
	struct page *page;

	KTEST_ASSERT_TRUE(t, test_mm_swapped(t, &tm, 1, &page));
	ramdisk_fail_page(disk, WRITE, SWP_OFFSET(entry_of(page)));
	test_mm_make_free_shortage();
	page_launder(GFP_KSWAPD, 0);
	ramdisk_run();
	KTEST_EXPECT_TRUE(t, PageError(page));
	KTEST_EXPECT_TRUE(t, PageDirty(page));
	KTEST_EXPECT_TRUE(t, PageSwapCache(page));
	KTEST_EXPECT_TRUE(t, PageInactiveDirty(page));
	KTEST_EXPECT_TRUE(t, test_mm_intact(page_address(page), 0));
	KTEST_EXPECT_FALSE(t, on_disk_intact(page, 0));

	ramdisk_heal(disk);
	page_launder(GFP_KSWAPD, 0);
	test_mm_end_free_shortage();
	ramdisk_run();
	KTEST_EXPECT_FALSE(t, PageError(page));
	KTEST_EXPECT_FALSE(t, PageDirty(page));
	KTEST_EXPECT_TRUE(t, on_disk_intact(page, 0));
	test_mm_exit(&tm);
}

/* A write pass when short, the disk finishing it, then the next pass. */
static void launder_twice(void)
{
	test_mm_make_free_shortage();
	page_launder(GFP_KSWAPD, 0);
	ramdisk_run();
	page_launder(GFP_KSWAPD, 0);
	ramdisk_run();
	test_mm_end_free_shortage();
}

/*
 * A slot that fails every write: the page's write fails, its retry
 * alone fails (the slot is blamed), and the next write pass gives the
 * page another slot (mm/swap_relocate.c) and writes it there.  The
 * slot was shared by two processes (fork): both swap PTEs name the new
 * slot now, its count says so, and the old slot is bad for good.
 */
static void a_bad_slot_moves_its_page_and_every_pte(struct ktest *t)
{
	struct block_device *disk = swap_info[0].bdev;
	struct test_mm tm, child;
	swp_entry_t old, new;
	struct page *page;

	KTEST_ASSERT_TRUE(t, test_mm_swapped(t, &tm, 1, &page));
	KTEST_ASSERT_TRUE(t, test_mm_init(t, &child, 1));
	old = entry_of(page);
	swap_duplicate(old);			/* fork copies the swap PTE */
	set_pte(test_mm_pte(&child, 0), *test_mm_pte(&tm, 0));
	ramdisk_fail_page(disk, WRITE, SWP_OFFSET(old));
	launder_twice();
	KTEST_EXPECT_TRUE(t, PageBadSlot(page));
	KTEST_EXPECT_EQ(t, entry_of(page).val, old.val);

	host_printk_clear();
	jiffies += 5 * HZ;		/* swap_error()'s limit starts again */
	write_dirty_pages();
	new = entry_of(page);
	KTEST_EXPECT_NE(t, new.val, old.val);
	KTEST_EXPECT_FALSE(t, PageDirty(page) || PageBadSlot(page));
	KTEST_EXPECT_TRUE(t, on_disk_intact(page, 0));
	KTEST_EXPECT_EQ(t, pte_val(*test_mm_pte(&tm, 0)), new.val);
	KTEST_EXPECT_EQ(t, pte_val(*test_mm_pte(&child, 0)), new.val);
	KTEST_EXPECT_EQ(t, swap_count(new), 3);	/* cache, two PTEs */
	KTEST_EXPECT_EQ(t, swap_info[0].swap_map[SWP_OFFSET(old)],
			SWAP_MAP_BAD);
	KTEST_EXPECT_PTR_EQ(t, find_swap_page(new), page);
	put_page(page);
	KTEST_EXPECT_NULL(t, find_swap_page(old));
	KTEST_EXPECT_TRUE(t, host_printk_has("swap: vda slot 1 failed: "
					     "marked bad"));
	KTEST_EXPECT_TRUE(t, host_printk_has("page of vda slot 1 moved to "
					     "vda slot"));
	KTEST_EXPECT_EQ(t, check_mm_invariants(), 0);
	test_mm_exit(&child);
	test_mm_exit(&tm);
	KTEST_EXPECT_EQ(t, nr_swap_pages, RECLAIM_MACHINE_SLOTS - 2);
}

/* Takes every free slot, as if swap were full; returns how many. */
static unsigned int fill_swap(swp_entry_t *slots)
{
	unsigned int n = 0;

	while ((slots[n] = get_swap_page()).val)
		n++;
	return n;
}

/*
 * A page whose slot went bad, with no free slot anywhere: writepage
 * refuses (as 2.4's may), and the page stays in memory, dirty, back on
 * the active list, its PTE untouched.  Once a slot is free, the next
 * write pass moves it there.
 */
static void no_slot_left_keeps_the_page_in_memory(struct ktest *t)
{
	struct block_device *disk = swap_info[0].bdev;
	swp_entry_t slots[RECLAIM_MACHINE_SLOTS], old;
	unsigned int n;
	struct test_mm tm;
	struct page *page;

	KTEST_ASSERT_TRUE(t, test_mm_swapped(t, &tm, 1, &page));
	old = entry_of(page);
	ramdisk_fail_page(disk, WRITE, SWP_OFFSET(old));
	launder_twice();
	n = fill_swap(slots);
	write_dirty_pages();
	KTEST_EXPECT_EQ(t, entry_of(page).val, old.val);
	KTEST_EXPECT_TRUE(t, PageDirty(page) && PageActive(page));
	KTEST_EXPECT_FALSE(t, PageLocked(page));
	KTEST_EXPECT_TRUE(t, swap_slot_marked_bad(old));
	KTEST_EXPECT_EQ(t, pte_val(*test_mm_pte(&tm, 0)), old.val);
	while (n)
		swap_free(slots[--n]);
	deactivate_page(page);
	write_dirty_pages();
	KTEST_EXPECT_NE(t, entry_of(page).val, old.val);
	KTEST_EXPECT_TRUE(t, on_disk_intact(page, 0));
	test_mm_exit(&tm);
}

/*
 * An area whose writes keep failing goes out of use with a message:
 * no slot of it is free any more (nr_swap_pages 0, as if full), its
 * slots in use go bad as their users let go, and the page whose write
 * failed stays in memory.
 */
static void an_area_failing_every_write_goes_out_of_use(struct ktest *t)
{
	struct swap_info_struct *p = &swap_info[0];
	struct test_mm tm;
	struct page *pages[2];

	KTEST_ASSERT_TRUE(t, test_mm_swapped(t, &tm, 2, pages));
	write_dirty_pages();				/* both on disk */
	page_launder(GFP_KSWAPD, 0);			/* both clean */
	del_page_from_inactive_clean_list(pages[0]);
	add_page_to_inactive_dirty_list(pages[0]);
	set_page_dirty(pages[0]);			/* written to again */
	ramdisk_fail_page(p->bdev, WRITE, SWP_OFFSET(entry_of(pages[0])));
	p->write_errors = SWAP_MAX_WRITE_ERRORS - 1;
	host_printk_clear();
	write_dirty_pages();
	KTEST_EXPECT_EQ(t, p->write_errors, SWAP_MAX_WRITE_ERRORS);
	KTEST_EXPECT_FALSE(t, p->out_of_use);
	deactivate_page(pages[0]);
	write_dirty_pages();
	KTEST_EXPECT_TRUE(t, p->out_of_use);
	KTEST_EXPECT_TRUE(t, host_printk_has("swap: vda: 32 writes failed in "
					     "a row: out of use"));
	KTEST_EXPECT_EQ(t, nr_swap_pages, 0);
	KTEST_EXPECT_EQ(t, p->pages, 2);		/* the two in use */
	KTEST_EXPECT_TRUE(t, PageDirty(pages[0]) && PageActive(pages[0]));
	KTEST_EXPECT_EQ(t, check_mm_invariants(), 0);
	test_mm_exit(&tm);
	KTEST_EXPECT_EQ(t, p->pages, 0);
	KTEST_EXPECT_EQ(t, total_swap_pages, 0);
	KTEST_EXPECT_EQ(t, p->found_bad, RECLAIM_MACHINE_SLOTS - 1);
}

/*
 * A page whose owner exited while it was being written is held by the
 * cache alone, and its slot by the cache alone: the pass frees both.
 */
static void page_launder_drops_an_orphan(struct ktest *t)
{
	unsigned long steals = vm_events[PGSTEAL];
	unsigned long free_slots = nr_swap_pages;
	struct test_mm tm;
	struct page *page;
	swp_entry_t entry;

	KTEST_ASSERT_TRUE(t, test_mm_swapped(t, &tm, 1, &page));
	entry = entry_of(page);
	test_mm_make_free_shortage();
	page_launder(GFP_KSWAPD, 0);		/* now under I/O */
	test_mm_exit(&tm);			/* the owner exits */
	KTEST_EXPECT_TRUE(t, PageSwapCache(page));
	KTEST_EXPECT_EQ(t, swap_count(entry), 1);
	ramdisk_run();
	KTEST_EXPECT_EQ(t, page_launder(GFP_KSWAPD, 0), 0); /* not kept */
	test_mm_end_free_shortage();
	KTEST_EXPECT_EQ(t, swap_count(entry), 0);
	KTEST_EXPECT_EQ(t, nr_swap_pages, free_slots);
	KTEST_EXPECT_EQ(t, vm_events[PGSTEAL], steals + 1);
}

/*
 * A page on a list without that list's flag (a kernel bug) is named,
 * taken off the list and out of its count, and the scan goes on.
 */
static void a_stray_page_is_reported_and_dropped(struct ktest *t)
{
	unsigned long rotated = vm_events[PGROTATED];
	struct page *p[2];
	struct test_mm tm;

	KTEST_ASSERT_TRUE(t, test_mm_swapped(t, &tm, 2, p));
	ClearPageInactiveDirty(p[0]);		/* the tail: looked at first */
	host_printk_clear();
	page_launder(GFP_KSWAPD, 0);
	KTEST_EXPECT_TRUE(t, host_printk_has("page_launder, pfn"));
	KTEST_EXPECT_TRUE(t, host_printk_has("inactive_dirty_list lacks its "
					     "flag"));
	KTEST_EXPECT_TRUE(t, list_empty(&p[0]->lru));
	KTEST_EXPECT_EQ(t, nr_inactive_dirty_pages, 1);
	KTEST_EXPECT_EQ(t, vm_events[PGROTATED], rotated + 1);	/* p[1] */
	add_page_to_inactive_dirty_list(p[0]);	/* as it should be */
	test_mm_exit(&tm);
}

/* ------------------------------------------------ counting looks */

/* Each of pgscan's parts has grown by what it says since `before`,
 * and pgscan by their sum. */
static void expect_looks(struct ktest *t, const unsigned long *before,
			 unsigned long pte, unsigned long young,
			 unsigned long refill, unsigned long dirty,
			 unsigned long clean)
{
	KTEST_EXPECT_EQ(t, vm_events[SWAPOUT_PTE_SCAN] -
			   before[SWAPOUT_PTE_SCAN], pte);
	KTEST_EXPECT_EQ(t, vm_events[SWAPOUT_PTE_YOUNG] -
			   before[SWAPOUT_PTE_YOUNG], young);
	KTEST_EXPECT_EQ(t, vm_events[PGREFILL] - before[PGREFILL], refill);
	KTEST_EXPECT_EQ(t, vm_events[PGSCAN_INACTIVE_DIRTY] -
			   before[PGSCAN_INACTIVE_DIRTY], dirty);
	KTEST_EXPECT_EQ(t, vm_events[PGSCAN_INACTIVE_CLEAN] -
			   before[PGSCAN_INACTIVE_CLEAN], clean);
	KTEST_EXPECT_EQ(t, vm_events[PGSCAN] - before[PGSCAN],
			pte + refill + dirty + clean);
}

/*
 * Every look by reclaim counts in pgscan and in the part that says
 * where it looked: swap_out's walk at three PTEs (one young), the
 * active list at one page, page_launder's first pass at one dirty
 * page, reclaim_page at one clean page.
 */
static void each_look_is_counted_where_it_happens(struct ktest *t)
{
	unsigned long before[NR_VM_EVENT_ITEMS];
	struct test_mm tm;
	struct page *p1, *p2;

	KTEST_ASSERT_TRUE(t, test_mm_init(t, &tm, 3));
	test_mm_map(t, &tm, 0, _PAGE_ACCESSED);
	map_old(t, &tm, 1);
	map_old(t, &tm, 2);
	p1 = pte_page(*test_mm_pte(&tm, 1));
	p2 = pte_page(*test_mm_pte(&tm, 2));
	tm.mm.swap_cnt = 3;
	memcpy(before, vm_events, sizeof(before));
	KTEST_EXPECT_EQ(t, swap_out(0, GFP_KSWAPD), 2);
	expect_looks(t, before, 3, 1, 0, 0, 0);

	activate_page(p1);
	memcpy(before, vm_events, sizeof(before));
	KTEST_EXPECT_EQ(t, refill_inactive_scan(0, 0), 0);
	expect_looks(t, before, 0, 0, 1, 0, 0);

	memcpy(before, vm_events, sizeof(before));
	KTEST_EXPECT_EQ(t, page_launder(GFP_KSWAPD, 0), 0);	/* rotated */
	expect_looks(t, before, 0, 0, 0, 1, 0);

	write_dirty_pages();
	page_launder(GFP_KSWAPD, 0);
	KTEST_ASSERT_TRUE(t, PageInactiveClean(p2));
	memcpy(before, vm_events, sizeof(before));
	KTEST_EXPECT_PTR_EQ(t, reclaim_page(page_zone(p2)), p2);
	expect_looks(t, before, 0, 0, 0, 0, 1);
	__free_page(p2);
	test_mm_exit(&tm);
}

/* ------------------------------------------------ reclaim_page */

/*
 * reclaim_page() hands over a clean page nobody uses: out of the cache
 * (the slot keeps only the PTE's reference), with one reference, the
 * caller's.  Pages used or dirtied again are moved on, not taken.
 */
static void reclaim_page_takes_only_clean_unused_pages(struct ktest *t)
{
	enum { CLEAN, DIRTY, REF, N };
	struct page *p[N];
	struct test_mm tm;
	zone_t *zone;

	KTEST_ASSERT_TRUE(t, test_mm_swapped(t, &tm, N, p));
	write_dirty_pages();		/* all on inactive_clean_list */
	SetPageReferenced(p[REF]);
	set_page_dirty(p[DIRTY]);
	/* looked at from the tail: these first, then the clean one */
	zone = page_zone(p[CLEAN]);
	for (int i = 0; i < N; i++)
		list_move_tail(&p[i]->lru, &zone->inactive_clean_list);

	KTEST_EXPECT_PTR_EQ(t, reclaim_page(zone), p[CLEAN]);
	KTEST_EXPECT_TRUE(t, PageActive(p[REF]));
	KTEST_EXPECT_TRUE(t, PageInactiveDirty(p[DIRTY]));
	KTEST_EXPECT_FALSE(t, PageSwapCache(p[CLEAN]));
	KTEST_EXPECT_NULL(t, p[CLEAN]->mapping);
	KTEST_EXPECT_EQ(t, page_count(p[CLEAN]), 1);
	KTEST_EXPECT_EQ(t, swap_count(pte_to_swp_entry(*test_mm_pte(&tm,
								 CLEAN))), 1);
	KTEST_EXPECT_EQ(t, zone->inactive_clean_pages, 0);
	__free_page(p[CLEAN]);
	test_mm_exit(&tm);
}

static const struct ktest_case vmscan_cases[] = {
	KTEST_CASE(swap_out_takes_from_the_largest_budget),
	KTEST_CASE(swap_out_walks_one_mm_per_call),
	KTEST_CASE(budgets_are_renewed_by_rss),
	KTEST_CASE(gfp_buffer_reclaims_without_io),
	KTEST_CASE(refill_inactive_scan_ages_each_page),
	KTEST_CASE(page_launder_sorts_each_page),
	KTEST_CASE(page_launder_writes_only_when_short),
	KTEST_CASE(sync_page_launder_waits_for_its_write),
	KTEST_CASE(piled_up_dirty_pages_are_written_ahead),
	KTEST_CASE(a_written_page_is_put_where_the_next_pass_would),
	KTEST_CASE(neighbouring_writes_share_a_request),
	KTEST_CASE(a_failed_write_is_retried),
	KTEST_CASE(a_bad_slot_moves_its_page_and_every_pte),
	KTEST_CASE(no_slot_left_keeps_the_page_in_memory),
	KTEST_CASE(an_area_failing_every_write_goes_out_of_use),
	KTEST_CASE(page_launder_drops_an_orphan),
	KTEST_CASE(a_stray_page_is_reported_and_dropped),
	KTEST_CASE(reclaim_page_takes_only_clean_unused_pages),
	KTEST_CASE(each_look_is_counted_where_it_happens),
};
KTEST_SUITE_INIT_EXIT(host_vmscan, vmscan_cases, reclaim_machine_up,
		      reclaim_machine_down);
