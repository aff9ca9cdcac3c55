/*
 * mlock on the VM's state (mm/mlock.c): a locked range is faulted in
 * (swapped-out pages too) and swap_out_mm() passes it over while it
 * takes the pages beside it; unlocked, they go like any others.
 * mlockall(MCL_FUTURE) locks new mappings.  vda is an 8 MiB swap area
 * (tests/suites.py).
 */
#include "lib/ktest.h"
#include "kernel/syscalls.h"
#include "mm/swap.h"
#include "tests/kernel/ktest_swap.h"

#define NR	8

static bool locked(struct mm_struct *mm, unsigned long addr)
{
	return find_vma(mm, addr)->vm_flags & VM_LOCKED;
}

static bool present(struct mm_struct *mm, unsigned long addr)
{
	pte_t *pte = pte_of(mm, addr);

	return pte && pte_present(*pte);
}

/* Makes every page of [addr, addr + n pages) look unused, then lets
 * swap_out_mm() look at all of them. */
static void swap_out_all(struct mm_struct *mm, unsigned long addr,
			 unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		unsigned long a = addr + i * PAGE_SIZE;

		if (!present(mm, a))
			continue;
		ptep_test_and_clear_young(pte_of(mm, a));
		flush_tlb_page(find_vma(mm, a), a);
		follow_page(mm, a)->age = 0;
	}
	mm->swap_address = 0;
	mm->swap_cnt = 4 * n;
	swap_out_mm(mm, GFP_KSWAPD);
}

static void mlock_faults_the_range_in(struct ktest *t)
{
	struct mm_struct *mm = enter_swapping_mm(t);
	unsigned long addr, fresh;

	if (!mm)
		return;
	addr = map_written_pages(4, 10);
	swap_out_page(mm, addr + PAGE_SIZE);
	KTEST_ASSERT_TRUE(t, !present(mm, addr + PAGE_SIZE));
	fresh = do_mmap(0, 2 * PAGE_SIZE, RW, PRIVATE_ANON);
	KTEST_EXPECT_EQ(t, mm->rss, 3);
	KTEST_EXPECT_EQ(t, sys_mlock(addr + 100, 4 * PAGE_SIZE - 100), 0);
	KTEST_EXPECT_EQ(t, sys_mlock(fresh, 2 * PAGE_SIZE), 0);
	for (int i = 0; i < 4; i++)
		KTEST_EXPECT_TRUE(t, present(mm, addr + i * PAGE_SIZE));
	KTEST_EXPECT_EQ(t, get_u32(addr + PAGE_SIZE), 11);
	/* written in: the pages are the process's own, not the zero page */
	KTEST_EXPECT_TRUE(t, present(mm, fresh + PAGE_SIZE) &&
			  pte_write(*pte_of(mm, fresh + PAGE_SIZE)));
	KTEST_EXPECT_EQ(t, mm->rss, 6);
	KTEST_EXPECT_TRUE(t, locked(mm, addr) && locked(mm, fresh));
	leave_mm(t, mm);
}

static void swap_out_passes_locked_pages_over(struct ktest *t)
{
	struct mm_struct *mm = enter_swapping_mm(t);
	unsigned long addr;

	if (!mm)
		return;
	addr = map_written_pages(NR, 20);
	KTEST_EXPECT_EQ(t, sys_mlock(addr, NR / 2 * PAGE_SIZE), 0);
	KTEST_EXPECT_TRUE(t, locked(mm, addr));
	KTEST_EXPECT_FALSE(t, locked(mm, addr + NR / 2 * PAGE_SIZE));
	swap_out_all(mm, addr, NR);
	for (int i = 0; i < NR; i++)
		KTEST_EXPECT_EQ(t, present(mm, addr + i * PAGE_SIZE), i < NR / 2);
	KTEST_EXPECT_EQ(t, sys_munlock(addr, NR / 2 * PAGE_SIZE), 0);
	KTEST_EXPECT_FALSE(t, locked(mm, addr));
	swap_out_all(mm, addr, NR);
	for (int i = 0; i < NR; i++)
		KTEST_EXPECT_FALSE(t, present(mm, addr + i * PAGE_SIZE));
	for (int i = 0; i < NR; i++)	/* and they come back */
		KTEST_EXPECT_EQ(t, get_u32(addr + i * PAGE_SIZE), 20 + i);
	leave_mm(t, mm);
}

