/*
 * Reclaim's decisions on real pages (mm/vmscan.c, mm/memory.c's
 * swap-in), with a swap area on vda (tests/suites.py):
 *  - try_to_swap_out() on a real mapping: a young PTE is kept and its
 *    page rewarded, an aged page is unmapped into the swap cache (new
 *    slot, dirty, inactive_dirty), a cached one is unmapped onto its
 *    old slot, the budget and a full swap area stop it, the walk
 *    crosses page tables;
 *  - page_launder()'s per-page decisions and its write pass,
 *    reclaim_page(), refill_inactive_scan();
 *  - swap-in: the page comes back intact, readahead reads a cluster in
 *    one request and sleeps in the allocator with no page of it locked,
 *    fork shares swap entries, copy-on-write of a swapped page, exit
 *    frees the slots;
 *  - the checker names a broken list or swap_map count.
 * Every case ends with check_mm_invariants() clean: swap_map counts
 * equal the swap PTEs plus the swap-cache pages.
 */
#include "drivers/blkdev.h"
#include "kernel/fork.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "lib/ktest.h"
#include "lib/string.h"
#include "mm/debug.h"
#include "mm/filemap.h"
#include "mm/internal.h"
#include "mm/pagemap.h"
#include "mm/slab.h"
#include "mm/swap.h"
#include "mm/vmscan.h"
#include "mm/vmstat.h"
#include "tests/kernel/ktest_mm.h"
#include "tests/kernel/ktest_pages.h"
#include "tests/kernel/ktest_swap.h"
#include "tests/kernel/ktest_tasks.h"

/* A fresh mm with n pages mapped at *addr, page i holding 1000 + i. */
static struct mm_struct *mm_with_pages(struct ktest *t, unsigned int n,
				       unsigned long *addr)
{
	struct mm_struct *mm = enter_swapping_mm(t);

	if (mm)
		*addr = map_written_pages(n, 1000);
	return mm;
}

static swp_entry_t entry_at(struct mm_struct *mm, unsigned long addr)
{
	return pte_to_swp_entry(*pte_of(mm, addr));
}

/*
 * Writes a swap-cache page to its slot and waits, as page_launder does;
 * false (t failed, naming the page) if the write never ends.
 */
static bool write_and_wait(struct ktest *t, struct page *page)
{
	if (!ktest_lock_page(t, page, "its write"))
		return false;
	swap_cache_start_io(page, WRITE);
	rw_swap_page(WRITE, page);
	return ktest_wait_on_page(t, page, "its write to swap to end");
}

/* Takes an unused clean page out of the cache, as reclaim_page does. */
static bool drop_from_cache(struct ktest *t, struct page *page)
{
	if (!ktest_lock_page(t, page, "dropping it from the swap cache"))
		return false;
	get_page(page);
	delete_from_swap_cache_nolock(page);
	unlock_page(page);
	__free_page(page);
	return true;
}

/* Writes an unused swap-cache page out and drops it: on disk only. */
static bool write_out(struct ktest *t, struct page *page)
{
	return write_and_wait(t, page) && drop_from_cache(t, page);
}

/*
 * A fresh mm (as mm_with_pages) whose one page at *addr was swapped out
 * into the swap cache: *page is that page, *entry (unless entry is
 * NULL) the swap entry its PTE holds now.
 */
static struct mm_struct *mm_with_swapped_page(struct ktest *t,
					      unsigned long *addr,
					      struct page **page,
					      swp_entry_t *entry)
{
	struct mm_struct *mm = mm_with_pages(t, 1, addr);

	if (!mm)
		return NULL;
	*page = swap_out_page(mm, *addr);
	if (entry)
		*entry = entry_at(mm, *addr);
	return mm;
}

static void expect_clean_invariants(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, check_mm_invariants(), 0);
	if (mm_invariant_report[0])
		ktest_log(t, "%s", mm_invariant_report);
}

/* ------------------------------------------------ try_to_swap_out */

static void a_young_pte_is_kept_and_rewarded(struct ktest *t)
{
	unsigned long addr, free_slots = nr_swap_pages;
	struct mm_struct *mm = mm_with_pages(t, 1, &addr);
	struct page *page;

	if (!mm)
		return;
	page = follow_page(mm, addr);
	KTEST_EXPECT_TRUE(t, pte_young(*pte_of(mm, addr)));
	page->age = PAGE_AGE_START;
	KTEST_EXPECT_EQ(t, look_at(mm, addr), 0);
	KTEST_EXPECT_FALSE(t, pte_young(*pte_of(mm, addr))); /* cleared */
	KTEST_EXPECT_EQ(t, page->age, PAGE_AGE_START + PAGE_AGE_ADV);
	KTEST_EXPECT_PTR_EQ(t, follow_page(mm, addr), page);
	KTEST_EXPECT_EQ(t, mm->rss, 1);
	KTEST_EXPECT_EQ(t, nr_swap_pages, free_slots);
	/* the TLB entry was flushed: a new access sets the bit again */
	KTEST_EXPECT_EQ(t, get_u32(addr), 1000);
	KTEST_EXPECT_TRUE(t, pte_young(*pte_of(mm, addr)));
	leave_mm(t, mm);
}

/* Old but not aged out: its age halves and it stays. */
static void an_old_page_with_age_left_is_kept(struct ktest *t)
{
	unsigned long addr;
	struct mm_struct *mm = mm_with_pages(t, 1, &addr);
	struct page *page;

	if (!mm)
		return;
	page = follow_page(mm, addr);
	ptep_test_and_clear_young(pte_of(mm, addr));
	page->age = 4;
	look_at(mm, addr);
	KTEST_EXPECT_EQ(t, page->age, 2);
	KTEST_EXPECT_PTR_EQ(t, follow_page(mm, addr), page);
	page->age = 1;			/* 1 / 2 = 0: now it goes */
	look_at(mm, addr);
	KTEST_EXPECT_NULL(t, follow_page(mm, addr));
	leave_mm(t, mm);
}

/*
 * The seed's path for a page that never was in swap: a new slot,
 * add_to_swap_cache, dirty, a swap PTE; the mapping's reference goes
 * and the swap cache keeps the page, on inactive_dirty_list.
 */
static void an_aged_page_goes_to_the_swap_cache(struct ktest *t)
{
	unsigned long addr, free_slots = nr_swap_pages;
	unsigned long cached = swapper_space.nrpages;
	struct page *page;
	swp_entry_t entry;
	struct mm_struct *mm = mm_with_swapped_page(t, &addr, &page, &entry);

	if (!mm)
		return;
	KTEST_EXPECT_NULL(t, follow_page(mm, addr));
	KTEST_EXPECT_FALSE(t, pte_none(*pte_of(mm, addr)));
	KTEST_EXPECT_EQ(t, page->index, entry.val);
	KTEST_EXPECT_TRUE(t, PageSwapCache(page));
	KTEST_EXPECT_TRUE(t, PageDirty(page));
	KTEST_EXPECT_TRUE(t, PageInactiveDirty(page));
	KTEST_EXPECT_FALSE(t, PageLocked(page));
	KTEST_EXPECT_EQ(t, page_count(page), 1);	/* the cache's */
	KTEST_EXPECT_EQ(t, swap_count(entry), 2);	/* PTE + cache */
	KTEST_EXPECT_EQ(t, nr_swap_pages, free_slots - 1);
	KTEST_EXPECT_EQ(t, swapper_space.nrpages, cached + 1);
	KTEST_EXPECT_EQ(t, mm->rss, 0);
	KTEST_EXPECT_EQ(t, page_word(page, 0), 1000);
	expect_clean_invariants(t);
	leave_mm(t, mm);
	/* the exit took the page and the slot back */
	KTEST_EXPECT_EQ(t, nr_swap_pages, free_slots);
	KTEST_EXPECT_EQ(t, swapper_space.nrpages, cached);
	expect_clean_invariants(t);
}

/*
 * A page swapped in and not written since is clean in the cache:
 * unmapping it again costs no slot and no write, only a swap PTE.
 */
static void a_cached_page_goes_back_to_its_slot(struct ktest *t)
{
	unsigned long addr, free_slots;
	struct page *page;
	swp_entry_t entry;
	struct mm_struct *mm = mm_with_swapped_page(t, &addr, &page, &entry);

	if (!mm)
		return;
	if (!write_and_wait(t, page))
		return;
	KTEST_EXPECT_FALSE(t, PageDirty(page));
	KTEST_EXPECT_EQ(t, get_u32(addr), 1000);	/* mapped again */
	KTEST_EXPECT_PTR_EQ(t, follow_page(mm, addr), page);
	KTEST_EXPECT_EQ(t, swap_count(entry), 1);	/* the cache's */
	free_slots = nr_swap_pages;
	swap_out_page(mm, addr);
	KTEST_EXPECT_EQ(t, entry_at(mm, addr).val, entry.val);
	KTEST_EXPECT_EQ(t, swap_count(entry), 2);
	KTEST_EXPECT_EQ(t, nr_swap_pages, free_slots);
	KTEST_EXPECT_FALSE(t, PageDirty(page));	/* nothing to write */
	KTEST_EXPECT_TRUE(t, PageInactiveDirty(page));
	expect_clean_invariants(t);
	leave_mm(t, mm);
}

/*
 * A write fault on a swap PTE whose slot only this mapping and the
 * cache hold: the write makes the slot's copy stale, so the page
 * leaves the cache and the slot is free at once (Linux 2.6.28; 2.4.0
 * keeps both until the page is freed).  The next swap-out gives the
 * page a new slot and it goes to disk again, dirty.
 */
