/*
 * Swap areas on real disks (tests/suites.py), as the boot left them:
 *	vda  8 MiB, mkswap'd, bad pages 5, 300 and 1000: swapped on (-1)
 *	vdb  4 MiB, mkswap'd: swapped on (-2); blkdebug fails writes
 *	     to slot 10 (sector 80) and reads of slot 20 (sector 160)
 *	vdc  4 MiB, blank: not a swap area
 *	vdd  4 MiB, mkswap'd but read-only: refused
 */
#include "drivers/blkdev.h"
#include "kernel/x86.h"
#include "lib/errno.h"
#include "lib/ktest.h"
#include "lib/string.h"
#include "mm/debug.h"
#include "mm/mm.h"
#include "mm/slab.h"
#include "mm/swap.h"
#include "mm/vmstat.h"

#define VDA_PAGES	2048	/* 8 MiB */
#define VDB_PAGES	1024

static int type_of(const char *name)
{
	struct block_device *b = blkdev_get(name);
	struct swap_info_struct *p = b ? swap_info_of(b) : NULL;

	return p ? p - swap_info : -1;
}

static void boot_swapped_on_signed_disks(struct ktest *t)
{
	int a = type_of("vda"), b = type_of("vdb");

	KTEST_ASSERT_TRUE(t, a >= 0 && b >= 0);
	KTEST_EXPECT_EQ(t, type_of("vdc"), -1);	/* no signature */
	KTEST_EXPECT_EQ(t, type_of("vdd"), -1);	/* read-only */
	/* Size as Linux counts it: last_page - nr_badpages. */
	KTEST_EXPECT_EQ(t, swap_info[a].pages, VDA_PAGES - 1 - 3);
	KTEST_EXPECT_EQ(t, swap_info[b].pages, VDB_PAGES - 1);
	KTEST_EXPECT_EQ(t, total_swap_pages, swap_info[a].pages +
					     swap_info[b].pages);
	KTEST_EXPECT_EQ(t, nr_swap_pages, total_swap_pages);
	/* Default priorities go down in the order the disks came. */
	KTEST_EXPECT_EQ(t, swap_info[a].prio, -1);
	KTEST_EXPECT_EQ(t, swap_info[b].prio, -2);
}

/*
 * Every slot handed out, in priority order, never a bad one or a
 * header, and the count right; then all freed again.
 */
static void every_slot_once_bad_ones_never(struct ktest *t)
{
	int a = type_of("vda"), b = type_of("vdb");
	long total = nr_swap_pages, n = 0, from_b = 0;
	swp_entry_t *all = kmalloc(total * sizeof(*all), GFP_KERNEL);
	swp_entry_t e;

	KTEST_ASSERT_TRUE(t, a >= 0 && b >= 0 && all);
	while ((e = get_swap_page()).val && n < total) {
		unsigned long off = SWP_OFFSET(e);

		if ((int)SWP_TYPE(e) == a) {
			/* vda (-1) is used up before vdb (-2). */
			KTEST_EXPECT_EQ(t, from_b, 0);
			KTEST_EXPECT_TRUE(t, off != 5 && off != 300 &&
					  off != 1000);
		} else {
			from_b++;
		}
		KTEST_EXPECT_NE(t, off, 0);
		all[n++] = e;
	}
	KTEST_EXPECT_EQ(t, e.val, 0);
	KTEST_EXPECT_EQ(t, n, total);
	KTEST_EXPECT_EQ(t, from_b, VDB_PAGES - 1);
	KTEST_EXPECT_EQ(t, nr_swap_pages, 0);
	while (n)
		swap_free(all[--n]);
	KTEST_EXPECT_EQ(t, nr_swap_pages, total);
	KTEST_EXPECT_EQ(t, check_mm_invariants(), 0);
	kfree(all);
}

/* A page in the swap cache for slot e, locked for I/O. */
static struct page *swap_page(swp_entry_t e, uint32_t seed)
{
	struct page *page = alloc_page(GFP_KERNEL);
	uint32_t *w;
	unsigned int i;

