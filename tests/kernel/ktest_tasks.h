/*
 * Helpers for the kernel suites that wait: for threads they start, and
 * for page locks (I/O, or another task, holding the page).
 */
#ifndef TESTS_KERNEL_KTEST_TASKS_H
#define TESTS_KERNEL_KTEST_TASKS_H

#include "kernel/exit.h"
#include "lib/ktest.h"

struct page;

/*
 * How long a case waits for a thread it started: the threads of the
 * suites end in milliseconds, so this is only ever reached when the
 * code under test left one asleep for ever (a stubbed function).
 */
#define KTEST_CHILD_SECONDS	20

/*
 * How long a case waits for a page lock: swap I/O ends in
 * milliseconds, so this is reached only when its completion never
 * comes (a stubbed end_swap_io or interrupt handler) or a stubbed
 * unlock_page leaves the page locked.
 *
 * After one wait of either kind has failed, the others of the boot
 * wait a second each: what they wait for is likely never to come.
 */
#define KTEST_PAGE_SECONDS	10

/*
 * Reaps child pid into *status and returns true, once it has exited.
 * If it is still there after KTEST_CHILD_SECONDS, t fails, naming the
 * thread and what it is doing, and the result is false: the suite goes
 * on to its next case instead of hanging until the runner's limit
 * kills the boot.  The thread is left as it is.
 */
bool ktest_reap(struct ktest *t, int pid, int *status);

/* The exit code of child pid, or -1 if it cannot be reaped in time. */
int ktest_exit_code(struct ktest *t, int pid);

/*
 * lock_page() and wait_on_page() for a case's own use, with a limit:
 * true once the page is locked (by us) or unlocked.  After
 * KTEST_PAGE_SECONDS t fails, naming the page and why the case waited
 * for it (why: "its write", ...), and the result is false: the caller
 * returns, and the suite goes on.
 */
bool ktest_lock_page(struct ktest *t, struct page *page, const char *why);
bool ktest_wait_on_page(struct ktest *t, struct page *page,
			const char *why);

/*
 * For a thread a case starts to act while the case sleeps on a page
 * it holds locked (a fault on it): returns once a task waits for the
 * page's lock, or after KTEST_PAGE_SECONDS (the thread acts anyway).
 */
void ktest_wait_for_page_waiter(struct page *page);

/*
 * A descriptor table for the test thread, which as a kernel thread has
 * none: the console's at 0, 1 and 2, as exec gives.  Returns whether
 * it made one, which ktest_leave_files then drops.
 */
bool ktest_enter_files(void);
void ktest_leave_files(bool entered);

#endif
