/*
 * Entry points for every exception and hardware interrupt.
 *
 * Each stub makes the stack look the same (an error code, real or a
 * pushed 0, then the vector number), then trap_common saves the
 * general and segment registers, giving the struct pt_regs of
 * kernel/traps.h, and calls do_trap(regs).  ret_from_trap undoes it.
 * System calls ("int $0x80" from user mode) take the same path, so a
 * system call's arguments are the saved ebx, ecx, edx, esi, edi, ebp
 * and its result goes back in the saved eax.  In place of an error
 * code a system call's frame keeps the call's number, for a restart
 * after a signal (Linux's orig_eax).
 */
#include "kernel/asm.h"

/* Exceptions for which the CPU pushes an error code itself. */
#define HAS_ERROR_CODE(n) \
	((n) == 8 || ((n) >= 10 && (n) <= 14) || (n) == 17 || (n) == 21)

	.macro trap_stub n
	.text
	.align 16
trap\n:
	.if HAS_ERROR_CODE(\n) == 0
	pushl $0
	.endif
	pushl $\n
	jmp trap_common
	.section .rodata
	.long trap\n
	.endm

	.section .rodata
	.align 4
	.globl trap_stubs
trap_stubs:
	.altmacro
	.set n, 0
	.rept 48
	trap_stub %n
	.set n, n + 1
	.endr

	/* int $0x80: a gate user mode may use (DPL 3), see trap_init(). */
	.text
	.align 16
	.globl system_call
system_call:
	pushl %eax		/* the call's number: Linux's orig_eax */
	pushl $SYSCALL_VECTOR
	jmp trap_common

trap_common:
	cld			/* user mode may have set DF */
	pushal
	pushl %ds
	pushl %es
	pushl %fs
	pushl %gs
	movl $KERNEL_DS, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %fs
	movl %eax, %gs
	pushl %esp		/* struct pt_regs * */
	call do_trap
	addl $4, %esp
	.globl ret_from_trap
ret_from_trap:
1:	popl %gs
2:	popl %fs
3:	popl %es
4:	popl %ds
	popal
	addl $8, %esp		/* vector and error code */
	iret

/*
 * A user selector may name a descriptor that is no longer usable: a
 * TLS entry the program emptied (set_thread_area) after loading it.
 * Reloading it faults (#GP or #NP) in the kernel, here; as in Linux
 * 2.4's RESTORE_ALL, the fixup makes the saved selector 0 and pops
 * again.  A null selector loads without a fault, and the program gets
 * SIGSEGV only if it uses the segment.
 */
	.noaltmacro
	.macro null_selector_fixup pop
	.pushsection .text.fixup, "ax"
5\pop:	movl $0, (%esp)
	jmp \pop\()b
	.popsection
	.pushsection __ex_table, "a"
	.balign 4
	.long \pop\()b, 5\pop\()b
	.popsection
	.endm

	null_selector_fixup 1
	null_selector_fixup 2
	null_selector_fixup 3
	null_selector_fixup 4

	.section .note.GNU-stack, "", @progbits
