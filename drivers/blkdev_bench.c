/*
 * "bench swapdisk": raw 4 KiB page I/O rates of the first swap area's
 * disk, the limit the reclaim issue measures swap-out against.
 *
 * Sequential and random order, writes then reads, each with one
 * request in flight (submit, wait, submit) and with as many as the
 * ring holds (submit everything; the driver makes the submitter wait
 * when the ring is full).  The pages used are free swap slots taken
 * with get_swap_page() and given back afterwards, so the header and
 * any swapped-out data are never touched.
 */
#include "drivers/blkdev.h"
#include "kernel/bench.h"
#include "kernel/kernel.h"
#include "kernel/time.h"
#include "kernel/x86.h"
#include "mm/mm.h"
#include "mm/slab.h"
#include "mm/swap.h"

#define BENCH_PAGES	2048	/* 8 MiB per pass */
#define BENCH_REQS	128	/* request structs reused in turn */
#define BENCH_BUFS	16	/* data pages, used in turn */
#define MIN_JIFFIES	(HZ / 2)	/* each figure runs at least this */

struct disk_bench {
	struct block_device *bdev;
	unsigned long *slots;		/* offsets in the area */
	unsigned long nr;
	swp_entry_t *others;		/* slots of other areas, held */
	unsigned long nr_others;
	struct page *bufs[BENCH_BUFS];
	struct blk_request *reqs;
	volatile bool *busy;		/* reqs[i] in flight */
	unsigned long max_in_flight;
};

static void bench_end_io(struct blk_request *req, int error)
{
	struct disk_bench *b = req->private;

	if (error)
		printk(KERN_ERR "bench: I/O error %d\n", error);
	b->busy[req - b->reqs] = false;
}

/* Waits until reqs[i] is free again. */
static void wait_req(struct disk_bench *b, unsigned int i)
{
	uint32_t flags = local_irq_save();

	while (b->busy[i])
		blk_idle(b->bdev, flags);
	local_irq_restore(flags);
}

/*
 * One pass over all slots, per_req pages (of consecutive slots) per
 * request; depth 1 waits for each request.
 */
static void bench_pass(struct disk_bench *b, int op, bool one_at_a_time,
		       unsigned int per_req)
{
	unsigned long i = 0, n = 0;

	while (i < b->nr) {
		unsigned int r = n++ % BENCH_REQS;
		struct blk_request *req = &b->reqs[r];

		wait_req(b, r);
		memset(req, 0, sizeof(*req));
		req->bdev = b->bdev;
		req->op = op;
		req->sector = (sector_t)b->slots[i] <<
			      (PAGE_SHIFT - SECTOR_SHIFT);
		req->end_io = bench_end_io;
		req->private = b;
		do {
			blk_add_page(req, b->bufs[i % BENCH_BUFS], PAGE_SIZE,
				     0);
			i++;
		} while (i < b->nr && req->nr_segs < per_req &&
			 b->slots[i] == b->slots[i - 1] + 1);
		b->busy[r] = true;
		submit_request(req);
		if (b->bdev->in_flight > b->max_in_flight)
			b->max_in_flight = b->bdev->in_flight;
		if (one_at_a_time)
			wait_req(b, r);
	}
	for (i = 0; i < BENCH_REQS; i++)
		wait_req(b, i);
}

/* Pages per second of repeated passes lasting at least MIN_JIFFIES. */
static unsigned long bench_rate(struct disk_bench *b, int op,
				bool one_at_a_time, unsigned int per_req)
{
	unsigned long start = jiffies, pages = 0, elapsed;

	do {
		bench_pass(b, op, one_at_a_time, per_req);
		pages += b->nr;
		elapsed = jiffies - start;
	} while (elapsed < MIN_JIFFIES);
	return pages * HZ / elapsed;
}

/* A fixed shuffle (Fisher-Yates on a linear congruential sequence). */
static void shuffle(unsigned long *v, unsigned long n)
{
	uint32_t x = 12345;
	unsigned long i;

	for (i = n - 1; i > 0; i--) {
		unsigned long j, t;

		x = x * 1103515245u + 12345u;
		j = (x >> 8) % (i + 1);
		t = v[i];
		v[i] = v[j];
		v[j] = t;
	}
}

