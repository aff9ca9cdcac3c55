/*
 * A disk in host memory for the unit tests of the swap path: a real
 * struct block_device behind drivers/blkdev.c, so that page_io.c's
 * requests go through the same checks as in the kernel.  Requests wait
 * in a queue until the test lets time pass (ramdisk_run(), or a task
 * that sleeps: tests/host/mm_shim.c's schedule()), as a virtio disk
 * completes them later, in its interrupt.
 */
#ifndef TESTS_HOST_RAMDISK_H
#define TESTS_HOST_RAMDISK_H

#include "drivers/blkdev.h"

/* A registered disk of `pages` pages, zeroed; NULL if out of memory. */
struct block_device *ramdisk_create(const char *name, unsigned long pages);
void ramdisk_destroy(struct block_device *bdev);

/* Requests of op (READ or WRITE) touching page slot fail with -EIO. */
void ramdisk_fail_page(struct block_device *bdev, int op,
		       unsigned long slot);
void ramdisk_heal(struct block_device *bdev);	/* no more failures */

/* The disk's contents at page slot. */
void *ramdisk_page(struct block_device *bdev, unsigned long slot);

/* Requests submitted and not finished. */
unsigned int ramdisk_queued(struct block_device *bdev);

/* Finishes every queued request; returns how many there were. */
unsigned int ramdisk_run(void);

#endif
