/*
 * Nodes and zonelists on a machine with two NUMA nodes (tests/suites.py
 * boots this suite with QEMU -numa, so the SRAT describes them).
 */
#include "kernel/fork.h"
#include "kernel/kernel.h"
#include "kernel/syscalls.h"
#include "lib/ktest.h"
#include "mm/migrate.h"
#include "mm/internal.h"
#include "mm/numa.h"
#include "mm/vmstat.h"
#include "tests/common/isolate.h"
#include "tests/kernel/ktest_mm.h"
#include "tests/kernel/ktest_pages.h"

static int page_node(const struct page *page)
{
	return page_zone(page)->zone_pgdat->node_id;
}

static bool two_nodes(struct ktest *t)
{
	if (numnodes >= 2)
		return true;
	/* tests/suites.py boots this suite with two QEMU -numa nodes. */
	ktest_log(t, "needs two NUMA nodes (QEMU -numa, or numa=fake=2)");
	KTEST_EXPECT_GE(t, numnodes, 2);
	return false;
}

/* The SRAT's nodes: node 0 from pfn 0, node 1 right after, to the end. */
static void nodes_cover_all_memory(struct ktest *t)
{
	if (!two_nodes(t))
		return;
	KTEST_EXPECT_EQ(t, numnodes, 2);
	KTEST_EXPECT_EQ(t, NODE_DATA(0)->node_start_pfn, 0);
	KTEST_EXPECT_EQ(t, NODE_DATA(1)->node_start_pfn,
			NODE_DATA(0)->node_size);
	KTEST_EXPECT_EQ(t, NODE_DATA(1)->node_start_pfn +
			NODE_DATA(1)->node_size, max_mapnr);
	KTEST_EXPECT_EQ(t, numa_node_id(), 0);
}

/* Local node first, then the other; HIGHMEM -> NORMAL -> DMA in each. */
static void zonelists_are_local_first(struct ktest *t)
{
	pg_data_t *n0 = NODE_DATA(0), *n1 = NODE_DATA(1);
	zone_t **zl;

	if (!two_nodes(t))
		return;
	/* 128 MiB: node 0 has DMA and Normal, node 1 only Normal. */
	zl = n1->node_zonelists[ZONE_NORMAL].zones;
	KTEST_EXPECT_PTR_EQ(t, zl[0], &n1->node_zones[ZONE_NORMAL]);
	KTEST_EXPECT_PTR_EQ(t, zl[1], &n0->node_zones[ZONE_NORMAL]);
	KTEST_EXPECT_PTR_EQ(t, zl[2], &n0->node_zones[ZONE_DMA]);
	KTEST_EXPECT_NULL(t, zl[3]);
	zl = n0->node_zonelists[ZONE_HIGHMEM].zones;
	KTEST_EXPECT_PTR_EQ(t, zl[0], &n0->node_zones[ZONE_NORMAL]);
	KTEST_EXPECT_PTR_EQ(t, zl[1], &n0->node_zones[ZONE_DMA]);
	KTEST_EXPECT_PTR_EQ(t, zl[2], &n1->node_zones[ZONE_NORMAL]);
	zl = n1->node_zonelists[ZONE_DMA].zones;
	KTEST_EXPECT_PTR_EQ(t, zl[0], &n0->node_zones[ZONE_DMA]);
	KTEST_EXPECT_NULL(t, zl[1]);
}

static void allocation_is_node_local(struct ktest *t)
{
	struct page *a, *b, *c;

	if (!two_nodes(t))
		return;
	a = alloc_pages_node(1, GFP_KERNEL, 0);
	b = alloc_pages_node(0, GFP_KERNEL, 3);
	c = alloc_pages(GFP_KERNEL, 0);		/* the CPU's node: 0 */
	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_ASSERT_NOT_NULL(t, b);
	KTEST_ASSERT_NOT_NULL(t, c);
	KTEST_EXPECT_EQ(t, page_node(a), 1);
	KTEST_EXPECT_EQ(t, page_node(b), 0);
	KTEST_EXPECT_EQ(t, page_node(c), 0);
	__free_pages(a, 0);
	__free_pages(b, 3);
	__free_pages(c, 0);
	KTEST_EXPECT_NULL(t, alloc_pages_node(5, GFP_KERNEL, 0));
	KTEST_EXPECT_NULL(t, alloc_pages_node(-1, GFP_KERNEL, 0));
}

/*
 * 2.4's first pass takes a zone only while it is at or above pages_low:
 * node 1 serves until its Normal zone drops below that, then node 0,
 * without reclaiming anything (one zonelist over both nodes, where
 * 2.4.0's alloc_pages would run node 1's slow path first).
 */
static void falls_back_to_the_other_node(struct ktest *t)
{
	zone_t *z1 = &NODE_DATA(1)->node_zones[ZONE_NORMAL];
	struct page *head = NULL, *page;
	unsigned long n = 0, free = nr_free_pages();
	unsigned long stalls = vm_events[ALLOCSTALL];

	if (!two_nodes(t))
		return;
	while ((page = alloc_pages_node(1, GFP_KERNEL, 0)) &&
	       page_node(page) == 1) {
		hold_page(&head, page);
		n++;
	}
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_EQ(t, page_node(page), 0);
	KTEST_EXPECT_EQ(t, z1->free_pages, z1->pages_low - 1);
	KTEST_EXPECT_EQ(t, vm_events[ALLOCSTALL], stalls);
	__free_page(page);
	free_held_pages(head);
	KTEST_EXPECT_EQ(t, nr_free_pages(), free);
	ktest_log(t, "node 1 gave %lu pages before node 0 took over", n);
}

