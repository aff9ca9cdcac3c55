/*
 * Page migration (mm/migrate.c) and the reverse map (mm/rmap.c) on
 * the host's reclaim machine: each case builds the pages it wants in
 * hand-made address spaces (tests/host/test_mm.h), migrates them, and
 * checks every PTE, rmap entry, count, list, slot and byte; the
 * machine's end check (reclaim_machine_down) then finds every page
 * free, off the lists, out of the cache and with an empty rmap.
 * Every back-out the seed names has its case.
 */
#include "lib/ktest.h"
#include "lib/string.h"
#include "lib/vsprintf.h"
#include "mm/debug.h"
#include "mm/filemap.h"
#include "mm/internal.h"
#include "mm/migrate.h"
#include "mm/pagemap.h"
#include "mm/rmap.h"
#include "mm/swapops.h"
#include "mm/vmscan.h"
#include "mm/vmstat.h"
#include "tests/common/reclaim_machine.h"
#include "tests/common/isolate.h"
#include "tests/host/ramdisk.h"
#include "tests/host/test_mm.h"

/* ------------------------------------------------ helpers */

/* What the new_page_t below was asked, and what it answered. */
struct target {
	int status;		/* migrate_pages stores the page's fate */
	unsigned int calls;
	bool none;		/* answer NULL: no memory */
	struct page *last;
};

static struct page *new_page(struct page *page __unused,
			     unsigned long private, int **result)
{
	struct target *tg = (struct target *)private;

	tg->calls++;
	*result = &tg->status;
	tg->last = tg->none ? NULL : alloc_page(GFP_HIGHUSER);
	return tg->last;
}

/* Isolates page onto l; the case fails if it cannot. */
static bool isolate(struct ktest *t, struct page *page, struct list_head *l)
{
	if (!isolated_for_test(t, page))
		return false;
	list_add_tail(&page->lru, l);
	return true;
}

/* Moves one page with a fresh target; returns migrate_pages' answer. */
static int migrate_one_page(struct ktest *t, struct page *page,
			    struct target *tg)
{
	LIST_HEAD(l);
	int rc;

	if (!isolate(t, page, &l))
		return -1;
	rc = migrate_pages(&l, new_page, (unsigned long)tg);
	putback_lru_pages(&l);
	return rc;
}

/*
 * Moves the swap-cache page `page` (migrate_one_page, which must
 * succeed) and returns the page cached for its slot now, or NULL; the
 * cache keeps its reference, the case takes none.
 */
static struct page *move_cached(struct ktest *t, struct page *page,
				struct target *tg)
{
	swp_entry_t entry = { page->index };
	struct page *now;

	KTEST_EXPECT_EQ(t, migrate_one_page(t, page, tg), 0);
	now = find_swap_page(entry);
	if (now)
		put_page(now);
	return now;
}

/* The page the PTE of page i maps now. */
static struct page *mapped(struct test_mm *tm, unsigned int i)
{
	pte_t pte = *test_mm_pte(tm, i);

	return pte_present(pte) ? pte_page(pte) : NULL;
}

/* Maps page (already mapped elsewhere) at i of tm read-only, as fork
 * leaves a private page: one more reference and one more rmap entry. */
static void share(struct test_mm *tm, unsigned int i, struct page *page)
{
	pte_t *ptep = test_mm_pte(tm, i);

	pte_chain_prepare();
	get_page(page);
	set_pte(ptep, pte_wrprotect(mk_pte(page, PAGE_COPY)));
	page_add_rmap(page, ptep);
	tm->mm.rss++;
}

/* What do_swap_page does with a cached page: the PTE maps it again. */
static void map_back(struct test_mm *tm, unsigned int i, struct page *page)
{
	pte_t *ptep = test_mm_pte(tm, i);
	swp_entry_t entry = pte_to_swp_entry(*ptep);

	get_page(page);
	set_pte(ptep, mk_pte(page, PAGE_COPY));
	pte_chain_prepare();
	page_add_rmap(page, ptep);
	swap_free(entry);
	tm->mm.rss++;
}

/* page_launder starts writing the dirty inactive pages (it does only
 * when memory is short); the disk finishes when someone waits. */
static void write_without_waiting(void)
{
	test_mm_make_free_shortage();
	page_launder(GFP_KSWAPD, 0);
	test_mm_end_free_shortage();
}

/*
 * The reverse map's invariants for the address spaces given (the
 * kernel's checker walks whole page tables, which do not fit the
 * host's 8-byte PTEs in a page: here only each test_mm's own PTEs).
 */
static const char *rmap_broken(struct test_mm **tms, unsigned int n)
{
	static char why[160];
	unsigned long ptes = 0, listed;

	for (unsigned int k = 0; k < n; k++) {
		for (unsigned int i = 0; i < tms[k]->pages; i++) {
			pte_t *ptep = test_mm_pte(tms[k], i);
			const char *broken = check_pte_rmap(&tms[k]->mm,
						test_mm_addr(i), ptep);

			if (broken)
				return broken;
			ptes += pte_is_migration(*ptep) ||
				pte_present(*ptep);
		}
	}
	if (check_rmap_pages(&listed, why, sizeof(why)))
		return why;
	if (ptes == listed)
		return NULL;
	snprintf(why, sizeof(why), "%lu PTEs but %lu rmap entries", ptes,
		 listed);
	return why;
}

static bool rmap_holds(struct ktest *t, struct test_mm **tms, unsigned int n)
{
	const char *why = rmap_broken(tms, n);

	if (why)
		ktest_fail(t, __FILE__, __LINE__, "%s", why);
	return !why;
}

