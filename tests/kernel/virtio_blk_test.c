/*
 * The virtio-blk driver and the block layer against real QEMU disks
 * (tests/suites.py): vda is a fresh 16 MiB image, vdb a read-only
 * disk, vdc a disk with 4096-byte logical blocks, vdd a slow disk,
 * vde a disk where QEMU's blkdebug fails writes touching sector 2048
 * and reads touching sector 4096 with EIO.
 */
#include "drivers/blkdev.h"
#include "drivers/pci.h"
#include "drivers/virtio_blk.h"
#include "kernel/irq.h"
#include "kernel/x86.h"
#include "lib/errno.h"
#include "lib/ktest.h"
#include "lib/string.h"
#include "mm/mm.h"
#include "mm/slab.h"
#include "mm/swap.h"

#define NR_REGIONS	48

/* Many requests in flight, counted as they come back. */
struct batch {
	int submitted, done, errors, first_error;
	unsigned long max_in_flight;
};

static void batch_end_io(struct blk_request *req, int error)
{
	struct batch *b = req->private;

	b->done++;
	if (error && !b->errors++)
		b->first_error = error;
}

static void batch_submit(struct batch *b, struct blk_request *req)
{
	req->end_io = batch_end_io;
	req->private = b;
	b->submitted++;
	submit_request(req);
	if (req->bdev->in_flight > b->max_in_flight)
		b->max_in_flight = req->bdev->in_flight;
}

static void batch_wait(struct batch *b, struct block_device *bdev)
{
	uint32_t flags = local_irq_save();

	while (b->done < b->submitted)
		blk_idle(bdev, flags);
	local_irq_restore(flags);
}

/*
 * Most cases write raw sectors.  Booted with the disks of
 * tests/suites.py none is a swap area; from the shell of a running
 * system ("test virtio_blk") one may hold swapped-out pages, and then
 * those cases skip rather than destroy them.
 */
static bool raw_writes_allowed(struct ktest *t)
{
	struct list_head *pos;

	list_for_each(pos, &all_block_devices) {
		if (swap_info_of(list_entry(pos, struct block_device, list))) {
			ktest_skip(t, "a disk is a swap area: no raw writes");
			return false;
		}
	}
	return true;
}

static struct block_device *disk(struct ktest *t, const char *name)
{
	struct block_device *b = blkdev_get(name);

	if (!b)
		ktest_fail(t, __FILE__, __LINE__, "no disk %s", name);
	return b;
}

/* A word of test data: where it belongs and which round wrote it. */
static uint32_t pattern(sector_t sector, unsigned int word, uint32_t gen)
{
	return (uint32_t)sector * 0x9e3779b1u ^ word * 0x85ebca6bu ^ gen;
}

static void fill(void *buf, sector_t sector, unsigned int sectors,
		 uint32_t gen)
{
	uint32_t *w = buf;
	unsigned int i, per = SECTOR_SIZE / 4;

	for (i = 0; i < sectors * per; i++)
		w[i] = pattern(sector + i / per, i % per, gen);
}

/* The first word that differs from the pattern, or -1. */
static long check(const void *buf, sector_t sector, unsigned int sectors,
		  uint32_t gen)
{
	const uint32_t *w = buf;
	unsigned int i, per = SECTOR_SIZE / 4;

	for (i = 0; i < sectors * per; i++)
		if (w[i] != pattern(sector + i / per, i % per, gen))
			return i;
	return -1;
}

static bool all_zero(const char *p, size_t n)
{
	while (n--)
		if (*p++)
			return false;
	return true;
}

/* A request for len bytes at buf, cut into nsegs pieces. */
static void setup_request(struct blk_request *req, struct block_device *b,
			  int op, sector_t sector, void *buf,
			  unsigned int sectors, unsigned int nsegs)
{
	unsigned int i, per = sectors / nsegs;

	memset(req, 0, sizeof(*req));
	req->bdev = b;
	req->op = op;
	req->sector = sector;
	for (i = 0; i < nsegs; i++) {
		unsigned int n = i + 1 < nsegs ? per : sectors - per * i;

		blk_add_seg(req, __pa((char *)buf + i * per * SECTOR_SIZE),
			    n * SECTOR_SIZE);
	}
}

