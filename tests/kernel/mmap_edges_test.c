/*
 * mmap2, munmap, mprotect and brk at the edges of user space: just
 * below and above 2 GiB (where an address held in a long turns
 * negative), the top of user space at TASK_SIZE (3 GiB), lengths that
 * overflow, and ranges that span several VMAs.  Where a request must
 * fail, the answer is the one Linux gives and nothing changes.
 */
#include "kernel/abi.h"
#include "kernel/syscalls.h"
#include "lib/errno.h"
#include "lib/ktest.h"
#include "mm/mmap.h"
#include "mm/slab.h"
#include "tests/kernel/ktest_mm.h"

#define TWO_GIB		0x80000000UL
#define FIXED_ANON	(PRIVATE_ANON | MAP_FIXED)

/* Writes v at addr and reads it back: 1 if the page is really there. */
static int holds(unsigned long addr, uint32_t v)
{
	return put_u32(addr, v) == 0 && get_u32(addr) == v;
}

/* The VMA that contains addr, or NULL. */
static struct vm_area_struct *vma_at(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	return vma && vma->vm_start <= addr ? vma : NULL;
}

/*
 * The gap search climbs past 2 GiB when everything below is taken:
 * the range it finds is mapped and usable (it used to be taken for an
 * error, -ENOMEM or so, because it was negative as a long, and
 * nothing was mapped, though sys_mmap2 handed the address out).
 */
static void mmap_finds_room_above_2g(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();
	unsigned long low, addr;

	KTEST_ASSERT_NOT_NULL(t, mm);
	/* everything from TASK_UNMAPPED_BASE to a page below 2 GiB */
	low = do_mmap(TASK_UNMAPPED_BASE, TWO_GIB - PAGE_SIZE -
		      TASK_UNMAPPED_BASE, RW, FIXED_ANON);
	KTEST_EXPECT_EQ(t, low, TASK_UNMAPPED_BASE);
	/* two pages: the last one below 2 GiB and the first above */
	addr = do_mmap(0, 2 * PAGE_SIZE, RW, PRIVATE_ANON);
	KTEST_EXPECT_FALSE(t, mmap_error(addr));
	KTEST_EXPECT_EQ(t, addr, TWO_GIB - PAGE_SIZE);
	KTEST_EXPECT_TRUE(t, holds(TWO_GIB - 4, 1));
	KTEST_EXPECT_TRUE(t, holds(TWO_GIB, 2));
	/* and the next one wholly above */
	addr = do_mmap(0, 3 * PAGE_SIZE, RW, PRIVATE_ANON);
	KTEST_EXPECT_EQ(t, addr, TWO_GIB + PAGE_SIZE);
	KTEST_ASSERT_NOT_NULL(t, vma_at(mm, addr + 2 * PAGE_SIZE));
	KTEST_EXPECT_TRUE(t, holds(addr + 2 * PAGE_SIZE, 3));
	KTEST_EXPECT_EQ(t, mm->total_vm,
			(TWO_GIB + 4 * PAGE_SIZE - TASK_UNMAPPED_BASE) >>
			PAGE_SHIFT);
	KTEST_EXPECT_EQ(t, mm->rss, 3);
	leave_mm(t, mm);
}

/* Hints and MAP_FIXED at and above 2 GiB, up to the last free gap. */
static void mmap_hints_and_fixed_above_2g(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();
	unsigned long addr;

	KTEST_ASSERT_NOT_NULL(t, mm);
	addr = do_mmap(TWO_GIB, PAGE_SIZE, RW, PRIVATE_ANON);
	KTEST_EXPECT_EQ(t, addr, TWO_GIB);
	KTEST_EXPECT_TRUE(t, holds(TWO_GIB, 4));
	addr = do_mmap(0xa0000000, PAGE_SIZE, RW, FIXED_ANON);
	KTEST_EXPECT_EQ(t, addr, 0xa0000000);
	KTEST_EXPECT_TRUE(t, holds(0xa0000ffc, 5));
	/* a taken hint is only a hint: the search finds another place */
	addr = do_mmap(TWO_GIB, PAGE_SIZE, RW, PRIVATE_ANON);
	KTEST_EXPECT_FALSE(t, mmap_error(addr));
	KTEST_EXPECT_NE(t, addr, TWO_GIB);
	/* the highest place the search may use ends at MMAP_END */
	KTEST_EXPECT_EQ(t, do_mmap(TASK_UNMAPPED_BASE, MMAP_END -
				   TASK_UNMAPPED_BASE - 2 * PAGE_SIZE, RW,
				   FIXED_ANON), TASK_UNMAPPED_BASE);
	KTEST_EXPECT_EQ(t, do_mmap(0, 3 * PAGE_SIZE, RW, PRIVATE_ANON),
			(unsigned long)-ENOMEM);
	addr = do_mmap(0, 2 * PAGE_SIZE, RW, PRIVATE_ANON);
	KTEST_EXPECT_EQ(t, addr, MMAP_END - 2 * PAGE_SIZE);
	KTEST_EXPECT_TRUE(t, holds(MMAP_END - 4, 6));
	KTEST_EXPECT_EQ(t, do_mmap(0, PAGE_SIZE, RW, PRIVATE_ANON),
			(unsigned long)-ENOMEM);
	leave_mm(t, mm);
}

