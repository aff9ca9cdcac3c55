/*
 * mm/page_io.c on the host: what reaches the disk, and when.  The RAM
 * disk (tests/host/ramdisk.h) holds each request until the test lets
 * it finish, so the test can count the requests a plug sends.
 */
#include "lib/ktest.h"
#include "kernel/sched.h"
#include "mm/filemap.h"
#include "mm/pagemap.h"
#include "tests/common/reclaim_machine.h"
#include "tests/host/kernel_shim.h"
#include "tests/host/ramdisk.h"
#include "tests/host/test_mm.h"

/* Starts writing a swapped-out page, as page_launder's write pass. */
static void start_write(struct page *page)
{
	lock_page(page);
	swap_cache_start_io(page, WRITE);
	page->mapping->a_ops->writepage(page);
}

/*
 * Two tasks in a write pass at once (kswapd, and an allocation
 * laundering for itself) each gather their own writes: neither joins
 * the other's request, and each unplug sends its own.
 */
static void each_task_gathers_its_own_writes(struct ktest *t)
{
	struct task_struct *me = current, other = { 0 };
	struct block_device *disk = swap_info[0].bdev;
	struct page *p[2];
	struct test_mm tm;

	KTEST_ASSERT_TRUE(t, test_mm_swapped(t, &tm, 2, p));
	swap_plug();
	start_write(p[0]);
	current = &other;
	swap_plug();
	start_write(p[1]);		/* the next slot: it would fit */
	swap_unplug();
	KTEST_EXPECT_EQ(t, ramdisk_queued(disk), 1);	/* its own, sent */
	current = me;
	swap_unplug();
	KTEST_EXPECT_EQ(t, ramdisk_queued(disk), 2);
	ramdisk_run();
	for (int i = 0; i < 2; i++) {
		KTEST_EXPECT_FALSE(t, PageLocked(p[i]));
		KTEST_EXPECT_FALSE(t, PageDirty(p[i]));
	}
	test_mm_exit(&tm);
}

/* Unplugged, every write is its own request, sent at once. */
static void unplugged_writes_go_at_once(struct ktest *t)
{
	struct block_device *disk = swap_info[0].bdev;
	struct page *p[2];
	struct test_mm tm;

	KTEST_ASSERT_TRUE(t, test_mm_swapped(t, &tm, 2, p));
	start_write(p[0]);
	start_write(p[1]);
	KTEST_EXPECT_EQ(t, ramdisk_queued(disk), 2);
	ramdisk_run();
	test_mm_exit(&tm);
}

/*
 * A plug fills a request up to what the disk takes (its max_segs, at
 * most BLK_MAX_SEGS pages), sends it as soon as it is full, and the
 * rest at the unplug.  This disk takes 4 pages a request.
 */
static void a_plug_fills_a_request_to_the_disk_limit(struct ktest *t)
{
	enum { N = 6 };
	struct block_device *disk = swap_info[0].bdev;
	unsigned long requests = disk->nr_requests;
	unsigned int max_segs = disk->max_segs;
	struct page *p[N];
	struct test_mm tm;

	KTEST_ASSERT_TRUE(t, test_mm_swapped(t, &tm, N, p));
	disk->max_segs = 4;
	swap_plug();
	for (int i = 0; i < N; i++)
		start_write(p[i]);
	KTEST_EXPECT_EQ(t, disk->nr_requests, requests + 1);
	swap_unplug();
	KTEST_EXPECT_EQ(t, disk->nr_requests, requests + 2);
	disk->max_segs = max_segs;
	KTEST_EXPECT_EQ(t, ramdisk_run(), 2);
	for (int i = 0; i < N; i++)
		KTEST_EXPECT_FALSE(t, PageDirty(p[i]));
	test_mm_exit(&tm);
}

/*
 * new_swap_io's request is GFP_BUFFER, as 2.4.0's buffer heads for swap
 * I/O are: it may reclaim (try_to_free_pages) but neither write nor
 * wait for kswapd, for it may be made while the pages of a read-ahead
 * sit locked in the cache, not sent.
 */
static void a_request_is_gfp_buffer(struct ktest *t)
{
	struct page *p[1];
	struct test_mm tm;

	KTEST_ASSERT_TRUE(t, test_mm_swapped(t, &tm, 1, p));
	host_kmalloc_gfp = 0;
	start_write(p[0]);
	KTEST_EXPECT_EQ(t, host_kmalloc_gfp, GFP_BUFFER);
	ramdisk_run();
	test_mm_exit(&tm);
}

static bool on_disk_intact(struct page *page, unsigned int i)
{
	swp_entry_t entry = { page->index };

	return test_mm_intact(ramdisk_page(swap_info[0].bdev,
					   SWP_OFFSET(entry)), i);
}

