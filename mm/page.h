/*
 * Page size and the kernel's direct map (Linux's asm/page.h): physical
 * address p of low memory is visible at virtual PAGE_OFFSET + p.
 */
#ifndef MM_PAGE_H
#define MM_PAGE_H

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define PAGE_OFFSET	0xC0000000UL

/* Low memory ends 128 MiB below 4 GiB: the rest is vmalloc and kmap. */
#define MAXMEM		(896UL << 20)

#define __pa(v)		((unsigned long)(v) - PAGE_OFFSET)
#define __va(p)		((void *)((unsigned long)(p) + PAGE_OFFSET))

#define PAGE_ALIGN(a)	(((a) + PAGE_SIZE - 1) & PAGE_MASK)

#endif
