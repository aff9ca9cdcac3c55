/*
 * Host unit tests of watermarks and zonelists (mm/page_alloc.c):
 * the 2.4 arithmetic against values worked out by hand, and which
 * zone each request is served from as zones fill up.
 */
#include "lib/ktest.h"
#include "lib/string.h"
#include "mm/swap.h"
#include "tests/host/mm_fixture.h"

static zone_t *zone(int nid, int j)
{
	return &NODE_DATA(nid)->node_zones[j];
}

/*
 * mask = realsize / ratio (32 for DMA, 128 otherwise), clamped to
 * [10, 255]; min = mask, low = 2 mask, high = 3 mask:
 *   DMA     4096 pages: 4096 / 32  = 128          -> 128 256 384
 *   Normal 225280:      225280/128 = 1760 -> 255  -> 255 510 765
 *   HighMem  2000:      2000 / 128 = 15           ->  15  30  45
 *   node 1 DMA 200:     200 / 32   = 6    -> 10   ->  10  20  30
 *   node 1 Normal 1300: 1300 / 128 = 10           ->  10  20  30
 *   node 1 HighMem 0:   no zone, no watermarks
 * freepages sums them: min 418, low 836, high 1254.
 */
static void watermarks_as_2_4_computes_them(struct ktest *t)
{
	static const struct mm_layout layout = {
		.nodes = 2, .zones = { { 4096, 225280, 2000 },
				       { 200, 1300, 0 } },
	};
	static const unsigned long want[2][3] = {
		{ 128, 255, 15 }, { 10, 10, 0 } };

	KTEST_ASSERT_TRUE(t, mm_fixture_zones_only(&layout));
	for (int nid = 0; nid < 2; nid++) {
		for (int j = 0; j < MAX_NR_ZONES; j++) {
			zone_t *z = zone(nid, j);

			KTEST_EXPECT_EQ(t, z->pages_min, want[nid][j]);
			KTEST_EXPECT_EQ(t, z->pages_low, 2 * want[nid][j]);
			KTEST_EXPECT_EQ(t, z->pages_high, 3 * want[nid][j]);
		}
	}
	KTEST_EXPECT_EQ(t, freepages.min, 418);
	KTEST_EXPECT_EQ(t, freepages.low, 836);
	KTEST_EXPECT_EQ(t, freepages.high, 1254);
	mm_fixture_teardown();
}

/* Holes do not count: realsize = size - holes. */
static void watermarks_use_present_pages(struct ktest *t)
{
	static struct page map[3000];
	static const unsigned long sizes[MAX_NR_ZONES] = { 1000, 2000, 0 };
	static const unsigned long holes[MAX_NR_ZONES] = { 360, 0, 0 };

	KTEST_ASSERT_TRUE(t, mm_fixture_zones_only(&(struct mm_layout){
		.nodes = 1, .zones = { { 1, 0, 0 } } }));
	mm_fixture_teardown();
	memset(&freepages, 0, sizeof(freepages));
	mem_map = map;
	max_mapnr = 3000;
	pgdat_list = NULL;
	free_area_init_node(0, NODE_DATA(0), map, sizes, 0, holes);
	KTEST_EXPECT_EQ(t, zone(0, ZONE_DMA)->realsize, 640);
	KTEST_EXPECT_EQ(t, zone(0, ZONE_DMA)->pages_min, 20);	/* 640/32 */
	KTEST_EXPECT_EQ(t, zone(0, ZONE_NORMAL)->pages_min, 15);
	KTEST_EXPECT_TRUE(t, PageReserved(&map[0]));
	KTEST_EXPECT_EQ(t, page_zone(&map[1500]), zone(0, ZONE_NORMAL));
	mem_map = NULL;
	pgdat_list = NULL;
}

/* Two nodes, each with every zone; node 1 lacks DMA. */
static const struct mm_layout two_nodes = {
	.nodes = 2, .zones = { { 256, 512, 512 }, { 0, 512, 512 } },
};

static void zonelists_local_node_first(struct ktest *t)
{
	zone_t **zl;

	KTEST_ASSERT_TRUE(t, mm_fixture_setup(&two_nodes));
	zl = NODE_DATA(0)->node_zonelists[ZONE_HIGHMEM].zones;
	KTEST_EXPECT_PTR_EQ(t, zl[0], zone(0, ZONE_HIGHMEM));
	KTEST_EXPECT_PTR_EQ(t, zl[1], zone(0, ZONE_NORMAL));
	KTEST_EXPECT_PTR_EQ(t, zl[2], zone(0, ZONE_DMA));
	KTEST_EXPECT_PTR_EQ(t, zl[3], zone(1, ZONE_HIGHMEM));
	KTEST_EXPECT_PTR_EQ(t, zl[4], zone(1, ZONE_NORMAL));
	KTEST_EXPECT_NULL(t, zl[5]);
	zl = NODE_DATA(1)->node_zonelists[ZONE_NORMAL].zones;
	KTEST_EXPECT_PTR_EQ(t, zl[0], zone(1, ZONE_NORMAL));
	KTEST_EXPECT_PTR_EQ(t, zl[1], zone(0, ZONE_NORMAL));
	KTEST_EXPECT_PTR_EQ(t, zl[2], zone(0, ZONE_DMA));
	KTEST_EXPECT_NULL(t, zl[3]);
	zl = NODE_DATA(1)->node_zonelists[ZONE_DMA].zones;
	KTEST_EXPECT_PTR_EQ(t, zl[0], zone(0, ZONE_DMA));
	KTEST_EXPECT_NULL(t, zl[1]);
	mm_fixture_teardown();
}

