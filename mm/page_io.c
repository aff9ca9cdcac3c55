/*
 * Reading and writing swap pages (Linux 2.4: mm/page_io.c).
 *
 * A page in the swap cache knows its slot: page->index holds its swap
 * entry, as in 2.4.  rw_swap_page() turns that into a request for
 * sector offset * 8 of the area's disk and returns at once; the
 * interrupt that completes it unlocks the page, so waiting for the
 * I/O means waiting for PG_locked to clear.
 *
 * When a write fails, nothing is lost and nothing is tried for ever:
 *  - the page is dirtied again, so it stays in memory until written;
 *  - any sector of its request may have been the bad one: its next write
 *    goes alone (PG_error), so a bad sector holds back only its page;
 *  - if that one fails too, its slot is bad (PG_bad_slot): before the
 *    next write, swap_writepage() gives it another slot
 *    (mm/swap_relocate.c), and the old one is never handed out again
 *    (a slot that cannot be read alone is marked so too: its owner gets
 *    SIGBUS, mm/memory.c, and the slot goes once they are gone);
 *  - an area whose writes keep failing (SWAP_MAX_WRITE_ERRORS requests
 *    in a row, none good) is taken out of use: swap is then as full as
 *    if it were not there, and the OOM killer or a failed allocation
 *    ends the shortage.
 * 2.4.0 printed "I/O error" for each failed request, left the page
 * clean (its data lost) and used the slot again.  Error messages here
 * are rate-limited (swap_error()).
 */
#include "drivers/blkdev.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "kernel/x86.h"
#include "lib/ratelimit.h"
#include "lib/vsprintf.h"
#include "mm/filemap.h"
#include "mm/mm.h"
#include "mm/slab.h"
#include "mm/swap.h"
#include "mm/vmstat.h"

#define SECTORS_PER_PAGE	(PAGE_SIZE >> SECTOR_SHIFT)

/*
 * One request of swap I/O in flight: pages in consecutive slots.
 * alone: if it fails, the failure is its page's own.  A disk with a
 * queue (QEMU's virtio-blk among them) merges requests for neighbouring
 * sectors that reach it together, and fails the merged one as a whole,
 * so a one-page request may fail for its neighbour's sector.  A read of
 * one page counts (swap-in waits for each of its own); a write counts
 * only as a retry, sent alone and waited for (rw_swap_pages).
 */
struct swap_io {
	struct blk_request req;
	struct swap_info_struct *area;
	bool alone;
	unsigned int nr;
	struct page *pages[BLK_MAX_SEGS];
};

/* At most ten messages about swap I/O errors in five seconds. */
static struct ratelimit_state swap_error_rs = RATELIMIT_STATE_INIT(5 * HZ, 10);

/* Prints "swap: " and the message, with the count held back before. */
static void swap_message(int missed, const char *fmt, va_list ap)
{
	char msg[160];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (missed)
		printk(KERN_ERR "swap: %s (%d messages suppressed)\n", msg,
		       missed);
	else
		printk(KERN_ERR "swap: %s\n", msg);
}

/*
 * A message about a swap I/O error, unless ten have gone out in the
 * last five seconds (lib/ratelimit.h); the next one to go out says how
 * many were held back.  A disk that fails every request would
 * otherwise keep the console, and so the CPU, busy with nothing else.
 * Also called from interrupt handlers.
 */
void swap_error(const char *fmt, ...)
{
	int missed = ratelimit(&swap_error_rs, jiffies);
	va_list ap;

	if (missed < 0)
		return;
	va_start(ap, fmt);
	swap_message(missed, fmt, ap);
	va_end(ap);
}

/* The same for a message that must go out (an area out of use). */
void swap_error_always(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	swap_message(ratelimit_missed(&swap_error_rs), fmt, ap);
	va_end(ap);
}

/*
 * A page's I/O is over (2.4: end_buffer_io_async).  A read that
 * worked makes the page up to date.  A failed write marks the page
 * dirty again, so that page_launder() writes it again later rather
 * than reclaim dropping it as if it were safe on disk (2.4 lost it).
 * Then the page leaves swapper_space's locked_pages and is unlocked.
 */
static inline __attribute__((always_inline)) void
swap_page_done(struct page *page, int rw, int error)
{
	if (error) {
		SetPageError(page);
		if (rw == WRITE)
			SetPageDirty(page);
	} else if (rw == READ) {
		SetPageUptodate(page);
	}
	if (rw == WRITE)
		ClearPageWriteback(page);
	swap_cache_end_io(page);
	if (rw == WRITE)
		putback_written_page(page);	/* if page_launder's */
	unlock_page(page);
}

