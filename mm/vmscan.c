/*
 * Reclaim: finding pages to swap out, laundering them, and kswapd
 * (Linux 2.4.0's mm/vmscan.c; the seed's try_to_swap_out and kswapd
 * call trees, 001_2822c5e4c9950ae2.txt).
 *
 * The seed sums the policy up in three words:
 *   未雨绸缪 "prepare before it rains": kswapd ages pages and moves
 *     the idle ones towards the inactive lists before memory is short;
 *   留退路 "leave a way back": a page leaving a process first goes to
 *     the swap cache (mm/swap_state.c) and stays in memory until it is
 *     clean and still unused, so a guess that was wrong costs a list
 *     move, not a disk read;
 *   不添乱 "do not get in the way": kswapd runs at the lowest priority
 *     (SCHED_IDLE), only when nothing else wants the CPU, unless an
 *     allocation that is short of memory wakes it.
 *
 * A private page's way out, function by function:
 *   swap_out() picks the address space with the largest budget and
 *   walks it, swap_out_mm -> swap_out_vma -> swap_out_pgd ->
 *   swap_out_pmd -> try_to_swap_out(), which ages each PTE's page by
 *   its accessed bit; an old page is unmapped, given a swap slot and
 *   put in the swap cache, dirty, on inactive_dirty_list.
 *   page_launder() writes dirty inactive pages to swap (writepage) and
 *   moves clean ones to their zone's inactive_clean_list.
 *   reclaim_page() takes a clean page out of the swap cache and hands
 *   it to the allocator.
 *   refill_inactive_scan() ages the active list and deactivates the
 *   unmapped pages that reach age 0.
 *
 * As in 2.4.0, anonymous pages are on no list until swap_out()
 * puts them in the swap cache, so the seed's story is visible: only
 * the page-table walk finds a page that never went to swap.  Where
 * Pagoda departs from 2.4.0, a comment says so (and README.md lists
 * each departure).
 */
#include "mm/vmscan.h"
#include "drivers/blkdev.h"
#include "kernel/fork.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "mm/debug.h"
#include "mm/filemap.h"
#include "mm/internal.h"
#include "mm/mmap.h"
#include "mm/oom_kill.h"
#include "mm/pagemap.h"
#include "mm/rmap.h"
#include "mm/slab.h"
#include "mm/swap.h"
#include "mm/vmstat.h"
#include "mm/vmtrace.h"

/* swap_out's budget per address space: rss >> SWAP_SHIFT, at least
 * SWAP_MIN PTEs (2.4.0's constants). */
#define SWAP_SHIFT	5
#define SWAP_MIN	8

/* The first scanning priority: look at nr >> 6 pages, then more. */
#define DEF_PRIORITY	6

/* PTEs try_to_swap_out() has replaced by swap entries, ever. */
static unsigned long pages_unmapped;

struct task_struct *kswapd_task;
DECLARE_WAIT_QUEUE_HEAD(kswapd_wait);
DECLARE_WAIT_QUEUE_HEAD(kswapd_done);

/* Debug builds check every invariant after each reclaim pass. */
static void check_after_reclaim(const char *pass)
{
#ifdef CONFIG_DEBUG
	mm_check_after(pass, true);
#else
	(void)pass;
#endif
}

/* ------------------------------------------------ the page-table walk */

/*
 * Looks at one PTE of mm (the seed's try_to_swap_out).  A page that
 * was used since the last look is rewarded (age_page_up) and kept; an
 * old one is unmapped: its PTE becomes a swap entry and the page goes
 * to the swap cache, from where page_launder() writes it out.
 *
 * Each present PTE looked at costs one unit of mm->swap_cnt, the
 * budget swap_out_pmd() stops at.  Returns 1 if the page was unmapped,
 * else 0.  The page is never freed here: the swap cache keeps it (the
 * seed's [5]).
 */
