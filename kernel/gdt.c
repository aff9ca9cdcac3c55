/*
 * The global descriptor table and the task-state segment.
 *
 * Flat 4 GiB code and data segments for the kernel (ring 0) and for
 * user programs (ring 3), as Linux uses them; the real protection is
 * in the page tables.  The TSS is used for one thing only, as in
 * Linux: when an interrupt or system call arrives from user mode, the
 * CPU loads the kernel stack pointer from TSS.esp0.  The scheduler
 * points esp0 at the top of the next task's kernel stack at every
 * switch (load_esp0).  No I/O bitmap: user mode cannot use in/out.
 * The last three entries are the running task's thread-local storage
 * segments (set_thread_area, kernel/tls.c).
 */
#include "kernel/sched.h"
#include "kernel/traps.h"

struct gdt_desc {
	uint16_t limit;
	uint32_t base;
} __attribute__((packed));

/* The 32-bit TSS (Intel SDM vol. 3, 8.2.1). */
struct tss_struct {
	uint32_t link, esp0, ss0, esp1, ss1, esp2, ss2;
	uint32_t cr3, eip, eflags, eax, ecx, edx, ebx, esp, ebp, esi, edi;
	uint32_t es, cs, ss, ds, fs, gs, ldt;
	uint16_t trap, iomap_base;
} __attribute__((packed));

/* Descriptor for a flat segment: base 0, limit 4 GiB, 4 KiB units. */
#define FLAT_SEG(access)	(0x00CF000000000000ULL | \
				 ((uint64_t)(access) << 40) | 0xFFFF)
#define TSS_AVAILABLE	0x89	/* present, ring 0, 32-bit, not busy */

static uint64_t gdt[GDT_ENTRY_TLS_MAX + 1] __attribute__((aligned(8))) = {
	0,				/* the null descriptor */
	FLAT_SEG(0x9A),			/* KERNEL_CS: present, ring 0, code */
	FLAT_SEG(0x92),			/* KERNEL_DS: present, ring 0, data */
	FLAT_SEG(0xFA),			/* USER_CS: ring 3 code */
	FLAT_SEG(0xF2),			/* USER_DS: ring 3 data */
	0,				/* TSS_SEL: set by gdt_init() */
	0, 0, 0,			/* the running task's TLS: load_TLS() */
};

/* An I/O map base past the limit means "no I/O bitmap". */
static struct tss_struct tss = {
	.ss0 = KERNEL_DS,
	.iomap_base = sizeof(struct tss_struct),
};

/* A system-segment descriptor: byte granularity, base split in three. */
static uint64_t tss_descriptor(uint32_t base, uint32_t limit)
{
	return (limit & 0xFFFF) | ((uint64_t)(base & 0xFFFFFF) << 16) |
	       ((uint64_t)TSS_AVAILABLE << 40) |
	       ((uint64_t)((limit >> 16) & 0xF) << 48) |
	       ((uint64_t)(base >> 24) << 56);
}

/* The kernel stack the CPU switches to on entry from user mode. */
void load_esp0(unsigned long esp0)
{
	tss.esp0 = esp0;
}

/*
 * Puts t's thread-local storage descriptors in the GDT (Linux 2.6's
 * load_TLS, asm-i386/desc.h): at every switch to a task and when a
 * task changes its own.  No segment register needs reloading here:
 * in the kernel they all hold KERNEL_DS, and a user's selectors are
 * reloaded from the GDT, by ret_from_trap (kernel/entry.S), only on
 * the way back to user mode, after this.
 */
void load_TLS(const struct thread_struct *t)
{
	for (int i = 0; i < GDT_ENTRY_TLS_ENTRIES; i++)
		gdt[GDT_ENTRY_TLS_MIN + i] = t->tls_array[i];
}

void gdt_init(void)
{
	struct gdt_desc d = { sizeof(gdt) - 1, (uint32_t)gdt };

	gdt[TSS_SEL >> 3] = tss_descriptor((uint32_t)&tss, sizeof(tss) - 1);
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
		"ltr %w3\n\t"
		: : "m"(d), "i"(KERNEL_CS), "i"(KERNEL_DS), "r"(TSS_SEL)
		: "eax", "memory");
}
