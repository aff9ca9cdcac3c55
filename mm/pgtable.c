/*
 * Allocating, switching and flushing page tables (Linux's
 * asm-i386/pgalloc.h and mmu_context.h).
 */
#include "mm/pgtable.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "mm/init.h"
#include "mm/rmap.h"
#include "mm/swapops.h"

/*
 * The address space whose entries the TLB holds and may keep: the one
 * whose page directory CR3 holds (current's, or for a kernel thread
 * the one it found loaded: lazy TLB, switch_mm()); NULL for
 * swapper_pg_dir, and while a kernel thread runs on an address space
 * whose PTEs it changed (leave_mm()).  2.4.0 keeps this per task, as
 * current->active_mm; one CPU needs one.
 */
struct mm_struct *active_mm;

/*
 * A kernel thread flushes the address space it runs on lazily (kswapd's
 * swap_out() unmapping a page of the process it interrupted): it only
 * forgets that the TLB's entries are that address space's, and
 * switch_mm() loads CR3, emptying the TLB, when the owner runs again.
 * One CR3 load however many pages it changes, and none while it runs:
 * a kernel thread reads no user address, so the stale entries are never
 * used.  Linux 4.19's lazy TLB does this (a CPU in lazy mode gets no
 * flush; switch_mm_irqs_off() flushes when it switches back, from the
 * mm's tlb_gen, Linux 4.14); 2.4.0's SMP flush_tlb_page() and 2.6's
 * leave_mm() load swapper_pg_dir at once, which under QEMU's TCG
 * emptied the whole soft TLB, and its cache of block lookups, twice
 * for each time kswapd ran, and 2.4.0 on one CPU invalidates each page
 * (175000 invlpgs per memhog 96M run in 64 MiB, each ending a block of
 * translated code).
 */
static void leave_mm(void)
{
	active_mm = NULL;
}

/*
 * 2.4.0's SMP flush_tlb_page() on one CPU, for a page of active_mm
 * (flush_tlb_page(), mm/pgtable.h): see leave_mm().
 */
void __flush_tlb_page(unsigned long addr)
{
	if (current->mm)
		invlpg(addr);
	else
		leave_mm();
}

/* The same for all of active_mm (flush_tlb_mm(), mm/pgtable.h). */
void __flush_tlb_mm(void)
{
	if (current->mm)
		write_cr3(read_cr3());	/* global kernel pages stay */
	else
		leave_mm();
}

/* A new page directory: no user mappings, the kernel's shared. */
pgd_t *pgd_alloc(void)
{
	pgd_t *pgd = (pgd_t *)get_zeroed_page(GFP_KERNEL);

	if (pgd)
		memcpy(pgd + USER_PTRS_PER_PGD,
		       (pgd_t *)swapper_pg_dir + USER_PTRS_PER_PGD,
		       (PTRS_PER_PGD - USER_PTRS_PER_PGD) * sizeof(pgd_t));
	return pgd;
}

void pgd_free(pgd_t *pgd)
{
	free_page((unsigned long)pgd);
}

/*
 * The PTE for addr, creating its page table if the 4 MiB around addr
 * has none yet.  NULL if no memory.  The allocation may sleep.
 */
pte_t *pte_alloc(struct mm_struct *mm, pmd_t *pmd, unsigned long addr)
{
	if (pmd_none(*pmd)) {
		unsigned long table = get_zeroed_page(GFP_KERNEL);

		if (!table)
			return NULL;
		if (!pmd_none(*pmd)) {		/* filled while we slept */
			free_page(table);
		} else {
			/* the reverse map finds mm and address from a PTE */
			pte_table_set_owner((pte_t *)table, mm, addr);
			set_pmd(pmd, __pmd(__pa(table) | _PAGE_TABLE));
		}
	}
	if (pmd_bad(*pmd)) {
		printk(KERN_ERR "pte_alloc: bad pmd %08lx for %08lx\n",
		       pmd_val(*pmd), addr);
		return NULL;
	}
	return pte_offset(pmd, addr);
}

/*
 * Calls fn for each swap PTE of mm (neither none, present, nor a
 * migration entry) with its address, until fn returns nonzero, which
 * is then returned.  It walks
 * mm's VMAs through their page tables and does not sleep, so it sees
 * one moment of mm.  The invariant checker counts swap users with it,
 * and mm/swap_relocate.c moves the PTEs of a slot that failed.  (2.4
 * has no such walker; 2.6 has walk_page_range().)
 */
int walk_swap_ptes(struct mm_struct *mm, swap_pte_fn fn, void *arg)
{
	for (struct vm_area_struct *vma = mm->mmap; vma; vma = vma->vm_next) {
		for (unsigned long addr = vma->vm_start; addr < vma->vm_end;
		     addr += PAGE_SIZE) {
			pmd_t *pmd = pmd_offset(pgd_offset(mm, addr), addr);
			pte_t *pte;
			int ret;

			if (pmd_none(*pmd) || pmd_bad(*pmd)) {
				/* no page table: on to the next 4 MiB */
				addr = (addr & PGDIR_MASK) + PGDIR_SIZE -
				       PAGE_SIZE;
				continue;
			}
			pte = pte_offset(pmd, addr);
			/* migration entries name no slot */
			if (pte_none(*pte) || pte_present(*pte) ||
			    pte_is_migration(*pte))
				continue;
			ret = fn(pte, addr, arg);
			if (ret)
				return ret;
		}
	}
	return 0;
}

/* Frees a page table pte_alloc() made (2.4's pte_free). */
void pte_free(pte_t *table)
{
	pte_table_set_owner(table, NULL, 0);
	free_page((unsigned long)table);
}

/*
 * Loads next's page directory, or swapper_pg_dir for NULL (what an
 * address space about to be freed must do first: a kernel thread may
 * run on whatever is loaded).  The scheduler calls it only for tasks
 * with an mm (context_switch(), kernel/sched.c).  CR3 is loaded again
 * even if it holds next's directory when a kernel thread changed its
 * PTEs meanwhile (active_mm is then NULL: leave_mm()).
 */
void switch_mm(struct mm_struct *next)
{
	unsigned long cr3 = next ? __pa(next->pgd) : __pa(swapper_pg_dir);

	if (next != active_mm || read_cr3() != cr3)
		write_cr3(cr3);
	active_mm = next;
}

/*
 * A kernel thread takes on an address space (NULL: gives it back),
 * as Linux's use_mm(): the tests and benches that touch user memory
 * from the kernel run in an mm of their own this way.
 */
void use_mm(struct mm_struct *mm)
{
	current->mm = mm;
	switch_mm(mm);
}

/*
 * A kernel-mode fault above PAGE_OFFSET where swapper_pg_dir has a
 * mapping this page directory lacks (added after it was copied, e.g.
 * by kmap): copy the entry and retry, as 2.4's vmalloc_fault does.
 */
bool vmalloc_fault(unsigned long address)
{
	unsigned index = pgd_index(address);
	pgd_t *pgd = (pgd_t *)__va(read_cr3() & PAGE_MASK) + index;
	pgd_t k = ((pgd_t *)swapper_pg_dir)[index];

	if (!(pgd_val(k) & _PAGE_PRESENT) || pgd_val(*pgd) == pgd_val(k))
		return false;
	*pgd = k;
	return true;
}
