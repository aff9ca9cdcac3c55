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

/* The Multiboot 1 info block and its records, as the loader lays them out. */
struct mb_info {
	uint32_t flags, mem_lower, mem_upper, boot_device, cmdline;
	uint32_t mods_count, mods_addr, syms[4], mmap_length, mmap_addr;
	uint32_t drives_length, drives_addr, config_table, loader_name;
} __attribute__((packed));

struct mb_mmap_entry {
	uint32_t size;		/* of the rest of the entry */
	uint64_t addr, len;
	uint32_t type;
} __attribute__((packed));

struct mb_module {
	uint32_t start, end, string, reserved;
};

extern struct boot_info boot_info;

void multiboot_init(uint32_t magic, uint32_t info_phys);
int multiboot_parse(uint32_t info_phys, struct boot_info *bi);
uint64_t e820_end_of_ram(void);
void e820_print_map(void);

#endif
