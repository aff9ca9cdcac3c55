/*
 * exectest: execve and SIGCHLD with raw system calls.
 *
 *   - execve runs a program with the argv and envp it is given, in the
 *     same process (same pid and parent); caught signals go back to
 *     their default, ignored ones and the blocked mask stay;
 *     /proc/self/exe is the program itself;
 *   - every error returns to a caller that goes on as before: ENOENT,
 *     EFAULT for the path, argv, an argv string, envp, an envp string,
 *     E2BIG for a string too long and for too many strings;
 *   - SIGCHLD is ignored by default (a sleep goes on), runs a handler
 *     once one is set (rt_sigaction, with and without SA_SIGINFO), in
 *     which wait4 reaps the child; a blocked wait4 still returns the
 *     child it waited for; a blocked SIGCHLD waits for rt_sigprocmask
 *     (rt_sigpending shows it held back);
 *   - a caught signal ends a wait4 with EINTR, or restarts it with
 *     SA_RESTART; nanosleep, pause and rt_sigsuspend are EINTR either
 *     way, rt_sigsuspend with its own mask while it waits;
 *   - sigaltstack: a SIGSEGV handler with SA_ONSTACK runs on the
 *     alternate stack though the stack pointer is bad; fork keeps the
 *     stack, exec drops it; the errors;
 *   - rt_sigaction's, rt_sigprocmask's and rt_sigpending's errors;
 *   - statx says a program's path is a regular file.
 *
 * "exectest read restart|eintr" is a console read for a scenario
 * (read_through_sigint).
 *
 * The program runs itself through argv[0]: "exectest" under Pagoda,
 * a path on Linux, which agrees with every check (tests/scenarios/
 * native.py).  Prints a line per check, exits with the number failed.
 */
#include "user/lib/libc.h"

#define NEVER_MAPPED	((void *)0x1000)
#define KERNEL_ADDR	((void *)0xc0000000)
#define LONG_STRING	(200 * 1024)	/* past Linux's 128 KiB a string */
#define MANY_STRINGS	(1024 * 1024)	/* past Linux's 2-6 MiB in all */
#define SIGBIT(sig)	(1ULL << ((sig) - 1))

static int failures;
static char self[256];			/* argv[0] */
static char long_string[LONG_STRING];
static volatile int handled, reaped_pid, reaped_status, info_signo;
static const unsigned long canary = 0x5eed1e55;

void exectest_restore_rt(void);
__asm__(".text\n"
	"exectest_restore_rt:\n\t"
	"movl $173, %eax\n\t"		/* __NR_rt_sigreturn */
	"int $0x80");

static void check(bool ok, const char *what)
{
	printf("exectest: %s: %s\n", what, ok ? "ok" : "FAILED");
	failures += !ok;
}

static long execve(const char *path, char *const *argv, char *const *envp)
{
	return __syscall(__NR_execve, (long)path, (long)argv, (long)envp, 0,
			 0, 0);
}

static long wait4(int pid, int *status, int options)
{
	return __syscall(__NR_wait4, pid, (long)status, options, 0, 0, 0);
}

static long sigaction(int sig, const struct k_sigaction *act,
		      struct k_sigaction *old)
{
	return __syscall(__NR_rt_sigaction, sig, (long)act, (long)old,
			 sizeof(sigset64_t), 0, 0);
}

static long sigprocmask(int how, const sigset64_t *set, sigset64_t *old)
{
	return __syscall(__NR_rt_sigprocmask, how, (long)set, (long)old,
			 sizeof(sigset64_t), 0, 0);
}

static long sigpending(sigset64_t *set)
{
	return __syscall(__NR_rt_sigpending, (long)set, sizeof(sigset64_t),
			 0, 0, 0, 0);
}

/* nanosleep, raw: 0 or -errno (-EINTR when a handler ran). */
static long nap(long sec, long nsec)
{
	struct timespec t = { sec, nsec };

	return __syscall(__NR_nanosleep, (long)&t, 0, 0, 0, 0, 0);
}

