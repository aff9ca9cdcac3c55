/*
 * The kernel's own page tables and the memory manager's start
 * (arch/i386/mm/init.c in Linux 2.4).
 *
 * paging_init(): swapper_pg_dir maps low memory, physical 0 up to
 * max_low_pfn (the end of RAM, at most MAXMEM = 896 MiB), at
 * PAGE_OFFSET with 4 MiB pages, as 2.4 does when the CPU has PSE: no
 * page tables for it.  The pages are global (CR4.PGE), so switching
 * address spaces keeps them in the TLB.  Unlike boot/head.S's early
 * directory, nothing maps address 0, so a NULL pointer dereference
 * faults.  Two 4 KiB page tables map the pkmap and fixmap areas at
 * the top (mm/fixmap.h), through which HIGHMEM pages and ACPI tables
 * are reached.
 *
 * mem_init(): nodes and zones, mem_map, then every free page to the
 * buddy allocator; the slab allocator comes up last.
 */
#include "mm/init.h"
#include "kernel/kernel.h"
#include "kernel/multiboot.h"
#include "kernel/x86.h"
#include "mm/debug.h"
#include "mm/rmap.h"
#include "mm/fixmap.h"
#include "mm/internal.h"
#include "mm/numa.h"
#include "mm/slab.h"

#define PGDIR_SHIFT	22
#define PGDIR_SIZE	(1UL << PGDIR_SHIFT)
#define PDE_PRESENT	0x001
#define PDE_RW		0x002
#define PDE_4M		0x080
#define PDE_GLOBAL	0x100
#define PTE_PRESENT	0x001
#define PTE_RW		0x002
#define CR4_PSE		0x010
#define CR4_PGE		0x080
#define CPUID_PSE	(1 << 3)
#define CPUID_PGE	(1 << 13)

extern char _kernel_start_phys[], _end[];

uint32_t swapper_pg_dir[1024] __attribute__((aligned(PAGE_SIZE)));
static pte_t pkmap_page_table[1024] __attribute__((aligned(PAGE_SIZE)));
static pte_t fixmap_page_table[1024] __attribute__((aligned(PAGE_SIZE)));

/* Hooks a 4 KiB page table into the directory at vaddr. */
static void install_page_table(unsigned long vaddr, pte_t *table)
{
	swapper_pg_dir[vaddr >> PGDIR_SHIFT] =
		__pa(table) | PDE_PRESENT | PDE_RW;
}

void paging_init(void)
{
	unsigned long low_end = max_low_pfn << PAGE_SHIFT;
	uint32_t a, b, c, features, global = 0;

	cpuid(1, &a, &b, &c, &features);

	if (!(features & CPUID_PSE))
		panic("this CPU has no 4 MiB pages (PSE)");
	if (features & CPUID_PGE) {
		write_cr4(read_cr4() | CR4_PGE);
		global = PDE_GLOBAL;
	}
	for (unsigned long phys = 0; phys < low_end; phys += PGDIR_SIZE)
		swapper_pg_dir[(PAGE_OFFSET + phys) >> PGDIR_SHIFT] =
			phys | PDE_PRESENT | PDE_RW | PDE_4M | global;
	install_page_table(PKMAP_BASE, pkmap_page_table);
	install_page_table(FIXADDR_TOP & ~(PGDIR_SIZE - 1),
			   fixmap_page_table);
	write_cr3(__pa(swapper_pg_dir));
	printk(KERN_INFO "paging: %lu MiB of low memory mapped at %#lx%s\n",
	       low_end >> 20, PAGE_OFFSET,
	       max_pfn > max_low_pfn ? " (the rest is HIGHMEM)" : "");
}

static pte_t *fixmap_pte(enum fixed_addresses idx)
{
	return &fixmap_page_table[(fix_to_virt(idx) >> PAGE_SHIFT) & 1023];
}

void set_fixmap(enum fixed_addresses idx, unsigned long pfn)
{
	*fixmap_pte(idx) = __pte((pfn << PAGE_SHIFT) | PTE_PRESENT | PTE_RW);
	invlpg(fix_to_virt(idx));
}

void clear_fixmap(enum fixed_addresses idx)
{
	*fixmap_pte(idx) = __pte(0);
	invlpg(fix_to_virt(idx));
}

bool fixmap_in_use(enum fixed_addresses idx)
{
	return pte_val(*fixmap_pte(idx)) != 0;
}

void set_pkmap_pte(unsigned int nr, unsigned long pfn)
{
	pkmap_page_table[nr] = __pte((pfn << PAGE_SHIFT) | PTE_PRESENT |
				     PTE_RW);
}

void clear_pkmap_pte(unsigned int nr)
{
	pkmap_page_table[nr] = __pte(0);
}

/* ------------------------------------------------------ mem_init */

/* Splits node nid's frames [start, end) into zones (2.4's zone_sizes_init). */
static void node_zones_init(int nid, unsigned long start, unsigned long end)
{
	const unsigned long bounds[MAX_NR_ZONES + 1] = {
		0, MAX_DMA_PFN, max_low_pfn, ~0UL
	};
	unsigned long size[MAX_NR_ZONES], holes[MAX_NR_ZONES];

	for (int j = 0; j < MAX_NR_ZONES; j++) {
		unsigned long lo = max(start, bounds[j]);
		unsigned long hi = min(end, bounds[j + 1]);

		size[j] = hi > lo ? hi - lo : 0;
		holes[j] = size[j] - ram_pages_in(lo, lo + size[j]);
	}
	free_area_init_node(nid, NODE_DATA(nid), pfn_to_page(start), size,
			    start, holes);
	printk(KERN_INFO "Node %d: pfn %#lx-%#lx: DMA %lu, Normal %lu, "
	       "HighMem %lu pages\n", nid, start, end - 1, size[ZONE_DMA],
	       size[ZONE_NORMAL], size[ZONE_HIGHMEM]);
}

/* 2.4's one_highpage_init loop: HIGHMEM never went through bootmem. */
static void free_highpages(void)
{
	for (unsigned long pfn = max_low_pfn; pfn < max_pfn; pfn++)
		if (page_is_ram(pfn))
			free_boot_page(pfn_to_page(pfn));
}

static void print_memory_line(unsigned long mem_map_bytes)
{
	unsigned long kernel = __pa(_end) - (unsigned long)_kernel_start_phys;
	unsigned long reserved = bootmem_reserved_pages() << (PAGE_SHIFT - 10);

	printk(KERN_INFO "Memory: %luk/%luk available (%luk kernel, %luk "
	       "mem_map, %luk reserved in all, %luk highmem)\n",
	       totalram_pages << (PAGE_SHIFT - 10),
	       num_physpages << (PAGE_SHIFT - 10), kernel >> 10,
	       mem_map_bytes >> 10, reserved,
	       totalhigh_pages << (PAGE_SHIFT - 10));
	printk(KERN_INFO "sizeof(struct page) = %u bytes\n",
	       (unsigned)sizeof(struct page));
}

void mem_init(void)
{
	unsigned long mem_map_bytes = max_pfn * sizeof(struct page);

	numa_init();
	mem_map = alloc_bootmem(mem_map_bytes);
	max_mapnr = max_pfn;
	for (int nid = 0; nid < nr_node_memory; nid++)
		node_zones_init(nid, node_memory[nid].start_pfn,
				node_memory[nid].end_pfn);
	build_all_zonelists();
	free_all_bootmem();
	free_highpages();
	kmem_cache_init();
	rmap_init();
	print_memory_line(mem_map_bytes);
	mm_debug_enable();
#ifdef CONFIG_DEBUG
	mm_check_after("mem_init", true);
#endif
}