	if (!page)
		return NULL;
	page->index = e.val;
	SetPageSwapCache(page);
	SetPageLocked(page);
	w = page_address(page);
	for (i = 0; i < PAGE_SIZE / 4; i++)
		w[i] = seed * 2654435761u + i;
	return page;
}

static void put_swap_page(struct page *page)
{
	ClearPageSwapCache(page);
	ClearPageUptodate(page);
	ClearPageError(page);
	ClearPageBadSlot(page);
	ClearPageDirty(page);
	page->index = 0;
	__free_page(page);
}

static bool holds_seed(struct page *page, uint32_t seed)
{
	uint32_t *w = page_address(page);
	unsigned int i;

	for (i = 0; i < PAGE_SIZE / 4; i++)
		if (w[i] != seed * 2654435761u + i)
			return false;
	return true;
}

/*
 * Writes 64 pages to their slots at once, reads them back at once,
 * and checks each one landed at sector offset * 8 of its disk.
 */
static void swap_pages_round_trip(struct ktest *t)
{
	enum { N = 64 };
	struct page *pages[N];
	unsigned long out = vm_events[PSWPOUT], in = vm_events[PSWPIN];
	uint32_t flags;
	char *raw = kmalloc(PAGE_SIZE, GFP_KERNEL);
	int i;

	KTEST_ASSERT_NOT_NULL(t, raw);
	for (i = 0; i < N; i++) {
		pages[i] = swap_page(get_swap_page(), i + 1);
		KTEST_ASSERT_NOT_NULL(t, pages[i]);
		KTEST_ASSERT_NE(t, pages[i]->index, 0);
	}
	for (i = 0; i < N; i++) {
		KTEST_EXPECT_EQ(t, swap_writepage(pages[i]), 0);
		KTEST_EXPECT_TRUE(t, PageWriteback(pages[i]) ||
				  !PageLocked(pages[i]));
	}
	/* Wait until every page is unlocked by its completion. */
	flags = local_irq_save();
	for (i = 0; i < N; i++)
		while (PageLocked(pages[i]))
			blk_idle(swap_info[SWP_TYPE(((swp_entry_t){
				pages[i]->index }))].bdev, flags);
	local_irq_restore(flags);
	for (i = 0; i < N; i++) {
		swp_entry_t e = { pages[i]->index };
		struct block_device *b = swap_info[SWP_TYPE(e)].bdev;

		KTEST_EXPECT_FALSE(t, PageWriteback(pages[i]));
		KTEST_EXPECT_FALSE(t, PageError(pages[i]));
		KTEST_EXPECT_EQ(t, blk_rw_sync(b, READ, SWP_OFFSET(e) * 8,
					       raw, PAGE_SIZE), 0);
		KTEST_EXPECT_EQ(t, memcmp(raw, page_address(pages[i]),
					  PAGE_SIZE), 0);
		memset(page_address(pages[i]), 0, PAGE_SIZE);
		SetPageLocked(pages[i]);
		KTEST_EXPECT_EQ(t, rw_swap_page_sync(READ, pages[i]), 0);
		KTEST_EXPECT_TRUE(t, PageUptodate(pages[i]));
		KTEST_EXPECT_TRUE(t, holds_seed(pages[i], i + 1));
		swap_free(e);
		put_swap_page(pages[i]);
	}
	KTEST_EXPECT_EQ(t, vm_events[PSWPOUT] - out, N);
	KTEST_EXPECT_EQ(t, vm_events[PSWPIN] - in, N);
	KTEST_EXPECT_EQ(t, nr_swap_pages, total_swap_pages);
	KTEST_EXPECT_EQ(t, check_mm_invariants(), 0);
	kfree(raw);
}

