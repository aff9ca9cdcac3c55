/*
 * HIGHMEM pages and kmap, on a 1 GiB machine (tests/suites.py): the
 * 128 MiB above 896 MiB are in ZONE_HIGHMEM, with no kernel address
 * until they are kmapped.
 */
#include "kernel/kernel.h"
#include "lib/ktest.h"
#include "mm/fixmap.h"
#include "mm/debug.h"
#include "mm/highmem.h"
#include "mm/internal.h"
#include "tests/kernel/ktest_pages.h"

static struct page *highpage(struct ktest *t)
{
	struct page *page;

	if (!totalhigh_pages) {
		/* tests/suites.py boots this suite with 1 GiB. */
		ktest_log(t, "no HIGHMEM: boot with more than 896 MiB");
		KTEST_EXPECT_GT(t, totalhigh_pages, 0);
		return NULL;
	}
	page = alloc_page(GFP_HIGHUSER);
	if (page && !PageHighMem(page)) {
		KTEST_EXPECT_TRUE(t, PageHighMem(page));
		__free_page(page);
		return NULL;
	}
	return page;
}

static void fill(void *addr, uint32_t seed)
{
	uint32_t *w = addr;

	for (unsigned i = 0; i < PAGE_SIZE / 4; i++)
		w[i] = seed ^ i;
}

static bool holds(const void *addr, uint32_t seed)
{
	const uint32_t *w = addr;

	for (unsigned i = 0; i < PAGE_SIZE / 4; i++)
		if (w[i] != (seed ^ i))
			return false;
	return true;
}

/* No address until kmapped; kmap's address is page_address() until kunmap. */
static void kmap_gives_an_address(struct ktest *t)
{
	struct page *page = highpage(t);
	void *addr;

	if (!page)
		return;
	KTEST_EXPECT_NULL(t, page_address(page));
	KTEST_EXPECT_EQ(t, zone_idx(page_zone(page)), ZONE_HIGHMEM);
	addr = kmap(page);
	KTEST_EXPECT_GE(t, (unsigned long)addr, PKMAP_BASE);
	KTEST_EXPECT_LT(t, (unsigned long)addr, PKMAP_ADDR(LAST_PKMAP));
	KTEST_EXPECT_PTR_EQ(t, page_address(page), addr);
	KTEST_EXPECT_PTR_EQ(t, kmap(page), addr);	/* nested: same slot */
	KTEST_EXPECT_EQ(t, kmap_slots_in_use(), 1);
	fill(addr, 0x1234);
	kunmap(page);
	kunmap(page);
	KTEST_EXPECT_EQ(t, kmap_slots_in_use(), 0);
	addr = kmap_atomic(page, KM_USER0);
	KTEST_EXPECT_EQ(t, (unsigned long)addr, fix_to_virt(FIX_KMAP_BEGIN +
							     KM_USER0));
	KTEST_EXPECT_TRUE(t, holds(addr, 0x1234));
	kunmap_atomic(addr, KM_USER0);
	__free_page(page);
}

/*
 * More kmaps than slots, one after the other: the slots are recycled
 * (flush_all_zero_pkmaps on wrap-around) and every page keeps its own
 * contents, read back through kmap_atomic.
 */
static void kmap_recycles_slots(struct ktest *t)
{
	enum { N = LAST_PKMAP + 300 };
	static struct page *pages[N];
	struct page *first = highpage(t);
	int n;

	if (!first)
		return;
	__free_page(first);
	for (n = 0; n < N; n++) {
		pages[n] = alloc_page(GFP_HIGHUSER);
		if (!pages[n] || !PageHighMem(pages[n]))
			break;
		fill(kmap(pages[n]), n * 7919);
		kunmap(pages[n]);
	}
	KTEST_EXPECT_EQ(t, n, N);
	for (int i = 0; i < n; i++) {
		void *addr = kmap_atomic(pages[i], KM_USER1);

		if (!holds(addr, i * 7919))
			KTEST_EXPECT_TRUE(t, holds(addr, i * 7919));
		kunmap_atomic(addr, KM_USER1);
		__free_page(pages[i]);
	}
	if (n < N && pages[n])
		__free_page(pages[n]);
	KTEST_EXPECT_EQ(t, kmap_slots_in_use(), 0);
}

