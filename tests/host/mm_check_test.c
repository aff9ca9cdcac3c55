/*
 * check_mm_invariants() (mm/debug.c) names the first broken invariant:
 * each case breaks one on purpose and looks for its name.
 */
#include "lib/ktest.h"
#include "lib/string.h"
#include "mm/debug.h"
#include "tests/host/kernel_shim.h"
#include "tests/host/mm_fixture.h"

static const struct mm_layout layout = {
	.nodes = 1, .zones = { { 0, 1024, 0 } },
};

/* Each case runs on a fresh machine (KTEST_SUITE_INIT_EXIT). */
static bool machine_up(struct ktest *t)
{
	if (mm_fixture_setup(&layout))
		return true;
	ktest_fail(t, __FILE__, __LINE__, "no host memory");
	return false;
}

static void machine_down(struct ktest *t __unused)
{
	mm_fixture_teardown();
}

static zone_t *normal(void)
{
	return &NODE_DATA(0)->node_zones[ZONE_NORMAL];
}

/* A free block of order 0 next to its allocated buddy. */
static struct page *lone_free_page(struct page **buddy)
{
	struct page *a = alloc_pages(GFP_KERNEL, 0);

	*buddy = alloc_pages(GFP_KERNEL, 0);
	__free_pages(a, 0);
	return a;
}

static bool reports(struct ktest *t, const char *words)
{
	bool found;

	KTEST_EXPECT_EQ(t, check_mm_invariants(), -1);
	found = strstr(mm_invariant_report, words) != NULL;
	if (!found)
		ktest_log(t, "report: %s", mm_invariant_report);
	return found;
}

static void a_healthy_machine_passes(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, check_mm_invariants(), 0);
	KTEST_EXPECT_EQ(t, mm_invariant_report[0], 0);
}

static void free_count_disagrees(struct ktest *t)
{
	normal()->free_pages--;
	KTEST_EXPECT_TRUE(t, reports(t, "free_pages is 1023 but"));
}

static void nr_free_disagrees(struct ktest *t)
{
	normal()->free_area[9].nr_free = 3;
	KTEST_EXPECT_TRUE(t, reports(t, "nr_free is 3 but its list holds 2"));
}

static void free_page_with_references(struct ktest *t)
{
	struct page *buddy, *page;

	page = lone_free_page(&buddy);
	set_page_count(page, 1);
	KTEST_EXPECT_TRUE(t, reports(t, "free page with references"));
}

static void wrong_order_on_a_list(struct ktest *t)
{
	struct page *buddy, *page;

	page = lone_free_page(&buddy);
	page->index = 2;
	KTEST_EXPECT_TRUE(t, reports(t, "order-0 free list but says order 2"));
}

static void free_page_also_on_an_lru_list(struct ktest *t)
{
	struct page *buddy, *page;

	page = lone_free_page(&buddy);
	SetPageActive(page);
	KTEST_EXPECT_TRUE(t, reports(t, "on a free list and also in use"));
}

static void page_on_two_lru_lists(struct ktest *t)
{
	struct page *page;

	page = alloc_pages(GFP_KERNEL, 0);
	SetPageActive(page);
	SetPageInactiveDirty(page);
	KTEST_EXPECT_TRUE(t, reports(t, "on two page lists"));
}

static void marked_free_but_on_no_list(struct ktest *t)
{
	struct page *page, *buddy;

	page = alloc_pages(GFP_KERNEL, 0);
	buddy = alloc_pages(GFP_KERNEL, 0);
	KTEST_ASSERT_NOT_NULL(t, buddy);
	set_page_count(page, 0);
	SetPageBuddy(page);
	KTEST_EXPECT_TRUE(t, reports(t, "are marked free blocks (PG_buddy) "
				     "but the free lists hold"));
}

static void free_block_overlaps_another(struct ktest *t)
{
	struct page *block;

	block = memlist_entry(normal()->free_area[9].free_list.next);
	SetPageBuddy(block + 5);
	KTEST_EXPECT_TRUE(t, reports(t, "inside the free order-9 block"));
}

static void buddies_not_merged(struct ktest *t)
{
	zone_t *z;
	struct page *block;

	z = normal();
	/* Split an order-9 block into two order-8 halves by hand. */
	block = memlist_entry(z->free_area[9].free_list.next);
	memlist_del(&z->free_area[9], block);
	memlist_add_head(&z->free_area[8], block, 8);
	memlist_add_head(&z->free_area[8], block + 256, 8);
	KTEST_EXPECT_TRUE(t, reports(t, "free buddies not merged"));
}

static void list_cycle(struct ktest *t)
{
	struct page *buddy, *page;

	page = lone_free_page(&buddy);
	page->list.next = &page->list;	/* never gets back to the head */
	KTEST_EXPECT_TRUE(t, reports(t, "corrupt (a cycle)"));
	page->list.next = &normal()->free_area[0].free_list;
}

/*
 * The boot parameter mm_warn: a debug kernel's automatic check reports
 * the first broken invariant and goes on (without it, it panics: the
 * host's panic() would abort this case), then checks no more; the
 * checker itself still answers.
 */
static void mm_warn_reports_the_first_break_and_goes_on(struct ktest *t)
{
	mm_warn = true;
	host_printk_clear();
	normal()->free_pages--;
	mm_check_after("a test", true);
	KTEST_EXPECT_TRUE(t, host_printk_has("mm: broken after a test: zone "
					     "Normal: free_pages is 1023 but"));
	KTEST_EXPECT_TRUE(t, host_printk_has("mm_warn: going on"));
	host_printk_clear();
	mm_check_after("another test", true);
	KTEST_EXPECT_FALSE(t, host_printk_has("broken"));
	KTEST_EXPECT_EQ(t, check_mm_invariants(), -1);
	normal()->free_pages++;
	mm_warn = mm_warned = false;
}

static const struct ktest_case mm_check_cases[] = {
	KTEST_CASE(a_healthy_machine_passes),
	KTEST_CASE(free_count_disagrees),
	KTEST_CASE(nr_free_disagrees),
	KTEST_CASE(free_page_with_references),
	KTEST_CASE(wrong_order_on_a_list),
	KTEST_CASE(free_page_also_on_an_lru_list),
	KTEST_CASE(page_on_two_lru_lists),
	KTEST_CASE(marked_free_but_on_no_list),
	KTEST_CASE(free_block_overlaps_another),
	KTEST_CASE(buddies_not_merged),
	KTEST_CASE(list_cycle),
	KTEST_CASE(mm_warn_reports_the_first_break_and_goes_on),
};
KTEST_SUITE_INIT_EXIT(host_mm_check, mm_check_cases, machine_up,
		      machine_down);
