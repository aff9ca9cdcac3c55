/*
 * mlock, munlock, mlockall, munlockall (2.4.0's mm/mlock.c): a locked
 * VMA (VM_LOCKED) has its pages faulted in at once and kept in RAM:
 * swap_out_vma() passes it over, as 2.4.0's does, so reclaim never
 * unmaps its pages.  Page migration still moves them (Linux does too:
 * a locked page stays in RAM, not in one place).
 *
 * Pagoda has no users: every process may lock (2.4.0 asks for
 * CAP_IPC_LOCK) and there is no RLIMIT_MEMLOCK; 2.4.0's other limit
 * stays: at most half of RAM locked per process, else ENOMEM.
 */
#include "kernel/abi.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "lib/errno.h"
#include "mm/memory.h"
#include "mm/mm.h"
#include "mm/mmap.h"

/*
 * Faults in every page of [start, end) (2.4.0's make_pages_present,
 * mm/memory.c): a write fault where the VMA is writable, so a private
 * page is the process's own and no copy-on-write is left to come; a
 * swapped-out page comes back.  PROT_NONE VMAs are left alone, as
 * Linux 2.6's mlock does.  -ENOMEM if a page cannot be had.
 */
int make_pages_present(struct mm_struct *mm, unsigned long start,
		       unsigned long end)
{
	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
		struct vm_area_struct *vma = find_vma(mm, addr);
		int ret;

		if (!vma || vma->vm_start > addr)
			return -ENOMEM;
		if (!(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
			continue;
		ret = handle_mm_fault(mm, vma, addr,
				      (vma->vm_flags & VM_WRITE) != 0);
		if (ret == VM_FAULT_OOM || ret == VM_FAULT_SIGBUS)
			return -ENOMEM;
		cond_resched();
	}
	return 0;
}

/* Gives [start, end), inside vma, the flags newflags; fills it if locked. */
static int mlock_fixup(struct vm_area_struct *vma, unsigned long start,
		       unsigned long end, unsigned long newflags)
{
	struct mm_struct *mm = vma->vm_mm;

	if (newflags != vma->vm_flags) {
		vma = split_vma_range(mm, vma, start, end);
		if (!vma)
			return -ENOMEM;
		vma->vm_flags = newflags;
		vma_merge_neighbours(mm, vma);
	}
	return newflags & VM_LOCKED ? make_pages_present(mm, start, end) : 0;
}

/*
 * Locks or unlocks [start, start + len), page aligned: VMA by VMA, so a
 * hole gives -ENOMEM with the part before it done, as in 2.4.0.
 */
static int do_mlock(unsigned long start, unsigned long len, bool on)
{
	struct mm_struct *mm = current->mm;
	unsigned long end = start + len, addr = start;

	while (addr < end) {
		struct vm_area_struct *vma = find_vma(mm, addr);
		unsigned long to, flags;
		int err;

		if (!vma || vma->vm_start > addr)
			return -ENOMEM;
		to = min(end, vma->vm_end);
		flags = on ? vma->vm_flags | VM_LOCKED
			   : vma->vm_flags & ~VM_LOCKED;
		err = mlock_fixup(vma, addr, to, flags);
		if (err)
			return err;
		addr = to;
	}
	return 0;
}

/* Pages in locked VMAs (2.4.0 keeps the count in mm->locked_vm). */
static unsigned long locked_pages(struct mm_struct *mm)
{
	unsigned long n = 0;

	for (struct vm_area_struct *vma = mm->mmap; vma; vma = vma->vm_next)
		if (vma->vm_flags & VM_LOCKED)
			n += (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
	return n;
}

/*
 * May mm lock pages more pages?  At most half of RAM per process: the
 * test 2.4.0 makes against RLIMIT_MEMLOCK in mlock, mlockall, and in
 * mremap, mmap and brk of a locked mapping (getrlimit says half of
 * RAM).  A range already locked counts twice, as in 2.4.0.
 */
bool mlock_limit_ok(struct mm_struct *mm, unsigned long pages)
{
	return pages <= num_physpages / 2 &&
	       pages + locked_pages(mm) <= num_physpages / 2;
}

/*
 * The range goes out to whole pages: start down, the end up.  One
 * that wraps is EINVAL before the limit is looked at (2.4.0 says
 * ENOMEM, the limit first).
 */
static long mlock_range(unsigned long start, unsigned long len, bool on)
{
	struct mm_struct *mm = current->mm;
	unsigned long off = start & ~PAGE_MASK;
	long ret = -ENOMEM;

	if (len + off < len)
		return -EINVAL;
	len = PAGE_ALIGN(len + off);
	start -= off;
	if (start + len < start)
		return -EINVAL;
	down(&mm->mmap_sem);
	if (!on || mlock_limit_ok(mm, len >> PAGE_SHIFT))
		ret = do_mlock(start, len, on);
	debug_check_mm(mm, on ? "mlock" : "munlock");
	up(&mm->mmap_sem);
	return ret;
}

long sys_mlock(unsigned long start, unsigned long len)
{
	return mlock_range(start, len, true);
}

long sys_munlock(unsigned long start, unsigned long len)
{
	return mlock_range(start, len, false);
}

/*
 * MCL_CURRENT locks every VMA, MCL_FUTURE every one mapped from now
 * on (mm->def_flags, which map_anonymous() adds); without it, that
 * ends.  2.4.0's do_mlockall.
 */
static int do_mlockall(struct mm_struct *mm, int flags)
{
	struct vm_area_struct *vma;

	mm->def_flags = flags & MCL_FUTURE ? VM_LOCKED : 0;
	/* a fixup may merge vma with its neighbours: go on from its end */
	for (unsigned long addr = 0; (vma = find_vma(mm, addr)); ) {
		unsigned long start = max(addr, vma->vm_start);
		unsigned long newflags = vma->vm_flags & ~VM_LOCKED;
		int err;

		addr = vma->vm_end;
		if (flags & MCL_CURRENT)
			newflags |= VM_LOCKED;
		err = mlock_fixup(vma, start, addr, newflags);
		if (err)
			return err;
	}
	return 0;
}

long sys_mlockall(int flags)
{
	struct mm_struct *mm = current->mm;
	long ret = -ENOMEM;

	if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE)))
		return -EINVAL;
	down(&mm->mmap_sem);
	if (mm->total_vm <= num_physpages / 2)
		ret = do_mlockall(mm, flags);
	debug_check_mm(mm, "mlockall");
	up(&mm->mmap_sem);
	return ret;
}

long sys_munlockall(void)
{
	struct mm_struct *mm = current->mm;
	long ret;

	down(&mm->mmap_sem);
	ret = do_mlockall(mm, 0);
	debug_check_mm(mm, "munlockall");
	up(&mm->mmap_sem);
	return ret;
}
