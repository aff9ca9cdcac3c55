/*
 * sysinfo from the VM's own counts (kernel/info.c): free RAM falls by
 * the pages an allocation takes, free swap by the slots taken, and
 * both come back.  vda is an 8 MiB swap area (tests/suites.py).
 */
#include "kernel/abi.h"
#include "lib/ktest.h"
#include "mm/mm.h"
#include "mm/swap.h"

#define NR_TAKEN	64

/* A sysinfo field in pages, whatever mem_unit it came in. */
static unsigned long pages(const struct sysinfo *si, unsigned long v)
{
	return (unsigned long)((unsigned long long)v * si->mem_unit /
			       PAGE_SIZE);
}

static void sysinfo_follows_free_ram(struct ktest *t)
{
	struct page *taken[NR_TAKEN];
	struct sysinfo before, held, after;
	unsigned long free;
	int n = 0;

	do_sysinfo(&before);
	free = nr_free_pages();
	KTEST_EXPECT_EQ(t, before.mem_unit, 1);	/* 64 MiB + 8 MiB: bytes */
	KTEST_EXPECT_EQ(t, pages(&before, before.totalram), totalram_pages);
	KTEST_EXPECT_EQ(t, pages(&before, before.freeram), free);
	KTEST_EXPECT_GE(t, before.procs, 2);	/* init, kswapd at least */
	while (n < NR_TAKEN && (taken[n] = alloc_page(GFP_KERNEL)))
		n++;
	KTEST_ASSERT_EQ(t, n, NR_TAKEN);
	do_sysinfo(&held);
	KTEST_EXPECT_EQ(t, pages(&held, held.freeram), nr_free_pages());
	KTEST_EXPECT_GE(t, pages(&before, before.freeram) -
			pages(&held, held.freeram), NR_TAKEN);
	while (n)
		__free_page(taken[--n]);
	do_sysinfo(&after);
	KTEST_EXPECT_EQ(t, pages(&after, after.freeram), nr_free_pages());
	KTEST_EXPECT_GT(t, after.freeram, held.freeram);
}

static void sysinfo_follows_swap_slots(struct ktest *t)
{
	struct sysinfo before, held, after;
	swp_entry_t slot;

	do_sysinfo(&before);
	KTEST_ASSERT_TRUE(t, total_swap_pages > 0);
	KTEST_EXPECT_EQ(t, pages(&before, before.totalswap), total_swap_pages);
	KTEST_EXPECT_EQ(t, pages(&before, before.freeswap), nr_swap_pages);
	slot = get_swap_page();
	KTEST_ASSERT_NE(t, slot.val, 0);
	do_sysinfo(&held);
	KTEST_EXPECT_EQ(t, pages(&before, before.freeswap) -
			pages(&held, held.freeswap), 1);
	swap_free(slot);
	do_sysinfo(&after);
	KTEST_EXPECT_EQ(t, after.freeswap, before.freeswap);
	KTEST_EXPECT_EQ(t, after.totalswap, before.totalswap);
}

static const struct ktest_case sysinfo_cases[] = {
	KTEST_CASE(sysinfo_follows_free_ram),
	KTEST_CASE(sysinfo_follows_swap_slots),
};
KTEST_SUITE(sysinfo, sysinfo_cases);
