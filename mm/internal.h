/*
 * The buddy allocator's inner functions, named as in Linux 2.4 and in
 * the seed's alloc_pages call tree (001_...txt).  They are global, not
 * static, so a GDB breakpoint, a lab's replacement body and the host
 * unit tests can all reach each one by name.
 */
#ifndef MM_INTERNAL_H
#define MM_INTERNAL_H

#include "mm/mm.h"

/* __alloc_pages_limit()'s watermark choice. */
#define PAGES_MIN	0
#define PAGES_LOW	1
#define PAGES_HIGH	2

struct page *memlist_entry(struct list_head *entry);
void memlist_add_head(free_area_t *area, struct page *page,
		      unsigned long order);
void memlist_del(free_area_t *area, struct page *page);
struct page *expand(zone_t *zone, struct page *page, unsigned long low,
		    unsigned long high, free_area_t *area);
struct page *rmqueue(zone_t *zone, unsigned long order);
struct page *__alloc_pages_limit(zonelist_t *zonelist, unsigned long order,
				 int limit, int direct_reclaim);
void __free_pages_ok(struct page *page, unsigned long order);

/* Hands one boot-time page (reserved until now) to the allocator. */
void free_boot_page(struct page *page);

/* 2.4's global page-list counters (the reclaim issue moves pages). */
extern unsigned long nr_active_pages;
extern unsigned long nr_inactive_dirty_pages;
extern int memory_pressure;

unsigned long nr_inactive_clean_pages(void);

#endif
