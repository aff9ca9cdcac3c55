/*
 * The global descriptor table: flat 4 GiB code and data segments for
 * the kernel (ring 0) and for user programs (ring 3), as Linux uses
 * them; the real protection is in the page tables.  The TSS entry is
 * filled in when user mode arrives.
 */
#include "kernel/traps.h"

struct gdt_desc {
	uint16_t limit;
	uint32_t base;
} __attribute__((packed));

/* Descriptor for a flat segment: base 0, limit 4 GiB, 4 KiB units. */
#define FLAT_SEG(access)	(0x00CF000000000000ULL | \
				 ((uint64_t)(access) << 40) | 0xFFFF)

static uint64_t gdt[6] __attribute__((aligned(8))) = {
	0,				/* the null descriptor */
	FLAT_SEG(0x9A),			/* KERNEL_CS: present, ring 0, code */
	FLAT_SEG(0x92),			/* KERNEL_DS: present, ring 0, data */
	FLAT_SEG(0xFA),			/* USER_CS: ring 3 code */
	FLAT_SEG(0xF2),			/* USER_DS: ring 3 data */
	0,				/* TSS_SEL */
};

void gdt_init(void)
{
	struct gdt_desc d = { sizeof(gdt) - 1, (uint32_t)gdt };

	__asm__ __volatile__(
		"lgdt %0\n\t"
		"ljmp %1, $1f\n"
		"1:\n\t"
		"movl %2, %%eax\n\t"
		"movl %%eax, %%ds\n\t"
		"movl %%eax, %%es\n\t"
		"movl %%eax, %%fs\n\t"
		"movl %%eax, %%gs\n\t"
		"movl %%eax, %%ss\n\t"
		: : "m"(d), "i"(KERNEL_CS), "i"(KERNEL_DS) : "eax", "memory");
}