static void disks_named_in_pci_order(struct ktest *t)
{
	struct block_device *a = disk(t, "vda"), *b = disk(t, "vdb");
	struct block_device *c = disk(t, "vdc");

	KTEST_ASSERT_TRUE(t, a && b && c);
	KTEST_EXPECT_NOT_NULL(t, blkdev_get("vdd"));
	KTEST_EXPECT_NOT_NULL(t, blkdev_get("vde"));
	KTEST_EXPECT_NULL(t, blkdev_get("vdf"));
	KTEST_EXPECT_EQ(t, a->nr_sectors, (16 << 20) / SECTOR_SIZE);
	KTEST_EXPECT_EQ(t, b->nr_sectors, (1 << 20) / SECTOR_SIZE);
	KTEST_EXPECT_STREQ(t, a->serial, "SWAP0");
	KTEST_EXPECT_STREQ(t, c->serial, "SWAP2");
	KTEST_EXPECT_EQ(t, a->major, 254);
	KTEST_EXPECT_EQ(t, b->minor, 16);
	KTEST_EXPECT_FALSE(t, a->readonly);
	KTEST_EXPECT_TRUE(t, b->readonly);
	KTEST_EXPECT_EQ(t, a->block_size, 512);
	KTEST_EXPECT_EQ(t, c->block_size, 4096);
	/* QEMU's seg_max with a 256-entry queue is 254. */
	KTEST_EXPECT_EQ(t, a->max_segs, BLK_MAX_SEGS);
	/* The list is in PCI order, and so are the names. */
	KTEST_EXPECT_PTR_EQ(t, all_block_devices.next, &a->list);
	KTEST_EXPECT_PTR_EQ(t, a->list.next, &b->list);
}

/*
 * NR_REGIONS regions of 1 to 64 sectors, 1 to 4 segments each, spread
 * over the disk up to its very end, all written at once, then all
 * read back at once.  The gaps between regions must stay zero: a
 * request that lands on the wrong sector is caught.
 */
