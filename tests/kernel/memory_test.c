/*
 * Address spaces, page faults and copy-on-write, driven from the
 * kernel: the test thread takes an address space of its own (as exec
 * does) and touches it with copy_to_user/copy_from_user, which fault
 * like a program's loads and stores.  Page counts, PTEs and rss are
 * checked, not just the values read back.
 */
#include "kernel/abi.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"
#include "lib/errno.h"
#include "lib/ktest.h"
#include "kernel/fork.h"
#include "kernel/semaphore.h"
#include "kernel/time.h"
#include "tests/kernel/ktest_mm.h"
#include "tests/kernel/ktest_tasks.h"
#include "lib/string.h"
#include "mm/highmem.h"
#include "mm/memory.h"
#include "mm/mmap.h"
#include "mm/slab.h"

static void reads_map_the_zero_page_writes_a_new_one(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();
	unsigned long addr;

	KTEST_ASSERT_NOT_NULL(t, mm);
	addr = do_mmap(0, 4 * PAGE_SIZE, RW, PRIVATE_ANON);
	KTEST_ASSERT_TRUE(t, addr >= TASK_UNMAPPED_BASE);
	KTEST_EXPECT_NULL(t, follow_page(mm, addr));
	KTEST_EXPECT_EQ(t, get_u32(addr + 8), 0);
	KTEST_EXPECT_PTR_EQ(t, follow_page(mm, addr), ZERO_PAGE());
	KTEST_EXPECT_FALSE(t, pte_write(*pte_of(mm, addr)));
	KTEST_EXPECT_EQ(t, mm->rss, 0);
	KTEST_EXPECT_EQ(t, put_u32(addr + 8, 1234), 0);
	KTEST_EXPECT_PTR_NE(t, follow_page(mm, addr), ZERO_PAGE());
	KTEST_EXPECT_TRUE(t, pte_write(*pte_of(mm, addr)));
	KTEST_EXPECT_TRUE(t, pte_dirty(*pte_of(mm, addr)));
	KTEST_EXPECT_EQ(t, mm->rss, 1);
	KTEST_EXPECT_EQ(t, get_u32(addr + 8), 1234);
	KTEST_EXPECT_EQ(t, get_u32(addr + 4), 0);
	KTEST_EXPECT_EQ(t, mm->total_vm, 4);
	leave_mm(t, mm);
}

/*
 * After dup_mm (fork), both sides map the same page read-only with two
 * references; the first write on either side gets its own copy; the
 * last one left takes the page back without copying.
 */
static void fork_shares_pages_until_written(struct ktest *t)
{
	struct mm_struct *parent = enter_new_mm(), *child;
	unsigned long addr;
	struct page *page;

	KTEST_ASSERT_NOT_NULL(t, parent);
	addr = map_written_pages(1, 0x1111);
	page = follow_page(parent, addr);
	KTEST_EXPECT_EQ(t, page_count(page), 1);
	child = dup_mm(parent);
	KTEST_ASSERT_NOT_NULL(t, child);
	KTEST_EXPECT_PTR_EQ(t, follow_page(child, addr), page);
	KTEST_EXPECT_EQ(t, page_count(page), 2);
	KTEST_EXPECT_EQ(t, child->rss, 1);
	KTEST_EXPECT_FALSE(t, pte_write(*pte_of(parent, addr)));
	KTEST_EXPECT_FALSE(t, pte_write(*pte_of(child, addr)));

	use_mm(child);			/* the child writes: a copy */
	KTEST_EXPECT_EQ(t, get_u32(addr), 0x1111);
	KTEST_EXPECT_EQ(t, put_u32(addr, 0x2222), 0);
	KTEST_EXPECT_PTR_NE(t, follow_page(child, addr), page);
	KTEST_EXPECT_EQ(t, page_count(page), 1);
	KTEST_EXPECT_EQ(t, page_word(page, 0), 0x1111);
	KTEST_EXPECT_EQ(t, page_word(follow_page(child, addr), 0), 0x2222);

	use_mm(parent);				/* alone now: no copy */
	KTEST_EXPECT_EQ(t, put_u32(addr, 0x3333), 0);
	KTEST_EXPECT_PTR_EQ(t, follow_page(parent, addr), page);
	KTEST_EXPECT_TRUE(t, pte_write(*pte_of(parent, addr)));
	KTEST_EXPECT_EQ(t, page_word(page, 0), 0x3333);
	mmput(child);
	leave_mm(t, parent);
}