static void a_write_fault_frees_the_slot(struct ktest *t)
{
	unsigned long addr, free_slots;
	struct page *page;
	swp_entry_t entry;
	struct mm_struct *mm = mm_with_swapped_page(t, &addr, &page, &entry);

	if (!mm)
		return;
	if (!write_and_wait(t, page))
		return;
	free_slots = nr_swap_pages;
	KTEST_EXPECT_EQ(t, put_u32(addr, 77), 0);	/* in place: ours */
	KTEST_EXPECT_PTR_EQ(t, follow_page(mm, addr), page);
	KTEST_EXPECT_TRUE(t, pte_write(*pte_of(mm, addr)));
	KTEST_EXPECT_FALSE(t, PageSwapCache(page));
	KTEST_EXPECT_FALSE(t, swap_entry_used(entry));
	KTEST_EXPECT_EQ(t, nr_swap_pages, free_slots + 1);
	swap_out_page(mm, addr);
	KTEST_EXPECT_TRUE(t, PageSwapCache(page));
	KTEST_EXPECT_TRUE(t, PageDirty(page));
	KTEST_EXPECT_EQ(t, nr_swap_pages, free_slots);
	KTEST_EXPECT_EQ(t, page_word(page, 0), 77);
	expect_clean_invariants(t);
	leave_mm(t, mm);
}

/*
 * The same through do_wp_page: read back in first (the page stays in
 * the cache with its slot, swap being far from full), then written:
 * the PTE becomes writable in place and the slot is freed.
 */
static void a_write_to_a_cached_page_frees_the_slot(struct ktest *t)
{
	unsigned long addr, free_slots;
	struct page *page;
	swp_entry_t entry;
	struct mm_struct *mm = mm_with_swapped_page(t, &addr, &page, &entry);

	if (!mm)
		return;
	if (!write_and_wait(t, page))
		return;
	KTEST_EXPECT_EQ(t, get_u32(addr), 1000);
	KTEST_EXPECT_FALSE(t, pte_write(*pte_of(mm, addr)));
	KTEST_EXPECT_TRUE(t, PageSwapCache(page));	/* 2.4.0 keeps it */
	KTEST_EXPECT_EQ(t, swap_count(entry), 1);
	free_slots = nr_swap_pages;
	KTEST_EXPECT_EQ(t, put_u32(addr, 78), 0);
	KTEST_EXPECT_PTR_EQ(t, follow_page(mm, addr), page);
	KTEST_EXPECT_FALSE(t, PageSwapCache(page));
	KTEST_EXPECT_EQ(t, nr_swap_pages, free_slots + 1);
	KTEST_EXPECT_EQ(t, page_word(page, 0), 78);
	expect_clean_invariants(t);
	leave_mm(t, mm);
}

/*
 * With more than half the slots in use (vm_swap_full), even a read
 * swap-in frees the slot of a page nobody else holds (2.4.17's
 * do_swap_page): swap is kept for pages that are not in memory.
 */
static void a_swap_in_frees_the_slot_when_swap_is_short(struct ktest *t)
{
	unsigned long addr, held = 0;
	struct page *page;
	swp_entry_t entry, *raw;
	struct mm_struct *mm = mm_with_swapped_page(t, &addr, &page, &entry);

	if (!mm)
		return;
	if (!write_and_wait(t, page))
		return;
	raw = kmalloc(total_swap_pages * sizeof(*raw), GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, raw);
	while (!vm_swap_full() && (raw[held] = get_swap_page()).val)
		held++;
	KTEST_EXPECT_TRUE(t, vm_swap_full());
	KTEST_EXPECT_EQ(t, get_u32(addr), 1000);	/* a read */
	KTEST_EXPECT_PTR_EQ(t, follow_page(mm, addr), page);
	KTEST_EXPECT_FALSE(t, PageSwapCache(page));
	KTEST_EXPECT_FALSE(t, swap_entry_used(entry));
	while (held)
		swap_free(raw[--held]);
	kfree(raw);
	expect_clean_invariants(t);
	leave_mm(t, mm);
}

/*
 * The walk's functions and those it calls per PTE share one page of
 * text (__reclaim_hot), so that QEMU chains those calls.  The stepping
 * build (-O0) is too large for that and need not be fast.
 */
static void the_walk_calls_within_one_page(struct ktest *t)
{
	const void *calls[] = {
		swap_out_pmd, age_page_down_ageonly, age_page_up,
		deactivate_page, swap_duplicate, page_remove_rmap,
		__free_page, set_page_dirty, add_to_swap_cache,
		lru_cache_add, refill_inactive_scan,
	};
	unsigned long page = (unsigned long)try_to_swap_out >> PAGE_SHIFT;

#ifdef CONFIG_DEBUG
	return;
#endif
	for (unsigned int i = 0; i < ARRAY_SIZE(calls); i++)
		KTEST_EXPECT_EQ(t, (unsigned long)calls[i] >> PAGE_SHIFT, page);
}

/*
 * The walk stops where the budget is spent, and the next one resumes
 * at the first PTE not looked at (swap_address): each PTE is looked at
 * once per round, none skipped.
 */
static void a_spent_budget_stops_the_walk(struct ktest *t)
{
	unsigned long addr;
	struct mm_struct *mm = mm_with_pages(t, 3, &addr);

	if (!mm)
		return;
	mm->swap_address = addr;
	for (unsigned long i = 0; i < 2; i++) {
		mm->swap_cnt = 1;
		KTEST_EXPECT_EQ(t, swap_out_mm(mm, GFP_KSWAPD), 1);
		KTEST_EXPECT_EQ(t, mm->swap_address,
				addr + (i + 1) * PAGE_SIZE);
		/* looked at (the young bit is cleared), the next one not */
		KTEST_EXPECT_FALSE(t, pte_young(*pte_of(mm, mm->swap_address -
							 PAGE_SIZE)));
		KTEST_EXPECT_TRUE(t, pte_young(*pte_of(mm, mm->swap_address)));
	}
	KTEST_EXPECT_EQ(t, mm->rss, 3);	/* young pages all stay */
	leave_mm(t, mm);
}

/*
 * swap_out_vma() walks its VMA from address to the end, whatever page
 * tables the range spans: a VMA across a 4 MiB boundary has its PTEs in
 * two, and one call with budget to spare looks at each (clears each
 * young bit, keeps each page).  The seed's walk: swap_out_vma() ->
 * swap_out_pgd() per page-directory entry -> swap_out_pmd().
 */
static void the_walk_goes_on_into_the_next_page_table(struct ktest *t)
{
	const unsigned long boundary = 0x40400000, n = 4;
	unsigned long addr;
	struct mm_struct *mm = enter_swapping_mm(t);

	if (!mm)
		return;
	addr = do_mmap(boundary - 2 * PAGE_SIZE, n * PAGE_SIZE, RW,
		       PRIVATE_ANON | MAP_FIXED);
	KTEST_EXPECT_EQ(t, addr, boundary - 2 * PAGE_SIZE);
	for (unsigned long i = 0; i < n; i++)
		put_u32(addr + i * PAGE_SIZE, 1000 + i);
	mm->swap_cnt = 100;
	KTEST_EXPECT_EQ(t, swap_out_vma(mm, find_vma(mm, addr), addr,
					GFP_KSWAPD), 0);
	for (unsigned long i = 0; i < n; i++)
		if (pte_young(*pte_of(mm, addr + i * PAGE_SIZE)))
			ktest_fail(t, __FILE__, __LINE__, "swap_out_vma: "
				   "page %lu of %lu (%s the page tables' 4 MiB "
				   "boundary) was not looked at: the walk "
				   "stopped before the VMA's end", i, n,
				   i < 2 ? "before" : "after");
	KTEST_EXPECT_EQ(t, mm->rss, n);	/* young pages all stay */
	leave_mm(t, mm);
}

/*
 * swap_out_mm() walks the address space from swap_address over every
 * VMA to the last: with budget to spare one call looks at each PTE of
 * two VMAs (clears each young bit) and, at the end, starts the next
 * walk over (swap_address 0).
 */
static void the_walk_goes_on_to_the_next_vma(struct ktest *t)
{
	const unsigned long at[2] = { 0x40000000, 0x40010000 };
	struct mm_struct *mm = enter_swapping_mm(t);

	if (!mm)
		return;
	for (int v = 0; v < 2; v++) {
		KTEST_EXPECT_EQ(t, do_mmap(at[v], 2 * PAGE_SIZE, RW,
					   PRIVATE_ANON | MAP_FIXED), at[v]);
		for (unsigned long i = 0; i < 2; i++)
			put_u32(at[v] + i * PAGE_SIZE, 1000 + i);
	}
	KTEST_EXPECT_TRUE(t, find_vma(mm, at[0])->vm_next ==
			     find_vma(mm, at[1]));
	mm->swap_address = 0;
	mm->swap_cnt = 100;
	KTEST_EXPECT_EQ(t, swap_out_mm(mm, GFP_KSWAPD), 0);
	for (int v = 0; v < 2; v++)
		for (unsigned long i = 0; i < 2; i++)
			if (pte_young(*pte_of(mm, at[v] + i * PAGE_SIZE)))
				ktest_fail(t, __FILE__, __LINE__,
					   "swap_out_mm: page %lu of VMA %d of "
					   "2 was not looked at: the walk "
					   "stopped before the last VMA", i,
					   v + 1);
	KTEST_EXPECT_EQ(t, mm->swap_address, 0);
	KTEST_EXPECT_EQ(t, mm->rss, 4);	/* young pages all stay */
	leave_mm(t, mm);
}