static void patterns_at_many_offsets(struct ktest *t)
{
	static const unsigned int sizes[] = { 1, 8, 3, 16, 64, 2, 24, 7 };
	struct block_device *b = disk(t, "vda");
	struct blk_request *reqs;
	void *wbuf[NR_REGIONS], *rbuf[NR_REGIONS];
	sector_t where[NR_REGIONS], gap = 0;
	unsigned int len[NR_REGIONS], i;
	struct batch w = { 0 }, r = { 0 };
	unsigned long before;
	uint32_t flags;
	char *zero;

	if (!raw_writes_allowed(t))
		return;
	KTEST_ASSERT_NOT_NULL(t, b);
	reqs = kmalloc(2 * NR_REGIONS * sizeof(*reqs), GFP_KERNEL);
	zero = kmalloc(SECTOR_SIZE, GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, reqs && zero);
	for (i = 0; i < NR_REGIONS; i++) {
		len[i] = sizes[i % ARRAY_SIZE(sizes)];
		/* Spread out, with a gap after each; the last one ends
		 * on the disk's last sector. */
		where[i] = i * (b->nr_sectors / NR_REGIONS) + i % 5;
		if (i == NR_REGIONS - 1)
			where[i] = b->nr_sectors - len[i];
		wbuf[i] = (void *)__get_free_pages(GFP_KERNEL,
			get_order(len[i] * SECTOR_SIZE));
		rbuf[i] = (void *)__get_free_pages(GFP_KERNEL,
			get_order(len[i] * SECTOR_SIZE));
		KTEST_ASSERT_TRUE(t, wbuf[i] && rbuf[i]);
		fill(wbuf[i], where[i], len[i], 1);
		memset(rbuf[i], 0xa5, len[i] * SECTOR_SIZE);
	}
	before = b->nr_requests;
	/* Interrupts off while submitting: nothing is reaped meanwhile,
	 * so all the writes are in flight together. */
	flags = local_irq_save();
	for (i = 0; i < NR_REGIONS; i++) {
		setup_request(&reqs[i], b, WRITE, where[i], wbuf[i], len[i],
			      min(len[i], i % 4 + 1));
		batch_submit(&w, &reqs[i]);
	}
	local_irq_restore(flags);
	batch_wait(&w, b);
	for (i = 0; i < NR_REGIONS; i++) {
		setup_request(&reqs[NR_REGIONS + i], b, READ, where[i],
			      rbuf[i], len[i], min(len[i], 4 - i % 4));
		batch_submit(&r, &reqs[NR_REGIONS + i]);
	}
	batch_wait(&r, b);
	KTEST_EXPECT_EQ(t, w.errors + r.errors, 0);
	KTEST_EXPECT_EQ(t, b->nr_requests - before, 2 * NR_REGIONS);
	KTEST_EXPECT_EQ(t, w.max_in_flight, NR_REGIONS);
	for (i = 0; i < NR_REGIONS; i++) {
		long bad = check(rbuf[i], where[i], len[i], 1);

		if (bad >= 0)
			ktest_fail(t, __FILE__, __LINE__, "region %u (sector "
				   "%llu, %u sectors): word %ld differs", i,
				   (unsigned long long)where[i], len[i], bad);
		/* The sector after a region (or before the last). */
		gap = i + 1 < NR_REGIONS ? where[i] + len[i] : where[i] - 1;
		KTEST_EXPECT_EQ(t, blk_rw_sync(b, READ, gap, zero,
					       SECTOR_SIZE), 0);
		if (!all_zero(zero, SECTOR_SIZE))
			ktest_fail(t, __FILE__, __LINE__, "sector %llu next "
				   "to region %u was written",
				   (unsigned long long)gap, i);
	}
	for (i = 0; i < NR_REGIONS; i++) {
		free_pages((unsigned long)wbuf[i],
			   get_order(len[i] * SECTOR_SIZE));
		free_pages((unsigned long)rbuf[i],
			   get_order(len[i] * SECTOR_SIZE));
	}
	kfree(zero);
	kfree(reqs);
}

/*
 * Writes N single-page requests (three descriptors each, so far more
 * than the 256-descriptor ring holds) of one page to sectors 0, 16,
 * 32, ... of disk name (with gaps, so QEMU cannot merge them), with
 * interrupts as irqs_on says, then reads each back.  Returns the most
 * requests that were in flight at once.
 */
static unsigned long fill_the_ring(struct ktest *t, const char *name,
				   bool irqs_on)
{
	enum { N = 200 };
	struct block_device *b = disk(t, name);
	struct blk_request *reqs = kmalloc(N * sizeof(*reqs), GFP_KERNEL);
	char *page = (char *)__get_free_pages(GFP_KERNEL, 0);
	struct batch w = { 0 }, r;
	uint32_t flags;
	int i;

	if (!b || !reqs || !page) {
		ktest_fail(t, __FILE__, __LINE__, "no disk or no memory");
		return 0;
	}
	fill(page, 0, 8, 7);
	flags = local_irq_save();
	if (irqs_on)
		sti();
	for (i = 0; i < N; i++) {
		setup_request(&reqs[i], b, WRITE, 16 * i, page, 8, 1);
		batch_submit(&w, &reqs[i]);
	}
	local_irq_restore(flags);
	batch_wait(&w, b);
	KTEST_EXPECT_EQ(t, w.done, N);
	KTEST_EXPECT_EQ(t, w.errors, 0);
	for (i = 0; i < N; i++) {
		setup_request(&reqs[i], b, READ, 16 * i, page, 8, 1);
		memset(page, 0, PAGE_SIZE);
		r = (struct batch){ 0 };
		batch_submit(&r, &reqs[i]);
		batch_wait(&r, b);
		if (r.errors || check(page, 0, 8, 7) >= 0) {
			ktest_fail(t, __FILE__, __LINE__, "page %d of %s did "
				   "not read back", i, name);
			break;
		}
	}
	free_pages((unsigned long)page, 0);
	kfree(reqs);
	return w.max_in_flight;
}

