/*
 * Sleeping locks (include/asm-i386/semaphore.h in Linux 2.4): a count
 * of holders allowed and a queue of tasks waiting.  Pagoda's uses
 * are 2.4.0's plain semaphores (mutexes): mm->mmap_sem around changes
 * to an address space's VMAs and its page faults (with threads, one
 * thread may sleep in a fault while another unmaps the VMA under it),
 * a pipe's, whose reader or writer may sleep in a fault while
 * copying (kernel/pipe.c), and the root directory's, held by a
 * getdents64 whose copies may fault (kernel/readdir.c).
 */
#ifndef KERNEL_SEMAPHORE_H
#define KERNEL_SEMAPHORE_H

#include "kernel/wait.h"

struct semaphore {
	int count;		/* holders still allowed; 0: wait */
	wait_queue_head_t wait;
};

static inline void sema_init(struct semaphore *sem, int count)
{
	sem->count = count;
	init_waitqueue_head(&sem->wait);
}

void down(struct semaphore *sem);
int down_interruptible(struct semaphore *sem);
int down_killable(struct semaphore *sem);
void up(struct semaphore *sem);

#endif
