/*
 * Switching kernel stacks, and the first return of a new task
 * (switch_to and ret_from_fork in Linux's arch/i386/kernel/entry.S).
 *
 * A task that is not running has, at thread.esp on its kernel stack,
 * the frame switch_to pushed: EFLAGS, edi, esi, ebx, ebp and a return
 * address.  A new task gets a made-up frame of the same shape whose
 * return address is one of the ret_from_* entries below.
 */

/* void switch_to(unsigned long *prev_esp, unsigned long next_esp) */
	.text
	.globl switch_to
switch_to:
	movl 4(%esp), %eax
	movl 8(%esp), %edx
	pushl %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	pushfl			/* each task keeps its own IF */
	movl %esp, (%eax)
	movl %edx, %esp
	popfl
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret

/*
 * A new kernel thread starts here with its function in ebx and the
 * argument in esi (from its made-up frame).  What the function returns
 * becomes its exit code.  ebp is 0, which ends backtraces here.
 */
	.globl ret_from_kernel_thread
ret_from_kernel_thread:
	sti
	pushl %esi
	call *%ebx
	pushl %eax
	call kernel_thread_exit

/*
 * A forked child starts here with esp at its copy of the parent's
 * struct pt_regs (eax = 0): after schedule_tail (kernel/fork.c) it
 * leaves for user mode the way every trap does.  return_to_user(regs)
 * enters user mode from a kernel thread that has just loaded a
 * program (kernel/exec.c).
 */
	.globl ret_from_fork
ret_from_fork:
	call schedule_tail
	jmp 1f
	.globl return_to_user
return_to_user:
	movl 4(%esp), %esp
1:	pushl %esp
	call exit_to_user_mode
	addl $4, %esp
	jmp ret_from_trap

	.section .note.GNU-stack, "", @progbits