/*
 * With interrupts off nothing completes behind the submitter's back:
 * the ring fills (256 / 3 = 85 requests) and the submitter must wait
 * for room, here by polling the device.
 */
static void full_ring_submitter_polls(struct ktest *t)
{
	if (!raw_writes_allowed(t))
		return;
	KTEST_EXPECT_EQ(t, fill_the_ring(t, "vda", false), 85);
}

/*
 * vdd is slow (QEMU throttles it): with interrupts on the ring fills
 * too, and the submitter halts until completion interrupts free room.
 */
static void full_ring_submitter_sleeps(struct ktest *t)
{
	struct block_device *b = disk(t, "vdd");
	unsigned long irqs = b ? virtblk_interrupts(b) : 0;

	if (!raw_writes_allowed(t))
		return;
	KTEST_ASSERT_NOT_NULL(t, b);
	KTEST_EXPECT_EQ(t, fill_the_ring(t, "vdd", true), 85);
	KTEST_EXPECT_GT(t, virtblk_interrupts(b), irqs);
}

/* Reading or writing past the end never reaches the device. */
static void last_sector_works_one_past_fails(struct ktest *t)
{
	struct block_device *b = disk(t, "vda");
	unsigned long before;
	char *buf;

	if (!raw_writes_allowed(t))
		return;
	buf = kmalloc(2 * SECTOR_SIZE, GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, b && buf);
	fill(buf, b->nr_sectors - 1, 1, 3);
	KTEST_EXPECT_EQ(t, blk_rw_sync(b, WRITE, b->nr_sectors - 1, buf,
				       SECTOR_SIZE), 0);
	memset(buf, 0, SECTOR_SIZE);
	KTEST_EXPECT_EQ(t, blk_rw_sync(b, READ, b->nr_sectors - 1, buf,
				       SECTOR_SIZE), 0);
	KTEST_EXPECT_EQ(t, check(buf, b->nr_sectors - 1, 1, 3), -1);
	before = b->nr_requests;
	KTEST_EXPECT_EQ(t, blk_rw_sync(b, READ, b->nr_sectors, buf,
				       SECTOR_SIZE), -EIO);
	KTEST_EXPECT_EQ(t, blk_rw_sync(b, WRITE, b->nr_sectors, buf,
				       SECTOR_SIZE), -EIO);
	/* Straddling the end, and far beyond (no wrap-around). */
	KTEST_EXPECT_EQ(t, blk_rw_sync(b, READ, b->nr_sectors - 1, buf,
				       2 * SECTOR_SIZE), -EIO);
	KTEST_EXPECT_EQ(t, blk_rw_sync(b, READ, ~(sector_t)0, buf,
				       SECTOR_SIZE), -EIO);
	KTEST_EXPECT_EQ(t, b->nr_requests, before);
	KTEST_EXPECT_EQ(t, b->in_flight, 0);
	kfree(buf);
}

static void read_only_disk_refuses_writes(struct ktest *t)
{
	struct block_device *b = disk(t, "vdb");
	unsigned long before;
	char *buf;

	if (!raw_writes_allowed(t))
		return;
	buf = kmalloc(SECTOR_SIZE, GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, b && buf);
	before = b->nr_requests;
	KTEST_EXPECT_EQ(t, blk_rw_sync(b, WRITE, 0, buf, SECTOR_SIZE),
			-EROFS);
	KTEST_EXPECT_EQ(t, b->nr_requests, before);
	KTEST_EXPECT_EQ(t, blk_rw_sync(b, READ, 0, buf, SECTOR_SIZE), 0);
	KTEST_EXPECT_EQ(t, b->nr_requests, before + 1);
	kfree(buf);
}

