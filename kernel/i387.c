/*
 * The user's FPU and SSE registers (Linux's arch/i386/kernel/i387.c).
 *
 * A static glibc program uses SSE from its first call (its string
 * functions pick their SSE2 versions by cpuid), so user programs need
 * CR4.OSFXSR, and then their registers must be kept per task.  The
 * kernel itself never touches them (it is built -mgeneral-regs-only),
 * so the registers always hold the state of the last process that
 * ran: switch_fpu() saves it when a process is switched out and
 * restores the next process's.
 *
 * 2.4.0 saves lazily: it sets CR0.TS at a switch and restores on the
 * first FPU instruction (math_state_restore, on the #NM trap).
 * Pagoda saves and restores at every switch between processes, as
 * Linux does from 3.7 on capable CPUs ("eagerfpu", the default from
 * 4.6): simpler to read, and glibc's programs use SSE all the time.
 * Needs fxsave (every CPU since the Pentium III; QEMU's default has
 * it); without it nothing is enabled and programs keep to integers.
 */
#include "kernel/i387.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/x86.h"

#define CR0_MP		0x00000002	/* wait/fwait honours TS */
#define CR0_EM		0x00000004	/* no FPU: trap every x87 insn */
#define CR0_TS		0x00000008
#define CR0_NE		0x00000020	/* x87 errors as #MF, not IRQ 13 */
#define CR4_OSFXSR	0x00000200	/* SSE on, fxsave saves it */
#define CR4_OSXMMEXCPT	0x00000400	/* SSE errors as #XM */
#define CPUID_FXSR	(1U << 24)	/* leaf 1, edx */
#define CPUID_SSE	(1U << 25)

static bool have_fxsr;
/* The MXCSR bits this CPU has: others in fxrstor's image are a #GP. */
static uint32_t mxcsr_mask;

/* The 16-byte aligned fxsave area inside p's room. */
static void *fxarea(struct task_struct *p)
{
	return (void *)ALIGN_UP((unsigned long)p->i387.room, 16UL);
}

/* The live registers into p's area. */
static void fxsave_into(struct task_struct *p)
{
	__asm__ __volatile__("fxsave %0"
			     : "=m"(*(char (*)[FXSAVE_SIZE])fxarea(p)));
}

void fpu_init(void)
{
	uint32_t a, b, c, d;

	cpuid(1, &a, &b, &c, &d);
	have_fxsr = (d & CPUID_FXSR) && (d & CPUID_SSE);
	if (!have_fxsr) {
		printk(KERN_WARNING "fpu: no fxsave/SSE: user programs must "
		       "not use the FPU\n");
		return;
	}
	write_cr0((read_cr0() & ~(CR0_EM | CR0_TS)) | CR0_MP | CR0_NE);
	write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
	fxsave_into(&init_task);		/* any image: for its mask */
	mxcsr_mask = *(uint32_t *)((uint8_t *)fxarea(&init_task) + 28);
	if (!mxcsr_mask)
		mxcsr_mask = 0xFFBF;		/* Intel's default (SDM 11.6.6) */
	printk(KERN_INFO "fpu: SSE enabled, saved per process at switches\n");
}

/* Called by context_switch() before it switches stacks. */
void switch_fpu(struct task_struct *prev, struct task_struct *next)
{
	if (!have_fxsr)
		return;
	if (prev->mm)
		__asm__ __volatile__("fxsave %0"
				     : "=m"(*(char (*)[FXSAVE_SIZE])fxarea(prev)));
	if (next->mm)
		__asm__ __volatile__("fxrstor %0"
				     : : "m"(*(char (*)[FXSAVE_SIZE])fxarea(next)));
}

/* fork: the child starts with the parent's registers as they are now. */
void fork_fpu(struct task_struct *child)
{
	if (have_fxsr)
		fxsave_into(child);
}

/*
 * exec: a new program starts with Linux's initial FPU state
 * (fpstate_init): fninit's x87 registers, SSE's control word at its
 * default (all exceptions masked), and every XMM register 0.  Loaded
 * from a cleared image, since fninit leaves the XMM registers as the
 * last process had them, and they are the new program's to read.
 */
void flush_fpu(void)
{
	uint8_t *fx = fxarea(current);

	if (!have_fxsr)
		return;
	memset(fx, 0, FXSAVE_SIZE);
	*(uint16_t *)fx = 0x037F;		/* FCW, as fninit sets it */
	*(uint32_t *)(fx + 24) = 0x1F80;	/* MXCSR */
	__asm__ __volatile__("fxrstor %0"
			     : : "m"(*(char (*)[FXSAVE_SIZE])fx));
}

/*
 * A signal frame's copy of the registers: the 512-byte fxsave image
 * of current's live registers, in image (any alignment).  false if
 * there is no fxsave (then the process has no FPU state to keep).
 */
bool fpu_save_image(void *image)
{
	if (!have_fxsr)
		return false;
	fxsave_into(current);
	memcpy(image, fxarea(current), FXSAVE_SIZE);
	return true;
}

/*
 * sigreturn: current's registers from a frame's image, which the
 * program may have changed: MXCSR bits the CPU lacks are cleared
 * (fxrstor would fault in the kernel), as Linux's restore masks them
 * with mxcsr_feature_mask.
 */
void fpu_load_image(const void *image)
{
	uint8_t *fx = fxarea(current);

	if (!have_fxsr)
		return;
	memcpy(fx, image, FXSAVE_SIZE);
	*(uint32_t *)(fx + 24) &= mxcsr_mask;
	__asm__ __volatile__("fxrstor %0"
			     : : "m"(*(char (*)[FXSAVE_SIZE])fx));
}