__reclaim_hot
int try_to_swap_out(struct mm_struct *mm, struct vm_area_struct *vma,
		    unsigned long address, pte_t *page_table,
		    unsigned int gfp_mask __unused)
{
	/* LAB swapout: BEGIN try_to_swap_out */
	pte_t pte = *page_table;
	swp_entry_t entry;
	struct page *page;
	bool onlist;

	if (!pte_present(pte) || !pfn_valid(pte_pfn(pte)))
		return 0;
	page = pte_page(pte);
	/* the zero page; or a page being migrated, which is the migration
	 * code's until putback_lru_pages (mm/migrate.c) */
	if (PageReserved(page) || PageIsolated(page))
		return 0;
	if (mm->swap_cnt)
		mm->swap_cnt--;
	count_vm_scan(SWAPOUT_PTE_SCAN);

	onlist = PageActive(page);
	/* The CPU set the accessed bit: used since we last looked. */
	if (ptep_test_and_clear_young(page_table)) {
		count_vm_event(SWAPOUT_PTE_YOUNG);
		/* flushed, or the CPU, which sets the bit only when it
		 * walks the page tables, may not set it again while the
		 * TLB holds the translation (2.4.0 does not flush; it
		 * counts on a CR3 reload in between: README) */
		flush_tlb_page(vma, address);
		age_page_up(page);
		return 0;
	}
	/* refill_inactive_scan() ages pages on the active list; others
	 * only age here. */
	if (!onlist)
		age_page_down_ageonly(page);
	/* Still young, or busy (I/O, another mapping being changed). */
	if (page->age > 0 || TryLockPage(page))
		return 0;
	/* Its slot's area is being emptied by swapoff: keep it here. */
	if (PageSwapCache(page) &&
	    !swap_entry_writable((swp_entry_t){ page->index })) {
		unlock_page(page);
		return 0;
	}

	pte = ptep_get_and_clear(page_table);
	flush_tlb_page(vma, address);

	if (PageSwapCache(page)) {
		/* It has a slot: the PTE's dirty bit becomes the page's,
		 * since the PTE is about to hold a swap entry instead. */
		entry.val = page->index;
		if (pte_dirty(pte))
			set_page_dirty(page);
	} else {
		/*
		 * On no list and in no cache: a private anonymous page,
		 * whose only copy is this one.  2.4 swaps it only if the
		 * PTE is dirty; Pagoda has no file pages, so a clean one
		 * (never written since a copy-on-write copy that was
		 * later put back) must be kept just the same: it goes to
		 * swap whatever its dirty bit says.  As in 2.4.0, the
		 * slot's first reference (get_swap_page) is the cache's.
		 */
		entry = get_swap_page();
		if (!entry.val || add_to_swap_cache(page, entry)) {
			if (entry.val)	/* the cache has no room for it */
				swap_free(entry);
			set_pte(page_table, pte);
			unlock_page(page);
			return 0;
		}
		/* its only copy is here: up to date, whatever is on disk */
		SetPageUptodate(page);
		set_page_dirty(page);
	}
	swap_duplicate(entry);		/* the PTE's reference */
	set_pte(page_table, swp_entry_to_pte(entry));
	page_remove_rmap(page, page_table);
	vmtrace(page, "unmapped");
	unlock_page(page);
	pages_unmapped++;
	mm->rss--;
	deactivate_page(page);
	page_cache_release(page);	/* the mapping's reference */
	return 1;
	/* LAB swapout: END try_to_swap_out */
}

/*
 * The PTEs of one page table from address to end (within this pmd).
 * swap_address always says where to resume: past each PTE once it has
 * been looked at.  Returns 1 when mm's budget is spent (stop the walk).
 */
__reclaim_hot
int swap_out_pmd(struct mm_struct *mm, struct vm_area_struct *vma,
		 pmd_t *dir, unsigned long address, unsigned long end,
		 unsigned int gfp_mask)
{
	/* LAB swapout: BEGIN swap_out_pmd */
	pte_t *pte;

	if (pmd_none(*dir))
		return 0;
	if (pmd_bad(*dir)) {
		printk(KERN_ERR "swap_out_pmd: bad pmd %08lx at %08lx\n",
		       pmd_val(*dir), address);
		return 0;
	}
	pte = pte_offset(dir, address);
	do {
		mm->swap_address = address + PAGE_SIZE;
		try_to_swap_out(mm, vma, address, pte, gfp_mask);
		if (!mm->swap_cnt)
			return 1;
		address += PAGE_SIZE;
		pte++;
	} while (address && address < end);
	return 0;
	/* LAB swapout: END swap_out_pmd */
}

