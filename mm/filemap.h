/* Page locks (mm/filemap.c). */
#ifndef MM_FILEMAP_H
#define MM_FILEMAP_H

#include "kernel/wait.h"
#include "mm/mm.h"

void page_waitqueue_init(void);
wait_queue_head_t *page_waitqueue(const struct page *page);
void lock_page(struct page *page);
bool lock_page_timeout(struct page *page, long timeout);
void wait_on_page(struct page *page);

/*
 * Takes the lock if it is free: 0 if taken now, 1 if already held.
 * Inline, as 2.4.0's TryLockPage and UnlockPage are macros: reclaim
 * tries and drops a page lock for every page it takes.
 */
static inline int TryLockPage(struct page *page)
{
	return TestSetPageLocked(page);
}

/* Releases the lock and wakes whoever waits for it (2.4's UnlockPage). */
static inline void unlock_page(struct page *page)
{
	ClearPageLocked(page);
	if (page->wait)
		wake_up(page_waitqueue(page));
}

#endif