/* No slot left: the PTE is put back as it was, the page stays. */
static void no_swap_left_restores_the_pte(struct ktest *t)
{
	unsigned long addr, n = 0;
	struct mm_struct *mm = mm_with_pages(t, 1, &addr);
	swp_entry_t *all;
	struct page *page;
	pte_t before;

	if (!mm)
		return;
	all = kmalloc(nr_swap_pages * sizeof(*all), GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, all);
	while ((all[n] = get_swap_page()).val)
		n++;
	page = follow_page(mm, addr);
	ptep_test_and_clear_young(pte_of(mm, addr));
	before = *pte_of(mm, addr);
	page->age = 0;
	look_at(mm, addr);
	KTEST_EXPECT_EQ(t, pte_val(*pte_of(mm, addr)), pte_val(before));
	KTEST_EXPECT_FALSE(t, PageSwapCache(page));
	KTEST_EXPECT_FALSE(t, PageLocked(page));
	KTEST_EXPECT_EQ(t, page_count(page), 1);
	KTEST_EXPECT_EQ(t, mm->rss, 1);
	while (n)
		swap_free(all[--n]);
	kfree(all);
	leave_mm(t, mm);
}

/* ------------------------------------------------ swap-in */

static void swap_in_brings_the_data_back(struct ktest *t)
{
	unsigned long addr, majors = vm_events[PGMAJFAULT];
	struct page *page;
	swp_entry_t entry;
	struct mm_struct *mm = mm_with_swapped_page(t, &addr, &page, &entry);

	if (!mm)
		return;
	if (!write_out(t, page))
		return;
	KTEST_EXPECT_NULL(t, lookup_swap_cache(entry));
	KTEST_EXPECT_EQ(t, swap_count(entry), 1);	/* the PTE's only */
	KTEST_EXPECT_EQ(t, get_u32(addr), 1000);	/* read from disk */
	KTEST_EXPECT_EQ(t, vm_events[PGMAJFAULT], majors + 1);
	page = follow_page(mm, addr);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_TRUE(t, PageSwapCache(page));	/* stays cached */
	KTEST_EXPECT_EQ(t, page->index, entry.val);
	KTEST_EXPECT_EQ(t, swap_count(entry), 1);	/* cache only now */
	KTEST_EXPECT_EQ(t, mm->rss, 1);
	expect_clean_invariants(t);
	leave_mm(t, mm);
}

/*
 * A fresh mm (as mm_with_pages) whose (windows + 1) << page_cluster
 * pages at *addr are all on disk only, out of the cache.  *first gets
 * the address of the first of them whose slot starts a read-ahead
 * window: the `windows` << page_cluster pages from there fill that
 * many whole windows, in order.
 */
static struct mm_struct *mm_with_windows_on_disk(struct ktest *t,
						 unsigned int windows,
						 unsigned long *addr,
						 unsigned long *first)
{
	unsigned int n = 1U << page_cluster, pages = (windows + 1) * n;
	struct mm_struct *mm = mm_with_pages(t, pages, addr);

	*first = 0;
	if (!mm)
		return NULL;
	for (unsigned int i = 0; i < pages; i++) {
		unsigned long a = *addr + i * PAGE_SIZE;

		if (!write_out(t, swap_out_page(mm, a)))
			return NULL;
		if (!*first && !(SWP_OFFSET(entry_at(mm, a)) & (n - 1)))
			*first = a;
	}
	if (!*first || *first + windows * n * PAGE_SIZE >
		       *addr + pages * PAGE_SIZE) {
		ktest_fail(t, __FILE__, __LINE__, "no whole window on disk");
		leave_mm(t, mm);
		return NULL;
	}
	return mm;
}

static struct mm_struct *mm_with_window_on_disk(struct ktest *t,
						unsigned long *addr,
						unsigned long *first)
{
	return mm_with_windows_on_disk(t, 1, addr, first);
}

/* The value mm_with_pages wrote into the page at a. */
static uint32_t written_at(unsigned long addr, unsigned long a)
{
	return 1000 + (a - addr) / PAGE_SIZE;
}

/* Reads the n pages from `from` in order, as a process reading its
 * memory back would: each must hold what was written there. */
static void expect_read_in_order(struct ktest *t, unsigned long addr,
				 unsigned long from, unsigned long n)
{
	for (unsigned long a = from; a < from + n * PAGE_SIZE; a += PAGE_SIZE)
		KTEST_EXPECT_EQ(t, get_u32(a), written_at(addr, a));
}

/*
 * A page's neighbours on swap come in with it, in one request, and the
 * fault maps them too (swap_fault_around): one fault, one read.
 */
static void readahead_reads_the_cluster_in_one_request(struct ktest *t)
{
	unsigned int n = 1U << page_cluster;
	struct block_device *bdev;
	unsigned long addr, first, requests, majors, faults;
	struct mm_struct *mm = mm_with_window_on_disk(t, &addr, &first);

	if (!mm)
		return;
	bdev = swap_info[swap_list.head].bdev;	/* there is one now */
	requests = bdev->nr_requests;
	majors = vm_events[PGMAJFAULT];
	faults = vm_events[PGFAULT];
	expect_read_in_order(t, addr, first, n);
	KTEST_EXPECT_EQ(t, bdev->nr_requests - requests, 1);
	KTEST_EXPECT_EQ(t, vm_events[PGMAJFAULT] - majors, 1);
	KTEST_EXPECT_EQ(t, vm_events[PGFAULT] - faults, 1);
	expect_clean_invariants(t);
	leave_mm(t, mm);
}

/*
 * The fault on a window's first page maps the pages read ahead after
 * it, as a read fault would: read-only, the PTE old (not used yet),
 * the slot's count down to the cache's; not past the window, whose
 * next page is not in the cache.  A write then takes the page as any
 * write fault on a swapped-in page does.
 */
static void a_swap_fault_maps_the_pages_read_ahead(struct ktest *t)
{
	unsigned int n = 1U << page_cluster;
	unsigned long addr, first, rss;
	struct mm_struct *mm = mm_with_windows_on_disk(t, 2, &addr, &first);
	swp_entry_t e1;

	if (!mm)
		return;
	e1 = entry_at(mm, first + PAGE_SIZE);
	rss = mm->rss;
	KTEST_EXPECT_EQ(t, get_u32(first), written_at(addr, first));
	KTEST_EXPECT_EQ(t, mm->rss, rss + n);
	for (unsigned int i = 1; i < n; i++) {
		pte_t pte = *pte_of(mm, first + i * PAGE_SIZE);

		KTEST_EXPECT_TRUE(t, pte_present(pte));
		KTEST_EXPECT_FALSE(t, pte_write(pte));
		KTEST_EXPECT_FALSE(t, pte_young(pte));
	}
	KTEST_EXPECT_EQ(t, swap_count(e1), 1);		/* the cache's */
	KTEST_EXPECT_FALSE(t, pte_present(*pte_of(mm, first + n * PAGE_SIZE)));
	KTEST_EXPECT_EQ(t, put_u32(first + PAGE_SIZE, 7), 0);
	KTEST_EXPECT_EQ(t, get_u32(first + PAGE_SIZE), 7);
	KTEST_EXPECT_TRUE(t, pte_write(*pte_of(mm, first + PAGE_SIZE)));
	expect_clean_invariants(t);
	leave_mm(t, mm);
}

/* Are the n PTEs from a present, and each writable as want says? */
static void expect_mapped(struct ktest *t, struct mm_struct *mm,
			  unsigned long a, unsigned int n, bool want)
{
	for (unsigned int i = 0; i < n; i++, a += PAGE_SIZE) {
		pte_t pte = *pte_of(mm, a);

		KTEST_ASSERT_TRUE(t, pte_present(pte));
		KTEST_EXPECT_EQ(t, pte_write(pte), want);
		KTEST_EXPECT_EQ(t, pte_dirty(pte), want);
		KTEST_EXPECT_EQ(t, PageSwapCache(pte_page(pte)), !want);
	}
}

/* The n unmapped pages from a, if read-ahead brought them into the
 * cache, leave it: on disk only again. */
static bool drop_read_ahead(struct ktest *t, struct mm_struct *mm,
			    unsigned long a, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++, a += PAGE_SIZE) {
		struct page *page = find_swap_page(entry_at(mm, a));

		if (!page)
			continue;
		if (!ktest_wait_on_page(t, page, "its read-ahead to end"))
			return false;
		page_cache_release(page);
		if (!drop_from_cache(t, page))
			return false;
	}
	return true;
}

/*
 * A process that writes what it reads (the page before the fault
 * mapped writable and dirty) gets the page it faults on and the pages
 * mapped around it as its write faults would leave them: writable,
 * dirty, out of the swap cache, their slots free.  Its writes then
 * take no fault, and survive a trip to swap and back.  A reader (the
 * page before mapped read-only) gets them read-only, in the cache.
 */