/*
 * The part of [address, end) that one page-directory entry covers.
 * On i386 without PAE the pmd is folded into the pgd: one pmd per
 * pgd entry, so there is no loop over pmds here (2.4 has one).
 */
int swap_out_pgd(struct mm_struct *mm, struct vm_area_struct *vma,
		 pgd_t *dir, unsigned long address, unsigned long end,
		 unsigned int gfp_mask)
{
	/* LAB swapout: BEGIN swap_out_pgd */
	unsigned long pgd_end = (address + PGDIR_SIZE) & PGDIR_MASK;

	if (pgd_end && end > pgd_end)
		end = pgd_end;
	return swap_out_pmd(mm, vma, pmd_offset(dir, address), address, end,
			    gfp_mask);
	/* LAB swapout: END swap_out_pgd */
}

/*
 * vma from address to its end, one page-directory entry at a time.
 * An mlock()ed VMA is passed over, as in 2.4.0: its pages stay in RAM.
 */
int swap_out_vma(struct mm_struct *mm, struct vm_area_struct *vma,
		 unsigned long address, unsigned int gfp_mask)
{
	if (vma->vm_flags & VM_LOCKED)
		return 0;
	/* LAB swapout: BEGIN swap_out_vma */
	unsigned long end = vma->vm_end;
	pgd_t *pgdir = pgd_offset(mm, address);

	do {
		int result = swap_out_pgd(mm, vma, pgdir, address, end,
					  gfp_mask);

		if (result)
			return result;
		address = (address + PGDIR_SIZE) & PGDIR_MASK;
		pgdir++;
	} while (address && address < end);
	return 0;
	/* LAB swapout: END swap_out_vma */
}

/*
 * Walks mm's VMAs from swap_address, where the last walk stopped.
 * Returns 1 if the budget ran out on the way (swap_address says where);
 * at the end of the address space the next walk starts again from 0
 * with a fresh budget.
 */
int swap_out_mm(struct mm_struct *mm, unsigned int gfp_mask)
{
	/* LAB swapout: BEGIN swap_out_mm */
	unsigned long address = mm->swap_address;
	struct vm_area_struct *vma = find_vma(mm, address);

	if (vma) {
		if (address < vma->vm_start)
			address = vma->vm_start;
		for (;;) {
			int result = swap_out_vma(mm, vma, address, gfp_mask);

			if (result)
				return result;
			vma = vma->vm_next;
			if (!vma)
				break;
			address = vma->vm_start;
		}
	}
	mm->swap_address = 0;
	mm->swap_cnt = 0;
	return 0;
	/* LAB swapout: END swap_out_mm */
}

/*
 * The address space to take pages from: the one with the largest
 * budget left (swap_cnt).  When every budget is spent, each mm gets
 * max(rss >> SWAP_SHIFT, SWAP_MIN) afresh (2.4.0's second pass), so
 * large processes give up more pages, and every one gives some.
 */
static struct mm_struct *swap_out_select(void)
{
	/* LAB swapout: BEGIN swap_out_select */
	for (int assign = 0; assign < 2; assign++) {
		struct mm_struct *best = NULL;
		unsigned long max_cnt = 0;
		bool found = false;
		struct list_head *pos;

		list_for_each(pos, &mmlist) {
			struct mm_struct *mm = list_entry(pos,
					struct mm_struct, mmlist);

			if (!mm->rss)
				continue;
			found = true;
			if (assign)
				mm->swap_cnt = max(mm->rss >> SWAP_SHIFT,
						   (unsigned long)SWAP_MIN);
			if (mm->swap_cnt > max_cnt) {
				max_cnt = mm->swap_cnt;
				best = mm;
			}
		}
		if (best || !found)
			return best;
	}
	return NULL;
	/* LAB swapout: END swap_out_select */
}

