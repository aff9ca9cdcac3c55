/*
 * Page migration (Linux 2.6.16+ mm/migrate.c; Linux 2.4.0 has none),
 * step by step as the migration seed (000_...txt) tells it.  Callers
 * isolate pages (isolate_lru_page), give a new_page_t that allocates
 * each target, and call migrate_pages(); see mm/migrate.h.
 *
 * Per page (unmap_and_move), with the seed's numbers.  The seed counts
 * 1 to 16, then 19 and 20: it has no 17 or 18, and we keep its
 * numbers so the two read side by side.
 *   1  lock the old page                      unmap_and_move
 *   2  make sure its writeback is done        unmap_and_move
 *   3  lock the new page                      unmap_and_move
 *   4  every PTE -> a migration entry; the
 *      mapcount must then be 0                try_to_unmap
 *   5  take the mapping's lock                migrate_page_move_mapping
 *   6  the reference count is the expected one     "
 *   7  the radix-tree slot still holds the old page  "
 *   8  the new page takes the old one's identity     "
 *   9  the slot points at the new page               "
 *  10  the cache's reference moves to the new page   "
 *  11  drop the mapping's lock                       "
 *  12  copy the contents                      migrate_page_copy
 *  13  copy the remaining flags                   "
 *  14  clear the old page's flags                 "
 *  15  queue writeback of the new page            "
 *  16  migration entries -> real PTEs         remove_migration_ptes
 *  19  unlock both pages                      unmap_and_move
 *  20  the new page goes on its list          putback_lru_page
 *
 * The mapping's lock is lru_lock(), which guards swapper_space and its
 * radix tree.  One CPU, no preemption: nothing between steps 4 and 16
 * sleeps, so no process can see a migration entry unless the hold
 * knob (migrate_hold_ms) sleeps there on purpose.
 */
#include "mm/migrate.h"
#include "kernel/kernel.h"
#include "kernel/params.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "mm/filemap.h"
#include "mm/highmem.h"
#include "mm/mm_types.h"
#include "mm/mmap.h"
#include "mm/pagemap.h"
#include "mm/rmap.h"
#include "mm/swap.h"
#include "mm/swapops.h"
#include "mm/vmstat.h"

/* Passes over the list; the first ones do not wait for a lock. */
#define MIGRATE_PASSES		10
#define MIGRATE_NOWAIT_PASSES	3

/*
 * Debug knob: sleep this long between step 15 and step 16, with every
 * PTE of the page still a migration entry and both pages locked, so a
 * test or a student in GDB can watch a process wait in
 * migration_entry_wait().  0 (the default): no sleep.
 */
unsigned int migrate_hold_ms;
KERNEL_PARAM_UINT(migrate_hold_ms, migrate_hold_ms, 0, 60000,
		  "ms page migration sleeps between steps 15 and 16 "
		  "(to watch it; 0: never)");

/* ------------------------------------------------ isolation */

int isolate_lru_page(struct page *page)
{
	/* LAB migrate: BEGIN isolate_lru_page */
	uint32_t flags;

	if (PageReserved(page) || PageSlab(page) || PageBuddy(page) ||
	    page_count(page) <= 0 || PageIsolated(page))
		return -EBUSY;
	/* A user page: mapped by a process, or in the swap cache. */
	if (!page->rmap && !PageSwapCache(page))
		return -EBUSY;
	/*
	 * Only cache pages are on lists.  Their flag changes under the
	 * lock with the list: a swap write's completion (an interrupt)
	 * puts a written page on no list back on an inactive list
	 * unless it is isolated (putback_written_page()).
	 */
	if (PageSwapCache(page)) {
		flags = lru_lock();
		if (PageActive(page))
			SetPageWasActive(page);
		if (PageActive(page) || PageInactiveDirty(page) ||
		    PageInactiveClean(page))
			__lru_cache_del(page);
		SetPageIsolated(page);
		lru_unlock(flags);
	} else {
		SetPageIsolated(page);
	}
	get_page(page);
	return 0;
	/* LAB migrate: END isolate_lru_page */
}

