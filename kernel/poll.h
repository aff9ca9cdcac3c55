#ifndef KERNEL_POLL_H
#define KERNEL_POLL_H
/*
 * poll's wait table (Linux 2.4's poll_table, include/linux/poll.h,
 * with its entries in one array): a file's poll op calls poll_wait()
 * on each wait queue whose wake-up may change its answer, and poll()
 * sleeps on all of them at once (kernel/select.c).
 */
#include "kernel/file.h"
#include "kernel/wait.h"

struct poll_table {
	int nr;
	struct {
		wait_queue_head_t *head;
		wait_queue_t wait;
	} entry[NR_OPEN];	/* a queue per descriptor at most */
};

void poll_wait(struct poll_table *pt, wait_queue_head_t *q);

#endif
