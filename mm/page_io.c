/*
 * Reading and writing swap pages (Linux 2.4: mm/page_io.c).
 *
 * A page in the swap cache knows its slot: page->index holds its swap
 * entry, as in 2.4.  rw_swap_page() turns that into a request for
 * sector offset * 8 of the area's disk and returns at once; the
 * interrupt that completes it unlocks the page, so waiting for the
 * I/O means waiting for PG_locked to clear.
 */
#include "drivers/blkdev.h"
#include "kernel/kernel.h"
#include "kernel/x86.h"
#include "mm/filemap.h"
#include "mm/mm.h"
#include "mm/slab.h"
#include "mm/swap.h"
#include "mm/vmstat.h"

#define SECTORS_PER_PAGE	(PAGE_SIZE >> SECTOR_SHIFT)

/* One page of swap I/O in flight. */
struct swap_io {
	struct blk_request req;
	struct page *page;
};

/*
 * Completion, usually in interrupt context (2.4: end_buffer_io_async).
 * A read that worked makes the page up to date.  A failed write marks
 * the page dirty again, so its data is written elsewhere later rather
 * than dropped as if it were safe on disk (2.4 lost it).
 */
static void end_swap_io(struct blk_request *req, int error)
{
	struct swap_io *io = container_of(req, struct swap_io, req);
	struct page *page = io->page;

	if (error) {
		printk(KERN_ERR "swap: %s error %d, %s sector %llu\n",
		       req->op == WRITE ? "write" : "read", error,
		       req->bdev->name, (unsigned long long)req->sector);
		SetPageError(page);
		if (req->op == WRITE)
			SetPageDirty(page);
	} else if (req->op == READ) {
		SetPageUptodate(page);
	}
	if (req->op == WRITE)
		ClearPageWriteback(page);
	unlock_page(page);
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

/*
 * Starts reading or writing a locked swap-cache page from or to its
 * slot (2.4: rw_swap_page).  On completion the page is unlocked, with
 * PG_uptodate after a good read or PG_error after a failure.  A write
 * keeps PG_writeback set while it is in flight.
 */
void rw_swap_page(int rw, struct page *page)
{
	swp_entry_t entry = { page->index };
	struct swap_info_struct *p;
	struct swap_io *io;

	BUG_ON(!PageLocked(page));
	BUG_ON(!PageSwapCache(page));
	ClearPageError(page);
	p = swap_io_area(entry);
	io = p ? kmalloc(sizeof(*io), GFP_ATOMIC) : NULL;
	if (!io) {
		if (p)
			printk(KERN_ERR "rw_swap_page: out of memory\n");
		SetPageError(page);
		unlock_page(page);
		return;
	}
	memset(io, 0, sizeof(*io));
	io->page = page;
	io->req.bdev = p->bdev;
	io->req.op = rw;
	io->req.sector = (sector_t)SWP_OFFSET(entry) * SECTORS_PER_PAGE;
	io->req.end_io = end_swap_io;
	blk_add_page(&io->req, page, PAGE_SIZE, 0);
	if (rw == WRITE) {
		SetPageWriteback(page);
		count_vm_event(PSWPOUT);
	} else {
		count_vm_event(PSWPIN);
	}
	submit_request(&io->req);
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
	uint32_t flags;

	rw_swap_page(rw, page);
	flags = local_irq_save();
	/* Still locked: the entry was good and the request is out. */
	while (PageLocked(page))
		blk_idle(swap_info[SWP_TYPE(entry)].bdev, flags);
	local_irq_restore(flags);
	return PageError(page) ? -EIO : 0;
}

/* swapper_space's writepage (2.4: in swap_state.c): start the write. */
int swap_writepage(struct page *page)
{
	rw_swap_page(WRITE, page);
	return 0;
}
