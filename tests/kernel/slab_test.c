/*
 * kmalloc and kmem caches on real memory: many sizes at once with no
 * overlap, page alignment from 4 KiB on, constructors, DMA, bad frees.
 */
#include "kernel/kernel.h"
#include "lib/ktest.h"
#include "mm/debug.h"
#include "mm/mm.h"
#include "mm/slab.h"
#include "mm/vmscan.h"

static const size_t sizes[] = {
	1, 8, 31, 32, 33, 64, 100, 128, 200, 256, 500, 512, 513, 1000,
	1024, 2000, 2048, 3000, 4095, 4096, 4097, 8192, 10000, 16384,
	32768, 40000, 65536, 100000, 131072,
};

/* All sizes live at once, each filled with its own byte: none overlap. */
static void kmalloc_many_sizes(struct ktest *t)
{
	void *p[ARRAY_SIZE(sizes)];
	unsigned long free = nr_free_pages(), slabs = slab_pages;

	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		p[i] = kmalloc(sizes[i], GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, p[i]);
		if (sizes[i] >= PAGE_SIZE)
			KTEST_EXPECT_EQ(t, (unsigned long)p[i] & ~PAGE_MASK, 0);
		KTEST_EXPECT_TRUE(t, PageSlab(virt_to_page(p[i])));
		memset(p[i], (int)i + 1, sizes[i]);
	}
	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		const unsigned char *b = p[i];

		for (size_t j = 0; j < sizes[i]; j++)
			if (b[j] != i + 1) {
				KTEST_EXPECT_EQ(t, b[j], i + 1);
				break;
			}
		kfree(p[i]);
	}
	/* Caches keep their empty slabs: those pages, no more, are gone. */
	KTEST_EXPECT_EQ(t, free - nr_free_pages(), slab_pages - slabs);
	KTEST_EXPECT_EQ(t, check_mm_invariants(), 0);
}

static void kmalloc_too_big_is_null(struct ktest *t)
{
	KTEST_EXPECT_NULL(t, kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL));
}

static void kmalloc_dma_is_in_zone_dma(struct ktest *t)
{
	void *p = kmalloc(200, GFP_KERNEL | GFP_DMA);

	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_EQ(t, zone_idx(page_zone(virt_to_page(p))), ZONE_DMA);
	kfree(p);
}

static int ctor_calls;
static void fill_ctor(void *obj)
{
	memset(obj, 0x5a, 24);
	ctor_calls++;
}

/* Objects come constructed; a freed one comes back as it was left. */
static void cache_with_constructor(struct ktest *t)
{
	kmem_cache_t *c = kmem_cache_create("test_ctor", 24, 8, 0, fill_ctor);
	unsigned char *a, *b;

	KTEST_ASSERT_NOT_NULL(t, c);
	ctor_calls = 0;
	a = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_EXPECT_GT(t, ctor_calls, 0);
	for (int i = 0; i < 24; i++)
		KTEST_EXPECT_EQ(t, a[i], 0x5a);
	kmem_cache_free(c, a);
	b = kmem_cache_alloc(c, GFP_KERNEL);
	KTEST_EXPECT_PTR_EQ(t, b, a);
	for (int i = 0; i < 24; i++)
		KTEST_EXPECT_EQ(t, b[i], 0x5a);
	KTEST_EXPECT_EQ(t, kmem_cache_destroy(c), -EBUSY);
	kmem_cache_free(c, b);
	KTEST_EXPECT_EQ(t, kmem_cache_destroy(c), 0);
}

/* Many objects of one cache: distinct, aligned, all freed again. */
static void cache_many_objects(struct ktest *t)
{
	kmem_cache_t *c = kmem_cache_create("test_many", 100, 64, 0, NULL);
	static void *objs[500];
	unsigned long slabs = slab_pages;

	KTEST_ASSERT_NOT_NULL(t, c);
	for (int i = 0; i < 500; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		KTEST_ASSERT_NOT_NULL(t, objs[i]);
		KTEST_EXPECT_EQ(t, (unsigned long)objs[i] % 64, 0);
		memset(objs[i], i & 0xff, 100);
	}
	for (int i = 0; i < 500; i++) {
		KTEST_EXPECT_EQ(t, *(unsigned char *)objs[i], i & 0xff);
		kmem_cache_free(c, objs[i]);
	}
	KTEST_EXPECT_EQ(t, kmem_cache_destroy(c), 0);
	KTEST_EXPECT_EQ(t, slab_pages, slabs);
}

/*
 * Every cache's free slabs given back: one kmem_cache_reap() looks at
 * only REAP_SCANLEN caches, so a few calls that find nothing in a row
 * are needed to know that none is left anywhere.
 */