static void run_figures(struct disk_bench *b, const char *order)
{
	static const struct {
		int op;
		const char *name;
	} ops[] = { { WRITE, "write" }, { READ, "read" } };
	char name[48];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ops); i++) {
		snprintf(name, sizeof(name), "swapdisk_%s_%s_1", order,
			 ops[i].name);
		bench_report(name, bench_rate(b, ops[i].op, true, 1),
			     "pages/s");
		snprintf(name, sizeof(name), "swapdisk_%s_%s_many", order,
			 ops[i].name);
		bench_report(name, bench_rate(b, ops[i].op, false, 1),
			     "pages/s");
	}
}

/*
 * Takes up to BENCH_PAGES free slots of area type.  get_swap_page()
 * may also hand out slots of an area of equal priority: those are
 * held in b->others until the end, so it moves on to ours.
 */
static void take_slots(struct disk_bench *b, int type)
{
	swp_entry_t e;

	while (b->nr < BENCH_PAGES && b->nr_others < BENCH_PAGES &&
	       (e = get_swap_page()).val) {
		if ((int)SWP_TYPE(e) == type)
			b->slots[b->nr++] = SWP_OFFSET(e);
		else
			b->others[b->nr_others++] = e;
	}
}

static int alloc_bench(struct disk_bench *b)
{
	unsigned int i;

	b->slots = kmalloc(BENCH_PAGES * sizeof(*b->slots), GFP_KERNEL);
	b->others = kmalloc(BENCH_PAGES * sizeof(*b->others), GFP_KERNEL);
	b->reqs = kmalloc(BENCH_REQS * sizeof(*b->reqs), GFP_KERNEL);
	b->busy = kmalloc(BENCH_REQS * sizeof(*b->busy), GFP_KERNEL);
	if (!b->slots || !b->others || !b->reqs || !b->busy)
		return -ENOMEM;
	memset((void *)b->busy, 0, BENCH_REQS * sizeof(*b->busy));
	for (i = 0; i < BENCH_BUFS; i++) {
		b->bufs[i] = alloc_page(GFP_KERNEL);
		if (!b->bufs[i])
			return -ENOMEM;
		memset(page_address(b->bufs[i]), 0x5a + i, PAGE_SIZE);
	}
	return 0;
}

static void free_bench(struct disk_bench *b, int type)
{
	unsigned int i;

	while (b->nr)
		swap_free(SWP_ENTRY(type, b->slots[--b->nr]));
	while (b->nr_others)
		swap_free(b->others[--b->nr_others]);
	for (i = 0; i < BENCH_BUFS; i++)
		if (b->bufs[i])
			__free_page(b->bufs[i]);
	kfree(b->slots);
	kfree(b->others);
	kfree(b->reqs);
	kfree((void *)b->busy);
}

/* Takes what a measurement needs on the first area; 0 or -errno. */
static int setup_bench(struct disk_bench *b, int type)
{
	int error;

	if (type < 0) {
		cprintf("bench: swapdisk needs a swap area (swapon DEV)\n");
		return -ENODEV;
	}
	b->bdev = swap_info[type].bdev;
	error = alloc_bench(b);
	if (!error) {
		take_slots(b, type);
		error = b->nr ? 0 : -ENOSPC;
	}
	if (error) {
		cprintf("bench: swapdisk: %s\n", strerror(error));
		free_bench(b, type);
	}
	return error;
}

/*
 * The first swap area's sequential write rate, as many requests in
 * flight as the ring holds, each of per_req pages, in pages/s: the
 * limit swap-out is measured against (mm/vmscan_bench.c).  0 if it
 * cannot be measured.
 */
unsigned long swapdisk_seq_write_rate(unsigned int per_req)
{
	struct disk_bench b = { 0 };
	int type = swap_list.head;
	unsigned long rate;

	if (setup_bench(&b, type))
		return 0;
	rate = bench_rate(&b, WRITE, false, per_req);
	free_bench(&b, type);
	return rate;
}

static int bench_swapdisk(void)
{
	struct disk_bench b = { 0 };
	int type = swap_list.head, error = setup_bench(&b, type);

	if (error)
		return error;
	cprintf("swapdisk: %s, %lu pages per pass\n", b.bdev->name,
		b.nr);
	run_figures(&b, "seq");
	shuffle(b.slots, b.nr);
	run_figures(&b, "random");
	bench_report("swapdisk_max_in_flight", b.max_in_flight, "requests");
	free_bench(&b, type);
	return 0;
}
KBENCH(swapdisk, bench_swapdisk,
       "4 KiB page I/O rates of the first swap area's disk");