/* A bad entry fails the page at once; no device sees a request. */
static void bad_entry_fails_without_io(struct ktest *t)
{
	struct block_device *b = blkdev_get("vda");
	int a = type_of("vda");
	struct page *page;
	unsigned long before;

	KTEST_ASSERT_TRUE(t, b && a >= 0);
	before = b->nr_requests;
	page = swap_page(SWP_ENTRY(a, VDA_PAGES), 1);	/* past the end */
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_EQ(t, rw_swap_page_sync(WRITE, page), -EIO);
	KTEST_EXPECT_TRUE(t, PageError(page));
	KTEST_EXPECT_FALSE(t, PageLocked(page));
	page->index = SWP_ENTRY(MAX_SWAPFILES + 3, 1).val;
	SetPageLocked(page);
	KTEST_EXPECT_EQ(t, rw_swap_page_sync(READ, page), -EIO);
	KTEST_EXPECT_EQ(t, b->nr_requests, before);
	put_swap_page(page);
}

static void swapoff_busy_then_on_again(struct ktest *t)
{
	int b = type_of("vdb");
	long total = total_swap_pages, free = nr_swap_pages;
	swp_entry_t e = SWP_ENTRY(b, 7);

	KTEST_ASSERT_TRUE(t, b >= 0);
	/* Hold slot 7 of vdb, as a swapped-out page would. */
	swap_info[b].swap_map[7] = 1;
	nr_swap_pages--;
	KTEST_EXPECT_EQ(t, sys_swapoff("vdb"), -EBUSY);
	KTEST_EXPECT_EQ(t, type_of("vdb"), b);
	KTEST_EXPECT_EQ(t, total_swap_pages, total);
	swap_free(e);
	KTEST_EXPECT_EQ(t, nr_swap_pages, free);
	KTEST_EXPECT_EQ(t, sys_swapoff("vdb"), 0);
	KTEST_EXPECT_EQ(t, type_of("vdb"), -1);
	KTEST_EXPECT_EQ(t, total_swap_pages, total - (VDB_PAGES - 1));
	KTEST_EXPECT_EQ(t, sys_swapoff("vdb"), -EINVAL);
	/* On again, now first in line. */
	KTEST_EXPECT_EQ(t, sys_swapon("vdb", 7), 0);
	KTEST_EXPECT_EQ(t, swap_info[type_of("vdb")].prio, 7);
	e = get_swap_page();
	KTEST_EXPECT_EQ(t, (int)SWP_TYPE(e), type_of("vdb"));
	swap_free(e);
	KTEST_EXPECT_EQ(t, total_swap_pages, total);
	KTEST_EXPECT_EQ(t, sys_swapon("vdb", -1), -EBUSY);
	KTEST_EXPECT_EQ(t, check_mm_invariants(), 0);
}

static void refused_disks(struct ktest *t)
{
	struct block_device *c = blkdev_get("vdc"), *d = blkdev_get("vdd");
	unsigned long before_c, before_d;
	long total = total_swap_pages;

	KTEST_ASSERT_TRUE(t, c && d);
	before_c = c->nr_requests;
	before_d = d->nr_requests;
	KTEST_EXPECT_EQ(t, sys_swapon("vdc", -1), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_swapon("vdd", -1), -EROFS);
	KTEST_EXPECT_EQ(t, sys_swapon("vdz", -1), -ENODEV);
	/* vdc: only page 0 was read; vdd: not even that. */
	KTEST_EXPECT_EQ(t, c->nr_requests, before_c + 1);
	KTEST_EXPECT_EQ(t, d->nr_requests, before_d);
	KTEST_EXPECT_EQ(t, type_of("vdc"), -1);
	KTEST_EXPECT_EQ(t, total_swap_pages, total);
}

/*
 * A disk of more than 2^32 pages (16 TiB; mkswap's largest header
 * names page 2^32 - 2): its size in pages must not wrap in a 32-bit
 * long, or a good header is refused as lying past the end of a disk
 * of 2^28 pages.  swapon then uses the first pages the map can hold.
 */
