/*
 * Reading the Multiboot 1 information block (the Multiboot 0.6.96
 * specification, "Boot information format").
 *
 * Every field is used only if its flag bit says it is valid, and
 * every pointer is checked to lie in the memory boot/head.S mapped
 * (the first 16 MiB) before it is followed.  What we keep is copied
 * into boot_info, because the block and the strings it points to sit
 * in RAM that the page allocator will later hand out.
 */
#include "kernel/multiboot.h"
#include "boot/multiboot.h"
#include "kernel/kernel.h"
#include "mm/page.h"

#define EARLY_MAPPED	(16UL << 20)	/* boot/head.S maps this much */

struct boot_info boot_info;

/* A physical range we may read now: inside the early mapping. */
static const void *early_ptr(uint32_t phys, uint32_t len, const char *what)
{
	if (phys >= EARLY_MAPPED || len > EARLY_MAPPED - phys) {
		printk(KERN_WARNING "multiboot: %s at %#x is beyond the "
		       "first 16 MiB, ignored\n", what, phys);
		return NULL;
	}
	return __va(phys);
}

static void copy_string(char *dst, size_t size, uint32_t phys,
			const char *what)
{
	const char *s = early_ptr(phys, 1, what);

	if (!s)
		return;
	/* The string may not run past the early mapping either. */
	size = min(size, (size_t)(EARLY_MAPPED - phys));
	if (strnlen(s, size) == size)
		printk(KERN_WARNING "multiboot: %s too long, cut\n", what);
	strlcpy(dst, s, size);
}

static void copy_memory_map(const struct mb_info *mb, struct boot_info *bi)
{
	const uint8_t *p = early_ptr(mb->mmap_addr, mb->mmap_length,
				     "memory map");
	const uint8_t *end;

	if (!p)
		return;
	end = p + mb->mmap_length;
	while (p + sizeof(struct mb_mmap_entry) <= end) {
		const struct mb_mmap_entry *e = (const void *)p;

		if (bi->nr_map == E820_MAX) {
			printk(KERN_WARNING "multiboot: more than %d memory "
			       "map entries, rest ignored\n", E820_MAX);
			break;
		}
		bi->map[bi->nr_map++] = (struct e820entry){
			e->addr, e->len, e->type };
		p += e->size + sizeof(e->size);
	}
}

/* Without a map, mem_lower/mem_upper describe the two RAM ranges. */
static void fake_memory_map(struct boot_info *bi)
{
	bi->map[0] = (struct e820entry){
		0, (uint64_t)bi->mem_lower_kb << 10, E820_RAM };
	bi->map[1] = (struct e820entry){
		1 << 20, (uint64_t)bi->mem_upper_kb << 10, E820_RAM };
	bi->nr_map = 2;
}

static void copy_modules(const struct mb_info *mb, struct boot_info *bi)
{
	const struct mb_module *m = early_ptr(mb->mods_addr,
		mb->mods_count * sizeof(*m), "module list");

	for (uint32_t i = 0; m && i < mb->mods_count; i++) {
		struct boot_module *b = &bi->mods[bi->nr_mods];
		char name[sizeof(b->name)] = "";

		if (m[i].string)
			copy_string(name, sizeof(name), m[i].string,
				    "module name");
		if (bi->nr_mods == BOOT_MODULES_MAX) {	/* each one said */
			printk(KERN_WARNING "multiboot: module %u of %u "
			       "('%s') not kept: at most %d\n", i + 1,
			       mb->mods_count, name, BOOT_MODULES_MAX);
			continue;
		}
		b->start = m[i].start;
		b->end = m[i].end;
		strlcpy(b->name, name, sizeof(b->name));
		bi->nr_mods++;
	}
}

/*
 * Copies what the info block at info_phys says into *bi, honouring
 * its flag bits.  Returns 0, or -EINVAL if the block is unreachable
 * or gives no memory information at all.
 */
int multiboot_parse(uint32_t info_phys, struct boot_info *bi)
{
	const struct mb_info *mb = early_ptr(info_phys, sizeof(*mb),
					     "info block");

	memset(bi, 0, sizeof(*bi));
	if (!mb)
		return -EINVAL;
	bi->flags = mb->flags;
	bi->info_phys = info_phys;
	if (mb->flags & MULTIBOOT_INFO_CMDLINE)
		copy_string(bi->cmdline, sizeof(bi->cmdline), mb->cmdline,
			    "command line");
	if (mb->flags & MULTIBOOT_INFO_LOADER_NAME)
		copy_string(bi->loader, sizeof(bi->loader), mb->loader_name,
			    "boot loader name");
	if (mb->flags & MULTIBOOT_INFO_MEMORY) {
		bi->mem_lower_kb = mb->mem_lower;
		bi->mem_upper_kb = mb->mem_upper;
	}
	if (mb->flags & MULTIBOOT_INFO_MEM_MAP)
		copy_memory_map(mb, bi);
	if (!bi->nr_map && (mb->flags & MULTIBOOT_INFO_MEMORY))
		fake_memory_map(bi);
	if (mb->flags & MULTIBOOT_INFO_MODS)
		copy_modules(mb, bi);
	return bi->nr_map ? 0 : -EINVAL;
}

void multiboot_init(uint32_t magic, uint32_t info_phys)
{
	if (magic != MULTIBOOT_BOOTLOADER_MAGIC)
		panic("not started by a Multiboot loader (EAX = %#x)", magic);
	if (multiboot_parse(info_phys, &boot_info))
		panic("the boot loader gave no usable memory information");
}

/* The end of the highest usable RAM range. */
uint64_t e820_end_of_ram(void)
{
	uint64_t end = 0;

	for (int i = 0; i < boot_info.nr_map; i++) {
		const struct e820entry *e = &boot_info.map[i];

		if (e->type == E820_RAM && e->addr + e->size > end)
			end = e->addr + e->size;
	}
	return end;
}

static const char *e820_type_name(uint32_t type)
{
	switch (type) {
	case E820_RAM:		return "usable";
	case E820_ACPI:		return "ACPI data";
	case E820_NVS:		return "ACPI NVS";
	case E820_BAD:		return "unusable";
	default:		return "reserved";
	}
}

/* Printed at boot in the form Linux uses. */
void e820_print_map(void)
{
	printk(KERN_INFO "BIOS-provided physical RAM map (from %s):\n",
	       boot_info.loader[0] ? boot_info.loader : "boot loader");
	for (int i = 0; i < boot_info.nr_map; i++) {
		const struct e820entry *e = &boot_info.map[i];

		printk(KERN_INFO " BIOS-e820: %016llx - %016llx (%s)\n",
		       (unsigned long long)e->addr,
		       (unsigned long long)(e->addr + e->size),
		       e820_type_name(e->type));
	}
}
