/* tests/common/reclaim_machine.h on the host. */
#include "tests/common/reclaim_machine.h"
#include "tests/host/mm_fixture.h"
#include "tests/host/ramdisk.h"
#include "tests/host/swap_fixture.h"
#include "tests/host/test_mm.h"
#include "mm/mm_types.h"
#include "mm/debug.h"
#include "mm/filemap.h"
#include "mm/pagemap.h"
#include "mm/rmap.h"
#include "mm/swap.h"

static struct block_device *disk;
static struct swap_info_struct *area;

/*
 * Empty page lists.  Also when the machine goes down: a case that left
 * pages on them (lru_cache_del stubbed) would otherwise leave the next
 * suite's invariant checker walking the freed mem_map, which ASan
 * stops, ending the whole run.
 */
static void empty_the_lists(void)
{
	INIT_LIST_HEAD(&active_list);
	INIT_LIST_HEAD(&inactive_dirty_list);
	INIT_LIST_HEAD(&swapper_space.clean_pages);
	INIT_LIST_HEAD(&swapper_space.dirty_pages);
	INIT_LIST_HEAD(&swapper_space.locked_pages);
	swapper_space.nrpages = 0;
	INIT_LIST_HEAD(&mmlist);
}

/* What mem_init() and swap_init() start with: nothing anywhere. */
static void reset_reclaim_state(void)
{
	empty_the_lists();
	page_waitqueue_init();
	rmap_init();
}

bool reclaim_machine_up(struct ktest *t)
{
	static const struct mm_layout layout = {
		.nodes = 1, .zones = { { 0, RECLAIM_MACHINE_PAGES, 0 } },
	};

	if (!mm_fixture_setup(&layout)) {
		ktest_fail(t, __FILE__, __LINE__, "no host memory");
		return false;
	}
	reset_reclaim_state();
	test_mm_forget_held();
	swap_fixture_reset();
	disk = ramdisk_create("vda", RECLAIM_MACHINE_SLOTS);
	if (!disk) {
		mm_fixture_teardown();
		ktest_fail(t, __FILE__, __LINE__, "no host memory");
		return false;
	}
	area = swap_fixture_swapon(swap_fixture_mkswap(RECLAIM_MACHINE_SLOTS),
				   0);
	area->bdev = disk;
	host_run_devices = ramdisk_run;
	return true;
}

/* Empties the radix tree of whatever a failed case left in the cache. */
static void forget_swap_cache(void)
{
	for (unsigned long slot = 0; slot < RECLAIM_MACHINE_SLOTS; slot++)
		radix_tree_delete(&swapper_space.page_tree,
				  swap_cache_key(SWP_ENTRY(0, slot)));
}

/* Everything a case put on the lists or in the cache must be gone. */
static void expect_all_released(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, nr_active_pages, 0);
	KTEST_EXPECT_EQ(t, nr_inactive_dirty_pages, 0);
	KTEST_EXPECT_EQ(t, nr_inactive_clean_pages(), 0);
	KTEST_EXPECT_EQ(t, swapper_space.nrpages, 0);
	KTEST_EXPECT_EQ(t, swap_area_used(area), 0);
	KTEST_EXPECT_EQ(t, nr_free_pages(), RECLAIM_MACHINE_PAGES);
	for (unsigned long pfn = 0; pfn < max_mapnr; pfn++) {
		struct page *page = pfn_to_page(pfn);

		if (page->rmap || PageIsolated(page)) {
			ktest_fail(t, __FILE__, __LINE__, "pfn %lu: rmap %#lx, "
				   "isolated %d at the end", pfn, page->rmap,
				   PageIsolated(page));
			break;
		}
	}
}

void reclaim_machine_down(struct ktest *t)
{
	ramdisk_run();			/* let every write land */
	/* A case that stopped half-way leaves its mm (on its stack) here. */
	if (!list_empty(&mmlist)) {
		ktest_fail(t, __FILE__, __LINE__, "an address space was "
			   "left on mmlist");
		INIT_LIST_HEAD(&mmlist);
	}
	if (check_mm_invariants())
		ktest_fail(t, __FILE__, __LINE__, "invariant broken: %s",
			   mm_invariant_report);
	expect_all_released(t);
	forget_swap_cache();
	host_run_devices = NULL;
	ramdisk_destroy(disk);
	swap_fixture_reset();
	mm_fixture_teardown();
	empty_the_lists();
}