/*
 * Takes pages away from processes (the seed's swap_out): one walk of
 * the address space with the largest budget left, as in 2.4.0, whose
 * loop over (nr_threads << SWAP_SHIFT) >> priority ends after its
 * first walk whatever that walk found (so priority changes nothing
 * here).  Returns how many pages the walk unmapped.
 *
 * Departure: 2.4.0 returns 1 if the mm's budget ran out, whatever the
 * walk found, and refill_inactive() counts those returns as pages.
 * Where most pages are in use, that walks every address space many
 * times per round and ages even the busiest pages out (the hotcold
 * test's hot set lost a page in 250).  Counting the pages unmapped
 * keeps the scanning in step with what is needed.
 */
int swap_out(unsigned int priority __unused, unsigned int gfp_mask)
{
	unsigned long before = pages_unmapped;
	struct mm_struct *mm = swap_out_select();

	if (!mm)
		return 0;
	mm->mm_users++;		/* it cannot go away under us */
	swap_out_mm(mm, gfp_mask);
	mmput(mm);
	return pages_unmapped - before;
}

/*
 * A page found on a list without that list's flag: the seed calls it a
 * kernel bug (2.4 printk()s and drops it).  Say where, and take it off
 * the list, so the scan can go on.  Called with the LRU lock held.
 */
static void drop_stray_page(struct page *page, const char *scan,
			    const char *list, unsigned long *count)
{
	printk(KERN_ERR "VM: %s, pfn %lu on %s lacks its flag\n", scan,
	       page_to_pfn(page), list);
	list_del_init(&page->lru);
	(*count)--;
}

/* ------------------------------------------------ the active list */

/*
 * Ages the pages at the tail of the active list (the seed's "time
 * machine"): a referenced page's age goes up, an unreferenced one's
 * halves; at age 0 a page that no process maps any more (only the
 * swap cache holds it) goes to inactive_dirty_list.  A mapped page
 * stays: swap_out() unmaps it first.  Looks at nr_active_pages >>
 * priority pages; with oneshot,
 * stops at the first page deactivated.  Returns 1 if any was.
 */
__reclaim_hot
int refill_inactive_scan(unsigned int priority, int oneshot)
{
	/* LAB aging: BEGIN refill_inactive_scan */
	int maxscan = nr_active_pages >> priority, ret = 0;
	uint32_t flags = lru_lock();

	while (maxscan-- > 0 && !list_empty(&active_list)) {
		struct page *page = list_entry(active_list.prev, struct page,
					       lru);

		count_vm_scan(PGREFILL);
		if (!PageActive(page)) {
			drop_stray_page(page, __func__, "active_list",
					&nr_active_pages);
			continue;
		}
		if (TestClearPageReferenced(page)) {
			age_page_up(page);
		} else {
			age_page_down_ageonly(page);
			/* Stricter than deactivate_page(): we hold no
			 * reference, so count 1 is the cache's alone. */
			if (!page->age && page_count(page) <= 1)
				deactivate_page(page);
		}
		if (PageActive(page)) {
			list_move(&page->lru, &active_list);
		} else {
			ret = 1;
			if (oneshot)
				break;
		}
	}
	lru_unlock(flags);
	return ret;
	/* LAB aging: END refill_inactive_scan */
}

/* ------------------------------------------------ the inactive lists */

/* LAB launder: BEGIN page_launder */
/* Inactive dirty -> active: the page is in use again. */
static void launder_activate(struct page *page)
{
	del_page_from_inactive_dirty_list(page);
	add_page_to_active_list(page);
	count_vm_event(PGACTIVATE);
}

/* Not now: to the head of the list, to be looked at again later. */
static void launder_rotate(struct page *page)
{
	list_move(&page->lru, &inactive_dirty_list);
	count_vm_event(PGROTATED);
}

/*
 * Starts writing a dirty, locked page to swap; the completion unlocks
 * it (mm/page_io.c).  *written remembers the slot last written (which
 * writepage may have changed: mm/swap_relocate.c), for a caller that
 * will wait for it; no reference on the page is kept (2.4 drops its
 * own as soon as writepage returns), so the pass goes on as if the
 * page were gone.
 *
 * Departure: the page is on no list while it is written (the caller
 * took it off inactive_dirty_list), and the completion puts it back
 * (putback_written_page(), mm/swap.c, after Linux 2.6's
 * rotate_reclaimable_page()).  2.4.0 leaves it on the list, where
 * every pass until the write is done finds it locked and rotates it
 * (README).
 *
 * If writepage refuses (1: swap has no good slot for it), the page,
 * unlocked and still dirty, goes to the active list, as in 2.4.
 * Called without the LRU lock: writepage may wait for room in the
 * disk's ring.
 */
