/*
 * libFuzzer target: the buddy allocator (mm/page_alloc.c, same source
 * as the kernel's) driven by arbitrary alloc/free sequences on a small
 * two-node machine with all three zone types.
 *
 *	make fuzz FUZZ_SECONDS=300	(make check runs it for a few seconds)
 *
 * Each input is a list of 2-byte operations.  After every allocation
 * the block must be aligned, in a zone the request allows, and must
 * not overlap any block still held (a model of owners per page).
 * Every block carries its tag in its first and last word until it is
 * freed.  At the end everything is freed: the free lists must be as
 * they started, the invariant checker happy and no bad free reported.
 * Any broken promise aborts, which libFuzzer reports with the input.
 */
#include "lib/string.h"
#include "kernel/sched.h"
#include "mm/debug.h"
#include "mm/highmem.h"
#include "tests/host/mm_fixture.h"

#define MAX_LIVE	256

static const struct mm_layout layout = {
	.nodes = 2, .zones = { { 64, 192, 128 }, { 0, 128, 64 } },
};
#define PAGES		(64 + 192 + 128 + 128 + 64)

static const unsigned int gfps[4] = {
	GFP_KERNEL, GFP_ATOMIC, GFP_KERNEL | GFP_DMA, GFP_HIGHUSER
};

struct block {
	struct page *page;
	unsigned long order;
	uint32_t tag;
};

static struct block live[MAX_LIVE];
static int nlive;
static uint32_t owner[PAGES];

static void fail(const char *what)
{
	fprintf(stderr, "buddy_fuzz: %s\n", what);
	abort();
}

static uint32_t *word(struct page *page, unsigned long i)
{
	return (uint32_t *)kmap_atomic(page, KM_USER0) + i;
}

static void check_allowed_zone(const struct page *page, unsigned int gfp)
{
	int zone = zone_idx(page_zone(page));

	if ((gfp & __GFP_DMA) && zone != ZONE_DMA)
		fail("a GFP_DMA request got a page outside ZONE_DMA");
	if (!(gfp & __GFP_HIGHMEM) && zone == ZONE_HIGHMEM)
		fail("a request without __GFP_HIGHMEM got a HIGHMEM page");
}

static void take(struct page *page, unsigned long order, unsigned int gfp)
{
	unsigned long pfn = page_to_pfn(page), n = 1UL << order;
	struct block *b = &live[nlive++];
	static uint32_t tag;

	if ((page - page_zone(page)->zone_mem_map) & (n - 1))
		fail("block not aligned to its order within its zone");
	check_allowed_zone(page, gfp);
	for (unsigned long i = 0; i < n; i++)
		if (owner[pfn + i])
			fail("block overlaps one still held");
	*b = (struct block){ page, order, ++tag };
	for (unsigned long i = 0; i < n; i++)
		owner[pfn + i] = b->tag;
	*word(page, 0) = b->tag;
	*word(page + n - 1, PAGE_SIZE / 4 - 1) = b->tag;
}

static void give_back(int i)
{
	struct block *b = &live[i];
	unsigned long pfn = page_to_pfn(b->page), n = 1UL << b->order;

	if (*word(b->page, 0) != b->tag ||
	    *word(b->page + n - 1, PAGE_SIZE / 4 - 1) != b->tag)
		fail("a held block's contents changed");
	memset(&owner[pfn], 0, n * sizeof(owner[0]));
	__free_pages(b->page, b->order);
	*b = live[--nlive];
}

static void step(uint8_t op, uint8_t arg)
{
	if ((op & 3) == 3 && nlive) {
		give_back(arg % nlive);
	} else if (nlive < MAX_LIVE) {
		unsigned int gfp = gfps[(op >> 2) & 3];
		unsigned long order = arg % MAX_ORDER;
		struct page *page;

		if (op & 0x20)
			current->flags |= PF_MEMALLOC;
		page = alloc_pages_node((op >> 4) & 1, gfp, order);
		current->flags &= ~PF_MEMALLOC;
		if (page)
			take(page, order, gfp);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mm_snapshot start;

	if (!mm_fixture_setup(&layout))
		fail("out of host memory");
	mm_snapshot(&start);
	nlive = 0;
	memset(owner, 0, sizeof(owner));
	for (size_t i = 0; i + 1 < size; i += 2)
		step(data[i], data[i + 1]);
	if (check_mm_invariants())
		fail(mm_invariant_report);
	while (nlive)
		give_back(nlive - 1);
	if (check_mm_invariants())
		fail(mm_invariant_report);
	if (!mm_snapshot_equal(&start))
		fail("the free lists did not coalesce back to the start");
	if (bad_page_count)
		fail("a bad free was reported");
	mm_fixture_teardown();
	return 0;
}
