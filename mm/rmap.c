/*
 * The reverse map (see mm/rmap.h): page->rmap is 0 (no PTE), a pte_t
 * pointer (one PTE: the common case, no allocation), or a pte_chain
 * pointer with its low bit set (two or more).  The 2.4-rmap series
 * tells the two apart with a PG_direct flag; a tag bit in the pointer
 * (PTEs and chain nodes are at least 4-byte aligned) leaves Pagoda's
 * two page-flag bits for isolation.  Going from one PTE to two takes
 * two nodes (the old direct PTE's and the new one's); going back to
 * one frees the last node, so a page that is no longer shared is
 * direct again.
 *
 * Nodes come from the "pte_chain" slab cache.  page_add_rmap() must
 * not sleep (its caller has just checked its PTE), so it takes its
 * nodes from a small reserve that pte_chain_prepare() fills
 * beforehand, where sleeping is allowed (2.5's pte_chain_alloc before
 * the page-table lock played that part).
 */
#include "mm/rmap.h"
#include "kernel/kernel.h"
#include "mm/mm_types.h"
#include "mm/pgtable.h"
#include "mm/slab.h"

#define RMAP_CHAIN	1UL		/* tag: page->rmap is a chain */
#define RESERVE_NODES	2		/* what one page_add_rmap may take */

static kmem_cache_t *pte_chain_cache;
static struct pte_chain *reserve;
static int reserve_nr;

/* At boot, after kmem_cache_init() (mem_init). */
void rmap_init(void)
{
	if (pte_chain_cache)
		return;
	pte_chain_cache = kmem_cache_create("pte_chain",
					    sizeof(struct pte_chain), 0, 0,
					    NULL);
	if (!pte_chain_cache)
		panic("rmap_init: no pte_chain cache");
}

int pte_chain_prepare(void)
{
	while (reserve_nr < RESERVE_NODES) {
		struct pte_chain *pc = kmem_cache_alloc(pte_chain_cache,
							GFP_KERNEL);

		if (!pc)
			return -ENOMEM;
		if (reserve_nr >= RESERVE_NODES) {	/* filled as we slept */
			kmem_cache_free(pte_chain_cache, pc);
			break;
		}
		pc->next = reserve;
		reserve = pc;
		reserve_nr++;
	}
	return 0;
}

static struct pte_chain *pte_chain_get(pte_t *ptep)
{
	struct pte_chain *pc = reserve;

	if (!pc)
		panic("page_add_rmap: no pte_chain_prepare() before it");
	reserve = pc->next;
	reserve_nr--;
	pc->next = NULL;
	pc->ptep = ptep;
	return pc;
}

static void pte_chain_put(struct pte_chain *pc)
{
	if (reserve_nr < RESERVE_NODES) {
		pc->next = reserve;
		reserve = pc;
		reserve_nr++;
	} else {
		kmem_cache_free(pte_chain_cache, pc);
	}
}

static bool rmap_is_chain(const struct page *page)
{
	return page->rmap & RMAP_CHAIN;
}

static struct pte_chain *rmap_chain(const struct page *page)
{
	return (struct pte_chain *)(page->rmap & ~RMAP_CHAIN);
}

static void set_rmap_chain(struct page *page, struct pte_chain *pc)
{
	page->rmap = (unsigned long)pc | RMAP_CHAIN;
}

/* ptep now maps page (or holds a migration entry naming it). */
void page_add_rmap(struct page *page, pte_t *ptep)
{
	struct pte_chain *pc;

	if (!page->rmap) {
		page->rmap = (unsigned long)ptep;
		return;
	}
	if (!rmap_is_chain(page)) {	/* direct -> a chain of two */
		pc = pte_chain_get((pte_t *)page->rmap);
		set_rmap_chain(page, pc);
	}
	pc = pte_chain_get(ptep);
	pc->next = rmap_chain(page);
	set_rmap_chain(page, pc);
}

/* A chain of one node becomes direct again. */
static void rmap_unchain_last(struct page *page)
{
	struct pte_chain *pc = rmap_chain(page);

	if (pc->next)
		return;
	page->rmap = (unsigned long)pc->ptep;
	pte_chain_put(pc);
}

/* Unlinks ptep's node from a chain (which holds two or more). */
static bool chain_remove(struct page *page, pte_t *ptep)
{
	struct pte_chain *pc = rmap_chain(page), *prev = NULL;

	for (; pc; prev = pc, pc = pc->next) {
		if (pc->ptep != ptep)
			continue;
		if (prev)
			prev->next = pc->next;
		else
			set_rmap_chain(page, pc->next);
		pte_chain_put(pc);
		rmap_unchain_last(page);
		return true;
	}
	return false;
}

/* ptep no longer maps page. */
__reclaim_hot
void page_remove_rmap(struct page *page, pte_t *ptep)
{
	if (page->rmap == (unsigned long)ptep) {
		page->rmap = 0;
		return;
	}
	if (rmap_is_chain(page) && chain_remove(page, ptep))
		return;
	printk(KERN_ERR "page_remove_rmap: pfn %lu has no PTE %p in its "
	       "rmap\n", page_to_pfn(page), (void *)ptep);
}

pte_t *rmap_first(struct page *page, struct pte_chain **cursor)
{
	*cursor = NULL;
	if (!page->rmap)
		return NULL;
	if (!rmap_is_chain(page))
		return (pte_t *)page->rmap;
	*cursor = rmap_chain(page);
	return rmap_next(cursor);
}

pte_t *rmap_next(struct pte_chain **cursor)
{
	struct pte_chain *pc = *cursor;

	if (!pc)
		return NULL;
	*cursor = pc->next;
	return pc->ptep;
}

unsigned int rmap_count(struct page *page)
{
	struct pte_chain *cur;
	unsigned int n = 0;

	for (pte_t *p = rmap_first(page, &cur); p; p = rmap_next(&cur))
		n++;
	return n;
}

/*
 * How many present PTEs map the page: the entries of its rmap, less
 * the migration entries (which are not present).
 */
int page_mapcount(struct page *page)
{
	struct pte_chain *cur;
	int n = 0;

	for (pte_t *p = rmap_first(page, &cur); p; p = rmap_next(&cur))
		n += pte_present(*p);
	return n;
}

void page_move_rmap(struct page *new, struct page *old)
{
	new->rmap = old->rmap;
	old->rmap = 0;
}

/* ------------------------------------------------ page-table owners */

void pte_table_set_owner(pte_t *table, struct mm_struct *mm,
			 unsigned long addr)
{
	struct page *page = virt_to_page(table);

	page->pt_mm = mm;
	page->index = mm ? addr & PGDIR_MASK : 0;
}

struct mm_struct *ptep_to_mm(pte_t *ptep)
{
	return virt_to_page(ptep)->pt_mm;
}

unsigned long ptep_to_address(pte_t *ptep)
{
	unsigned long off = (unsigned long)ptep & ~PAGE_MASK;

	return virt_to_page(ptep)->index +
	       (off / sizeof(pte_t)) * PAGE_SIZE;
}
