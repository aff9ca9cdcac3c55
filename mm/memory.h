/* Demand paging and copy-on-write (mm/memory.c). */
#ifndef MM_MEMORY_H
#define MM_MEMORY_H

#include "mm/pgtable.h"

/* What handle_mm_fault() returns (2.4's numbers, 2.6's names). */
#define VM_FAULT_OOM	(-1)	/* no memory for the page */
#define VM_FAULT_SIGBUS	0	/* the page cannot be had */
#define VM_FAULT_MINOR	1	/* mapped without I/O */
#define VM_FAULT_MAJOR	2	/* mapped after reading it in */

int handle_mm_fault(struct mm_struct *mm, struct vm_area_struct *vma,
		    unsigned long address, int write_access);
int do_swap_page(struct mm_struct *mm, struct vm_area_struct *vma,
		 unsigned long address, pte_t *page_table, pte_t orig_pte,
		 int write_access);
int copy_page_range(struct mm_struct *dst, struct mm_struct *src,
		    struct vm_area_struct *vma);
void zap_page_range(struct mm_struct *mm, unsigned long address,
		    unsigned long size);
int make_pages_present(struct mm_struct *mm,		/* mm/mlock.c */
		       unsigned long start, unsigned long end);
bool mlock_limit_ok(struct mm_struct *mm, unsigned long pages);
void clear_page_tables(struct mm_struct *mm);
int migration_entry_wait(pte_t pte, unsigned long address);
struct page *follow_page(struct mm_struct *mm, unsigned long address);
extern char empty_zero_page[PAGE_SIZE];
#define ZERO_PAGE()	virt_to_page(empty_zero_page)

#endif
