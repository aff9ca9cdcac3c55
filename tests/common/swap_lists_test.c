/*
 * The page lists and aging of mm/swap.c: each list move of a page's
 * life (docs/seeds.md) that these functions own, with the list flags, the
 * list membership, the counters and the ages checked.  Built into the
 * kernel (real pages) and the host tests (a fixture under ASan; see
 * reclaim_machine.h).
 */
#include "lib/ktest.h"
#include "mm/internal.h"
#include "mm/mm.h"
#include "mm/swap.h"
#include "mm/vmstat.h"
#include "tests/common/reclaim_machine.h"

/*
 * A page of the given age, as add_to_swap_cache hands it to
 * lru_cache_add (locked), through lru_cache_add.
 */
static struct page *listed_page(struct ktest *t, unsigned char age)
{
	struct page *page = alloc_page(GFP_KERNEL);

	if (!page) {
		ktest_fail(t, __FILE__, __LINE__, "no page to test with");
		return NULL;
	}
	SetPageLocked(page);
	page->age = age;
	lru_cache_add(page);
	return page;
}

static void drop(struct page *page)
{
	lru_cache_del(page);
	ClearPageLocked(page);
	__free_page(page);
}

static void new_page_enters_active_list(struct ktest *t)
{
	unsigned long active = nr_active_pages;
	struct page *page = listed_page(t, PAGE_AGE_START);

	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_TRUE(t, PageActive(page));
	KTEST_EXPECT_TRUE(t, page_on_list(page, &active_list));
	KTEST_EXPECT_EQ(t, nr_active_pages, active + 1);
	drop(page);
	KTEST_EXPECT_FALSE(t, PageActive(page));
	KTEST_EXPECT_EQ(t, nr_active_pages, active);
}

static void ageless_new_page_goes_inactive(struct ktest *t)
{
	unsigned long dirty = nr_inactive_dirty_pages;
	struct page *page = listed_page(t, 0);

	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_FALSE(t, PageActive(page));
	KTEST_EXPECT_TRUE(t, PageInactiveDirty(page));
	KTEST_EXPECT_TRUE(t, page_on_list(page, &inactive_dirty_list));
	KTEST_EXPECT_EQ(t, nr_inactive_dirty_pages, dirty + 1);
	drop(page);
	KTEST_EXPECT_EQ(t, nr_inactive_dirty_pages, dirty);
}

/* age_page_up: 0 -> activated at PAGE_AGE_START, then +PAGE_AGE_ADV. */
static void age_up_reactivates_and_caps(struct ktest *t)
{
	unsigned long acts = vm_events[PGACTIVATE];
	struct page *page = listed_page(t, 0);

	KTEST_ASSERT_NOT_NULL(t, page);
	age_page_up(page);
	KTEST_EXPECT_TRUE(t, PageActive(page));
	KTEST_EXPECT_EQ(t, page->age, PAGE_AGE_START + PAGE_AGE_ADV);
	KTEST_EXPECT_EQ(t, vm_events[PGACTIVATE], acts + 1);
	for (int i = 0; i < 30; i++)
		age_page_up(page);
	KTEST_EXPECT_EQ(t, page->age, PAGE_AGE_MAX);
	drop(page);
}

/* age_page_down halves; at 0 an unshared page becomes inactive_dirty. */
static void age_down_halves_then_deactivates(struct ktest *t)
{
	unsigned long deacts = vm_events[PGDEACTIVATE];
	struct page *page = listed_page(t, 5);

	KTEST_ASSERT_NOT_NULL(t, page);
	age_page_down(page);
	KTEST_EXPECT_EQ(t, page->age, 2);
	KTEST_EXPECT_TRUE(t, PageActive(page));
	age_page_down(page);
	KTEST_EXPECT_EQ(t, page->age, 1);
	age_page_down(page);
	KTEST_EXPECT_EQ(t, page->age, 0);
	KTEST_EXPECT_TRUE(t, PageInactiveDirty(page));
	KTEST_EXPECT_EQ(t, vm_events[PGDEACTIVATE], deacts + 1);
	drop(page);
}

static void age_down_ageonly_never_moves(struct ktest *t)
{
	struct page *page = listed_page(t, 1);

	KTEST_ASSERT_NOT_NULL(t, page);
	age_page_down_ageonly(page);
	KTEST_EXPECT_EQ(t, page->age, 0);
	KTEST_EXPECT_TRUE(t, PageActive(page));
	drop(page);
}

/* A page that processes still map (more references) stays active. */
static void shared_page_is_not_deactivated(struct ktest *t)
{
	struct page *page = listed_page(t, PAGE_AGE_START);

	KTEST_ASSERT_NOT_NULL(t, page);
	get_page(page);
	get_page(page);				/* count 3: mapped */
	deactivate_page(page);
	KTEST_EXPECT_TRUE(t, PageActive(page));
	KTEST_EXPECT_EQ(t, page->age, 0);	/* but its age is gone */
	put_page_testzero(page);
	deactivate_page(page);			/* count 2: cache + us */
	KTEST_EXPECT_TRUE(t, PageInactiveDirty(page));
	put_page_testzero(page);
	drop(page);
}

static void clean_page_reactivates_from_its_zone(struct ktest *t)
{
	struct page *page = listed_page(t, 0);
	zone_t *zone;
	unsigned long clean;

	KTEST_ASSERT_NOT_NULL(t, page);
	zone = page_zone(page);
	clean = zone->inactive_clean_pages;
	del_page_from_inactive_dirty_list(page);
	add_page_to_inactive_clean_list(page);	/* as page_launder does */
	KTEST_EXPECT_TRUE(t, page_on_list(page, &zone->inactive_clean_list));
	KTEST_EXPECT_EQ(t, zone->inactive_clean_pages, clean + 1);
	activate_page(page);
	KTEST_EXPECT_TRUE(t, PageActive(page));
	KTEST_EXPECT_FALSE(t, PageInactiveClean(page));
	KTEST_EXPECT_EQ(t, zone->inactive_clean_pages, clean);
	KTEST_EXPECT_EQ(t, page->age, PAGE_AGE_START);
	drop(page);
}

static const struct ktest_case swap_lists_cases[] = {
	KTEST_CASE(new_page_enters_active_list),
	KTEST_CASE(ageless_new_page_goes_inactive),
	KTEST_CASE(age_up_reactivates_and_caps),
	KTEST_CASE(age_down_halves_then_deactivates),
	KTEST_CASE(age_down_ageonly_never_moves),
	KTEST_CASE(shared_page_is_not_deactivated),
	KTEST_CASE(clean_page_reactivates_from_its_zone),
};
KTEST_SUITE_INIT_EXIT(swap_lists, swap_lists_cases, reclaim_machine_up,
		      reclaim_machine_down);
