/*
 * The reclaim machinery of mm/vmscan.c that needs page tables and
 * processes: the seed's try_to_swap_out and kswapd call trees.  (The
 * entry points the page allocator calls are in mm/swap.h.)
 *
 * In 2.4 these are static; here they are global so that GDB can
 * break on each by name, a lab can replace one, and the reclaim suite
 * can call try_to_swap_out() on a mapping it built.
 */
#ifndef MM_VMSCAN_H
#define MM_VMSCAN_H

#include "kernel/wait.h"
#include "mm/pgtable.h"

struct task_struct;

extern struct task_struct *kswapd_task;
extern wait_queue_head_t kswapd_wait;	/* kswapd sleeps here */
extern wait_queue_head_t kswapd_done;	/* allocators wait for a round */

int try_to_swap_out(struct mm_struct *mm, struct vm_area_struct *vma,
		    unsigned long address, pte_t *page_table,
		    unsigned int gfp_mask);
int swap_out_pmd(struct mm_struct *mm, struct vm_area_struct *vma,
		 pmd_t *dir, unsigned long address, unsigned long end,
		 unsigned int gfp_mask);
int swap_out_pgd(struct mm_struct *mm, struct vm_area_struct *vma,
		 pgd_t *dir, unsigned long address, unsigned long end,
		 unsigned int gfp_mask);
int swap_out_vma(struct mm_struct *mm, struct vm_area_struct *vma,
		 unsigned long address, unsigned int gfp_mask);
int swap_out_mm(struct mm_struct *mm, unsigned int gfp_mask);
int swap_out(unsigned int priority, unsigned int gfp_mask);
int refill_inactive_scan(unsigned int priority, int oneshot);
int refill_inactive(unsigned int gfp_mask, int user);
int do_try_to_free_pages(unsigned int gfp_mask, int user);
int kswapd(void *unused);
void kswapd_init(void);

#endif
