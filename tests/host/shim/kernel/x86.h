/*
 * The host stand-in for kernel/x86.h, found first because the host
 * build puts tests/host/shim before the source tree on the include
 * path: the mm/ and drivers/ files compiled for the unit tests get
 * these instead of the i386 instructions.  One thread and no
 * interrupts: local_irq_save() says interrupts were off, so whoever
 * waits for a disk polls it (blk_idle), and there is no TLB to flush.
 */
#ifndef KERNEL_X86_H
#define KERNEL_X86_H

#include "lib/compiler.h"

#define X86_EFLAGS_IF	0x200

static inline uint32_t local_irq_save(void)
{
	return 0;
}

static inline void local_irq_restore(uint32_t flags)
{
	(void)flags;
}

static inline uint32_t read_cr3(void)
{
	return 0;
}

static inline void write_cr3(uint32_t v)
{
	(void)v;
}

static inline void invlpg(unsigned long addr)
{
	(void)addr;
}

static inline void cli(void)
{
}

static inline void safe_halt(void)
{
}

#endif