static void launder_write(struct page *page, swp_entry_t *written)
{
	uint32_t flags;

	get_page(page);
	swap_cache_start_io(page, WRITE);
	if (page->mapping->a_ops->writepage(page) == 1) {
		flags = lru_lock();
		add_page_to_active_list(page);
		count_vm_event(PGACTIVATE);
		lru_unlock(flags);
	} else {
		count_vm_event(PGLAUNDER);
		vmtrace(page, "written");
		written->val = page->index;
	}
	page_cache_release(page);
}

/*
 * Waits for the write to entry's slot, if its page is still in the
 * swap cache.  Looked up again because no reference was held: the
 * page may have been freed meanwhile (its owner exited) and be locked
 * now by someone else for something else, maybe for as long as we
 * wait.
 */
static void wait_on_swap_write(swp_entry_t entry)
{
	struct page *page = find_swap_page(entry);

	if (page) {
		wait_on_page(page);
		page_cache_release(page);
	}
}

/*
 * A locked page on inactive_dirty_list that only the swap cache holds
 * (no other reference, no swap PTE left on its slot: its owner exited
 * while it was being written) is garbage: it leaves the cache, which
 * frees it and its slot, rather than being written or kept.  2.4.0
 * writes it and frees it when reclaim_page() reaches it; later 2.4
 * kernels drop it like this (remove_exclusive_swap_page()).  Called
 * with the LRU lock held; true if the page is gone.
 */
static bool launder_drop_unused(struct page *page)
{
	if (page_count(page) != 1 || !PageSwapCache(page) ||
	    swap_count((swp_entry_t){ page->index }) != 1)
		return false;
	get_page(page);
	delete_from_swap_cache_nolock(page);	/* off the list too */
	unlock_page(page);
	vmtrace(page, "reclaimed");
	count_vm_event(PGSTEAL);
	page_cache_release(page);
	return true;
}

/*
 * One pass over inactive_dirty_list from its tail: the per-page
 * decisions of 2.4's page_launder (the seed's kswapd tree).  With
 * write_dirty false (the first pass) dirty pages are passed over; with
 * it true they are written.  Returns the pages made clean-inactive.
 */
static int launder_pass(bool write_dirty, swp_entry_t *written)
{
	int maxscan = nr_inactive_dirty_pages, cleaned = 0;
	uint32_t flags = lru_lock();

	while (maxscan-- > 0 && !list_empty(&inactive_dirty_list)) {
		struct page *page = list_entry(inactive_dirty_list.prev,
					       struct page, lru);

		count_vm_scan(PGSCAN_INACTIVE_DIRTY);
		if (!PageInactiveDirty(page)) {
			drop_stray_page(page, "page_launder",
					"inactive_dirty_list",
					&nr_inactive_dirty_pages);
			continue;
		}
		/*
		 * Used again since it was deactivated, or still mapped.  A
		 * locked page may hold a passing extra reference (its
		 * writer's while the write is being sent, a waiter's):
		 * 2.4.0 does not count references of pages with buffers
		 * (!page->buffers), which is what a page under I/O has
		 * there.  Counted here, they sent a page being written to
		 * the active list.  Such a page is rotated below instead.
		 */
		if (TestClearPageReferenced(page) || page->age > 0 ||
		    (!PageLocked(page) && page_count(page) > 1)) {
			launder_activate(page);
			continue;
		}
		if (TryLockPage(page)) {	/* I/O in progress */
			launder_rotate(page);
			continue;
		}
		if (launder_drop_unused(page))
			continue;
		if (PageDirty(page)) {
			if (!write_dirty || !page->mapping->a_ops->writepage) {
				launder_rotate(page);
				unlock_page(page);
				continue;
			}
			/* off the list until written (launder_write) */
			del_page_from_inactive_dirty_list(page);
			lru_unlock(flags);
			launder_write(page, written);
			flags = lru_lock();
			continue;
		}
		if (page->mapping) {
			/*
			 * Clean and unused: free to take at once.  A page
			 * written by an earlier pass comes here.  In 2.4.0
			 * it still carries the buffer heads brw_page gave
			 * it, and its page->buffers branch frees them
			 * (try_to_free_buffers) before this same move;
			 * Pagoda's swap I/O leaves nothing on the page.
			 */
			del_page_from_inactive_dirty_list(page);
			add_page_to_inactive_clean_list(page);
			cleaned++;
		} else {
			launder_activate(page);	/* not ours to free */
		}
		unlock_page(page);
	}
	lru_unlock(flags);
	return cleaned;
}

