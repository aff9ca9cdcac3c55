/*
 * Tasks and scheduling.  Until processes arrive there is one thread
 * of control, init_task, running start_kernel and then the shell.
 * The memory manager already needs what 2.4 reads from it: the
 * current task's flags (PF_MEMALLOC) and a way to yield the CPU.
 */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

/* Task flags, with Linux's values. */
#define PF_MEMALLOC	0x00000800	/* may use the reserve, never reclaims */

struct task_struct {
	unsigned long flags;
	const char *comm;
};

extern struct task_struct *current;

void schedule(void);

#endif
