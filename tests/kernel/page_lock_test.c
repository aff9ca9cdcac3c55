/*
 * Page locks (mm/filemap.c): TryLockPage, lock_page sleeping until
 * unlock_page, waiters taking turns, wait_on_page, and an unlock from
 * an interrupt handler (as an I/O completion does).
 */
#include "kernel/abi.h"
#include "kernel/exit.h"
#include "kernel/fork.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "kernel/timer.h"
#include "lib/ktest.h"
#include "tests/kernel/ktest_tasks.h"
#include "mm/filemap.h"
#include "mm/mm.h"

struct locker {
	struct page *page;
	volatile unsigned long got_at;
	volatile int inside, most_inside, turns;
};

static void try_lock_takes_a_free_lock_only(struct ktest *t)
{
	struct page *page = alloc_page(GFP_KERNEL);

	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_FALSE(t, PageLocked(page));
	KTEST_EXPECT_EQ(t, TryLockPage(page), 0);
	KTEST_EXPECT_TRUE(t, PageLocked(page));
	KTEST_EXPECT_EQ(t, TryLockPage(page), 1);
	unlock_page(page);
	/* not to lock_page a page left locked: that would hang */
	KTEST_ASSERT_TRUE(t, !PageLocked(page));
	lock_page(page);		/* free: does not sleep */
	KTEST_EXPECT_TRUE(t, PageLocked(page));
	unlock_page(page);
	__free_page(page);
}

/* Takes the lock, holds it for a tick, counts how many are inside. */
static int locker_fn(void *arg)
{
	struct locker *l = arg;

	lock_page(l->page);
	l->got_at = jiffies;
	if (++l->inside > l->most_inside)
		l->most_inside = l->inside;
	schedule_timeout_uninterruptible(1);
	l->turns++;
	l->inside--;
	unlock_page(l->page);
	return 0;
}

static void lock_page_sleeps_until_unlocked(struct ktest *t)
{
	struct locker l = { .page = alloc_page(GFP_KERNEL) };
	struct task_struct *p;
	int pid;

	KTEST_ASSERT_NOT_NULL(t, l.page);
	lock_page(l.page);
	pid = kernel_thread(locker_fn, &l, "locker");
	schedule_timeout_uninterruptible(3);
	p = find_task_by_pid(pid);
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_EQ(t, task_state_char(p), 'D');
	KTEST_EXPECT_EQ(t, l.got_at, 0);
	KTEST_EXPECT_EQ(t, l.page->wait, 1);	/* one waiter counted */
	unlock_page(l.page);
	KTEST_EXPECT_EQ(t, ktest_exit_code(t, pid), 0);
	KTEST_EXPECT_NE(t, l.got_at, 0);
	KTEST_EXPECT_EQ(t, l.page->wait, 0);
	KTEST_EXPECT_FALSE(t, PageLocked(l.page));
	__free_page(l.page);
}

static void waiters_take_turns(struct ktest *t)
{
	struct locker l = { .page = alloc_page(GFP_KERNEL) };
	int pids[4];

	KTEST_ASSERT_NOT_NULL(t, l.page);
	lock_page(l.page);
	for (int i = 0; i < 4; i++)
		pids[i] = kernel_thread(locker_fn, &l, "locker");
	schedule_timeout_uninterruptible(2);
	KTEST_EXPECT_EQ(t, l.page->wait, 4);
	unlock_page(l.page);
	for (int i = 0; i < 4; i++)
		KTEST_EXPECT_EQ(t, ktest_exit_code(t, pids[i]), 0);
	KTEST_EXPECT_EQ(t, l.turns, 4);
	KTEST_EXPECT_EQ(t, l.most_inside, 1);
	KTEST_EXPECT_FALSE(t, PageLocked(l.page));
	__free_page(l.page);
}

static int wait_on_page_fn(void *arg)
{
	struct page *page = arg;

	wait_on_page(page);
	return PageLocked(page) ? 1 : 0;	/* waited, did not lock */
}

static void wait_on_page_waits_without_locking(struct ktest *t)
{
	struct page *page = alloc_page(GFP_KERNEL);
	int pid;

	KTEST_ASSERT_NOT_NULL(t, page);
	lock_page(page);
	pid = kernel_thread(wait_on_page_fn, page, "waiter");
	schedule_timeout_uninterruptible(2);
	KTEST_EXPECT_EQ(t, page->wait, 1);
	unlock_page(page);
	KTEST_EXPECT_EQ(t, ktest_exit_code(t, pid), 0);
	KTEST_EXPECT_FALSE(t, PageLocked(page));
	__free_page(page);
}

static void unlock_from_irq(unsigned long data)
{
	unlock_page((struct page *)data);
}

/* Sleeps in lock_page until the timer unlocks: its thread's job. */
static int relock_fn(void *arg)
{
	struct locker *l = arg;

	lock_page(l->page);
	l->got_at = jiffies;
	return 0;
}

/*
 * The I/O-completion pattern: the lock is released by an interrupt.
 * A thread sleeps in lock_page, so that an unlock that never comes
 * fails the case (ktest_exit_code) instead of hanging the suite.
 */
static void an_interrupt_handler_may_unlock(struct ktest *t)
{
	/* static: a thread left asleep may write it after the case */
	static struct locker l;
	struct timer_list timer;
	unsigned long start = jiffies;

	l = (struct locker){ .page = alloc_page(GFP_KERNEL) };
	KTEST_ASSERT_NOT_NULL(t, l.page);
	lock_page(l.page);
	init_timer(&timer);
	timer.expires = jiffies + 3;
	timer.function = unlock_from_irq;
	timer.data = (unsigned long)l.page;
	add_timer(&timer);
	KTEST_ASSERT_EQ(t, ktest_exit_code(t, kernel_thread(relock_fn, &l,
							     "relocker")), 0);
	KTEST_EXPECT_GE(t, l.got_at - start, 3);
	KTEST_EXPECT_TRUE(t, PageLocked(l.page));
	unlock_page(l.page);
	__free_page(l.page);
}

static const struct ktest_case page_lock_cases[] = {
	KTEST_CASE(try_lock_takes_a_free_lock_only),
	KTEST_CASE(lock_page_sleeps_until_unlocked),
	KTEST_CASE(waiters_take_turns),
	KTEST_CASE(wait_on_page_waits_without_locking),
	KTEST_CASE(an_interrupt_handler_may_unlock),
};
KTEST_SUITE(page_lock, page_lock_cases);