#define TMS(...)	(struct test_mm *[]){ __VA_ARGS__ },		\
	sizeof((struct test_mm *[]){ __VA_ARGS__ }) / sizeof(struct test_mm *)
#define RMAP_HOLDS(t, ...)	rmap_holds(t, TMS(__VA_ARGS__))

/* ------------------------------------------------ the reverse map */

/* One PTE: direct; shared: a chain; unshared again: direct again. */
static void rmap_grows_a_chain_and_shrinks_back(struct ktest *t)
{
	struct test_mm a, b;
	struct page *page;

	KTEST_ASSERT_TRUE(t, test_mm_init(t, &a, 4));
	KTEST_ASSERT_TRUE(t, test_mm_init(t, &b, 4));
	page = test_mm_map(t, &a, 0, 0);
	KTEST_EXPECT_EQ(t, page->rmap, (unsigned long)test_mm_pte(&a, 0));
	share(&b, 1, page);
	share(&b, 2, page);
	KTEST_EXPECT_EQ(t, rmap_count(page), 3);
	KTEST_EXPECT_EQ(t, page_mapcount(page), 3);
	KTEST_EXPECT_TRUE(t, page->rmap & 1);		/* a chain */
	RMAP_HOLDS(t, &a, &b);
	test_mm_exit(&b);
	KTEST_EXPECT_EQ(t, page->rmap, (unsigned long)test_mm_pte(&a, 0));
	KTEST_EXPECT_EQ(t, page_mapcount(page), 1);
	test_mm_exit(&a);
}

/* A PTE's page table names its mm and address. */
static void a_pte_names_its_mm_and_address(struct ktest *t)
{
	struct test_mm a;

	KTEST_ASSERT_TRUE(t, test_mm_init(t, &a, 8));
	KTEST_EXPECT_PTR_EQ(t, ptep_to_mm(test_mm_pte(&a, 5)), &a.mm);
	KTEST_EXPECT_EQ(t, ptep_to_address(test_mm_pte(&a, 5)),
			test_mm_addr(5));
	test_mm_exit(&a);
}

/* The checker names a PTE missing from its rmap, and a stale entry. */
static void the_checker_names_a_broken_rmap(struct ktest *t)
{
	struct test_mm a;
	struct page *page, *other;
	unsigned long saved, listed;
	char why[160];

	KTEST_ASSERT_TRUE(t, test_mm_init(t, &a, 2));
	page = test_mm_map(t, &a, 0, 0);
	other = test_mm_map(t, &a, 1, 0);
	saved = page->rmap;
	page->rmap = 0;
	KTEST_EXPECT_TRUE(t, strstr(rmap_broken(TMS(&a)) ?: "",
				    "is not in the page's rmap") != NULL);
	page->rmap = saved;
	other->rmap = saved;		/* lists page's PTE */
	KTEST_EXPECT_NE(t, check_rmap_pages(&listed, why, sizeof(why)), 0);
	KTEST_EXPECT_TRUE(t, strstr(why, "which holds") != NULL);
	other->rmap = (unsigned long)test_mm_pte(&a, 1);
	RMAP_HOLDS(t, &a);
	test_mm_exit(&a);
}

/* try_to_swap_out keeps the rmap exact: the swapped PTE leaves it. */
static void swap_out_takes_the_pte_off_the_rmap(struct ktest *t)
{
	struct test_mm a;
	struct page *page;

	KTEST_ASSERT_TRUE(t, test_mm_init(t, &a, 1));
	test_mm_map(t, &a, 0, 0);
	page = test_mm_swap_out(t, &a, 0);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_EQ(t, page->rmap, 0);
	RMAP_HOLDS(t, &a);
	test_mm_exit(&a);
}

/* ------------------------------------------------ isolation */

/*
 * Undoes an isolation of a swap-cache page by hand, onto the active
 * list, so that isolation's own case does not depend on
 * putback_lru_pages (which has its case below).
 */
static void unisolate(struct page *page)
{
	uint32_t flags = lru_lock();

	ClearPageIsolated(page);
	ClearPageWasActive(page);
	add_page_to_active_list(page);
	lru_unlock(flags);
	put_page(page);
}

/* Only user pages; a cache page leaves its list. */
static void isolation_takes_user_pages_off_their_lists(struct ktest *t)
{
	struct page *p[2], *free_page = alloc_page(GFP_KERNEL);
	struct test_mm a;
	LIST_HEAD(l);

	KTEST_ASSERT_NOT_NULL(t, free_page);
	KTEST_EXPECT_EQ(t, isolate_lru_page(free_page), -EBUSY);  /* kernel */
	__free_page(free_page);
	KTEST_EXPECT_EQ(t, isolate_lru_page(free_page), -EBUSY);  /* free */
	KTEST_ASSERT_TRUE(t, test_mm_swapped(t, &a, 2, p));
	KTEST_EXPECT_EQ(t, isolate_lru_page(virt_to_page(a.ptes)), -EBUSY);
	activate_page(p[0]);
	KTEST_ASSERT_TRUE(t, isolate(t, p[0], &l));
	KTEST_ASSERT_TRUE(t, isolate(t, p[1], &l));
	KTEST_EXPECT_EQ(t, isolate_lru_page(p[0]), -EBUSY);	/* twice */
	KTEST_EXPECT_FALSE(t, PageActive(p[0]) || PageInactiveDirty(p[1]));
	KTEST_EXPECT_TRUE(t, PageIsolated(p[0]) && PageWasActive(p[0]));
	KTEST_EXPECT_EQ(t, page_count(p[0]), 2);
	KTEST_EXPECT_EQ(t, nr_active_pages + nr_inactive_dirty_pages, 0);
	RMAP_HOLDS(t, &a);
	for (unsigned int i = 0; i < 2; i++) {
		list_del_init(&p[i]->lru);
		unisolate(p[i]);
	}
	test_mm_exit(&a);
}

