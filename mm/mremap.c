/*
 * mremap (2.4.0's mm/mremap.c): shrinks a mapping, grows it in place
 * when the room after it is free, or with MREMAP_MAYMOVE moves it,
 * page tables and all, where there is room (MREMAP_FIXED: to
 * new_addr).  glibc's realloc() of a large (mmap()ed) block uses it.
 *
 * A move carries each PTE over as it is: a present page keeps its
 * frame, its reference and its rss; a swap entry keeps its slot (the
 * slot's count and the swap cache do not change: they know the entry,
 * not the address); a migration entry still names the page being
 * moved.  What 2.4.0 lacks is the reverse map (mm/rmap.c): the PTE of a
 * page, and of a migration entry, is listed there by its address, so
 * each one moved leaves its page's rmap and joins it at its new place,
 * where migration and the checker look for it.
 *
 * Errors as Linux 2.6 gives them: bad flags, a misaligned address, a
 * new length of 0, an old length of 0 (private mappings only here) or
 * overlapping ranges EINVAL; an old range not within one VMA EFAULT;
 * no room ENOMEM; a locked VMA that would grow past mlock's limit
 * (mlock_limit_ok) EAGAIN, as in 2.4.0.
 */
#include "kernel/abi.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "lib/errno.h"
#include "mm/memory.h"
#include "mm/mmap.h"
#include "mm/rmap.h"
#include "mm/slab.h"
#include "mm/swapops.h"

/* The PTE for addr if its page table exists (2.4.0's get_one_pte). */
static pte_t *get_one_pte(struct mm_struct *mm, unsigned long addr)
{
	pmd_t *pmd = pmd_offset(pgd_offset(mm, addr), addr);

	if (pmd_none(*pmd) || pmd_bad(*pmd))
		return NULL;
	return pte_offset(pmd, addr);
}

/* The page whose rmap lists a PTE holding pte, or NULL. */
static struct page *rmap_page_of(pte_t pte)
{
	if (pte_is_migration(pte))
		return migration_entry_to_page(pte_to_swp_entry(pte));
	if (pte_present(pte) && !PageReserved(pte_page(pte)))
		return pte_page(pte);
	return NULL;	/* the zero page, a swap entry: no rmap */
}

/*
 * Moves the PTE of old_addr to new_addr (2.4.0's move_one_page and
 * copy_one_pte), and its rmap entry with it.  Allocates first (the
 * page table, the rmap's chain nodes), then reads the PTE: reclaim may
 * have changed it while we slept.  -ENOMEM, with nothing moved.
 */
static int move_one_page(struct mm_struct *mm, unsigned long old_addr,
			 unsigned long new_addr)
{
	pte_t *src = get_one_pte(mm, old_addr), *dst, pte;
	struct page *page;

	if (!src || pte_none(*src))
		return 0;
	dst = pte_alloc(mm, pmd_offset(pgd_offset(mm, new_addr), new_addr),
			new_addr);
	if (!dst || pte_chain_prepare())
		return -ENOMEM;
	pte = ptep_get_and_clear(src);
	page = rmap_page_of(pte);
	if (page)
		page_remove_rmap(page, src);
	set_pte(dst, pte);
	if (page)
		page_add_rmap(page, dst);
	return 0;
}

/*
 * 2.4.0's move_page_tables: from the end down; if a page table cannot
 * be had, what moved goes back (the old page tables are all there).
 */
static int move_page_tables(struct mm_struct *mm, unsigned long new_addr,
			    unsigned long old_addr, unsigned long len)
{
	unsigned long offset = len;

	while (offset) {
		offset -= PAGE_SIZE;
		if (move_one_page(mm, old_addr + offset, new_addr + offset))
			goto undo;
	}
	flush_tlb_mm(mm);
	return 0;
undo:
	while ((offset += PAGE_SIZE) < len)
		move_one_page(mm, new_addr + offset, old_addr + offset);
	flush_tlb_mm(mm);
	return -ENOMEM;
}

/*
 * [addr, addr + old_len) of vma becomes [new_addr, new_addr + new_len):
 * a new VMA with vma's flags, the PTEs moved into it, the old range
 * unmapped (2.4.0's move_vma).  A locked VMA's new part is faulted in.
 */
