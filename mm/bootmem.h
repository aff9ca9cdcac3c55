/*
 * The boot-time allocator (Linux 2.4's mm/bootmem.c): a bitmap with
 * one bit per low-memory page frame, set = reserved.  It serves the
 * few large allocations made before the buddy allocator exists
 * (mem_map), then free_all_bootmem() hands every page still free to
 * the buddy allocator and retires it.
 */
#ifndef MM_BOOTMEM_H
#define MM_BOOTMEM_H

#include "lib/compiler.h"
#include "mm/page.h"

/* Page frames around a physical address: the first whole one, its own. */
#define PFN_UP(x)	((unsigned long)(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT))
#define PFN_DOWN(x)	((unsigned long)((x) >> PAGE_SHIFT))

extern unsigned long max_pfn;		/* end of RAM, in page frames */
extern unsigned long max_low_pfn;	/* end of low memory (<= 896 MiB) */

void setup_memory(void);
void *alloc_bootmem(unsigned long size);
void reserve_bootmem(unsigned long phys, unsigned long size);
unsigned long free_all_bootmem(void);
unsigned long bootmem_reserved_pages(void);

bool page_is_ram(unsigned long pfn);
unsigned long ram_pages_in(unsigned long start_pfn, unsigned long end_pfn);

#endif
