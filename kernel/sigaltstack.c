/*
 * The alternate signal stack (sigaltstack, i386 call 186; Linux 2.4's
 * do_sigaltstack in kernel/signal.c).  A handler set with SA_ONSTACK
 * runs on a stack the program gave beforehand, not on the one it was
 * interrupted on: so a SIGSEGV handler can run after the stack
 * overflowed, where its frame could not be written.
 *
 * A task's alternate stack is [sas_ss_sp, sas_ss_sp + sas_ss_size);
 * a size of 0 is none (SS_DISABLE).  fork keeps it, a thread (CLONE_VM
 * without CLONE_VFORK) starts without, exec drops it.  SS_AUTODISARM
 * (Linux 4.7) drops it while a handler runs on it, until the handler
 * returns (rt_sigreturn puts back the frame's uc_stack).
 */
#include "kernel/abi.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"

/* Is sp on the alternate stack, whatever SS_AUTODISARM says? */
static bool within_sig_stack(const struct task_struct *t, unsigned long sp)
{
	return sp > t->sas_ss_sp && sp - t->sas_ss_sp <= t->sas_ss_size;
}

/* Is sp on the alternate stack in use (2.4.0's on_sig_stack)? */
static bool on_sig_stack(unsigned long sp)
{
	return !(current->sas_ss_flags & SS_AUTODISARM) &&
	       within_sig_stack(current, sp);
}

/* sigaltstack's ss_flags for sp: SS_DISABLE, SS_ONSTACK or 0. */
static int sas_ss_flags(unsigned long sp)
{
	if (!current->sas_ss_size)
		return SS_DISABLE;
	return on_sig_stack(sp) ? SS_ONSTACK : 0;
}

static void sas_ss_reset(struct task_struct *t)
{
	t->sas_ss_sp = 0;
	t->sas_ss_size = 0;
	t->sas_ss_flags = 0;
}

/*
 * Where the frame of a handler ka goes, size bytes at the 16-byte
 * alignment a C function expects at esp + 4 (Linux 2.6's; 2.4.0
 * aligns to 8): below the interrupted stack pointer, or with
 * SA_ONSTACK at the top of the alternate stack unless it runs there
 * already or has none (2.4.0 moves to sas_ss_sp + sas_ss_size, 0, when
 * none is set; 2.6 checks sas_ss_flags).  0 if a frame on the alternate stack would overflow it (as
 * Linux 5.14's get_sigframe refuses: SIGSEGV, not a write below it).
 */
unsigned long signal_frame_address(const struct pt_regs *regs,
				   const struct k_sigaction *ka, size_t size)
{
	bool nested = on_sig_stack(regs->esp), entering = false;
	unsigned long sp = regs->esp, at;

	if ((ka->sa_flags & SA_ONSTACK) && sas_ss_flags(sp) == 0) {
		sp = current->sas_ss_sp + current->sas_ss_size;
		entering = true;
	}
	at = ((sp - size + 4) & -16UL) - 4;
	if ((nested || entering) && !within_sig_stack(current, at))
		return 0;
	return at;
}

/*
 * The uc_stack of an rt frame: the alternate stack as the interrupted
 * code had it (Linux's __save_altstack).
 */
void save_altstack(stack_t *uc_stack, unsigned long sp)
{
	uc_stack->ss_sp = (void *)current->sas_ss_sp;
	uc_stack->ss_flags = sas_ss_flags(sp) |
			     (current->sas_ss_flags & SS_AUTODISARM);
	uc_stack->ss_size = current->sas_ss_size;
}

/*
 * An rt frame holding save_altstack's uc_stack was written: with
 * SS_AUTODISARM the alternate stack is dropped until the handler
 * returns.  Not before: a frame that could not be written leaves it
 * as it was (Linux's __save_altstack resets it after its last write
 * to the frame), so SIGSEGV's handler meets the same stack.
 */
void altstack_entered(void)
{
	if (current->sas_ss_flags & SS_AUTODISARM)
		sas_ss_reset(current);
}

/*
 * Sets the alternate stack to *ss, for a task whose user stack
 * pointer is sp: -EPERM while it runs on the alternate stack,
 * -EINVAL for flags other than 0, SS_ONSTACK (taken as 0) and
 * SS_DISABLE, each perhaps with SS_AUTODISARM; -ENOMEM for a stack
 * below MINSIGSTKSZ.
 */
static int set_altstack(const stack_t *ss, unsigned long sp)
{
	int mode = ss->ss_flags & ~SS_AUTODISARM;

	if (on_sig_stack(sp))
		return -EPERM;
	if (mode != 0 && mode != SS_ONSTACK && mode != SS_DISABLE)
		return -EINVAL;
	if (mode == SS_DISABLE) {
		sas_ss_reset(current);
		return 0;
	}
	if (ss->ss_size < MINSIGSTKSZ)
		return -ENOMEM;
	current->sas_ss_sp = (unsigned long)ss->ss_sp;
	current->sas_ss_size = ss->ss_size;
	current->sas_ss_flags = ss->ss_flags & SS_AUTODISARM;
	return 0;
}

/*
 * rt_sigreturn: the alternate stack the frame says the interrupted
 * code had (an SS_AUTODISARM one comes back); errors are ignored, as
 * Linux's restore_altstack ignores them.
 */
void restore_altstack(const stack_t *uc_stack)
{
	set_altstack(uc_stack, task_pt_regs(current)->esp);
}

/*
 * sigaltstack(ss, old): the old stack goes to *old (its flags
 * SS_DISABLE, SS_ONSTACK while a handler runs on it, or 0), then ss,
 * if given, becomes the alternate stack.  A bad pointer is -EFAULT,
 * the new stack set already if only old was bad, as in Linux.
 */
long sys_sigaltstack(const stack_t *uss, stack_t *uoss)
{
	unsigned long sp = task_pt_regs(current)->esp;
	stack_t ss, old = {
		.ss_sp = (void *)current->sas_ss_sp,
		.ss_flags = sas_ss_flags(sp) |
			    (current->sas_ss_flags & SS_AUTODISARM),
		.ss_size = current->sas_ss_size,
	};
	int err;

	if (uss) {
		if (copy_from_user(&ss, uss, sizeof(ss)))
			return -EFAULT;
		err = set_altstack(&ss, sp);
		if (err)
			return err;
	}
	if (uoss && copy_to_user(uoss, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/*
 * fork keeps the alternate stack (task_struct is copied in Linux); a
 * thread, on the same memory but its own stack, starts without one,
 * unless vfork's child, which runs on its parent's stack meanwhile.
 */
void copy_sigaltstack(struct task_struct *child, unsigned long clone_flags)
{
	if ((clone_flags & (CLONE_VM | CLONE_VFORK)) == CLONE_VM) {
		sas_ss_reset(child);
		return;
	}
	child->sas_ss_sp = current->sas_ss_sp;
	child->sas_ss_size = current->sas_ss_size;
	child->sas_ss_flags = current->sas_ss_flags;
}

/* exec: the new program has no alternate stack. */
void flush_sigaltstack(void)
{
	sas_ss_reset(current);
}
