/*
 * panic() and backtraces.
 *
 * A backtrace follows the saved frame pointers (the kernel is built
 * with -fno-omit-frame-pointer): [ebp] is the caller's ebp and
 * [ebp + 4] the return address.  Each address is printed with its
 * symbol from kernel/ksyms.c.  Frames are read with probe_read_u32(),
 * so a corrupt stack ends the trace instead of faulting again.
 */
#include "kernel/kernel.h"
#include "kernel/extable.h"
#include "kernel/ksyms.h"
#include "kernel/power.h"
#include "kernel/x86.h"
#include "mm/page.h"

#define MAX_FRAMES	32

static bool in_panic;

/* One trace line; a return address is named by its call (ksyms.c). */
static void print_address(unsigned long addr, bool is_return)
{
	char sym[96];

	if (is_return)
		ksym_snprint_return(sym, sizeof(sym), addr);
	else
		ksym_snprint(sym, sizeof(sym), addr);
	printk(KERN_EMERG " [<%08lx>] %s\n", addr, sym);
}

static unsigned long current_ebp(void)
{
	unsigned long ebp;

	__asm__ __volatile__("movl %%ebp, %0" : "=r"(ebp));
	return ebp;
}

/* Prints the return address of each frame from ebp upwards. */
static void walk_frames(unsigned long ebp)
{
	uint32_t next, ret;

	for (int depth = 0; depth < MAX_FRAMES && ebp; depth++) {
		if (ebp < PAGE_OFFSET || (ebp & 3) ||
		    probe_read_u32((void *)(ebp + 4), &ret) ||
		    probe_read_u32((void *)ebp, &next) || !ret)
			break;
		print_address(ret, true);
		if (next <= ebp)	/* frames must go up the stack */
			break;
		ebp = next;
	}
}

/* The trace of an interrupted context: its eip, then its frames. */
void show_backtrace(unsigned long eip, unsigned long ebp)
{
	printk(KERN_EMERG "Call Trace:\n");
	print_address(eip, false);
	walk_frames(ebp);
}

/* The trace of whoever called dump_stack(). */
void dump_stack(void)
{
	printk(KERN_EMERG "Call Trace:\n");
	walk_frames(current_ebp());
}

/* Ends a panic or an oops: the last line, then QEMU exits failing. */
__noreturn void panic_halt(const char *msg)
{
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", msg);
	machine_exit(false);
}

__noreturn void panic(const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	cli();
	if (in_panic)		/* a panic while panicking: just stop */
		machine_exit(false);
	in_panic = true;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printk(KERN_EMERG "Kernel panic: %s\n", msg);
	printk(KERN_EMERG "EFLAGS: %08x  EBP: %08lx\n", read_eflags(),
	       current_ebp());
	printk(KERN_EMERG "CR0: %08x  CR2: %08x  CR3: %08x  CR4: %08x\n",
	       read_cr0(), read_cr2(), read_cr3(), read_cr4());
	dump_stack();
	panic_halt(msg);
}

bool panic_in_progress(void)
{
	return in_panic;
}