/*
 * Four pages in one request, and one of them has a bad sector: the
 * request fails as a whole, and every page is dirtied again (PG_error)
 * with no slot blamed yet.  Written again, each goes alone, waited for
 * before the next (nothing for the disk to merge), even inside a plug:
 * only the page of the bad sector fails, and only its slot is blamed
 * (PG_bad_slot); its neighbours are on the disk.
 */
static void a_failed_request_is_retried_page_by_page(struct ktest *t)
{
	struct block_device *disk = swap_info[0].bdev;
	unsigned long requests;
	struct page *p[4];
	struct test_mm tm;

	KTEST_ASSERT_TRUE(t, test_mm_swapped(t, &tm, 4, p));
	ramdisk_fail_page(disk, WRITE, SWP_OFFSET(((swp_entry_t){
		p[2]->index })));
	swap_plug();
	for (int i = 0; i < 4; i++)
		start_write(p[i]);
	swap_unplug();
	KTEST_EXPECT_EQ(t, ramdisk_run(), 1);		/* one request */
	for (int i = 0; i < 4; i++) {
		KTEST_EXPECT_TRUE(t, PageError(p[i]) && PageDirty(p[i]));
		KTEST_EXPECT_FALSE(t, PageBadSlot(p[i]));
	}
	KTEST_EXPECT_EQ(t, swap_info[0].write_errors, 1);

	requests = disk->nr_requests;
	swap_plug();
	for (int i = 0; i < 4; i++) {
		start_write(p[i]);
		KTEST_EXPECT_FALSE(t, PageLocked(p[i]));	/* waited */
		KTEST_EXPECT_EQ(t, ramdisk_queued(disk), 0);
	}
	swap_unplug();
	KTEST_EXPECT_EQ(t, disk->nr_requests, requests + 4);
	for (int i = 0; i < 4; i++) {
		KTEST_EXPECT_EQ(t, PageBadSlot(p[i]), i == 2);
		KTEST_EXPECT_EQ(t, PageDirty(p[i]), i == 2);
		KTEST_EXPECT_EQ(t, on_disk_intact(p[i], i), i != 2);
	}
	KTEST_EXPECT_EQ(t, swap_info[0].write_errors, 0);	/* p[3] */
	test_mm_exit(&tm);
}

/*
 * A one-page request that fails is not the page's own verdict (the
 * disk may have merged it with a neighbour's): only a retry alone is.
 * A read of one page is: swap-in waits for each of its own.
 */
static void only_a_request_alone_blames_its_slot(struct ktest *t)
{
	struct block_device *disk = swap_info[0].bdev;
	struct test_mm tm;
	struct page *page;

	KTEST_ASSERT_TRUE(t, test_mm_swapped(t, &tm, 1, &page));
	ramdisk_fail_page(disk, WRITE, SWP_OFFSET(((swp_entry_t){
		page->index })));
	start_write(page);
	ramdisk_run();
	KTEST_EXPECT_TRUE(t, PageError(page));
	KTEST_EXPECT_FALSE(t, PageBadSlot(page));
	start_write(page);				/* the retry */
	KTEST_EXPECT_TRUE(t, PageBadSlot(page));
	KTEST_EXPECT_EQ(t, swap_info[0].write_errors, 2);
	ClearPageBadSlot(page);

	ramdisk_fail_page(disk, READ, SWP_OFFSET(((swp_entry_t){
		page->index })));
	lock_page(page);
	swap_cache_start_io(page, READ);
	KTEST_EXPECT_EQ(t, rw_swap_page_sync(READ, page), -EIO);
	KTEST_EXPECT_TRUE(t, PageBadSlot(page));
	KTEST_EXPECT_EQ(t, swap_info[0].write_errors, 2);	/* writes */
	test_mm_exit(&tm);	/* the slot is marked bad as the page goes */
	KTEST_EXPECT_EQ(t, swap_info[0].swap_map[1], SWAP_MAP_BAD);
	KTEST_EXPECT_EQ(t, swap_info[0].found_bad, 1);
}

static const struct ktest_case page_io_cases[] = {
	KTEST_CASE(each_task_gathers_its_own_writes),
	KTEST_CASE(unplugged_writes_go_at_once),
	KTEST_CASE(a_plug_fills_a_request_to_the_disk_limit),
	KTEST_CASE(a_request_is_gfp_buffer),
	KTEST_CASE(a_failed_request_is_retried_page_by_page),
	KTEST_CASE(only_a_request_alone_blames_its_slot),
};
KTEST_SUITE_INIT_EXIT(host_page_io, page_io_cases, reclaim_machine_up,
		      reclaim_machine_down);
