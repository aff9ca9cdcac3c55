/*
 * madvise on the VM's state (mm/madvise.c): MADV_DONTNEED leaves no
 * PTE, page or swap slot behind, MADV_WILLNEED reads swapped-out pages
 * into the swap cache.  vda is an 8 MiB swap area (tests/suites.py).
 */
#include "lib/ktest.h"
#include "kernel/syscalls.h"
#include "mm/filemap.h"
#include "mm/swap.h"
#include "mm/swapops.h"
#include "tests/kernel/ktest_swap.h"

#define NR	4

static void dontneed_frees_pages_and_slots(struct ktest *t)
{
	struct mm_struct *mm = enter_swapping_mm(t);
	long free_slots = nr_swap_pages;
	unsigned long addr;
	swp_entry_t entry;

	if (!mm)
		return;
	addr = map_written_pages(NR, 100);
	swap_out_page(mm, addr + PAGE_SIZE);
	KTEST_ASSERT_TRUE(t, !pte_present(*pte_of(mm, addr + PAGE_SIZE)));
	entry = pte_to_swp_entry(*pte_of(mm, addr + PAGE_SIZE));
	KTEST_EXPECT_EQ(t, nr_swap_pages, free_slots - 1);
	KTEST_EXPECT_EQ(t, mm->rss, NR - 1);
	KTEST_EXPECT_EQ(t, sys_madvise(addr, 3 * PAGE_SIZE, MADV_DONTNEED), 0);
	for (int i = 0; i < 3; i++)
		KTEST_EXPECT_TRUE(t, pte_none(*pte_of(mm, addr + i * PAGE_SIZE)));
	KTEST_EXPECT_EQ(t, mm->rss, 1);		/* the fourth stays */
	KTEST_EXPECT_EQ(t, nr_swap_pages, free_slots);	/* slot freed */
	KTEST_EXPECT_FALSE(t, swap_entry_used(entry));
	KTEST_EXPECT_NULL(t, find_swap_page(entry));	/* out of the cache */
	KTEST_EXPECT_EQ(t, get_u32(addr), 0);	/* zero again */
	KTEST_EXPECT_EQ(t, get_u32(addr + PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, get_u32(addr + 3 * PAGE_SIZE), 103);
	leave_mm(t, mm);
}

static void willneed_reads_swapped_pages_into_the_cache(struct ktest *t)
{
	struct mm_struct *mm = enter_swapping_mm(t);
	unsigned long addr;
	swp_entry_t entry;
	struct page *page;

	if (!mm)
		return;
	addr = map_written_pages(NR, 200);
	entry = get_swap_page();
	KTEST_ASSERT_NE(t, entry.val, 0);
	/* as if page 2 had been written out and had left the cache */
	replace_page_by_pte(mm, addr + 2 * PAGE_SIZE, swp_entry_to_pte(entry));
	KTEST_ASSERT_TRUE(t, !find_swap_page(entry));
	KTEST_EXPECT_EQ(t, sys_madvise(addr, NR * PAGE_SIZE, MADV_WILLNEED),
			0);
	page = find_swap_page(entry);
	KTEST_ASSERT_NOT_NULL(t, page);
	wait_on_page(page);
	KTEST_EXPECT_TRUE(t, PageUptodate(page));
	KTEST_EXPECT_FALSE(t, pte_present(*pte_of(mm, addr + 2 * PAGE_SIZE)));
	put_page(page);
	leave_mm(t, mm);
}

static void bad_ranges_and_advice(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();
	unsigned long addr;

	KTEST_ASSERT_NOT_NULL(t, mm);
	addr = map_written_pages(3, 300);
	KTEST_EXPECT_EQ(t, sys_madvise(addr + 1, PAGE_SIZE, MADV_DONTNEED),
			-EINVAL);
	KTEST_EXPECT_EQ(t, sys_madvise(addr, PAGE_SIZE, 99), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_madvise(addr, -PAGE_SIZE, MADV_NORMAL),
			-EINVAL);
	KTEST_EXPECT_EQ(t, sys_madvise(addr, 0, MADV_DONTNEED), 0);
	KTEST_EXPECT_EQ(t, do_munmap(mm, addr + PAGE_SIZE, PAGE_SIZE), 0);
	/* a hole: the pages around it are zapped all the same */
	KTEST_EXPECT_EQ(t, sys_madvise(addr, 3 * PAGE_SIZE, MADV_DONTNEED),
			-ENOMEM);
	KTEST_EXPECT_EQ(t, mm->rss, 0);
	KTEST_EXPECT_EQ(t, sys_madvise(addr + PAGE_SIZE, PAGE_SIZE,
				       MADV_NORMAL), -ENOMEM);
	leave_mm(t, mm);
}

static const struct ktest_case madvise_cases[] = {
	KTEST_CASE(dontneed_frees_pages_and_slots),
	KTEST_CASE(willneed_reads_swapped_pages_into_the_cache),
	KTEST_CASE(bad_ranges_and_advice),
};
KTEST_SUITE(madvise, madvise_cases);
