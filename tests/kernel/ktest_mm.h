/*
 * Helpers for the kernel suites that run the test thread in an
 * address space of its own (as exec does) and touch it with
 * copy_to_user/copy_from_user, which fault like a program's loads and
 * stores.
 */
#ifndef TESTS_KERNEL_KTEST_MM_H
#define TESTS_KERNEL_KTEST_MM_H

#include "kernel/abi.h"
#include "kernel/sched.h"
#include "kernel/uaccess.h"
#include "lib/errno.h"
#include "lib/ktest.h"
#include "mm/highmem.h"
#include "mm/memory.h"
#include "mm/mmap.h"
#include "mm/rmap.h"
#include "mm/slab.h"

#define PRIVATE_ANON	(MAP_PRIVATE | MAP_ANONYMOUS)
#define RW		(PROT_READ | PROT_WRITE)

/* The test thread runs in a new mm (use_mm: mm/pgtable.c). */
static inline struct mm_struct *enter_new_mm(void)
{
	struct mm_struct *mm = mm_alloc();

	if (mm)
		use_mm(mm);
	return mm;
}

/* Every test ends here: the address space must be consistent. */
static inline void leave_mm(struct ktest *t, struct mm_struct *mm)
{
	const char *why = mm_struct_invariant(mm);

	if (why)
		ktest_fail(t, __FILE__, __LINE__, "invariant broken: %s", why);
	use_mm(NULL);
	mmput(mm);
}

/* A one-page VMA at the top that grows down on faults, as exec makes it. */
static inline struct vm_area_struct *add_stack(struct mm_struct *mm)
{
	struct vm_area_struct *vma = kmalloc(sizeof(*vma), GFP_KERNEL);

	if (!vma)
		return NULL;
	vma->vm_start = STACK_TOP - PAGE_SIZE;
	vma->vm_end = STACK_TOP;
	vma->vm_flags = VM_READ | VM_WRITE | VM_GROWSDOWN;
	vma->vm_page_prot = vm_get_page_prot(vma->vm_flags);
	insert_vm_struct(mm, vma);
	mm->total_vm++;
	return vma;
}

static inline pte_t *pte_of(struct mm_struct *mm, unsigned long addr)
{
	pmd_t *pmd = pmd_offset(pgd_offset(mm, addr), addr);

	return pmd_none(*pmd) ? NULL : pte_offset(pmd, addr);
}

static inline int put_u32(unsigned long addr, uint32_t v)
{
	return copy_to_user((void *)addr, &v, sizeof(v)) ? -EFAULT : 0;
}

static inline uint32_t get_u32(unsigned long addr)
{
	uint32_t v = 0xdeadbeef;

	copy_from_user(&v, (void *)addr, sizeof(v));
	return v;
}

/*
 * Maps n anonymous read-write pages in the current mm and faults each
 * in by writing first + i to its first word; returns their address.
 */
static inline unsigned long map_written_pages(unsigned int n,
					      uint32_t first)
{
	unsigned long addr = do_mmap(0, n * PAGE_SIZE, RW, PRIVATE_ANON);

	for (unsigned int i = 0; i < n; i++)
		put_u32(addr + i * PAGE_SIZE, first + i);
	return addr;
}

/*
 * Frees the page mapped at addr and puts pte (a swap entry) in its
 * place, as if the page had gone out to swap and left the cache.
 */
static inline void replace_page_by_pte(struct mm_struct *mm,
				       unsigned long addr, pte_t pte)
{
	pte_t *ptep = pte_of(mm, addr);

	page_remove_rmap(pte_page(*ptep), ptep);
	put_page(pte_page(*ptep));
	mm->rss--;
	set_pte(ptep, pte);
	flush_tlb_page(find_vma(mm, addr), addr); /* the freed page's */
}

/* The word at offset off of a page, read through the kernel mapping. */
static inline uint32_t page_word(struct page *page, unsigned long off)
{
	uint32_t *p = kmap(page), v = p[off / 4];

	kunmap(page);
	return v;
}

#endif
