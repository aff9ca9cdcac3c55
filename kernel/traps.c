/*
 * The IDT and the dispatch of every trap: CPU exceptions, hardware
 * interrupts (to kernel/irq.c), page faults (to mm/fault.c) and system
 * calls (to kernel/syscall.c).
 *
 * An exception in a user program sends it the signal Linux sends
 * (SIGFPE for a divide error, SIGILL for an invalid opcode, SIGSEGV
 * for a protection fault...), which kills it.  An exception in the
 * kernel that has no fixup (kernel/extable.c) is a kernel bug: die()
 * prints an oops with the registers and a symbolised backtrace and
 * stops the machine.
 */
#include "kernel/traps.h"
#include "kernel/extable.h"
#include "kernel/irq.h"
#include "kernel/kernel.h"
#include "kernel/power.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
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
void system_call(void);

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
	/* what user mode may raise with int3, into and int $0x80 */
	set_gate(X86_TRAP_BP, trap_stubs[X86_TRAP_BP], 3);
	set_gate(X86_TRAP_OF, trap_stubs[X86_TRAP_OF], 3);
	set_gate(SYSCALL_VECTOR, (unsigned long)system_call, 3);
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

/* The signal Linux sends a user program for each exception. */
static int exception_signal(unsigned vector)
{
	switch (vector) {
	case X86_TRAP_DE:	return SIGFPE;
	case X86_TRAP_DB:	return SIGTRAP;
	case X86_TRAP_BP:	return SIGTRAP;
	case X86_TRAP_UD:	return SIGILL;
	case X86_TRAP_NM:	return SIGFPE;
	case X86_TRAP_MF:	return SIGFPE;
	case X86_TRAP_AC:	return SIGBUS;
	case X86_TRAP_XF:	return SIGFPE;
	default:		return SIGSEGV;
	}
}

static void do_exception(struct pt_regs *regs)
{
	if (user_mode(regs)) {
		printk(KERN_INFO "%s[%d]: %s at ip %08x sp %08x error %x, "
		       "killed\n", current->comm, current->pid,
		       trap_name(regs->vector), regs->eip, regs->esp,
		       regs->error_code);
		force_sig(exception_signal(regs->vector), current);
		return;
	}
	if (fixup_exception(regs, 0))
		return;
	die(trap_name(regs->vector), regs);
}

/*
 * The way back to user mode: reschedule if asked, act on pending
 * signals (which may end the task), and only then return, with
 * interrupts off so nothing new can slip in before the iret.  A
 * system call a signal interrupted, when no handler took the signal,
 * starts again (syscall_restart).
 */
void exit_to_user_mode(struct pt_regs *regs)
{
	for (;;) {
		cli();
		if (current->need_resched) {
			sti();
			schedule();
		} else if (signal_pending(current)) {
			sti();
			do_signal(regs, current->blocked);
		} else {
			syscall_restart(regs, NULL);
			return;
		}
	}
}

void do_trap(struct pt_regs *regs)
{
	unsigned v = regs->vector;

	if (v >= FIRST_IRQ_VECTOR && v < FIRST_IRQ_VECTOR + NR_IRQS) {
		do_IRQ(v - FIRST_IRQ_VECTOR, regs);
	} else if (v == SYSCALL_VECTOR) {
		sti();
		do_syscall(regs);
	} else if (v == X86_TRAP_PF) {
		do_page_fault(regs, read_cr2());
	} else {
		if (regs->eflags & X86_EFLAGS_IF)
			sti();
		do_exception(regs);
	}
	if (user_mode(regs))
		exit_to_user_mode(regs);
}
