/* Virtual memory areas: mmap, munmap, brk (mm/mmap.c), mprotect.c. */
#ifndef MM_MMAP_H
#define MM_MMAP_H

#include "mm/mm_types.h"

/* Linux's mmap_min_addr: page 0 and its neighbours are never mapped. */
#define MMAP_MIN_ADDR	0x10000UL
/* mmap() without MAP_FIXED leaves the stack room to grow to its limit. */
#define MMAP_END	(STACK_TOP - STACK_LIMIT)

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm,
					     unsigned long start,
					     unsigned long end);
pgprot_t vm_get_page_prot(unsigned long vm_flags);
unsigned long calc_vm_prot_bits(unsigned long prot);
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long addr,
				unsigned long len);
unsigned long do_mmap(unsigned long addr, unsigned long len,
		      unsigned long prot, unsigned long flags);

/*
 * Whether do_mmap's result is -errno rather than an address.  User
 * space reaches 3 GiB, so an address of 2 GiB or more is negative as
 * a long: never test the result with "< 0".  Addresses are page
 * aligned and -4095..-1 never are; 2.4's callers test the same way
 * (`addr & ~PAGE_MASK`), 2.6 calls it IS_ERR_VALUE.
 */
static inline bool mmap_error(unsigned long ret)
{
	return ret & ~PAGE_MASK;
}
long do_munmap(struct mm_struct *mm, unsigned long addr, unsigned long len);
long do_mprotect(unsigned long start, unsigned long len, unsigned long prot);
int expand_stack(struct vm_area_struct *vma, unsigned long address);
void exit_mmap(struct mm_struct *mm);
struct vm_area_struct *vm_area_dup(const struct vm_area_struct *vma);
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
	      unsigned long addr);
struct vm_area_struct *split_vma_range(struct mm_struct *mm,
				       struct vm_area_struct *vma,
				       unsigned long start, unsigned long end);
void vma_merge_neighbours(struct mm_struct *mm, struct vm_area_struct *vma);
void insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma);

/* mm/mmap_debug.c: the address-space invariants, by name. */
const char *mm_struct_invariant(struct mm_struct *mm);
#ifdef CONFIG_DEBUG
void debug_check_mm(struct mm_struct *mm, const char *after);
#else
static inline void debug_check_mm(struct mm_struct *mm __unused,
				  const char *after __unused) {}
#endif

#endif
