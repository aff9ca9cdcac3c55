/*
 * Boot memory (Linux 2.4's mm/bootmem.c and the memory part of
 * arch/i386/kernel/setup.c).
 *
 * setup_memory() reads the e820 map that the boot loader gave us
 * (kernel/multiboot.c), applies mem=, and builds a bitmap over low
 * memory, one bit per page frame, set = reserved.  Everything starts
 * reserved; the RAM ranges are then freed, and what must never be
 * handed out is reserved again: the low 1 MiB (BIOS data, EBDA, video
 * memory, ROMs), the kernel image, the bitmap itself, the Multiboot
 * modules and info block.
 *
 * alloc_bootmem() serves the allocations made before the buddy
 * allocator exists (mem_map), first fit.  free_all_bootmem() then
 * gives every page still free, the bitmap's own pages included, to
 * the buddy allocator, and the boot allocator retires: a later call
 * is a bug and panics.
 */
#include "mm/bootmem.h"
#include "kernel/kernel.h"
#include "kernel/multiboot.h"
#include "kernel/params.h"
#include "kernel/power.h"
#include "mm/internal.h"
#include "mm/page.h"

#define LOW_RESERVED	(1UL << 20)	/* the first MiB: BIOS, ROMs */
/* The first MiB, the kernel image (about 1 MiB) and a MiB to run in;
 * QEMU's -m 4M gives 3968 KiB (the BIOS keeps the top 128 KiB). */
#define MIN_RAM		(3ULL << 20)
#define NO_PAE_LIMIT	(1ULL << 32)	/* 32-bit page tables end here */
#define EARLY_MAPPED	(16UL << 20)	/* what boot/head.S maps */

extern char _kernel_start_phys[], _end[];

unsigned long max_pfn;
unsigned long max_low_pfn;

static uint64_t mem_limit;
KERNEL_PARAM_SIZE(mem, mem_limit, MIN_RAM, UINT64_MAX,
		  "use only the RAM below SIZE (e.g. mem=32M)");

static unsigned char *bootmem_map;	/* bit set: page reserved */
static unsigned long bootmem_map_pfn;	/* where the bitmap lies */
static unsigned long bootmem_map_bytes;
static bool bootmem_retired;

/* ------------------------------------------------------ the e820 map */

/* Drops RAM at or above limit (mem=, or the 4 GiB of 32-bit paging). */
static bool limit_ram(uint64_t limit)
{
	bool cut = false;

	for (int i = 0; i < boot_info.nr_map; i++) {
		struct e820entry *e = &boot_info.map[i];

		if (e->type != E820_RAM || e->addr + e->size <= limit)
			continue;
		cut = true;
		if (e->addr >= limit) {
			memmove(e, e + 1, (boot_info.nr_map - i - 1) *
			       sizeof(*e));
			boot_info.nr_map--;
			i--;
		} else {
			e->size = limit - e->addr;
		}
	}
	return cut;
}

/* True if the whole page frame is RAM in the e820 map. */
bool page_is_ram(unsigned long pfn)
{
	uint64_t start = (uint64_t)pfn << PAGE_SHIFT;

	for (int i = 0; i < boot_info.nr_map; i++) {
		const struct e820entry *e = &boot_info.map[i];

		if (e->type == E820_RAM && e->addr <= start &&
		    start + PAGE_SIZE <= e->addr + e->size)
			return true;
	}
	return false;
}

unsigned long ram_pages_in(unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long n = 0;

	for (unsigned long pfn = start_pfn; pfn < end_pfn; pfn++)
		n += page_is_ram(pfn);
	return n;
}

/* ------------------------------------------------------ the bitmap */

static bool reserved(unsigned long pfn)
{
	return bootmem_map[pfn / 8] & (1 << (pfn % 8));
}

static void mark(unsigned long start_pfn, unsigned long end_pfn, bool rsv)
{
	end_pfn = min(end_pfn, max_low_pfn);
	for (unsigned long pfn = start_pfn; pfn < end_pfn; pfn++) {
		if (rsv)
			bootmem_map[pfn / 8] |= 1 << (pfn % 8);
		else
			bootmem_map[pfn / 8] &= ~(1 << (pfn % 8));
	}
}

/* Whole pages touched by [phys, phys + size) become reserved. */
void reserve_bootmem(unsigned long phys, unsigned long size)
{
	mark(PFN_DOWN(phys), PFN_UP(phys + size), true);
}

/* Only pages entirely inside the range become free. */
static void free_bootmem(uint64_t phys, uint64_t size)
{
	uint64_t end = min(phys + size, (uint64_t)max_low_pfn << PAGE_SHIFT);

	if (phys < end)
		mark(PFN_UP(phys), PFN_DOWN(end), false);
}

static bool overlaps(unsigned long a, unsigned long a_end, unsigned long b,
		     unsigned long b_end)
{
	return a < b_end && b < a_end;
}

/*
 * The bitmap goes right after the kernel image, past any module GRUB
 * put there; it must lie in RAM boot/head.S mapped (the first 16 MiB).
 */