/* Fails t, naming putback_lru_page, unless page is back as it was. */
static void expect_put_back(struct ktest *t, struct page *page,
			    const char *where, bool on_where)
{
	if (!on_where || PageIsolated(page) || PageWasActive(page) ||
	    page_count(page) != 1)
		ktest_fail(t, __FILE__, __LINE__,
			   "putback_lru_page: pfn %lu should be back %s, not "
			   "isolated, with its one reference; it is%s on it, "
			   "isolated %d, was_active %d, count %d", page_to_pfn(page),
			   where, on_where ? "" : " not", PageIsolated(page),
			   PageWasActive(page), page_count(page));
}

/*
 * Step 20: each page goes back to the list it came from: the active
 * one, inactive_dirty for a page from an inactive list, none for an
 * anonymous page that never was in the swap cache.
 */
static void putback_puts_each_page_back_where_it_was(struct ktest *t)
{
	struct test_mm a, b;
	struct page *p[2], *anon;
	LIST_HEAD(l);

	KTEST_ASSERT_TRUE(t, test_mm_swapped(t, &a, 2, p));
	KTEST_ASSERT_TRUE(t, test_mm_init(t, &b, 1));
	anon = test_mm_map(t, &b, 0, 0);
	activate_page(p[0]);
	KTEST_ASSERT_TRUE(t, isolate(t, p[0], &l));
	KTEST_ASSERT_TRUE(t, isolate(t, p[1], &l));
	KTEST_ASSERT_TRUE(t, isolate(t, anon, &l));
	putback_lru_pages(&l);
	KTEST_EXPECT_TRUE(t, list_empty(&l));
	expect_put_back(t, p[0], "on the active list",
			page_on_list(p[0], &active_list));
	expect_put_back(t, p[1], "on inactive_dirty_list",
			page_on_list(p[1], &inactive_dirty_list));
	expect_put_back(t, anon, "on no list", !PageActive(anon) &&
			!PageInactiveDirty(anon) && !PageInactiveClean(anon));
	RMAP_HOLDS(t, &a, &b);
	test_mm_exit(&b);
	test_mm_exit(&a);
}

/* swap_out leaves an isolated page mapped, however old it is. */
static void swap_out_leaves_an_isolated_page(struct ktest *t)
{
	struct test_mm a;
	struct page *page;
	LIST_HEAD(l);

	KTEST_ASSERT_TRUE(t, test_mm_init(t, &a, 1));
	page = test_mm_map(t, &a, 0, 0);
	page->age = 0;
	KTEST_ASSERT_TRUE(t, isolate(t, page, &l));
	a.mm.swap_cnt = 1;
	KTEST_EXPECT_EQ(t, try_to_swap_out(&a.mm, &a.vma, test_mm_addr(0),
					   test_mm_pte(&a, 0), GFP_KSWAPD), 0);
	KTEST_EXPECT_PTR_EQ(t, mapped(&a, 0), page);
	KTEST_EXPECT_FALSE(t, PageSwapCache(page));
	putback_lru_pages(&l);
	test_mm_exit(&a);
}

/* ------------------------------------------------ the steps */

/* Step 4: entries that remember write access; the dirty bit moves. */
static void try_to_unmap_makes_migration_entries(struct ktest *t)
{
	struct test_mm a, b;
	struct page *page;
	swp_entry_t e;

	KTEST_ASSERT_TRUE(t, test_mm_init(t, &a, 1));
	KTEST_ASSERT_TRUE(t, test_mm_init(t, &b, 1));
	page = test_mm_map(t, &a, 0, _PAGE_DIRTY);
	share(&b, 0, page);
	get_page(page);		/* as the isolation holds it */
	lock_page(page);
	try_to_unmap(page);
	if (page_mapcount(page) || rmap_count(page) != 2 ||
	    page_count(page) != 1)
		ktest_fail(t, __FILE__, __LINE__,
			   "try_to_unmap: both PTEs should become migration "
			   "entries (mapcount %d, expected 0), staying in the "
			   "rmap (%d entries, expected 2), their references "
			   "dropped (count %d, expected 1: the isolation's)",
			   page_mapcount(page), rmap_count(page),
			   page_count(page));
	e = pte_to_swp_entry(*test_mm_pte(&a, 0));
	KTEST_EXPECT_TRUE(t, pte_is_migration(*test_mm_pte(&a, 0)));
	KTEST_EXPECT_TRUE(t, is_write_migration_entry(e));
	KTEST_EXPECT_PTR_EQ(t, migration_entry_to_page(e), page);
	e = pte_to_swp_entry(*test_mm_pte(&b, 0));
	KTEST_EXPECT_FALSE(t, is_write_migration_entry(e));
	KTEST_EXPECT_TRUE(t, PageDirty(page));
	KTEST_EXPECT_EQ(t, a.mm.rss + b.mm.rss, 0);
	RMAP_HOLDS(t, &a, &b);
	/* exit with the entries in place (the back-out is step 16's) */
	unlock_page(page);
	ClearPageDirty(page);
	test_mm_exit(&b);
	test_mm_exit(&a);
	put_page(page);
}

