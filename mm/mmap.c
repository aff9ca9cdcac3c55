/*
 * Virtual memory areas (mm/mmap.c in Linux 2.4): finding, adding,
 * splitting, merging and removing the VMAs of an address space, and
 * the system calls built on them: mmap2 (anonymous, private), munmap
 * and brk.  Also the stack's growth and the teardown at exit.
 *
 * An mm's VMAs are a singly linked list sorted by address, as in 2.4
 * (which also kept an AVL tree for speed; a list is enough here).
 * Adjacent VMAs with the same flags are merged, so the list stays
 * short however a program grows its heap or changes protections.
 */
#include "mm/mmap.h"
#include "kernel/abi.h"
#include "kernel/kernel.h"
#include "kernel/file.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "mm/memory.h"
#include "mm/slab.h"

/* The first VMA ending above addr (it may start above addr too). */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = mm->mmap_cache;

	if (vma && vma->vm_start <= addr && addr < vma->vm_end)
		return vma;
	for (vma = mm->mmap; vma; vma = vma->vm_next)
		if (vma->vm_end > addr) {
			mm->mmap_cache = vma;
			return vma;
		}
	return NULL;
}

/* As find_vma(), also giving the VMA before it (NULL if none). */
static struct vm_area_struct *find_vma_prev(struct mm_struct *mm,
					    unsigned long addr,
					    struct vm_area_struct **pprev)
{
	struct vm_area_struct *vma, *prev = NULL;

	for (vma = mm->mmap; vma && vma->vm_end <= addr; vma = vma->vm_next)
		prev = vma;
	*pprev = prev;
	return vma;
}

/* The first VMA overlapping [start, end), or NULL. */
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm,
					     unsigned long start,
					     unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	return vma && vma->vm_start < end ? vma : NULL;
}

/* PTE protections for VM flags (2.4's protection_map). */
pgprot_t vm_get_page_prot(unsigned long vm_flags)
{
	if (!(vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return PAGE_NONE;
	if ((vm_flags & (VM_SHARED | VM_WRITE)) == (VM_SHARED | VM_WRITE))
		return PAGE_SHARED;
	return PAGE_COPY;
}

unsigned long calc_vm_prot_bits(unsigned long prot)
{
	return (prot & PROT_READ ? VM_READ : 0) |
	       (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
}

/* Links vma into the sorted list after prev (at the head if NULL). */
static void vma_link(struct mm_struct *mm, struct vm_area_struct *vma,
		     struct vm_area_struct *prev)
{
	if (prev) {
		vma->vm_next = prev->vm_next;
		prev->vm_next = vma;
	} else {
		vma->vm_next = mm->mmap;
		mm->mmap = vma;
	}
	mm->map_count++;
}

static void vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma,
		       struct vm_area_struct *prev)
{
	if (prev)
		prev->vm_next = vma->vm_next;
	else
		mm->mmap = vma->vm_next;
	mm->map_count--;
	mm->mmap_cache = NULL;
}

void insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *prev;

	find_vma_prev(mm, vma->vm_start, &prev);
	vma->vm_mm = mm;
	vma_link(mm, vma, prev);
}

struct vm_area_struct *vm_area_dup(const struct vm_area_struct *vma)
{
	struct vm_area_struct *new = kmalloc(sizeof(*new), GFP_KERNEL);

	if (new)
		*new = *vma;
	return new;
}

/* Cuts vma in two at addr (page aligned, strictly inside it). */
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
	      unsigned long addr)
{
	struct vm_area_struct *new;

	if (mm->map_count >= MAX_MAP_COUNT)
		return -ENOMEM;
	new = vm_area_dup(vma);
	if (!new)
		return -ENOMEM;
	new->vm_start = addr;
	vma->vm_end = addr;
	vma_link(mm, new, vma);
	return 0;
}

/*
 * Splits vma, which holds [start, end), so that one VMA covers exactly
 * that range, and returns it; NULL if there is no memory to split
 * (2.4.0 has a fixup_start, _end and _middle for each caller:
 * mprotect's, mlock's, madvise's).
 */
struct vm_area_struct *split_vma_range(struct mm_struct *mm,
				       struct vm_area_struct *vma,
				       unsigned long start, unsigned long end)
{
	if (start > vma->vm_start) {
		if (split_vma(mm, vma, start))
			return NULL;
		vma = vma->vm_next;
	}
	if (end < vma->vm_end && split_vma(mm, vma, end))
		return NULL;
	return vma;
}

static bool can_merge(const struct vm_area_struct *a,
		      const struct vm_area_struct *b)
{
	return a && b && a->vm_end == b->vm_start &&
	       a->vm_flags == b->vm_flags;
}