/*
 * __GFP_THISNODE (what migration's targets use): node 1's pages only,
 * down to its reserve, then NULL while node 0 still has plenty.
 */
static void thisnode_stays_on_the_node(struct ktest *t)
{
	zone_t *z1 = &NODE_DATA(1)->node_zones[ZONE_NORMAL];
	struct page *head = NULL, *page;
	unsigned long n = 0, free = nr_free_pages();

	if (!two_nodes(t))
		return;
	while ((page = alloc_pages_node(1, GFP_KERNEL | __GFP_THISNODE,
					0))) {
		KTEST_EXPECT_EQ(t, page_node(page), 1);
		if (page_node(page) != 1) {
			__free_page(page);
			break;
		}
		hold_page(&head, page);
		n++;
	}
	KTEST_EXPECT_LT(t, z1->free_pages, z1->pages_min);
	KTEST_EXPECT_GT(t, nr_free_pages() - z1->free_pages, free / 4);
	free_held_pages(head);
	KTEST_EXPECT_EQ(t, nr_free_pages(), free);
	ktest_log(t, "node 1 gave %lu pages, then none", n);
}

/* move_pages(2)'s arguments in the user page at args: three each. */
#define ARG_PAGES	0
#define ARG_NODES	64
#define ARG_STATUS	128

static long move_three_to_node_1(unsigned long args, int flags)
{
	return sys_move_pages(0, 3, (void *const *)(args + ARG_PAGES),
			      (const int *)(args + ARG_NODES),
			      (int *)(args + ARG_STATUS), flags);
}

static int status_of(unsigned long args, int i)
{
	return (int)get_u32(args + ARG_STATUS + 4 * i);
}

/*
 * move_pages(2)'s answer for each page: its new node for a page that
 * moved; -EACCES for a page another process maps too, unless
 * MPOL_MF_MOVE_ALL (then it moves, and the other process's PTE
 * follows); -EBUSY for a page that cannot be isolated (here: being
 * migrated already).  None of those counts as "tried and not moved".
 */
static void move_pages_answers_shared_and_busy(struct ktest *t)
{
	struct mm_struct *mm, *child;
	unsigned long data, args;
	struct page *busy;
	LIST_HEAD(l);

	if (!two_nodes(t))
		return;
	mm = enter_new_mm();
	KTEST_ASSERT_NOT_NULL(t, mm);
	data = do_mmap(0, 3 * PAGE_SIZE, RW, PRIVATE_ANON);
	args = do_mmap(0, PAGE_SIZE, RW, PRIVATE_ANON);
	for (int i = 0; i < 3; i++)
		put_u32(data + i * PAGE_SIZE, 100 + i);
	child = dup_mm(mm);		/* shares all three */
	KTEST_ASSERT_NOT_NULL(t, child);
	for (int i = 0; i < 3; i++) {
		put_u32(args + ARG_PAGES + 4 * i, data + i * PAGE_SIZE);
		put_u32(args + ARG_NODES + 4 * i, 1);
		if (i != 1)		/* copy-on-write: ours alone */
			put_u32(data + i * PAGE_SIZE, 100 + i);
	}
	busy = follow_page(mm, data + 2 * PAGE_SIZE);
	KTEST_ASSERT_TRUE(t, isolated_for_test(t, busy));
	list_add(&busy->lru, &l);
	KTEST_EXPECT_EQ(t, move_three_to_node_1(args, MPOL_MF_MOVE), 0);
	KTEST_EXPECT_EQ(t, status_of(args, 0), 1);
	KTEST_EXPECT_EQ(t, status_of(args, 1), -EACCES);
	KTEST_EXPECT_EQ(t, status_of(args, 2), -EBUSY);
	KTEST_EXPECT_EQ(t, page_node(follow_page(child, data + PAGE_SIZE)), 0);
	putback_lru_pages(&l);
	KTEST_EXPECT_EQ(t, move_three_to_node_1(args, MPOL_MF_MOVE_ALL), 0);
	for (int i = 0; i < 3; i++) {
		KTEST_EXPECT_EQ(t, status_of(args, i), 1);
		KTEST_EXPECT_EQ(t, page_node(follow_page(mm, data +
							 i * PAGE_SIZE)), 1);
		KTEST_EXPECT_EQ(t, get_u32(data + i * PAGE_SIZE), 100 + i);
	}
	KTEST_EXPECT_PTR_EQ(t, follow_page(child, data + PAGE_SIZE),
			    follow_page(mm, data + PAGE_SIZE));
	mmput(child);
	leave_mm(t, mm);
}

static const struct ktest_case numa_cases[] = {
	KTEST_CASE(nodes_cover_all_memory),
	KTEST_CASE(zonelists_are_local_first),
	KTEST_CASE(allocation_is_node_local),
	KTEST_CASE(falls_back_to_the_other_node),
	KTEST_CASE(thisnode_stays_on_the_node),
	KTEST_CASE(move_pages_answers_shared_and_busy),
};
KTEST_SUITE(mm_numa, numa_cases);