/* Step 7's back-out: the slot holds another page; nothing changes. */
static void move_mapping_backs_out_when_the_slot_moved(struct ktest *t)
{
	struct page *page, *newpage = alloc_page(GFP_HIGHUSER);
	struct test_mm a;
	void **slot;

	KTEST_ASSERT_NOT_NULL(t, newpage);
	KTEST_ASSERT_TRUE(t, test_mm_swapped(t, &a, 1, &page));
	get_page(page);				/* the isolation's */
	slot = radix_tree_lookup_slot(&swapper_space.page_tree,
				      swap_cache_key((swp_entry_t){
						page->index }));
	*slot = newpage;
	KTEST_EXPECT_EQ(t, migrate_page_move_mapping(newpage, page), -EAGAIN);
	KTEST_EXPECT_EQ(t, page_count(newpage), 1);
	KTEST_EXPECT_FALSE(t, PageSwapCache(newpage));
	*slot = page;
	/* step 6's: one reference too many */
	get_page(page);
	KTEST_EXPECT_EQ(t, migrate_page_move_mapping(newpage, page), -EAGAIN);
	KTEST_EXPECT_PTR_EQ(t, *slot, page);
	put_page(page);
	put_page(page);
	__free_page(newpage);
	test_mm_exit(&a);
}

/* Step 2's back-out: a write not finished. */
static void unmap_and_move_backs_out_under_writeback(struct ktest *t)
{
	struct page *page, *newpage = alloc_page(GFP_HIGHUSER);
	struct test_mm a;
	LIST_HEAD(l);

	KTEST_ASSERT_NOT_NULL(t, newpage);
	KTEST_ASSERT_TRUE(t, test_mm_init(t, &a, 1));
	page = test_mm_map(t, &a, 0, 0);
	KTEST_ASSERT_TRUE(t, isolate(t, page, &l));
	SetPageWriteback(page);
	KTEST_EXPECT_EQ(t, unmap_and_move(newpage, page, 1), -EAGAIN);
	ClearPageWriteback(page);
	KTEST_EXPECT_PTR_EQ(t, mapped(&a, 0), page);
	KTEST_EXPECT_FALSE(t, PageLocked(page) || PageLocked(newpage));
	__free_page(newpage);
	putback_lru_pages(&l);
	test_mm_exit(&a);
}

/* ------------------------------------------------ migrate_pages */

/* An anonymous page: new frame, same bytes, same PTE bits, rmap moved. */
static void an_anonymous_page_moves(struct ktest *t)
{
	unsigned long ok = vm_events[PGMIGRATE_SUCCESS];
	struct target tg = { .status = 1 };
	struct page *page, *now;
	struct test_mm a;

	KTEST_ASSERT_TRUE(t, test_mm_init(t, &a, 2));
	page = test_mm_map(t, &a, 1, _PAGE_DIRTY);
	KTEST_EXPECT_EQ(t, migrate_one_page(t, page, &tg), 0);
	now = mapped(&a, 1);
	KTEST_ASSERT_NOT_NULL(t, now);
	KTEST_EXPECT_PTR_EQ(t, now, tg.last);
	KTEST_EXPECT_PTR_NE(t, now, page);
	KTEST_EXPECT_TRUE(t, test_mm_intact(page_address(now), 1));
	KTEST_EXPECT_TRUE(t, pte_write(*test_mm_pte(&a, 1)));
	KTEST_EXPECT_EQ(t, now->rmap, (unsigned long)test_mm_pte(&a, 1));
	KTEST_EXPECT_EQ(t, page_count(now), 1);
	KTEST_EXPECT_TRUE(t, PageDirty(now));
	KTEST_EXPECT_FALSE(t, PageIsolated(now) || PageLocked(now));
	KTEST_EXPECT_EQ(t, page_count(page), 0);	/* freed */
	KTEST_EXPECT_EQ(t, tg.status, 0);
	KTEST_EXPECT_EQ(t, a.mm.rss, 1);
	KTEST_EXPECT_EQ(t, vm_events[PGMIGRATE_SUCCESS], ok + 1);
	RMAP_HOLDS(t, &a);
	test_mm_exit(&a);
}

/*
 * A swap-cache page, mapped: the radix slot, the cache's reference,
 * the list it was on and the swapper_space list all move to the new
 * page; nrpages and swap_map stay.
 */
static void a_swap_cache_page_moves(struct ktest *t)
{
	struct target tg = { 0 };
	struct page *page, *now;
	struct test_mm a;
	swp_entry_t entry;
	unsigned long nrpages;

	KTEST_ASSERT_TRUE(t, test_mm_swapped(t, &a, 1, &page));
	entry = (swp_entry_t){ page->index };
	map_back(&a, 0, page);
	activate_page(page);
	nrpages = swapper_space.nrpages;
	now = move_cached(t, page, &tg);
	KTEST_ASSERT_NOT_NULL(t, now);
	KTEST_EXPECT_PTR_EQ(t, mapped(&a, 0), now);
	KTEST_EXPECT_PTR_NE(t, now, page);
	KTEST_EXPECT_TRUE(t, PageSwapCache(now) && PageActive(now));
	KTEST_EXPECT_TRUE(t, PageDirty(now) &&
			  page_on_list(now, &active_list));
	KTEST_EXPECT_EQ(t, now->index, entry.val);
	KTEST_EXPECT_EQ(t, swapper_space.nrpages, nrpages);
	KTEST_EXPECT_EQ(t, swap_count(entry), 1);	/* the cache's */
	KTEST_EXPECT_EQ(t, page_count(now), 2);		/* PTE + cache */
	KTEST_EXPECT_TRUE(t, test_mm_intact(page_address(now), 0));
	KTEST_EXPECT_EQ(t, page_count(page), 0);
	RMAP_HOLDS(t, &a);
	test_mm_exit(&a);
}

