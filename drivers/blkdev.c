/*
 * The block layer (Linux 2.4: drivers/block/ll_rw_blk.c, much
 * smaller): the list of disks, the checks every request passes before
 * a driver sees it, and waiting for requests to finish.
 */
#include "drivers/blkdev.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/params.h"
#include "kernel/time.h"
#include "kernel/x86.h"
#include "lib/ratelimit.h"
#include "mm/mm.h"
#include "mm/slab.h"

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
	INIT_LIST_HEAD(&bdev->requests);
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
 * Linux 2.4 prints "attempt to access beyond end of device" in
 * generic_make_request; so do we, with the numbers, but at most ten
 * times in five seconds (Linux 2.6's printk_ratelimit(), as swap's
 * errors): a disk resized smaller under a swap area has every write
 * past its new end refused here.
 */
static void beyond_end(const struct blk_request *req, sector_t nr)
{
	static struct ratelimit_state rs = RATELIMIT_STATE_INIT(5 * HZ, 10);
	int missed = ratelimit(&rs, jiffies);
	char held[40] = "";

	if (missed < 0)
		return;
	if (missed)
		snprintf(held, sizeof(held), " (%d messages suppressed)",
			 missed);
	printk(KERN_ERR "attempt to access beyond end of device\n"
	       "%s: rw=%d, want=%llu, limit=%llu%s\n", req->bdev->name,
	       req->op, (unsigned long long)(req->sector + nr),
	       (unsigned long long)req->bdev->nr_sectors, held);
}

/* What is wrong with a request, as an errno, before any device sees
 * it; 0 if nothing. */
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
		beyond_end(req, nr);
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
	req->start = jiffies;
	req->late = false;
	list_add_tail(&req->queue, &bdev->requests);
	local_irq_restore(flags);
	bdev->ops->submit(bdev, req);
}

/* Tasks waiting in blk_idle() for some request to finish. */
static DECLARE_WAIT_QUEUE_HEAD(blk_wait);

static const char *const op_names[] = {
	[READ] = "read", [WRITE] = "write", [BLK_FLUSH] = "flush",
	[BLK_GET_ID] = "serial number read",
};

/* Drivers call this when the device has finished a request. */
void blk_end_request(struct blk_request *req, int error)
{
	struct block_device *bdev = req->bdev;

	bdev->in_flight--;
	list_del(&req->queue);
	bdev->late_said = false;	/* it answers: the next stall is news */
	if (req->late) {
		bdev->late--;
		if (bdev->late_news)
			printk(KERN_NOTICE "%s: answered again: a %s late by "
			       "%lu s\n", bdev->name, op_names[req->op],
			       (jiffies - req->start) / HZ);
		bdev->late_news = false;
	}
	req->end_io(req, error);
	wake_up(&blk_wait);
}

/*
 * The watchdog's verdict (interrupts off): the requests in flight for
 * `age` ticks or more are late.  They stay the device's, which may
 * still read or write their memory, so they are not failed: what
 * waits for them waits on, as 2.4.0 waits for a page under I/O, but
 * no longer unsaid.  Synchronous waits for them give up (blk_rw_sync's
 * -ETIMEDOUT), so swapon of a dead disk, at boot or at the shell,
 * ends.  Said once until the disk answers something again, and the
 * first late request answered is said too.
 */
void blk_mark_late(struct block_device *bdev, unsigned long age)
{
	struct blk_request *first = NULL;
	struct list_head *pos;

	list_for_each(pos, &bdev->requests) {
		struct blk_request *req =
			list_entry(pos, struct blk_request, queue);

		if (jiffies - req->start < age)
			break;
		if (!req->late) {
			req->late = true;
			bdev->late++;
			first = first ? first : req;
		}
	}
	if (!first)
		return;
	if (!bdev->late_said)
		printk(KERN_ERR "%s: %lu request%s unanswered for %lu s or "
		       "more (the oldest new one, a %s at sector %llu, for "
		       "%lu s): still waiting; a dead disk?\n", bdev->name,
		       bdev->late, bdev->late == 1 ? "" : "s", age / HZ,
		       op_names[first->op], (unsigned long long)first->sector,
		       (jiffies - first->start) / HZ);
	bdev->late_said = bdev->late_news = true;
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

/*
 * A request someone waits for (2.4.x's struct completion, reduced to
 * one waiter), in memory of its own, data too: a waiter that gives
 * up leaves it all to the disk, which may still read or write the
 * data, and the completion, if it ever comes, frees it.
 */
struct sync_request {
	struct blk_request req;
	volatile bool done;
	bool abandoned;
	int error;
	void *data;
	unsigned int order;
};

static void free_sync_request(struct sync_request *s)
{
	if (s->data)
		free_pages((unsigned long)s->data, s->order);
	kfree(s);
}

static void complete(struct blk_request *req, int error)
{
	struct sync_request *s = req->private;

	if (s->abandoned) {
		free_sync_request(s);
		return;
	}
	s->error = error;
	s->done = true;
}

/*
 * Reads or writes len bytes at buf (kernel memory) from or to sector,
 * through pages of the request's own, and waits: 0 or a negative
 * errno.  -ETIMEDOUT if the disk left it unanswered (the watchdog
 * found it late): the request and its pages are then left to the
 * disk, as Linux leaves a request it could not abort, and buf is the
 * caller's again.
 */
int blk_rw_sync(struct block_device *bdev, int op, sector_t sector,
		void *buf, size_t len)
{
	struct sync_request *s = kmalloc(sizeof(*s), GFP_KERNEL);
	uint32_t flags;
	int error;

	if (!s)
		return -ENOMEM;
	*s = (struct sync_request){ .req = { .bdev = bdev, .op = op,
					     .sector = sector,
					     .end_io = complete,
					     .private = s },
				    .order = get_order(len) };
	if (len) {
		s->data = (void *)__get_free_pages(GFP_KERNEL, s->order);
		if (!s->data) {
			kfree(s);
			return -ENOMEM;
		}
		if (op == WRITE)
			memcpy(s->data, buf, len);
		blk_add_seg(&s->req, __pa(s->data), len);
	}
	submit_request(&s->req);
	flags = local_irq_save();
	while (!s->done && !s->req.late)
		blk_idle(bdev, flags);
	error = s->done ? s->error : -ETIMEDOUT;
	s->abandoned = !s->done;	/* then s is complete()'s to free */
	local_irq_restore(flags);
	if (error == -ETIMEDOUT)
		return error;
	if (!error && op != WRITE && len)
		memcpy(buf, s->data, len);
	free_sync_request(s);
	return error;
}