static void munmap_gives_the_pages_back(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();
	unsigned long addr, free_before;

	KTEST_ASSERT_NOT_NULL(t, mm);
	addr = map_written_pages(8, 0);
	KTEST_EXPECT_EQ(t, mm->rss, 8);
	free_before = nr_free_pages();
	KTEST_EXPECT_EQ(t, do_munmap(mm, addr + 2 * PAGE_SIZE,
				     4 * PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, nr_free_pages(), free_before + 4);
	KTEST_EXPECT_EQ(t, mm->rss, 4);
	KTEST_EXPECT_EQ(t, mm->total_vm, 4);
	KTEST_EXPECT_EQ(t, mm->map_count, 2);	/* split in two */
	KTEST_EXPECT_NULL(t, follow_page(mm, addr + 3 * PAGE_SIZE));
	KTEST_EXPECT_NE(t, get_u32(addr + 3 * PAGE_SIZE), 3);
	KTEST_EXPECT_EQ(t, get_u32(addr + 7 * PAGE_SIZE), 7);
	KTEST_EXPECT_EQ(t, do_munmap(mm, addr + 1, PAGE_SIZE), -EINVAL);
	KTEST_EXPECT_EQ(t, do_munmap(mm, addr, 0), -EINVAL);
	leave_mm(t, mm);
}

static void mprotect_splits_and_merges(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();
	unsigned long addr;
	int vmas;

	KTEST_ASSERT_NOT_NULL(t, mm);
	addr = do_mmap(0, 4 * PAGE_SIZE, RW, PRIVATE_ANON);
	put_u32(addr + PAGE_SIZE, 5);
	vmas = mm->map_count;
	KTEST_EXPECT_EQ(t, do_mprotect(addr + PAGE_SIZE, 2 * PAGE_SIZE,
				       PROT_READ), 0);
	KTEST_EXPECT_EQ(t, mm->map_count, vmas + 2);
	KTEST_EXPECT_FALSE(t, find_vma(mm, addr + PAGE_SIZE)->vm_flags &
			   VM_WRITE);
	KTEST_EXPECT_NE(t, put_u32(addr + PAGE_SIZE, 6), 0);
	KTEST_EXPECT_EQ(t, get_u32(addr + PAGE_SIZE), 5);
	KTEST_EXPECT_EQ(t, put_u32(addr + 3 * PAGE_SIZE, 6), 0);
	KTEST_EXPECT_EQ(t, do_mprotect(addr, 4 * PAGE_SIZE, RW), 0);
	KTEST_EXPECT_EQ(t, mm->map_count, vmas);
	KTEST_EXPECT_EQ(t, put_u32(addr + PAGE_SIZE, 6), 0);
	KTEST_EXPECT_EQ(t, do_mprotect(addr + 1, PAGE_SIZE, RW), -EINVAL);
	KTEST_EXPECT_EQ(t, do_mprotect(addr, PAGE_SIZE, 0x100), -EINVAL);
	KTEST_EXPECT_EQ(t, do_mprotect(addr, 5 * PAGE_SIZE, RW), -ENOMEM);
	leave_mm(t, mm);
}

static void brk_grows_and_shrinks_the_heap(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();
	unsigned long base = 0x10000000;

	KTEST_ASSERT_NOT_NULL(t, mm);
	mm->start_brk = mm->brk = base;
	KTEST_EXPECT_EQ(t, sys_brk(0), base);		/* just asks */
	KTEST_EXPECT_EQ(t, sys_brk(base + 3 * PAGE_SIZE + 5),
			base + 3 * PAGE_SIZE + 5);
	KTEST_EXPECT_EQ(t, mm->total_vm, 4);
	KTEST_EXPECT_EQ(t, put_u32(base + 3 * PAGE_SIZE, 1), 0);
	KTEST_EXPECT_EQ(t, sys_brk(base + PAGE_SIZE), base + PAGE_SIZE);
	KTEST_EXPECT_EQ(t, mm->total_vm, 1);
	KTEST_EXPECT_NE(t, put_u32(base + 3 * PAGE_SIZE, 1), 0);
	KTEST_EXPECT_EQ(t, sys_brk(base - PAGE_SIZE), base + PAGE_SIZE);
	KTEST_EXPECT_EQ(t, sys_brk(0xffffffff), base + PAGE_SIZE);
	leave_mm(t, mm);
}

static void the_stack_grows_to_its_limit(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();

	KTEST_ASSERT_NOT_NULL(t, mm);
	add_stack(mm);
	KTEST_EXPECT_EQ(t, put_u32(STACK_TOP - 10 * PAGE_SIZE, 1), 0);
	KTEST_EXPECT_EQ(t, mm->mmap->vm_start, STACK_TOP - 10 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, mm->total_vm, 10);
	KTEST_EXPECT_EQ(t, put_u32(STACK_TOP - STACK_LIMIT, 1), 0);
	KTEST_EXPECT_NE(t, put_u32(STACK_TOP - STACK_LIMIT - PAGE_SIZE, 1),
			0);
	KTEST_EXPECT_EQ(t, mm->mmap->vm_start, STACK_TOP - STACK_LIMIT);
	leave_mm(t, mm);
}

static void bad_user_pointers_give_efault(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();
	char buf[8] = "1234567";
	unsigned long addr;

	KTEST_ASSERT_NOT_NULL(t, mm);
	addr = do_mmap(0, PAGE_SIZE, RW, PRIVATE_ANON);
	KTEST_EXPECT_EQ(t, copy_to_user(NULL, buf, 8), 8);
	KTEST_EXPECT_EQ(t, copy_from_user(buf, (void *)0xc0100000, 8), 8);
	KTEST_EXPECT_EQ(t, copy_to_user((void *)0xfffffffc, buf, 8), 8);
	/* the last 4 bytes of the mapping, then unmapped memory */
	KTEST_EXPECT_EQ(t, copy_to_user((void *)(addr + PAGE_SIZE - 4), buf,
					8), 4);
	KTEST_EXPECT_EQ(t, get_u32(addr + PAGE_SIZE - 4), 0x34333231);
	KTEST_EXPECT_FALSE(t, access_ok((void *)(TASK_SIZE - 4), 8));
	KTEST_EXPECT_TRUE(t, access_ok((void *)(TASK_SIZE - 8), 8));
	leave_mm(t, mm);
}

/*
 * The accessed ("young") and dirty bits that page aging reads: the
 * CPU sets them, the test-and-clear helpers take them back, and after
 * a TLB flush the next access sets them again.
 */
static void the_cpu_sets_young_and_dirty(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();
	struct vm_area_struct *vma;
	unsigned long addr;
	pte_t *pte;

	KTEST_ASSERT_NOT_NULL(t, mm);
	addr = map_written_pages(1, 1);
	vma = find_vma(mm, addr);
	pte = pte_of(mm, addr);
	KTEST_EXPECT_EQ(t, ptep_test_and_clear_young(pte), 1);
	KTEST_EXPECT_EQ(t, ptep_test_and_clear_young(pte), 0);
	KTEST_EXPECT_EQ(t, ptep_test_and_clear_dirty(pte), 1);
	KTEST_EXPECT_FALSE(t, pte_dirty(*pte));
	flush_tlb_page(vma, addr);
	KTEST_EXPECT_EQ(t, get_u32(addr), 1);		/* a read */
	KTEST_EXPECT_TRUE(t, pte_young(*pte));
	KTEST_EXPECT_FALSE(t, pte_dirty(*pte));
	put_u32(addr, 2);				/* a write */
	KTEST_EXPECT_TRUE(t, pte_dirty(*pte));
	leave_mm(t, mm);
}

/* A swap entry that names no slot in use: the faulter gets SIGBUS. */
static void a_bad_swap_pte_gives_sigbus(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();
	unsigned long addr;

	KTEST_ASSERT_NOT_NULL(t, mm);
	addr = map_written_pages(1, 1);
	/* type 0, offset 1: not present */
	replace_page_by_pte(mm, addr, __pte(1 << 9));
	KTEST_EXPECT_EQ(t, handle_mm_fault(mm, find_vma(mm, addr), addr, 0),
			VM_FAULT_SIGBUS);
	pte_clear(pte_of(mm, addr));
	leave_mm(t, mm);
}

/* Everything an address space used comes back when it goes away. */
static void exit_mmap_frees_everything(struct ktest *t)
{
	unsigned long free_before = 0;

	for (int round = 0; round < 2; round++) {	/* 1st warms slabs */
		struct mm_struct *mm, *child;
		unsigned long addr;

		free_before = nr_free_pages();
		mm = enter_new_mm();
		KTEST_ASSERT_NOT_NULL(t, mm);
		addr = do_mmap(0, 64 * PAGE_SIZE, RW, PRIVATE_ANON);
		for (int i = 0; i < 64; i += 3)
			put_u32(addr + i * PAGE_SIZE, i);
		put_u32(0x08000000, 1);		/* no VMA: nothing */
		child = dup_mm(mm);
		use_mm(child);
		put_u32(addr, 7);
		mmput(mm);
		leave_mm(t, child);
	}
	KTEST_EXPECT_EQ(t, nr_free_pages(), free_before);
}

/* The checker itself: each kind of damage is named. */
static void the_invariant_checker_names_what_is_broken(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();
	unsigned long addr;
	const char *why;

	KTEST_ASSERT_NOT_NULL(t, mm);
	addr = do_mmap(0, 2 * PAGE_SIZE, RW, PRIVATE_ANON);
	put_u32(addr, 1);
	KTEST_EXPECT_NULL(t, mm_struct_invariant(mm));
	mm->rss++;
	why = mm_struct_invariant(mm);
	KTEST_EXPECT_TRUE(t, why && strstr(why, "rss 2, but 1 pages"));
	mm->rss--;
	mm->total_vm++;
	why = mm_struct_invariant(mm);
	KTEST_EXPECT_TRUE(t, why && strstr(why, "total_vm"));
	mm->total_vm--;
	mm->mmap->vm_flags &= ~VM_WRITE;
	why = mm_struct_invariant(mm);
	KTEST_EXPECT_TRUE(t, why && strstr(why, "writable PTE"));
	mm->mmap->vm_start += PAGE_SIZE;
	mm->total_vm--;
	why = mm_struct_invariant(mm);
	KTEST_EXPECT_TRUE(t, why && strstr(why, "outside every VMA"));
	mm->mmap->vm_start -= PAGE_SIZE;
	mm->total_vm++;
	mm->mmap->vm_flags |= VM_WRITE;
	leave_mm(t, mm);
}

/* A thread of the test's address space: writes a word there, faulting. */
struct touch {
	struct mm_struct *mm;
	unsigned long addr;
	volatile bool done;
};

static int touch_thread(void *arg)
{
	struct touch *w = arg;

	w->mm->mm_users++;		/* as CLONE_VM does */
	use_mm(w->mm);
	put_u32(w->addr, 42);
	w->done = true;
	use_mm(NULL);
	mmput(w->mm);
	return 0;
}

/*
 * A fault waits while another task holds mmap_sem (2.4.0's lock around
 * faults and VMA changes; with threads, one may unmap a VMA another
 * faults in): the second task's write maps nothing until it is free.
 */
static void a_fault_waits_for_mmap_sem(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();
	struct touch w = { .mm = mm };
	int pid;

	KTEST_ASSERT_NOT_NULL(t, mm);
	w.addr = do_mmap(0, PAGE_SIZE, RW, PRIVATE_ANON);
	down(&mm->mmap_sem);
	pid = kernel_thread(touch_thread, &w, "ktest-touch");
	schedule_timeout_uninterruptible(HZ / 10);
	KTEST_EXPECT_FALSE(t, w.done);
	KTEST_EXPECT_NULL(t, follow_page(mm, w.addr));
	up(&mm->mmap_sem);
	KTEST_EXPECT_EQ(t, ktest_exit_code(t, pid), 0);
	KTEST_EXPECT_TRUE(t, w.done);
	KTEST_EXPECT_EQ(t, get_u32(w.addr), 42);
	leave_mm(t, mm);
}

static const struct ktest_case memory_cases[] = {
	KTEST_CASE(reads_map_the_zero_page_writes_a_new_one),
	KTEST_CASE(fork_shares_pages_until_written),
	KTEST_CASE(munmap_gives_the_pages_back),
	KTEST_CASE(mprotect_splits_and_merges),
	KTEST_CASE(brk_grows_and_shrinks_the_heap),
	KTEST_CASE(the_stack_grows_to_its_limit),
	KTEST_CASE(bad_user_pointers_give_efault),
	KTEST_CASE(the_cpu_sets_young_and_dirty),
	KTEST_CASE(a_bad_swap_pte_gives_sigbus),
	KTEST_CASE(exit_mmap_frees_everything),
	KTEST_CASE(the_invariant_checker_names_what_is_broken),
	KTEST_CASE(a_fault_waits_for_mmap_sem),
};
KTEST_SUITE(memory, memory_cases);
