/*
 * The host stand-in for kernel/x86.h, found first because the host
 * build puts tests/host/shim before the source tree on the include
 * path: the mm/ files compiled for the unit tests get these instead
 * of the i386 instructions.  One thread and no interrupts, so there
 * is nothing to mask.
 */
#ifndef KERNEL_X86_H
#define KERNEL_X86_H

#include "lib/compiler.h"

static inline uint32_t local_irq_save(void)
{
	return 0;
}

static inline void local_irq_restore(uint32_t flags)
{
	(void)flags;
}

#endif