/* A page shared copy-on-write: both PTEs follow, both stay read-only. */
static void a_shared_page_moves_and_stays_read_only(struct ktest *t)
{
	struct target tg = { 0 };
	struct test_mm a, b;
	struct page *page, *now;

	KTEST_ASSERT_TRUE(t, test_mm_init(t, &a, 1));
	KTEST_ASSERT_TRUE(t, test_mm_init(t, &b, 1));
	page = test_mm_map(t, &a, 0, 0);
	ptep_set_wrprotect(test_mm_pte(&a, 0));
	share(&b, 0, page);
	KTEST_EXPECT_EQ(t, migrate_one_page(t, page, &tg), 0);
	now = mapped(&a, 0);
	KTEST_ASSERT_NOT_NULL(t, now);
	KTEST_EXPECT_PTR_EQ(t, mapped(&b, 0), now);
	KTEST_EXPECT_PTR_NE(t, now, page);
	KTEST_EXPECT_FALSE(t, pte_write(*test_mm_pte(&a, 0)));
	KTEST_EXPECT_FALSE(t, pte_write(*test_mm_pte(&b, 0)));
	KTEST_EXPECT_EQ(t, page_mapcount(now), 2);
	KTEST_EXPECT_EQ(t, page_count(now), 2);
	KTEST_EXPECT_TRUE(t, test_mm_intact(page_address(now), 0));
	RMAP_HOLDS(t, &a, &b);
	test_mm_exit(&b);
	test_mm_exit(&a);
}

/*
 * A cache page being written: the first passes do not wait and try
 * again; a later pass waits for the write and moves the clean page.
 */
static void a_page_under_write_io_moves_after_it(struct ktest *t)
{
	struct target tg = { 0 };
	struct page *page, *now;
	struct test_mm a;

	KTEST_ASSERT_TRUE(t, test_mm_swapped(t, &a, 1, &page));
	write_without_waiting();
	KTEST_ASSERT_TRUE(t, PageLocked(page) && PageWriteback(page));
	now = move_cached(t, page, &tg);
	KTEST_EXPECT_EQ(t, tg.calls, 4);   /* 3 passes that did not wait */
	KTEST_ASSERT_NOT_NULL(t, now);
	KTEST_EXPECT_PTR_NE(t, now, page);
	KTEST_EXPECT_FALSE(t, PageDirty(now) || PageLocked(now));
	KTEST_EXPECT_TRUE(t, PageInactiveDirty(now));
	test_mm_exit(&a);
}

/* ------------------------------------------------ back-outs */

/* An unexpected reference (step 6): ten passes, then it stays. */
static void a_pinned_page_stays_where_it_is(struct ktest *t)
{
	unsigned long fail = vm_events[PGMIGRATE_FAIL];
	struct target tg = { 0 };
	struct page *page;
	struct test_mm a;

	KTEST_ASSERT_TRUE(t, test_mm_init(t, &a, 1));
	page = test_mm_map(t, &a, 0, 0);
	get_page(page);				/* a pin (get_user_pages) */
	KTEST_EXPECT_EQ(t, migrate_one_page(t, page, &tg), 1);
	KTEST_EXPECT_EQ(t, tg.calls, 10);
	KTEST_EXPECT_EQ(t, tg.status, -EAGAIN);
	KTEST_EXPECT_PTR_EQ(t, mapped(&a, 0), page);
	KTEST_EXPECT_TRUE(t, pte_write(*test_mm_pte(&a, 0)));
	KTEST_EXPECT_TRUE(t, test_mm_intact(page_address(page), 0));
	KTEST_EXPECT_EQ(t, page_count(page), 2);
	KTEST_EXPECT_EQ(t, vm_events[PGMIGRATE_FAIL], fail + 1);
	RMAP_HOLDS(t, &a);
	put_page(page);
	test_mm_exit(&a);
}

/*
 * The mapcount is not 0 after step 4: one of the two PTEs could not
 * become an entry (it lies outside its mm's VMAs), so the other one
 * is put back as it was.
 */
static void a_page_still_mapped_after_unmapping_stays(struct ktest *t)
{
	struct target tg = { 0 };
	struct test_mm a, b;
	struct page *page;

	KTEST_ASSERT_TRUE(t, test_mm_init(t, &a, 1));
	KTEST_ASSERT_TRUE(t, test_mm_init(t, &b, 2));
	page = test_mm_map(t, &a, 0, 0);
	share(&b, 1, page);
	b.vma.vm_end = test_mm_addr(1);		/* page 1 outside it */
	KTEST_EXPECT_EQ(t, migrate_one_page(t, page, &tg), 1);
	b.vma.vm_end = test_mm_addr(2);
	KTEST_EXPECT_PTR_EQ(t, mapped(&a, 0), page);
	KTEST_EXPECT_PTR_EQ(t, mapped(&b, 1), page);
	KTEST_EXPECT_TRUE(t, pte_write(*test_mm_pte(&a, 0)));
	KTEST_EXPECT_EQ(t, page_mapcount(page), 2);
	KTEST_EXPECT_EQ(t, a.mm.rss, 1);
	RMAP_HOLDS(t, &a, &b);
	test_mm_exit(&b);
	test_mm_exit(&a);
}