static void reap_everything(void)
{
	for (int idle = 0; idle < 8; )
		idle = kmem_cache_reap(GFP_KERNEL) ? 0 : idle + 1;
}

/*
 * A cache keeps the slabs its objects were freed from (2.4 does), and
 * kmem_cache_reap gives 80% of them back when it comes round to it
 * (not at once: it passes over a cache that has just grown).
 */
/* Fills c with 400 objects (into objs); false if one could not be had. */
static bool fill_cache(struct ktest *t, kmem_cache_t *c, void **objs)
{
	for (int i = 0; i < 400; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		KTEST_EXPECT_NOT_NULL(t, objs[i]);
		if (!objs[i])
			return false;
	}
	return true;
}

static void kmem_cache_reap_gives_back_free_slabs(struct ktest *t)
{
	kmem_cache_t *c = kmem_cache_create("test_reap", 200, 8, 0, NULL);
	static void *objs[400];
	unsigned long start, grown;
	int got = 0;

	KTEST_ASSERT_NOT_NULL(t, c);
	reap_everything();
	start = slab_pages;
	if (!fill_cache(t, c, objs))
		return;
	grown = slab_pages - start;
	KTEST_EXPECT_GE(t, grown, 20);
	for (int i = 0; i < 400; i++)
		kmem_cache_free(c, objs[i]);
	KTEST_EXPECT_EQ(t, slab_pages - start, grown);	/* kept */
	for (int calls = 0; !got && calls < 8; calls++)
		got = kmem_cache_reap(GFP_KERNEL);
	KTEST_EXPECT_EQ(t, got, (grown * 4 + 1) / 5);
	KTEST_EXPECT_EQ(t, slab_pages - start, grown - got);
	KTEST_EXPECT_EQ(t, kmem_cache_destroy(c), 0);
	KTEST_EXPECT_EQ(t, slab_pages, start);
}

/*
 * A round of reclaim trims the caches: do_try_to_free_pages() calls
 * kmem_cache_reap() whether or not there is a shortage (through
 * refill_inactive() if there is), so a cache's free slabs go back
 * within a few rounds.
 */
static void reclaim_rounds_reap_free_slabs(struct ktest *t)
{
	kmem_cache_t *c = kmem_cache_create("test_reclaim", 200, 8, 0, NULL);
	static void *objs[400];
	unsigned long start, kept;

	KTEST_ASSERT_NOT_NULL(t, c);
	reap_everything();
	start = slab_pages;
	if (!fill_cache(t, c, objs))
		return;
	for (int i = 0; i < 400; i++)
		kmem_cache_free(c, objs[i]);
	kept = slab_pages - start;
	for (int round = 0; round < 8 && slab_pages - start == kept; round++)
		do_try_to_free_pages(GFP_KSWAPD, 0);
	KTEST_EXPECT_LT(t, slab_pages - start, kept);
	KTEST_EXPECT_EQ(t, kmem_cache_destroy(c), 0);
}

static void bad_cache_arguments(struct ktest *t)
{
	KTEST_EXPECT_NULL(t, kmem_cache_create("x", 0, 0, 0, NULL));
	KTEST_EXPECT_NULL(t, kmem_cache_create("x", 16, 3, 0, NULL));
	KTEST_EXPECT_NULL(t, kmem_cache_create(NULL, 16, 0, 0, NULL));
}

/* kfree of a non-object or a freed object: reported, nothing broken. */
static void bad_kfree_is_refused(struct ktest *t)
{
	char *p = kmalloc(64, GFP_KERNEL), *q;
	unsigned long page = __get_free_page(GFP_KERNEL);

	KTEST_ASSERT_NOT_NULL(t, p);
	kfree(p + 1);			/* inside an object */
	kfree((void *)page);		/* a page, not from kmalloc */
	kfree(p);
	kfree(p);			/* twice */
	q = kmalloc(64, GFP_KERNEL);
	KTEST_EXPECT_PTR_EQ(t, q, p);	/* the free list is intact */
	KTEST_EXPECT_PTR_NE(t, kmalloc(64, GFP_KERNEL), q) ;
	free_page(page);
	kfree(q);
}

static const struct ktest_case slab_cases[] = {
	KTEST_CASE(kmalloc_many_sizes),
	KTEST_CASE(kmalloc_too_big_is_null),
	KTEST_CASE(kmalloc_dma_is_in_zone_dma),
	KTEST_CASE(cache_with_constructor),
	KTEST_CASE(cache_many_objects),
	KTEST_CASE(kmem_cache_reap_gives_back_free_slabs),
	KTEST_CASE(reclaim_rounds_reap_free_slabs),
	KTEST_CASE(bad_cache_arguments),
	KTEST_CASE(bad_kfree_is_refused),
};
KTEST_SUITE(mm_slab, slab_cases);
