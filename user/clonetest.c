/*
 * clonetest: clone, wait4 and set_tid_address as glibc's fork(),
 * waitpid() and start-up use them, with raw system calls:
 *
 *   - clone(SIGCHLD) is a fork; CLONE_PARENT_SETTID writes the child's
 *     pid in the parent, CLONE_CHILD_SETTID in the child's own copy
 *     only (the parent's stays 0);
 *   - a new stack pointer is where the child starts;
 *   - CLONE_SIGHAND without CLONE_VM: EINVAL, on Linux too;
 *   - wait4 waits for the pid it is given, fills the rusage with the
 *     child's page faults; bad pointers EFAULT, bad options EINVAL,
 *     no children ECHILD;
 *   - set_tid_address returns the caller's pid.
 *
 * Linux agrees with every check (tests/scenarios/native.py runs it
 * there).  Prints a line per check and exits with the number failed.
 */
#include "user/lib/libc.h"

#define TOUCHED_PAGES	16
#define NEVER_MAPPED	0x1000

static int failures;
static int child_tid, parent_tid;
static char pages[TOUCHED_PAGES * PAGE_SIZE];

static void check(bool ok, const char *what)
{
	printf("clonetest: %s: %s\n", what, ok ? "ok" : "FAILED");
	failures += !ok;
}

static long clone(unsigned long flags, unsigned long newsp, int *ptid,
		  int *ctid)
{
	return __syscall(__NR_clone, flags, newsp, (long)ptid, 0, (long)ctid,
			 0);
}

static long wait4(int pid, int *status, int options, struct rusage *ru)
{
	return __syscall(__NR_wait4, pid, (long)status, options, (long)ru, 0,
			 0);
}

/* Waits for pid with wait4: its exit status, or -1. */
static int exit_status(int pid)
{
	int status;

	if (wait4(pid, &status, 0, NULL) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static void tid_pointers(void)
{
	long pid = clone(SIGCHLD | CLONE_CHILD_SETTID | CLONE_PARENT_SETTID,
			 0, &parent_tid, &child_tid);

	if (pid == 0)
		exit(child_tid == getpid() ? 0 : 1);
	check(pid > 0 && parent_tid == pid && child_tid == 0,
	      "CLONE_PARENT_SETTID: the pid in the parent, not the child's");
	check(pid > 0 && exit_status(pid) == 0,
	      "CLONE_CHILD_SETTID: the child's own pid in its copy");
}

/*
 * clone(SIGCHLD, sp): the child, on the stack at sp, exits with 42 if
 * its esp is sp (ecx still holds sp: it has the parent's registers).
 */
static long clone_on_stack(unsigned long sp)
{
	long ret;

	__asm__ volatile("int $0x80\n\t"
			 "testl %%eax, %%eax\n\t"
			 "jnz 1f\n\t"
			 "movl $42, %%ebx\n\t"
			 "cmpl %%esp, %%ecx\n\t"
			 "je 2f\n\t"
			 "movl $43, %%ebx\n"
			 "2:\tmovl %[exit], %%eax\n\t"
			 "int $0x80\n"
			 "1:"
			 : "=a"(ret)
			 : "a"(__NR_clone), "b"(SIGCHLD), "c"(sp),
			   "d"(0), "S"(0), "D"(0), [exit] "i"(__NR_exit)
			 : "memory");
	return ret;
}

static void new_stack(void)
{
	unsigned long top = (unsigned long)pages + sizeof(pages) - 64;
	long pid = clone_on_stack(top);

	check(pid > 0 && exit_status(pid) == 42,
	      "a new stack pointer is the child's");
}

static void refused(void)
{
	long pid = clone(SIGCHLD | CLONE_SIGHAND, 0, NULL, NULL);

	if (pid == 0)
		exit(0);
	check(pid == -EINVAL, "CLONE_SIGHAND without CLONE_VM: EINVAL");
}

/* A child that touches every page of its copy of pages[], then exits. */
static int toucher(int code)
{
	int pid = fork();

	if (pid == 0) {
		for (unsigned i = 0; i < sizeof(pages); i += PAGE_SIZE)
			pages[i] = code;
		exit(code);
	}
	return pid;
}

static void wait4_chooses(void)
{
	struct rusage ru;
	int first = toucher(5), second = toucher(6), status;
	struct timespec tick = { 0, 20000000 };

	nanosleep(&tick, NULL);		/* both are zombies by now */
	memset(&ru, 0, sizeof(ru));
	check(wait4(second, &status, 0, &ru) == second &&
	      WEXITSTATUS(status) == 6 && ru.ru_minflt >= TOUCHED_PAGES,
	      "wait4(pid) reaps that child and gives its page faults");
	check(wait4(first, &status, 0, NULL) == first &&
	      WEXITSTATUS(status) == 5, "then the other one, rusage NULL");
}

/*
 * wait4 for a new child into bad pointers.  Linux reaps the child all
 * the same; Pagoda, as 2.4, keeps the zombie: reap it if it is there.
 */
static long wait4_bad(int *status, struct rusage *ru)
{
	int pid = toucher(7);
	long ret = wait4(pid, status, 0, ru);

	wait4(pid, NULL, 0, NULL);
	return ret;
}

static void wait4_errors(void)
{
	int status;

	check(wait4_bad((int *)NEVER_MAPPED, NULL) == -EFAULT &&
	      wait4_bad(&status, (void *)NEVER_MAPPED) == -EFAULT,
	      "wait4 into bad status or rusage pointers: EFAULT");
	check(wait4(-1, &status, 0x100, NULL) == -EINVAL,
	      "wait4 with bad options: EINVAL");
	check(wait4(-1, &status, 0, NULL) == -ECHILD,
	      "wait4 without children: ECHILD");
}

int main(int argc __unused, char **argv __unused)
{
	tid_pointers();
	new_stack();
	refused();
	wait4_chooses();
	wait4_errors();
	check(__syscall(__NR_set_tid_address, (long)&child_tid, 0, 0, 0, 0,
			0) == getpid(), "set_tid_address returns the pid");
	printf("clonetest: %s\n", failures ? "FAILED" : "all checks passed");
	return failures;
}
