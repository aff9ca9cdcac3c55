/*
 * The kernel's own page tables (arch/i386/mm/init.c in Linux 2.4).
 *
 * swapper_pg_dir maps low memory, physical 0 up to the end of RAM or
 * MAXMEM (896 MiB), at PAGE_OFFSET with 4 MiB pages, as 2.4 does when
 * the CPU has PSE: one page directory and no page tables.  The pages
 * are global (CR4.PGE), so switching address spaces keeps them in the
 * TLB.  Unlike boot/head.S's early directory, nothing maps address 0,
 * so a NULL pointer dereference faults.  RAM above MAXMEM (HIGHMEM) is
 * left unmapped.
 */
#include "mm/init.h"
#include "kernel/kernel.h"
#include "kernel/multiboot.h"
#include "kernel/x86.h"
#include "mm/page.h"

#define PGDIR_SHIFT	22
#define PGDIR_SIZE	(1UL << PGDIR_SHIFT)
#define PDE_PRESENT	0x001
#define PDE_RW		0x002
#define PDE_4M		0x080
#define PDE_GLOBAL	0x100
#define CR4_PSE		0x010
#define CR4_PGE		0x080
#define CPUID_PSE	(1 << 3)
#define CPUID_PGE	(1 << 13)

uint32_t swapper_pg_dir[1024] __attribute__((aligned(PAGE_SIZE)));
unsigned long max_low_pfn;	/* first page frame not in low memory */

static uint32_t cpuid_features(void)
{
	uint32_t a = 1, b, c, d;

	__asm__ __volatile__("cpuid" : "+a"(a), "=b"(b), "=c"(c), "=d"(d));
	return d;
}

void paging_init(void)
{
	uint64_t ram_end = e820_end_of_ram();
	unsigned long low_end = ram_end > MAXMEM ? MAXMEM
						 : (unsigned long)ram_end;
	uint32_t features = cpuid_features();
	uint32_t global = 0;

	if (!(features & CPUID_PSE))
		panic("this CPU has no 4 MiB pages (PSE)");
	if (features & CPUID_PGE) {
		write_cr4(read_cr4() | CR4_PGE);
		global = PDE_GLOBAL;
	}
	max_low_pfn = low_end >> PAGE_SHIFT;
	for (unsigned long phys = 0; phys < low_end; phys += PGDIR_SIZE)
		swapper_pg_dir[(PAGE_OFFSET + phys) >> PGDIR_SHIFT] =
			phys | PDE_PRESENT | PDE_RW | PDE_4M | global;
	write_cr3(__pa(swapper_pg_dir));
	printk(KERN_INFO "paging: %lu MiB of low memory mapped at %#lx%s\n",
	       low_end >> 20, PAGE_OFFSET,
	       ram_end > MAXMEM ? " (the rest is HIGHMEM)" : "");
}
