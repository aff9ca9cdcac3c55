/*
 * The disks' watchdog: a request a disk has left unanswered for
 * blk_timeout seconds is late (blk_mark_late(), drivers/blkdev.c),
 * so that a dead disk is never waited for silently, nor by swapon
 * for ever.
 *
 * Linux 2.4.0's IDE driver arms a timer with every command
 * (ide_timer_expiry(), WAIT_CMD 10 s, WAIT_WORSTCASE 30 s): when it
 * runs out it first calls the interrupt handler in case the interrupt
 * was lost ("hda: lost interrupt"), then resets the drive and fails
 * the request.  A virtio disk owns a request's memory until it
 * answers, and resetting the device waits for it in QEMU, so Pagoda
 * does the first half and only reports the second.  The default is
 * 2.4.0's for a SCSI disk's command (SD_TIMEOUT, 30 s).
 * One timer, once a second, looks at every disk: a timer per request
 * would cost every swap I/O an add_timer and a del_timer.
 */
#include "drivers/blkdev.h"
#include "kernel/kernel.h"
#include "kernel/params.h"
#include "kernel/time.h"
#include "kernel/timer.h"
#include "kernel/x86.h"

static unsigned int blk_timeout = 30;
KERNEL_PARAM_UINT(blk_timeout, blk_timeout, 1, 3600,
		  "seconds a disk may leave its requests unanswered before "
		  "it is said to be stalled");

static struct timer_list blk_watchdog;

/* The oldest request in flight not yet found late, or NULL. */
static struct blk_request *oldest_on_time(struct block_device *bdev)
{
	struct list_head *pos;

	list_for_each(pos, &bdev->requests) {
		struct blk_request *req =
			list_entry(pos, struct blk_request, queue);

		if (!req->late)
			return req;
	}
	return NULL;
}

/*
 * One disk, interrupts off (from the timer interrupt): if a request
 * has waited blk_timeout seconds, first look for a lost interrupt
 * (the device finished it and said nothing), then mark it, and any
 * other that old, late.
 */
static void watch(struct block_device *bdev)
{
	unsigned long age = blk_timeout * HZ;
	struct blk_request *req = oldest_on_time(bdev);

	if (!req || jiffies - req->start < age)
		return;
	bdev->ops->poll(bdev);
	if (oldest_on_time(bdev) != req) {
		printk(KERN_WARNING "%s: lost interrupt\n", bdev->name);
		return;
	}
	blk_mark_late(bdev, age);
}

static void blk_watchdog_run(unsigned long data __unused)
{
	struct list_head *pos;

	list_for_each(pos, &all_block_devices)
		watch(list_entry(pos, struct block_device, list));
	blk_watchdog.expires = jiffies + HZ;
	add_timer(&blk_watchdog);
}

/* After the disks are found: look at them once a second from now on. */
void blk_timeout_init(void)
{
	init_timer(&blk_watchdog);
	blk_watchdog.function = blk_watchdog_run;
	blk_watchdog.expires = jiffies + HZ;
	add_timer(&blk_watchdog);
}