static void highpage_helpers(struct ktest *t)
{
	struct page *a = highpage(t), *b = alloc_page(GFP_KERNEL);
	void *addr;

	if (!a) {
		if (b)
			__free_page(b);
		return;
	}
	KTEST_ASSERT_NOT_NULL(t, b);
	fill(page_address(b), 99);
	copy_highpage(a, b);
	addr = kmap(a);
	KTEST_EXPECT_TRUE(t, holds(addr, 99));
	kunmap(a);
	clear_highpage(a);
	addr = kmap_atomic(a, KM_USER0);
	KTEST_EXPECT_EQ(t, ((uint32_t *)addr)[0], 0);
	KTEST_EXPECT_EQ(t, ((uint32_t *)addr)[PAGE_SIZE / 4 - 1], 0);
	kunmap_atomic(addr, KM_USER0);
	/* A low-memory page needs no mapping: kmap is page_address. */
	KTEST_EXPECT_PTR_EQ(t, kmap(b), page_address(b));
	KTEST_EXPECT_PTR_EQ(t, kmap_atomic(b, KM_USER0), page_address(b));
	kunmap_atomic(page_address(b), KM_USER0);
	kunmap(b);
	__free_page(a);
	__free_page(b);
}

/*
 * GFP_HIGHUSER takes HIGHMEM while it is at or above pages_low, then
 * falls back to NORMAL; GFP_KERNEL never gets a HIGHMEM page.
 */
static void highmem_falls_back_to_normal(struct ktest *t)
{
	zone_t *hz = &NODE_DATA(0)->node_zones[ZONE_HIGHMEM];
	struct page *head = NULL, *page = highpage(t);
	unsigned long free;

	if (!page)
		return;
	__free_page(page);
	free = nr_free_pages();
	while ((page = alloc_page(GFP_HIGHUSER)) && PageHighMem(page))
		hold_page(&head, page);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_EQ(t, zone_idx(page_zone(page)), ZONE_NORMAL);
	KTEST_EXPECT_EQ(t, hz->free_pages, hz->pages_low - 1);
	__free_page(page);
	page = alloc_page(GFP_KERNEL);
	KTEST_EXPECT_FALSE(t, PageHighMem(page));
	__free_page(page);
	free_held_pages(head);
	KTEST_EXPECT_EQ(t, nr_free_pages(), free);
}

#ifdef CONFIG_DEBUG
/* Debug builds poison a freed HIGHMEM page too, through kmap_atomic. */
static void freed_highmem_page_is_poisoned(struct ktest *t)
{
	struct page *page = highpage(t);
	unsigned char *p;

	if (!page)
		return;
	__free_page(page);
	KTEST_EXPECT_TRUE(t, PagePoisoned(page));
	p = kmap_atomic(page, KM_USER0);
	KTEST_EXPECT_EQ(t, p[0], PAGE_POISON);
	KTEST_EXPECT_EQ(t, p[PAGE_SIZE - 1], PAGE_POISON);
	kunmap_atomic(p, KM_USER0);
}
#endif

static const struct ktest_case highmem_cases[] = {
	KTEST_CASE(kmap_gives_an_address),
	KTEST_CASE(kmap_recycles_slots),
	KTEST_CASE(highpage_helpers),
	KTEST_CASE(highmem_falls_back_to_normal),
#ifdef CONFIG_DEBUG
	KTEST_CASE(freed_highmem_page_is_poisoned),
#endif
};
KTEST_SUITE(mm_highmem, highmem_cases);
