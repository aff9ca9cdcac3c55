/*
 * Running a signal handler (arch/i386/kernel/signal.c in Linux 2.4):
 * handle_signal() saves the interrupted user registers, the FPU's and
 * the blocked mask in a frame on the user stack and sends the process
 * into its handler; the handler's return lands in sigreturn (119), or
 * rt_sigreturn (173) for an SA_SIGINFO handler, which put everything
 * back.  The frames are Linux i386's, so glibc's restorers
 * (SA_RESTORER) and a handler reading its ucontext work unchanged.
 *
 * Differences: the siginfo of an rt frame holds only the signal
 * number (si_code SI_KERNEL): Pagoda keeps one pending bit per signal,
 * not who sent it.  sigreturn takes cs and ss as Pagoda's user
 * segments whatever the frame says (Linux 2.4.0 takes them from it,
 * and its iret fault handling copes with bad ones).  Where a frame
 * goes, on the alternate stack with SA_ONSTACK, is
 * kernel/sigaltstack.c's.
 */
#include "kernel/abi.h"
#include "kernel/i387.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"

#define SI_KERNEL	0x80
#define SIGBIT(sig)	(1ULL << ((sig) - 1))
/* The flags a handler's return may set (2.4.0's FIX_EFLAGS). */
#define FIX_EFLAGS	0x40DD5	/* AC OF DF TF SF ZF AF PF CF */
#define EFLAGS_TF	0x100
#define EFLAGS_DF	0x400

/* Linux's struct sigcontext: the user registers at the signal. */
struct sigcontext {
	uint16_t gs, __gsh, fs, __fsh, es, __esh, ds, __dsh;
	uint32_t edi, esi, ebp, esp, ebx, edx, ecx, eax;
	uint32_t trapno, err, eip;
	uint16_t cs, __csh;
	uint32_t eflags, esp_at_signal;
	uint16_t ss, __ssh;
	uint32_t fpstate;		/* user address of the fpstate, or 0 */
	uint32_t oldmask, cr2;
};

/*
 * Linux's struct _fpstate: the x87 state in fsave's layout, then,
 * with magic 0 (X86_FXSR_MAGIC), fxsave's whole image, which is what
 * sigreturn loads.
 */
struct fpstate {
	uint32_t cw, sw, tag, ipoff, cssel, dataoff, datasel;
	uint8_t st[8][10];
	uint16_t status, magic;
	uint8_t fxsave[FXSAVE_SIZE];
};

struct sigframe {			/* a handler without SA_SIGINFO */
	uint32_t pretcode;		/* the handler returns here */
	int32_t sig;			/* its argument */
	struct sigcontext sc;
	struct fpstate fpstate;
	uint32_t extramask;		/* blocked signals 33-64 */
	uint8_t retcode[8];
};

struct ucontext {
	uint32_t uc_flags, uc_link;
	stack_t uc_stack;
	struct sigcontext uc_mcontext;
	sigset64_t uc_sigmask;
};

struct rt_sigframe {			/* an SA_SIGINFO handler */
	uint32_t pretcode;
	int32_t sig;
	uint32_t pinfo, puc;		/* its second and third arguments */
	int32_t info[32];		/* siginfo: signo, errno, code, ... */
	struct ucontext uc;
	struct fpstate fpstate;
	uint8_t retcode[8];
};

/*
 * The fsave-layout part of *fp from the fxsave image in it: control,
 * status and tag words, pointers and the eight registers.  Each tag
 * is "valid" or "empty" (fxsave's abridged tag); Linux's
 * twd_fxsr_to_i387() also tells zero and special values apart.
 */
static void fxsave_to_fsave(struct fpstate *fp)
{
	const uint8_t *fx = fp->fxsave;
	uint16_t fsw = *(const uint16_t *)(fx + 2);

	fp->cw = *(const uint16_t *)fx | 0xffff0000;
	fp->sw = fsw | 0xffff0000;
	fp->tag = 0xffff0000;
	for (int i = 0; i < 8; i++)
		if (!(fx[4] & (1 << i)))
			fp->tag |= 3 << (2 * i);
	fp->ipoff = *(const uint32_t *)(fx + 8);
	fp->cssel = *(const uint16_t *)(fx + 12) |
		    (uint32_t)*(const uint16_t *)(fx + 6) << 16;
	fp->dataoff = *(const uint32_t *)(fx + 16);
	fp->datasel = *(const uint16_t *)(fx + 20) | 0xffff0000;
	for (int i = 0; i < 8; i++)
		memcpy(fp->st[i], fx + 32 + 16 * i, 10);
	fp->status = fsw;
	fp->magic = 0;
}