static void malformed_requests_refused(struct ktest *t)
{
	struct block_device *a = disk(t, "vda"), *c = disk(t, "vdc");
	struct blk_request req;
	unsigned long before_a, before_c;
	unsigned int i;
	char *buf;

	if (!raw_writes_allowed(t))
		return;
	buf = kmalloc(4096, GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, a && c && buf);
	before_a = a->nr_requests;
	before_c = c->nr_requests;
	KTEST_EXPECT_EQ(t, blk_rw_sync(a, READ, 0, buf, 100), -EINVAL);
	KTEST_EXPECT_EQ(t, blk_rw_sync(a, READ, 0, buf, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, blk_rw_sync(a, 9, 0, buf, SECTOR_SIZE), -EINVAL);
	memset(&req, 0, sizeof(req));
	req.bdev = a;
	req.op = READ;
	for (i = 0; i < BLK_MAX_SEGS; i++)
		KTEST_EXPECT_TRUE(t, blk_add_seg(&req, __pa(buf), SECTOR_SIZE));
	KTEST_EXPECT_FALSE(t, blk_add_seg(&req, __pa(buf), SECTOR_SIZE));
	/* 4096-byte blocks: 512 bytes, or a start inside a block, fail. */
	KTEST_EXPECT_EQ(t, blk_rw_sync(c, READ, 0, buf, SECTOR_SIZE),
			-EINVAL);
	KTEST_EXPECT_EQ(t, blk_rw_sync(c, READ, 1, buf, 4096), -EINVAL);
	KTEST_EXPECT_EQ(t, a->nr_requests, before_a);
	KTEST_EXPECT_EQ(t, c->nr_requests, before_c);
	KTEST_EXPECT_EQ(t, blk_rw_sync(c, READ, 8, buf, 4096), 0);
	kfree(buf);
}

static void flush_and_serial(struct ktest *t)
{
	struct block_device *b = disk(t, "vda");
	char *id;

	if (!raw_writes_allowed(t))
		return;
	id = kmalloc(BLK_ID_BYTES, GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, b && id);
	KTEST_EXPECT_EQ(t, blk_rw_sync(b, BLK_FLUSH, 0, NULL, 0), 0);
	memset(id, 0, BLK_ID_BYTES);
	KTEST_EXPECT_EQ(t, blk_rw_sync(b, BLK_GET_ID, 0, id, BLK_ID_BYTES),
			0);
	KTEST_EXPECT_EQ(t, memcmp(id, "SWAP0", 6), 0);
	kfree(id);
}

static void device_status_to_errno(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, virtblk_result(VIRTIO_BLK_S_OK), 0);
	KTEST_EXPECT_EQ(t, virtblk_result(VIRTIO_BLK_S_IOERR), -EIO);
	KTEST_EXPECT_EQ(t, virtblk_result(VIRTIO_BLK_S_UNSUPP), -EOPNOTSUPP);
	KTEST_EXPECT_EQ(t, virtblk_result(0xff), -EIO);
}

/* I/O round trip of one page at sector; 0 if it read back. */
static int round_trip(struct block_device *b, sector_t sector, char *page,
		      uint32_t gen)
{
	int err;

	fill(page, sector, 8, gen);
	err = blk_rw_sync(b, WRITE, sector, page, PAGE_SIZE);
	memset(page, 0, PAGE_SIZE);
	err = err ? err : blk_rw_sync(b, READ, sector, page, PAGE_SIZE);
	return err ? err : (int)(check(page, sector, 8, gen) + 1);
}

