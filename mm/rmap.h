/*
 * The reverse map: from a page to every PTE that maps it (mm/rmap.c).
 *
 * Linux 2.4.0 has none (swapoff walks every mm to find a page's
 * PTEs); this follows Rik van Riel's 2.4-rmap patch series: a page
 * mapped once points straight at its PTE, a page mapped more often
 * (shared after fork) at a chain of pte_chain nodes from a slab cache.
 * Page migration (mm/migrate.c, seed steps 4 and 16) walks it; reclaim
 * keeps it exact but still finds its pages with the seed's swap_out
 * page-table walk.
 *
 * A page's rmap lists the PTEs that map it (present) and the PTEs that
 * hold a migration entry naming it (mm/migrate.h): while a page is
 * being moved its PTEs stay listed, so that step 16 finds them again.
 * page_mapcount() counts only the present ones.
 *
 * Each page table's own struct page remembers its mm (pt_mm) and the
 * address it starts at (index), so a PTE pointer gives the mm and the
 * address a TLB flush needs (ptep_to_mm, ptep_to_address).
 */
#ifndef MM_RMAP_H
#define MM_RMAP_H

#include "mm/mm.h"
#include "mm/page.h"

struct mm_struct;

/* One more PTE of a page mapped more than once (2.4-rmap's shape). */
struct pte_chain {
	struct pte_chain *next;
	pte_t *ptep;
};

/*
 * Makes sure page_add_rmap() will find the chain nodes it may need:
 * may sleep (it allocates), so the caller looks at its PTE again
 * afterwards and does not sleep between this and page_add_rmap().
 * 0, or -ENOMEM.
 */
int pte_chain_prepare(void);
void rmap_init(void);

void page_add_rmap(struct page *page, pte_t *ptep);
void page_remove_rmap(struct page *page, pte_t *ptep);
int page_mapcount(struct page *page);

/* The PTEs of page's rmap, one at a time: first, then next until NULL.
 * The rmap must not change in between. */
pte_t *rmap_first(struct page *page, struct pte_chain **cursor);
pte_t *rmap_next(struct pte_chain **cursor);
unsigned int rmap_count(struct page *page);	/* entries, any kind */

/* Hands every entry of old's rmap to new (migration, step 16). */
void page_move_rmap(struct page *new, struct page *old);

/* Page tables: their owner, set when made and cleared when freed. */
void pte_table_set_owner(pte_t *table, struct mm_struct *mm,
			 unsigned long addr);
struct mm_struct *ptep_to_mm(pte_t *ptep);
unsigned long ptep_to_address(pte_t *ptep);

/* Debug checks (mm/rmap_debug.c): NULL, or what is broken. */
const char *check_pte_rmap(struct mm_struct *mm, unsigned long addr,
			   pte_t *ptep);
int check_rmap_invariants(char *why, size_t len);
/* rmap -> PTE only, for every page; *listed: the entries seen. */
int check_rmap_pages(unsigned long *listed, char *why, size_t len);

#endif
