/*
 * A hang in a stretch of kernel work that still calls schedule(): the
 * soft-lockup detector (kernel/softlockup.c) stays quiet, since the
 * CPU is offered to others, but the work never ends.  A ktest case
 * waiting for kswapd while kswapd loops without sleeping is one (an
 * interruptible_sleep_on_timeout that returns at once).  The runner's
 * limit then names only the case; the cause is whoever had the CPU.
 *
 * So a watch marks every task's CPU ticks when the work starts, and a
 * timer fires if it is still going after its limit: it shows where the
 * task doing the work is, then lists the tasks that used the CPU
 * since, most first, with their state and backtrace, and the idle
 * share, then (in a test boot) panics so the boot ends with that
 * name.  The report follows Linux 2.6.30's
 * hung-task detector (kernel/hung_task.c: "INFO: task ... blocked for
 * more than 120 seconds", with the task's backtrace and
 * hung_task_panic) and the CPU figures sysrq-t's show_state() gives;
 * the limit on one test case is KUnit's (lib/kunit/try-catch.c's
 * timeout, Linux 5.x).  2.4.0 has none of these.
 */
#include "kernel/hung_task.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "kernel/x86.h"

#define HUNG_TASK_SHOWN	3	/* tasks listed, most CPU first */

static unsigned long cpu_ticks(const struct task_struct *p)
{
	return p->utime + p->stime;
}

/* Ticks p used since the watch began (a task forked since has 0). */
static unsigned long ticks_since(const struct task_struct *p)
{
	return cpu_ticks(p) - p->hung_ticks;
}

/*
 * Where a task is: the interrupted code for current (the timer runs
 * on its stack), else the frame switch_to() left at thread.esp
 * (kernel/switch.S: EFLAGS, edi, esi, ebx, ebp, return address).
 */
static void show_task_backtrace(const struct task_struct *p)
{
	const unsigned long *frame = (const unsigned long *)p->thread.esp;

	if (p == current)
		dump_stack();
	else if (p->state != TASK_ZOMBIE)
		show_backtrace(frame[5], frame[4]);
}

/* The HUNG_TASK_SHOWN tasks with the most ticks since the start. */
static int busiest_tasks(struct task_struct **top)
{
	struct task_struct *p;
	int n = 0, i;

	for_each_task(p) {
		if (!ticks_since(p))
			continue;
		for (i = n; i > 0 && ticks_since(top[i - 1]) < ticks_since(p);
		     i--)
			if (i < HUNG_TASK_SHOWN)
				top[i] = top[i - 1];
		if (i < HUNG_TASK_SHOWN)
			top[i] = p;
		if (n < HUNG_TASK_SHOWN)
			n++;
	}
	return n;
}

static void hung_watch_fire(unsigned long data)
{
	struct hung_watch *w = (struct hung_watch *)data;
	struct task_struct *top[HUNG_TASK_SHOWN];
	unsigned long all = jiffies - w->start;
	int n = busiest_tasks(top), i;

	printk(KERN_EMERG "INFO: %s still running after %us in %s:%d (%c):\n",
	       w->what, w->seconds, w->task->comm, w->task->pid,
	       task_state_char(w->task));
	show_task_backtrace(w->task);
	printk(KERN_EMERG "INFO: the CPU since it began (%lu ticks):\n", all);
	for (i = 0; i < n; i++) {
		printk(KERN_EMERG "INFO:   %s:%d %c %lu ticks (%lu%%)\n",
		       top[i]->comm, top[i]->pid, task_state_char(top[i]),
		       ticks_since(top[i]), ticks_since(top[i]) * 100 / all);
		if (top[i] != w->task)
			show_task_backtrace(top[i]);
	}
	printk(KERN_EMERG "INFO:   idle %lu ticks\n", idle_ticks - w->idle);
	w->top = n ? top[0] : NULL;
	if (!w->panic)
		return;
	if (n)
		panic("hung task: %s ran past %us, %s:%d had %lu%% of the CPU",
		      w->what, w->seconds, top[0]->comm, top[0]->pid,
		      ticks_since(top[0]) * 100 / all);
	panic("hung task: %s ran past %us, the CPU idle", w->what,
	      w->seconds);
}

/* Marks every task's ticks and arms the limit (0: no limit). */
void hung_watch_start(struct hung_watch *w, const char *what,
		      unsigned int seconds, bool panic)
{
	struct task_struct *p;
	uint32_t flags = local_irq_save();

	*w = (struct hung_watch){ .what = what, .seconds = seconds,
				  .panic = panic, .task = current,
				  .start = jiffies,
				  .idle = idle_ticks };
	for_each_task(p)
		p->hung_ticks = cpu_ticks(p);
	local_irq_restore(flags);
	if (!seconds)
		return;
	init_timer(&w->timer);
	w->timer.expires = jiffies + seconds * HZ;
	w->timer.function = hung_watch_fire;
	w->timer.data = (unsigned long)w;
	add_timer(&w->timer);
}

void hung_watch_stop(struct hung_watch *w)
{
	if (w->seconds)
		del_timer(&w->timer);
}
