/* See ramdisk.h. */
#include "tests/host/ramdisk.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/mm.h"

#define RAMDISK_QUEUE	64
#define SECTORS_PER_PAGE (PAGE_SIZE >> SECTOR_SHIFT)

struct ramdisk {
	struct block_device bdev;
	unsigned char *data;
	struct blk_request *queue[RAMDISK_QUEUE];
	unsigned int queued;
	int fail_op;			/* -1: none */
	unsigned long fail_slot;
};

static struct ramdisk *to_ramdisk(struct block_device *bdev)
{
	return container_of(bdev, struct ramdisk, bdev);
}

/* The device takes the request; it finishes when time passes. */
static void ramdisk_submit(struct block_device *bdev, struct blk_request *req)
{
	struct ramdisk *rd = to_ramdisk(bdev);

	if (rd->queued == RAMDISK_QUEUE)	/* full: make room first */
		bdev->ops->poll(bdev);
	rd->queue[rd->queued++] = req;
}

static bool hits_failure(const struct ramdisk *rd,
			 const struct blk_request *req)
{
	sector_t first = (sector_t)rd->fail_slot * SECTORS_PER_PAGE;
	sector_t end = req->sector;

	for (unsigned int i = 0; i < req->nr_segs; i++)
		end += req->segs[i].len >> SECTOR_SHIFT;
	return req->op == rd->fail_op && req->sector < first + SECTORS_PER_PAGE
	       && first < end;
}

/* Copies between the request's memory and the disk. */
static void transfer(struct ramdisk *rd, const struct blk_request *req)
{
	unsigned char *disk = rd->data + (req->sector << SECTOR_SHIFT);

	for (unsigned int i = 0; i < req->nr_segs; i++) {
		void *mem = __va(req->segs[i].phys);

		if (req->op == WRITE)
			memcpy(disk, mem, req->segs[i].len);
		else
			memcpy(mem, disk, req->segs[i].len);
		disk += req->segs[i].len;
	}
}

static void ramdisk_poll(struct block_device *bdev)
{
	struct ramdisk *rd = to_ramdisk(bdev);

	while (rd->queued) {
		struct blk_request *req = rd->queue[0];
		int error = hits_failure(rd, req) ? -EIO : 0;

		memmove(rd->queue, rd->queue + 1,
			--rd->queued * sizeof(rd->queue[0]));
		if (!error)
			transfer(rd, req);
		blk_end_request(req, error);
	}
}

static const struct block_device_operations ramdisk_ops = {
	.submit = ramdisk_submit,
	.poll = ramdisk_poll,
};

struct block_device *ramdisk_create(const char *name, unsigned long pages)
{
	struct ramdisk *rd = calloc(1, sizeof(*rd));

	if (!rd)
		return NULL;
	rd->data = calloc(pages, PAGE_SIZE);
	if (!rd->data) {
		free(rd);
		return NULL;
	}
	strlcpy(rd->bdev.name, name, sizeof(rd->bdev.name));
	rd->bdev.nr_sectors = (sector_t)pages * SECTORS_PER_PAGE;
	rd->bdev.block_size = SECTOR_SIZE;
	rd->bdev.max_segs = BLK_MAX_SEGS;
	rd->bdev.ops = &ramdisk_ops;
	rd->fail_op = -1;
	register_blkdev(&rd->bdev);
	return &rd->bdev;
}

void ramdisk_destroy(struct block_device *bdev)
{
	struct ramdisk *rd = to_ramdisk(bdev);

	list_del(&bdev->list);
	free(rd->data);
	free(rd);
}

void ramdisk_fail_page(struct block_device *bdev, int op, unsigned long slot)
{
	to_ramdisk(bdev)->fail_op = op;
	to_ramdisk(bdev)->fail_slot = slot;
}

void ramdisk_heal(struct block_device *bdev)
{
	to_ramdisk(bdev)->fail_op = -1;
}

void *ramdisk_page(struct block_device *bdev, unsigned long slot)
{
	return to_ramdisk(bdev)->data + slot * PAGE_SIZE;
}

unsigned int ramdisk_queued(struct block_device *bdev)
{
	return to_ramdisk(bdev)->queued;
}

unsigned int ramdisk_run(void)
{
	unsigned int done = 0;
	struct list_head *pos;

	list_for_each(pos, &all_block_devices) {
		struct block_device *bdev =
			list_entry(pos, struct block_device, list);

		done += ramdisk_queued(bdev);
		bdev->ops->poll(bdev);
	}
	return done;
}
