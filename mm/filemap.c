/*
 * Page locks (mm/filemap.c in Linux 2.4).
 *
 * PG_locked says someone owns the page for I/O or for changing its
 * identity (swap-out writes it, migration moves it, swap-in fills it).
 * Others who need the page wait on the page's wait queue until
 * unlock_page() wakes them.  Waiting is uninterruptible: the owner
 * always finishes.  The lock is a bit, not a mutex: it has no owner
 * and may be released by another task (the I/O completion).
 */
#include "mm/filemap.h"
#include "kernel/sched.h"
#include "mm/mm.h"

/* Sleeps until the page is unlocked (2.4's ___wait_on_page). */
static void ___wait_on_page(struct page *page)
{
	DECLARE_WAITQUEUE(wait, current);

	add_wait_queue(&page->wait, &wait);
	for (;;) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		if (!PageLocked(page))
			break;
		schedule();
	}
	set_current_state(TASK_RUNNING);
	remove_wait_queue(&page->wait, &wait);
}

void wait_on_page(struct page *page)
{
	if (PageLocked(page))
		___wait_on_page(page);
}

/* Takes the lock if it is free: 0 if taken now, 1 if already held. */
int TryLockPage(struct page *page)
{
	return TestSetPageLocked(page);
}

/* Takes the lock, sleeping until it is free. */
void lock_page(struct page *page)
{
	while (TryLockPage(page))
		___wait_on_page(page);
}

void unlock_page(struct page *page)
{
	ClearPageLocked(page);
	wake_up(&page->wait);
}
