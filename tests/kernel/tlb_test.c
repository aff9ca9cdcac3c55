/*
 * TLB flushes, seen from a process: a missing flush shows as a stale
 * translation, the old page still read through the TLB after its PTE
 * changed.  Lazy TLB (kernel/sched.c, mm/pgtable.c): a kernel thread
 * runs on the page directory it finds loaded, and when it changes a
 * PTE of that address space it loads no CR3 but leaves the flush to
 * the owner, which loads its page directory again, and with it a clean
 * TLB, when it runs again (Linux 4.19's lazy TLB, mm/pgtable.c).  A
 * first touch flushes nothing (mm/memory.c), relying on whoever made
 * the PTE none to have flushed.
 */
#include "kernel/fork.h"
#include "kernel/sched.h"
#include "kernel/x86.h"
#include "lib/ktest.h"
#include "tests/kernel/ktest_mm.h"
#include "tests/kernel/ktest_tasks.h"

/* What the kernel thread is to change, and what CR3 it saw. */
struct lazy_remap {
	struct mm_struct *mm;
	unsigned long addr;
	struct page *new;
	bool whole_mm;		/* flush_tlb_mm, not flush_tlb_page */
	uint32_t cr3_before, cr3_after;
};

/*
 * Kernel thread: maps r->new at r->addr of r->mm in place of the page
 * there (as break_cow does), flushes, and frees the old page.
 */
static int remap_from_kernel_thread(void *arg)
{
	struct lazy_remap *r = arg;
	struct vm_area_struct *vma = find_vma(r->mm, r->addr);
	pte_t *ptep = pte_of(r->mm, r->addr);
	struct page *old = pte_page(*ptep);

	r->cr3_before = read_cr3();
	page_remove_rmap(old, ptep);
	set_pte(ptep, pte_mkwrite(pte_mkdirty(mk_pte(r->new,
						     vma->vm_page_prot))));
	page_add_rmap(r->new, ptep);
	if (r->whole_mm)
		flush_tlb_mm(r->mm);
	else
		flush_tlb_page(vma, r->addr);
	put_page(old);
	r->cr3_after = read_cr3();
	return 0;
}

/*
 * The test thread's page at addr holds 1 and its translation is in the
 * TLB; a kernel thread, running on the test thread's page directory
 * while the test thread waits for it, maps a page holding 2 there.
 */
static void remap_lazily(struct ktest *t, bool whole_mm)
{
	struct mm_struct *mm = enter_new_mm();
	struct lazy_remap r = { .mm = mm, .whole_mm = whole_mm };
	int pid;

	KTEST_ASSERT_NOT_NULL(t, mm);
	r.addr = map_written_pages(1, 1);
	r.new = alloc_page(GFP_HIGHUSER);
	KTEST_ASSERT_NOT_NULL(t, r.new);
	*(uint32_t *)kmap(r.new) = 2;
	kunmap(r.new);
	KTEST_EXPECT_EQ(t, get_u32(r.addr), 1);	/* now in the TLB */
	pid = kernel_thread(remap_from_kernel_thread, &r, "remap");
	KTEST_ASSERT_TRUE(t, pid > 0);
	KTEST_EXPECT_EQ(t, ktest_exit_code(t, pid), 0);
	/* it ran on our page directory, with no CR3 load ... */
	KTEST_EXPECT_EQ(t, r.cr3_before, __pa(mm->pgd));
	/* ... and its flush loaded none either (one CR3 load, not two) */
	KTEST_EXPECT_EQ(t, r.cr3_after, __pa(mm->pgd));
	/* our switch back loaded CR3 again: not the stale page */
	KTEST_EXPECT_EQ(t, get_u32(r.addr), 2);
	leave_mm(t, mm);
}

static void a_kernel_threads_flush_tlb_page_reaches_the_owner(struct ktest *t)
{
	remap_lazily(t, false);
}

static void a_kernel_threads_flush_tlb_mm_reaches_the_owner(struct ktest *t)
{
	remap_lazily(t, true);
}

/*
 * A first touch maps its page with no TLB flush (do_anonymous_page):
 * the PTE was none, and whoever made it so flushed.  Here munmap did
 * (zap_page_range): the page written before, whose translation was in
 * the TLB, must not be what the new mapping at the same address reads
 * (the zero page) or writes (a new page).
 */
static void a_first_touch_after_munmap_finds_no_stale_page(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();
	unsigned long addr;

	KTEST_ASSERT_NOT_NULL(t, mm);
	addr = map_written_pages(1, 1);
	KTEST_EXPECT_EQ(t, get_u32(addr), 1);	/* now in the TLB */
	KTEST_EXPECT_EQ(t, do_munmap(mm, addr, PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, do_mmap(addr, PAGE_SIZE, RW,
				   PRIVATE_ANON | MAP_FIXED), addr);
	KTEST_EXPECT_EQ(t, get_u32(addr), 0);	/* the zero page */
	put_u32(addr, 2);			/* a page of its own */
	KTEST_EXPECT_EQ(t, get_u32(addr), 2);
	KTEST_EXPECT_EQ(t, mm->rss, 1);
	leave_mm(t, mm);
}

static const struct ktest_case tlb_cases[] = {
	KTEST_CASE(a_kernel_threads_flush_tlb_page_reaches_the_owner),
	KTEST_CASE(a_kernel_threads_flush_tlb_mm_reaches_the_owner),
	KTEST_CASE(a_first_touch_after_munmap_finds_no_stale_page),
};
KTEST_SUITE(tlb, tlb_cases);
