/* Exception fixups: see extable.h. */
#include "kernel/extable.h"
#include "lib/errno.h"

extern const struct exception_table_entry __start___ex_table[];
extern const struct exception_table_entry __stop___ex_table[];

struct fault_record last_fixup;

/* If regs->eip has a fixup, records the fault and resumes there. */
bool fixup_exception(struct pt_regs *regs, unsigned long address)
{
	const struct exception_table_entry *e;

	for (e = __start___ex_table; e < __stop___ex_table; e++) {
		if (e->insn != regs->eip)
			continue;
		last_fixup.vector = regs->vector;
		last_fixup.error_code = regs->error_code;
		last_fixup.address = address;
		last_fixup.eip = regs->eip;
		last_fixup.count++;
		regs->eip = e->fixup;
		return true;
	}
	return false;
}

/*
 * Reads a 32-bit word that may not be mapped: 0 and *val on success,
 * -EFAULT (and *val = 0) if the read faults.  Backtraces use it so a
 * corrupt frame pointer cannot fault inside a panic.
 */
int probe_read_u32(const void *addr, uint32_t *val)
{
	int err;
	uint32_t v;

	__asm__ __volatile__(
		"1:	movl (%2), %1\n"
		"	xorl %0, %0\n"
		"2:\n"
		"	.pushsection .text.fixup, \"ax\"\n"
		"3:	movl %3, %0\n"
		"	xorl %1, %1\n"
		"	jmp 2b\n"
		"	.popsection\n"
		"	.pushsection __ex_table, \"a\"\n"
		"	.balign 4\n"
		"	.long 1b, 3b\n"
		"	.popsection\n"
		: "=&r"(err), "=&r"(v)
		: "r"(addr), "i"(-EFAULT));
	*val = v;
	return err;
}