/*
 * Fills sc with the user registers and the old mask, and *fp (to lie
 * at user address fp_at) with the FPU's; 2.4.0's setup_sigcontext.
 */
static void setup_sigcontext(struct sigcontext *sc, struct fpstate *fp,
			     unsigned long fp_at, const struct pt_regs *regs,
			     sigset64_t old)
{
	sc->gs = regs->gs;	sc->fs = regs->fs;
	sc->es = regs->es;	sc->ds = regs->ds;
	sc->edi = regs->edi;	sc->esi = regs->esi;
	sc->ebp = regs->ebp;	sc->esp = regs->esp;
	sc->ebx = regs->ebx;	sc->edx = regs->edx;
	sc->ecx = regs->ecx;	sc->eax = regs->eax;
	sc->trapno = regs->vector;
	sc->err = regs->error_code;
	sc->eip = regs->eip;	sc->cs = regs->cs;
	sc->eflags = regs->eflags;
	sc->esp_at_signal = regs->esp;
	sc->ss = regs->ss;
	sc->oldmask = (uint32_t)old;
	if (fpu_save_image(fp->fxsave)) {
		fxsave_to_fsave(fp);
		sc->fpstate = fp_at;
	}
}

/* The registers with which the process enters handler ka for sig. */
static void enter_handler(struct pt_regs *regs, unsigned long frame,
			  int sig, const struct k_sigaction *ka)
{
	regs->esp = frame;
	regs->eip = (unsigned long)ka->sa_handler;
	regs->eax = sig;		/* for handlers built -mregparm */
	regs->edx = regs->ecx = 0;
	regs->ds = regs->es = regs->ss = USER_DS;
	regs->cs = USER_CS;
	regs->eflags &= ~(EFLAGS_TF | EFLAGS_DF);
}

/*
 * Where the handler returns: the restorer the C library gave
 * (SA_RESTORER), else the frame's own code at retcode_at.
 */
static unsigned long return_address(const struct k_sigaction *ka,
				    unsigned long retcode_at)
{
	return ka->sa_flags & SA_RESTORER ? (unsigned long)ka->sa_restorer
					  : retcode_at;
}

/*
 * Writes frame f to the user stack at at (0: no room on the
 * alternate stack), then enters the handler.
 */
static int push_frame(struct pt_regs *regs, unsigned long at, const void *f,
		      size_t size, int sig, const struct k_sigaction *ka)
{
	if (!at || copy_to_user((void *)at, f, size))
		return -EFAULT;
	enter_handler(regs, at, sig, ka);
	return 0;
}

static int setup_frame(int sig, const struct k_sigaction *ka,
		       sigset64_t old, struct pt_regs *regs)
{
	/* popl %eax; movl $__NR_sigreturn, %eax; int $0x80 */
	static const uint8_t retcode[8] = { 0x58, 0xb8, __NR_sigreturn, 0,
					    0, 0, 0xcd, 0x80 };
	unsigned long at = signal_frame_address(regs, ka,
						sizeof(struct sigframe));
	struct sigframe f;

	memset(&f, 0, sizeof(f));
	f.sig = sig;
	setup_sigcontext(&f.sc, &f.fpstate,
			 at + offsetof(struct sigframe, fpstate), regs, old);
	f.extramask = old >> 32;
	memcpy(f.retcode, retcode, sizeof(retcode));
	f.pretcode = return_address(ka, at + offsetof(struct sigframe, retcode));
	return push_frame(regs, at, &f, sizeof(f), sig, ka);
}

static int setup_rt_frame(int sig, const struct k_sigaction *ka,
			  sigset64_t old, struct pt_regs *regs)
{
	/* movl $__NR_rt_sigreturn, %eax; int $0x80 */
	static const uint8_t retcode[8] = { 0xb8, __NR_rt_sigreturn, 0, 0,
					    0, 0xcd, 0x80, 0 };
	unsigned long at = signal_frame_address(regs, ka,
						sizeof(struct rt_sigframe));
	struct rt_sigframe f;

	memset(&f, 0, sizeof(f));
	f.sig = sig;
	f.pinfo = at + offsetof(struct rt_sigframe, info);
	f.puc = at + offsetof(struct rt_sigframe, uc);
	f.info[0] = sig;
	f.info[2] = SI_KERNEL;
	save_altstack(&f.uc.uc_stack, regs->esp);
	setup_sigcontext(&f.uc.uc_mcontext, &f.fpstate,
			 at + offsetof(struct rt_sigframe, fpstate), regs, old);
	f.uc.uc_sigmask = old;
	memcpy(f.retcode, retcode, sizeof(retcode));
	f.pretcode = return_address(ka,
				    at + offsetof(struct rt_sigframe, retcode));
	if (push_frame(regs, at, &f, sizeof(f), sig, ka))
		return -EFAULT;
	altstack_entered();
	return 0;
}