/*
 * Allocating from node 1 with GFP_HIGHUSER until nothing is left:
 * each zone of the list serves until it drops below pages_low (the
 * first pass), in the list's order; then the later passes go down to
 * pages_min and the reserve.  GFP_DMA is only ever served by DMA, and
 * GFP_KERNEL never by HIGHMEM.
 */
static void fallback_follows_the_zonelist(struct ktest *t)
{
	zone_t *order[8];
	int n = 0, pages = 0;
	struct page *page;
	zone_t *last = NULL;

	KTEST_ASSERT_TRUE(t, mm_fixture_setup(&two_nodes));
	cpu_node = 1;
	while ((page = alloc_pages(GFP_HIGHUSER, 0))) {
		zone_t *z = page_zone(page);

		pages++;
		if (z == last)
			continue;
		if (last && n < 5)	/* the first pass leaves at low - 1 */
			KTEST_EXPECT_EQ(t, last->free_pages,
					last->pages_low - 1);
		if (n < 8)
			order[n++] = z;
		last = z;
	}
	KTEST_ASSERT_TRUE(t, n >= 5);
	KTEST_EXPECT_PTR_EQ(t, order[0], zone(1, ZONE_HIGHMEM));
	KTEST_EXPECT_PTR_EQ(t, order[1], zone(1, ZONE_NORMAL));
	KTEST_EXPECT_PTR_EQ(t, order[2], zone(0, ZONE_HIGHMEM));
	KTEST_EXPECT_PTR_EQ(t, order[3], zone(0, ZONE_NORMAL));
	KTEST_EXPECT_PTR_EQ(t, order[4], zone(0, ZONE_DMA));
	/* What is left: each zone's last reserve, pages_min / 4 - 1. */
	for (int nid = 0; nid < 2; nid++)
		for (int j = 0; j < MAX_NR_ZONES; j++)
			if (zone(nid, j)->realsize)
				KTEST_EXPECT_EQ(t, zone(nid, j)->free_pages,
					zone(nid, j)->pages_min / 4 - 1);
	mm_fixture_teardown();
}

/*
 * __alloc_pages_limit() passes over a zone at its watermark and takes
 * from the next zone of the list: every later pass of __alloc_pages()
 * relies on it to fall back.  Node 0's HIGHMEM zone is held at its
 * pages_high, so PAGES_HIGH must be served by its NORMAL zone.
 */
static void alloc_pages_limit_goes_on_down_the_zonelist(struct ktest *t)
{
	zonelist_t *zl;
	struct page *page;

	KTEST_ASSERT_TRUE(t, mm_fixture_setup(&two_nodes));
	zl = NODE_DATA(0)->node_zonelists + ZONE_HIGHMEM;
	KTEST_ASSERT_TRUE(t, zl->zones[0] == zone(0, ZONE_HIGHMEM));
	while (zl->zones[0]->free_pages > zl->zones[0]->pages_high)
		KTEST_ASSERT_NOT_NULL(t, rmqueue(zl->zones[0], 0));
	page = __alloc_pages_limit(zl, 0, PAGES_HIGH, 0);
	if (!page || page_zone(page) != zone(0, ZONE_NORMAL))
		ktest_fail(t, __FILE__, __LINE__, "__alloc_pages_limit: with "
			   "the zonelist's first zone (HIGHMEM) at pages_high "
			   "it returned %s; expected a page of the next zone, "
			   "NORMAL", page ? "a page of another zone" : "NULL");
	mm_fixture_teardown();
}

/*
 * free_shortage() looks at every zone of every node: one zone below its
 * pages_min is short of free pages even when the machine as a whole
 * has plenty (2.4.0's per-zone check), here node 1's NORMAL zone.
 */
