/*
 * The block layer (Linux 2.4: drivers/block/ll_rw_blk.c, much
 * smaller): the list of disks, the checks every request passes before
 * a driver sees it, and waiting for requests to finish.
 */
#include "drivers/blkdev.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/params.h"
#include "kernel/x86.h"
#include "mm/mm.h"

LIST_HEAD(all_block_devices);

/*
 * Complete disk requests by polling the device instead of taking its
 * interrupt: what early boot and panic paths do anyway, and a way to
 * make completions land at the same instruction every run.
 */
bool blk_polling;
KERNEL_PARAM_FLAG(blkpoll, blk_polling,
		  "complete disk requests by polling, not by interrupts");

/* Disks are listed in the order their drivers found them. */
void register_blkdev(struct block_device *bdev)
{
	list_add_tail(&bdev->list, &all_block_devices);
}

/*
 * The disk called name: "vda", or "/dev/vda" as Linux (and swapinfo)
 * spells it.  NULL if there is none.
 */
struct block_device *blkdev_get(const char *name)
{
	struct list_head *pos;

	if (!strncmp(name, "/dev/", 5))
		name += 5;
	list_for_each(pos, &all_block_devices) {
		struct block_device *b =
			list_entry(pos, struct block_device, list);

		if (!strcmp(b->name, name))
			return b;
	}
	return NULL;
}

/* Whole pages on the disk: 64 bits, as a disk of 16 TiB or more has
 * 2^32 pages or more (a long would wrap). */
sector_t blkdev_pages(const struct block_device *bdev)
{
	return bdev->nr_sectors >> (PAGE_SHIFT - SECTOR_SHIFT);
}

static uint64_t request_bytes(const struct blk_request *req)
{
	uint64_t bytes = 0;
	unsigned int i;

	for (i = 0; i < req->nr_segs; i++)
		bytes += req->segs[i].len;
	return bytes;
}

/*
 * What is wrong with a request, as an errno, before any device sees
 * it; 0 if nothing.  Linux 2.4 prints "attempt to access beyond end of
 * device" in generic_make_request; so do we, with the numbers.
 */
static int check_request(const struct blk_request *req)
{
	const struct block_device *bdev = req->bdev;
	uint64_t bytes = request_bytes(req);
	sector_t nr = bytes >> SECTOR_SHIFT;
	unsigned int bs_sectors = bdev->block_size >> SECTOR_SHIFT;

	if (req->op == BLK_FLUSH || req->op == BLK_GET_ID)
		return req->op == BLK_GET_ID && bytes < BLK_ID_BYTES ?
		       -EINVAL : 0;
	if (req->op != READ && req->op != WRITE)
		return -EINVAL;
	if (!req->nr_segs || req->nr_segs > bdev->max_segs)
		return -EINVAL;
	if (bytes % bdev->block_size || req->sector % bs_sectors)
		return -EINVAL;
	if (req->op == WRITE && bdev->readonly)
		return -EROFS;
	if (req->sector > bdev->nr_sectors ||
	    nr > bdev->nr_sectors - req->sector) {
		printk(KERN_ERR "attempt to access beyond end of device\n"
		       "%s: rw=%d, want=%llu, limit=%llu\n", bdev->name,
		       req->op, (unsigned long long)(req->sector + nr),
		       (unsigned long long)bdev->nr_sectors);
		return -EIO;
	}
	return 0;
}

/*
 * Hands a request to its disk (2.4: submit_bh).  req->end_io is
 * called exactly once: at once if the request is refused, else when
 * the device has finished.  May wait while the device is full.
 */
void submit_request(struct blk_request *req)
{
	struct block_device *bdev = req->bdev;
	int error = check_request(req);
	uint32_t flags;

	if (error) {
		req->end_io(req, error);
		return;
	}
	flags = local_irq_save();
	bdev->nr_requests++;
	bdev->nr_reads += req->op == READ;
	bdev->in_flight++;
	local_irq_restore(flags);
	bdev->ops->submit(bdev, req);
}

/* Tasks waiting in blk_idle() for some request to finish. */
static DECLARE_WAIT_QUEUE_HEAD(blk_wait);

/* Drivers call this when the device has finished a request. */
void blk_end_request(struct blk_request *req, int error)
{
	req->bdev->in_flight--;
	req->end_io(req, error);
	wake_up(&blk_wait);
}

/*
 * Lets time pass until the device may have finished something.
 * Called and returning with interrupts off; flags are the caller's
 * saved ones.  If the caller had interrupts on, a task sleeps until a
 * completion wakes it (other tasks run meanwhile; with interrupts off
 * until it sleeps, the completion cannot come before: rule 4 in
 * kernel/sched.h), and the idle task halts until the next interrupt;
 * otherwise, or when polling, ask the driver to look at the device.
 */
void blk_idle(struct block_device *bdev, uint32_t flags)
{
	if (!(flags & X86_EFLAGS_IF) || blk_polling || panic_in_progress()) {
		bdev->ops->poll(bdev);
		return;
	}
	if (current == &init_task) {
		safe_halt();
		cli();
		return;
	}
	sleep_on(&blk_wait);
}

/* 2.4.x's struct completion, reduced to what one waiter needs. */
struct completion {
	volatile bool done;
	int error;
};

static void complete(struct blk_request *req, int error)
{
	struct completion *c = req->private;

	c->error = error;
	c->done = true;
}

/* Submits and waits for the result (0 or a negative errno). */
int submit_request_wait(struct blk_request *req)
{
	struct completion c = { false, 0 };
	uint32_t flags;

	req->end_io = complete;
	req->private = &c;
	submit_request(req);
	flags = local_irq_save();
	while (!c.done)
		blk_idle(req->bdev, flags);
	local_irq_restore(flags);
	return c.error;
}

/*
 * Reads or writes len bytes at buf, a kernel address in the direct
 * map (so physically contiguous), from or to sector.
 */
int blk_rw_sync(struct block_device *bdev, int op, sector_t sector,
		void *buf, size_t len)
{
	struct blk_request req = { .bdev = bdev, .op = op, .sector = sector };

	if (len)
		blk_add_seg(&req, __pa(buf), len);
	return submit_request_wait(&req);
}
