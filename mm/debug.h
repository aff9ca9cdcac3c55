/*
 * Catching memory-manager bugs: bad frees reported with the page's
 * state and the caller, an invariant checker that names the first
 * broken invariant, and (debug builds) poisoned free pages.
 */
#ifndef MM_DEBUG_H
#define MM_DEBUG_H

#include "mm/mm.h"

/* Filled into free pages by debug builds; checked when handed out. */
#define PAGE_POISON	0x6b

extern unsigned long bad_page_count;	/* bad frees caught so far */

/* The last one, for tests and the debugger. */
struct bad_page_report {
	const struct page *page;
	const char *reason;
	const void *caller;
};
extern struct bad_page_report last_bad_page;
extern char mm_invariant_report[192];	/* the last broken invariant */

void dump_page(const struct page *page);
void bad_page(const struct page *page, const char *reason,
	      const void *caller);

/* Flags that say someone still uses the page: it may not be freed. */
#define PAGE_IN_USE_FLAGS						\
	((1UL << PG_locked) | (1UL << PG_decr_after) |			\
	 (1UL << PG_active) | (1UL << PG_inactive_dirty) |		\
	 (1UL << PG_inactive_clean) | (1UL << PG_slab) |		\
	 (1UL << PG_swap_cache) | (1UL << PG_writeback) |		\
	 (1UL << PG_bad_slot) | (1UL << PG_isolated))

/*
 * True (after reporting) if freeing order pages at page now would be
 * wrong: freed twice, misaligned, or the last reference of a page
 * that is still mapped, locked, on a list or in the swap cache.
 * Inline: every free asks it, where 2.4.0's __free_pages_ok() makes
 * its BUG() checks in line; only the report is out of line.
 */
static inline bool free_pages_check(struct page *page,
				    unsigned long order, const void *caller)
{
	const char *why = NULL;

	if (order >= MAX_ORDER)
		why = "freed with an order above MAX_ORDER - 1";
	else if (PageBuddy(page) || page_count(page) <= 0)
		why = "freed twice (or not the first page of a block): "
		      "its count is already 0";
	else if (order && ((page - page_zone(page)->zone_mem_map) &
			   ((1UL << order) - 1)))	/* one page is aligned */
		why = "freed block is not aligned to its order";
	else if (page_count(page) == 1 &&
		 (page->mapping || (page->flags & PAGE_IN_USE_FLAGS)))
		why = "freed while still in use (mapped, locked, on a list "
		      "or in the swap cache)";
	else if (page_count(page) == 1 && page->rmap)
		why = "freed while PTEs still map it (its rmap is not "
		      "empty)";
	if (!why)
		return false;
	bad_page(page, why, caller);
	return true;
}

int check_mm_invariants(void);
int check_reclaim_invariants(char *why, size_t len);

/*
 * What a debug build does when it finds an invariant broken after
 * `after` (a step such as "mem_init" or a reclaim pass): panic, naming
 * it, or with the boot parameter mm_warn report the first one and go
 * on (a lab's starter code breaks some by design).
 */
void mm_broken(const char *after, const char *why);
extern bool mm_warn;		/* the boot parameter */
extern bool mm_warned;		/* mm_warn reported one: no more checks */

/*
 * A debug build's automatic check after `after`: the allocator's and
 * the swap areas' invariants, and with `reclaim` the page lists' and
 * the swap cache's too; mm_broken() on the first broken one.
 */
void mm_check_after(const char *after, bool reclaim);

#ifdef CONFIG_DEBUG
void poison_free_pages(struct page *page, unsigned long nr);
void check_page_poison(struct page *page, unsigned long nr);
void mm_debug_enable(void);
void mm_debug_check_now_and_then(void);
#else
static inline void poison_free_pages(struct page *page __unused,
				     unsigned long nr __unused) {}
static inline void check_page_poison(struct page *page __unused,
				     unsigned long nr __unused) {}
static inline void mm_debug_enable(void) {}
static inline void mm_debug_check_now_and_then(void) {}
#endif

#endif
