/*
 * The soft-lockup detector (Linux 2.6.16's kernel/softlockup.c; 2.4.0
 * has none).  Kernel code is not preempted (sched.h's rule 2), so a
 * kernel loop that never calls schedule() keeps the CPU for ever:
 * every other task, the test thread too, waits without a word.  Each
 * timer tick looks at how long ago the CPU last went through
 * schedule(); after softlockup_thresh seconds in one task it names
 * that task, in 2.6.24's words,
 *
 *	BUG: soft lockup - CPU#0 stuck for 20s! [kswapd:3]
 *
 * with the interrupted kernel code's backtrace, once per stretch.
 * Linux's watchdog thread touches the timestamp when it gets the CPU;
 * here schedule() does, which is the same evidence: any other task
 * could have run.  The idle task and user mode are never stuck (the
 * idle task halts, user mode is preempted).  With softlockup_panic
 * (2.6.29's boot parameter), and always in a test boot (test=), the
 * report ends in a panic, so the runner gets the name at once instead
 * of its time limit.
 */
#include "kernel/softlockup.h"
#include "kernel/kernel.h"
#include "kernel/params.h"
#include "kernel/sched.h"
#include "kernel/time.h"

/* Twenty seconds: Linux 4.x's (twice watchdog_thresh); 2.6.16's ten
 * were reached by a debug build's long test loop on a loaded host,
 * whose pauses count as guest time. */
unsigned int softlockup_thresh = 20;
KERNEL_PARAM_UINT(softlockup_thresh, softlockup_thresh, 1, 3600,
		  "seconds a task may keep the CPU in the kernel without "
		  "schedule() before it is reported as a soft lockup");
bool softlockup_panic;
KERNEL_PARAM_FLAG(softlockup_panic, softlockup_panic,
		  "panic after reporting a soft lockup (set by test=)");

/* jiffies at the last schedule(); whether this stretch was reported */
static unsigned long touch_timestamp;
static bool reported;
unsigned long softlockup_reports;	/* for the tests */

/* From schedule(): the CPU was offered to every other task. */
void touch_softlockup_watchdog(void)
{
	touch_timestamp = jiffies;
	reported = false;
}

/* From the timer interrupt, after jiffies moved. */
void softlockup_tick(const struct pt_regs *regs, bool user_tick)
{
	struct task_struct *p = current;
	unsigned long stuck = jiffies - touch_timestamp;

	if (p == &init_task || user_tick) {
		touch_softlockup_watchdog();
		return;
	}
	if (reported || stuck < softlockup_thresh * HZ)
		return;
	reported = true;
	softlockup_reports++;
	printk(KERN_EMERG "BUG: soft lockup - CPU#0 stuck for %lus! [%s:%d]\n",
	       stuck / HZ, p->comm, p->pid);
	show_backtrace(regs->eip, regs->ebp);
	if (softlockup_panic)
		panic("softlockup: hung tasks");
}
