/*
 * Compaction (mm/compaction.c) on real user pages.  The test thread
 * takes an address space of its own and fills it until no zone has a
 * free order-9 block left, a kernel page now and then among the user
 * pages (unmovable, as slab and page tables are); then it unmaps every
 * other page, so half the memory is free again but in single pages.
 * An order-9 allocation that may not compact fails there; after
 * compact_zone(), or through direct compaction in __alloc_pages(), it
 * succeeds, and every word of every user page and kernel page is still
 * what was written.
 */
#include "kernel/kernel.h"
#include "lib/ktest.h"
#include "mm/compaction.h"
#include "mm/internal.h"
#include "mm/vmstat.h"
#include "tests/kernel/ktest_mm.h"
#include "tests/kernel/ktest_pages.h"

#define TOP_ORDER	(MAX_ORDER - 1)
#define KERNEL_EVERY	2048	/* a kernel page after so many user pages */

/* What one case fragmented. */
struct fragmented {
	struct mm_struct *mm;
	unsigned long addr;		/* the mapping */
	unsigned long pages;		/* its pages, half of them unmapped */
	struct page *kernel_pages;	/* held, chained by hold_page() */
	unsigned long nr_kernel;
	struct page *blocks;		/* order-9 blocks that formed anyway */
};

static uint32_t buf[PAGE_SIZE / 4];

static uint32_t word_of(unsigned long addr, unsigned int w)
{
	return (uint32_t)addr * 2654435761u ^ w;
}

static void fill_user_page(unsigned long addr)
{
	for (unsigned int w = 0; w < PAGE_SIZE / 4; w++)
		buf[w] = word_of(addr, w);
	copy_to_user((void *)addr, buf, PAGE_SIZE);
}

static bool user_page_intact(unsigned long addr)
{
	if (copy_from_user(buf, (void *)addr, PAGE_SIZE))
		return false;
	for (unsigned int w = 0; w < PAGE_SIZE / 4; w++)
		if (buf[w] != word_of(addr, w))
			return false;
	return true;
}

static bool kernel_page_intact(struct page *page)
{
	uint32_t *p = page_address(page);

	for (unsigned int w = 0; w < PAGE_SIZE / 4; w++)
		if (p[w] != word_of(page_to_pfn(page), w))
			return false;
	return true;
}

/* A kernel page with a pattern in every word, held (ktest_pages.h). */
static void hold_kernel_page(struct fragmented *f)
{
	struct page *page = alloc_page(GFP_KERNEL);
	uint32_t *p;

	if (!page)
		return;
	p = page_address(page);
	for (unsigned int w = 0; w < PAGE_SIZE / 4; w++)
		p[w] = word_of(page_to_pfn(page), w);
	hold_page(&f->kernel_pages, page);
	f->nr_kernel++;
}

/*
 * Fills user pages until no zone has a free order-9 block, then unmaps
 * every other one.  Allocation takes the smallest free blocks first,
 * so the order-9 blocks go last: this takes nearly all free memory for
 * a moment (there is no swap, so nothing is swapped out meanwhile).
 */
static bool fragment(struct ktest *t, struct fragmented *f)
{
	unsigned long room = nr_free_pages();

	memset(f, 0, sizeof(*f));
	f->mm = enter_new_mm();
	KTEST_EXPECT_NOT_NULL(t, f->mm);
	if (!f->mm)
		return false;
	f->addr = do_mmap(0, room * PAGE_SIZE, RW, PRIVATE_ANON);
	KTEST_EXPECT_LT(t, f->addr, TASK_SIZE);
	if (f->addr >= TASK_SIZE)
		return false;
	while (nr_free_blocks(TOP_ORDER) && f->pages < room) {
		fill_user_page(f->addr + f->pages * PAGE_SIZE);
		if (++f->pages % KERNEL_EVERY == 0)
			hold_kernel_page(f);
	}
	KTEST_EXPECT_EQ(t, nr_free_blocks(TOP_ORDER), 0);
	/* zap, not munmap: one VMA, not thousands (MAX_MAP_COUNT) */
	for (unsigned long i = 1; i < f->pages; i += 2)
		zap_page_range(f->mm, f->addr + i * PAGE_SIZE, PAGE_SIZE);
	/*
	 * A block may still form of pages freed meanwhile (kswapd ran while
	 * memory was short): hold it, so that none is free to start with.
	 */
	for (struct page *b; (b = alloc_pages(GFP_ATOMIC, TOP_ORDER)); ) {
		b->list.next = (struct list_head *)f->blocks;
		f->blocks = b;
	}
	ktest_log(t, "%lu user pages, %lu kernel pages; every other user "
		  "page unmapped: %lu pages free, %lu order-9 blocks",
		  f->pages, f->nr_kernel, nr_free_pages(),
		  nr_free_blocks(TOP_ORDER));
	KTEST_EXPECT_EQ(t, nr_free_blocks(TOP_ORDER), 0);
	return nr_free_blocks(TOP_ORDER) == 0;
}

