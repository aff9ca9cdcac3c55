/*
 * mremap on the VM's state (mm/mremap.c): a move carries present PTEs
 * (their rmap entries follow them), swap entries (slot and swap cache
 * unchanged) and the rss; shrinking unmaps the tail, growing in place
 * extends the VMA; MREMAP_FIXED moves to the address given; bad
 * arguments are refused.  vda is an 8 MiB swap area (tests/suites.py).
 */
#include "lib/ktest.h"
#include "kernel/syscalls.h"
#include "mm/swap.h"
#include "tests/kernel/ktest_swap.h"

#define P	PAGE_SIZE

static bool no_pte(struct mm_struct *mm, unsigned long addr)
{
	pte_t *pte = pte_of(mm, addr);

	return !pte || pte_none(*pte);
}

static bool mapped(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	return vma && vma->vm_start <= addr;
}

static void move_carries_ptes_rmap_and_swap_entries(struct ktest *t)
{
	struct mm_struct *mm = enter_swapping_mm(t);
	unsigned long addr, new, rss;
	struct pte_chain *cursor;
	struct page *page0, *cached;
	swp_entry_t entry;
	long slots;

	if (!mm)
		return;
	addr = map_written_pages(4, 40);
	/* a read-only neighbour: the range cannot grow in place */
	KTEST_ASSERT_EQ(t, do_mmap(addr + 4 * P, P, PROT_READ,
				   PRIVATE_ANON | MAP_FIXED), addr + 4 * P);
	swap_out_page(mm, addr + P);
	KTEST_ASSERT_TRUE(t, !pte_present(*pte_of(mm, addr + P)));
	entry = pte_to_swp_entry(*pte_of(mm, addr + P));
	page0 = follow_page(mm, addr);
	slots = nr_swap_pages;
	rss = mm->rss;
	new = sys_mremap(addr, 4 * P, 8 * P, MREMAP_MAYMOVE, 0);
	KTEST_ASSERT_TRUE(t, !mmap_error(new) && new != addr);
	for (int i = 0; i < 4; i++)
		KTEST_EXPECT_TRUE(t, no_pte(mm, addr + i * P));
	KTEST_EXPECT_FALSE(t, mapped(mm, addr));
	KTEST_EXPECT_PTR_EQ(t, follow_page(mm, new), page0);
	KTEST_EXPECT_PTR_EQ(t, rmap_first(page0, &cursor), pte_of(mm, new));
	KTEST_EXPECT_EQ(t, rmap_count(page0), 1);
	KTEST_EXPECT_EQ(t, pte_to_swp_entry(*pte_of(mm, new + P)).val,
			entry.val);
	KTEST_EXPECT_EQ(t, nr_swap_pages, slots);
	cached = find_swap_page(entry);
	KTEST_EXPECT_NOT_NULL(t, cached);
	if (cached)
		put_page(cached);
	KTEST_EXPECT_EQ(t, mm->rss, rss);
	for (int i = 0; i < 4; i++)
		KTEST_EXPECT_EQ(t, get_u32(new + i * P), 40 + i);
	KTEST_EXPECT_EQ(t, get_u32(new + 7 * P), 0);
	leave_mm(t, mm);
}

static void shrink_and_grow_in_place(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();
	unsigned long addr;

	KTEST_ASSERT_NOT_NULL(t, mm);
	addr = map_written_pages(4, 50);
	KTEST_EXPECT_EQ(t, sys_mremap(addr, 4 * P, 2 * P, 0, 0), addr);
	KTEST_EXPECT_EQ(t, mm->rss, 2);
	KTEST_EXPECT_FALSE(t, mapped(mm, addr + 2 * P));
	KTEST_EXPECT_EQ(t, sys_mremap(addr, 2 * P, 6 * P, 0, 0), addr);
	KTEST_EXPECT_EQ(t, find_vma(mm, addr)->vm_end, addr + 6 * P);
	KTEST_EXPECT_EQ(t, get_u32(addr + P), 51);
	KTEST_EXPECT_EQ(t, get_u32(addr + 3 * P), 0);	/* new, zero */
	KTEST_ASSERT_EQ(t, do_mmap(addr + 6 * P, P, PROT_READ,
				   PRIVATE_ANON | MAP_FIXED), addr + 6 * P);
	KTEST_EXPECT_EQ(t, sys_mremap(addr, 6 * P, 8 * P, 0, 0), -ENOMEM);
	KTEST_EXPECT_EQ(t, find_vma(mm, addr)->vm_end, addr + 6 * P);
	leave_mm(t, mm);
}

static void fixed_moves_there_and_locked_stays_locked(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();
	unsigned long addr, to;

	KTEST_ASSERT_NOT_NULL(t, mm);
	addr = map_written_pages(2, 60);
	to = addr + 64 * P;
	KTEST_EXPECT_EQ(t, sys_mlock(addr, 2 * P), 0);
	KTEST_EXPECT_EQ(t, sys_mremap(addr, 2 * P, 3 * P,
				      MREMAP_MAYMOVE | MREMAP_FIXED, to), to);
	KTEST_EXPECT_FALSE(t, mapped(mm, addr));
	KTEST_EXPECT_TRUE(t, find_vma(mm, to)->vm_flags & VM_LOCKED);
	/* the grown page of a locked VMA is there at once */
	KTEST_EXPECT_TRUE(t, !no_pte(mm, to + 2 * P) &&
			  pte_present(*pte_of(mm, to + 2 * P)));
	KTEST_EXPECT_EQ(t, get_u32(to + P), 61);
	KTEST_EXPECT_EQ(t, mm->rss, 3);
	leave_mm(t, mm);
}

static void bad_arguments(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();
	unsigned long addr;

	KTEST_ASSERT_NOT_NULL(t, mm);
	addr = map_written_pages(4, 70);
	KTEST_EXPECT_EQ(t, sys_mremap(addr + 1, P, 2 * P, 1, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_mremap(addr, P, 2 * P, 4, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_mremap(addr, P, 2 * P, MREMAP_FIXED,
				      addr + 64 * P), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_mremap(addr, 2 * P, 2 * P, 3, addr + P),
			-EINVAL);	/* overlapping */
	KTEST_EXPECT_EQ(t, sys_mremap(addr, P, 0, 1, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_mremap(addr, 0, P, 1, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_mremap(addr + 8 * P, P, 2 * P, 1, 0), -EFAULT);
	KTEST_EXPECT_EQ(t, sys_mremap(addr, 5 * P, 6 * P, 1, 0), -EFAULT);
	KTEST_EXPECT_EQ(t, mm->rss, 4);
	KTEST_EXPECT_EQ(t, find_vma(mm, addr)->vm_end, addr + 4 * P);
	leave_mm(t, mm);
}

static const struct ktest_case mremap_cases[] = {
	KTEST_CASE(move_carries_ptes_rmap_and_swap_entries),
	KTEST_CASE(shrink_and_grow_in_place),
	KTEST_CASE(fixed_moves_there_and_locked_stays_locked),
	KTEST_CASE(bad_arguments),
};
KTEST_SUITE(mremap, mremap_cases);
