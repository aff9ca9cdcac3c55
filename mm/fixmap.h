/*
 * The top of the kernel's address space (Linux 2.4's
 * asm-i386/fixmap.h and the pkmap part of asm-i386/highmem.h).
 *
 * Low memory is mapped at PAGE_OFFSET up to at most 896 MiB
 * (0xF8000000).  In the 128 MiB above it, two 4 KiB page tables
 * (mm/init.c) map, page by page:
 *   PKMAP_BASE   0xFF800000  LAST_PKMAP pages for kmap()
 *   0xFFC00000 .. FIXADDR_TOP  fixed slots: kmap_atomic() and ACPI
 * A fixed slot's address is known at compile time; slot 0 is highest.
 */
#ifndef MM_FIXMAP_H
#define MM_FIXMAP_H

#include "mm/highmem.h"
#include "mm/page.h"

#define PKMAP_BASE	0xFF800000UL
#define LAST_PKMAP	1024
#define PKMAP_ADDR(nr)	(PKMAP_BASE + ((unsigned long)(nr) << PAGE_SHIFT))
#define PKMAP_NR(addr)	(((addr) - PKMAP_BASE) >> PAGE_SHIFT)

#define FIX_ACPI_PAGES	1	/* ACPI tables are read page by page */

enum fixed_addresses {
	FIX_KMAP_BEGIN,
	FIX_KMAP_END = FIX_KMAP_BEGIN + KM_TYPE_NR - 1,
	FIX_ACPI_BEGIN,
	FIX_ACPI_END = FIX_ACPI_BEGIN + FIX_ACPI_PAGES - 1,
	__end_of_fixed_addresses
};

#define FIXADDR_TOP	0xFFFFE000UL
#define FIXADDR_START	(FIXADDR_TOP - \
			 ((unsigned long)__end_of_fixed_addresses << PAGE_SHIFT))
#define fix_to_virt(idx) (FIXADDR_TOP - ((unsigned long)(idx) << PAGE_SHIFT))

/* Map frame pfn at slot idx (present, writable), or unmap it. */
void set_fixmap(enum fixed_addresses idx, unsigned long pfn);
void clear_fixmap(enum fixed_addresses idx);
bool fixmap_in_use(enum fixed_addresses idx);

/* The same for pkmap slot nr; unmapping flushes nothing. */
void set_pkmap_pte(unsigned int nr, unsigned long pfn);
void clear_pkmap_pte(unsigned int nr);

#endif
