/*
 * Kernel timers, schedule_timeout() and nanosleep (kernel/timer.c).
 *
 * Pending timers sit on one list sorted by expiry; the timer interrupt
 * runs those that are due.  2.4 used timer wheels for speed; with a
 * handful of timers a sorted list is enough and easier to follow.
 * The list is shared with the interrupt, so it is touched with
 * interrupts off (rule 3 in sched.h).
 */
#include "kernel/timer.h"
#include "kernel/abi.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "kernel/x86.h"
#include "lib/errno.h"

static LIST_HEAD(timer_list_head);

void init_timer(struct timer_list *timer)
{
	INIT_LIST_HEAD(&timer->entry);
}

int timer_pending(const struct timer_list *timer)
{
	return !list_empty(&timer->entry);
}

void add_timer(struct timer_list *timer)
{
	uint32_t flags = local_irq_save();
	struct list_head *pos;

	list_for_each(pos, &timer_list_head) {
		struct timer_list *t =
			list_entry(pos, struct timer_list, entry);

		if (time_after(t->expires, timer->expires))
			break;
	}
	list_add_tail(&timer->entry, pos);
	local_irq_restore(flags);
}

/* Returns 1 if the timer was pending (and now is not), else 0. */
int del_timer(struct timer_list *timer)
{
	uint32_t flags = local_irq_save();
	int was_pending = timer_pending(timer);

	list_del_init(&timer->entry);
	local_irq_restore(flags);
	return was_pending;
}

/* From the timer interrupt: runs every timer that is due. */
void run_timer_list(void)
{
	while (!list_empty(&timer_list_head)) {
		struct timer_list *t = list_entry(timer_list_head.next,
						  struct timer_list, entry);

		if (time_after(t->expires, jiffies))
			break;
		list_del_init(&t->entry);
		t->function(t->data);
	}
}

static void process_timeout(unsigned long data)
{
	wake_up_process((struct task_struct *)data);
}

/*
 * Sleeps for up to `timeout` ticks in the state the caller has set
 * (TASK_RUNNING just yields).  Returns the ticks left: 0 if the time
 * ran out, more if something woke the task earlier.
 */
long schedule_timeout(long timeout)
{
	struct timer_list timer;
	unsigned long expire;

	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return timeout;
	}
	if (timeout < 0) {
		printk(KERN_ERR "schedule_timeout: wrong timeout %ld\n",
		       timeout);
		dump_stack();
		current->state = TASK_RUNNING;
		return 0;
	}
	expire = jiffies + timeout;
	init_timer(&timer);
	timer.expires = expire;
	timer.data = (unsigned long)current;
	timer.function = process_timeout;
	add_timer(&timer);
	schedule();
	del_timer(&timer);
	timeout = (long)(expire - jiffies);
	return timeout < 0 ? 0 : timeout;
}

/* Sleeps `timeout` ticks that nothing but the time can cut short. */
long schedule_timeout_uninterruptible(long timeout)
{
	set_current_state(TASK_UNINTERRUPTIBLE);
	return schedule_timeout(timeout);
}

/*
 * Ticks for a timespec, rounded up, plus one because the current tick
 * is partly gone: a sleep is never shorter than asked (as 2.4).
 */
long timespec64_to_jiffies(const struct timespec64 *ts)
{
	const long tick_ns = NSEC_PER_SEC / HZ;
	unsigned long long ticks;

	if (ts->tv_sec >= (MAX_SCHEDULE_TIMEOUT - 1) / HZ)
		return MAX_SCHEDULE_TIMEOUT - 1;
	ticks = ts->tv_sec * HZ + (ts->tv_nsec + tick_ns - 1) / tick_ns;
	if (!ticks)
		return 0;
	return ticks >= MAX_SCHEDULE_TIMEOUT - 1 ? MAX_SCHEDULE_TIMEOUT - 1
						 : (long)ticks + 1;
}

/*
 * Sleeps for *t (a valid time), interruptibly: 0 when the time is
 * up, -EINTR with the time left in *t when a signal ended it (Linux's
 * do_nanosleep).  A stop does not end it: the task stops here, and
 * sleeps on for what is left of the time once continued
 * (take_stop_signals).  nanosleep and clock_nanosleep sleep here.
 */
long do_nanosleep(struct timespec64 *t)
{
	long left = timespec64_to_jiffies(t);
	unsigned long end = jiffies + left;

	while (left) {
		if (signal_pending(current)) {
			if (take_stop_signals())
				break;
			left = time_after(end, jiffies) ? (long)(end - jiffies)
							: 0;
			continue;
		}
		set_current_state(TASK_INTERRUPTIBLE);
		left = schedule_timeout(left);
	}
	if (!left)
		return 0;
	jiffies_to_timespec64(left, t);
	return -EINTR;
}

/*
 * nanosleep(req, rem): sleeps, interruptibly.  A signal ends it early
 * with -EINTR and the time left in *rem (when rem is given).
 */
long sys_nanosleep(const struct timespec *rqtp, struct timespec *rmtp)
{
	struct timespec64 t;
	long ret;

	if (get_timespec64(&t, rqtp, false))
		return -EFAULT;
	if (!timespec64_valid(&t))
		return -EINVAL;
	ret = do_nanosleep(&t);
	if (ret == -EINTR && rmtp && put_timespec64(&t, rmtp, false))
		return -EFAULT;
	return ret;
}