#define ALT_SIZE	65536	/* the alternate signal stack, alt */
static char *alt;

static long sigaltstack(const stack_t *ss, stack_t *old)
{
	return __syscall(__NR_sigaltstack, (long)ss, (long)old, 0, 0, 0, 0);
}

static int exit_status(int pid)
{
	int status;

	if (wait4(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static long number(const char *s)
{
	long n = 0;

	while (*s >= '0' && *s <= '9')
		n = n * 10 + *s++ - '0';
	return n;
}

static void decimal(char *buf, long n)
{
	char digits[16];
	int len = 0;

	do
		digits[len++] = '0' + n % 10;
	while (n /= 10);
	while (len)
		*buf++ = digits[--len];
	*buf = '\0';
}

/*
 * The program as execve started it: "exectest child PID PPID ARG".
 * Exits 0 if its pid and parent are those, ARG is "two words", the
 * environment is exactly A=1, B=two, SIGCHLD's handler became the
 * default, SIGUSR1 stayed ignored, SIGUSR2 stayed blocked and the
 * alternate signal stack was dropped.
 */
static int exec_child(int argc, char **argv)
{
	char **envp = argv + argc + 1;
	struct k_sigaction chld, usr1;
	sigset64_t blocked;
	stack_t alt_now;

	if (argc != 5 || number(argv[2]) != getpid() ||
	    number(argv[3]) != getppid() || strcmp(argv[4], "two words"))
		return 1;
	if (!envp[0] || strcmp(envp[0], "A=1") || !envp[1] ||
	    strcmp(envp[1], "B=two") || envp[2])
		return 2;
	if (sigaction(SIGCHLD, NULL, &chld) || chld.sa_handler != SIG_DFL ||
	    sigaction(SIGUSR1, NULL, &usr1) || usr1.sa_handler != SIG_IGN)
		return 3;
	if (sigprocmask(SIG_BLOCK, NULL, &blocked) ||
	    !(blocked & SIGBIT(SIGUSR2)))
		return 4;
	if (sigaltstack(NULL, &alt_now) || alt_now.ss_flags != SS_DISABLE)
		return 5;
	return 0;
}

static void on_sigchld(int sig)
{
	int status = 0;
	long pid = wait4(-1, &status, WNOHANG);

	handled += sig == SIGCHLD;
	reaped_pid = pid;
	reaped_status = pid > 0 ? WEXITSTATUS(status) : -1;
}

static void on_sigchld_info(int sig, int *info, void *uc __unused)
{
	info_signo = info[0];
	on_sigchld(sig);
}

static void set_handler(int sig, void *handler, unsigned long flags)
{
	struct k_sigaction sa = { (void (*)(int))handler, flags, NULL, 0 };

	if (flags & SA_SIGINFO)
		sa.sa_restorer = exectest_restore_rt;
	sa.sa_flags |= flags & SA_SIGINFO ? SA_RESTORER : 0;
	sigaction(sig, &sa, NULL);
}

/*
 * A child that exits with code after 0.2 s, when its parent is asleep
 * or waiting by then.
 */
static int child_exiting(int code)
{
	int pid = fork();

	if (pid == 0) {
		nap(0, 200000000);
		exit(code);
	}
	return pid;
}

/*
 * The child sets a handler, an ignored signal and a mask, then execs
 * the program as "exectest child ..." (the parent keeps the defaults:
 * a handler of its own would reap the child first).
 */
static void exec_runs_the_program(void)
{
	sigset64_t usr2 = SIGBIT(SIGUSR2);
	int pid = fork();

	if (pid == 0) {
		char me[16], parent[16];
		char *argv[] = { self, "child", me, parent, "two words",
				 NULL };
		char *envp[] = { "A=1", "B=two", NULL };

		decimal(me, getpid());
		decimal(parent, getppid());
		set_handler(SIGCHLD, on_sigchld, 0);
		set_handler(SIGUSR1, SIG_IGN, 0);
		sigprocmask(SIG_BLOCK, &usr2, NULL);
		sigaltstack(&(stack_t){ alt, 0, ALT_SIZE }, NULL);
		execve(self, argv, envp);
		exit(100);
	}
	check(pid > 0 && exit_status(pid) == 0,
	      "execve: argv, envp, same pid and parent, handlers reset");
}

/* /proc/self/exe is the caller's program, whatever argv[0] says:
 * busybox runs its applets so (wc in a pipeline). */
static void exec_proc_self_exe(void)
{
	int pid = fork();

	if (pid == 0) {
		char *argv[] = { "no-such-program", "seven", NULL };

		execve("/proc/self/exe", argv, NULL);
		exit(100);
	}
	check(pid > 0 && exit_status(pid) == 7,
	      "execve of /proc/self/exe runs the program itself");
}

static void exec_errors(void)
{
	char *argv[] = { self, NULL }, *bad_arg[] = { self, KERNEL_ADDR, NULL };
	char *bad_env[] = { NEVER_MAPPED, NULL };
	char *too_long[] = { self, long_string, NULL };
	char **many = mmap(NULL, MANY_STRINGS * sizeof(char *),
			   PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned long on_stack = canary;

	check(execve("/no/such/exectest-program", argv, NULL) == -ENOENT &&
	      execve("", argv, NULL) == -ENOENT, "no such program: ENOENT");
	check(execve(NEVER_MAPPED, argv, NULL) == -EFAULT &&
	      execve(KERNEL_ADDR, argv, NULL) == -EFAULT,
	      "a bad path pointer: EFAULT");
	check(execve(self, NEVER_MAPPED, NULL) == -EFAULT &&
	      execve(self, bad_arg, NULL) == -EFAULT,
	      "a bad argv or argv string: EFAULT");
	check(execve(self, argv, NEVER_MAPPED) == -EFAULT &&
	      execve(self, argv, bad_env) == -EFAULT,
	      "a bad envp or envp string: EFAULT");
	memset(long_string, 'x', sizeof(long_string) - 1);
	check(execve(self, too_long, NULL) == -E2BIG,
	      "a 200 KiB argument: E2BIG");
	for (int i = 0; many != MAP_FAILED && i < MANY_STRINGS - 1; i++)
		many[i] = "";
	check(many != MAP_FAILED && execve(self, many, NULL) == -E2BIG,
	      "a million arguments: E2BIG");
	check(on_stack == canary && long_string[0] == 'x' &&
	      number("42") == 42, "after each failure the caller goes on");
}

static void sigchld_ignored_by_default(void)
{
	int pid = child_exiting(3);

	check(pid > 0 && nap(0, 500000000) == 0 && exit_status(pid) == 3,
	      "SIGCHLD by default: ignored, a sleep goes on");
}

static void sigchld_handler(int flags, const char *what)
{
	int pid;

	handled = reaped_pid = 0;
	set_handler(SIGCHLD, flags ? (void *)on_sigchld_info
				   : (void *)on_sigchld, flags);
	pid = child_exiting(7);
	check(pid > 0 && nap(5, 0) == -EINTR && handled == 1 &&
	      reaped_pid == pid && reaped_status == 7 &&
	      wait4(-1, NULL, 0) == -ECHILD &&
	      (!flags || info_signo == SIGCHLD), what);
	set_handler(SIGCHLD, SIG_DFL, 0);
}

static void wait4_beside_the_handler(void)
{
	int pid, status = 0;

	handled = reaped_pid = 0;
	set_handler(SIGCHLD, on_sigchld, 0);
	pid = child_exiting(9);
	check(pid > 0 && wait4(pid, &status, 0) == pid &&
	      WEXITSTATUS(status) == 9 && handled == 1 &&
	      reaped_pid == -ECHILD,
	      "a blocked wait4 reaps its child, the handler runs after");
	set_handler(SIGCHLD, SIG_DFL, 0);
}

/*
 * Naps until rt_sigpending shows a SIGCHLD held back, for at most
 * secs seconds: the child's exit is awaited, not guessed at with one
 * long nap, which a loaded host could outlast.
 */
static bool sigchld_pending_within(int secs)
{
	sigset64_t pending = 0;
	int naps;

	for (naps = 0; naps < secs * 100; naps++) {
		if (sigpending(&pending) || (pending & SIGBIT(SIGCHLD)))
			break;
		nap(0, 10000000);
	}
	return pending & SIGBIT(SIGCHLD);
}

static void blocked_sigchld(void)
{
	sigset64_t chld = SIGBIT(SIGCHLD);
	bool waited, unhandled;
	int pid;

	handled = reaped_pid = 0;
	set_handler(SIGCHLD, on_sigchld, 0);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	pid = child_exiting(11);
	waited = sigchld_pending_within(20);
	unhandled = handled == 0;
	sigprocmask(SIG_UNBLOCK, &chld, NULL);
	check(pid > 0 && waited && unhandled && handled == 1 &&
	      reaped_pid == pid && reaped_status == 11,
	      "a blocked SIGCHLD waits, then its handler runs");
	set_handler(SIGCHLD, SIG_DFL, 0);
}

/* statx: st_mode is at byte 28 of Linux's struct statx (256 bytes). */
static void statx_names_programs(void)
{
	static uint32_t st[64];
	long ok = __syscall(__NR_statx, -100, (long)self, 0, 0x7ff, (long)st,
			    0);

	check(ok == 0 && ((st[7] & 0xffff) & 0170000) == 0100000 &&
	      __syscall(__NR_statx, -100, (long)"/no/such/exectest-program",
			0, 0x7ff, (long)st, 0) == -ENOENT &&
	      __syscall(__NR_statx, -100, (long)self, 0, 0x7ff,
			(long)NEVER_MAPPED, 0) == -EFAULT,
	      "statx: the program a regular file, no program ENOENT");
}

/* The direction flag a handler sees (the code it broke into set it). */
static volatile int usr2_seen, df_in_handler;

static void on_usr2(int sig __unused)
{
	unsigned long flags;

	__asm__ __volatile__("pushfl; popl %0" : "=r"(flags));
	df_in_handler = (flags & 0x400) != 0;
	usr2_seen = 1;
}

/* A SIGFPE handler: 1 if the x87 still has an exception pending. */
static void on_sigfpe(int sig __unused)
{
	unsigned short sw;

	__asm__ __volatile__("fnstsw %0" : "=m"(sw));
	__syscall(__NR_exit_group, sw & 0x80 ? 1 : 2, 0, 0, 0, 0, 0);
}

/*
 * A handler starts as the ABI says a function does: the direction
 * flag clear (though the program was inside std ... cld, Linux's
 * CVE-2008-1367) and a clean FPU (no pending x87 exception, which
 * the handler's first x87 instruction would raise again).
 */
static void handlers_start_clean(void)
{
	int parent = getpid(), pid;

	set_handler(SIGUSR2, on_usr2, 0);
	pid = fork();
	if (pid == 0) {
		nap(0, 200000000);
		kill(parent, SIGUSR2);
		exit(0);
	}
	__asm__ __volatile__("std\n1: cmpl $0, %0\n je 1b\n cld"
			     : : "m"(usr2_seen) : "memory", "cc");
	check(pid > 0 && exit_status(pid) == 0 && !df_in_handler,
	      "a handler starts with the direction flag clear");
	pid = fork();
	if (pid == 0) {
		unsigned short cw = 0x037b;	/* divide by zero unmasked */

		set_handler(SIGFPE, on_sigfpe, 0);
		__asm__ __volatile__("fldcw %0\n fld1\n fldz\n fdivrp\n"
				     " fwait\n fstp %%st(0)" : : "m"(cw));
		exit(3);
	}
	check(pid > 0 && exit_status(pid) == 2,
	      "a SIGFPE handler starts with no x87 exception pending");
}

/* --- a caught signal during a call that sleeps ------------------- */

static volatile int usr1_count, usr1_in_call, in_call, call_status;
static struct timespec time_left;

static void on_usr1(int sig __unused)
{
	usr1_count++;
	usr1_in_call = in_call;
}

/* A child that sends us SIGUSR1 after ms, then exits 0.2 s later. */
static int child_signalling(long ms)
{
	int parent = getpid(), pid = fork();

	if (pid == 0) {
		nap(ms / 1000, ms % 1000 * 1000000);
		kill(parent, SIGUSR1);
		nap(0, 200000000);
		exit(5);
	}
	return pid;
}

/*
 * call(child) while the child's SIGUSR1 comes, SIGUSR1 caught with
 * flags; tried again with the signal later if it came before the
 * call slept (a loaded machine).  The call's result; the child is
 * reaped.
 */
static long interrupted(long (*call)(int child), unsigned long flags)
{
	long ret = 0;

	set_handler(SIGUSR1, on_usr1, flags);
	for (long ms = 100; ms <= 1600; ms *= 2) {
		int pid = child_signalling(ms);

		usr1_count = usr1_in_call = 0;
		in_call = 1;
		ret = call(pid);
		in_call = 0;
		wait4(pid, NULL, 0);
		if (usr1_in_call)
			break;
	}
	set_handler(SIGUSR1, SIG_DFL, 0);
	return ret;
}

static long wait_for(int child)
{
	int status = 0;
	long ret = wait4(child, &status, 0);

	call_status = WEXITSTATUS(status);
	return ret;
}

static long sleep_3s(int child __unused)
{
	struct timespec t = { 3, 0 };

	return __syscall(__NR_nanosleep, (long)&t, (long)&time_left, 0, 0,
			 0, 0);
}

static long pause_call(int child __unused)
{
	return __syscall(__NR_pause, 0, 0, 0, 0, 0, 0);
}

static long sigsuspend(const sigset64_t *mask)
{
	return __syscall(__NR_rt_sigsuspend, (long)mask, sizeof(*mask), 0, 0,
			 0, 0);
}

/*
 * rt_sigsuspend with SIGUSR1 blocked beforehand, so the signal cannot
 * come too early: it waits with the mask given (SIGUSR2 blocked, not
 * SIGUSR1), returns EINTR once the handler ran, and the mask is ours
 * again.  pause returns EINTR after a handler.
 */
static void suspends(void)
{
	sigset64_t usr1 = SIGBIT(SIGUSR1), usr2 = SIGBIT(SIGUSR2), now;
	long ret;
	int pid;

	set_handler(SIGUSR1, on_usr1, SA_RESTART);
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	usr1_count = 0;
	pid = child_signalling(100);
	ret = sigsuspend(&usr2);
	sigprocmask(SIG_BLOCK, NULL, &now);
	wait4(pid, NULL, 0);
	sigprocmask(SIG_UNBLOCK, &usr1, NULL);
	set_handler(SIGUSR1, SIG_DFL, 0);
	check(ret == -EINTR && usr1_count == 1 && now == usr1,
	      "rt_sigsuspend: EINTR after the handler, our mask back");
	check(__syscall(__NR_rt_sigsuspend, (long)&usr2, 4, 0, 0, 0, 0) ==
	      -EINVAL && sigsuspend(NEVER_MAPPED) == -EFAULT,
	      "rt_sigsuspend: bad size EINVAL, bad pointer EFAULT");
	ret = interrupted(pause_call, SA_RESTART);
	check(ret == -EINTR && usr1_count == 1,
	      "pause: EINTR after the handler, even with SA_RESTART");
}

/*
 * Linux's wait4 returns -ERESTARTSYS to a signal: a handler with
 * SA_RESTART makes the call start again, one without sees EINTR.
 * nanosleep is never restarted after a handler (-EINTR, or 2.6's
 * -ERESTART_RESTARTBLOCK, which a handler makes EINTR too).
 */
static void calls_a_signal_interrupts(void)
{
	long ret = interrupted(wait_for, 0);

	check(ret == -EINTR && usr1_count == 1,
	      "wait4 a caught signal interrupts: EINTR without SA_RESTART");
	ret = interrupted(wait_for, SA_RESTART);
	check(ret > 0 && call_status == 5 && usr1_count == 1,
	      "wait4 with SA_RESTART goes on after the handler and reaps");
	ret = interrupted(sleep_3s, SA_RESTART);
	check(ret == -EINTR && usr1_count == 1 && time_left.tv_sec < 3 &&
	      (time_left.tv_sec > 0 || time_left.tv_nsec > 0),
	      "nanosleep: EINTR and the time left, even with SA_RESTART");
}

/* --- the alternate signal stack ------------------------------------ */

/*
 * SIGSEGV's handler, with SA_ONSTACK: exits 0 if it runs on the
 * alternate stack, which sigaltstack says it is on (SS_ONSTACK) and
 * refuses to change meanwhile (EPERM), or with SS_AUTODISARM says is
 * gone; an rt frame's uc_stack (words 2 to 4 of the ucontext) says
 * the interrupted code was not on it.
 */
static bool rt_frame;			/* SA_SIGINFO: uc is there */
static unsigned alt_flags;		/* 0 or SS_AUTODISARM */

static int alt_stack_in_handler(void)
{
	stack_t now, other = { alt, 0, ALT_SIZE };

	if (sigaltstack(NULL, &now))
		return 2;
	if (alt_flags)
		return now.ss_flags == SS_DISABLE && now.ss_size == 0 ? 0 : 2;
	if (now.ss_flags != SS_ONSTACK || now.ss_sp != alt ||
	    now.ss_size != ALT_SIZE)
		return 2;
	return sigaltstack(&other, NULL) == -EPERM ? 0 : 3;
}

static void on_segv_onstack(int sig __unused, int *info __unused,
			    uint32_t *uc)
{
	char here;
	int code = alt_stack_in_handler();

	if (&here < alt || &here >= alt + ALT_SIZE)
		code = 1;
	else if (!code && rt_frame && (uc[2] != (uint32_t)alt ||
				       uc[3] != alt_flags ||
				       uc[4] != ALT_SIZE))
		code = 4;
	__syscall(__NR_exit_group, code, 0, 0, 0, 0, 0);
}

/* body() in a child: its exit status, or 100 + the signal that killed it. */
static int in_child(void (*body)(void))
{
	int pid = fork(), status;

	if (pid == 0) {
		body();
		exit(5);
	}
	if (pid < 0 || wait4(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status)
				 : 100 + WTERMSIG(status);
}

static unsigned long segv_flags;	/* stack_gone's handler's */

static void lose_the_stack(void)
{
	stack_t ss = { alt, alt_flags, ALT_SIZE };

	sigaltstack(&ss, NULL);
	rt_frame = segv_flags & SA_SIGINFO;
	set_handler(SIGSEGV, on_segv_onstack, segv_flags);
	__asm__ __volatile__("movl %0, %%esp\n\tpushl $0"
			     : : "i"(NEVER_MAPPED) : "memory");
}

/*
 * A child whose stack pointer goes to an unmapped page before it
 * pushes: SIGSEGV, caught with flags, the alternate stack set.  Its
 * status as in_child gives it.
 */
static int stack_gone(unsigned long flags, unsigned ss_flags)
{
	segv_flags = flags;
	alt_flags = ss_flags;
	return in_child(lose_the_stack);
}

static void on_segv_exit_7(int sig __unused)
{
	__syscall(__NR_exit_group, 7, 0, 0, 0, 0, 0);
}

/*
 * A child whose SS_AUTODISARM alternate stack is not mapped: SIGUSR1's
 * rt frame cannot be written there, so SIGSEGV, whose frame cannot be
 * either, as the failed frame left the stack armed (Linux disarms it
 * only once the frame is written): killed by SIGSEGV, not caught.
 */
static void frame_fails_on_disarming_stack(void)
{
	stack_t ss = { NEVER_MAPPED, SS_AUTODISARM, ALT_SIZE };

	sigaltstack(&ss, NULL);
	set_handler(SIGUSR1, on_usr1, SA_ONSTACK | SA_SIGINFO);
	set_handler(SIGSEGV, on_segv_exit_7, SA_ONSTACK);
	kill(getpid(), SIGUSR1);
}

static void on_usr2_exit_9(int sig __unused)
{
	__syscall(__NR_exit_group, 9, 0, 0, 0, 0, 0);
}

/*
 * SIGUSR1's handler, on the alternate stack (the upper half of alt),
 * sends itself SIGUSR2 with its stack pointer 256 bytes above that
 * stack's bottom: SIGUSR2's frame, nested, does not fit.
 */
static void on_usr1_near_bottom(int sig __unused)
{
	long ret;

	__asm__ __volatile__("movl %%esp, %%edi\n\t"
			     "movl %[sp], %%esp\n\t"
			     "int $0x80\n\t"
			     "movl %%edi, %%esp"
			     : "=a"(ret)
			     : "0"(__NR_kill), "b"(getpid()), "c"(SIGUSR2),
			       [sp] "r"(alt + ALT_SIZE / 2 + 256)
			     : "edi", "memory");
	__syscall(__NR_exit_group, 8, 0, 0, 0, 0, 0);
}

/*
 * A nested frame that would go below the alternate stack is SIGSEGV
 * (Linux 5.14's get_sigframe), not written below it, though the
 * memory there (alt's lower half) is mapped: the child dies of
 * SIGSEGV, where a frame written there ran SIGUSR2's handler (9).
 */
static void nested_frame_overflows(void)
{
	stack_t ss = { alt + ALT_SIZE / 2, 0, ALT_SIZE / 2 };

	sigaltstack(&ss, NULL);
	set_handler(SIGUSR1, on_usr1_near_bottom, SA_ONSTACK);
	set_handler(SIGUSR2, on_usr2_exit_9, SA_ONSTACK | SA_SIGINFO);
	kill(getpid(), SIGUSR1);
}

/* The alternate stack a forked child has: 0 if it is ours. */
static int child_altstack(void)
{
	int pid = fork();

	if (pid == 0) {
		stack_t now;

		exit(sigaltstack(NULL, &now) || now.ss_sp != alt ||
		     now.ss_size != ALT_SIZE || now.ss_flags != 0);
	}
	return pid > 0 ? exit_status(pid) : -1;
}

static void alternate_stack(void)
{
	stack_t ss = { alt, 0, ALT_SIZE }, old, off = { NULL, SS_DISABLE, 0 };
	stack_t bad_flags = { alt, 5, ALT_SIZE }, small = { alt, 0, 1024 };
	bool set, disabled;

	check(alt != MAP_FAILED && stack_gone(SA_ONSTACK, 0) == 0 &&
	      stack_gone(SA_ONSTACK | SA_SIGINFO, 0) == 0,
	      "sigaltstack: a SIGSEGV handler runs there with the stack gone");
	check(stack_gone(SA_ONSTACK | SA_SIGINFO, SS_AUTODISARM) == 0,
	      "SS_AUTODISARM: no alternate stack while the handler runs");
	check(stack_gone(0, 0) == 100 + SIGSEGV,
	      "without SA_ONSTACK that handler cannot run: killed by SIGSEGV");
	check(in_child(frame_fails_on_disarming_stack) == 100 + SIGSEGV,
	      "SS_AUTODISARM: a frame not written leaves the stack armed");
	check(in_child(nested_frame_overflows) == 100 + SIGSEGV,
	      "a nested frame past the alternate stack's bottom: SIGSEGV");
	set = sigaltstack(&ss, &old) == 0 && old.ss_flags == SS_DISABLE &&
	      sigaltstack(NULL, &old) == 0 && old.ss_sp == alt &&
	      old.ss_size == ALT_SIZE && old.ss_flags == 0;
	check(set && child_altstack() == 0,
	      "sigaltstack: set, asked, and a forked child's too");
	disabled = sigaltstack(&off, NULL) == 0 &&
		   sigaltstack(NULL, &old) == 0 &&
		   old.ss_flags == SS_DISABLE && old.ss_size == 0;
	check(disabled && sigaltstack(&bad_flags, NULL) == -EINVAL &&
	      sigaltstack(&small, NULL) == -ENOMEM &&
	      sigaltstack(NEVER_MAPPED, NULL) == -EFAULT &&
	      sigaltstack(NULL, NEVER_MAPPED) == -EFAULT,
	      "sigaltstack: SS_DISABLE; bad flags EINVAL, small ENOMEM, "
	      "EFAULT");
}

static volatile int sigints;

static void on_sigint(int sig __unused)
{
	static const char said[] = "exectest: SIGINT caught\n";

	sigints++;
	write(1, said, sizeof(said) - 1);
}

/*
 * "exectest read restart|eintr": one read of the console, SIGINT
 * caught with SA_RESTART or without.  tests/scenarios/processes.py
 * types Ctrl-C during the read (and then a byte): Linux's n_tty_read
 * returns -ERESTARTSYS, so the read goes on and returns the byte, or
 * is EINTR.
 */
static int read_through_sigint(const char *how)
{
	long n;
	char c;

	set_handler(SIGINT, on_sigint, strcmp(how, "restart") ? 0
							      : SA_RESTART);
	printf("exectest: reading\n");
	n = __syscall(__NR_read, 0, (long)&c, 1, 0, 0, 0);
	printf("exectest: read returned %ld (%c) after %d SIGINT\n", n,
	       n == 1 ? c : '-', sigints);
	return 0;
}

static void sigaction_errors(void)
{
	struct k_sigaction sa = { SIG_IGN, 0, NULL, 0 };
	sigset64_t set = 0;

	check(__syscall(__NR_rt_sigaction, SIGCHLD, (long)&sa, 0, 4, 0, 0)
	      == -EINVAL && sigaction(0, &sa, NULL) == -EINVAL &&
	      sigaction(65, &sa, NULL) == -EINVAL &&
	      sigaction(SIGKILL, &sa, NULL) == -EINVAL &&
	      sigaction(SIGSTOP, &sa, NULL) == -EINVAL,
	      "rt_sigaction: bad size, signal, SIGKILL, SIGSTOP: EINVAL");
	check(sigaction(SIGCHLD, NEVER_MAPPED, NULL) == -EFAULT &&
	      sigaction(SIGCHLD, NULL, NEVER_MAPPED) == -EFAULT,
	      "rt_sigaction: bad pointers: EFAULT");
	check(sigprocmask(3, &set, NULL) == -EINVAL &&
	      __syscall(__NR_rt_sigprocmask, SIG_BLOCK, (long)&set, 0, 4, 0,
			0) == -EINVAL &&
	      sigprocmask(SIG_BLOCK, NEVER_MAPPED, NULL) == -EFAULT,
	      "rt_sigprocmask: bad how or size EINVAL, bad pointer EFAULT");
	check(__syscall(__NR_rt_sigpending, (long)&set, 16, 0, 0, 0, 0) ==
	      -EINVAL && sigpending(NEVER_MAPPED) == -EFAULT &&
	      sigpending(&set) == 0 && set == 0,
	      "rt_sigpending: bad size EINVAL, bad pointer EFAULT");
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "child"))
		return exec_child(argc, argv);
	if (argc == 3 && !strcmp(argv[1], "read"))
		return read_through_sigint(argv[2]);
	if (argc == 2 && !strcmp(argv[1], "seven"))
		return 7;
	strlcpy(self, argv[0], sizeof(self));
	alt = mmap(NULL, ALT_SIZE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	exec_runs_the_program();
	exec_proc_self_exe();
	exec_errors();
	sigchld_ignored_by_default();
	sigchld_handler(0, "SIGCHLD's handler runs, its wait4 reaps");
	sigchld_handler(SA_SIGINFO, "the same with SA_SIGINFO");
	wait4_beside_the_handler();
	blocked_sigchld();
	handlers_start_clean();
	calls_a_signal_interrupts();
	suspends();
	alternate_stack();
	sigaction_errors();
	statx_names_programs();
	printf("exectest: %s\n", failures ? "FAILED" : "all checks passed");
	return failures;
}
