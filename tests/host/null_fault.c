/*
 * A NULL pointer dereference in a ktest-host case fails that case
 * (tests/host/null_fault.h): a stubbed function that returns NULL
 * makes its caller read through it, and in the kernel that is an oops
 * naming the function; here it was a SIGSEGV that ended the whole run,
 * and every suite after it went missing.
 *
 * Only faults in the first 64 KiB, which nothing maps (Linux's default
 * mmap_min_addr), are caught: a NULL pointer, or one plus a field's
 * offset.  A fault anywhere else is a wild pointer, after which memory
 * is not to be trusted: it goes to ASan's handler, which reports it and
 * ends the run, as ASan and UBSan reports always do.  The build leaves
 * UBSan's null check out (-fno-sanitize=null, Makefile), which would
 * otherwise end the run at the read before it faulted.
 */
#include <signal.h>
#include <stdint.h>
#include <ucontext.h>
#include <sanitizer/common_interface_defs.h>
#include "tests/host/null_fault.h"
#include "lib/vsprintf.h"

#define NULL_PAGES_END	0x10000

static __noreturn void (*fail_case)(const char *msg);
static struct sigaction before;		/* ASan's handler */

static void *fault_pc(void *ucontext)
{
#if defined(__x86_64__)
	return (void *)((ucontext_t *)ucontext)->uc_mcontext.gregs[REG_RIP];
#elif defined(__aarch64__)
	return (void *)((ucontext_t *)ucontext)->uc_mcontext.pc;
#else
	(void)ucontext;
	return NULL;
#endif
}

/*
 * A fault at any other address goes back to ASan's handler: returning
 * retries the access, which faults again there.  So does a general
 * protection fault (si_code SI_KERNEL), whose si_addr is 0 whatever
 * the pointer was.
 */
static void on_segv(int sig __unused, siginfo_t *si, void *ucontext)
{
	char where[160] = "", msg[256];

	if (si->si_code != SEGV_MAPERR ||
	    (uintptr_t)si->si_addr >= NULL_PAGES_END) {
		sigaction(SIGSEGV, &before, NULL);
		return;
	}
	__sanitizer_symbolize_pc(fault_pc(ucontext), "%F %L", where,
				 sizeof(where));
	snprintf(msg, sizeof(msg), "NULL pointer dereference: SIGSEGV at "
		 "address %#lx %s", (unsigned long)si->si_addr, where);
	fail_case(msg);
}

void null_fault_catch(__noreturn void (*fail)(const char *msg))
{
	struct sigaction sa = {
		.sa_sigaction = on_segv,
		/* on ASan's alternate stack, so a stack overflow is still
		 * passed on; not SA_NODEFER: the jump out restores the
		 * signal mask (siglongjmp) */
		.sa_flags = SA_SIGINFO | SA_ONSTACK,
	};

	fail_case = fail;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, &before);
}

void null_fault_release(void)
{
	sigaction(SIGSEGV, &before, NULL);
}