/*
 * The top of user space: a mapping may end exactly at TASK_SIZE; one
 * that would cross it, or a length that overflows, is refused as
 * Linux refuses it (-ENOMEM), and nothing is mapped.
 */
static void mmap_at_the_top_of_user_space(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();
	unsigned long addr, top = TASK_SIZE - 2 * PAGE_SIZE;

	KTEST_ASSERT_NOT_NULL(t, mm);
	addr = do_mmap(top, 2 * PAGE_SIZE, RW, FIXED_ANON);
	KTEST_EXPECT_EQ(t, addr, top);
	KTEST_EXPECT_TRUE(t, holds(TASK_SIZE - 4, 7));
	KTEST_EXPECT_EQ(t, mm->mmap->vm_end, TASK_SIZE);
	KTEST_EXPECT_EQ(t, do_mmap(TASK_SIZE - PAGE_SIZE, 2 * PAGE_SIZE, RW,
				   FIXED_ANON), (unsigned long)-ENOMEM);
	KTEST_EXPECT_EQ(t, do_mmap(TASK_SIZE, PAGE_SIZE, RW, FIXED_ANON),
			(unsigned long)-ENOMEM);
	KTEST_EXPECT_EQ(t, do_mmap(0xfffff000, PAGE_SIZE, RW, FIXED_ANON),
			(unsigned long)-ENOMEM);
	/* lengths: more than user space, and one PAGE_ALIGN would wrap */
	KTEST_EXPECT_EQ(t, do_mmap(0, TASK_SIZE + 1, RW, PRIVATE_ANON),
			(unsigned long)-ENOMEM);
	KTEST_EXPECT_EQ(t, do_mmap(0, 0xffffffff, RW, PRIVATE_ANON),
			(unsigned long)-ENOMEM);
	KTEST_EXPECT_EQ(t, do_mmap(MMAP_MIN_ADDR, 0xfffff000, RW, FIXED_ANON),
			(unsigned long)-ENOMEM);
	KTEST_EXPECT_EQ(t, do_mmap(0, TASK_SIZE, RW, PRIVATE_ANON),
			(unsigned long)-ENOMEM);
	KTEST_EXPECT_EQ(t, do_mmap(0, 0, RW, PRIVATE_ANON),
			(unsigned long)-EINVAL);
	KTEST_EXPECT_EQ(t, do_mmap(0x1000, PAGE_SIZE, RW, FIXED_ANON),
			(unsigned long)-EPERM);
	/* a hint in the kernel's quarter or wrapping: mapped elsewhere */
	addr = do_mmap(0xfffff000, PAGE_SIZE, RW, PRIVATE_ANON);
	KTEST_EXPECT_EQ(t, addr, TASK_UNMAPPED_BASE);
	KTEST_EXPECT_EQ(t, mm->map_count, 2);
	KTEST_EXPECT_EQ(t, mm->total_vm, 3);
	/* what mmap2 itself says to a caller above 2 GiB */
	KTEST_EXPECT_EQ(t, (unsigned long)sys_mmap2(0xb0000000, PAGE_SIZE, RW,
						    PRIVATE_ANON, -1, 0),
			0xb0000000);
	KTEST_EXPECT_TRUE(t, holds(0xb0000000, 8));
	leave_mm(t, mm);
}

/* Two VMAs of two pages meeting at 2 GiB: read-write below, read-only above. */
static void map_two_across_2g(struct ktest *t, struct mm_struct *mm)
{
	do_mmap(TWO_GIB - 2 * PAGE_SIZE, 2 * PAGE_SIZE, RW, FIXED_ANON);
	do_mmap(TWO_GIB, 2 * PAGE_SIZE, PROT_READ, FIXED_ANON);
	KTEST_EXPECT_EQ(t, mm->map_count, 2);
}

