/*
 * Wait queues: joining, leaving, waking, and 2.4's sleep_on family
 * (kernel/sched.c in Linux 2.4).  Queues are touched with interrupts
 * off, because interrupt handlers wake them (rule 3 in sched.h).
 */
#include "kernel/sched.h"
#include "kernel/x86.h"

void add_wait_queue(wait_queue_head_t *q, wait_queue_t *wait)
{
	uint32_t flags = local_irq_save();

	list_add_tail(&wait->task_list, &q->task_list);
	local_irq_restore(flags);
}

void remove_wait_queue(wait_queue_head_t *q __unused, wait_queue_t *wait)
{
	uint32_t flags = local_irq_save();

	list_del_init(&wait->task_list);
	local_irq_restore(flags);
}

/*
 * Joins the queue (once) and marks the task asleep in `state`; the
 * caller then tests its condition and calls schedule() if it is false.
 */
void prepare_to_wait(wait_queue_head_t *q, wait_queue_t *wait, long state)
{
	uint32_t flags = local_irq_save();

	if (list_empty(&wait->task_list))
		list_add_tail(&wait->task_list, &q->task_list);
	set_current_state(state);
	local_irq_restore(flags);
}

void finish_wait(wait_queue_head_t *q, wait_queue_t *wait)
{
	set_current_state(TASK_RUNNING);
	remove_wait_queue(q, wait);
}

/*
 * Wakes every task on the queue that sleeps in one of the `mode`
 * states.  Waiters stay on the queue until they leave it themselves.
 * A wake-up by an event lifts a SCHED_IDLE task to normal priority
 * until it sleeps again (see sched.h), also one already runnable (its
 * timeout woke it) that has not had the CPU yet.
 */
static void __wake_up(wait_queue_head_t *q, long mode)
{
	uint32_t flags = local_irq_save();
	struct list_head *pos;

	list_for_each(pos, &q->task_list) {
		struct task_struct *p =
			list_entry(pos, wait_queue_t, task_list)->task;

		if (p->state & mode || p->state == TASK_RUNNING) {
			p->wakeup_boost = true;
			wake_up_process(p);
		}
	}
	local_irq_restore(flags);
}

void wake_up(wait_queue_head_t *q)
{
	__wake_up(q, TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE);
}

void wake_up_interruptible(wait_queue_head_t *q)
{
	__wake_up(q, TASK_INTERRUPTIBLE);
}

/*
 * The sleep_on family: join, sleep once, leave.  They do not test a
 * condition, so a wake-up that comes before the sleep is lost unless
 * the caller disables interrupts around its test and the call (see
 * the top of wait.h).  kswapd's interruptible_sleep_on_timeout() in
 * 2.4 accepts that: at worst it sleeps until its timeout.
 */
static long sleep_on_common(wait_queue_head_t *q, long state, long timeout)
{
	DECLARE_WAITQUEUE(wait, current);
	uint32_t flags = local_irq_save();

	set_current_state(state);
	list_add_tail(&wait.task_list, &q->task_list);
	timeout = schedule_timeout(timeout);
	list_del_init(&wait.task_list);
	local_irq_restore(flags);
	return timeout;
}

void sleep_on(wait_queue_head_t *q)
{
	sleep_on_common(q, TASK_UNINTERRUPTIBLE, MAX_SCHEDULE_TIMEOUT);
}

/* Returns the ticks left if woken (by an event or a signal), else 0. */
long interruptible_sleep_on_timeout(wait_queue_head_t *q, long timeout)
{
	return sleep_on_common(q, TASK_INTERRUPTIBLE, timeout);
}
