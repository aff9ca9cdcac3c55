#ifndef KERNEL_POLL_H
#define KERNEL_POLL_H
/*
 * poll's wait table (Linux 2.4's poll_table, include/linux/poll.h,
 * with its entries in one array): a file's poll op calls poll_wait()
 * on each wait queue whose wake-up may change its answer, and poll()
 * sleeps on all of them at once (kernel/select.c).  Each entry holds
 * a reference to its file, as 2.4.0's __pollwait does (get_file):
 * a pipe's wait queue lives as long as its files.
 */
#include "kernel/file.h"
#include "kernel/wait.h"

struct poll_table {
	int nr;
	struct {
		struct file *filp;
		wait_queue_head_t *head;
		wait_queue_t wait;
	} entry[NR_OPEN];	/* a queue per descriptor at most */
};

void poll_wait(struct file *f, wait_queue_head_t *q, struct poll_table *pt);

#endif
