/*
 * Trap frames and the interrupt descriptor table.
 *
 * kernel/entry.S pushes a struct pt_regs for every exception,
 * interrupt and system call, and calls do_trap() with it.  For a trap
 * from user mode the frame lies at the top of the task's kernel stack
 * (task_pt_regs() in kernel/sched.h).
 */
#ifndef KERNEL_TRAPS_H
#define KERNEL_TRAPS_H

#include "kernel/asm.h"
#include "lib/compiler.h"

struct pt_regs {
	uint32_t gs, fs, es, ds;
	uint32_t edi, esi, ebp, esp_at_pusha, ebx, edx, ecx, eax;
	uint32_t vector;
	uint32_t error_code;	/* a system call's: its number (orig_eax),
				 * -1 after sigreturn (nothing to restart) */
	uint32_t eip, cs, eflags;
	uint32_t esp, ss;	/* pushed only when coming from user mode */
};


#define FIRST_IRQ_VECTOR	32
#define NR_IRQS			16

/* x86 exception vectors the kernel handles by name. */
#define X86_TRAP_DE	0	/* divide error */
#define X86_TRAP_DB	1	/* debug (single step) */
#define X86_TRAP_BP	3	/* breakpoint */
#define X86_TRAP_OF	4	/* overflow (into) */
#define X86_TRAP_UD	6	/* invalid opcode */
#define X86_TRAP_NM	7	/* device (FPU) not available */
#define X86_TRAP_DF	8	/* double fault */
#define X86_TRAP_GP	13	/* general protection */
#define X86_TRAP_PF	14	/* page fault */
#define X86_TRAP_MF	16	/* x87 floating-point error */
#define X86_TRAP_AC	17	/* alignment check */
#define X86_TRAP_XF	19	/* SIMD floating-point error */

/* Page-fault error code bits. */
#define PF_PROT		0x01	/* 0: page not present */
#define PF_WRITE	0x02
#define PF_USER		0x04
#define PF_RSVD		0x08
#define PF_INSTR	0x10

static inline bool user_mode(const struct pt_regs *regs)
{
	return (regs->cs & 3) != 0;
}

void gdt_init(void);
void load_esp0(unsigned long esp0);
struct thread_struct;
void load_TLS(const struct thread_struct *t);
void trap_init(void);
void do_trap(struct pt_regs *regs);
void show_regs(const struct pt_regs *regs);
__noreturn void die(const char *what, struct pt_regs *regs);
const char *trap_name(unsigned vector);
void exit_to_user_mode(struct pt_regs *regs);

#endif
