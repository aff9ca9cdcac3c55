/*
 * A process's address space built by hand for the host tests of
 * reclaim: one VMA of up to 1024 pages under one page table, on
 * mmlist where swap_out() looks.  Pages are mapped as a page fault
 * would map them (one reference, rss counted) and torn down as exit
 * does (zap_page_range's per-PTE work).  Each page is filled with a
 * pattern of its own, so a test can check that no byte was lost.
 */
#ifndef TESTS_HOST_TEST_MM_H
#define TESTS_HOST_TEST_MM_H

#include "lib/ktest.h"
#include "mm/mm.h"
#include "mm/pgtable.h"
#include "mm/swap.h"

/* 4 MiB aligned: the VMA fits one page table. */
#define TEST_MM_BASE	0x40000000UL

struct test_mm {
	struct mm_struct mm;
	struct vm_area_struct vma;
	pte_t *ptes;			/* the page table */
	unsigned int pages;
};

/* An empty address space of `pages` pages; false (t failed) if not. */
bool test_mm_init(struct ktest *t, struct test_mm *tm, unsigned int pages);
/* Unmaps everything, frees the tables and leaves mmlist. */
void test_mm_exit(struct test_mm *tm);

unsigned long test_mm_addr(unsigned int i);
pte_t *test_mm_pte(struct test_mm *tm, unsigned int i);

/* Maps a new page, filled with its own pattern, at page i; PTE bits
 * extra (_PAGE_ACCESSED, _PAGE_DIRTY) besides present, rw and user. */
struct page *test_mm_map(struct ktest *t, struct test_mm *tm, unsigned int i,
			 unsigned long extra);

/* Does data (a page's worth) hold what test_mm_map() put in page i? */
bool test_mm_intact(const void *data, unsigned int i);

/*
 * Unmaps page i the seed's way (try_to_swap_out, the page old and
 * unused): the page is left in the swap cache, dirty, on
 * inactive_dirty_list, held only by the cache; the PTE holds its slot.
 * Returns the page, or NULL (t failed) if that is not what happened.
 */
struct page *test_mm_swap_out(struct ktest *t, struct test_mm *tm,
			      unsigned int i);

/* A new address space of n pages, each swapped out into pages[]. */
bool test_mm_swapped(struct ktest *t, struct test_mm *tm, unsigned int n,
		     struct page **pages);

/*
 * Holds free pages until free memory is short (free_shortage() > 0), as
 * when reclaim is needed; test_mm_end_free_shortage() gives them back.
 */
void test_mm_make_free_shortage(void);
/* Holds zone's free pages until it is below pages_min, the same way. */
void test_mm_hold_below_min(zone_t *zone);
/* ... or up to the edge: one page more held would make a shortage. */
void test_mm_hold_to_the_edge(void);
void test_mm_end_free_shortage(void);
/*
 * Forgets what is held without giving it back: reclaim_machine_up()
 * calls it, as the machine those pages were on is gone (a case that
 * stopped on a panic did not end its shortage).
 */
void test_mm_forget_held(void);

#endif