static void free_shortage_counts_a_short_zone_on_any_node(struct ktest *t)
{
	zone_t *z = zone(1, ZONE_NORMAL);

	KTEST_ASSERT_TRUE(t, mm_fixture_setup(&two_nodes));
	KTEST_EXPECT_EQ(t, free_shortage(), 0);
	while (z->free_pages > z->pages_min - 5)
		KTEST_ASSERT_NOT_NULL(t, rmqueue(z, 0));
	if (free_shortage() != 6)
		ktest_fail(t, __FILE__, __LINE__, "free_shortage: %d with node "
			   "1's NORMAL zone 5 pages below its pages_min (%lu) "
			   "and every other zone well above; expected 6 (a "
			   "short zone counts, on every node)", free_shortage(),
			   z->pages_min);
	mm_fixture_teardown();
}

static void dma_and_kernel_requests_stay_in_their_zones(struct ktest *t)
{
	struct page *page;
	int dma = 0;

	KTEST_ASSERT_TRUE(t, mm_fixture_setup(&two_nodes));
	cpu_node = 1;
	while ((page = alloc_pages(GFP_DMA, 0))) {
		KTEST_EXPECT_PTR_EQ(t, page_zone(page), zone(0, ZONE_DMA));
		dma++;
	}
	KTEST_EXPECT_GT(t, dma, 200);
	while ((page = alloc_pages(GFP_KERNEL, 0)))
		KTEST_EXPECT_FALSE(t, PageHighMem(page));
	KTEST_EXPECT_EQ(t, zone(1, ZONE_HIGHMEM)->free_pages, 512);
	KTEST_EXPECT_EQ(t, zone(0, ZONE_HIGHMEM)->free_pages, 512);
	mm_fixture_teardown();
}

/* __GFP_THISNODE's lists hold the node's own zones and nothing else. */
static void thisnode_lists_stop_at_the_node(struct ktest *t)
{
	zone_t **zl;

	KTEST_ASSERT_TRUE(t, mm_fixture_setup(&two_nodes));
	zl = NODE_DATA(0)->thisnode_zonelists[ZONE_HIGHMEM].zones;
	KTEST_EXPECT_PTR_EQ(t, zl[0], zone(0, ZONE_HIGHMEM));
	KTEST_EXPECT_PTR_EQ(t, zl[1], zone(0, ZONE_NORMAL));
	KTEST_EXPECT_PTR_EQ(t, zl[2], zone(0, ZONE_DMA));
	KTEST_EXPECT_NULL(t, zl[3]);
	zl = NODE_DATA(1)->thisnode_zonelists[ZONE_NORMAL].zones;
	KTEST_EXPECT_PTR_EQ(t, zl[0], zone(1, ZONE_NORMAL));
	KTEST_EXPECT_NULL(t, zl[1]);
	/* node 1 has no DMA zone: nothing to offer */
	KTEST_EXPECT_NULL(t, NODE_DATA(1)->thisnode_zonelists[ZONE_DMA]
			     .zones[0]);
	mm_fixture_teardown();
}

/*
 * Allocating from node 1 with __GFP_THISNODE until nothing is left:
 * every page is node 1's, and node 0 gives nothing, where the same
 * request without the bit falls back to node 0 (the case above).
 */
static void thisnode_allocation_never_leaves_the_node(struct ktest *t)
{
	unsigned long node0_free;
	struct page *page;
	int pages = 0;

	KTEST_ASSERT_TRUE(t, mm_fixture_setup(&two_nodes));
	node0_free = zone(0, ZONE_DMA)->free_pages +
		     zone(0, ZONE_NORMAL)->free_pages +
		     zone(0, ZONE_HIGHMEM)->free_pages;
	cpu_node = 0;
	while ((page = alloc_pages_node(1, GFP_HIGHUSER | __GFP_THISNODE,
					0))) {
		KTEST_EXPECT_EQ(t, page_zone(page)->zone_pgdat->node_id, 1);
		pages++;
	}
	KTEST_EXPECT_GT(t, pages, 900);
	KTEST_EXPECT_EQ(t, zone(0, ZONE_DMA)->free_pages +
			   zone(0, ZONE_NORMAL)->free_pages +
			   zone(0, ZONE_HIGHMEM)->free_pages, node0_free);
	KTEST_EXPECT_NULL(t, alloc_pages_node(1, GFP_DMA | __GFP_THISNODE,
					      0));
	mm_fixture_teardown();
}

static const struct ktest_case zonelist_cases[] = {
	KTEST_CASE(watermarks_as_2_4_computes_them),
	KTEST_CASE(watermarks_use_present_pages),
	KTEST_CASE(zonelists_local_node_first),
	KTEST_CASE(fallback_follows_the_zonelist),
	KTEST_CASE(alloc_pages_limit_goes_on_down_the_zonelist),
	KTEST_CASE(free_shortage_counts_a_short_zone_on_any_node),
	KTEST_CASE(dma_and_kernel_requests_stay_in_their_zones),
	KTEST_CASE(thisnode_lists_stop_at_the_node),
	KTEST_CASE(thisnode_allocation_never_leaves_the_node),
};
KTEST_SUITE(host_zonelist, zonelist_cases);