static unsigned long find_bootmap_location(unsigned long bytes)
{
	unsigned long start = PAGE_ALIGN(__pa(_end));
	bool moved = true;

	while (moved) {
		moved = false;
		for (int i = 0; i < boot_info.nr_mods; i++) {
			const struct boot_module *m = &boot_info.mods[i];

			if (overlaps(start, start + bytes, m->start, m->end)) {
				start = PAGE_ALIGN(m->end);
				moved = true;
			}
		}
	}
	if (start + bytes > EARLY_MAPPED ||
	    ram_pages_in(PFN_DOWN(start), PFN_UP(start + bytes)) !=
	    PFN_UP(start + bytes) - PFN_DOWN(start))
		panic("bootmem: no room for the %lu-byte boot bitmap after "
		      "the kernel", bytes);
	return start;
}

static void reserve_boot_areas(void)
{
	reserve_bootmem(0, LOW_RESERVED);
	/* The image: [_kernel_start_phys, __pa(_end)), see linker.ld. */
	reserve_bootmem((unsigned long)_kernel_start_phys,
			__pa(_end) - (unsigned long)_kernel_start_phys);
	reserve_bootmem(bootmem_map_pfn << PAGE_SHIFT, bootmem_map_bytes);
	reserve_bootmem(boot_info.info_phys, 1);
	for (int i = 0; i < boot_info.nr_mods; i++)
		reserve_bootmem(boot_info.mods[i].start,
				boot_info.mods[i].end - boot_info.mods[i].start);
}

/*
 * Applies mem=, finds the end of RAM and of low memory, and builds the
 * boot allocator.  Runs before paging_init(), while only the first
 * 16 MiB are mapped.
 */
void setup_memory(void)
{
	uint64_t end;

	if (mem_limit && limit_ram(mem_limit)) {
		printk(KERN_INFO "mem=%lluM: RAM above %#llx not used\n",
		       (unsigned long long)(mem_limit >> 20),
		       (unsigned long long)mem_limit);
		e820_print_map();
	}
	if (limit_ram(NO_PAE_LIMIT))
		printk(KERN_WARNING "RAM above 4 GiB not used (no PAE)\n");
	end = e820_end_of_ram();
	if (end < MIN_RAM) {	/* not a bug: say so and power off */
		printk(KERN_EMERG "only %llu KiB of RAM: Pagoda needs at "
		       "least %llu KiB; powering off\n",
		       (unsigned long long)(end >> 10), MIN_RAM >> 10);
		machine_exit(false);
	}
	max_pfn = PFN_DOWN(end);
	max_low_pfn = min(max_pfn, MAXMEM >> PAGE_SHIFT);

	bootmem_map_bytes = ALIGN_UP((max_low_pfn + 7) / 8, sizeof(long));
	bootmem_map_pfn = PFN_DOWN(find_bootmap_location(bootmem_map_bytes));
	bootmem_map = __va(bootmem_map_pfn << PAGE_SHIFT);
	memset(bootmem_map, 0xff, bootmem_map_bytes);
	for (int i = 0; i < boot_info.nr_map; i++)
		if (boot_info.map[i].type == E820_RAM)
			free_bootmem(boot_info.map[i].addr,
				     boot_info.map[i].size);
	reserve_boot_areas();
	printk(KERN_INFO "bootmem: %lu MiB of RAM, low memory up to pfn "
	       "%#lx, bitmap at %#lx\n", (max_pfn << PAGE_SHIFT) >> 20,
	       max_low_pfn, bootmem_map_pfn << PAGE_SHIFT);
}

/* First fit of pages free pages from goal up; 0 if there is none. */
static unsigned long find_free_run(unsigned long pages, unsigned long goal)
{
	unsigned long run = 0;

	for (unsigned long pfn = goal; pfn < max_low_pfn; pfn++) {
		run = reserved(pfn) ? 0 : run + 1;
		if (run == pages)
			return pfn + 1 - pages;
	}
	return 0;
}

/*
 * size bytes of zeroed, page-aligned low memory, preferably above the
 * DMA zone (whose pages are scarce).  Running out at boot is fatal.
 */
void *alloc_bootmem(unsigned long size)
{
	unsigned long pages = PFN_UP(size), pfn;

	if (bootmem_retired)
		panic("alloc_bootmem(%lu) after mem_init: use kmalloc or "
		      "alloc_pages", size);
	pfn = find_free_run(pages, MAX_DMA_PFN);
	if (!pfn)
		pfn = find_free_run(pages, 0);
	if (!pfn)
		panic("bootmem: out of memory allocating %lu bytes", size);
	mark(pfn, pfn + pages, true);
	memset(__va(pfn << PAGE_SHIFT), 0, pages << PAGE_SHIFT);
	return __va(pfn << PAGE_SHIFT);
}

/* Pages of low memory that stay reserved (for the Memory: line). */
unsigned long bootmem_reserved_pages(void)
{
	return ram_pages_in(0, max_low_pfn) - (totalram_pages -
					       totalhigh_pages);
}

/*
 * Hands every free low-memory page, then the bitmap's own, to the
 * buddy allocator; returns how many.  The boot allocator is gone after.
 */
unsigned long free_all_bootmem(void)
{
	unsigned long count = 0;

	for (unsigned long pfn = 0; pfn < max_low_pfn; pfn++) {
		if (reserved(pfn))
			continue;
		free_boot_page(pfn_to_page(pfn));
		count++;
	}
	bootmem_retired = true;
	for (unsigned long i = 0; i < PFN_UP(bootmem_map_bytes); i++) {
		free_boot_page(pfn_to_page(bootmem_map_pfn + i));
		count++;
	}
	bootmem_map = NULL;
	return count;
}