/* Every word of every page that stayed, user and kernel; then tidy up. */
static void check_and_release(struct ktest *t, struct fragmented *f)
{
	unsigned long bad = 0;

	if (!f->mm)
		return;
	for (unsigned long i = 0; i < f->pages; i += 2)
		if (!user_page_intact(f->addr + i * PAGE_SIZE))
			bad++;
	for (struct page *p = f->kernel_pages; p;
	     p = (struct page *)p->list.next)
		if (!kernel_page_intact(p))
			bad++;
	KTEST_EXPECT_EQ(t, bad, 0);
	free_held_pages(f->kernel_pages);
	while (f->blocks) {
		struct page *b = f->blocks;

		f->blocks = (struct page *)b->list.next;
		INIT_LIST_HEAD(&b->list);
		__free_pages(b, TOP_ORDER);
	}
	leave_mm(t, f->mm);
}

/* Without compaction there is no order-9 block; after compact_zone there is. */
static void compact_makes_an_order_9_block(struct ktest *t)
{
	unsigned long scanned = vm_events[COMPACTMIGRATE_SCANNED];
	struct compact_stats st = { 0 };
	struct fragmented f;
	struct page *block;
	pg_data_t *pgdat;

	if (!fragment(t, &f))
		goto out;
	/* no __GFP_WAIT: reclaim and direct compaction are not allowed */
	KTEST_EXPECT_NULL(t, alloc_pages(GFP_ATOMIC, TOP_ORDER));
	for_each_pgdat(pgdat)
		for (int j = 0; j < MAX_NR_ZONES; j++)
			if (pgdat->node_zones[j].realsize)
				compact_zone(&pgdat->node_zones[j], -1, &st);
	ktest_log(t, "compacted: %lu pages scanned, %lu of %lu moved, %lu "
		  "order-9 blocks free", st.migrate_scanned, st.moved,
		  st.isolated, nr_free_blocks(TOP_ORDER));
	KTEST_EXPECT_GT(t, st.moved, 0);
	KTEST_EXPECT_GT(t, vm_events[COMPACTMIGRATE_SCANNED], scanned);
	block = alloc_pages(GFP_ATOMIC, TOP_ORDER);
	KTEST_EXPECT_NOT_NULL(t, block);
	if (block)
		__free_pages(block, TOP_ORDER);
out:
	check_and_release(t, &f);
}

/* An allocation that may wait compacts by itself (compact_stall). */
static void direct_compaction_serves_an_order_9_request(struct ktest *t)
{
	unsigned long stall = vm_events[COMPACTSTALL];
	unsigned long success = vm_events[COMPACTSUCCESS];
	struct fragmented f;
	struct page *block;

	if (!fragment(t, &f))
		goto out;
	block = alloc_pages(GFP_KERNEL, TOP_ORDER);
	KTEST_EXPECT_NOT_NULL(t, block);
	KTEST_EXPECT_EQ(t, vm_events[COMPACTSTALL], stall + 1);
	KTEST_EXPECT_EQ(t, vm_events[COMPACTSUCCESS], success + 1);
	if (block)
		__free_pages(block, TOP_ORDER);
out:
	check_and_release(t, &f);
}

/* The kernel pages among the user pages keep their blocks from forming. */
static void kernel_pages_block_their_blocks(struct ktest *t)
{
	struct compact_stats st = { 0 };
	unsigned long blocked = 0;
	struct fragmented f;
	pg_data_t *pgdat;

	if (!fragment(t, &f))
		goto out;
	for_each_pgdat(pgdat)
		for (int j = 0; j < MAX_NR_ZONES; j++) {
			zone_t *z = &pgdat->node_zones[j];

			if (!z->realsize)
				continue;
			compact_zone(z, -1, &st);
			blocked += unmovable_blocks(z);
		}
	ktest_log(t, "%lu kernel pages held; %lu order-9 blocks hold an "
		  "unmovable page, %lu are free", f.nr_kernel, blocked,
		  nr_free_blocks(TOP_ORDER));
	KTEST_EXPECT_GT(t, blocked, 0);
	for (struct page *p = f.kernel_pages; p;
	     p = (struct page *)p->list.next)
		KTEST_EXPECT_FALSE(t, PageBuddy(p));
out:
	check_and_release(t, &f);
}

static const struct ktest_case compaction_cases[] = {
	KTEST_CASE(compact_makes_an_order_9_block),
	KTEST_CASE(direct_compaction_serves_an_order_9_request),
	KTEST_CASE(kernel_pages_block_their_blocks),
};
KTEST_SUITE(compaction, compaction_cases);
