/*
 * _start: where the kernel starts a program.  The stack pointer points
 * at argc, followed by argv[], NULL, envp[], NULL and the auxiliary
 * vector (the System V i386 initial stack).  ebp = 0 marks the
 * outermost frame; the stack is realigned to 16 bytes for the C code.
 */
	.section .text.start, "ax"
	.globl _start
_start:
	xorl %ebp, %ebp
	movl %esp, %eax
	andl $-16, %esp
	subl $12, %esp
	pushl %eax		/* __libc_start_main(initial stack) */
	call __libc_start_main
	hlt			/* not reached: a fault if it is */

/*
 * long __syscall(long nr, long a1, long a2, long a3, long a4, long a5,
 *                long a6): "int $0x80" with the Linux i386 convention,
 * returning the raw result (-errno on failure).
 */
	.text
	.globl __syscall
__syscall:
	pushl %ebp
	pushl %edi
	pushl %esi
	pushl %ebx
	movl 20(%esp), %eax
	movl 24(%esp), %ebx
	movl 28(%esp), %ecx
	movl 32(%esp), %edx
	movl 36(%esp), %esi
	movl 40(%esp), %edi
	movl 44(%esp), %ebp
	int $0x80
	popl %ebx
	popl %esi
	popl %edi
	popl %ebp
	ret

	.section .note.GNU-stack, "", @progbits
