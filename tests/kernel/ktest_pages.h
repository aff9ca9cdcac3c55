/*
 * Pages a kernel suite holds to run memory low, then gives back.  They
 * are chained through page->list, which an allocated page that is on
 * no page list does not use (the buddy allocator links free blocks by
 * it, so it is reset before the page goes back).
 */
#ifndef TESTS_KERNEL_KTEST_PAGES_H
#define TESTS_KERNEL_KTEST_PAGES_H

#include "mm/mm.h"

/* Puts page at the head of the chain *held (NULL: empty). */
static inline void hold_page(struct page **held, struct page *page)
{
	page->list.next = (struct list_head *)*held;
	*held = page;
}

/* Frees every page of the chain held. */
static inline void free_held_pages(struct page *held)
{
	while (held) {
		struct page *next = (struct page *)held->list.next;

		INIT_LIST_HEAD(&held->list);
		__free_page(held);
		held = next;
	}
}

#endif