/* blkpoll: completions found by polling, the device sends no IRQ. */
static void polling_mode_takes_no_interrupts(struct ktest *t)
{
	struct block_device *b = disk(t, "vda");
	unsigned long irqs;
	bool saved = blk_polling;
	char *page;

	if (!raw_writes_allowed(t))
		return;
	page = (char *)__get_free_pages(GFP_KERNEL, 0);
	KTEST_ASSERT_TRUE(t, b && page && irqs_enabled());
	blk_polling = true;
	irqs = virtblk_interrupts(b);
	KTEST_EXPECT_EQ(t, round_trip(b, 4096, page, 11), 0);
	KTEST_EXPECT_EQ(t, virtblk_interrupts(b), irqs);
	blk_polling = false;
	KTEST_EXPECT_EQ(t, round_trip(b, 4096, page, 12), 0);
	KTEST_EXPECT_GE(t, virtblk_interrupts(b), irqs + 2);
	blk_polling = saved;
	free_pages((unsigned long)page, 0);
}

/* The IRQ line of disk number n (vda = 0), from its PCI function. */
static int disk_irq(unsigned int n)
{
	struct list_head *pos;

	list_for_each(pos, &pci_devices) {
		struct pci_dev *d = list_entry(pos, struct pci_dev, list);

		if (d->driver && !strcmp(d->driver, "virtio-blk") && !n--)
			return d->irq;
	}
	return -1;
}

/*
 * The five disks share IRQs 10 and 11: every handler on vda's line
 * runs when vda interrupts, and each must see from its ISR that the
 * interrupt was not its own.
 */
static void shared_irq_only_the_owner_counts(struct ktest *t)
{
	static const char *const names[] = { "vda", "vdb", "vdc", "vdd",
					     "vde" };
	unsigned long before[ARRAY_SIZE(names)], line;
	int irq = disk_irq(0), sharing = 0;
	unsigned int i;
	char *page;

	if (!raw_writes_allowed(t))
		return;
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		KTEST_ASSERT_NOT_NULL(t, disk(t, names[i]));
		before[i] = virtblk_interrupts(blkdev_get(names[i]));
		sharing += i && disk_irq(i) == irq;
	}
	KTEST_ASSERT_TRUE(t, sharing > 0);
	page = (char *)__get_free_pages(GFP_KERNEL, 0);
	KTEST_ASSERT_NOT_NULL(t, page);
	line = irq_count(irq);
	KTEST_EXPECT_EQ(t, round_trip(blkdev_get("vda"), 4096, page, 14), 0);
	KTEST_EXPECT_GT(t, irq_count(irq), line);
	KTEST_EXPECT_GT(t, virtblk_interrupts(blkdev_get("vda")), before[0]);
	for (i = 1; i < ARRAY_SIZE(names); i++)
		KTEST_EXPECT_EQ(t, virtblk_interrupts(blkdev_get(names[i])),
				before[i]);
	free_pages((unsigned long)page, 0);
}

/* With interrupts off (early boot, panic) requests still complete. */
static void completes_with_interrupts_off(struct ktest *t)
{
	struct block_device *b = disk(t, "vda");
	uint32_t flags;
	int result;
	char *page;

	if (!raw_writes_allowed(t))
		return;
	page = (char *)__get_free_pages(GFP_KERNEL, 0);
	KTEST_ASSERT_TRUE(t, b && page);
	flags = local_irq_save();
	result = round_trip(b, 4096, page, 13);
	KTEST_EXPECT_FALSE(t, irqs_enabled());
	local_irq_restore(flags);
	KTEST_EXPECT_EQ(t, result, 0);
	free_pages((unsigned long)page, 0);
}

#define BAD_WRITE	2048	/* vde: blkdebug fails writes here */
#define BAD_READ	4096	/* ... and reads here */

