/*
 * Helpers for the kernel suites that swap pages of their own address
 * space out (they boot with a swap disk: tests/suites.py).
 */
#ifndef TESTS_KERNEL_KTEST_SWAP_H
#define TESTS_KERNEL_KTEST_SWAP_H

#include "lib/ktest.h"
#include "mm/swap.h"
#include "mm/vmscan.h"
#include "tests/kernel/ktest_mm.h"

/* Is there a swap area?  The case is skipped, saying why, if not. */
static inline bool have_swap(struct ktest *t)
{
	if (!nr_swap_pages)
		ktest_skip(t, "no swap area (boot with a mkswap'd disk)");
	return nr_swap_pages;
}

/*
 * The test thread enters a new mm (enter_new_mm) for a case that swaps;
 * NULL when there is no swap (the case is skipped) or no memory (it
 * fails).
 */
static inline struct mm_struct *enter_swapping_mm(struct ktest *t)
{
	struct mm_struct *mm;

	if (!have_swap(t))
		return NULL;
	mm = enter_new_mm();
	if (!mm)
		ktest_fail(t, __FILE__, __LINE__, "no mm");
	return mm;
}

/* try_to_swap_out() on the PTE of addr, with a budget of one. */
static inline int look_at(struct mm_struct *mm, unsigned long addr)
{
	mm->swap_cnt = 1;
	return try_to_swap_out(mm, find_vma(mm, addr), addr, pte_of(mm, addr),
			       GFP_KSWAPD);
}

/* Ages the page at addr to nothing and lets try_to_swap_out take it. */
static inline struct page *swap_out_page(struct mm_struct *mm,
					 unsigned long addr)
{
	struct page *page = follow_page(mm, addr);

	ptep_test_and_clear_young(pte_of(mm, addr));
	flush_tlb_page(find_vma(mm, addr), addr);
	/* try_to_swap_out halves the age of a page on no list; one on the
	 * active list (found in the swap cache by its fault) is aged by
	 * refill_inactive_scan, as if that had brought it to 0 */
	page->age = PageActive(page) ? 0 : 1;
	look_at(mm, addr);
	return page;
}

#endif