/*
 * Completion, usually in interrupt context.  A write counts towards
 * its area's failures in a row (or ends them).  A request alone that
 * failed on the disk says its page's slot is bad (PG_bad_slot: the
 * swap map is not touched here; settle_bad_slot() marks the slot
 * before the page is written again or leaves the swap cache).
 */
static void end_swap_io(struct blk_request *req, int error)
{
	struct swap_io *io = container_of(req, struct swap_io, req);

	if (req->op == WRITE)
		io->area->write_errors = error ? io->area->write_errors + 1 : 0;
	if (error)
		swap_error("%s error %d, %s sectors %llu-%llu",
			   req->op == WRITE ? "write" : "read", error,
			   req->bdev->name, (unsigned long long)req->sector,
			   (unsigned long long)req->sector +
			   io->nr * SECTORS_PER_PAGE - 1);
	if (error && io->alone)
		SetPageBadSlot(io->pages[0]);
	for (unsigned int i = 0; i < io->nr; i++)
		swap_page_done(io->pages[i], req->op, error);
	kfree(io);
}

/* The area of a swap entry, or NULL (with a message) if it is bad. */
static struct swap_info_struct *swap_io_area(swp_entry_t entry)
{
	unsigned long type = SWP_TYPE(entry);

	if (type < nr_swapfiles && (swap_info[type].flags & SWP_USED) &&
	    SWP_OFFSET(entry) && SWP_OFFSET(entry) < swap_info[type].max)
		return &swap_info[type];
	printk(KERN_ERR "rw_swap_page: bad swap entry %08lx\n", entry.val);
	return NULL;
}

/* Marks a page as about to be read or written. */
static void swap_page_start(struct page *page, int rw)
{
	BUG_ON(!PageLocked(page));
	BUG_ON(!PageSwapCache(page));
	ClearPageError(page);
	if (rw == WRITE) {
		SetPageWriteback(page);
		count_vm_event(PSWPOUT);
	} else {
		/* Not up to date until this read has worked. */
		ClearPageUptodate(page);
		count_vm_event(PSWPIN);
	}
}

/*
 * Plugging (2.4 unplugged its disk queue with run_task_queue(&tq_disk);
 * Linux 2.6 has blk_start_plug).  Between swap_plug() and
 * swap_unplug(), writes of pages whose slots follow each other are
 * gathered into one request of up to BLK_MAX_SEGS pages, which goes to
 * the disk when a page does not fit or at the unplug.  2.4's elevator
 * merged such writes into one request in the block layer; Pagoda's
 * block layer has no elevator, and a request per page cost a device
 * notification per page.  page_launder() plugs around its write pass.
 *
 * The plug is the task's own (current->swap_plugged), as in 2.6:
 * kswapd and an allocation laundering for itself may both be in a
 * write pass, each sleeping while the disk is full, and a plug they
 * shared could be overwritten by one while the other slept, its
 * request never sent and its pages locked for ever.
 */
static void submit_plugged(void)
{
	struct swap_io *io = current->swap_plugged;

	if (io) {
		current->swap_plugged = NULL;
		submit_request(&io->req);	/* may sleep */
	}
}

void swap_plug(void)
{
	current->swap_plug_depth++;
}

void swap_unplug(void)
{
	if (!--current->swap_plug_depth)
		submit_plugged();
}

/* Pages one request may hold on p's disk. */
static unsigned int max_pages(const struct swap_info_struct *p)
{
	return min((unsigned int)BLK_MAX_SEGS, p->bdev->max_segs);
}

/* Can the plugged request take the write of the page at entry? */
static bool plug_takes(const struct swap_info_struct *p, swp_entry_t entry)
{
	struct swap_io *plugged = current->swap_plugged;

	return plugged && plugged->req.bdev == p->bdev &&
	       plugged->nr < max_pages(p) &&
	       plugged->req.sector + plugged->nr * SECTORS_PER_PAGE ==
	       (sector_t)SWP_OFFSET(entry) * SECTORS_PER_PAGE;
}

/* Adds a page to a request; entry must be the slot after the last. */
static void swap_io_add(struct swap_io *io, struct page *page)
{
	io->pages[io->nr++] = page;
	blk_add_page(&io->req, page, PAGE_SIZE, 0);
}

/*
 * A new request for the slots from entry's on, in p; or NULL.  Its
 * memory is GFP_BUFFER's, as 2.4.0's buffer heads for swap I/O are
 * (create_buffers, from brw_page): the pages of a read may be in the
 * cache, locked, their read not sent, so the allocation must not wait
 * for kswapd (which may be waiting for whoever waits on those pages),
 * and must not write, which would need another request; it may still
 * reclaim without I/O itself (try_to_free_pages).  Sleeps at most as
 * long as that: never from an interrupt (submit_request sleeps too).
 */