/* munmap across 2 GiB and two VMAs, and at the top of user space. */
static void munmap_at_the_edges(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();
	unsigned long top = TASK_SIZE - 2 * PAGE_SIZE;

	KTEST_ASSERT_NOT_NULL(t, mm);
	map_two_across_2g(t, mm);
	put_u32(TWO_GIB - 2 * PAGE_SIZE, 1);
	put_u32(TWO_GIB - PAGE_SIZE, 2);
	/* the middle two pages: one of each VMA */
	KTEST_EXPECT_EQ(t, do_munmap(mm, TWO_GIB - PAGE_SIZE, 2 * PAGE_SIZE),
			0);
	KTEST_EXPECT_EQ(t, mm->map_count, 2);
	KTEST_EXPECT_EQ(t, mm->total_vm, 2);
	KTEST_EXPECT_EQ(t, mm->rss, 1);
	KTEST_EXPECT_NULL(t, vma_at(mm, TWO_GIB - PAGE_SIZE));
	KTEST_EXPECT_NULL(t, vma_at(mm, TWO_GIB));
	KTEST_EXPECT_EQ(t, get_u32(TWO_GIB - 2 * PAGE_SIZE), 1);
	KTEST_EXPECT_NOT_NULL(t, vma_at(mm, TWO_GIB + PAGE_SIZE));

	do_mmap(top, 2 * PAGE_SIZE, RW, FIXED_ANON);
	/* crossing TASK_SIZE, at it, or a length that wraps: -EINVAL */
	KTEST_EXPECT_EQ(t, do_munmap(mm, TASK_SIZE - PAGE_SIZE,
				     2 * PAGE_SIZE), -EINVAL);
	KTEST_EXPECT_EQ(t, do_munmap(mm, TASK_SIZE, PAGE_SIZE), -EINVAL);
	KTEST_EXPECT_EQ(t, do_munmap(mm, top, 0xffffffff), -EINVAL);
	KTEST_EXPECT_EQ(t, do_munmap(mm, TWO_GIB, 0xfffff000), -EINVAL);
	KTEST_EXPECT_EQ(t, mm->total_vm, 4);
	/* ending exactly at the top: the last page goes */
	KTEST_EXPECT_EQ(t, do_munmap(mm, TASK_SIZE - PAGE_SIZE, PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, mm->total_vm, 3);
	KTEST_EXPECT_NULL(t, vma_at(mm, TASK_SIZE - PAGE_SIZE));
	/* everything from 2 GiB to the top at once */
	KTEST_EXPECT_EQ(t, do_munmap(mm, TWO_GIB, TASK_SIZE - TWO_GIB), 0);
	KTEST_EXPECT_EQ(t, mm->map_count, 1);
	KTEST_EXPECT_EQ(t, mm->total_vm, 1);
	leave_mm(t, mm);
}

/* mprotect across 2 GiB and two VMAs, and at the top of user space. */
static void mprotect_at_the_edges(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();
	unsigned long top = TASK_SIZE - 2 * PAGE_SIZE;

	KTEST_ASSERT_NOT_NULL(t, mm);
	map_two_across_2g(t, mm);
	/* the two middle pages read-write: one VMA of four pages */
	KTEST_EXPECT_EQ(t, do_mprotect(TWO_GIB - PAGE_SIZE, 2 * PAGE_SIZE, RW),
			0);
	KTEST_EXPECT_EQ(t, mm->map_count, 2);
	KTEST_EXPECT_EQ(t, vma_at(mm, TWO_GIB)->vm_start,
			TWO_GIB - 2 * PAGE_SIZE);
	KTEST_EXPECT_TRUE(t, holds(TWO_GIB, 9));
	KTEST_EXPECT_FALSE(t, holds(TWO_GIB + PAGE_SIZE, 9));
	/* all four read-only, across 2 GiB */
	KTEST_EXPECT_EQ(t, do_mprotect(TWO_GIB - 2 * PAGE_SIZE, 4 * PAGE_SIZE,
				       PROT_READ), 0);
	KTEST_EXPECT_EQ(t, mm->map_count, 1);
	KTEST_EXPECT_FALSE(t, holds(TWO_GIB, 10));
	KTEST_EXPECT_EQ(t, get_u32(TWO_GIB), 9);

	do_mmap(top, 2 * PAGE_SIZE, PROT_READ, FIXED_ANON);
	KTEST_EXPECT_EQ(t, do_mprotect(top, 2 * PAGE_SIZE, RW), 0);
	KTEST_EXPECT_TRUE(t, holds(TASK_SIZE - 4, 11));
	/* crossing the top, past it, or wrapping round: -ENOMEM */
	KTEST_EXPECT_EQ(t, do_mprotect(top, 3 * PAGE_SIZE, PROT_READ), -ENOMEM);
	KTEST_EXPECT_EQ(t, do_mprotect(TASK_SIZE, PAGE_SIZE, PROT_READ),
			-ENOMEM);
	KTEST_EXPECT_EQ(t, do_mprotect(TWO_GIB, TWO_GIB, PROT_READ), -ENOMEM);
	KTEST_EXPECT_EQ(t, do_mprotect(top, 0xffffffff, PROT_READ), -ENOMEM);
	/* a hole between the VMAs: -ENOMEM, and nothing changed */
	KTEST_EXPECT_EQ(t, do_mprotect(TWO_GIB, top + PAGE_SIZE - TWO_GIB,
				       RW), -ENOMEM);
	KTEST_EXPECT_FALSE(t, vma_at(mm, TWO_GIB)->vm_flags & VM_WRITE);
	KTEST_EXPECT_TRUE(t, holds(TASK_SIZE - 4, 12));
	leave_mm(t, mm);
}

/*
 * The heap across 2 GiB: brk maps the new pages and says so (it used
 * to map them and then report failure, the old end, because the new
 * VMA's address was negative as a long).
 */
static void brk_grows_across_2g(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();
	unsigned long base = TWO_GIB - 2 * PAGE_SIZE;

	KTEST_ASSERT_NOT_NULL(t, mm);
	mm->start_brk = mm->brk = base;
	KTEST_EXPECT_EQ(t, (unsigned long)sys_brk(TWO_GIB + PAGE_SIZE),
			TWO_GIB + PAGE_SIZE);
	KTEST_EXPECT_EQ(t, mm->total_vm, 3);
	KTEST_EXPECT_TRUE(t, holds(TWO_GIB + PAGE_SIZE - 4, 13));
	/* from a start above 2 GiB, a page at a time */
	KTEST_EXPECT_EQ(t, (unsigned long)sys_brk(TWO_GIB + 4 * PAGE_SIZE),
			TWO_GIB + 4 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, mm->total_vm, 6);
	KTEST_EXPECT_TRUE(t, holds(TWO_GIB + 4 * PAGE_SIZE - 4, 14));
	KTEST_EXPECT_EQ(t, mm->map_count, 1);
	/* back below 2 GiB */
	KTEST_EXPECT_EQ(t, (unsigned long)sys_brk(TWO_GIB - PAGE_SIZE),
			TWO_GIB - PAGE_SIZE);
	KTEST_EXPECT_EQ(t, mm->total_vm, 1);
	KTEST_EXPECT_NULL(t, vma_at(mm, TWO_GIB));
	/* up to the stack's room, not into it */
	KTEST_EXPECT_EQ(t, (unsigned long)sys_brk(MMAP_END), MMAP_END);
	KTEST_EXPECT_EQ(t, (unsigned long)sys_brk(MMAP_END + 1), MMAP_END);
	KTEST_EXPECT_EQ(t, mm->total_vm, (MMAP_END - base) >> PAGE_SHIFT);
	KTEST_EXPECT_TRUE(t, holds(MMAP_END - 4, 15));
	leave_mm(t, mm);
}

/* The stack near 3 GiB grows down to a mapping below it, not into it. */
static void the_stack_stops_at_a_mapping_below(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();
	struct vm_area_struct *stack;
	unsigned long below = STACK_TOP - 8 * PAGE_SIZE;

	KTEST_ASSERT_NOT_NULL(t, mm);
	do_mmap(below, PAGE_SIZE, RW, FIXED_ANON);
	stack = add_stack(mm);
	KTEST_ASSERT_NOT_NULL(t, stack);
	KTEST_EXPECT_EQ(t, expand_stack(stack, below + PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, stack->vm_start, below + PAGE_SIZE);
	KTEST_EXPECT_EQ(t, expand_stack(stack, below + PAGE_SIZE - 4),
			-ENOMEM);
	KTEST_EXPECT_EQ(t, stack->vm_start, below + PAGE_SIZE);
	KTEST_EXPECT_TRUE(t, holds(below + PAGE_SIZE, 16));
	KTEST_EXPECT_EQ(t, mm->total_vm, 8);
	leave_mm(t, mm);
}

static const struct ktest_case mmap_edges_cases[] = {
	KTEST_CASE(mmap_finds_room_above_2g),
	KTEST_CASE(mmap_hints_and_fixed_above_2g),
	KTEST_CASE(mmap_at_the_top_of_user_space),
	KTEST_CASE(munmap_at_the_edges),
	KTEST_CASE(mprotect_at_the_edges),
	KTEST_CASE(brk_grows_across_2g),
	KTEST_CASE(the_stack_stops_at_a_mapping_below),
};
KTEST_SUITE(mmap_edges, mmap_edges_cases);
