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

static const struct ktest_case page_io_cases[] = {
	KTEST_CASE(each_task_gathers_its_own_writes),
	KTEST_CASE(unplugged_writes_go_at_once),
	KTEST_CASE(a_request_is_gfp_buffer),
};
KTEST_SUITE_INIT_EXIT(host_page_io, page_io_cases, reclaim_machine_up,
		      reclaim_machine_down);
