/*
 * Page size and the kernel's direct map (Linux's asm/page.h): physical
 * address p of low memory is visible at virtual PAGE_OFFSET + p.
 */
#ifndef MM_PAGE_H
#define MM_PAGE_H

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
/*
 * The host unit-test build (tests/host/shim) defines PAGE_OFFSET as
 * the address of its malloc'd "physical memory", so __pa/__va and
 * everything built on them work unchanged there.
 */
#ifndef PAGE_OFFSET
#define PAGE_OFFSET	0xC0000000UL
#endif

/* Low memory ends 128 MiB below 4 GiB: the rest is vmalloc and kmap. */
#define MAXMEM		(896UL << 20)

#define __pa(v)		((unsigned long)(v) - PAGE_OFFSET)
#define __va(p)		((void *)((unsigned long)(p) + PAGE_OFFSET))

#define PAGE_ALIGN(a)	(((a) + PAGE_SIZE - 1) & PAGE_MASK)

#ifndef __ASSEMBLER__
/* The smallest order whose block of 2^order pages holds size bytes
 * (2.4's get_order in asm-i386/page.h). */
static inline unsigned int get_order(unsigned long size)
{
	unsigned int order = 0;

	while ((PAGE_SIZE << order) < size)
		order++;
	return order;
}

/*
 * Page-table entries, wrapped in structs as Linux does so that an
 * entry cannot be mixed up with a plain number by accident.  i386
 * without PAE: two levels, 1024 entries of 32 bits each.
 */
typedef struct { unsigned long pte_low; } pte_t;
typedef struct { unsigned long pmd; } pmd_t;	/* folded into the pgd */
typedef struct { unsigned long pgd; } pgd_t;
typedef struct { unsigned long pgprot; } pgprot_t;	/* PTE flag bits */

#define pte_val(x)	((x).pte_low)
#define pmd_val(x)	((x).pmd)
#define pgd_val(x)	((x).pgd)
#define pgprot_val(x)	((x).pgprot)
#define __pte(x)	((pte_t){ (x) })
#define __pmd(x)	((pmd_t){ (x) })
#define __pgd(x)	((pgd_t){ (x) })
#define __pgprot(x)	((pgprot_t){ (x) })
#endif

#endif
