/*
 * start_kernel: the order in which Pagoda comes up (init/main.c in
 * Linux).  boot/head.S calls it in the higher half, on the boot
 * stack, with interrupts off and the first 16 MiB mapped.
 */
#include "kernel/kernel.h"
#include "kernel/exec.h"
#include "kernel/irq.h"
#include "kernel/multiboot.h"
#include "kernel/params.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "kernel/traps.h"
#include "kernel/x86.h"
#include "drivers/blkdev.h"
#include "drivers/pci.h"
#include "drivers/virtio_blk.h"
#include "drivers/serial.h"
#include "mm/init.h"
#include "mm/swap.h"
#include "mm/mm.h"

void start_kernel(uint32_t magic, uint32_t info_phys);
__noreturn void rest_init(void);		/* kernel/init.c */

void start_kernel(uint32_t magic, uint32_t info_phys)
{
	tsc_calibrate();	/* printk's time stamps */
	console_init();
	printk(KERN_NOTICE "Pagoda: a teaching kernel with the Linux 2.4 VM\n");
	gdt_init();
	trap_init();
	fpu_init();		/* SSE for user programs (glibc's) */
	/* Copy the boot information before anything can overwrite it. */
	multiboot_init(magic, info_phys);
	parse_kernel_cmdline(boot_info.cmdline);
	e820_print_map();
	setup_memory();		/* mem=, the boot-time allocator */
	paging_init();
	mem_init();		/* mem_map, zones, buddy, slab: alloc ready */
	module_programs_init();	/* make run PROG=...: boot modules */
	sched_init();		/* this thread is init_task, pid 0 */
	init_IRQ();
	time_init();
	serial_irq_init();
	pci_init();		/* before the drivers that claim PCI devices */
	virtio_blk_init();	/* disks vda, vdb, ...: polled until sti() */
	blk_timeout_init();	/* ... and watched once a second */
	sti();
	swap_init();		/* swapon every disk with a signature: with
				   interrupts on, a dead disk is given up */
	rest_init();		/* init (pid 1) runs the rest; we idle */
}
