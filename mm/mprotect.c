/*
 * mprotect (mm/mprotect.c in Linux 2.4): new permissions for a range
 * of VMAs, splitting them at the range's ends and rewriting the PTEs
 * already there.  Pages of a private writable VMA stay read-only in
 * the PTE (PAGE_COPY): the first write still goes through do_wp_page,
 * which copies a page shared since fork and reuses one that is not.
 */
#include "mm/mmap.h"
#include "kernel/abi.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "mm/pgtable.h"

#define VM_PROT_MASK	(VM_READ | VM_WRITE | VM_EXEC)

/* Rewrites the present PTEs of [start, end) with prot. */
static void change_protection(struct vm_area_struct *vma, unsigned long start,
			      unsigned long end, pgprot_t prot)
{
	struct mm_struct *mm = vma->vm_mm;

	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
		pmd_t *pmd = pmd_offset(pgd_offset(mm, addr), addr);
		pte_t *pte;

		if (pmd_none(*pmd) || pmd_bad(*pmd)) {
			addr = (addr & PGDIR_MASK) + PGDIR_SIZE - PAGE_SIZE;
			continue;
		}
		pte = pte_offset(pmd, addr);
		if (pte_present(*pte))
			set_pte(pte, pte_modify(*pte, prot));
	}
	flush_tlb_mm(mm);
}

/* Gives [start, end), which lies inside vma, the flags newflags. */
static int mprotect_fixup(struct vm_area_struct *vma, unsigned long start,
			  unsigned long end, unsigned long newflags)
{
	struct mm_struct *mm = vma->vm_mm;

	if (newflags == vma->vm_flags)
		return 0;
	vma = split_vma_range(mm, vma, start, end);
	if (!vma)
		return -ENOMEM;
	vma->vm_flags = newflags;
	vma->vm_page_prot = vm_get_page_prot(newflags);
	change_protection(vma, start, end, vma->vm_page_prot);
	vma_merge_neighbours(mm, vma);
	return 0;
}

/*
 * Checks that [start, end) is covered by VMAs without holes and that
 * each may take the new permissions (VM_MAY*): 0, -ENOMEM or -EACCES.
 * Checking first means a failing call changes nothing.
 */
static int check_range(struct mm_struct *mm, unsigned long start,
		       unsigned long end, unsigned long prot_flags)
{
	struct vm_area_struct *vma = find_vma(mm, start);
	unsigned long covered = start;

	for (; vma && vma->vm_start <= covered && covered < end;
	     vma = vma->vm_next) {
		if ((prot_flags << 4) & ~vma->vm_flags & (VM_PROT_MASK << 4))
			return -EACCES;	/* VM_MAYx is VM_x << 4 */
		covered = vma->vm_end;
	}
	return covered >= end ? 0 : -ENOMEM;
}

long do_mprotect(unsigned long start, unsigned long len, unsigned long prot)
{
	struct mm_struct *mm = current->mm;
	unsigned long prot_flags = calc_vm_prot_bits(prot), end;
	int err;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	if (!len)
		return 0;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (!len || end <= start || end > TASK_SIZE)
		return -ENOMEM;
	err = check_range(mm, start, end, prot_flags);
	if (err)
		return err;
	for (unsigned long addr = start; addr < end; ) {
		/* check_range() saw addr covered; VMAs may since have been
		 * split or merged, so look it up again each time */
		struct vm_area_struct *vma = find_vma(mm, addr);
		unsigned long to = min(end, vma->vm_end);
		unsigned long newflags = (vma->vm_flags & ~VM_PROT_MASK) |
					 prot_flags;

		err = mprotect_fixup(vma, addr, to, newflags);
		if (err)
			return err;
		addr = to;
	}
	return 0;
}

long sys_mprotect(unsigned long start, unsigned long len, unsigned long prot)
{
	struct mm_struct *mm = current->mm;
	long ret;

	down(&mm->mmap_sem);
	ret = do_mprotect(start, len, prot);
	debug_check_mm(mm, "mprotect");
	up(&mm->mmap_sem);
	return ret;
}
