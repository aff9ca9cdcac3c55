/* Watching a stretch of kernel work for a hang (kernel/hung_task.c). */
#ifndef KERNEL_HUNG_TASK_H
#define KERNEL_HUNG_TASK_H

#include "kernel/timer.h"
#include "lib/compiler.h"

struct task_struct;

struct hung_watch {
	struct timer_list timer;
	const char *what;	/* the work watched: a test case's name */
	unsigned int seconds;	/* its limit, in guest time */
	bool panic;		/* end the boot after the report */
	struct task_struct *task;	/* the one doing the work */
	unsigned long start, idle;	/* jiffies, idle_ticks at the start */
	struct task_struct *top;	/* after a report: most CPU, or NULL */
};

void hung_watch_start(struct hung_watch *w, const char *what,
		      unsigned int seconds, bool panic);
void hung_watch_stop(struct hung_watch *w);

#endif
