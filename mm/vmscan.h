/*
 * Page aging and reclaim: what the allocator calls when memory runs
 * short (in Linux 2.4 these are declared in include/linux/swap.h).
 * mm/vmscan.c holds the functions; the reclaim issue gives them their
 * bodies.
 */
#ifndef MM_VMSCAN_H
#define MM_VMSCAN_H

#include "mm/mmzone.h"

/* A page's age: set on free, raised when referenced, halved on scans. */
#define PAGE_AGE_START	2
#define PAGE_AGE_ADV	3
#define PAGE_AGE_MAX	64

struct page;

extern unsigned long kswapd_wakeups;

void wakeup_kswapd(int block);
void wakeup_bdflush(int block);
struct page *reclaim_page(zone_t *zone);
int page_launder(unsigned int gfp_mask, int sync);
int try_to_free_pages(unsigned int gfp_mask);
unsigned long inactive_target(void);
int free_shortage(void);
int inactive_shortage(void);

#endif
