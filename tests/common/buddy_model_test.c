/*
 * A long random alloc/free sequence checked against a simple model,
 * on the host (under ASan/UBSan, on a 4096-page fixture) and in the
 * kernel (on real memory): the same source, see buddy_model.h.
 *
 * The model is the list of blocks held.  After each allocation the
 * block must be aligned within its zone and overlap no block held;
 * each block is filled with a pattern of its own, which must be intact
 * when it is freed; the allocator's free count must always be the
 * starting count minus the pages held.  At the end everything is freed
 * and the free lists must be exactly as they started.
 */
#include "lib/ktest.h"
#include "lib/string.h"
#include "kernel/sched.h"
#include "mm/debug.h"
#include "mm/mm.h"
#include "tests/common/buddy_model.h"

#define STEPS		30000
#define MAX_HELD	256

struct held {
	struct page *page;
	unsigned long order;
	uint32_t tag;
};

static struct held held[MAX_HELD];
static int nheld;
static unsigned long pages_held;
static uint32_t rng_state;

static uint32_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

static void fill(const struct held *h)
{
	uint32_t *w = page_address(h->page);

	for (unsigned long i = 0; i < (PAGE_SIZE << h->order) / 4; i++)
		w[i] = h->tag ^ (uint32_t)i;
}

static bool intact(const struct held *h)
{
	const uint32_t *w = page_address(h->page);

	for (unsigned long i = 0; i < (PAGE_SIZE << h->order) / 4; i++)
		if (w[i] != (h->tag ^ (uint32_t)i))
			return false;
	return true;
}

static bool overlaps_held(struct page *page, unsigned long order)
{
	unsigned long start = page_to_pfn(page), end = start + (1UL << order);

	for (int i = 0; i < nheld; i++) {
		unsigned long s = page_to_pfn(held[i].page);

		if (start < s + (1UL << held[i].order) && s < end)
			return true;
	}
	return false;
}

/* Orders 0-6, small ones more often. */
static unsigned long random_order(void)
{
	unsigned long order = rng() % 7;

	return order > 3 ? rng() % (order + 1) : order;
}

static bool take(struct ktest *t, struct page *page, unsigned long order)
{
	static uint32_t tag;
	struct held *h = &held[nheld];
	unsigned long idx = page - page_zone(page)->zone_mem_map;

	KTEST_EXPECT_EQ(t, idx & ((1UL << order) - 1), 0);
	KTEST_EXPECT_FALSE(t, overlaps_held(page, order));
	*h = (struct held){ page, order, ++tag };
	fill(h);
	nheld++;
	pages_held += 1UL << order;
	return !t->failed;
}

static bool give_back(struct ktest *t, int i)
{
	KTEST_EXPECT_TRUE(t, intact(&held[i]));
	pages_held -= 1UL << held[i].order;
	__free_pages(held[i].page, held[i].order);
	held[i] = held[--nheld];
	return !t->failed;
}

static void random_sequence_matches_model(struct ktest *t)
{
	unsigned long start_free, bad = bad_page_count;
	int step;

	KTEST_ASSERT_TRUE(t, buddy_model_machine());
	start_free = nr_free_pages();
	nheld = 0;
	pages_held = 0;
	rng_state = 2463534242u;
	for (step = 0; step < STEPS && !t->failed; step++) {
		if (nheld && (nheld == MAX_HELD || rng() % 100 >= 55)) {
			give_back(t, rng() % nheld);
		} else {
			unsigned long order = random_order();
			struct page *page = alloc_pages(GFP_KERNEL, order);

			if (page)
				take(t, page, order);
		}
		KTEST_EXPECT_EQ(t, nr_free_pages(), start_free - pages_held);
		if (step % 2000 == 0)
			KTEST_EXPECT_EQ(t, check_mm_invariants(), 0);
		/* a long kernel loop gives way (sched.h's rule 2): the
		 * debug build's one outlasts the soft-lockup limit */
		cond_resched();
	}
	while (nheld)
		give_back(t, nheld - 1);
	KTEST_EXPECT_EQ(t, step, STEPS);
	KTEST_EXPECT_EQ(t, nr_free_pages(), start_free);
	KTEST_EXPECT_EQ(t, check_mm_invariants(), 0);
	KTEST_EXPECT_EQ(t, bad_page_count, bad);
	buddy_model_done();
}

static const struct ktest_case buddy_model_cases[] = {
	KTEST_CASE(random_sequence_matches_model),
};
KTEST_SUITE(mm_buddy_model, buddy_model_cases);
