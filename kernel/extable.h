/*
 * Exception fixups, as Linux's __ex_table: an instruction that may
 * fault on purpose (probing an address, later copying from user
 * space) is listed with a fixup address.  When it faults, the trap
 * handler resumes at the fixup instead of oopsing.
 */
#ifndef KERNEL_EXTABLE_H
#define KERNEL_EXTABLE_H

#include "kernel/traps.h"

struct exception_table_entry {
	unsigned long insn, fixup;
};

/* What the most recent fixed-up fault was (tests inspect it). */
struct fault_record {
	unsigned vector, error_code;
	unsigned long address, eip;
	unsigned long count;
};

extern struct fault_record last_fixup;

bool fixup_exception(struct pt_regs *regs, unsigned long address);
int probe_read_u32(const void *addr, uint32_t *val);

#endif
