/*
 * faulttest: bad accesses end the process that makes them, with the
 * signal Linux sends, and never the kernel.
 *
 * Each case runs in a child of its own; the parent checks how the child
 * ended.  A bad pointer handed to a system call is not a fault: the
 * call fails with EFAULT and the child lives.  Exits with the number
 * of cases that did not behave.
 */
#include "user/lib/libc.h"

#define KERNEL_ADDR	0xC0100000UL	/* Pagoda's kernel text */
#define STACK_FRAME	4096

static volatile int sink;

static void null_read(void)	{ sink = *(volatile int *)0; }
static void null_write(void)	{ *(volatile int *)0 = 1; }
static void kernel_read(void)	{ sink = *(volatile int *)KERNEL_ADDR; }
static void kernel_write(void)	{ *(volatile int *)KERNEL_ADDR = 1; }
static void text_write(void)	{ *(volatile char *)(void *)main = 0; }
static void null_call(void)	{ ((void (*)(void))0)(); }
static void kernel_call(void)	{ ((void (*)(void))KERNEL_ADDR)(); }
static void privileged(void)	{ __asm__ __volatile__("hlt"); }
static void undefined(void)	{ __asm__ __volatile__("ud2"); }
static void breakpoint(void)	{ __asm__ __volatile__("int3"); }
static void bad_gate(void)	{ __asm__ __volatile__("int $0x81"); }

/* In assembly: the compiler need not divide to compute 1 / x. */
static void divide_by_zero(void)
{
	__asm__ __volatile__("xorl %%edx, %%edx\n\t"
			     "movl $1, %%eax\n\t"
			     "divl %0" : : "r"(0) : "eax", "edx");
}

/* Each frame touches a page: the stack grows until its limit. */
static int recurse(int depth)
{
	volatile char frame[STACK_FRAME];

	frame[0] = (char)depth;
	if (depth < 0)		/* never: keeps the compiler quiet */
		return 0;
	return recurse(depth + 1) + frame[0];
}

static void stack_overflow(void)	{ sink = recurse(0); }

static void *fresh_page(int prot)
{
	void *p = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED || mprotect(p, PAGE_SIZE, prot))
		exit(100);
	return p;
}

static void protnone_read(void)
{
	sink = *(volatile int *)fresh_page(PROT_NONE);
}

static void readonly_write(void)
{
	*(volatile int *)fresh_page(PROT_READ) = 1;
}

static void unmapped_read(void)
{
	volatile int *p = fresh_page(PROT_READ | PROT_WRITE);

	*p = 1;
	munmap((void *)p, PAGE_SIZE);
	sink = *p;
}

/* Bad pointers to system calls: EFAULT, and the process goes on. */
static void syscall_efault(void)
{
	struct timespec *bad = (struct timespec *)KERNEL_ADDR;
	bool ok =
		__syscall(__NR_write, 1, 0, 16, 0, 0, 0) == -EFAULT &&
		__syscall(__NR_write, 1, KERNEL_ADDR, 16, 0, 0, 0) == -EFAULT &&
		__syscall(__NR_nanosleep, (long)bad, 0, 0, 0, 0, 0) ==
			-EFAULT &&
		__syscall(__NR_getrusage, RUSAGE_SELF, 0, 0, 0, 0, 0) ==
			-EFAULT &&
		__syscall(9999, 0, 0, 0, 0, 0, 0) == -ENOSYS;

	exit(ok ? 0 : 1);
}

struct fault_case {
	const char *name;
	void (*run)(void);
	int signal;		/* 0: must exit with status 0 */
};

static const struct fault_case cases[] = {
	{ "NULL read",			null_read,	SIGSEGV },
	{ "NULL write",			null_write,	SIGSEGV },
	{ "kernel address read",	kernel_read,	SIGSEGV },
	{ "kernel address write",	kernel_write,	SIGSEGV },
	{ "write to program text",	text_write,	SIGSEGV },
	{ "call to NULL",		null_call,	SIGSEGV },
	{ "call into the kernel",	kernel_call,	SIGSEGV },
	{ "stack overflow",		stack_overflow,	SIGSEGV },
	{ "PROT_NONE read",		protnone_read,	SIGSEGV },
	{ "PROT_READ write",		readonly_write,	SIGSEGV },
	{ "read after munmap",		unmapped_read,	SIGSEGV },
	{ "privileged instruction",	privileged,	SIGSEGV },
	{ "int $0x81",			bad_gate,	SIGSEGV },
	{ "invalid opcode",		undefined,	SIGILL },
	{ "breakpoint",			breakpoint,	SIGTRAP },
	{ "divide by zero",		divide_by_zero,	SIGFPE },
	{ "bad pointers to syscalls",	syscall_efault,	0 },
};

/* Runs one case in a child; true if it ended as expected. */
static bool run_case(const struct fault_case *c)
{
	int status, pid = fork();

	if (pid == 0) {
		c->run();
		exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid) {
		printf("faulttest: %s: cannot run it: %s\n", c->name,
		       strerror(errno));
		return false;
	}
	if (c->signal ? WIFSIGNALED(status) && WTERMSIG(status) == c->signal
		      : WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		printf("faulttest: %s: %s, ok\n", c->name,
		       c->signal ? "killed by the expected signal"
				 : "survived");
		return true;
	}
	if (WIFSIGNALED(status))
		printf("faulttest: %s: FAILED: killed by signal %d\n",
		       c->name, WTERMSIG(status));
	else
		printf("faulttest: %s: FAILED: exited with status %d\n",
		       c->name, WEXITSTATUS(status));
	return false;
}

int main(int argc __unused, char **argv __unused)
{
	int n = ARRAY_SIZE(cases), good = 0;

	for (int i = 0; i < n; i++)
		good += run_case(&cases[i]);
	printf("faulttest: %d of %d cases behaved\n", good, n);
	return n - good;
}
