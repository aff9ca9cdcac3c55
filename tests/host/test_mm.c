/* See test_mm.h. */
#include "tests/host/test_mm.h"
#include "kernel/kernel.h"
#include "lib/string.h"
#include "mm/mm_types.h"
#include "mm/rmap.h"
#include "mm/swapops.h"
#include "mm/vmscan.h"
#include "tests/common/reclaim_machine.h"

unsigned long test_mm_addr(unsigned int i)
{
	return TEST_MM_BASE + i * PAGE_SIZE;
}

pte_t *test_mm_pte(struct test_mm *tm, unsigned int i)
{
	return tm->ptes + i;
}

/*
 * A page directory or page table of 1024 entries.  On the host an
 * entry is 8 bytes (unsigned long), so it takes two pages; the
 * invariant checker reads every entry, as in the kernel.
 */
#define TABLE_ORDER	(PTRS_PER_PTE * sizeof(pte_t) > PAGE_SIZE)

static void *alloc_table(void)
{
	void *table = (void *)__get_free_pages(GFP_KERNEL, TABLE_ORDER);

	if (table)
		memset(table, 0, PAGE_SIZE << TABLE_ORDER);
	return table;
}

bool test_mm_init(struct ktest *t, struct test_mm *tm, unsigned int pages)
{
	memset(tm, 0, sizeof(*tm));
	tm->pages = pages;
	tm->mm.mm_users = 1;
	/* not pgd_alloc(): the host has no kernel half to copy */
	tm->mm.pgd = alloc_table();
	if (tm->mm.pgd) {
		pmd_t *pmd = pmd_offset(pgd_offset(&tm->mm, TEST_MM_BASE),
					TEST_MM_BASE);
		void *table = alloc_table();

		if (table) {
			/* what pte_alloc() records, for the reverse map */
			pte_table_set_owner(table, &tm->mm, TEST_MM_BASE);
			set_pmd(pmd, __pmd(__pa(table) | _PAGE_TABLE));
			tm->ptes = pte_offset(pmd, TEST_MM_BASE);
		}
	}
	if (!tm->ptes) {
		free_pages((unsigned long)tm->mm.pgd, TABLE_ORDER);
		ktest_fail(t, __FILE__, __LINE__, "no page for page tables");
		return false;
	}
	tm->vma.vm_mm = &tm->mm;
	tm->vma.vm_start = TEST_MM_BASE;
	tm->vma.vm_end = test_mm_addr(pages);
	tm->vma.vm_flags = VM_READ | VM_WRITE;
	tm->vma.vm_page_prot = PAGE_COPY;	/* private: writes fault */
	tm->mm.mmap = &tm->vma;
	tm->mm.map_count = 1;
	list_add_tail(&tm->mm.mmlist, &mmlist);
	return true;
}

/* exit_mmap's work per PTE (zap_page_range in mm/memory.c). */
void test_mm_exit(struct test_mm *tm)
{
	for (unsigned int i = 0; i < tm->pages; i++) {
		pte_t pte = tm->ptes[i];

		if (pte_none(pte))
			continue;
		if (pte_is_migration(pte)) {
			page_remove_rmap(migration_entry_to_page(
				pte_to_swp_entry(pte)), tm->ptes + i);
		} else if (pte_present(pte)) {
			page_remove_rmap(pte_page(pte), tm->ptes + i);
			free_page_and_swap_cache(pte_page(pte));
		} else {
			free_swap_and_cache(pte_to_swp_entry(pte));
		}
		tm->ptes[i] = __pte(0);
	}
	list_del(&tm->mm.mmlist);
	pte_table_set_owner(tm->ptes, NULL, 0);
	free_pages((unsigned long)tm->ptes, TABLE_ORDER);
	free_pages((unsigned long)tm->mm.pgd, TABLE_ORDER);
}

static uint32_t pattern(unsigned int i, unsigned int word)
{
	return 0x5a000000u ^ (i << 12) ^ word;
}