/*
 * Step 20 for one page: back to the list it came from (a cache page
 * from an inactive list goes to inactive_dirty_list, where
 * page_launder sorts clean from dirty), or to none (an anonymous page
 * never in swap), and the isolation's reference dropped.
 */
static void putback_lru_page(struct page *page)
{
	/* LAB migrate: BEGIN putback_lru_page */
	uint32_t flags;

	if (PageSwapCache(page)) {	/* as in isolate_lru_page() */
		flags = lru_lock();
		ClearPageIsolated(page);
		if (PageWasActive(page))
			add_page_to_active_list(page);
		else
			add_page_to_inactive_dirty_list(page);
		lru_unlock(flags);
	} else {
		ClearPageIsolated(page);
	}
	ClearPageWasActive(page);
	put_page(page);
	/* LAB migrate: END putback_lru_page */
}

void putback_lru_pages(struct list_head *l)
{
	struct list_head *e, *n;

	list_for_each_safe(e, n, l) {
		struct page *page = list_entry(e, struct page, lru);

		list_del_init(&page->lru);
		putback_lru_page(page);
	}
}

/* ------------------------------------------------ step 4 and step 16 */

static struct vm_area_struct *vma_of(pte_t *ptep)
{
	return find_vma(ptep_to_mm(ptep), ptep_to_address(ptep));
}

/* LAB migrate: BEGIN try_to_unmap */
/*
 * One PTE becomes a migration entry that remembers whether it was
 * writable; its dirty bit goes to the page (as try_to_swap_out does),
 * and its reference and rss count go too.  Its rmap entry stays, for
 * step 16.  A PTE outside every VMA (an mm invariant broken) is left
 * as it is: then the page stays mapped and the caller backs out.
 */
static void try_to_unmap_one(struct page *page, pte_t *ptep)
{
	struct vm_area_struct *vma = vma_of(ptep);
	unsigned long address = ptep_to_address(ptep);
	pte_t pte;

	if (!pte_present(*ptep) || !vma || vma->vm_start > address)
		return;
	pte = ptep_get_and_clear(ptep);
	flush_tlb_page(vma, address);
	if (pte_dirty(pte))
		set_page_dirty(page);
	set_pte(ptep, swp_entry_to_pte(make_migration_entry(page,
							    pte_write(pte))));
	vma->vm_mm->rss--;
	page_cache_release(page);
}

/* Step 4: every PTE of the page, found through its rmap. */
void try_to_unmap(struct page *page)
{
	struct pte_chain *cur;

	for (pte_t *p = rmap_first(page, &cur); p; p = rmap_next(&cur))
		try_to_unmap_one(page, p);
}
/* LAB migrate: END try_to_unmap */

/* LAB migrate: BEGIN remove_migration_ptes */
/*
 * One migration entry for old becomes a PTE of new: young no more,
 * with the VMA's protection, writable only if it was before (and the
 * VMA still allows it: mprotect may have run meanwhile).  No TLB
 * flush: the entry was not present, and x86 caches no translation
 * for a PTE that is not present (Linux's remove_migration_pte() does
 * none either; the invlpg it did cost 4% of a migration under QEMU).
 */
static void remove_migration_pte(struct page *new, struct page *old,
				 pte_t *ptep)
{
	struct vm_area_struct *vma = vma_of(ptep);
	swp_entry_t entry = pte_to_swp_entry(*ptep);
	pte_t pte;

	if (!pte_is_migration(*ptep) || migration_entry_to_page(entry) != old)
		return;
	pte = pte_mkold(mk_pte(new, vma->vm_page_prot));
	if (is_write_migration_entry(entry) && (vma->vm_flags & VM_WRITE))
		pte = pte_mkwrite(pte);
	get_page(new);
	vma->vm_mm->rss++;
	set_pte(ptep, pte);
}

/*
 * Step 16 (and the back-out of step 4, with new == old): every
 * migration entry naming old maps new, and old's rmap becomes new's.
 */
