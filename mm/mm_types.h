/*
 * Address spaces: struct mm_struct and struct vm_area_struct (2.4's
 * include/linux/sched.h and include/linux/mm.h).
 *
 * A user process owns one mm_struct (its threads share it: mm_users
 * counts them): its page directory, whose upper
 * quarter (the kernel, from PAGE_OFFSET up) is shared by every
 * process, and its list of virtual memory areas.  A VMA is a range of
 * user addresses with one set of permissions; every valid user address
 * lies in exactly one VMA, and a page fault outside every VMA kills the
 * process (mm/fault.c).  Pages are mapped into a VMA only when first
 * touched (mm/memory.c).
 *
 * Every mm is on the global mmlist, which swap_out() walks to find the
 * address space to take pages from (swap_address: where it stopped;
 * swap_cnt: how many pages it may still take from this mm).
 */
#ifndef MM_MM_TYPES_H
#define MM_MM_TYPES_H

#include "kernel/semaphore.h"
#include "lib/list.h"
#include "mm/page.h"

/* The user part of every address space: 0 up to the kernel's 3 GiB. */
#define TASK_SIZE		PAGE_OFFSET
#define TASK_UNMAPPED_BASE	(TASK_SIZE / 3)	/* mmap() looks here */
#define STACK_TOP		TASK_SIZE
#define STACK_LIMIT		(8UL << 20)	/* default RLIMIT_STACK */
#define MAX_MAP_COUNT		4096		/* VMAs per mm */

/* vm_flags, with Linux's values. */
#define VM_READ		0x00000001
#define VM_WRITE	0x00000002
#define VM_EXEC		0x00000004
#define VM_SHARED	0x00000008
#define VM_MAYREAD	0x00000010	/* what mprotect may turn on */
#define VM_MAYWRITE	0x00000020
#define VM_MAYEXEC	0x00000040
#define VM_GROWSDOWN	0x00000100	/* the stack: grows on faults */
#define VM_LOCKED	0x00002000	/* mlock: never swapped out */

struct mm_struct;

struct vm_area_struct {
	struct mm_struct *vm_mm;
	unsigned long vm_start;		/* first address */
	unsigned long vm_end;		/* first address after */
	struct vm_area_struct *vm_next;	/* the next VMA up */
	pgprot_t vm_page_prot;	/* PTE bits of pages mapped here */
	unsigned long vm_flags;
};

struct mm_struct {
	struct vm_area_struct *mmap;	/* VMAs, sorted by address */
	struct vm_area_struct *mmap_cache;	/* last find_vma() result */
	pgd_t *pgd;
	int mm_users;			/* tasks using it (threads share) */
	struct semaphore mmap_sem;	/* VMA changes and faults (2.4.0) */
	int map_count;			/* number of VMAs */
	struct list_head mmlist;	/* on the global mmlist */
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long arg_start, arg_end;
	unsigned long rss;		/* pages mapped (not the zero page) */
	unsigned long total_vm;		/* pages in VMAs */
	unsigned long def_flags;	/* VM_LOCKED after mlockall(MCL_FUTURE) */
	unsigned long swap_address;	/* swap_out() resumes here */
	unsigned long swap_cnt;		/* what swap_out() may take */
};

extern struct list_head mmlist;		/* every mm_struct */

struct mm_struct *mm_alloc(void);
void mmput(struct mm_struct *mm);
struct mm_struct *dup_mm(struct mm_struct *oldmm);

#endif
