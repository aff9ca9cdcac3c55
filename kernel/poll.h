/*
 * poll(): what a file says it is ready for, and the table of wait
 * queues a poll sleeps on (include/linux/poll.h, include/asm/poll.h
 * in Linux 2.4.0; the POLL* bits and struct pollfd are in
 * kernel/abi.h).  A file's poll method (struct file_operations)
 * calls poll_wait() on each queue whose wake-up may change its answer,
 * then returns its POLL* mask.
 */
#ifndef KERNEL_POLL_H
#define KERNEL_POLL_H

#include "kernel/abi.h"
#include "kernel/wait.h"

/* A file without a poll method is always ready (2.4.0's answer). */
#define DEFAULT_POLLMASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

struct file;

/* One queue a poll sleeps on, with a reference to the file it is in. */
struct poll_table_entry {
	struct file *filp;
	wait_queue_t wait;
	wait_queue_head_t *wait_address;
};

/* The queues of one poll() call: at most `size`, one per pollfd. */
typedef struct poll_table_struct {
	int nr, size;
	struct poll_table_entry *entry;
} poll_table;

void poll_wait(struct file *filp, wait_queue_head_t *q, poll_table *p);

#endif