void remove_migration_ptes(struct page *new, struct page *old)
{
	struct pte_chain *cur;

	for (pte_t *p = rmap_first(old, &cur); p; p = rmap_next(&cur))
		remove_migration_pte(new, old, p);
	if (new != old)
		page_move_rmap(new, old);
}
/* LAB migrate: END remove_migration_ptes */

/* ------------------------------------------------ steps 5 to 11 */

/*
 * Moves the old page's place in the swap cache to the new page.  An
 * anonymous page in no cache has no mapping, hence no lock to take
 * (Linux's !mapping case), and only step 6: nothing but the isolation
 * holds it.  0, or -EAGAIN with nothing changed when someone else
 * holds a reference (step 6) or the slot moved (step 7).  nrpages and
 * swap_map do not change: the same slot, another page.
 */
int migrate_page_move_mapping(struct page *newpage, struct page *page)
{
	/* LAB migrate: BEGIN migrate_page_move_mapping */
	uint32_t flags;
	void **slot;

	if (!PageSwapCache(page))
		return page_count(page) == 1 ? 0 : -EAGAIN;	/* step 6 */
	flags = lru_lock();				/* step 5 */
	if (page_count(page) != 2)	/* step 6: the cache's and ours */
		goto busy;
	slot = radix_tree_lookup_slot(&swapper_space.page_tree,
				      swap_cache_key((swp_entry_t){
						page->index }));
	if (!slot || *slot != page)			/* step 7 */
		goto busy;
	newpage->index = page->index;			/* step 8 */
	newpage->mapping = page->mapping;
	SetPageSwapCache(newpage);
	*slot = newpage;				/* step 9 */
	get_page(newpage);				/* step 10 */
	list_add(&newpage->list, &page->list);
	list_del_init(&page->list);
	BUG_ON(put_page_testzero(page));	/* ours is still held */
	lru_unlock(flags);				/* step 11 */
	return 0;
busy:
	lru_unlock(flags);
	return -EAGAIN;
	/* LAB migrate: END migrate_page_move_mapping */
}

/* ------------------------------------------------ steps 12 to 15 */

/* LAB migrate: BEGIN migrate_page_copy */
static void copy_page_flags(struct page *newpage, struct page *page)
{
	if (PageReferenced(page))
		SetPageReferenced(newpage);
	if (PageUptodate(page))
		SetPageUptodate(newpage);
	if (PageError(page))
		SetPageError(newpage);
	if (PageWasActive(page))
		SetPageWasActive(newpage);
	newpage->age = page->age;
}

/* What the old page was is now the new one's: it keeps nothing. */
static void clear_old_page(struct page *page)
{
	ClearPageSwapCache(page);
	ClearPageReferenced(page);
	ClearPageUptodate(page);
	ClearPageError(page);
	ClearPageWasActive(page);
	page->mapping = NULL;
	page->index = 0;
	page->age = 0;
}

void migrate_page_copy(struct page *newpage, struct page *page)
{
	bool dirty;

	copy_highpage(newpage, page);			/* step 12 */
	copy_page_flags(newpage, page);			/* step 13 */
	dirty = TestClearPageDirty(page);
	clear_old_page(page);				/* step 14 */
	/*
	 * Step 15: a dirty page in the swap cache goes on swapper_space's
	 * dirty list, from which page_launder() writes it later (Linux
	 * defers the writeback the same way, to its reclaim).
	 */
	if (dirty)
		set_page_dirty(newpage);
}
/* LAB migrate: END migrate_page_copy */

/* ------------------------------------------------ one page */

/* The hold knob: sleep with the migration entries in place. */
static void migrate_hold(void)
{
	if (migrate_hold_ms)
		schedule_timeout_uninterruptible(
			(migrate_hold_ms * HZ + 999) / 1000);
}

/*
 * Steps 4 to 16 on two locked pages.  0, or -EAGAIN after putting
 * the PTEs back (the page is as it was).
 */
