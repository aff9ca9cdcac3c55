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
#include "kernel/signal.h"

void down(struct semaphore *sem)
{
	if (sem->count <= 0)
		wait_event(sem->wait, sem->count > 0);
	sem->count--;
}

/* As down(), but a signal (or, if killable, SIGKILL) ends the wait:
 * 0 once taken, else -EINTR. */
static int down_waiting(struct semaphore *sem, bool killable)
{
	if (sem->count <= 0 &&
	    (killable ? wait_event_killable(sem->wait, sem->count > 0)
		      : wait_event_interruptible(sem->wait, sem->count > 0)))
		return -EINTR;
	sem->count--;
	return 0;
}

/* 2.4.0's down_interruptible: any signal ends the wait. */
int down_interruptible(struct semaphore *sem)
{
	return down_waiting(sem, false);
}

/* Only SIGKILL ends the wait (Linux 2.6.26's down_killable; 2.4.0 has
 * none): for a holder whose copy to user memory may wait for memory,
 * which an OOM victim asleep here gives back only if the wait lets it
 * go. */
int down_killable(struct semaphore *sem)
{
	return down_waiting(sem, true);
}

/* Wakes every waiter; the first to run takes the count, the rest
 * sleep again (2.4.0 wakes one; wake_up() here wakes all). */
void up(struct semaphore *sem)
{
	sem->count++;
	if (waitqueue_active(&sem->wait))
		wake_up(&sem->wait);
}
