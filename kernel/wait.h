/*
 * Wait queues (include/linux/wait.h, kernel/sched.c in Linux 2.4).
 *
 * A wait queue is a list of sleeping tasks.  A task that must wait for
 * an event puts itself on the event's queue and sleeps; whoever makes
 * the event happen calls wake_up() on the queue.  An interrupt handler
 * may call wake_up(); only tasks sleep.
 *
 * How to sleep without losing a wake-up is rule 4 of the concurrency
 * rules in kernel/sched.h.  In short:
 *
 *	wait_event(q, condition);	     the safe, usual way
 *
 *	flags = local_irq_save();	     2.4's sleep_on() way: the test
 *	while (!condition)		     and the sleep are atomic with
 *		sleep_on(&q);		     respect to interrupts
 *	local_irq_restore(flags);
 */
#ifndef KERNEL_WAIT_H
#define KERNEL_WAIT_H

#include "lib/errno.h"
#include "lib/list.h"

struct task_struct;

typedef struct wait_queue_head {
	struct list_head task_list;
} wait_queue_head_t;

typedef struct wait_queue {
	struct task_struct *task;
	struct list_head task_list;
} wait_queue_t;

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) { LIST_HEAD_INIT((name).task_list) }
#define DECLARE_WAIT_QUEUE_HEAD(name) \
	wait_queue_head_t name = __WAIT_QUEUE_HEAD_INITIALIZER(name)
#define DECLARE_WAITQUEUE(name, tsk) \
	wait_queue_t name = { (tsk), LIST_HEAD_INIT((name).task_list) }

#define MAX_SCHEDULE_TIMEOUT	0x7fffffffL

static inline void init_waitqueue_head(wait_queue_head_t *q)
{
	INIT_LIST_HEAD(&q->task_list);
}

static inline bool waitqueue_active(const wait_queue_head_t *q)
{
	return !list_empty(&q->task_list);
}

void add_wait_queue(wait_queue_head_t *q, wait_queue_t *wait);
void remove_wait_queue(wait_queue_head_t *q, wait_queue_t *wait);
void prepare_to_wait(wait_queue_head_t *q, wait_queue_t *wait, long state);
void finish_wait(wait_queue_head_t *q, wait_queue_t *wait);

void wake_up(wait_queue_head_t *q);
void wake_up_interruptible(wait_queue_head_t *q);

void sleep_on(wait_queue_head_t *q);
long interruptible_sleep_on_timeout(wait_queue_head_t *q, long timeout);

long schedule_timeout(long timeout);
long schedule_timeout_uninterruptible(long timeout);

/*
 * Sleeps until `condition` is true.  The task joins the queue and marks
 * itself asleep before each test, so a wake_up() after the test wakes
 * it (it is then still on the queue, or already runnable).
 */
#define wait_event(wq, condition) do {					\
	DECLARE_WAITQUEUE(__wait, current);				\
	for (;;) {							\
		prepare_to_wait(&(wq), &__wait, TASK_UNINTERRUPTIBLE);	\
		if (condition)						\
			break;						\
		schedule();						\
	}								\
	finish_wait(&(wq), &__wait);					\
} while (0)

/*
 * As wait_event(), sleeping in `state`, but ended by a signal when
 * `signalled` holds: then -ERESTARTSYS (a system call returns it: see
 * syscall_restart()), else 0.
 */
#define __wait_event_signalled(wq, condition, state, signalled) ({	\
	DECLARE_WAITQUEUE(__wait, current);				\
	int __ret = 0;							\
	for (;;) {							\
		prepare_to_wait(&(wq), &__wait, state);			\
		if (condition)						\
			break;						\
		if (signalled) {					\
			__ret = -ERESTARTSYS;				\
			break;						\
		}							\
		schedule();						\
	}								\
	finish_wait(&(wq), &__wait);					\
	__ret;								\
})

/* Ended by any signal the task does not block. */
#define wait_event_interruptible(wq, condition)				\
	__wait_event_signalled(wq, condition, TASK_INTERRUPTIBLE,	\
			       signal_pending(current))

/*
 * Ended only by SIGKILL (Linux 2.6.25's; 2.4.0 has none): for a
 * wait that must not end early for a handler, but whose task may be
 * killed (kernel/signal.h's fatal_signal_pending).
 */
#define wait_event_killable(wq, condition)				\
	__wait_event_signalled(wq, condition, TASK_KILLABLE,		\
			       fatal_signal_pending(current))

/*
 * As wait_event(), but for at most `timeout` ticks: returns the ticks
 * left when the condition became true (at least 1), or 0 on timeout.
 */
#define wait_event_timeout(wq, condition, timeout) ({			\
	DECLARE_WAITQUEUE(__wait, current);				\
	long __left = (timeout);					\
	for (;;) {							\
		prepare_to_wait(&(wq), &__wait, TASK_UNINTERRUPTIBLE);	\
		if (condition) {					\
			__left = __left ? __left : 1;			\
			break;						\
		}							\
		if (!__left)						\
			break;						\
		__left = schedule_timeout(__left);			\
	}								\
	finish_wait(&(wq), &__wait);					\
	__left;								\
})

#endif