/* Injected errors reach the submitter as -EIO, next to good I/O. */
static void injected_errors_surface_as_eio(struct ktest *t)
{
	struct block_device *b = disk(t, "vde");
	char *buf;

	if (!raw_writes_allowed(t))
		return;
	buf = (char *)__get_free_pages(GFP_KERNEL, 1);
	KTEST_ASSERT_TRUE(t, b && buf);
	fill(buf, 0, 16, 21);
	KTEST_EXPECT_EQ(t, blk_rw_sync(b, WRITE, BAD_WRITE, buf, 512), -EIO);
	KTEST_EXPECT_EQ(t, blk_rw_sync(b, WRITE, BAD_WRITE - 4, buf, 8192),
			-EIO);
	KTEST_EXPECT_EQ(t, blk_rw_sync(b, WRITE, BAD_WRITE - 16, buf, 8192),
			0);
	KTEST_EXPECT_EQ(t, blk_rw_sync(b, READ, BAD_WRITE, buf, 4096), 0);
	KTEST_EXPECT_EQ(t, blk_rw_sync(b, READ, BAD_READ, buf, 512), -EIO);
	KTEST_EXPECT_EQ(t, blk_rw_sync(b, READ, BAD_READ - 7, buf, 4096),
			-EIO);
	KTEST_EXPECT_EQ(t, blk_rw_sync(b, READ, BAD_READ + 1, buf, 4096), 0);
	KTEST_EXPECT_EQ(t, blk_rw_sync(b, WRITE, BAD_READ, buf, 4096), 0);
	free_pages((unsigned long)buf, 1);
}

/*
 * 40 requests in flight together, every tenth on a bad sector: those
 * four fail with -EIO, the other 36 are done and read back whole.
 */
static void errors_among_many_in_flight(struct ktest *t)
{
	enum { N = 40 };
	struct block_device *b = disk(t, "vde");
	struct blk_request *reqs;
	struct batch w = { 0 };
	uint32_t flags;
	int i, failed = 0;
	char *page;

	if (!raw_writes_allowed(t))
		return;
	reqs = kmalloc(N * sizeof(*reqs), GFP_KERNEL);
	page = (char *)__get_free_pages(GFP_KERNEL, 0);
	KTEST_ASSERT_TRUE(t, b && reqs && page);
	fill(page, 0, 8, 22);
	flags = local_irq_save();
	for (i = 0; i < N; i++) {
		sector_t s = i % 10 ? 8 * i : BAD_WRITE - 4 + i / 10;

		setup_request(&reqs[i], b, WRITE, s, page, 8, 1);
		batch_submit(&w, &reqs[i]);
	}
	local_irq_restore(flags);
	batch_wait(&w, b);
	KTEST_EXPECT_EQ(t, w.max_in_flight, N);
	KTEST_EXPECT_EQ(t, w.errors, N / 10);
	KTEST_EXPECT_EQ(t, w.first_error, -EIO);
	for (i = 0; i < N; i++) {
		if (!(i % 10))
			continue;
		memset(page, 0, PAGE_SIZE);
		if (blk_rw_sync(b, READ, 8 * i, page, PAGE_SIZE) ||
		    check(page, 0, 8, 22) >= 0)
			failed++;
	}
	KTEST_EXPECT_EQ(t, failed, 0);
	/* The disk and the kernel carry on. */
	KTEST_EXPECT_EQ(t, b->in_flight, 0);
	KTEST_EXPECT_EQ(t, round_trip(b, 1024, page, 23), 0);
	free_pages((unsigned long)page, 0);
	kfree(reqs);
}

static const struct ktest_case virtio_blk_cases[] = {
	KTEST_CASE(disks_named_in_pci_order),
	KTEST_CASE(patterns_at_many_offsets),
	KTEST_CASE(full_ring_submitter_polls),
	KTEST_CASE(full_ring_submitter_sleeps),
	KTEST_CASE(last_sector_works_one_past_fails),
	KTEST_CASE(read_only_disk_refuses_writes),
	KTEST_CASE(malformed_requests_refused),
	KTEST_CASE(flush_and_serial),
	KTEST_CASE(device_status_to_errno),
	KTEST_CASE(polling_mode_takes_no_interrupts),
	KTEST_CASE(shared_irq_only_the_owner_counts),
	KTEST_CASE(completes_with_interrupts_off),
	KTEST_CASE(injected_errors_surface_as_eio),
	KTEST_CASE(errors_among_many_in_flight),
};
KTEST_SUITE(virtio_blk, virtio_blk_cases);