static unsigned long move_vma(struct mm_struct *mm, struct vm_area_struct *vma,
			      unsigned long addr, unsigned long old_len,
			      unsigned long new_len, unsigned long new_addr)
{
	bool locked = vma->vm_flags & VM_LOCKED;
	struct vm_area_struct *new_vma;

	if (mm->map_count >= MAX_MAP_COUNT)
		return -ENOMEM;
	new_vma = vm_area_dup(vma);
	if (!new_vma)
		return -ENOMEM;
	if (move_page_tables(mm, new_addr, addr, old_len)) {
		kfree(new_vma);
		return -ENOMEM;
	}
	new_vma->vm_start = new_addr;
	new_vma->vm_end = new_addr + new_len;
	insert_vm_struct(mm, new_vma);
	mm->total_vm += new_len >> PAGE_SHIFT;
	do_munmap(mm, addr, old_len);	/* its PTEs are gone: no pages */
	vma_merge_neighbours(mm, new_vma);
	if (locked)
		make_pages_present(mm, new_addr, new_addr + new_len);
	return new_addr;
}

/* Can vma, whose end addr + old_len is, grow in place to new_len? */
static bool room_after(struct vm_area_struct *vma, unsigned long addr,
		       unsigned long new_len)
{
	unsigned long max_addr = vma->vm_next ? vma->vm_next->vm_start
					      : TASK_SIZE;

	return max_addr - addr >= new_len;
}

/* vma, ending at addr + old_len, grows in place to addr + new_len. */
static unsigned long grow_in_place(struct mm_struct *mm,
				   struct vm_area_struct *vma,
				   unsigned long addr, unsigned long old_len,
				   unsigned long new_len)
{
	bool locked = vma->vm_flags & VM_LOCKED;

	vma->vm_end = addr + new_len;
	mm->total_vm += (new_len - old_len) >> PAGE_SHIFT;
	vma_merge_neighbours(mm, vma);
	if (locked)
		make_pages_present(mm, addr + old_len, addr + new_len);
	return addr;
}

/* MREMAP_FIXED's target: aligned, in user space, not over the old. */
static bool fixed_target_ok(unsigned long addr, unsigned long old_len,
			    unsigned long new_len, unsigned long new_addr)
{
	if ((new_addr & ~PAGE_MASK) || new_addr < MMAP_MIN_ADDR ||
	    new_len > TASK_SIZE || new_addr > TASK_SIZE - new_len)
		return false;
	return new_addr + new_len <= addr || addr + old_len <= new_addr;
}

/* 2.4.0's do_mremap, with Linux 2.6's checks; under mmap_sem. */
static unsigned long do_mremap(struct mm_struct *mm, unsigned long addr,
			       unsigned long old_len, unsigned long new_len,
			       unsigned long flags, unsigned long new_addr)
{
	bool fixed = flags & MREMAP_FIXED;
	struct vm_area_struct *vma;

	if (flags & ~(MREMAP_FIXED | MREMAP_MAYMOVE) ||
	    (fixed && !(flags & MREMAP_MAYMOVE)) || (addr & ~PAGE_MASK))
		return -EINVAL;
	old_len = PAGE_ALIGN(old_len);
	new_len = PAGE_ALIGN(new_len);
	if (!new_len || !old_len || addr + old_len < addr)
		return -EINVAL;
	if (fixed && !fixed_target_ok(addr, old_len, new_len, new_addr))
		return -EINVAL;
	vma = find_vma(mm, addr);
	if (!vma || vma->vm_start > addr || old_len > vma->vm_end - addr)
		return -EFAULT;
	if (old_len > new_len) {	/* shrinking: unmap the tail */
		if (do_munmap(mm, addr + new_len, old_len - new_len))
			return -ENOMEM;
		old_len = new_len;
	}
	if ((vma->vm_flags & VM_LOCKED) &&
	    !mlock_limit_ok(mm, (new_len - old_len) >> PAGE_SHIFT))
		return -EAGAIN;		/* 2.4.0: locked_vm past RLIMIT_MEMLOCK */
	if (fixed) {
		if (do_munmap(mm, new_addr, new_len))
			return -ENOMEM;
		vma = find_vma(mm, addr);	/* the unmaps may split it */
		return move_vma(mm, vma, addr, old_len, new_len, new_addr);
	}
	if (old_len == new_len)
		return addr;
	if (addr + old_len == vma->vm_end && room_after(vma, addr, new_len))
		return grow_in_place(mm, vma, addr, old_len, new_len);
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	new_addr = get_unmapped_area(mm, 0, new_len);
	if (!new_addr)
		return -ENOMEM;
	return move_vma(mm, vma, addr, old_len, new_len, new_addr);
}

long sys_mremap(unsigned long addr, unsigned long old_len,
		unsigned long new_len, unsigned long flags,
		unsigned long new_addr)
{
	struct mm_struct *mm = current->mm;
	unsigned long ret;

	down(&mm->mmap_sem);
	ret = do_mremap(mm, addr, old_len, new_len, flags, new_addr);
	debug_check_mm(mm, "mremap");
	up(&mm->mmap_sem);
	return ret;
}
