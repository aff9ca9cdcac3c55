/*
 * A pipe's state (include/linux/pipe_fs_i.h in Linux 2.4.0), for
 * kernel/pipe.c and the kernel suite that looks at pipes asleep.
 */
#ifndef KERNEL_PIPE_H
#define KERNEL_PIPE_H

#include "kernel/semaphore.h"
#include "kernel/wait.h"
#include "mm/page.h"

/* The buffer's size; PIPE_BUF (kernel/abi.h) is what writes atomically. */
#define PIPE_SIZE	PAGE_SIZE

struct pipe_inode_info {
	wait_queue_head_t wait;		/* its readers and writers */
	struct semaphore sem;		/* held while start or len change */
	char *base;			/* the page */
	unsigned int start, len;	/* the bytes: len from base + start */
	unsigned int readers, writers;	/* open files of each end */
	unsigned int waiting_writers;	/* writers asleep for room */
	unsigned long ino;		/* fstat's st_ino */
};

#endif
