/*
 * The block layer: disks, and requests to read or write them.
 *
 * A request names a disk, an operation, a starting sector (512 bytes)
 * and up to BLK_MAX_SEGS pieces of physical memory.  submit_request()
 * checks it and hands it to the disk's driver; when the disk is done
 * (or the request was refused) req->end_io(req, error) is called,
 * exactly once, usually from the disk's interrupt handler: error is 0
 * or a negative errno.  blk_rw_sync() wraps this for callers that
 * wait for the result.
 *
 * A disk may stop answering (a dead disk, a lost interrupt): the
 * watchdog (drivers/blk_timeout.c) says so of a request unanswered
 * for blk_timeout seconds, and blk_rw_sync() then gives up on it
 * (-ETIMEDOUT).
 *
 * Requests are checked before a driver sees them (Linux 2.4:
 * generic_make_request): past the end of the disk -> -EIO, a write to
 * a read-only disk -> -EROFS, a length or start that is not a whole
 * number of the disk's blocks -> -EINVAL.  Such a request never
 * reaches the device, which bdev->nr_requests lets tests check.
 */
#ifndef DRIVERS_BLKDEV_H
#define DRIVERS_BLKDEV_H

#include "lib/compiler.h"
#include "lib/list.h"
#include "mm/mm.h"

typedef uint64_t sector_t;

#define SECTOR_SHIFT	9
#define SECTOR_SIZE	(1 << SECTOR_SHIFT)

/* Request operations (2.4 used READ and WRITE; we add the rest). */
#define READ		0
#define WRITE		1
#define BLK_FLUSH	2	/* make earlier writes durable; no data */
#define BLK_GET_ID	3	/* read the device's serial string */

/*
 * Segments a request may have (a driver may take fewer: max_segs).
 * 64 pages, 256 KiB: a swap-out of consecutive slots goes in requests
 * of that size.  virtio-blk takes up to seg_max (QEMU: the queue size
 * less 2, 254 for its 256 descriptors) in one chain of descriptors.
 * Linux 2.4's block layer merged requests up to 255 sectors
 * (MAX_SECTORS); Linux 2.6's virtio_blk takes seg_max as it is.
 */
#define BLK_MAX_SEGS	64
#define BLK_ID_BYTES	20	/* serial numbers have at most 20 bytes */

struct blk_seg {
	unsigned long phys;		/* physical address */
	unsigned int len;		/* bytes */
};

struct blk_request {
	struct block_device *bdev;
	int op;			/* READ, WRITE, BLK_FLUSH, BLK_GET_ID */
	sector_t sector;
	unsigned int nr_segs;
	struct blk_seg segs[BLK_MAX_SEGS];
	void (*end_io)(struct blk_request *req, int error);
	void *private;			/* for the submitter */
	/* the block layer's, while the device has it: */
	struct list_head queue;		/* in bdev->requests */
	unsigned long start;		/* jiffies when submitted */
	bool late;			/* the watchdog found it late */
};

struct block_device;

struct block_device_operations {
	/* Queues a checked request; may wait for room, never fails. */
	void (*submit)(struct block_device *bdev, struct blk_request *req);
	/* Completes what the device has finished, without interrupts. */
	void (*poll)(struct block_device *bdev);
};

struct block_device {
	char name[8];			/* vda, vdb, ... */
	char serial[BLK_ID_BYTES + 1];
	int major, minor;
	sector_t nr_sectors;		/* capacity in 512-byte sectors */
	unsigned int block_size;	/* logical block size in bytes */
	unsigned int max_segs;		/* segments per request */
	bool readonly;
	const struct block_device_operations *ops;
	void *private;			/* the driver's */
	unsigned long nr_requests;	/* requests given to the device */
	unsigned long nr_reads;		/* of which READs (diskstats) */
	unsigned long in_flight;	/* of which not yet completed */
	struct list_head requests;	/* those, oldest first */
	unsigned long late;		/* of which unanswered for
					   blk_timeout s (the watchdog's) */
	bool late_said;			/* said so, and no answer since */
	bool late_news;			/* said so, and no late answer since */
	struct list_head list;		/* in all_block_devices */
};

extern struct list_head all_block_devices;
extern bool blk_polling;

void register_blkdev(struct block_device *bdev);
struct block_device *blkdev_get(const char *name);
sector_t blkdev_pages(const struct block_device *bdev);

void submit_request(struct blk_request *req);
void blk_end_request(struct blk_request *req, int error);
int blk_rw_sync(struct block_device *bdev, int op, sector_t sector,
		void *buf, size_t len);

/*
 * Appends a piece of memory; false if the request is full.  Inline
 * with blk_add_page(): swap I/O adds each page it reads or writes.
 */
static inline bool blk_add_seg(struct blk_request *req, unsigned long phys,
			       unsigned int len)
{
	if (req->nr_segs == BLK_MAX_SEGS)
		return false;
	req->segs[req->nr_segs].phys = phys;
	req->segs[req->nr_segs].len = len;
	req->nr_segs++;
	return true;
}

/* Appends len bytes of page from offset (any zone: no mapping needed). */
static inline bool blk_add_page(struct blk_request *req, struct page *page,
				unsigned int len, unsigned int offset)
{
	return blk_add_seg(req, (page_to_pfn(page) << PAGE_SHIFT) + offset,
			   len);
}

void blk_idle(struct block_device *bdev, uint32_t flags);
void blk_mark_late(struct block_device *bdev, unsigned long age);
void blk_timeout_init(void);		/* drivers/blk_timeout.c */

/* drivers/blkdev_bench.c: the swap disk's raw rate, for other benches. */
unsigned long swapdisk_seq_write_rate(unsigned int per_req);

#endif
