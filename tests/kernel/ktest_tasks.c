/*
 * Waiting, with a limit, for the threads a kernel test case starts and
 * for page locks (tests/kernel/ktest_tasks.h).  do_wait(), lock_page()
 * and wait_on_page() alone sleep until the thing happens: a thread
 * stuck on a stubbed function, or an I/O whose completion never came,
 * hung the whole suite, and the runner then killed the boot with the
 * cases after it.
 */
#include "tests/kernel/ktest_tasks.h"
#include "kernel/abi.h"
#include "kernel/file.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "kernel/wait.h"
#include "mm/filemap.h"
#include "mm/mm.h"

/*
 * Once a wait has failed, what it waited for is likely never to come in
 * this boot (a stubbed function): later waits get a second each, so
 * that every case of the suite still reports before the runner's limit.
 */
static bool a_wait_failed;

/*
 * Asks done(arg) once a tick, for at most seconds (or the one second
 * above): the number of seconds it waited in vain, 0 once done said so.
 */
static int poll_for(bool (*done)(void *arg), void *arg, int seconds)
{
	if (a_wait_failed)
		seconds = 1;
	for (long ticks = 0; ticks <= seconds * HZ; ticks++) {
		if (done(arg))
			return 0;
		schedule_timeout_uninterruptible(1);
	}
	a_wait_failed = true;
	return seconds;
}

static const char *state_name(long state)
{
	switch (state) {
	case TASK_RUNNING:
		return "running";
	case TASK_INTERRUPTIBLE:
		return "asleep (interruptible)";
	case TASK_UNINTERRUPTIBLE:
		return "asleep (uninterruptible)";
	default:
		return "in another state";
	}
}

struct reaping {
	int pid, *status;
	long got;
};

static bool reaped(void *arg)
{
	struct reaping *r = arg;

	r->got = do_wait(r->pid, WNOHANG, r->status, NULL);
	return r->got != 0;
}

bool ktest_reap(struct ktest *t, int pid, int *status)
{
	struct reaping r = { pid, status, 0 };
	struct task_struct *p;
	int waited = poll_for(reaped, &r, KTEST_CHILD_SECONDS);

	if (!waited) {
		if (r.got == pid)
			return true;
		ktest_fail(t, __FILE__, __LINE__,
			   "no child %d to wait for (%ld)", pid, r.got);
		return false;
	}
	p = find_task_by_pid(pid);
	ktest_fail(t, __FILE__, __LINE__,
		   "waited %d s for thread '%s' (pid %d) to exit; "
		   "it is still %s", waited,
		   p ? p->comm : "?", pid, p ? state_name(p->state) : "gone");
	return false;
}

int ktest_exit_code(struct ktest *t, int pid)
{
	int status = -1;

	if (!ktest_reap(t, pid, &status))
		return -1;
	return WEXITSTATUS(status);
}

static bool page_unlocked(void *page)
{
	return !PageLocked((struct page *)page);
}

static bool page_taken(void *page)
{
	return !TryLockPage(page);
}

static bool page_wait(struct ktest *t, struct page *page,
		      bool (*done)(void *page), const char *what,
		      const char *why)
{
	int waited = poll_for(done, page, KTEST_PAGE_SECONDS);

	if (!waited)
		return true;
	ktest_fail(t, __FILE__, __LINE__,
		   "waited %d s %s page %lu (flags %#lx, count %d) for %s; "
		   "it is still locked", waited, what,
		   page_to_pfn(page), page->flags, page_count(page), why);
	return false;
}

bool ktest_lock_page(struct ktest *t, struct page *page, const char *why)
{
	return page_wait(t, page, page_taken, "to lock", why);
}

bool ktest_wait_on_page(struct ktest *t, struct page *page, const char *why)
{
	return page_wait(t, page, page_unlocked, "on", why);
}

static bool page_has_waiter(void *page)
{
	return ((struct page *)page)->wait;
}

void ktest_wait_for_page_waiter(struct page *page)
{
	poll_for(page_has_waiter, page, KTEST_PAGE_SECONDS);
}

bool ktest_enter_files(void)
{
	if (current->files)
		return false;
	current->files = files_for_exec();	/* the console's */
	return true;
}

void ktest_leave_files(bool entered)
{
	if (entered)
		exit_files(current);
}
