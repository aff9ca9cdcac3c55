/*
 * The page-fault handler (arch/i386/mm/fault.c in Linux 2.4).
 *
 * For now every fault is a kernel fault: one on an instruction with a
 * fixup resumes there; any other is an oops that says what kind of
 * access failed at which address.  User address spaces, demand
 * paging and swap-in come with processes.
 */
#include "mm/fault.h"
#include "kernel/extable.h"
#include "kernel/kernel.h"

/* "not-present read", "protection write", ... from the error code. */
static void describe_fault(char *buf, size_t len, unsigned error)
{
	snprintf(buf, len, "%s %s%s",
		 error & PF_PROT ? "protection" : "not-present",
		 error & PF_INSTR ? "instruction fetch"
				  : error & PF_WRITE ? "write" : "read",
		 error & PF_USER ? " from user mode" : "");
}

void do_page_fault(struct pt_regs *regs, unsigned long address)
{
	char what[64];

	if (!user_mode(regs) && fixup_exception(regs, address))
		return;
	describe_fault(what, sizeof(what), regs->error_code);
	printk(KERN_EMERG "Unable to handle kernel %s at virtual address "
	       "%08lx (%s)\n",
	       address < 4096 ? "NULL pointer dereference" : "paging request",
	       address, what);
	die("page fault", regs);
}