static struct swap_io *new_swap_io(struct swap_info_struct *p, int rw,
				   swp_entry_t entry)
{
	struct swap_io *io = kmalloc(sizeof(*io), GFP_BUFFER);

	if (!io) {
		printk(KERN_ERR "rw_swap_page: out of memory\n");
		return NULL;
	}
	memset(io, 0, sizeof(*io));
	io->area = p;
	io->req.bdev = p->bdev;
	io->req.op = rw;
	io->req.sector = (sector_t)SWP_OFFSET(entry) * SECTORS_PER_PAGE;
	io->req.end_io = end_swap_io;
	return io;
}

/* Waits for the locked page's I/O (blk_idle: a task sleeps, polling
 * asks the driver). */
static void wait_for_swap_io(struct page *page, struct block_device *bdev)
{
	uint32_t flags = local_irq_save();

	while (PageLocked(page))
		blk_idle(bdev, flags);
	local_irq_restore(flags);
}

/*
 * Starts reading or writing nr locked swap-cache pages whose entries
 * are consecutive slots of one area (page->index holds each page's
 * entry), as one request (swapin_readahead reads a cluster so; a
 * plugged write may join the one before).  Returns at once; on
 * completion each page is unlocked, with PG_uptodate after a good
 * read or PG_error after a failure.  Writes keep PG_writeback set
 * while they are in flight.
 *
 * A page whose last write failed (PG_error), perhaps for a neighbour's
 * sector, is retried alone: in a request of its own, not plugged with
 * others, and waited for before anything else of ours goes out, so
 * that the disk cannot merge it with a neighbour (struct swap_io).
 * Then a bad sector holds back only its own page.
 */
void rw_swap_pages(int rw, struct page **pages, unsigned int nr)
{
	swp_entry_t entry = { pages[0]->index };
	struct swap_info_struct *p = swap_io_area(entry);
	bool retry = rw == WRITE && PageError(pages[0]);
	bool plug = rw == WRITE && current->swap_plug_depth && !retry;
	struct swap_io *io;
	unsigned int i;

	BUG_ON(!nr || nr > BLK_MAX_SEGS);
	for (i = 0; i < nr; i++) {
		BUG_ON(pages[i]->index != SWP_ENTRY(SWP_TYPE(entry),
						   SWP_OFFSET(entry) + i).val);
		swap_page_start(pages[i], rw);
	}
	if (plug && nr == 1 && p && plug_takes(p, entry)) {
		swap_io_add(current->swap_plugged, pages[0]);
		if (current->swap_plugged->nr == max_pages(p))
			submit_plugged();
		return;
	}
	if (plug)
		submit_plugged();
	io = p ? new_swap_io(p, rw, entry) : NULL;
	if (!io) {
		for (i = 0; i < nr; i++)
			swap_page_done(pages[i], rw, -ENOMEM);
		return;
	}
	for (i = 0; i < nr; i++)
		swap_io_add(io, pages[i]);
	io->alone = rw == READ ? nr == 1 : retry;
	if (plug && nr < max_pages(p)) {
		current->swap_plugged = io;
		return;
	}
	submit_request(&io->req);
	if (retry)
		wait_for_swap_io(pages[0], p->bdev);
}

/* One page (2.4: rw_swap_page with wait = 0). */
void rw_swap_page(int rw, struct page *page)
{
	rw_swap_pages(rw, &page, 1);
}

/*
 * rw_swap_page and wait for the page to be unlocked (2.4.0's
 * rw_swap_page with wait = 1).  Returns 0, or -EIO if the I/O failed.
 * The wait is blk_idle()'s: a task sleeps until a completion, and
 * polling or with interrupts off it asks the driver.
 */
int rw_swap_page_sync(int rw, struct page *page)
{
	swp_entry_t entry = { page->index };

	rw_swap_page(rw, page);
	/* Still locked: the entry was good and the request is out. */
	if (PageLocked(page))
		wait_for_swap_io(page, swap_info[SWP_TYPE(entry)].bdev);
	return PageError(page) ? -EIO : 0;
}

/*
 * swapper_space's writepage (2.4: in swap_state.c): starts writing the
 * locked page, to another slot first if its own failed
 * (mm/swap_relocate.c), and returns 0.  If it has nowhere good to go
 * (swap is full, or every area failed), returns 1 as 2.4's writepage
 * does when it refuses: the page is unlocked, still dirty, and
 * page_launder() keeps it in memory.
 */
int swap_writepage(struct page *page)
{
	if (swap_write_needs_new_slot(page) && relocate_swap_page(page)) {
		SetPageDirty(page);
		swap_cache_end_io(page);	/* back to dirty_pages */
		unlock_page(page);
		return 1;
	}
	rw_swap_page(WRITE, page);
	return 0;
}
