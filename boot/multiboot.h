/* Multiboot 1 constants shared by boot/head.S and kernel/multiboot.c. */
#ifndef BOOT_MULTIBOOT_H
#define BOOT_MULTIBOOT_H

#define MULTIBOOT_HEADER_MAGIC		0x1BADB002
#define MULTIBOOT_BOOTLOADER_MAGIC	0x2BADB002

/* Header flags: page-align modules, give us the memory map. */
#define MULTIBOOT_PAGE_ALIGN		(1 << 0)
#define MULTIBOOT_MEMORY_INFO		(1 << 1)

/* Bits of the info block's flags word that say a field is valid. */
#define MULTIBOOT_INFO_MEMORY		(1 << 0)
#define MULTIBOOT_INFO_CMDLINE		(1 << 2)
#define MULTIBOOT_INFO_MODS		(1 << 3)
#define MULTIBOOT_INFO_MEM_MAP		(1 << 6)
#define MULTIBOOT_INFO_LOADER_NAME	(1 << 9)

#endif
