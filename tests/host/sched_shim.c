/*
 * The host build has one thread and no scheduler: the mm/ files built
 * for it (Makefile, HOST_MM) read only the current task's flags
 * (PF_MEMALLOC) and may call schedule() or yield(), which have
 * nothing to do.
 */
#include "kernel/sched.h"

struct task_struct init_task = { .comm = "host" };
struct task_struct *current = &init_task;

void schedule(void)
{
}

void yield(void)
{
}