/* Joins vma with the VMAs just before and after it if they match. */
void vma_merge_neighbours(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *prev, *next = vma->vm_next;

	if (can_merge(vma, next)) {
		vma->vm_end = next->vm_end;
		vma_unlink(mm, next, vma);
		kfree(next);
	}
	find_vma_prev(mm, vma->vm_start, &prev);
	if (can_merge(prev, vma)) {
		prev->vm_end = vma->vm_end;
		vma_unlink(mm, vma, prev);
		kfree(vma);
	}
}

/* A new anonymous VMA [addr, addr + len); the range must be free. */
static int map_anonymous(struct mm_struct *mm, unsigned long addr,
			 unsigned long len, unsigned long vm_flags)
{
	struct vm_area_struct *vma;

	vm_flags |= mm->def_flags;	/* mlockall(MCL_FUTURE) */
	if ((vm_flags & VM_LOCKED) && !mlock_limit_ok(mm, len >> PAGE_SHIFT))
		return -EAGAIN;		/* 2.4.0's do_mmap and do_brk */
	if (mm->map_count >= MAX_MAP_COUNT)
		return -ENOMEM;
	vma = kmalloc(sizeof(*vma), GFP_KERNEL);
	if (!vma)
		return -ENOMEM;
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_flags = vm_flags;
	vma->vm_page_prot = vm_get_page_prot(vm_flags);
	insert_vm_struct(mm, vma);
	mm->total_vm += len >> PAGE_SHIFT;
	vma_merge_neighbours(mm, vma);
	/* 2.4.0's do_mmap and do_brk fault a locked mapping in at once;
	 * like theirs, a failure here leaves the mapping made */
	if (vm_flags & VM_LOCKED)
		make_pages_present(mm, addr, addr + len);
	return 0;
}

/*
 * A free range of len bytes: at the hint if it is free, else the
 * lowest gap from TASK_UNMAPPED_BASE up (2.4's bottom-up search).
 * Returns its address, or 0 if there is none, as 2.4.0 does: no range
 * starts at 0 (MMAP_MIN_ADDR), whereas a signed "-ENOMEM or address"
 * cannot tell an error from an address of 2 GiB or more.
 */
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long addr,
				unsigned long len)
{
	struct vm_area_struct *vma;

	addr = PAGE_ALIGN(addr);
	if (addr >= MMAP_MIN_ADDR && addr <= MMAP_END &&
	    len <= MMAP_END - addr &&
	    !find_vma_intersection(mm, addr, addr + len))
		return addr;
	addr = TASK_UNMAPPED_BASE;
	for (vma = find_vma(mm, addr); ; vma = vma->vm_next) {
		if (addr > MMAP_END || len > MMAP_END - addr)
			return 0;
		if (!vma || addr + len <= vma->vm_start)
			return addr;
		addr = vma->vm_end;
	}
}

/*
 * Maps len bytes of anonymous memory into the current process, at
 * addr with MAP_FIXED (replacing what was there), else where there is
 * room.  Returns the address or -errno (test it with mmap_error()).
 * Pages come on first touch.
 */
unsigned long do_mmap(unsigned long addr, unsigned long len,
		      unsigned long prot, unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	long err;

	if (!len)
		return -EINVAL;
	if (len > TASK_SIZE)
		return -ENOMEM;
	len = PAGE_ALIGN(len);
	if (flags & MAP_FIXED) {
		if (addr & ~PAGE_MASK)
			return -EINVAL;
		if (addr < MMAP_MIN_ADDR)
			return -EPERM;
		if (addr > TASK_SIZE - len)
			return -ENOMEM;
		err = do_munmap(mm, addr, len);
		if (err)
			return err;
	} else {
		addr = get_unmapped_area(mm, addr, len);
		if (!addr)
			return -ENOMEM;
	}
	err = map_anonymous(mm, addr, len, calc_vm_prot_bits(prot) |
			    VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC);
	return err ? (unsigned long)err : addr;
}

/*
 * mmap2(addr, len, prot, flags, fd, pgoff).  Pagoda has no files and
 * no shared memory: only MAP_PRIVATE is served, of anonymous memory
 * or of a descriptor on /dev/zero, which is the same (2.4.0's
 * mmap_zero).  Linux's errors, in its order: a descriptor not open
 * EBADF, neither private nor shared EINVAL, one not open for reading
 * EACCES, a device that cannot be mapped (/dev/null, the console)
 * ENODEV.
 */
