/*
 * The page-fault handler (arch/i386/mm/fault.c in Linux 2.4).
 *
 * A fault on a user address inside a VMA that allows the access is
 * ordinary work: handle_mm_fault() maps a page (demand-zero,
 * copy-on-write, swap-in).  A fault just below the stack VMA grows the
 * stack.  Anything else is a bad access:
 *   - from user mode, the process gets SIGSEGV; unless a handler of
 *     its takes it, that kills it, and the console says where and why;
 *   - from the kernel on an instruction with a fixup (copy_from_user
 *     and friends, kernel/uaccess.c), the fixup runs: -EFAULT;
 *   - from the kernel anywhere else, it is a kernel bug: an oops.
 */
#include "mm/fault.h"
#include "kernel/extable.h"
#include "kernel/irq.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/x86.h"
#include "mm/memory.h"
#include "mm/mmap.h"

#define FAR_BELOW_STACK	65536

/* "not-present read", "protection write", ... from the error code. */
static void describe_fault(char *buf, size_t len, unsigned error)
{
	snprintf(buf, len, "%s %s%s",
		 error & PF_PROT ? "protection" : "not-present",
		 error & PF_INSTR ? "instruction fetch"
				  : error & PF_WRITE ? "write" : "read",
		 error & PF_USER ? " from user mode" : "");
}

/* A kernel-mode fault nothing can fix: the oops. */
static __noreturn void no_context(struct pt_regs *regs, unsigned long address)
{
	char what[64];

	describe_fault(what, sizeof(what), regs->error_code);
	printk(KERN_EMERG "Unable to handle kernel %s at virtual address "
	       "%08lx (%s)\n",
	       address < 4096 ? "NULL pointer dereference" : "paging request",
	       address, what);
	die("page fault", regs);
}

/* A user access that is not allowed: SIGSEGV, said on the console. */
static void bad_user_access(struct pt_regs *regs, unsigned long address,
			    const char *why)
{
	char what[64];

	describe_fault(what, sizeof(what), regs->error_code & ~PF_USER);
	if (!signal_handled(current, SIGSEGV))
		printk(KERN_INFO "%s[%d]: segfault at %08lx ip %08x sp %08x "
		       "(%s: %s), killed\n", current->comm, current->pid,
		       address, regs->eip, regs->esp, what, why);
	force_sig(SIGSEGV, current);
}

/*
 * Finds the VMA for address, growing the stack down to it if needed.
 * NULL, with *why set, if the address is in none.
 */
static struct vm_area_struct *fault_vma(struct mm_struct *mm,
					struct pt_regs *regs,
					unsigned long address,
					const char **why)
{
	struct vm_area_struct *vma = find_vma(mm, address);

	*why = "no mapping there";
	if (!vma)
		return NULL;
	if (vma->vm_start <= address)
		return vma;
	if (!(vma->vm_flags & VM_GROWSDOWN))
		return NULL;
	/* below the stack pointer is a bug (pusha writes 32 bytes below);
	 * far below, it is just an unmapped address */
	if (user_mode(regs) && address + 32 < regs->esp) {
		if (address + FAR_BELOW_STACK >= regs->esp)
			*why = "below the stack pointer";
		return NULL;
	}
	if (expand_stack(vma, address)) {
		*why = "stack limit reached";
		return NULL;
	}
	return vma;
}

/* Does vma allow the access the error code describes?  Why not, else NULL. */
static const char *access_error(const struct vm_area_struct *vma,
				unsigned error)
{
	if (error & PF_WRITE) {
		if (vma->vm_flags & VM_WRITE)
			return NULL;
		return "write to a read-only mapping";
	}
	if (!(vma->vm_flags & (VM_READ | VM_EXEC)))
		return "mapping without read permission";
	return NULL;
}

/*
 * The VMA part of a user-address fault, under mmap_sem (2.4.0 takes it
 * around the same steps): another thread of the process may otherwise
 * unmap or change the VMA while handle_mm_fault() sleeps.  Returns
 * handle_mm_fault()'s VM_FAULT_* code, or sets *why for a bad access.
 */
static int fault_in_vma(struct mm_struct *mm, struct pt_regs *regs,
			unsigned long address, const char **why)
{
	unsigned error = regs->error_code;
	struct vm_area_struct *vma;
	int ret = VM_FAULT_SIGBUS;

	down(&mm->mmap_sem);
	vma = fault_vma(mm, regs, address, why);
	if (vma)
		*why = access_error(vma, error);
	if (vma && !*why)
		ret = handle_mm_fault(mm, vma, address, error & PF_WRITE);
	up(&mm->mmap_sem);
	return ret;
}

void do_page_fault(struct pt_regs *regs, unsigned long address)
{
	struct task_struct *tsk = current;
	struct mm_struct *mm = tsk->mm;
	unsigned error = regs->error_code;
	const char *why = "kernel address";
	int fault;

	/* CR2 is read (do_trap): interrupts may come again */
	if (regs->eflags & X86_EFLAGS_IF)
		sti();
	if (address >= TASK_SIZE) {
		if (!(error & PF_USER) && vmalloc_fault(address))
			return;
		goto bad_area;
	}
	if (in_interrupt() || !mm)
		goto kernel_fault;
	fault = fault_in_vma(mm, regs, address, &why);
	if (why)
		goto bad_area;
	switch (fault) {
	case VM_FAULT_MINOR:
		tsk->min_flt++;
		return;
	case VM_FAULT_MAJOR:
		tsk->maj_flt++;
		return;
	case VM_FAULT_SIGBUS:
		if (!signal_handled(tsk, SIGBUS))
			printk(KERN_INFO "%s[%d]: bus error at %08lx, "
			       "killed\n", tsk->comm, tsk->pid, address);
		force_sig(SIGBUS, tsk);
		break;
	default:
		/*
		 * No page, even after waiting for reclaim.  A process the
		 * OOM killer chose (mm/oom_kill.c) is on its way out
		 * already; any other faulter dies, as in 2.4 ("VM: killing
		 * process"), since it cannot go on without the page.
		 */
		if (!(tsk->flags & PF_MEMDIE))
			printk(KERN_ERR "Out of memory: killed %s[%d] (fault "
			       "at %08lx)\n", tsk->comm, tsk->pid, address);
		force_sig(SIGKILL, tsk);
		break;
	}
	if (user_mode(regs))
		return;
	goto kernel_fault;

bad_area:
	if (user_mode(regs)) {
		bad_user_access(regs, address, why);
		return;
	}
kernel_fault:
	if (fixup_exception(regs, address))
		return;
	no_context(regs, address);
}