static void a_writer_gets_the_pages_read_ahead_writable(struct ktest *t)
{
	unsigned int n = 1U << page_cluster;
	unsigned long addr, first, faults, free_slots, w1, w4;
	struct mm_struct *mm = mm_with_windows_on_disk(t, 5, &addr, &first);

	if (!mm)
		return;
	w1 = first + n * PAGE_SIZE;
	w4 = first + 4 * n * PAGE_SIZE;
	/* a writer: writes the page before window 1, then reads on */
	KTEST_EXPECT_EQ(t, put_u32(w1 - PAGE_SIZE, 7), 0);
	KTEST_EXPECT_FALSE(t, pte_present(*pte_of(mm, w1)));
	free_slots = nr_swap_pages;
	faults = vm_events[PGFAULT];
	KTEST_EXPECT_EQ(t, get_u32(w1), written_at(addr, w1));
	expect_mapped(t, mm, w1, n, true);
	KTEST_EXPECT_EQ(t, nr_swap_pages, free_slots + n);
	for (unsigned int i = 0; i < n; i++)
		KTEST_EXPECT_EQ(t, put_u32(w1 + i * PAGE_SIZE, 5000 + i), 0);
	KTEST_EXPECT_EQ(t, vm_events[PGFAULT] - faults, 1);
	for (unsigned int i = 0; i < n; i++)
		if (!write_out(t, swap_out_page(mm, w1 + i * PAGE_SIZE)))
			return;
	for (unsigned int i = 0; i < n; i++)
		KTEST_EXPECT_EQ(t, get_u32(w1 + i * PAGE_SIZE), 5000 + i);
	/* a reader: reads the page before window 4, then window 4 (on
	 * disk only again: the writer's read-ahead may have reached it) */
	if (!drop_read_ahead(t, mm, w4, n))
		return;
	KTEST_EXPECT_EQ(t, get_u32(w4 - PAGE_SIZE), written_at(addr, w4 -
								 PAGE_SIZE));
	KTEST_EXPECT_FALSE(t, pte_present(*pte_of(mm, w4)));
	KTEST_EXPECT_EQ(t, get_u32(w4), written_at(addr, w4));
	expect_mapped(t, mm, w4, n, false);
	expect_clean_invariants(t);
	leave_mm(t, mm);
}

/*
 * A writer whose slots a forked child shares gets its pages read-only
 * and in the cache, as any reader: its write copies the page, and the
 * child still reads what was on disk.
 */
static void a_writer_shares_what_fork_shares(struct ktest *t)
{
	unsigned int n = 1U << page_cluster;
	unsigned long addr, first, w1;
	struct mm_struct *parent = mm_with_windows_on_disk(t, 2, &addr,
							   &first);
	struct mm_struct *child;

	if (!parent)
		return;
	w1 = first + n * PAGE_SIZE;
	child = dup_mm(parent);
	KTEST_ASSERT_NOT_NULL(t, child);
	KTEST_EXPECT_EQ(t, put_u32(w1 - PAGE_SIZE, 7), 0);	/* a copy */
	KTEST_EXPECT_TRUE(t, pte_dirty(*pte_of(parent, w1 - PAGE_SIZE)));
	KTEST_EXPECT_EQ(t, get_u32(w1), written_at(addr, w1));
	expect_mapped(t, parent, w1, n, false);
	KTEST_EXPECT_EQ(t, put_u32(w1 + PAGE_SIZE, 9), 0);
	KTEST_EXPECT_EQ(t, get_u32(w1 + PAGE_SIZE), 9);
	use_mm(child);
	KTEST_EXPECT_EQ(t, get_u32(w1 + PAGE_SIZE),
			written_at(addr, w1 + PAGE_SIZE));
	KTEST_EXPECT_EQ(t, get_u32(w1 - PAGE_SIZE),
			written_at(addr, w1 - PAGE_SIZE));
	leave_mm(t, child);
	use_mm(parent);
	expect_clean_invariants(t);
	leave_mm(t, parent);
}

/*
 * Read-ahead runs ahead of a process that reads in order: the hit on
 * the second page of a window, the page before it mapped, reads the
 * next window without waiting, so the next window's first page is a
 * minor fault; its pages start aged as if used once.  Backwards (the
 * second page hit before the first is mapped) nothing is read ahead.
 */
static void readahead_runs_ahead_of_a_reader_in_order(struct ktest *t)
{
	unsigned int n = 1U << page_cluster;
	struct block_device *bdev;
	unsigned long addr, first, requests, majors, second;
	struct mm_struct *mm = mm_with_windows_on_disk(t, 3, &addr, &first);
	struct page *page;
	swp_entry_t ahead;

	if (!mm)
		return;
	bdev = swap_info[swap_list.head].bdev;
	/* window 0 backwards, then on: the second page is hit while the
	 * first is not mapped yet, so nothing is read ahead */
	requests = bdev->nr_requests;
	majors = vm_events[PGMAJFAULT];
	for (unsigned int i = 3; i-- > 0; )
		KTEST_EXPECT_EQ(t, get_u32(first + i * PAGE_SIZE),
				written_at(addr, first + i * PAGE_SIZE));
	expect_read_in_order(t, addr, first + 3 * PAGE_SIZE, n - 3);
	KTEST_EXPECT_EQ(t, bdev->nr_requests - requests, 1);
	KTEST_EXPECT_EQ(t, vm_events[PGMAJFAULT] - majors, 1);
	/* windows 1 and 2 in order: one major fault, then ahead */
	second = first + n * PAGE_SIZE;
	ahead = entry_at(mm, second + n * PAGE_SIZE);
	KTEST_EXPECT_TRUE(t, swap_entry_needs_read(ahead));
	majors = vm_events[PGMAJFAULT];
	KTEST_EXPECT_EQ(t, get_u32(second), written_at(addr, second));
	/* read ahead, and aged as if used once: about to be */
	page = find_swap_page(ahead);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_EQ(t, page->age, PAGE_AGE_START + PAGE_AGE_ADV);
	page_cache_release(page);
	expect_read_in_order(t, addr, second + PAGE_SIZE, 2 * n - 1);
	KTEST_EXPECT_EQ(t, vm_events[PGMAJFAULT] - majors, 1);
	expect_clean_invariants(t);
	leave_mm(t, mm);
}

/*
 * A reader in order gets larger and larger windows read ahead, up to
 * what one request to the disk carries (swapin_window), and fault-
 * around maps as far: 8 windows of 16 pages take 4 faults and 4
 * requests (and one more ahead) instead of 8 of each.  A fault that must read starts the
 * window again from 1 << page_cluster.
 */
static void readahead_ramps_up_for_a_reader_in_order(struct ktest *t)
{
	unsigned int n = 1U << page_cluster;
	struct block_device *bdev;
	unsigned long addr, first, requests, faults;
	unsigned int most;
	struct mm_struct *mm = mm_with_windows_on_disk(t, 8, &addr, &first);

	if (!mm)	/* no swap area (skipped): no disk to look at */
		return;
	bdev = swap_info[swap_list.head].bdev;
	most = min((unsigned int)BLK_MAX_SEGS, bdev->max_segs) & ~(n - 1);
	if (most < 4 * n) {
		ktest_skip(t, "the disk takes fewer than 4 windows a request");
		leave_mm(t, mm);
		return;
	}
	requests = bdev->nr_requests;
	faults = vm_events[PGFAULT];
	expect_read_in_order(t, addr, first, 8 * n);
	/* 16 (the fault), 16 (the fault), 32 and 64 ahead, and from the
	 * last fault (a window's start) the pages after the 8 windows */
	KTEST_EXPECT_EQ(t, bdev->nr_requests - requests, 5);
	KTEST_EXPECT_EQ(t, vm_events[PGFAULT] - faults, 4);
	KTEST_EXPECT_EQ(t, swapin_window, 4 * n);
	if (!write_out(t, swap_out_page(mm, first)))
		return;
	KTEST_EXPECT_EQ(t, get_u32(first), written_at(addr, first));
	KTEST_EXPECT_EQ(t, swapin_window, 0);
	expect_clean_invariants(t);
	leave_mm(t, mm);
}

/*
 * Read-ahead follows the reader's addresses, not the slots: a process
 * whose next pages went to swap elsewhere on the disk (here 2 windows
 * of slots further on, which other owners held when they were written)
 * still finds them read ahead when it gets there.  Two windows of
 * pages after a resident one: the first window's fault reads the rest
 * of it, the next fault reads the second window from its own slot, and
 * the second window then takes no major fault.  Red if read-ahead
 * looks for the next block by slot (the slots after the first window
 * are free) or starts the window at the aligned block (its first slot
 * may be free too).
 */
static void readahead_follows_the_reader_across_a_slot_jump(struct ktest *t)
{
	unsigned int n = 1U << page_cluster;
	unsigned long addr, a, majors;
	struct mm_struct *mm = mm_with_pages(t, 1 + 2 * n, &addr);
	swp_entry_t held[2 * BLK_MAX_SEGS];
	swp_entry_t before, after;

	if (!mm)
		return;
	for (a = addr + PAGE_SIZE; a <= addr + n * PAGE_SIZE; a += PAGE_SIZE)
		if (!write_out(t, swap_out_page(mm, a)))
			return;
	for (unsigned int i = 0; i < 2 * n; i++)	/* other owners' */
		held[i] = get_swap_page();
	for (; a <= addr + 2 * n * PAGE_SIZE; a += PAGE_SIZE)
		if (!write_out(t, swap_out_page(mm, a)))
			return;
	for (unsigned int i = 0; i < 2 * n; i++)
		if (held[i].val)
			swap_free(held[i]);
	before = entry_at(mm, addr + n * PAGE_SIZE);
	after = entry_at(mm, addr + (n + 1) * PAGE_SIZE);
	KTEST_ASSERT_TRUE(t, SWP_OFFSET(after) != SWP_OFFSET(before) + 1);
	expect_read_in_order(t, addr, addr, 1 + n);
	majors = vm_events[PGMAJFAULT];
	expect_read_in_order(t, addr, addr + (n + 1) * PAGE_SIZE, n);
	KTEST_EXPECT_EQ(t, vm_events[PGMAJFAULT] - majors, 0);
	expect_clean_invariants(t);
	leave_mm(t, mm);
}

