/*
 * The invariants of an address space, checked by name: a checker that
 * walks everything and names the first broken invariant, as
 * mm/debug.c does for mem_map and the zones:
 *  - VMAs are page-aligned, non-empty, below TASK_SIZE, sorted and
 *    not overlapping; map_count counts them; total_vm sums them;
 *  - every present PTE lies inside a VMA, is writable only if the VMA
 *    is, and maps a page with a reference; rss counts them (the zero
 *    page excepted); each is in its page's reverse map, and so is each
 *    migration entry (mm/rmap_debug.c); migration entries are not in
 *    rss.
 * Debug builds run it after every change to an mm and panic with the
 * name; the memory suite runs it in every build.
 */
#include "mm/mmap.h"
#include "kernel/kernel.h"
#include "mm/debug.h"
#include "mm/memory.h"
#include "mm/rmap.h"

static char report[128];

static const char *broken(const char *fmt, ...) __printf(1, 2);
static const char *broken(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(report, sizeof(report), fmt, ap);
	va_end(ap);
	return report;
}

static const char *check_vma_list(const struct mm_struct *mm)
{
	const struct vm_area_struct *vma, *prev = NULL;
	unsigned long pages = 0;
	int count = 0;

	for (vma = mm->mmap; vma; prev = vma, vma = vma->vm_next) {
		if ((vma->vm_start | vma->vm_end) & ~PAGE_MASK ||
		    vma->vm_start >= vma->vm_end || vma->vm_end > TASK_SIZE)
			return broken("VMA %08lx-%08lx is not a page range "
				      "of user space", vma->vm_start,
				      vma->vm_end);
		if (prev && prev->vm_end > vma->vm_start)
			return broken("VMAs %08lx-%08lx and %08lx-%08lx "
				      "overlap or are out of order",
				      prev->vm_start, prev->vm_end,
				      vma->vm_start, vma->vm_end);
		if (vma->vm_mm != mm)
			return broken("VMA %08lx-%08lx belongs to another mm",
				      vma->vm_start, vma->vm_end);
		pages += (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
		count++;
	}
	if (count != mm->map_count)
		return broken("map_count %d, but %d VMAs", mm->map_count,
			      count);
	if (pages != mm->total_vm)
		return broken("total_vm %lu, but the VMAs hold %lu pages",
			      mm->total_vm, pages);
	return NULL;
}

/* One present PTE at addr: inside a VMA that allows what it allows. */
static const char *check_pte(struct mm_struct *mm, unsigned long addr,
			     pte_t pte)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	if (!vma || vma->vm_start > addr)
		return broken("page mapped at %08lx, outside every VMA", addr);
	if (pte_write(pte) && !(vma->vm_flags & VM_WRITE))
		return broken("writable PTE at %08lx in a read-only VMA",
			      addr);
	if (!PageReserved(pte_page(pte)) && page_count(pte_page(pte)) < 1)
		return broken("page mapped at %08lx has no reference", addr);
	return NULL;
}

static const char *check_ptes(struct mm_struct *mm)
{
	unsigned long rss = 0;
	const char *why;

	for (unsigned i = 0; i < USER_PTRS_PER_PGD; i++) {
		unsigned long base = (unsigned long)i << PGDIR_SHIFT;
		pmd_t *pmd = (pmd_t *)(mm->pgd + i);

		if (pmd_none(*pmd))
			continue;
		if (pmd_bad(*pmd))
			return broken("bad pmd %08lx for %08lx", pmd_val(*pmd),
				      base);
		for (unsigned j = 0; j < PTRS_PER_PTE; j++) {
			pte_t pte = pmd_page(*pmd)[j];
			unsigned long addr = base + (j << PAGE_SHIFT);

			why = check_pte_rmap(mm, addr, pmd_page(*pmd) + j);
			if (why)
				return why;
			if (!pte_present(pte))
				continue;
			why = check_pte(mm, addr, pte);
			if (why)
				return why;
			rss += !PageReserved(pte_page(pte));
		}
	}
	if (rss != mm->rss)
		return broken("rss %lu, but %lu pages mapped", mm->rss, rss);
	return NULL;
}

/* NULL if mm is consistent, else what is broken. */
const char *mm_struct_invariant(struct mm_struct *mm)
{
	const char *why = check_vma_list(mm);

	return why ? why : check_ptes(mm);
}

#ifdef CONFIG_DEBUG
void debug_check_mm(struct mm_struct *mm, const char *after)
{
	const char *why = mm_struct_invariant(mm);

	if (why)
		mm_broken(after, why);
}
#endif