static int move_to_new_page(struct page *newpage, struct page *page)
{
	int rc;

	try_to_unmap(page);				/* step 4 */
	if (page_mapcount(page)) {
		rc = -EAGAIN;
		goto restore;
	}
	rc = migrate_page_move_mapping(newpage, page);	/* steps 5-11 */
	if (rc)
		goto restore;
	migrate_page_copy(newpage, page);		/* steps 12-15 */
	migrate_hold();
	remove_migration_ptes(newpage, page);		/* step 16 */
	return 0;
restore:
	remove_migration_ptes(page, page);
	return rc;
}

/*
 * Moves one isolated page to newpage (locked by nobody, held only by
 * us).  force: this pass may sleep for the old page's lock.  0, or
 * -EAGAIN (try again next pass).
 */
int unmap_and_move(struct page *newpage, struct page *page, int force)
{
	/* LAB migrate: BEGIN unmap_and_move */
	int rc = -EAGAIN;

	if (TryLockPage(page)) {			/* step 1 */
		if (!force)
			return -EAGAIN;
		lock_page(page);
	}
	/*
	 * Step 2.  Pagoda's swap writes hold the page lock until they
	 * complete (mm/page_io.c), so step 1 waited for them already;
	 * PG_writeback without the lock would be a write not finished.
	 */
	if (PageWriteback(page))
		goto unlock;
	if (TryLockPage(newpage))			/* step 3 */
		panic("unmap_and_move: the new page pfn %lu is locked",
		      page_to_pfn(newpage));
	SetPageIsolated(newpage);	/* reclaim keeps off until step 20 */
	rc = move_to_new_page(newpage, page);
	unlock_page(newpage);				/* step 19 */
unlock:
	unlock_page(page);
	return rc;
	/* LAB migrate: END unmap_and_move */
}

/* ------------------------------------------------ the passes */

/* LAB migrate: BEGIN migrate_pages */
/*
 * One page's attempt: allocate its target, move it.  On success the
 * old page leaves the list and is freed, and the new one goes on its
 * list (step 20).  Returns 0, -EAGAIN, -ENOMEM (no target page), or
 * another -errno (permanent).
 */
static int migrate_one(struct page *page, new_page_t get_new_page,
		       unsigned long private, int force)
{
	int *result = NULL, rc;
	struct page *newpage;

	if (page_count(page) == 1 && !PageSwapCache(page)) {
		/* every user went away meanwhile: nothing to move */
		list_del_init(&page->lru);
		putback_lru_page(page);
		return 0;
	}
	newpage = get_new_page(page, private, &result);
	if (!newpage)
		return -ENOMEM;
	rc = unmap_and_move(newpage, page, force);
	if (result)
		*result = rc;
	if (rc) {
		ClearPageIsolated(newpage);
		__free_page(newpage);
		return rc;
	}
	list_del_init(&page->lru);
	putback_lru_page(page);			/* frees it: ours was the last */
	putback_lru_page(newpage);			/* step 20 */
	return 0;
}

int migrate_pages(struct list_head *from, new_page_t get_new_page,
		  unsigned long private)
{
	LIST_HEAD(failed);
	int retry = 1, nr_failed = 0, rc = 0;

	for (int pass = 0; pass < MIGRATE_PASSES && retry; pass++) {
		struct list_head *e, *n;

		retry = 0;
		list_for_each_safe(e, n, from) {
			struct page *page = list_entry(e, struct page, lru);

			rc = migrate_one(page, get_new_page, private,
					 pass >= MIGRATE_NOWAIT_PASSES);
			if (!rc) {
				count_vm_event(PGMIGRATE_SUCCESS);
			} else if (rc == -EAGAIN) {
				retry++;
			} else if (rc == -ENOMEM) {
				count_vm_event(PGMIGRATE_FAIL);
				goto out;
			} else {
				nr_failed++;
				count_vm_event(PGMIGRATE_FAIL);
				list_move_tail(&page->lru, &failed);
			}
		}
	}
	for (int i = 0; i < retry; i++)
		count_vm_event(PGMIGRATE_FAIL);
	rc = 0;
out:
	/* what failed for good goes back for the caller's putback */
	while (!list_empty(&failed))
		list_move_tail(failed.next, from);
	return rc ? rc : nr_failed + retry;
}
/* LAB migrate: END migrate_pages */
