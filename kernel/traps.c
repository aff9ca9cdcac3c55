/*
 * The IDT and the dispatch of every trap: CPU exceptions, hardware
 * interrupts (to kernel/irq.c) and page faults (to mm/fault.c).
 *
 * An exception in the kernel that has no fixup (kernel/extable.c) is
 * a kernel bug: die() prints an oops with the registers and a
 * symbolised backtrace and stops the machine.
 */
#include "kernel/traps.h"
#include "kernel/extable.h"
#include "kernel/irq.h"
#include "kernel/kernel.h"
#include "kernel/power.h"
#include "kernel/x86.h"
#include "mm/fault.h"

#define IDT_ENTRIES	256
#define NR_STUBS	48		/* 32 exceptions + 16 IRQs */
#define GATE_INTR	0x8E		/* present, ring 0, 32-bit interrupt */

struct idt_desc {
	uint16_t limit;
	uint32_t base;
} __attribute__((packed));

extern const unsigned long trap_stubs[NR_STUBS];

static uint64_t idt[IDT_ENTRIES] __attribute__((aligned(8)));

static const char *const exception_names[32] = {
	"divide error", "debug", "NMI", "breakpoint", "overflow",
	"bound range exceeded", "invalid opcode", "device not available",
	"double fault", "coprocessor segment overrun", "invalid TSS",
	"segment not present", "stack segment fault",
	"general protection fault", "page fault", "reserved",
	"x87 floating-point error", "alignment check", "machine check",
	"SIMD floating-point error",
};

const char *trap_name(unsigned vector)
{
	if (vector < 32)
		return exception_names[vector] ? exception_names[vector]
					       : "reserved";
	if (vector < FIRST_IRQ_VECTOR + NR_IRQS)
		return "hardware interrupt";
	return "software interrupt";
}

/* Encodes an IDT gate; dpl 3 lets user mode use "int" on it. */
static void set_gate(unsigned vector, unsigned long handler, unsigned dpl)
{
	uint64_t type = GATE_INTR | (dpl << 5);

	idt[vector] = (handler & 0xFFFF) | ((uint64_t)KERNEL_CS << 16) |
		      (type << 40) | ((uint64_t)(handler >> 16) << 48);
}

void trap_init(void)
{
	struct idt_desc d = { sizeof(idt) - 1, (uint32_t)idt };

	for (unsigned v = 0; v < NR_STUBS; v++)
		set_gate(v, trap_stubs[v], 0);
	__asm__ __volatile__("lidt %0" : : "m"(d));
}

void show_regs(const struct pt_regs *regs)
{
	printk(KERN_EMERG "EIP: %04x:%08x  EFLAGS: %08x\n",
	       regs->cs, regs->eip, regs->eflags);
	printk(KERN_EMERG "EAX: %08x  EBX: %08x  ECX: %08x  EDX: %08x\n",
	       regs->eax, regs->ebx, regs->ecx, regs->edx);
	printk(KERN_EMERG "ESI: %08x  EDI: %08x  EBP: %08x  ESP: %08x\n",
	       regs->esi, regs->edi, regs->ebp,
	       user_mode(regs) ? regs->esp : regs->esp_at_pusha + 20);
	printk(KERN_EMERG "DS: %04x  ES: %04x  FS: %04x  GS: %04x\n",
	       regs->ds, regs->es, regs->fs, regs->gs);
	printk(KERN_EMERG "CR0: %08x  CR2: %08x  CR3: %08x  CR4: %08x\n",
	       read_cr0(), read_cr2(), read_cr3(), read_cr4());
}

/* The oops: what happened, the registers, the trace; then stop. */
__noreturn void die(const char *what, struct pt_regs *regs)
{
	static int die_counter;

	cli();
	if (panic_in_progress())
		machine_exit(false);
	printk(KERN_EMERG "Oops: %s, error code %04x [#%d]\n", what,
	       regs->error_code, ++die_counter);
	show_regs(regs);
	show_backtrace(regs->eip, regs->ebp);
	panic_halt("Fatal exception");
}

static void do_exception(struct pt_regs *regs)
{
	if (!user_mode(regs) && fixup_exception(regs, 0))
		return;
	die(trap_name(regs->vector), regs);
}

void do_trap(struct pt_regs *regs)
{
	unsigned v = regs->vector;

	if (v >= FIRST_IRQ_VECTOR && v < FIRST_IRQ_VECTOR + NR_IRQS)
		do_IRQ(v - FIRST_IRQ_VECTOR, regs);
	else if (v == X86_TRAP_PF)
		do_page_fault(regs, read_cr2());
	else
		do_exception(regs);
}