/*
 * Being found in the swap cache is being used (lookup_swap_cache ages
 * the page up, as 2.4.0's page-cache lookups do): a neighbour that was
 * already cached, aged to 0 and inactive, is active again after the
 * fault's read-ahead looked at it, and the page faulted on is aged up
 * once; a neighbour merely read ahead keeps the age it came with.
 */
static void swap_cache_lookups_age_pages_up(struct ktest *t)
{
	unsigned long addr, first;
	struct mm_struct *mm = mm_with_window_on_disk(t, &addr, &first);
	struct page *faulted, *found, *read;
	swp_entry_t e2;

	if (!mm)
		return;
	e2 = entry_at(mm, first + 2 * PAGE_SIZE);
	found = read_swap_cache_async(entry_at(mm, first + PAGE_SIZE));
	KTEST_ASSERT_NOT_NULL(t, found);
	if (!ktest_wait_on_page(t, found, "its read to end"))
		return;
	found->age = 0;
	deactivate_page(found);
	KTEST_EXPECT_TRUE(t, PageInactiveDirty(found));
	page_cache_release(found);		/* the cache's only */
	KTEST_EXPECT_EQ(t, get_u32(first), 1000 + (first - addr) / PAGE_SIZE);
	faulted = follow_page(mm, first);
	read = find_swap_page(e2);
	KTEST_ASSERT_TRUE(t, faulted && read);
	KTEST_EXPECT_TRUE(t, PageActive(found));
	KTEST_EXPECT_EQ(t, found->age, PAGE_AGE_START + PAGE_AGE_ADV);
	KTEST_EXPECT_EQ(t, faulted->age, PAGE_AGE_START + PAGE_AGE_ADV);
	KTEST_EXPECT_FALSE(t, PageReferenced(faulted));
	KTEST_EXPECT_EQ(t, read->age, PAGE_AGE_START);	/* from the free */
	page_cache_release(read);
	expect_clean_invariants(t);
	leave_mm(t, mm);
}

/*
 * Read-ahead while the allocator sleeps.  A watcher thread runs each
 * time the test thread gives way (it yields in a loop, so it has the
 * CPU whenever the test thread does not want it), and looks at the
 * window's slots in the swap cache.
 */
struct window_watch {
	swp_entry_t first;		/* the window's first slot */
	unsigned int n;			/* slots in the window */
	struct block_device *bdev;
	unsigned long requests;		/* bdev->nr_requests before */
	volatile bool reading;		/* in swapin_readahead() */
	volatile bool done;
	volatile unsigned int looks;	/* runs while reading */
	volatile unsigned int locked_unsent;	/* ... that found one */
};

/* Is a page of the window in the cache and locked? */
static bool window_page_locked(const struct window_watch *w)
{
	for (unsigned int i = 0; i < w->n; i++) {
		struct page *page = find_swap_page(SWP_ENTRY(
			SWP_TYPE(w->first), SWP_OFFSET(w->first) + i));
		bool locked = page && PageLocked(page);

		if (page)
			page_cache_release(page);
		if (locked)
			return true;
	}
	return false;
}

static int watch_window(void *arg)
{
	struct window_watch *w = arg;

	while (!w->done) {
		if (w->reading) {
			w->looks++;
			/* no request sent yet: nobody will unlock it */
			if (w->bdev->nr_requests == w->requests &&
			    window_page_locked(w))
				w->locked_unsent++;
		}
		yield();
	}
	return 0;
}

/* Could alloc_page(GFP_HIGHUSER) have a page without yielding? */
static bool user_page_at_hand(void)
{
	zonelist_t *list = NODE_DATA(numa_node_id())->node_zonelists +
			   gfp_zone(GFP_HIGHUSER);

	/* __alloc_pages' steps 3 and 4 (mm/page_alloc.c) */
	for (zone_t **zp = list->zones; *zp; zp++)
		if ((*zp)->free_pages >= (*zp)->pages_low ||
		    (*zp)->free_pages + (*zp)->inactive_clean_pages >
		    (*zp)->pages_low)
			return true;
	return false;
}

/*
 * The hang this case guards against: read-ahead held a window page
 * locked in the swap cache, its read not sent, while it allocated the
 * next one; the allocator sleeps (here it yields, below pages_low),
 * and a process faulting on that slot sleeps in lock_page until the
 * read-ahead's allocation ends, which, if that process is the OOM
 * victim, is never.  With memory held just below pages_low, every
 * allocation of the window yields to the watcher (kswapd is kept out,
 * so nothing frees memory meanwhile): no page of the window may be
 * locked then unless its read is on its way.  The pages then read back
 * with their data, in one request.
 */
static void readahead_sleeps_with_no_page_locked(struct ktest *t)
{
	struct window_watch w = { .n = 1U << page_cluster };
	struct task_struct *kswapd = kswapd_task;
	unsigned long addr, first, sent;
	struct mm_struct *mm = mm_with_window_on_disk(t, &addr, &first);
	struct page *hog = NULL;
	int pid;

	if (!mm)
		return;
	w.first = entry_at(mm, first);
	w.bdev = swap_info[SWP_TYPE(w.first)].bdev;
	pid = kernel_thread(watch_window, &w, "watcher");
	KTEST_ASSERT_TRUE(t, pid > 0);
	kswapd_task = NULL;		/* wakeup_kswapd() does nothing */
	while (user_page_at_hand()) {
		struct page *page = alloc_page(GFP_HIGHUSER);

		if (!page)
			break;
		hold_page(&hog, page);
	}
	w.requests = w.bdev->nr_requests;
	w.reading = true;
	swapin_readahead(w.first);
	w.reading = false;
	sent = w.bdev->nr_requests - w.requests;
	free_held_pages(hog);
	kswapd_task = kswapd;
	w.done = true;
	KTEST_EXPECT_EQ(t, ktest_exit_code(t, pid), 0);
	KTEST_EXPECT_GE(t, w.looks, w.n);	/* each allocation slept */
	KTEST_EXPECT_EQ(t, w.locked_unsent, 0);
	expect_read_in_order(t, addr, first, w.n);
	KTEST_EXPECT_EQ(t, sent, 1);	/* the window's, and no other */
	expect_clean_invariants(t);
	leave_mm(t, mm);
}

/*
 * fork() copies a swap PTE: the slot gets a user more.  A read in the
 * child shares the page; a write copies it, since the parent's swap
 * PTE still holds the slot; the parent then finds its own data.
 */
static void fork_shares_swapped_pages(struct ktest *t)
{
	unsigned long addr;
	struct page *page;
	swp_entry_t entry;
	struct mm_struct *parent = mm_with_swapped_page(t, &addr, &page,
							&entry);
	struct mm_struct *child;

	if (!parent)
		return;
	child = dup_mm(parent);
	KTEST_ASSERT_NOT_NULL(t, child);
	KTEST_EXPECT_EQ(t, entry_at(child, addr).val, entry.val);
	KTEST_EXPECT_EQ(t, swap_count(entry), 3);	/* 2 PTEs + cache */
	expect_clean_invariants(t);

	use_mm(child);
	KTEST_EXPECT_EQ(t, get_u32(addr), 1000);
	KTEST_EXPECT_PTR_EQ(t, follow_page(child, addr), page);
	KTEST_EXPECT_FALSE(t, pte_write(*pte_of(child, addr)));
	KTEST_EXPECT_EQ(t, swap_count(entry), 2);	/* parent + cache */
	KTEST_EXPECT_EQ(t, put_u32(addr, 2000), 0);	/* copy-on-write */
	KTEST_EXPECT_PTR_NE(t, follow_page(child, addr), page);
	KTEST_EXPECT_EQ(t, page_word(page, 0), 1000);
	expect_clean_invariants(t);

	use_mm(parent);
	KTEST_EXPECT_EQ(t, get_u32(addr), 1000);
	KTEST_EXPECT_PTR_EQ(t, follow_page(parent, addr), page);
	KTEST_EXPECT_EQ(t, swap_count(entry), 1);	/* the cache's */
	KTEST_EXPECT_EQ(t, put_u32(addr, 3000), 0);	/* ours alone now */
	KTEST_EXPECT_PTR_EQ(t, follow_page(parent, addr), page);
	use_mm(child);
	KTEST_EXPECT_EQ(t, get_u32(addr), 2000);
	leave_mm(t, child);
	use_mm(parent);
	expect_clean_invariants(t);
	leave_mm(t, parent);
}

/* Exit gives every slot and every cached page back. */
static void exit_frees_slots_and_cache(struct ktest *t)
{
	unsigned long addr, free_slots = nr_swap_pages;
	unsigned long cached = swapper_space.nrpages;
	struct mm_struct *mm = mm_with_pages(t, 16, &addr), *child;

	if (!mm)
		return;
	for (int i = 0; i < 16; i++)
		swap_out_page(mm, addr + i * PAGE_SIZE);
	child = dup_mm(mm);
	KTEST_ASSERT_NOT_NULL(t, child);
	KTEST_EXPECT_EQ(t, nr_swap_pages, free_slots - 16);
	mmput(child);
	KTEST_EXPECT_EQ(t, nr_swap_pages, free_slots - 16);
	leave_mm(t, mm);
	KTEST_EXPECT_EQ(t, nr_swap_pages, free_slots);
	KTEST_EXPECT_EQ(t, swapper_space.nrpages, cached);
	expect_clean_invariants(t);
}