/* No target page: -ENOMEM at once, the page untouched on the list. */
static void no_target_page_stops_everything(struct ktest *t)
{
	struct target tg = { .none = true };
	struct page *p[2];
	struct test_mm a;
	LIST_HEAD(l);

	KTEST_ASSERT_TRUE(t, test_mm_init(t, &a, 2));
	p[0] = test_mm_map(t, &a, 0, 0);
	p[1] = test_mm_map(t, &a, 1, 0);
	KTEST_ASSERT_TRUE(t, isolate(t, p[0], &l));
	KTEST_ASSERT_TRUE(t, isolate(t, p[1], &l));
	KTEST_EXPECT_EQ(t, migrate_pages(&l, new_page, (unsigned long)&tg),
			-ENOMEM);
	KTEST_EXPECT_EQ(t, tg.calls, 1);
	KTEST_EXPECT_TRUE(t, page_on_list(p[0], &l) && page_on_list(p[1], &l));
	KTEST_EXPECT_PTR_EQ(t, mapped(&a, 0), p[0]);
	putback_lru_pages(&l);
	KTEST_EXPECT_EQ(t, page_count(p[0]), 1);
	test_mm_exit(&a);
}

/* Every user went away while it was isolated: it is just freed. */
static void a_page_nobody_uses_any_more_is_freed(struct ktest *t)
{
	struct target tg = { 0 };
	struct page *page;
	struct test_mm a;
	LIST_HEAD(l);

	KTEST_ASSERT_TRUE(t, test_mm_init(t, &a, 1));
	page = test_mm_map(t, &a, 0, 0);
	KTEST_ASSERT_TRUE(t, isolate(t, page, &l));
	test_mm_exit(&a);			/* the process exits */
	KTEST_EXPECT_EQ(t, page_count(page), 1);
	KTEST_EXPECT_EQ(t, migrate_pages(&l, new_page, (unsigned long)&tg),
			0);
	KTEST_EXPECT_EQ(t, tg.calls, 0);
	KTEST_EXPECT_TRUE(t, list_empty(&l));
	KTEST_EXPECT_EQ(t, page_count(page), 0);
}

/* A clean page from inactive_clean moves, and goes to inactive_dirty,
 * from where page_launder's first pass takes it back to clean. */
static void a_clean_inactive_page_moves(struct ktest *t)
{
	struct target tg = { 0 };
	struct page *page, *now;
	struct test_mm a;

	KTEST_ASSERT_TRUE(t, test_mm_swapped(t, &a, 1, &page));
	write_without_waiting();
	ramdisk_run();
	page_launder(GFP_KSWAPD, 0);
	KTEST_ASSERT_TRUE(t, PageInactiveClean(page));
	now = move_cached(t, page, &tg);
	KTEST_ASSERT_NOT_NULL(t, now);
	KTEST_EXPECT_TRUE(t, PageInactiveDirty(now) && !PageDirty(now));
	KTEST_EXPECT_TRUE(t, PageUptodate(now));
	KTEST_EXPECT_TRUE(t, test_mm_intact(page_address(now), 0));
	page_launder(GFP_KSWAPD, 0);
	KTEST_EXPECT_TRUE(t, PageInactiveClean(now));
	test_mm_exit(&a);
}

/* mprotect while the entries are out: a write entry comes back
 * read-only if the VMA is no longer writable. */
static void step_16_follows_the_vma_now(struct ktest *t)
{
	struct test_mm a;
	struct page *page;

	KTEST_ASSERT_TRUE(t, test_mm_init(t, &a, 1));
	page = test_mm_map(t, &a, 0, 0);
	get_page(page);
	lock_page(page);
	try_to_unmap(page);
	if (!pte_is_migration(*test_mm_pte(&a, 0)) ||
	    !is_write_migration_entry(pte_to_swp_entry(*test_mm_pte(&a, 0))))
		ktest_fail(t, __FILE__, __LINE__,
			   "try_to_unmap: a writable PTE should become a write "
			   "migration entry (this case of step 16 needs it)");
	a.vma.vm_flags &= ~VM_WRITE;
	remove_migration_ptes(page, page);
	unlock_page(page);
	put_page(page);
	if (mapped(&a, 0) != page || pte_write(*test_mm_pte(&a, 0)))
		ktest_fail(t, __FILE__, __LINE__,
			   "remove_migration_ptes(page, page), the back-out: "
			   "the entry should map the page again, read-only "
			   "since its VMA lost VM_WRITE; the PTE holds %#llx",
			   (unsigned long long)pte_val(*test_mm_pte(&a, 0)));
	RMAP_HOLDS(t, &a);
	test_mm_exit(&a);
}

/* ------------------------------------------------ each step alone */

/*
 * Step 16: the entries of a writable PTE and of a read-only one (a
 * page shared after fork) become PTEs of the new page, each with the
 * write access it had; the new page gets a reference and an rss count
 * per PTE, and the old page's rmap.
 */
