/*
 * Page locks (mm/filemap.c in Linux 2.4).
 *
 * PG_locked says someone owns the page for I/O or for changing its
 * identity (swap-out writes it, migration moves it, swap-in fills it).
 * Others who need the page sleep until unlock_page() wakes them.
 * Waiting is uninterruptible: the owner always finishes.  The lock is
 * a bit, not a mutex: it has no owner and may be released by another
 * task or by an interrupt handler (an I/O completion).
 *
 * Where the waiters sleep: 2.4 gave every struct page its own wait
 * queue; Pagoda's struct page only counts its waiters (page->wait,
 * mm/mm.h) and the queues are a small table hashed by page, as in
 * Linux 2.6.  Pages that share a queue wake each other's waiters,
 * who see their own page still locked and sleep again.
 */
#include "mm/filemap.h"
#include "kernel/sched.h"
#include "mm/mm.h"

#define PAGE_WAIT_BITS		6
#define PAGE_WAIT_TABLE_SIZE	(1 << PAGE_WAIT_BITS)
#define GOLDEN_RATIO_32		0x61C88647u

static wait_queue_head_t page_wait_table[PAGE_WAIT_TABLE_SIZE];

void page_waitqueue_init(void)
{
	for (int i = 0; i < PAGE_WAIT_TABLE_SIZE; i++)
		init_waitqueue_head(&page_wait_table[i]);
}

wait_queue_head_t *page_waitqueue(const struct page *page)
{
	uint32_t hash = (uint32_t)(uintptr_t)page * GOLDEN_RATIO_32;

	return &page_wait_table[hash >> (32 - PAGE_WAIT_BITS)];
}

/*
 * Sleeps until the page is unlocked (2.4's ___wait_on_page) or, with
 * a timeout other than MAX_SCHEDULE_TIMEOUT (2.4 has none), until
 * that many ticks have passed; returns the ticks left.
 */
static long ___wait_on_page(struct page *page, long timeout)
{
	wait_queue_head_t *q = page_waitqueue(page);
	DECLARE_WAITQUEUE(wait, current);

	__atomic_add_fetch(&page->wait, 1, __ATOMIC_RELAXED);
	add_wait_queue(q, &wait);
	for (;;) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		if (!PageLocked(page) || !timeout)
			break;
		timeout = schedule_timeout(timeout);
	}
	set_current_state(TASK_RUNNING);
	remove_wait_queue(q, &wait);
	__atomic_sub_fetch(&page->wait, 1, __ATOMIC_RELAXED);
	return timeout;
}

void wait_on_page(struct page *page)
{
	if (PageLocked(page))
		___wait_on_page(page, MAX_SCHEDULE_TIMEOUT);
}

/* Takes the lock, sleeping until it is free. */
void lock_page(struct page *page)
{
	lock_page_timeout(page, MAX_SCHEDULE_TIMEOUT);
}

/*
 * Takes the lock, or gives up once it has waited `timeout` ticks in
 * all: false.  For swapoff, which must not wait for ever for a page
 * whose read a dead disk never answers (mm/swapon.c).
 */
bool lock_page_timeout(struct page *page, long timeout)
{
	while (TryLockPage(page)) {
		if (!timeout)
			return false;
		timeout = ___wait_on_page(page, timeout);
	}
	return true;
}