/*
 * A new locked, uptodate page in the swap cache at entry, which must
 * already be held (the caller's slot, which a PTE holds), put on the
 * list its age puts it on; the cache is its only user, and takes a
 * reference on the slot (swap_duplicate, as 2.4.0's
 * read_swap_cache_async does).  NULL (the case failed) if not.
 */
static struct page *page_in_cache(struct ktest *t, swp_entry_t entry,
				  unsigned char age)
{
	struct page *page = alloc_page(GFP_KERNEL);

	if (!page) {
		ktest_fail(t, __FILE__, __LINE__, "no memory");
		return NULL;
	}
	lock_page(page);
	page->age = age;
	SetPageUptodate(page);
	swap_duplicate(entry);
	if (add_to_swap_cache(page, entry)) {
		ktest_fail(t, __FILE__, __LINE__, "add_to_swap_cache");
		return NULL;
	}
	put_page(page);		/* the cache is the page's only user */
	return page;
}

/* The slot of the reclaim suite's disk that cannot be read (suites.py). */
#define BAD_SLOT	1504

/*
 * Takes the slots BAD_SLOT and BAD_SLOT + 1 of vda for the pages of
 * mm[i] at addr[i] (one each), which then hold 5000 + i there, on disk
 * only: each PTE becomes the swap PTE of its slot at once (nothing
 * sleeps in between, so kswapd never finds a slot that no PTE holds),
 * then the page is written and dropped from the cache.  Slots taken on
 * the way are freed.
 */
static bool two_slots_on_disk(struct ktest *t, struct mm_struct *mm[2],
			      unsigned long addr[2], swp_entry_t e[2])
{
	swp_entry_t *taken = kmalloc(BAD_SLOT * 2 * sizeof(*taken),
				     GFP_KERNEL);
	unsigned long n = 0;

	if (!taken) {
		ktest_fail(t, __FILE__, __LINE__, "no memory");
		return false;
	}
	e[0].val = e[1].val = 0;
	while (!e[1].val && n < BAD_SLOT * 2) {
		swp_entry_t x = get_swap_page();

		if (!x.val)
			break;
		if (SWP_OFFSET(x) == BAD_SLOT || SWP_OFFSET(x) == BAD_SLOT + 1)
			e[SWP_OFFSET(x) - BAD_SLOT] = x;
		else
			taken[n++] = x;
	}
	while (n)
		swap_free(taken[--n]);
	kfree(taken);
	if (!e[0].val || !e[1].val) {
		ktest_fail(t, __FILE__, __LINE__, "slots %d-%d not free",
			   BAD_SLOT, BAD_SLOT + 1);
		return false;
	}
	for (int i = 0; i < 2; i++)
		replace_page_by_pte(mm[i], addr[i], swp_entry_to_pte(e[i]));
	for (int i = 0; i < 2; i++) {
		struct page *page = page_in_cache(t, e[i], 0);

		if (!page)
			return false;
		*(uint32_t *)kmap(page) = 5000 + i;
		kunmap(page);
		set_page_dirty(page);
		unlock_page(page);
		if (!write_out(t, page))
			return false;
	}
	return true;
}

/*
 * Two processes' pages lie side by side on swap; the first cannot be
 * read.  The second process faults first: read-ahead reads both slots
 * in one request, which fails as a whole; its own slot, read again
 * alone, is fine.  Only the first process, whose data is gone, gets
 * SIGBUS.
 */
static void a_failed_readahead_hurts_only_the_unreadable_page(struct ktest *t)
{
	unsigned long addr[2], bad_addr, good_addr, errors = 0;
	struct mm_struct *mm[2], *bad, *good;
	swp_entry_t e[2];

	bad = mm[0] = mm_with_pages(t, 1, &addr[0]);
	good = mm[1] = mm_with_pages(t, 1, &addr[1]);	/* current's */
	if (!bad || !good || !two_slots_on_disk(t, mm, addr, e))
		return;
	bad_addr = addr[0];
	good_addr = addr[1];
	expect_clean_invariants(t);
	KTEST_EXPECT_EQ(t, handle_mm_fault(good, find_vma(good, good_addr),
					   good_addr, 0), VM_FAULT_MAJOR);
	KTEST_EXPECT_EQ(t, get_u32(good_addr), 5001);
	use_mm(bad);
	errors = handle_mm_fault(bad, find_vma(bad, bad_addr), bad_addr, 0);
	KTEST_EXPECT_EQ(t, errors, VM_FAULT_SIGBUS);
	KTEST_EXPECT_NULL(t, lookup_swap_cache(e[0]));	/* nothing kept */
	KTEST_EXPECT_EQ(t, swap_count(e[0]), 1);	/* the PTE's */
	KTEST_EXPECT_TRUE(t, swap_slot_marked_bad(e[0]));
	KTEST_EXPECT_FALSE(t, swap_slot_marked_bad(e[1]));
	expect_clean_invariants(t);
	leave_mm(t, bad);
	KTEST_EXPECT_EQ(t, swap_info[SWP_TYPE(e[0])].swap_map[BAD_SLOT],
			SWAP_MAP_BAD);		/* never handed out again */
	use_mm(good);
	leave_mm(t, good);
	expect_clean_invariants(t);
}

/* ------------------------------------------------ the lists */

/*
 * A locked page that only the swap cache holds, on the list its age
 * puts it on (0: inactive_dirty), as try_to_swap_out leaves one: the
 * swap PTE at addr in mm holds its slot too (the page mapped there is
 * given up for it), or page_launder would drop it as unused.  A real
 * PTE, not a count taken by hand: kswapd checks every swap_map count
 * against the PTEs in debug builds whenever the test sleeps.
 * drop_from_cache() drops the page, leave_mm() the slot.
 */
static struct page *cached_page(struct ktest *t, struct mm_struct *mm,
				unsigned long addr, unsigned char age)
{
	swp_entry_t entry = get_swap_page();

	if (!entry.val) {
		ktest_fail(t, __FILE__, __LINE__, "no slot");
		return NULL;
	}
	replace_page_by_pte(mm, addr, swp_entry_to_pte(entry));
	return page_in_cache(t, entry, age);
}


/*
 * page_launder's first pass, page by page: referenced, aged or mapped
 * pages go back to the active list; a locked one waits its turn; a
 * dirty one is passed over without a free shortage; a clean one moves
 * to its zone's inactive_clean_list.
 */
static void page_launder_decides_each_page(struct ktest *t)
{
	struct page *pages[6];
	unsigned long writes = vm_events[PSWPOUT], addr;
	struct mm_struct *mm = mm_with_pages(t, 6, &addr);

	if (!mm)
		return;
	for (int i = 0; i < 6; i++) {
		pages[i] = cached_page(t, mm, addr + i * PAGE_SIZE, 0);
		KTEST_ASSERT_NOT_NULL(t, pages[i]);
		KTEST_ASSERT_TRUE(t, PageInactiveDirty(pages[i]));
	}
	SetPageReferenced(pages[0]);
	pages[1]->age = 3;
	get_page(pages[2]);			/* "mapped" */
	set_page_dirty(pages[4]);
	for (int i = 0; i < 6; i++)
		if (i != 3)			/* 3 stays locked */
			unlock_page(pages[i]);
	KTEST_EXPECT_EQ(t, page_launder(GFP_KSWAPD, 0) >= 1, 1);
	KTEST_EXPECT_TRUE(t, PageActive(pages[0]));
	KTEST_EXPECT_FALSE(t, PageReferenced(pages[0]));
	KTEST_EXPECT_TRUE(t, PageActive(pages[1]));
	KTEST_EXPECT_TRUE(t, PageActive(pages[2]));
	KTEST_EXPECT_TRUE(t, PageInactiveDirty(pages[3]));
	if (!free_shortage()) {
		KTEST_EXPECT_TRUE(t, PageInactiveDirty(pages[4]));
		KTEST_EXPECT_TRUE(t, PageDirty(pages[4]));
		KTEST_EXPECT_EQ(t, vm_events[PSWPOUT], writes);
	}
	KTEST_EXPECT_TRUE(t, PageInactiveClean(pages[5]));
	put_page(pages[2]);
	unlock_page(pages[3]);
	for (int i = 0; i < 6; i++)
		if (!drop_from_cache(t, pages[i]))
			return;
	leave_mm(t, mm);
	expect_clean_invariants(t);
}

/*
 * A page on inactive_dirty_list that nobody uses any more (no PTE holds
 * its slot, no reference but the cache's: its owner exited while it was
 * being written) is dropped by page_launder, dirty or not: page and
 * slot are free, and nothing is written.
 */
static void page_launder_drops_unused_pages(struct ktest *t)
{
	unsigned long free_slots, cached = swapper_space.nrpages, addr;
	unsigned long writes = vm_events[PSWPOUT];
	struct mm_struct *mm = mm_with_pages(t, 1, &addr);
	struct page *page;
	swp_entry_t entry;

	if (!mm)
		return;
	page = cached_page(t, mm, addr, 0);
	KTEST_ASSERT_NOT_NULL(t, page);
	entry.val = page->index;
	set_page_dirty(page);
	free_slots = nr_swap_pages;
	/* the owner exits while the page is locked (being written) */
	leave_mm(t, mm);
	unlock_page(page);
	KTEST_EXPECT_EQ(t, swap_count(entry), 1);	/* the cache's */
	page_launder(GFP_KSWAPD, 0);
	KTEST_EXPECT_EQ(t, swap_count(entry), 0);
	KTEST_EXPECT_EQ(t, nr_swap_pages, free_slots + 1);
	KTEST_EXPECT_EQ(t, swapper_space.nrpages, cached);
	KTEST_EXPECT_EQ(t, vm_events[PSWPOUT], writes);
	expect_clean_invariants(t);
}