static void mlockall_future_locks_new_mappings(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();
	unsigned long old, new;

	KTEST_ASSERT_NOT_NULL(t, mm);
	old = do_mmap(0, PAGE_SIZE, RW, PRIVATE_ANON);
	KTEST_EXPECT_EQ(t, sys_mlockall(MCL_CURRENT | MCL_FUTURE), 0);
	KTEST_EXPECT_TRUE(t, locked(mm, old) && present(mm, old));
	new = do_mmap(0, 3 * PAGE_SIZE, RW, PRIVATE_ANON);
	KTEST_EXPECT_TRUE(t, locked(mm, new) && present(mm, new + 2 * PAGE_SIZE));
	KTEST_EXPECT_EQ(t, mm->rss, 4);
	KTEST_EXPECT_EQ(t, sys_munlockall(), 0);
	KTEST_EXPECT_FALSE(t, locked(mm, old) || locked(mm, new));
	new = do_mmap(0, PAGE_SIZE, RW, PRIVATE_ANON);
	KTEST_EXPECT_FALSE(t, locked(mm, new) || present(mm, new));
	KTEST_EXPECT_EQ(t, sys_mlockall(MCL_FUTURE), 0);	/* only future */
	KTEST_EXPECT_FALSE(t, locked(mm, old));
	new = do_mmap(0, PAGE_SIZE, RW, PRIVATE_ANON);
	KTEST_EXPECT_TRUE(t, locked(mm, new));
	KTEST_EXPECT_EQ(t, sys_mlockall(0), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_mlockall(8), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_munlockall(), 0);
	leave_mm(t, mm);
}

static void bad_ranges(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();
	unsigned long addr, big;

	KTEST_ASSERT_NOT_NULL(t, mm);
	addr = map_written_pages(2, 30);
	KTEST_EXPECT_EQ(t, sys_mlock(addr + 2 * PAGE_SIZE, PAGE_SIZE), -ENOMEM);
	KTEST_EXPECT_EQ(t, sys_mlock(addr, 3 * PAGE_SIZE), -ENOMEM);
	KTEST_EXPECT_EQ(t, sys_mlock(addr, -2 * PAGE_SIZE), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_munlock(addr, 0), 0);
	/* more than half of RAM: 2.4.0's limit */
	big = do_mmap(0, (num_physpages / 2 + 1) * PAGE_SIZE, RW, PRIVATE_ANON);
	KTEST_ASSERT_TRUE(t, !mmap_error(big));
	KTEST_EXPECT_EQ(t, sys_mlock(big, (num_physpages / 2 + 1) * PAGE_SIZE),
			-ENOMEM);
	KTEST_EXPECT_FALSE(t, locked(mm, big));
	KTEST_EXPECT_EQ(t, mm->rss, 2);
	leave_mm(t, mm);
}

/*
 * The limit holds for locked mappings that grow or are made later:
 * mremap of a locked VMA and mmap after mlockall(MCL_FUTURE) past
 * half of RAM are EAGAIN (2.4.0's RLIMIT_MEMLOCK checks), and nothing
 * is mapped or faulted in.
 */
static void locked_growth_keeps_the_limit(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();
	unsigned long half = num_physpages / 2 * PAGE_SIZE, addr, big;

	KTEST_ASSERT_NOT_NULL(t, mm);
	addr = map_written_pages(1, 40);
	KTEST_EXPECT_EQ(t, sys_mlock(addr, PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, sys_mremap(addr, PAGE_SIZE, half + PAGE_SIZE,
				      MREMAP_MAYMOVE, 0), -EAGAIN);
	KTEST_EXPECT_EQ(t, find_vma(mm, addr)->vm_end, addr + PAGE_SIZE);
	KTEST_EXPECT_EQ(t, sys_mlockall(MCL_FUTURE), 0);
	big = do_mmap(0, half + PAGE_SIZE, RW, PRIVATE_ANON);
	KTEST_EXPECT_EQ(t, big, (unsigned long)-EAGAIN);
	KTEST_EXPECT_EQ(t, mm->rss, 1);
	KTEST_EXPECT_EQ(t, sys_munlockall(), 0);
	leave_mm(t, mm);
}

static const struct ktest_case mlock_cases[] = {
	KTEST_CASE(mlock_faults_the_range_in),
	KTEST_CASE(swap_out_passes_locked_pages_over),
	KTEST_CASE(mlockall_future_locks_new_mappings),
	KTEST_CASE(bad_ranges),
	KTEST_CASE(locked_growth_keeps_the_limit),
};
KTEST_SUITE(mlock, mlock_cases);