/*
 * Cleans inactive pages (the seed's page_launder).  The first pass
 * moves what is already clean to inactive_clean_list: cheap.  Only if
 * that was not enough (a free shortage) and the caller allows I/O
 * (__GFP_IO) does a second pass pay for writing the dirty ones; their
 * writes finish later (a later pass finds them clean in 2.4.0; here
 * the completion moves a page still unused to inactive_clean_list
 * itself: putback_written_page()).
 *
 * Departure: the second pass also runs when dirty pages piled up
 * before the first (dirty_pages_pile_up()), even if the first pass
 * then ended the free shortage.  2.4.0 then leaves them, and each
 * later first pass rotates them again (it rotates every dirty page it
 * meets) until a shortage comes: about two rotations per page written
 * under memhog, where writing them at once makes it one.  Linux 2.6's
 * shrink_list() likewise writes a dirty page the first time reclaim
 * finds it at the tail of the inactive list (pageout()).  A caller
 * that must have memory now (sync) and cleaned nothing waits for the
 * last write it started, then looks again (2.4.0 says it should wait
 * "synchronously on the writeout" in that case).  Returns the number
 * of pages made clean-inactive.
 */
int page_launder(unsigned int gfp_mask, int sync)
{
	swp_entry_t written = { 0 };
	bool ahead = dirty_pages_pile_up();
	int cleaned = launder_pass(false, NULL);

	if ((gfp_mask & __GFP_IO) && (ahead || free_shortage())) {
		swap_plug();	/* neighbouring slots: one request */
		cleaned += launder_pass(true, &written);
		swap_unplug();
		if (written.val && sync && !cleaned) {
			wait_on_swap_write(written);
			cleaned += launder_pass(false, NULL);
		}
	}
	return cleaned;
}
/* LAB launder: END page_launder */

/*
 * Takes a clean inactive page of zone for reuse (2.4's reclaim_page):
 * it leaves the swap cache (which frees its slot's cache reference)
 * and comes back with one reference, the caller's.  Pages found in use
 * again go back to the active list; pages dirtied or locked again go
 * back to inactive_dirty_list.  NULL if there is none.
 */
struct page *reclaim_page(zone_t *zone)
{
	/* LAB launder: BEGIN reclaim_page */
	int maxscan = zone->inactive_clean_pages;
	struct page *found = NULL;
	uint32_t flags = lru_lock();

	while (maxscan-- > 0 && !list_empty(&zone->inactive_clean_list)) {
		struct page *page = list_entry(zone->inactive_clean_list.prev,
					       struct page, lru);

		count_vm_scan(PGSCAN_INACTIVE_CLEAN);
		if (!PageInactiveClean(page)) {
			drop_stray_page(page, __func__, "inactive_clean_list",
					&zone->inactive_clean_pages);
			continue;
		}
		if (TestClearPageReferenced(page) || page->age > 0 ||
		    page_count(page) > 1 || !PageSwapCache(page)) {
			del_page_from_inactive_clean_list(page);
			add_page_to_active_list(page);
			count_vm_event(PGACTIVATE);
			continue;
		}
		if (PageDirty(page) || TryLockPage(page)) {
			del_page_from_inactive_clean_list(page);
			add_page_to_inactive_dirty_list(page);
			continue;
		}
		get_page(page);		/* becomes the caller's */
		delete_from_swap_cache_nolock(page);
		unlock_page(page);
		found = page;
		break;
	}
	lru_unlock(flags);
	if (found) {
		found->age = PAGE_AGE_START;
		memory_pressure++;
		count_vm_event(PGSTEAL);
		vmtrace(found, "reclaimed");
	}
	return found;
	/* LAB launder: END reclaim_page */
}