struct page *test_mm_map(struct ktest *t, struct test_mm *tm, unsigned int i,
			 unsigned long extra)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	uint32_t *w;

	if (!page) {
		ktest_fail(t, __FILE__, __LINE__, "no page to map");
		return NULL;
	}
	w = page_address(page);
	for (unsigned int j = 0; j < PAGE_SIZE / 4; j++)
		w[j] = pattern(i, j);
	set_pte(tm->ptes + i, __pte((page_to_pfn(page) << PAGE_SHIFT) |
				    _PAGE_PRESENT | _PAGE_RW | _PAGE_USER |
				    extra));
	page_add_rmap(page, tm->ptes + i);
	tm->mm.rss++;
	return page;
}

bool test_mm_intact(const void *data, unsigned int i)
{
	const uint32_t *w = data;

	for (unsigned int j = 0; j < PAGE_SIZE / 4; j++)
		if (w[j] != pattern(i, j))
			return false;
	return true;
}

struct page *test_mm_swap_out(struct ktest *t, struct test_mm *tm,
			      unsigned int i)
{
	pte_t *ptep = test_mm_pte(tm, i);
	struct page *page;
	int unmapped;

	if (!pte_present(*ptep)) {
		ktest_fail(t, __FILE__, __LINE__, "page %u is not mapped", i);
		return NULL;
	}
	page = pte_page(*ptep);
	page->age = 0;
	pte_val(*ptep) &= ~_PAGE_ACCESSED;
	tm->mm.swap_cnt = 1;
	unmapped = try_to_swap_out(&tm->mm, &tm->vma, test_mm_addr(i), ptep,
				   GFP_KSWAPD);
	if (pte_present(*ptep) || !PageSwapCache(page) ||
	    !PageInactiveDirty(page) || page_count(page) != 1) {
		ktest_fail(t, __FILE__, __LINE__, "try_to_swap_out kept "
			   "page %u (present %d, cached %d, count %d)", i,
			   pte_present(*ptep), PageSwapCache(page),
			   page_count(page));
		return NULL;
	}
	/* its comment's promise: 1 for a page it unmapped (the page did
	 * go: the caller's case goes on) */
	if (unmapped != 1)
		ktest_fail(t, __FILE__, __LINE__, "try_to_swap_out unmapped "
			   "page %u but returned %d", i, unmapped);
	return page;
}

bool test_mm_swapped(struct ktest *t, struct test_mm *tm, unsigned int n,
		     struct page **pages)
{
	if (!test_mm_init(t, tm, n))
		return false;
	for (unsigned int i = 0; i < n; i++) {
		test_mm_map(t, tm, i, 0);
		pages[i] = test_mm_swap_out(t, tm, i);
		if (!pages[i]) {
			test_mm_exit(tm);
			return false;
		}
	}
	return true;
}

/* The pages test_mm_make_free_shortage() holds. */
static struct page *held[RECLAIM_MACHINE_PAGES];
static unsigned int nheld;

/*
 * Holds one more free page, until `what` comes true.  An allocator or
 * a free_shortage() that is wrong (stubbed) can keep it from ever
 * coming: then the case fails by name here (a panic, on the host),
 * instead of running past held[] and ending the whole run.
 */
static void hold_a_page(const char *what)
{
	if (nheld == ARRAY_SIZE(held) ||
	    !(held[nheld] = alloc_page(GFP_ATOMIC)))
		panic("test_mm: %u pages held, no more to take, and still not "
		      "%s", nheld, what);
	nheld++;
}

void test_mm_make_free_shortage(void)
{
	while (!free_shortage())
		hold_a_page("free_shortage()");
}

void test_mm_hold_below_min(zone_t *zone)
{
	while (zone->free_pages >= zone->pages_min)
		hold_a_page("below the zone's pages_min");
}

void test_mm_hold_to_the_edge(void)
{
	test_mm_make_free_shortage();
	while (free_shortage() && nheld)
		__free_page(held[--nheld]);
}

void test_mm_end_free_shortage(void)
{
	while (nheld)
		__free_page(held[--nheld]);
}

void test_mm_forget_held(void)
{
	nheld = 0;
}