static void remove_migration_ptes_maps_the_new_page(struct ktest *t)
{
	struct page *page, *newpage = alloc_page(GFP_HIGHUSER);
	struct test_mm a, b;

	KTEST_ASSERT_NOT_NULL(t, newpage);
	KTEST_ASSERT_TRUE(t, test_mm_init(t, &a, 1));
	KTEST_ASSERT_TRUE(t, test_mm_init(t, &b, 1));
	page = test_mm_map(t, &a, 0, 0);
	share(&b, 0, page);
	get_page(page);			/* as the isolation holds it */
	lock_page(page);
	try_to_unmap(page);
	remove_migration_ptes(newpage, page);
	if (mapped(&a, 0) != newpage || mapped(&b, 0) != newpage)
		ktest_fail(t, __FILE__, __LINE__,
			   "remove_migration_ptes: the two migration entries "
			   "should map the new page pfn %lu; they hold %#llx "
			   "and %#llx", page_to_pfn(newpage),
			   (unsigned long long)pte_val(*test_mm_pte(&a, 0)),
			   (unsigned long long)pte_val(*test_mm_pte(&b, 0)));
	if (!pte_write(*test_mm_pte(&a, 0)) || pte_write(*test_mm_pte(&b, 0)))
		ktest_fail(t, __FILE__, __LINE__,
			   "remove_migration_ptes: a writable PTE must come "
			   "back writable and a read-only one read-only "
			   "(write %d and %d)", pte_write(*test_mm_pte(&a, 0)),
			   pte_write(*test_mm_pte(&b, 0)));
	if (page_count(newpage) != 3 || a.mm.rss + b.mm.rss != 2 ||
	    page_mapcount(newpage) != 2 || page->rmap)
		ktest_fail(t, __FILE__, __LINE__,
			   "remove_migration_ptes: the new page should have 3 "
			   "references (the allocation's and 2 PTEs'), 2 rss "
			   "counts and the old page's 2 rmap entries; it has "
			   "%d, %lu, %d, and the old page's rmap is %#lx",
			   page_count(newpage), a.mm.rss + b.mm.rss,
			   page_mapcount(newpage), page->rmap);
	RMAP_HOLDS(t, &a, &b);
	unlock_page(page);
	put_page(page);			/* ours: the old page is free */
	put_page(newpage);		/* the allocation's */
	test_mm_exit(&b);
	test_mm_exit(&a);
}

/* Is page on swapper_space.dirty_pages (through page->list)? */
static bool on_dirty_pages(struct page *page)
{
	struct list_head *e;

	list_for_each(e, &swapper_space.dirty_pages)
		if (e == &page->list)
			return true;
	return false;
}

/*
 * Steps 5 to 11 for a swap-cache page: pinned by one reference more,
 * it stays (step 6); held by the cache and the isolation only, the
 * new page takes its slot, its swapper_space list and
 * the cache's reference; then the same call moves it back.  An
 * anonymous page held only by the isolation has nothing to move.
 */
static void move_mapping_gives_the_slot_to_the_new_page(struct ktest *t)
{
	struct page *page, *newpage = alloc_page(GFP_HIGHUSER);
	unsigned long nrpages;
	struct test_mm a;
	swp_entry_t entry;
	void **slot;
	int rc;

	KTEST_ASSERT_NOT_NULL(t, newpage);
	KTEST_ASSERT_TRUE(t, test_mm_swapped(t, &a, 1, &page));
	nrpages = swapper_space.nrpages;
	entry = (swp_entry_t){ page->index };
	slot = radix_tree_lookup_slot(&swapper_space.page_tree,
				      swap_cache_key(entry));
	get_page(page);				/* the isolation's */
	get_page(page);				/* and a pin: step 6 */
	rc = migrate_page_move_mapping(newpage, page);
	put_page(page);
	if (rc != -EAGAIN || *slot != page || PageSwapCache(newpage)) {
		ktest_fail(t, __FILE__, __LINE__,
			   "migrate_page_move_mapping: a page with one "
			   "reference more than the cache's and the "
			   "isolation's must stay where it is (step 6): "
			   "returned %d, expected -EAGAIN, slot %s", rc,
			   *slot == page ? "unchanged" : "moved");
		goto out;
	}
	rc = migrate_page_move_mapping(newpage, page);
	if (rc || *slot != newpage || !PageSwapCache(newpage) ||
	    newpage->index != entry.val ||
	    newpage->mapping != &swapper_space)
		ktest_fail(t, __FILE__, __LINE__,
			   "migrate_page_move_mapping: returned %d; the slot "
			   "should hold the new page (%s), which takes "
			   "PG_swap_cache (%d), index %#lx (%#lx) and mapping "
			   "swapper_space (%s)", rc,
			   *slot == newpage ? "it does" : "it does not",
			   PageSwapCache(newpage), entry.val, newpage->index,
			   newpage->mapping == &swapper_space ? "yes" : "no");
	if (page_count(newpage) != 2 || page_count(page) != 1 ||
	    !on_dirty_pages(newpage) ||
	    !list_empty(&page->list) || swapper_space.nrpages != nrpages)
		ktest_fail(t, __FILE__, __LINE__,
			   "migrate_page_move_mapping: the cache's reference "
			   "and its place on swapper_space.dirty_pages should "
			   "move to the new page (counts new %d, old %d; "
			   "expected 2 and 1), nrpages stay %lu (%lu)",
			   page_count(newpage), page_count(page), nrpages,
			   swapper_space.nrpages);
	if (!rc && *slot == newpage)		/* and back again */
		KTEST_EXPECT_EQ(t, migrate_page_move_mapping(page, newpage),
				0);
	KTEST_EXPECT_PTR_EQ(t, *slot, page);
out:
	ClearPageSwapCache(newpage);
	newpage->mapping = NULL;
	newpage->index = 0;
	put_page(page);
	__free_page(newpage);
	test_mm_exit(&a);
}

/*
 * Steps 12 to 15: the bytes, the flags and the age go to the new
 * page, the old one keeps none of them, and a dirty page stays dirty.
 */
