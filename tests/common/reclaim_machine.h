/*
 * The machine the reclaim suites of tests/common run on.  In the
 * kernel: the kernel itself, its allocator and lists, and the swap
 * area its suite boots with (tests/suites.py).  On the host: one zone
 * of RECLAIM_MACHINE_PAGES pages, empty page lists and swap cache,
 * and one swap area of RECLAIM_MACHINE_SLOTS slots on a disk in host
 * memory (tests/host/reclaim_machine.c), made afresh for each case.
 */
#ifndef TESTS_COMMON_RECLAIM_MACHINE_H
#define TESTS_COMMON_RECLAIM_MACHINE_H

#include "lib/ktest.h"
#include "mm/mm.h"

#define RECLAIM_MACHINE_PAGES	1024
#define RECLAIM_MACHINE_SLOTS	64

/* Sets it up for one case; false (t failed) if it could not. */
bool reclaim_machine_up(struct ktest *t);

/*
 * Ends the case: the mm invariants must hold (on the host, with every
 * page off the lists and out of the swap cache again), else t fails.
 */
void reclaim_machine_down(struct ktest *t);

/* Is page on the list at head (through page->lru)? */
static inline bool page_on_list(struct page *page, struct list_head *head)
{
	struct list_head *e;

	list_for_each(e, head)
		if (e == &page->lru)
			return true;
	return false;
}

#endif
