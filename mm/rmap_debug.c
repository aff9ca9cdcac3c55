/*
 * The reverse map's invariants (mm/rmap.h), both ways, named when
 * broken:
 *  - every present user PTE (the zero page's excepted) and every
 *    migration entry is in the rmap of the page it names, and its page
 *    table names its mm and address;
 *  - every rmap entry is a PTE of a page table in use that maps that
 *    page or holds a migration entry naming it;
 *  - there are as many rmap entries as such PTEs (so none is listed
 *    twice), hence page_mapcount() is the number of present PTEs;
 *  - a migration entry names a locked page: its mover holds the lock
 *    until every entry is replaced (an unlocked one is stale).
 * mmap_debug.c checks the first for one mm after each change to it;
 * check_mm_invariants() checks all of them (reclaim_debug.c).
 */
#include "mm/rmap.h"
#include "kernel/kernel.h"
#include "mm/mm_types.h"
#include "mm/pgtable.h"
#include "mm/swapops.h"

#define FAIL(...)	({ snprintf(why, len, __VA_ARGS__); -1; })

static char report[160];

/* The page a PTE names (present or migration entry), or NULL. */
static struct page *rmap_page_of(pte_t pte)
{
	if (pte_is_migration(pte))
		return migration_entry_to_page(pte_to_swp_entry(pte));
	if (!pte_present(pte) || !pfn_valid(pte_pfn(pte)) ||
	    PageReserved(pte_page(pte)))
		return NULL;
	return pte_page(pte);
}

static bool in_rmap(struct page *page, pte_t *ptep)
{
	struct pte_chain *cur;

	for (pte_t *p = rmap_first(page, &cur); p; p = rmap_next(&cur))
		if (p == ptep)
			return true;
	return false;
}

const char *check_pte_rmap(struct mm_struct *mm, unsigned long addr,
			   pte_t *ptep)
{
	struct page *page = rmap_page_of(*ptep);

	if (!page)
		return NULL;
	if (ptep_to_mm(ptep) != mm || ptep_to_address(ptep) != addr) {
		snprintf(report, sizeof(report), "the page table of %08lx "
			 "names mm %p and %08lx as its owner",
			 addr, (void *)ptep_to_mm(ptep), ptep_to_address(ptep));
		return report;
	}
	if (pte_is_migration(*ptep) && !PageLocked(page)) {
		snprintf(report, sizeof(report), "stale migration entry at "
			 "%08lx: pfn %#lx is not locked, so no migration "
			 "holds it", addr, page_to_pfn(page));
		return report;
	}
	if (!in_rmap(page, ptep)) {
		snprintf(report, sizeof(report), "the %s at %08lx (pfn %#lx) "
			 "is not in the page's rmap",
			 pte_present(*ptep) ? "PTE" : "migration entry",
			 addr, page_to_pfn(page));
		return report;
	}
	return NULL;
}

/* PTE -> rmap for every mm; *n counts the PTEs that must be listed. */
static int check_ptes_listed(unsigned long *n, char *why, size_t len)
{
	struct list_head *pos;

	list_for_each(pos, &mmlist) {
		struct mm_struct *mm = list_entry(pos, struct mm_struct,
						  mmlist);

		for (unsigned int i = 0; i < user_pgd_entries(); i++) {
			pte_t *pte = user_pte_table(mm, i);

			if (!pte)
				continue;
			for (unsigned int j = 0; j < PTRS_PER_PTE; j++) {
				unsigned long addr = (unsigned long)i <<
					PGDIR_SHIFT | (unsigned long)j <<
					PAGE_SHIFT;
				const char *broken = check_pte_rmap(mm, addr,
								    pte + j);

				if (broken)
					return FAIL("rmap: %s", broken);
				*n += rmap_page_of(pte[j]) != NULL;
			}
		}
	}
	return 0;
}

/* rmap -> PTE for one page; *n counts its entries. */
static int check_page_rmap(struct page *page, unsigned long *n, char *why,
			   size_t len)
{
	unsigned long pfn = page_to_pfn(page);
	struct pte_chain *cur;

	if (page->rmap && page_count(page) <= 0)
		return FAIL("rmap: free pfn %#lx still has an rmap", pfn);
	for (pte_t *p = rmap_first(page, &cur); p; p = rmap_next(&cur)) {
		if (++*n > 16UL * max_mapnr)
			return FAIL("rmap: pfn %#lx's chain loops", pfn);
		if (!ptep_to_mm(p))
			return FAIL("rmap: pfn %#lx lists %p, in no page table "
				    "in use", pfn, (void *)p);
		if (rmap_page_of(*p) != page)
			return FAIL("rmap: pfn %#lx lists the PTE of %08lx, "
				    "which holds %08lx", pfn,
				    ptep_to_address(p), pte_val(*p));
	}
	return 0;
}

int check_rmap_pages(unsigned long *listed, char *why, size_t len)
{
	*listed = 0;
	for (unsigned long pfn = 0; pfn < max_mapnr; pfn++)
		if (check_page_rmap(pfn_to_page(pfn), listed, why, len))
			return -1;
	return 0;
}

int check_rmap_invariants(char *why, size_t len)
{
	unsigned long ptes = 0, listed;

	if (check_ptes_listed(&ptes, why, len) ||
	    check_rmap_pages(&listed, why, len))
		return -1;
	if (ptes != listed)
		return FAIL("rmap: %lu PTEs map pages but the rmaps list %lu "
			    "(one listed twice?)", ptes, listed);
	return 0;
}