static void migrate_page_copy_copies_bytes_and_flags(struct ktest *t)
{
	struct page *page, *newpage = alloc_page(GFP_HIGHUSER);
	struct test_mm a;

	KTEST_ASSERT_NOT_NULL(t, newpage);
	KTEST_ASSERT_TRUE(t, test_mm_init(t, &a, 2));
	page = test_mm_map(t, &a, 1, 0);
	SetPageReferenced(page);
	SetPageUptodate(page);
	SetPageDirty(page);
	page->age = 7;
	migrate_page_copy(newpage, page);
	if (!test_mm_intact(page_address(newpage), 1))
		ktest_fail(t, __FILE__, __LINE__,
			   "migrate_page_copy: the new page does not hold the "
			   "old page's bytes (step 12)");
	if (!PageReferenced(newpage) || !PageUptodate(newpage) ||
	    !PageDirty(newpage) || newpage->age != 7)
		ktest_fail(t, __FILE__, __LINE__,
			   "migrate_page_copy: the new page should be "
			   "referenced, uptodate, dirty and of age 7 "
			   "(steps 13 and 15): %d %d %d, age %u",
			   PageReferenced(newpage), PageUptodate(newpage),
			   PageDirty(newpage), newpage->age);
	if (PageReferenced(page) || PageUptodate(page) || PageDirty(page) ||
	    page->age)
		ktest_fail(t, __FILE__, __LINE__,
			   "migrate_page_copy: the old page keeps nothing "
			   "(step 14), yet referenced %d uptodate %d dirty "
			   "%d age %u", PageReferenced(page),
			   PageUptodate(page), PageDirty(page), page->age);
	ClearPageReferenced(newpage);
	ClearPageUptodate(newpage);
	ClearPageDirty(newpage);
	ClearPageReferenced(page);
	ClearPageUptodate(page);
	ClearPageDirty(page);
	__free_page(newpage);
	test_mm_exit(&a);
}

/*
 * One page's move: both pages locked and unlocked again, the new page
 * isolated until step 20 and mapped where the old one was, with its
 * bytes; the old page holds only the isolation's reference.
 */
static void unmap_and_move_moves_a_mapped_page(struct ktest *t)
{
	struct page *page, *newpage = alloc_page(GFP_HIGHUSER);
	struct test_mm a;
	int rc;

	KTEST_ASSERT_NOT_NULL(t, newpage);
	KTEST_ASSERT_TRUE(t, test_mm_init(t, &a, 1));
	page = test_mm_map(t, &a, 0, 0);
	get_page(page);			/* as the isolation holds it */
	rc = unmap_and_move(newpage, page, 0);
	if (rc || mapped(&a, 0) != newpage ||
	    !test_mm_intact(page_address(newpage), 0) ||
	    !pte_write(*test_mm_pte(&a, 0)))
		ktest_fail(t, __FILE__, __LINE__,
			   "unmap_and_move: returned %d (expected 0); the PTE "
			   "should map the new page, writable, with the old "
			   "bytes: it holds %#llx", rc,
			   (unsigned long long)pte_val(*test_mm_pte(&a, 0)));
	if (PageLocked(page) || PageLocked(newpage) || !PageIsolated(newpage))
		ktest_fail(t, __FILE__, __LINE__,
			   "unmap_and_move: both pages should be unlocked "
			   "(step 19: locked %d and %d) and the new one "
			   "isolated until step 20 (%d)", PageLocked(page),
			   PageLocked(newpage), PageIsolated(newpage));
	if (!rc && (page_count(page) != 1 || page_count(newpage) != 2))
		ktest_fail(t, __FILE__, __LINE__,
			   "unmap_and_move: the old page should hold only the "
			   "isolation's reference (%d) and the new one the "
			   "allocation's and the PTE's (%d)", page_count(page),
			   page_count(newpage));
	RMAP_HOLDS(t, &a);
	ClearPageIsolated(newpage);
	put_page(page);
	put_page(newpage);
	test_mm_exit(&a);
}

static const struct ktest_case migrate_cases[] = {
	KTEST_CASE(rmap_grows_a_chain_and_shrinks_back),
	KTEST_CASE(a_pte_names_its_mm_and_address),
	KTEST_CASE(the_checker_names_a_broken_rmap),
	KTEST_CASE(swap_out_takes_the_pte_off_the_rmap),
	KTEST_CASE(isolation_takes_user_pages_off_their_lists),
	KTEST_CASE(putback_puts_each_page_back_where_it_was),
	KTEST_CASE(swap_out_leaves_an_isolated_page),
	KTEST_CASE(try_to_unmap_makes_migration_entries),
	KTEST_CASE(move_mapping_backs_out_when_the_slot_moved),
	KTEST_CASE(unmap_and_move_backs_out_under_writeback),
	KTEST_CASE(an_anonymous_page_moves),
	KTEST_CASE(a_swap_cache_page_moves),
	KTEST_CASE(a_shared_page_moves_and_stays_read_only),
	KTEST_CASE(a_page_under_write_io_moves_after_it),
	KTEST_CASE(a_pinned_page_stays_where_it_is),
	KTEST_CASE(a_page_still_mapped_after_unmapping_stays),
	KTEST_CASE(no_target_page_stops_everything),
	KTEST_CASE(a_page_nobody_uses_any_more_is_freed),
	KTEST_CASE(a_clean_inactive_page_moves),
	KTEST_CASE(step_16_follows_the_vma_now),
	KTEST_CASE(remove_migration_ptes_maps_the_new_page),
	KTEST_CASE(move_mapping_gives_the_slot_to_the_new_page),
	KTEST_CASE(migrate_page_copy_copies_bytes_and_flags),
	KTEST_CASE(unmap_and_move_moves_a_mapped_page),
};
KTEST_SUITE_INIT_EXIT(host_migrate, migrate_cases, reclaim_machine_up,
		      reclaim_machine_down);
