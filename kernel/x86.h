/* Thin wrappers around i386 instructions the kernel needs. */
#ifndef KERNEL_X86_H
#define KERNEL_X86_H

#include "lib/compiler.h"

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ __volatile__("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outw(uint16_t port, uint16_t v)
{
	__asm__ __volatile__("outw %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outl(uint16_t port, uint32_t v)
{
	__asm__ __volatile__("outl %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;

	__asm__ __volatile__("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint16_t inw(uint16_t port)
{
	uint16_t v;

	__asm__ __volatile__("inw %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint32_t inl(uint16_t port)
{
	uint32_t v;

	__asm__ __volatile__("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

#define DEFINE_READ_CR(n)						\
static inline uint32_t read_cr##n(void)					\
{									\
	uint32_t v;							\
	__asm__ __volatile__("mov %%cr" #n ", %0" : "=r"(v));		\
	return v;							\
}
DEFINE_READ_CR(0)
DEFINE_READ_CR(2)
DEFINE_READ_CR(3)
DEFINE_READ_CR(4)

static inline void write_cr0(uint32_t v)
{
	__asm__ __volatile__("mov %0, %%cr0" : : "r"(v) : "memory");
}

static inline void write_cr3(uint32_t v)
{
	__asm__ __volatile__("mov %0, %%cr3" : : "r"(v) : "memory");
}

static inline void write_cr4(uint32_t v)
{
	__asm__ __volatile__("mov %0, %%cr4" : : "r"(v) : "memory");
}

static inline void invlpg(unsigned long addr)
{
	__asm__ __volatile__("invlpg (%0)" : : "r"(addr) : "memory");
}

static inline void cpuid(uint32_t leaf, uint32_t *a, uint32_t *b,
			 uint32_t *c, uint32_t *d)
{
	__asm__ __volatile__("cpuid"
			     : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
			     : "a"(leaf), "c"(0));
}

#define X86_EFLAGS_IF	0x200

static inline uint32_t read_eflags(void)
{
	uint32_t f;

	__asm__ __volatile__("pushfl; popl %0" : "=r"(f));
	return f;
}

static inline void cli(void) { __asm__ __volatile__("cli" ::: "memory"); }
static inline void sti(void) { __asm__ __volatile__("sti" ::: "memory"); }
static inline void hlt(void) { __asm__ __volatile__("hlt" ::: "memory"); }

/* Enables interrupts and halts in one step: no wakeup can be lost. */
static inline void safe_halt(void)
{
	__asm__ __volatile__("sti; hlt" ::: "memory");
}

/*
 * The interrupt-safe locking discipline on one CPU: code that shares
 * data with an interrupt handler brackets it with local_irq_save()
 * and local_irq_restore().
 */
static inline uint32_t local_irq_save(void)
{
	uint32_t f = read_eflags();

	cli();
	return f;
}

/*
 * Interrupts go back on with popfl, as 2.4.0's __restore_flags()
 * ("pushl %0 ; popfl") does, not with sti: under QEMU's TCG an sti
 * ends its block and leaves the execution loop twice (the instruction
 * after it runs in a block of its own, for sti's one-instruction
 * delay), a popfl once, which costs about 40% less; reclaim restores
 * about fifteen times per page it writes (docs/reclaim.md).  Flags
 * saved with interrupts off change nothing, as before.
 */
static inline void local_irq_restore(uint32_t flags)
{
	if (flags & X86_EFLAGS_IF)
		__asm__ __volatile__("pushl %0; popfl"
				     : : "g"(flags) : "memory", "cc");
}

static inline bool irqs_enabled(void)
{
	return read_eflags() & X86_EFLAGS_IF;
}

#endif