/*
 * Short of free pages and allowed I/O, page_launder writes a dirty
 * page; a caller that must wait (sync) waits for the write and finds
 * the page clean.  The disk holds what the page held.
 */
static void page_launder_writes_when_short(struct ktest *t)
{
	struct page *page, *hog = NULL;
	unsigned long writes = vm_events[PSWPOUT], addr;
	struct mm_struct *mm = mm_with_pages(t, 1, &addr);
	swp_entry_t entry;
	uint32_t *raw;

	if (!mm)
		return;
	page = cached_page(t, mm, addr, 0);
	KTEST_ASSERT_NOT_NULL(t, page);
	entry.val = page->index;
	memset(kmap(page), 0x5a, PAGE_SIZE);
	kunmap(page);
	set_page_dirty(page);
	unlock_page(page);
	/* a free shortage: hold pages until free_shortage() says so.
	 * Atomic allocations never yield: kswapd, woken by the shortage,
	 * must not run (and write the page itself) before page_launder */
	while (!free_shortage()) {
		struct page *p = alloc_page(GFP_ATOMIC);

		KTEST_ASSERT_NOT_NULL(t, p);
		hold_page(&hog, p);
	}
	page_launder(GFP_KSWAPD, 1);
	free_held_pages(hog);
	if (!ktest_wait_on_page(t, page, "page_launder's write to end"))
		return;
	KTEST_EXPECT_GT(t, vm_events[PSWPOUT], writes);
	KTEST_EXPECT_FALSE(t, PageDirty(page));
	KTEST_EXPECT_FALSE(t, PageError(page));
	/*
	 * page_launder(sync) waits for its last write only when its passes
	 * cleaned nothing else; kswapd (woken by the shortage) may have
	 * left clean pages for the first pass, and then the written page
	 * is still on inactive_dirty_list.  The next cheap pass moves it
	 * off.  To inactive_clean_list, unless kswapd's own pass came
	 * first, while page_launder(sync) waited for the write holding a
	 * reference: a page with two references is in use, and goes to
	 * the active list (2.4.0's page_count(page) > 2 after its buffers
	 * are freed does the same).
	 */
	page_launder(0, 0);
	KTEST_EXPECT_FALSE(t, PageInactiveDirty(page));
	KTEST_EXPECT_TRUE(t, PageInactiveClean(page) || PageActive(page));
	raw = kmalloc(PAGE_SIZE, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, raw);
	KTEST_EXPECT_EQ(t, blk_rw_sync(swap_info[SWP_TYPE(entry)].bdev, READ,
				       (sector_t)SWP_OFFSET(entry) * 8, raw,
				       PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, raw[0], 0x5a5a5a5a);
	KTEST_EXPECT_EQ(t, raw[PAGE_SIZE / 4 - 1], 0x5a5a5a5a);
	kfree(raw);
	if (!drop_from_cache(t, page))
		return;
	leave_mm(t, mm);
	expect_clean_invariants(t);
}

/*
 * reclaim_page takes a clean, unused page from the tail of its zone's
 * inactive_clean_list: out of the swap cache, slot freed, one
 * reference for the caller.  Pages dirtied again go back to
 * inactive_dirty, referenced ones to active.
 */
static void reclaim_page_takes_clean_unused_pages(struct ktest *t)
{
	struct page *clean, *dirty, *used, *got;
	unsigned long steals = vm_events[PGSTEAL], free_slots, addr;
	struct mm_struct *mm = mm_with_pages(t, 3, &addr);
	swp_entry_t entry;
	zone_t *zone;

	if (!mm)
		return;
	dirty = cached_page(t, mm, addr, 0);	/* the oldest first */
	used = cached_page(t, mm, addr + PAGE_SIZE, 0);
	clean = cached_page(t, mm, addr + 2 * PAGE_SIZE, 0);
	KTEST_ASSERT_TRUE(t, clean && dirty && used);
	KTEST_ASSERT_TRUE(t, page_zone(clean) == page_zone(dirty) &&
			  page_zone(dirty) == page_zone(used));
	zone = page_zone(clean);
	free_slots = nr_swap_pages;
	entry.val = clean->index;
	unlock_page(clean);
	unlock_page(dirty);
	unlock_page(used);
	page_launder(GFP_KSWAPD, 0);	/* all three clean-inactive */
	KTEST_ASSERT_TRUE(t, PageInactiveClean(clean) &&
			  PageInactiveClean(dirty) && PageInactiveClean(used));
	set_page_dirty(dirty);
	SetPageReferenced(used);
	/* from the tail, the oldest: dirty, used, then clean */
	got = reclaim_page(zone);
	KTEST_EXPECT_PTR_EQ(t, got, clean);
	KTEST_EXPECT_TRUE(t, PageInactiveDirty(dirty));
	KTEST_EXPECT_TRUE(t, PageActive(used));
	KTEST_EXPECT_FALSE(t, PageSwapCache(clean));
	KTEST_EXPECT_FALSE(t, PageInactiveClean(clean));
	KTEST_EXPECT_EQ(t, page_count(clean), 1);
	KTEST_EXPECT_EQ(t, swap_count(entry), 1);	/* the PTE's */
	KTEST_EXPECT_EQ(t, nr_swap_pages, free_slots);
	KTEST_EXPECT_EQ(t, vm_events[PGSTEAL], steals + 1);
	__free_page(got);
	if (!drop_from_cache(t, dirty) || !drop_from_cache(t, used))
		return;
	leave_mm(t, mm);
	expect_clean_invariants(t);
}

/*
 * refill_inactive_scan ages the active list: a referenced page is
 * rewarded, an unreferenced one halves, and at 0 an unmapped one goes
 * to inactive_dirty; a mapped one (a reference more) stays.
 */
static void refill_inactive_scan_ages_the_active_list(struct ktest *t)
{
	struct page *referenced, *unmapped, *mapped;
	unsigned long addr;
	struct mm_struct *mm = mm_with_pages(t, 3, &addr);

	if (!mm)
		return;
	referenced = cached_page(t, mm, addr, 4);
	unmapped = cached_page(t, mm, addr + PAGE_SIZE, 1);
	mapped = cached_page(t, mm, addr + 2 * PAGE_SIZE, 1);
	KTEST_ASSERT_TRUE(t, referenced && unmapped && mapped);
	KTEST_ASSERT_TRUE(t, PageActive(unmapped));
	SetPageReferenced(referenced);
	get_page(mapped);
	unlock_page(referenced);
	unlock_page(unmapped);
	unlock_page(mapped);
	KTEST_EXPECT_EQ(t, refill_inactive_scan(0, 0), 1);
	KTEST_EXPECT_TRUE(t, PageActive(referenced));
	KTEST_EXPECT_EQ(t, referenced->age, 4 + PAGE_AGE_ADV);
	KTEST_EXPECT_TRUE(t, PageInactiveDirty(unmapped));
	KTEST_EXPECT_TRUE(t, PageActive(mapped));
	KTEST_EXPECT_EQ(t, mapped->age, 0);
	put_page(mapped);
	if (!drop_from_cache(t, referenced) ||
	    !drop_from_cache(t, unmapped) || !drop_from_cache(t, mapped))
		return;
	leave_mm(t, mm);
	expect_clean_invariants(t);
}

/* ------------------------------------------------ the checker */

static bool names(struct ktest *t, const char *words)
{
	bool found = check_mm_invariants() &&
		     strstr(mm_invariant_report, words);

	if (!found)
		ktest_log(t, "report: '%s'", mm_invariant_report);
	return found;
}

/* Each kind of broken reclaim invariant is caught and named. */
static void the_checker_names_broken_reclaim_state(struct ktest *t)
{
	unsigned long addr;
	struct page *page;
	swp_entry_t entry;
	struct mm_struct *mm = mm_with_swapped_page(t, &addr, &page, &entry);
	struct swap_info_struct *p;

	if (!mm)
		return;
	p = &swap_info[SWP_TYPE(entry)];
	expect_clean_invariants(t);

	p->swap_map[SWP_OFFSET(entry)]++;		/* a leaked slot */
	KTEST_EXPECT_TRUE(t, names(t, "has swap_map 3 but 2 users"));
	p->swap_map[SWP_OFFSET(entry)] -= 2;		/* one too few */
	KTEST_EXPECT_TRUE(t, names(t, "has swap_map 1 but 2 users"));
	p->swap_map[SWP_OFFSET(entry)]++;

	nr_inactive_dirty_pages++;
	KTEST_EXPECT_TRUE(t, names(t, "nr_inactive_dirty_pages says"));
	nr_inactive_dirty_pages--;

	ClearPageInactiveDirty(page);
	SetPageActive(page);
	KTEST_EXPECT_TRUE(t, names(t, "on inactive_dirty_list without"));
	ClearPageActive(page);
	SetPageInactiveDirty(page);

	ClearPageDirty(page);			/* on dirty_pages */
	KTEST_EXPECT_TRUE(t, names(t, "on swapper_space.dirty_pages"));
	SetPageDirty(page);

	expect_clean_invariants(t);
	leave_mm(t, mm);
}

/* ------------------------------------------------ swapoff */

struct swapoff_run {
	const char *disk;
	int error;
};

static int run_swapoff(void *arg)
{
	struct swapoff_run *r = arg;

	r->error = sys_swapoff(r->disk);
	return 0;
}

/*
 * swapoff sleeps in unuse_pte (for the page lock, which the test holds
 * as a read in flight would), and meanwhile the owner makes the part
 * of its mapping with the page PROT_NONE.  That splits the VMA swapoff
 * looked up before it slept: the old one now ends before the page.
 * The page must come back with the protection of the VMA that covers
 * it now, PROT_NONE, not with the old one's.
 */
static void swapoff_maps_a_page_as_its_vma_is_now(struct ktest *t)
{
	unsigned long addr, a;
	struct mm_struct *mm = mm_with_pages(t, 4, &addr);
	/* static: a swapoff left asleep may write it after the case */
	static struct swapoff_run r;
	struct page *page;
	int pid;

	if (!mm)
		return;
	a = addr + 2 * PAGE_SIZE;
	page = swap_out_page(mm, a);
	r.disk = swap_info[SWP_TYPE(entry_at(mm, a))].bdev->name;
	if (!ktest_lock_page(t, page, "holding it while swapoff runs"))
		return;
	pid = kernel_thread(run_swapoff, &r, "swapoff");
	for (int i = 0; pid > 0 && i < HZ && !page->wait; i++)
		schedule_timeout_uninterruptible(1);
	KTEST_EXPECT_EQ(t, page->wait, 1);	/* swapoff waits for it */
	KTEST_EXPECT_EQ(t, do_mprotect(a, 2 * PAGE_SIZE, PROT_NONE), 0);
	unlock_page(page);
	KTEST_ASSERT_TRUE(t, pid > 0);
	KTEST_ASSERT_EQ(t, ktest_exit_code(t, pid), 0);
	KTEST_EXPECT_EQ(t, r.error, 0);
	KTEST_EXPECT_EQ(t, find_vma(mm, a)->vm_start, a);	/* split */
	KTEST_EXPECT_EQ(t, pte_val(*pte_of(mm, a)),
			pte_val(mk_pte(page, vm_get_page_prot(
				find_vma(mm, a)->vm_flags))));
	KTEST_EXPECT_FALSE(t, pte_val(*pte_of(mm, a)) & _PAGE_USER);
	KTEST_EXPECT_EQ(t, mm->rss, 4);
	KTEST_EXPECT_EQ(t, do_mprotect(a, 2 * PAGE_SIZE, RW), 0);
	KTEST_EXPECT_EQ(t, get_u32(a), 1002);
	expect_clean_invariants(t);
	leave_mm(t, mm);
	KTEST_EXPECT_EQ(t, sys_swapon(r.disk, -1), 0);
	expect_clean_invariants(t);
}

/*
 * swapoff brings every page back: some are still in the swap cache,
 * some only on disk, some shared by a forked child; afterwards every
 * PTE maps a page with the right data, no slot is used, and the area
 * is gone.  (Last: the area is swapped on again for what follows.)
 */
static void swapoff_brings_every_page_back(struct ktest *t)
{
	unsigned long addr, cached = swapper_space.nrpages;
	struct mm_struct *mm = mm_with_pages(t, 32, &addr), *child;
	const char *disk;

	if (!mm)
		return;
	disk = swap_info[swap_list.head].bdev->name;
	for (int i = 0; i < 32; i++) {
		struct page *page = swap_out_page(mm, addr + i * PAGE_SIZE);

		if (i % 2 && !write_out(t, page))	/* odd: on disk only */
			return;
	}
	child = dup_mm(mm);
	KTEST_ASSERT_NOT_NULL(t, child);
	KTEST_EXPECT_EQ(t, sys_swapoff(disk), 0);
	KTEST_EXPECT_EQ(t, total_swap_pages, 0);
	KTEST_EXPECT_EQ(t, swapper_space.nrpages, cached);
	for (int i = 0; i < 32; i++) {
		unsigned long a = addr + i * PAGE_SIZE;

		KTEST_EXPECT_NOT_NULL(t, follow_page(mm, a));
		KTEST_EXPECT_PTR_EQ(t, follow_page(child, a),
				    follow_page(mm, a));
		KTEST_EXPECT_EQ(t, get_u32(a), 1000 + i);
	}
	KTEST_EXPECT_EQ(t, mm->rss, 32);
	KTEST_EXPECT_EQ(t, child->rss, 32);
	KTEST_EXPECT_EQ(t, put_u32(addr, 7), 0);	/* copy-on-write */
	KTEST_EXPECT_PTR_NE(t, follow_page(child, addr), follow_page(mm, addr));
	expect_clean_invariants(t);
	mmput(child);
	leave_mm(t, mm);
	KTEST_EXPECT_EQ(t, sys_swapon(disk, -1), 0);
	expect_clean_invariants(t);
}

/*
 * swapoff meets a page whose read-ahead failed on its neighbour's bad
 * sector (one request for both): like a fault, it reads the page again
 * alone and brings it back, and fails only at the slot that cannot be
 * read, keeping the area.
 */
static void swapoff_reads_alone_what_readahead_failed(struct ktest *t)
{
	unsigned long addr[2];
	struct mm_struct *mm[2];
	swp_entry_t e[2];
	const char *disk;
	int err;

	mm[1] = mm_with_pages(t, 1, &addr[1]);	/* walked first */
	mm[0] = mm_with_pages(t, 1, &addr[0]);
	if (!mm[0] || !mm[1] || !two_slots_on_disk(t, mm, addr, e))
		return;
	disk = swap_info[SWP_TYPE(e[0])].bdev->name;
	err = sys_swapoff(disk);
	KTEST_EXPECT_EQ(t, err, -EIO);
	/* a disk without the bad sector (the shell's "test reclaim" on
	 * one's own machine): the area went, and comes back */
	if (!err)
		KTEST_EXPECT_EQ(t, sys_swapon(disk, -1), 0);
	KTEST_EXPECT_TRUE(t, pte_present(*pte_of(mm[1], addr[1])));
	KTEST_EXPECT_FALSE(t, pte_present(*pte_of(mm[0], addr[0])));
	KTEST_EXPECT_EQ(t, swap_count(e[0]), 1);	/* still its PTE's */
	KTEST_EXPECT_GT(t, total_swap_pages, 0);	/* the area kept */
	leave_mm(t, mm[0]);
	use_mm(mm[1]);
	KTEST_EXPECT_EQ(t, get_u32(addr[1]), 5001);
	leave_mm(t, mm[1]);
	expect_clean_invariants(t);
}

static int wake_kswapd_and_wait(void *unused __unused)
{
	wakeup_kswapd(1);
	return 0;
}

/*
 * kswapd is there between rounds: a blocking wake-up (an allocator
 * short of memory) returns once it has done one.  A kswapd that returned
 * left every such allocator asleep on kswapd_done for ever, and only the
 * memory-pressure scenarios noticed, each by its time limit.  The wait
 * runs in a thread, reaped with a limit.
 */
static void kswapd_finishes_a_round_when_woken(struct ktest *t)
{
	KTEST_ASSERT_NOT_NULL(t, kswapd_task);
	KTEST_EXPECT_EQ(t, ktest_exit_code(t, kernel_thread(
		wake_kswapd_and_wait, NULL, "kswapd-waker")), 0);
}

static const struct ktest_case reclaim_cases[] = {
	KTEST_CASE(a_young_pte_is_kept_and_rewarded),
	KTEST_CASE(an_old_page_with_age_left_is_kept),
	KTEST_CASE(an_aged_page_goes_to_the_swap_cache),
	KTEST_CASE(a_cached_page_goes_back_to_its_slot),
	KTEST_CASE(a_write_fault_frees_the_slot),
	KTEST_CASE(a_write_to_a_cached_page_frees_the_slot),
	KTEST_CASE(a_swap_in_frees_the_slot_when_swap_is_short),
	KTEST_CASE(a_spent_budget_stops_the_walk),
	KTEST_CASE(the_walk_calls_within_one_page),
	KTEST_CASE(the_walk_goes_on_into_the_next_page_table),
	KTEST_CASE(the_walk_goes_on_to_the_next_vma),
	KTEST_CASE(no_swap_left_restores_the_pte),
	KTEST_CASE(swap_in_brings_the_data_back),
	KTEST_CASE(readahead_reads_the_cluster_in_one_request),
	KTEST_CASE(a_swap_fault_maps_the_pages_read_ahead),
	KTEST_CASE(a_writer_gets_the_pages_read_ahead_writable),
	KTEST_CASE(a_writer_shares_what_fork_shares),
	KTEST_CASE(readahead_runs_ahead_of_a_reader_in_order),
	KTEST_CASE(readahead_ramps_up_for_a_reader_in_order),
	KTEST_CASE(readahead_follows_the_reader_across_a_slot_jump),
	KTEST_CASE(swap_cache_lookups_age_pages_up),
	KTEST_CASE(readahead_sleeps_with_no_page_locked),
	KTEST_CASE(fork_shares_swapped_pages),
	KTEST_CASE(exit_frees_slots_and_cache),
	KTEST_CASE(a_failed_readahead_hurts_only_the_unreadable_page),
	KTEST_CASE(page_launder_decides_each_page),
	KTEST_CASE(page_launder_drops_unused_pages),
	KTEST_CASE(page_launder_writes_when_short),
	KTEST_CASE(reclaim_page_takes_clean_unused_pages),
	KTEST_CASE(refill_inactive_scan_ages_the_active_list),
	KTEST_CASE(the_checker_names_broken_reclaim_state),
	KTEST_CASE(swapoff_maps_a_page_as_its_vma_is_now),
	KTEST_CASE(swapoff_reads_alone_what_readahead_failed),
	KTEST_CASE(swapoff_brings_every_page_back),
	KTEST_CASE(kswapd_finishes_a_round_when_woken),
};
KTEST_SUITE(reclaim, reclaim_cases);
