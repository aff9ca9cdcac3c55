/*
 * The clone behind threads (glibc's clone()): clone(flags, stack, ptid,
 * tls, ctid) whose child calls fn(arg) on the new stack and ends with
 * exit(fn's value), the calling thread's own: it must never return
 * into this frame, which is on the parent's stack.  The child's id, or
 * -errno.
 */
#include "user/lib/libc.h"

long clone_fn(unsigned long flags, void *stack, int (*fn)(void *),
	      void *arg, int *ptid, void *tls, int *ctid)
{
	unsigned long *sp = stack;
	long ret;

	*--sp = (unsigned long)arg;
	*--sp = (unsigned long)fn;
	__asm__ volatile("int $0x80\n\t"
			 "testl %%eax, %%eax\n\t"
			 "jnz 1f\n\t"
			 "popl %%eax\n\t"
			 "call *%%eax\n\t"
			 "movl %%eax, %%ebx\n\t"
			 "movl %[exit], %%eax\n\t"
			 "int $0x80\n\t"
			 "hlt\n"
			 "1:"
			 : "=a"(ret)
			 : "0"(__NR_clone), "b"(flags), "c"(sp), "d"(ptid),
			   "S"(tls), "D"(ctid), [exit] "i"(__NR_exit)
			 : "memory");
	return ret;
}