/* ------------------------------------------------ putting it together */

/*
 * Refills the inactive lists (2.4's refill_inactive): rounds from
 * priority 6 down to 0, each first aging 1/64 of the active list, then
 * taking pages from processes, until the shortages end or enough was
 * done: the shortages' worth of pages for kswapd, one swap cluster's
 * worth when someone waits for the result (user: a process reclaiming
 * for itself, or kswapd while allocations wait on kswapd_done, which
 * 2.4.0 also passes as user).  A round that found nothing lowers the
 * priority; after the last, one look at the whole active list.
 * Kernel caches are trimmed first, whatever else there is to do
 * (kmem_cache_reap).  Returns 1 if anything was done.  (2.4 also
 * shrank the dentry and inode caches here; Pagoda has neither.)
 *
 * Departure: 2.4.0's rounds look at nr_active_pages >> priority pages,
 * so a call whose rounds all find nothing looks at the whole active
 * list about three times (1/64 + 1/32 + ... + 1, then the last
 * look).  Where that happens, the active list is mostly pages that
 * processes still map: the scan can only age them, and at age 0 they
 * wait for swap_out(), whose walk the priority does not lengthen
 * (2.4.0's swap_out() walks one address space whatever it is).  Under
 * memhog nearly all of refill_inactive_scan()'s looks were such calls'.
 * Each round here looks at 1/64, as Linux 2.4.1's refill_inactive()
 * does (DEF_PRIORITY in every round).  The priority still falls only
 * after a round that found nothing, as 2.4.0's, and so bounds the
 * rounds (2.4.1 stops after six rounds of any kind, its maxtry).
 * 2.4.0's last look at the whole list stays: without it (2.4.1 has
 * none) the walk met pages the list had not aged yet, and looked at
 * 25% more PTEs (README).
 */
int refill_inactive(unsigned int gfp_mask, int user)
{
	/* LAB launder: BEGIN refill_inactive */
	int priority = DEF_PRIORITY;
	int count = user ? 1 << page_cluster
			 : inactive_shortage() + free_shortage();
	int start_count = count;

	kmem_cache_reap(gfp_mask);
	do {
		bool made_progress = false;
		int unmapped;

		cond_resched();
		while (refill_inactive_scan(DEF_PRIORITY, 1)) {
			made_progress = true;
			if (--count <= 0)
				goto done;
		}
		while ((unmapped = swap_out(priority, gfp_mask))) {
			made_progress = true;
			count -= unmapped;
			if (count <= 0)
				goto done;
		}
		/* Enough free, or page_launder can make enough of it. */
		if (!inactive_shortage() || !free_shortage())
			goto done;
		/* One round fewer is left only when this one found
		 * nothing. */
		if (!made_progress)
			priority--;
	} while (priority >= 0);

	while (refill_inactive_scan(0, 1))
		if (--count <= 0)
			break;
done:
	return count < start_count;
	/* LAB launder: END refill_inactive */
}

/*
 * One round of reclaim (2.4's do_try_to_free_pages): launder when free
 * pages are short (or dirty inactive pages pile up), then refill the
 * inactive lists when either shortage remains (or else just give the
 * kernel caches' free slabs back).  user: someone waits
 * for this round (a process reclaiming for itself, or allocations
 * waiting on kswapd), so page_launder may wait for its writes and
 * refill_inactive does a cluster's worth.
 */
int do_try_to_free_pages(unsigned int gfp_mask, int user)
{
	/* LAB launder: BEGIN do_try_to_free_pages */
	int ret = 0;

	if (free_shortage() || dirty_pages_pile_up())
		ret += page_launder(gfp_mask, user);
	if (free_shortage() || inactive_shortage()) {
		ret += refill_inactive(gfp_mask, user);
	} else {
		kmem_cache_reap(gfp_mask);	/* free slabs, while at it */
		ret = 1;
	}
	check_after_reclaim("do_try_to_free_pages");
	return ret;
	/* LAB launder: END do_try_to_free_pages */
}

