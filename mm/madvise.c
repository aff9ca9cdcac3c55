/*
 * madvise (2.4.0's sys_madvise, in its mm/filemap.c; Linux 2.6 moved
 * it to mm/madvise.c): advice about how a range will be used.
 *
 *   MADV_NORMAL, MADV_RANDOM, MADV_SEQUENTIAL  steer read-ahead of
 *	file mappings in 2.4.0 (VM_SEQ_READ, VM_RAND_READ, split VMAs);
 *	Pagoda has no files, so they are accepted and change nothing.
 *   MADV_WILLNEED  starts reading the range's swapped-out pages into
 *	the swap cache (Linux 3.10's force_swapin_readahead; 2.4.0
 *	reads ahead file pages only, and answers EBADF for anonymous
 *	memory), so the faults to come find them there.
 *   MADV_DONTNEED  zaps the range (zap_page_range): its pages and swap
 *	slots are freed, and anonymous memory reads back as zeroes.
 *	A range of an mlock()ed VMA is EINVAL, as in 2.4.0.
 *
 * Other advice is EINVAL.  A range with unmapped holes is advised where
 * mapped, then ENOMEM, as 2.4.0 does.
 */
#include "kernel/abi.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "lib/errno.h"
#include "mm/memory.h"
#include "mm/mmap.h"
#include "mm/pgtable.h"
#include "mm/swap.h"
#include "mm/swapops.h"

/* Reads the swap entry of each PTE of [start, end) into the cache. */
static long madvise_willneed(struct vm_area_struct *vma, unsigned long start,
			     unsigned long end)
{
	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
		pmd_t *pmd = pmd_offset(pgd_offset(vma->vm_mm, addr), addr);
		struct page *page;
		pte_t pte;

		if (pmd_none(*pmd) || pmd_bad(*pmd)) {
			addr = (addr & PGDIR_MASK) + PGDIR_SIZE - PAGE_SIZE;
			continue;
		}
		pte = *pte_offset(pmd, addr);
		if (pte_none(pte) || pte_present(pte) || pte_is_migration(pte))
			continue;
		/* may sleep: the PTE is read afresh for each address */
		page = read_swap_cache_async(pte_to_swp_entry(pte));
		if (page)
			put_page(page);	/* the cache keeps it */
	}
	return 0;
}

static long madvise_dontneed(struct vm_area_struct *vma, unsigned long start,
			     unsigned long end)
{
	if (vma->vm_flags & VM_LOCKED)
		return -EINVAL;
	zap_page_range(vma->vm_mm, start, end - start);
	return 0;
}

/* [start, end) lies inside vma (2.4.0's madvise_vma). */
static long madvise_vma(struct vm_area_struct *vma, unsigned long start,
			unsigned long end, int behavior)
{
	switch (behavior) {
	case MADV_NORMAL:
	case MADV_RANDOM:
	case MADV_SEQUENTIAL:
		return 0;
	case MADV_WILLNEED:
		return madvise_willneed(vma, start, end);
	case MADV_DONTNEED:
		return madvise_dontneed(vma, start, end);
	}
	return -EINVAL;
}

/* 2.4.0's loop over the VMAs of [start, end), holes noted. */
static long madvise_range(struct mm_struct *mm, unsigned long start,
			  unsigned long end, int behavior)
{
	struct vm_area_struct *vma = find_vma(mm, start);
	long unmapped_error = 0, error;

	for (;;) {
		if (!vma)
			return -ENOMEM;
		if (start < vma->vm_start) {
			unmapped_error = -ENOMEM;
			start = vma->vm_start;
			if (start >= end)
				return unmapped_error;
		}
		error = madvise_vma(vma, start, min(end, vma->vm_end),
				    behavior);
		if (error || end <= vma->vm_end)
			return error ? error : unmapped_error;
		start = vma->vm_end;
		vma = vma->vm_next;
	}
}

long sys_madvise(unsigned long start, unsigned long len, int behavior)
{
	struct mm_struct *mm = current->mm;
	unsigned long end;
	long ret;

	if (behavior < MADV_NORMAL || behavior > MADV_DONTNEED)
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	end = start + PAGE_ALIGN(len);
	if (end < start || (len && !PAGE_ALIGN(len)))
		return -EINVAL;
	if (end == start)
		return 0;
	down(&mm->mmap_sem);
	ret = madvise_range(mm, start, end, behavior);
	debug_check_mm(mm, "madvise");
	up(&mm->mmap_sem);
	return ret;
}
