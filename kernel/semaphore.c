/*
 * down() and up() (arch/i386/kernel/semaphore.c in Linux 2.4).  One
 * CPU and no kernel preemption (sched.h, rules 1 and 2): testing and
 * taking the count cannot be interleaved with another task, so the
 * count is a plain int.  A free semaphore is taken at once, as 2.4's
 * inline fast path does (every page fault takes mmap_sem); otherwise
 * the task sleeps in wait_event(), which loses no wake-up.
 * down() is uninterruptible, as 2.4.0's.
 */
#include "kernel/semaphore.h"
#include "kernel/sched.h"

void down(struct semaphore *sem)
{
	if (sem->count <= 0)
		wait_event(sem->wait, sem->count > 0);
	sem->count--;
}

/* As down(), but a signal ends the wait: 0 once taken, else -EINTR
 * (2.4.0's down_interruptible). */
int down_interruptible(struct semaphore *sem)
{
	if (sem->count <= 0 &&
	    wait_event_interruptible(sem->wait, sem->count > 0))
		return -EINTR;
	sem->count--;
	return 0;
}

/* Wakes every waiter; the first to run takes the count, the rest
 * sleep again (2.4.0 wakes one; wake_up() here wakes all). */
void up(struct semaphore *sem)
{
	sem->count++;
	if (waitqueue_active(&sem->wait))
		wake_up(&sem->wait);
}