/*
 * Direct reclaim, for an allocation that may wait but not for kswapd
 * (no __GFP_IO: GFP_BUFFER, the request of swap I/O, page_io.c): the
 * last branch of __alloc_pages' slow path.  Without __GFP_IO,
 * page_launder only sorts what is already clean and writes nothing.
 * PF_MEMALLOC while we are at it: what reclaim itself allocates must
 * not reclaim again.
 */
int try_to_free_pages(unsigned int gfp_mask)
{
	unsigned long memalloc = current->flags & PF_MEMALLOC;
	int ret = 1;

	if (gfp_mask & __GFP_WAIT) {
		current->flags |= PF_MEMALLOC;
		ret = do_try_to_free_pages(gfp_mask, 1);
		current->flags = (current->flags & ~PF_MEMALLOC) | memalloc;
	}
	return ret;
}

/* ------------------------------------------------ kswapd */

/*
 * The page-out daemon.  Each round: reclaim if either shortage exists
 * (waiting for its writes if allocators are waiting for it), age a
 * little of the active list anyway (refill_inactive_scan(6): the whole
 * list about once a minute), decay memory_pressure once a second, and
 * wake the allocators waiting on kswapd_done.  Then it sleeps up to a
 * second on kswapd_wait, unless both shortages persist: then memory is
 * either really all used (rounds that reclaimed nothing, one after
 * another for a second, each leaving out_of_memory() true:
 * oom_persists(); then kill a process) or pages are on their way
 * (written, or a killed process exiting).
 *
 * PF_MEMALLOC: what kswapd allocates (I/O requests, radix-tree nodes)
 * may come from the reserve and never recurses into reclaim.
 * SCHED_IDLE: the seed's 不添乱; a wake-up by wakeup_kswapd() lifts
 * it to normal priority until it sleeps again (kernel/sched.h).
 */
int kswapd(void *unused __unused)
{
	unsigned long recalc = jiffies;

	current->flags |= PF_MEMALLOC;
	sched_setscheduler(current, SCHED_IDLE);
	for (;;) {
		unsigned long before = reclaim_progress();

		if (inactive_shortage() || free_shortage())
			do_try_to_free_pages(GFP_KSWAPD,
					     waitqueue_active(&kswapd_done));
		refill_inactive_scan(DEF_PRIORITY, 0);
		if (jiffies - recalc >= HZ) {
			recalc = jiffies;
			recalculate_vm_stats();
		}
		wake_up(&kswapd_done);
		if (!free_shortage() || !inactive_shortage())
			interruptible_sleep_on_timeout(&kswapd_wait, HZ);
		else if (oom_persists(reclaim_progress() > before))
			oom_kill();
		else	/* 2.4 loops at once; a tick lets I/O land */
			interruptible_sleep_on_timeout(&kswapd_wait, 1);
	}
}

/* Starts kswapd, after setting the swap-in cluster size for this RAM. */
void kswapd_init(void)
{
	int pid;

	swap_setup();
	pid = kernel_thread(kswapd, NULL, "kswapd");
	if (pid < 0) {
		printk(KERN_ERR "kswapd: cannot start (%d): no background "
		       "reclaim\n", pid);
		return;
	}
	/* Set now: allocations may wait for it before it first runs. */
	kswapd_task = find_task_by_pid(pid);
}

/*
 * Wakes kswapd; with block, also sleeps until it has finished a round
 * (kswapd_done).  kswapd never waits for itself, and before it runs
 * there is nothing to wait for.
 */
void wakeup_kswapd(int block)
{
	DECLARE_WAITQUEUE(wait, current);

	if (!kswapd_task || current == kswapd_task)
		return;
	count_vm_event(KSWAPD_WAKEUP);
	if (block)
		prepare_to_wait(&kswapd_done, &wait, TASK_UNINTERRUPTIBLE);
	/* asleep on kswapd_wait, or runnable but passed over: boosted */
	wake_up(&kswapd_wait);
	boost_runnable(kswapd_task);
	if (block) {
		schedule();
		finish_wait(&kswapd_done, &wait);
	}
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
