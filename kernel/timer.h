/*
 * Kernel timers (include/linux/timer.h): call a function at a given
 * jiffy, from the timer interrupt.  schedule_timeout() (wait.h) and
 * nanosleep are built on them.
 */
#ifndef KERNEL_TIMER_H
#define KERNEL_TIMER_H

#include "lib/list.h"

struct timer_list {
	struct list_head entry;		/* pending timers, by expiry */
	unsigned long expires;		/* jiffies value to run at */
	void (*function)(unsigned long data);
	unsigned long data;
};

/* jiffies comparisons that survive the counter wrapping. */
#define time_after(a, b)	((long)((b) - (a)) < 0)
#define time_after_eq(a, b)	((long)((a) - (b)) >= 0)

void init_timer(struct timer_list *timer);
void add_timer(struct timer_list *timer);
int del_timer(struct timer_list *timer);
int timer_pending(const struct timer_list *timer);
void run_timer_list(void);

struct timespec64;
long do_nanosleep(struct timespec64 *t);
long timespec64_to_jiffies(const struct timespec64 *ts);
bool time_until(int which, struct timespec64 *t);	/* posix_timers.c */

#endif