/*
 * Sends the process into handler ka for sig (2.4.0's handle_signal):
 * a frame on its stack holding old, the mask the handler's return
 * puts back (the blocked one, or the one sigsuspend replaced), then
 * old, sig (unless SA_NODEFER) and the handler's sa_mask blocked; SA_RESETHAND makes the
 * action the default again.  A stack the frame cannot be written to
 * is SIGSEGV, which then kills if it was SIGSEGV's own handler that
 * failed (2.4.0's rule).
 */
void handle_signal(int sig, struct k_sigaction *ka, struct pt_regs *regs,
		   sigset64_t old)
{
	int err = ka->sa_flags & SA_SIGINFO ?
		  setup_rt_frame(sig, ka, old, regs) :
		  setup_frame(sig, ka, old, regs);

	if (err) {
		if (sig == SIGSEGV)
			default_action(current, sig);
		force_sig(SIGSEGV, current);
		return;
	}
	/* a clean FPU, with no exception pending (2.4.0 clears used_math;
	 * the frame holds the old state, sigreturn loads it) */
	flush_fpu();
	set_blocked(old | ka->sa_mask |
		    (ka->sa_flags & SA_NODEFER ? 0 : SIGBIT(sig)));
	if (ka->sa_flags & SA_RESETHAND)
		default_action(current, sig);
}

/*
 * Back to the registers in sc (2.4.0's restore_sigcontext): the
 * segment registers as saved (ret_from_trap makes an unusable one 0),
 * cs and ss Pagoda's own, of eflags only the flags user mode may set,
 * the FPU from the frame's image.  -EFAULT if that cannot be read.
 */
static int restore_sigcontext(struct pt_regs *regs,
			      const struct sigcontext *sc)
{
	uint8_t image[FXSAVE_SIZE];

	if (sc->fpstate &&
	    copy_from_user(image, (void *)(sc->fpstate +
			   offsetof(struct fpstate, fxsave)), sizeof(image)))
		return -EFAULT;
	regs->gs = sc->gs;	regs->fs = sc->fs;
	regs->es = sc->es;	regs->ds = sc->ds;
	regs->edi = sc->edi;	regs->esi = sc->esi;
	regs->ebp = sc->ebp;	regs->esp = sc->esp;
	regs->ebx = sc->ebx;	regs->edx = sc->edx;
	regs->ecx = sc->ecx;	regs->eax = sc->eax;
	regs->eip = sc->eip;
	regs->error_code = -1;	/* sc->eax is no call's result to restart */
	regs->cs = USER_CS;
	regs->ss = USER_DS;
	regs->eflags = (regs->eflags & ~FIX_EFLAGS) |
		       (sc->eflags & FIX_EFLAGS);
	if (sc->fpstate)
		fpu_load_image(image);
	return 0;
}

/*
 * A frame that cannot be read or was damaged: the process cannot go
 * on, as in 2.4.0 (force_sig(SIGSEGV), the result unused).
 */
static long bad_frame(void)
{
	force_sig(SIGSEGV, current);
	return 0;
}

/*
 * sigreturn, i386 call 119: after the restorer's popl, the frame
 * lies 8 bytes below the stack pointer.  Returns the interrupted
 * eax, which do_syscall() puts back in eax.
 */
long sys_sigreturn(void)
{
	struct pt_regs *regs = task_pt_regs(current);
	struct sigframe f;

	if (copy_from_user(&f, (void *)(regs->esp - 8), sizeof(f)))
		return bad_frame();
	set_blocked((sigset64_t)f.extramask << 32 | f.sc.oldmask);
	if (restore_sigcontext(regs, &f.sc))
		return bad_frame();
	return regs->eax;
}

/* rt_sigreturn, i386 call 173: the frame is 4 bytes below. */
long sys_rt_sigreturn(void)
{
	struct pt_regs *regs = task_pt_regs(current);
	struct rt_sigframe f;

	if (copy_from_user(&f, (void *)(regs->esp - 4), sizeof(f)))
		return bad_frame();
	set_blocked(f.uc.uc_sigmask);
	if (restore_sigcontext(regs, &f.uc.uc_mcontext))
		return bad_frame();
	restore_altstack(&f.uc.uc_stack);
	return regs->eax;
}
