/*
 * Wait queues: who wake_up() and wake_up_interruptible() wake, the
 * timeouts, and the sleep_on() discipline of kernel/wait.h (a wake-up
 * from an interrupt handler between the test and the sleep is not
 * lost when interrupts are off around both).
 */
#include "kernel/abi.h"
#include "kernel/exit.h"
#include "kernel/fork.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "kernel/timer.h"
#include "kernel/x86.h"
#include "lib/ktest.h"
#include "tests/kernel/ktest_tasks.h"

struct waiter {
	wait_queue_head_t q;
	volatile bool go;
	volatile int done;
};

static int uninterruptible_fn(void *arg)
{
	struct waiter *w = arg;

	wait_event(w->q, w->go);
	w->done++;
	return 0;
}

static int interruptible_fn(void *arg)
{
	struct waiter *w = arg;

	wait_event_interruptible(w->q, w->go);
	w->done++;
	return 0;
}

static char state_of(int pid)
{
	struct task_struct *p = find_task_by_pid(pid);

	return p ? task_state_char(p) : '-';
}

static void wake_up_wakes_every_sleeper(struct ktest *t)
{
	struct waiter w = { .go = false };
	int pids[3];

	init_waitqueue_head(&w.q);
	for (int i = 0; i < 3; i++)
		pids[i] = kernel_thread(uninterruptible_fn, &w, "waiter");
	schedule_timeout_uninterruptible(2);
	for (int i = 0; i < 3; i++)
		KTEST_EXPECT_EQ(t, state_of(pids[i]), 'D');
	KTEST_EXPECT_TRUE(t, waitqueue_active(&w.q));
	w.go = true;
	wake_up(&w.q);
	for (int i = 0; i < 3; i++)
		KTEST_EXPECT_EQ(t, ktest_exit_code(t, pids[i]), 0);
	KTEST_EXPECT_EQ(t, w.done, 3);
	KTEST_EXPECT_FALSE(t, waitqueue_active(&w.q));
}

static void wake_up_interruptible_spares_uninterruptible(struct ktest *t)
{
	struct waiter w = { .go = false };
	int d, s;

	init_waitqueue_head(&w.q);
	d = kernel_thread(uninterruptible_fn, &w, "waiter-D");
	s = kernel_thread(interruptible_fn, &w, "waiter-S");
	schedule_timeout_uninterruptible(2);
	KTEST_EXPECT_EQ(t, state_of(d), 'D');
	KTEST_EXPECT_EQ(t, state_of(s), 'S');
	w.go = true;
	wake_up_interruptible(&w.q);
	schedule_timeout_uninterruptible(2);
	KTEST_EXPECT_EQ(t, state_of(s), 'Z');
	KTEST_EXPECT_EQ(t, state_of(d), 'D');
	KTEST_EXPECT_EQ(t, w.done, 1);
	wake_up(&w.q);
	KTEST_EXPECT_EQ(t, ktest_exit_code(t, d), 0);
	KTEST_EXPECT_EQ(t, ktest_exit_code(t, s), 0);
}

/* Set by a kernel timer, from the timer interrupt. */
static void timer_wakes(unsigned long data)
{
	struct waiter *w = (struct waiter *)data;

	w->go = true;
	wake_up(&w->q);
}

static void arm(struct timer_list *timer, struct waiter *w, long ticks)
{
	init_timer(timer);
	timer->expires = jiffies + ticks;
	timer->function = timer_wakes;
	timer->data = (unsigned long)w;
	add_timer(timer);
}

static void sleep_on_timeout_times_out_or_wakes(struct ktest *t)
{
	struct waiter w = { .go = false };
	struct timer_list timer;
	unsigned long start = jiffies;
	long left;

	init_waitqueue_head(&w.q);
	KTEST_EXPECT_EQ(t, interruptible_sleep_on_timeout(&w.q, 4), 0);
	KTEST_EXPECT_GE(t, jiffies - start, 4);
	arm(&timer, &w, 2);
	start = jiffies;
	left = interruptible_sleep_on_timeout(&w.q, 50);
	KTEST_EXPECT_TRUE(t, w.go);
	KTEST_EXPECT_GT(t, left, 0);
	KTEST_EXPECT_LT(t, jiffies - start, 50);
	KTEST_EXPECT_FALSE(t, timer_pending(&timer));
}

/*
 * The timer fires while interrupts are off, i.e. after the test of
 * `go` and before the sleep: it can only run once schedule() has put
 * this task to sleep, so its wake-up finds the task on the queue.
 */
static void sleep_on_with_interrupts_off_loses_nothing(struct ktest *t)
{
	struct waiter w = { .go = false };
	struct timer_list timer;
	uint32_t flags;
	int sleeps = 0;

	init_waitqueue_head(&w.q);
	flags = local_irq_save();
	arm(&timer, &w, 1);
	for (volatile int i = 0; i < 3000000; i++)
		;			/* the tick comes, and waits */
	while (!w.go) {
		sleep_on(&w.q);
		sleeps++;
	}
	KTEST_EXPECT_FALSE(t, irqs_enabled());	/* our own flag back */
	local_irq_restore(flags);
	KTEST_EXPECT_EQ(t, sleeps, 1);
	KTEST_EXPECT_TRUE(t, irqs_enabled());
}

static void wait_event_timeout_reports_what_happened(struct ktest *t)
{
	struct waiter w = { .go = false };
	struct timer_list timer;

	init_waitqueue_head(&w.q);
	KTEST_EXPECT_EQ(t, wait_event_timeout(w.q, w.go, 3), 0);
	arm(&timer, &w, 2);
	KTEST_EXPECT_GT(t, wait_event_timeout(w.q, w.go, 50), 0);
	KTEST_EXPECT_GT(t, wait_event_timeout(w.q, w.go, 0), 0);
}

static const struct ktest_case waitqueue_cases[] = {
	KTEST_CASE(wake_up_wakes_every_sleeper),
	KTEST_CASE(wake_up_interruptible_spares_uninterruptible),
	KTEST_CASE(sleep_on_timeout_times_out_or_wakes),
	KTEST_CASE(sleep_on_with_interrupts_off_loses_nothing),
	KTEST_CASE(wait_event_timeout_reports_what_happened),
};
KTEST_SUITE(waitqueue, waitqueue_cases);