long sys_mmap2(unsigned long addr, unsigned long len, unsigned long prot,
	       unsigned long flags, int fd, unsigned long pgoff __unused)
{
	struct file *f = NULL;
	unsigned long ret;

	if (!(flags & MAP_ANONYMOUS) && !(f = fcheck(fd)))
		return -EBADF;
	if ((flags & (MAP_SHARED | MAP_PRIVATE)) != MAP_PRIVATE)
		return -EINVAL;
	if (f && !file_can(f, false))
		return -EACCES;
	if (f && !f->f_op->mmap_anon)
		return -ENODEV;
	down(&current->mm->mmap_sem);
	ret = do_mmap(addr, len, prot, flags);
	debug_check_mm(current->mm, "mmap2");
	up(&current->mm->mmap_sem);
	return ret;
}

/* Frees vma: its pages, its accounting, its list entry. */
static void unmap_vma(struct mm_struct *mm, struct vm_area_struct *vma,
		      struct vm_area_struct *prev)
{
	zap_page_range(mm, vma->vm_start, vma->vm_end - vma->vm_start);
	mm->total_vm -= (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
	vma_unlink(mm, vma, prev);
	kfree(vma);
}

/*
 * Unmaps [addr, addr + len): VMAs that stick out are split first.
 * Nothing mapped there is not an error.
 */
long do_munmap(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	struct vm_area_struct *vma, *prev, *last;
	unsigned long end;

	if ((addr & ~PAGE_MASK) || addr > TASK_SIZE || len > TASK_SIZE - addr)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (!len)
		return -EINVAL;
	end = addr + len;
	vma = find_vma_prev(mm, addr, &prev);
	if (!vma || vma->vm_start >= end)
		return 0;
	if (vma->vm_start < addr) {
		if (split_vma(mm, vma, addr))
			return -ENOMEM;
		prev = vma;
		vma = vma->vm_next;
	}
	last = find_vma(mm, end - 1);
	if (last && last->vm_start < end && last->vm_end > end &&
	    split_vma(mm, last, end))
		return -ENOMEM;
	while (vma && vma->vm_start < end) {
		struct vm_area_struct *next = vma->vm_next;

		unmap_vma(mm, vma, prev);
		vma = next;
	}
	return 0;
}

long sys_munmap(unsigned long addr, unsigned long len)
{
	struct mm_struct *mm = current->mm;
	long ret;

	down(&mm->mmap_sem);
	ret = do_munmap(mm, addr, len);
	debug_check_mm(mm, "munmap");
	up(&mm->mmap_sem);
	return ret;
}

/*
 * brk(addr): moves the end of the heap.  Returns the new end, or the
 * old one if the request cannot be met (that is how brk fails).
 */
static unsigned long change_brk(struct mm_struct *mm, unsigned long brk)
{
	unsigned long newbrk = PAGE_ALIGN(brk), oldbrk = PAGE_ALIGN(mm->brk);

	if (brk < mm->start_brk || brk > MMAP_END)
		return mm->brk;
	if (newbrk < oldbrk) {
		if (do_munmap(mm, newbrk, oldbrk - newbrk))
			return mm->brk;
	} else if (newbrk > oldbrk) {
		/* keep a free page between the heap and the next VMA */
		if (find_vma_intersection(mm, oldbrk, newbrk + PAGE_SIZE) ||
		    map_anonymous(mm, oldbrk, newbrk - oldbrk,
				  VM_READ | VM_WRITE | VM_MAYREAD |
				  VM_MAYWRITE | VM_MAYEXEC))
			return mm->brk;
	}
	mm->brk = brk;
	debug_check_mm(mm, "brk");
	return brk;
}

/* mmap_sem around every change of the VMAs (2.4.0's). */
long sys_brk(unsigned long brk)
{
	struct mm_struct *mm = current->mm;
	unsigned long ret;

	down(&mm->mmap_sem);
	ret = change_brk(mm, brk);
	up(&mm->mmap_sem);
	return ret;
}

/*
 * The stack VMA grows down to cover a fault at address, up to
 * STACK_LIMIT and never into the VMA below it.
 */
int expand_stack(struct vm_area_struct *vma, unsigned long address)
{
	struct mm_struct *mm = vma->vm_mm;
	struct vm_area_struct *prev;

	address &= PAGE_MASK;
	if (vma->vm_end - address > STACK_LIMIT)
		return -ENOMEM;
	find_vma_prev(mm, vma->vm_start, &prev);
	if (prev && prev->vm_end > address)
		return -ENOMEM;
	mm->total_vm += (vma->vm_start - address) >> PAGE_SHIFT;
	vma->vm_start = address;
	return 0;
}

/* At exit: every VMA and page goes, then the page tables. */
void exit_mmap(struct mm_struct *mm)
{
	debug_check_mm(mm, "the process's life");
	while (mm->mmap)
		unmap_vma(mm, mm->mmap, NULL);
	clear_page_tables(mm);
	if (mm->rss || mm->total_vm)
		printk(KERN_ERR "exit_mmap: rss %lu total_vm %lu left\n",
		       mm->rss, mm->total_vm);
}
