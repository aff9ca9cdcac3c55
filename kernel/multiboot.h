/*
 * What the boot loader told us, copied out of its Multiboot info
 * block before anything can overwrite it (the block lies in memory
 * the allocator will hand out).
 */
#ifndef KERNEL_MULTIBOOT_H
#define KERNEL_MULTIBOOT_H

#include "lib/compiler.h"

#define E820_RAM	1
#define E820_RESERVED	2
#define E820_ACPI	3
#define E820_NVS	4
#define E820_BAD	5

#define E820_MAX	64
#define BOOT_MODULES_MAX 16

struct e820entry {
	uint64_t addr, size;
	uint32_t type;
};

struct boot_module {
	uint32_t start, end;	/* physical [start, end) */
	char name[64];
};

struct boot_info {
	uint32_t flags;		/* the info block's, as given */
	uint32_t info_phys;	/* where the block itself lay */
	uint32_t mem_lower_kb, mem_upper_kb;
	char cmdline[1024];
	char loader[64];
	struct e820entry map[E820_MAX];
	int nr_map;
	struct boot_module mods[BOOT_MODULES_MAX];
	int nr_mods;
};

extern struct boot_info boot_info;

void multiboot_init(uint32_t magic, uint32_t info_phys);
uint64_t e820_end_of_ram(void);
void e820_print_map(void);

#endif
