/*
 * Reaching HIGHMEM pages (Linux 2.4's include/linux/highmem.h and
 * asm-i386/highmem.h).
 *
 * Only low memory (below 896 MiB) is mapped all the time.  To touch a
 * HIGHMEM page the kernel maps it for a while:
 *  - kmap(page) / kunmap(page): in the pkmap area, 1024 slots; the
 *    mapping stays until kunmap, and page_address() finds it.  May
 *    not be used from interrupt handlers.
 *  - kmap_atomic(page, type) / kunmap_atomic(addr, type): one fixmap
 *    slot per km_type, for short sections that do not sleep; each
 *    user (process context, interrupt handlers) has its own type, so
 *    they never share a slot.
 * For a low-memory page all of these just return page_address().
 */
#ifndef MM_HIGHMEM_H
#define MM_HIGHMEM_H

#include "mm/mm.h"

enum km_type {
	KM_USER0,	/* process context: copy/zero a page */
	KM_USER1,	/* the second page of a copy */
	KM_MM,		/* the allocator itself (debug poisoning) */
	KM_IRQ0,	/* interrupt handlers */
	KM_IRQ1,
	KM_TYPE_NR
};

void *kmap(struct page *page);
void kunmap(struct page *page);
void *kmap_atomic(struct page *page, enum km_type type);
void kunmap_atomic(void *addr, enum km_type type);

/* Pages in use in the pkmap area (for tests and the debugger). */
unsigned int kmap_slots_in_use(void);

void clear_highpage(struct page *page);
void copy_highpage(struct page *to, struct page *from);

#endif