static void huge_disk_header_fits(struct ktest *t)
{
	struct block_device huge = {
		.nr_sectors = (17ULL << 40) >> SECTOR_SHIFT,	/* 17 TiB */
	};
	union swap_header *h = (void *)__get_free_page(GFP_KERNEL);
	char why[160] = "";

	KTEST_ASSERT_NOT_NULL(t, h);
	memset(h, 0, PAGE_SIZE);
	memcpy(h->magic.magic, "SWAPSPACE2", SWAP_MAGIC_LEN);
	h->info.version = 1;
	h->info.last_page = 0xfffffffe;
	KTEST_EXPECT_EQ(t, blkdev_pages(&huge), 17ULL << 28);
	KTEST_EXPECT_EQ(t, swap_header_check(h, blkdev_pages(&huge), why,
					     sizeof(why)), 0);
	KTEST_EXPECT_STREQ(t, why, "");
	/* a disk of 2^32 - 2 pages is still too short for it */
	huge.nr_sectors = 0xfffffffeULL << (PAGE_SHIFT - SECTOR_SHIFT);
	KTEST_EXPECT_EQ(t, swap_header_check(h, blkdev_pages(&huge), why,
					     sizeof(why)), -EINVAL);
	free_page((unsigned long)h);
}

/*
 * A failed write leaves the page dirty (its data is safe only in
 * memory) and flagged; a failed read leaves it not up to date.  A
 * request of one page that fails blames its slot (PG_bad_slot): a read
 * at once, a write when it fails again alone after a failure.
 */
static void swap_io_errors_reach_the_page(struct ktest *t)
{
	int b = type_of("vdb");
	struct page *page;

	KTEST_ASSERT_TRUE(t, b >= 0);
	page = swap_page(SWP_ENTRY(b, 10), 31);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_EQ(t, rw_swap_page_sync(WRITE, page), -EIO);
	KTEST_EXPECT_TRUE(t, PageError(page));
	KTEST_EXPECT_TRUE(t, PageDirty(page));
	KTEST_EXPECT_FALSE(t, PageWriteback(page));
	KTEST_EXPECT_FALSE(t, PageLocked(page));
	/* not written alone after a failure: the slot is not blamed yet */
	KTEST_EXPECT_FALSE(t, PageBadSlot(page));
	/* written alone again (PG_error), it fails again: the slot is bad */
	SetPageLocked(page);
	KTEST_EXPECT_EQ(t, rw_swap_page_sync(WRITE, page), -EIO);
	KTEST_EXPECT_TRUE(t, PageBadSlot(page));
	ClearPageBadSlot(page);
	/* The next slot is fine, and the error flag goes. */
	ClearPageDirty(page);
	page->index = SWP_ENTRY(b, 11).val;
	SetPageLocked(page);
	KTEST_EXPECT_EQ(t, rw_swap_page_sync(WRITE, page), 0);
	KTEST_EXPECT_FALSE(t, PageError(page));
	KTEST_EXPECT_FALSE(t, PageDirty(page));
	page->index = SWP_ENTRY(b, 20).val;
	SetPageLocked(page);
	KTEST_EXPECT_EQ(t, rw_swap_page_sync(READ, page), -EIO);
	KTEST_EXPECT_FALSE(t, PageUptodate(page));
	KTEST_EXPECT_TRUE(t, PageError(page));
	KTEST_EXPECT_TRUE(t, PageBadSlot(page));	/* a read of one page */
	ClearPageBadSlot(page);
	page->index = SWP_ENTRY(b, 11).val;
	SetPageLocked(page);
	KTEST_EXPECT_EQ(t, rw_swap_page_sync(READ, page), 0);
	KTEST_EXPECT_TRUE(t, PageUptodate(page) && holds_seed(page, 31));
	put_swap_page(page);
}

static const struct ktest_case swap_area_cases[] = {
	KTEST_CASE(boot_swapped_on_signed_disks),
	KTEST_CASE(every_slot_once_bad_ones_never),
	KTEST_CASE(swap_pages_round_trip),
	KTEST_CASE(bad_entry_fails_without_io),
	KTEST_CASE(swap_io_errors_reach_the_page),
	KTEST_CASE(refused_disks),
	KTEST_CASE(huge_disk_header_fits),
	KTEST_CASE(swapoff_busy_then_on_again),
};
KTEST_SUITE(swap_area, swap_area_cases);
