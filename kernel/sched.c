/*
 * The scheduler.  With a single thread of control (init_task) there
 * is nothing to switch to, so schedule() returns at once; the process
 * issue replaces this with kernel threads and a real run queue.
 */
#include "kernel/sched.h"

static struct task_struct init_task = { .comm = "swapper" };
struct task_struct *current = &init_task;

void schedule(void)
{
}
