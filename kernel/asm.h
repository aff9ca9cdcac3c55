/*
 * Constants shared by C and assembly (no C syntax here): the segment
 * selectors of our GDT (kernel/gdt.c) and the system-call vector.
 */
#ifndef KERNEL_ASM_H
#define KERNEL_ASM_H

#define KERNEL_CS	0x08
#define KERNEL_DS	0x10
#define USER_CS		0x1B
#define USER_DS		0x23
#define TSS_SEL		0x28

/* Three thread-local storage entries per task (kernel/tls.c), as i386 Linux 2.6. */
#define GDT_ENTRY_TLS_MIN	6
#define GDT_ENTRY_TLS_ENTRIES	3
#define GDT_ENTRY_TLS_MAX	(GDT_ENTRY_TLS_MIN + GDT_ENTRY_TLS_ENTRIES - 1)

#define SYSCALL_VECTOR	0x80	/* int $0x80: Linux i386 syscalls */

#endif
