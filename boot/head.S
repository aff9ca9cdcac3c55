/*
 * The first code that runs: Multiboot entry, early paging, jump to
 * the higher half.
 *
 * GRUB leaves us in 32-bit protected mode with paging off, EAX =
 * 0x2BADB002 and EBX = physical address of the Multiboot info.
 * The rest of the kernel is linked at 0xC0000000 + physical, so before
 * calling C we map the first 16 MiB twice with 4 MiB pages (CR4.PSE):
 * once at 0 (identity, so the instruction after "enable paging" still
 * exists) and once at PAGE_OFFSET.  paging_init() (mm/init.c) later
 * replaces this with the kernel's own page directory, with no
 * identity map, so a NULL dereference faults.
 */
#include "boot/multiboot.h"

#define PAGE_OFFSET	0xC0000000
#define PDE_4M		0x83		/* present | writable | 4 MiB page */
#define EARLY_MAP_MB	16
#define CR0_PG		0x80000000
#define CR0_WP		0x00010000
#define CR4_PSE		0x00000010
#define HDR_FLAGS	(MULTIBOOT_PAGE_ALIGN | MULTIBOOT_MEMORY_INFO)

	.section .multiboot, "a"
	.align 4
	.long MULTIBOOT_HEADER_MAGIC
	.long HDR_FLAGS
	.long -(MULTIBOOT_HEADER_MAGIC + HDR_FLAGS)

	.section .boot.data, "aw"
	.align 4096
early_pgdir:
	.fill 1024, 4, 0

	.section .boot.text, "ax"
	.globl _start
_start:
	cli
	cld
	movl %eax, %esi		/* keep the Multiboot magic and info */
	movl %ebx, %edi
	/* Fill early_pgdir: entries 0..3 and 768..771 map 0-16 MiB. */
	movl $early_pgdir, %ebx
	xorl %ecx, %ecx
1:	movl %ecx, %eax
	shll $22, %eax
	orl $PDE_4M, %eax
	movl %eax, (%ebx, %ecx, 4)
	movl %eax, (PAGE_OFFSET >> 22) * 4(%ebx, %ecx, 4)
	incl %ecx
	cmpl $(EARLY_MAP_MB / 4), %ecx
	jne 1b

	movl %cr4, %ecx
	orl $CR4_PSE, %ecx
	movl %ecx, %cr4
	movl $early_pgdir, %ecx
	movl %ecx, %cr3
	movl %cr0, %ecx
	orl $(CR0_PG | CR0_WP), %ecx
	movl %ecx, %cr0

	/* An absolute jump: from here on we run in the higher half. */
	movl $higher_half, %ecx
	jmp *%ecx

	.text
higher_half:
	movl $boot_stack_top, %esp
	xorl %ebp, %ebp		/* ends every backtrace here */
	pushl %edi		/* multiboot info, physical */
	pushl %esi		/* multiboot magic */
	call start_kernel
	/* start_kernel never returns; if it does, stop here. */
2:	cli
	hlt
	jmp 2b

	.bss
	.align 16
	.globl boot_stack, boot_stack_top
boot_stack:
	.skip 16384
boot_stack_top:

	.section .note.GNU-stack, "", @progbits
