/*
 * threadtest: threads and futexes with raw system calls, as glibc's
 * pthreads use them:
 *
 *   - clone(CLONE_VM | CLONE_THREAD ...) on a stack of our own: the
 *     thread reads and writes our memory, finds its tid already in the
 *     CLONE_PARENT_SETTID word, has our pid (getpid) and its own tid
 *     (gettid), its own TLS base with CLONE_SETTLS;
 *   - CLONE_CHILD_CLEARTID: 0 at the thread's exit and a futex wake
 *     (how pthread_join waits);
 *   - futex: FUTEX_WAIT's EAGAIN and timeouts, FUTEX_WAIT_BITSET's
 *     absolute ones, FUTEX_WAKE waking as many as asked, bitsets,
 *     and the errors; a caught signal ends a wait with EINTR, or
 *     restarts it with SA_RESTART (a timed one: EINTR);
 *   - exit ends one thread, exit_group all, and a fault in a thread
 *     kills the process; the leader's exit is seen only when the last
 *     thread is gone, with the last one's status;
 *   - CLONE_VFORK: the parent sleeps until the child exits, and
 *     SIGKILL ends that sleep;
 *   - execve in the leader or in another thread ends the other
 *     threads, and the program runs as the process, with its pid;
 *   - a thread's child belongs to the process;
 *   - a live thread's CPU time counts in the process's, and so does
 *     an exited one's, which is not the leader's own.
 *
 * Linux agrees with every check (tests/scenarios/native.py runs it
 * there).  Prints a line per check and exits with the number failed.
 * "threadtest hog SIZE" instead fills SIZE beside a thread and a
 * CLONE_VM child, all three sleeping for ever: the OOM killer's test
 * (tests/kernel/oom_test.c) must kill all three to free the memory.
 * "threadtest threads N" makes and joins N threads, one at a time
 * (tests/kernel/sched_test.c: their tasks and stacks are freed).
 * "threadtest execwait" is for tests/kernel/exec_test.c (exec_waits).
 * "threadtest bgread" reads the console in a thread other than the
 * leader, which waits for it: run in the background, the process
 * stops at SIGTTIN (tests/scenarios/processes.py).
 */
#include "user/lib/libc.h"

#define STACK_SIZE	16384
#define NR_STACKS	6
#define NEVER_MAPPED	0x1000
#define MSEC		1000000LL	/* ns */
#define LONG_WAIT	10		/* s: a wake that never came */
#define FUTEX_WAIT_PRIVATE	(FUTEX_WAIT | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_PRIVATE	(FUTEX_WAKE | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAIT_BITSET_PRIVATE (FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_BITSET_PRIVATE (FUTEX_WAKE_BITSET | FUTEX_PRIVATE_FLAG)
#define THREAD_FLAGS	(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | \
			 CLONE_THREAD | CLONE_SYSVSEM | CLONE_PARENT_SETTID | \
			 CLONE_CHILD_CLEARTID)

static int failures;
static char stacks[NR_STACKS][STACK_SIZE] __attribute__((aligned(16)));

static void check(bool ok, const char *what)
{
	printf("threadtest: %s: %s\n", what, ok ? "ok" : "FAILED");
	failures += !ok;
}

static char *stack_top(int n)
{
	return stacks[n] + STACK_SIZE;
}

/* A thread of ours on stack n, its tid in *tid until it exits. */
static long thread(int n, int (*fn)(void *), void *arg, int *tid)
{
	return clone_fn(THREAD_FLAGS, stack_top(n), fn, arg, tid, NULL, tid);
}

static long futex(volatile int *uaddr, int op, int val,
		  const struct timespec *timeout, unsigned val3)
{
	return __syscall(__NR_futex, (long)uaddr, op, val, (long)timeout, 0,
			 val3);
}

static int gettid(void)
{
	return __syscall(__NR_gettid, 0, 0, 0, 0, 0, 0);
}

static long long now_ns(void)
{
	struct timespec t;

	__syscall(__NR_clock_gettime, CLOCK_MONOTONIC, (long)&t, 0, 0, 0, 0);
	return t.tv_sec * 1000 * MSEC + t.tv_nsec;
}

static void sleep_ms(long ms)
{
	struct timespec t = { ms / 1000, ms % 1000 * MSEC };

	nanosleep(&t, NULL);
}

/*
 * pthread_join's wait: sleeps on the tid word until the thread's exit
 * clears it.  1 if a FUTEX_WAIT ended by a wake saw it go, 0 if the
 * word was 0 before any wait, -1 if a wait ran out (no wake came).
 */
static int join(volatile int *tid)
{
	struct timespec limit = { LONG_WAIT, 0 };
	int woken = 0, v;

	while ((v = *tid) != 0) {
		long ret = futex(tid, FUTEX_WAIT, v, &limit, 0);

		if (ret == -ETIMEDOUT)
			return -1;
		woken |= ret == 0;
	}
	return woken;
}

/* --- memory, tids, TLS ------------------------------------------- */

static volatile int shared_word, thread_saw, tid_word;
static volatile int thread_pid, thread_tid, tid_at_start;

static int writer(void *arg)
{
	tid_at_start = tid_word;
	thread_saw = shared_word;
	shared_word = (int)arg;
	thread_pid = getpid();
	thread_tid = gettid();
	sleep_ms(300);		/* so that the parent waits on the futex */
	return 0;
}

static void shares_memory(void)
{
	long tid;
	int joined;

	shared_word = 1;
	tid = thread(0, writer, (void *)42, (int *)&tid_word);
	joined = join(&tid_word);
	check(tid > 0 && thread_saw == 1 && shared_word == 42,
	      "CLONE_VM: the thread reads and writes our memory");
	check(tid > 0 && tid_at_start == tid,
	      "CLONE_PARENT_SETTID: the tid is there when the thread starts");
	check(joined == 1 && tid_word == 0,
	      "CLONE_CHILD_CLEARTID: 0 at the thread's exit, a futex wake");
	check(thread_pid == getpid() && thread_tid == tid &&
	      gettid() == getpid() && tid != getpid(),
	      "CLONE_THREAD: getpid is the process's, gettid the thread's");
}

static int gs_read(void)
{
	int v;

	__asm__ volatile("movl %%gs:0, %0" : "=r"(v));
	return v;
}

static int tls_reader(void *arg __unused)
{
	thread_saw = gs_read();
	return 0;
}

/* The thread gets the entry our %gs names, based elsewhere. */
static void settls(void)
{
	static int main_block = 1111, thread_block = 2222;
	struct user_desc d = {
		.entry_number = -1, .base_addr = (unsigned)&main_block,
		.limit = 0xfffff, .seg_32bit = 1, .limit_in_pages = 1,
		.useable = 1,
	};
	unsigned sel;
	long tid = -1;

	thread_saw = 0;
	if (!__syscall(__NR_set_thread_area, (long)&d, 0, 0, 0, 0, 0)) {
		sel = d.entry_number * 8 + 3;
		__asm__ volatile("movl %0, %%gs" : : "r"(sel));
		d.base_addr = (unsigned)&thread_block;
		tid = clone_fn(THREAD_FLAGS | CLONE_SETTLS, stack_top(0),
			    tls_reader, NULL, (int *)&tid_word, &d,
			    (int *)&tid_word);
		join(&tid_word);
	}
	check(tid > 0 && thread_saw == 2222 && gs_read() == 1111,
	      "CLONE_SETTLS: the thread's %gs has a base of its own");
	__asm__ volatile("movl %0, %%gs" : : "r"(0));
}

/* --- futex alone --------------------------------------------------- */

static void futex_waits(void)
{
	struct timespec ms200 = { 0, 200 * MSEC };
	struct timespec abs;
	int word = 5;
	long long t0 = now_ns();

	check(futex(&word, FUTEX_WAIT_PRIVATE, 6, NULL, 0) == -EAGAIN,
	      "FUTEX_WAIT on a word that differs: EAGAIN");
	check(futex(&word, FUTEX_WAIT_PRIVATE, 5, &ms200, 0) == -ETIMEDOUT &&
	      now_ns() - t0 >= 200 * MSEC,
	      "FUTEX_WAIT times out after the time asked: ETIMEDOUT");
	t0 = now_ns();
	abs.tv_sec = (t0 + 200 * MSEC) / (1000 * MSEC);
	abs.tv_nsec = (t0 + 200 * MSEC) % (1000 * MSEC);
	check(futex(&word, FUTEX_WAIT_BITSET, 5, &abs,
		    FUTEX_BITSET_MATCH_ANY) == -ETIMEDOUT &&
	      now_ns() - t0 >= 200 * MSEC &&
	      futex(&word, FUTEX_WAIT_BITSET, 5, &abs,
		    FUTEX_BITSET_MATCH_ANY) == -ETIMEDOUT,
	      "FUTEX_WAIT_BITSET: until an absolute time, at once if past");
	check(futex(&word, FUTEX_WAKE_PRIVATE, 1, NULL, 0) == 0 &&
	      futex(&word, FUTEX_WAKE, 1, NULL, 0) == 0,
	      "FUTEX_WAKE with nobody waiting: 0");
}

static void futex_errors(void)
{
	struct timespec bad_ns = { 0, 1000000000 }, ms10 = { 0, 10 * MSEC };
	int word[2] = { 0, 0 };
	int *never = (int *)NEVER_MAPPED, *kernel = (int *)0xFFFFF000;

	check(futex(never, FUTEX_WAIT, 0, &ms10, 0) == -EFAULT &&
	      futex(kernel, FUTEX_WAIT, 0, &ms10, 0) == -EFAULT &&
	      futex(never, FUTEX_WAKE, 1, NULL, 0) == -EFAULT &&
	      futex(word, FUTEX_WAIT, 0, (void *)NEVER_MAPPED, 0) == -EFAULT,
	      "futex on bad addresses and timeouts: EFAULT");
	check(futex(never, FUTEX_WAKE_PRIVATE, 1, NULL, 0) == 0,
	      "private FUTEX_WAKE does not read the word: 0");
	check(futex((int *)((char *)word + 1), FUTEX_WAIT, 0, &ms10, 0) ==
	      -EINVAL && futex(word, FUTEX_WAIT, 0, &bad_ns, 0) == -EINVAL &&
	      futex(word, FUTEX_WAIT_BITSET, 0, &ms10, 0) == -EINVAL &&
	      futex(word, FUTEX_WAKE_BITSET, 1, NULL, 0) == -EINVAL,
	      "futex misaligned, bad nsec, bitset 0: EINVAL");
	check(futex(word, 99, 0, NULL, 0) == -ENOSYS &&
	      futex(word, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, NULL, 0) ==
	      -ENOSYS, "futex operations that are not: ENOSYS");
}

/* --- futex between threads ----------------------------------------- */

static volatile int gate, arrived, woken;

static int gate_waiter(void *arg)
{
	unsigned bits = (unsigned)arg;

	__atomic_add_fetch(&arrived, 1, __ATOMIC_SEQ_CST);
	if (futex(&gate, FUTEX_WAIT_BITSET_PRIVATE, 0, NULL, bits) == 0)
		__atomic_add_fetch(&woken, 1, __ATOMIC_SEQ_CST);
	return 0;
}

/* Three waiters, bitsets 1, 1 and 2: wake one, then the rest by bits. */
static void futex_wakes(void)
{
	static const unsigned bits[3] = { 1, 1, 2 };
	int tids[3] = { 0, 0, 0 };
	long one, none, last, rest;
	bool ok = true;

	for (int i = 0; i < 3; i++)
		ok = ok && thread(i, gate_waiter, (void *)bits[i],
				  &tids[i]) > 0;
	while (ok && arrived < 3)
		sched_yield();
	sleep_ms(300);			/* all three in FUTEX_WAIT now */
	one = futex(&gate, FUTEX_WAKE_PRIVATE, 1, NULL, 0);
	sleep_ms(100);
	check(ok && one == 1 && woken == 1,
	      "FUTEX_WAKE 1 of 3 waiters wakes one");
	none = futex(&gate, FUTEX_WAKE_BITSET_PRIVATE, 5, NULL, 4);
	last = futex(&gate, FUTEX_WAKE_BITSET_PRIVATE, 5, NULL, 2);
	rest = futex(&gate, FUTEX_WAKE_PRIVATE, 5, NULL, 0);
	for (int i = 0; i < 3; i++)
		join(&tids[i]);
	check(none == 0 && last == 1 && rest == 1 && woken == 3,
	      "FUTEX_WAKE_BITSET wakes only the waiters whose bits meet");
}

/* --- a caught signal during FUTEX_WAIT ----------------------------- */

static volatile int fw_word, fw_waiting, fw_caught;
static volatile long fw_ret;

static void count_usr1(int sig __unused)
{
	fw_caught++;
}

static int futex_waiter(void *timed)
{
	struct timespec limit = { LONG_WAIT, 0 };

	fw_waiting = 1;
	fw_ret = futex(&fw_word, FUTEX_WAIT_PRIVATE, 0,
		       timed ? &limit : NULL, 0);
	return 0;
}

/*
 * A thread in FUTEX_WAIT (timed or not) takes a SIGUSR1 caught with
 * flags.  What its call returned 0.1 s after the handler ran (1: it
 * still waits); it is then woken and joined.
 */
static long futex_wait_signalled(unsigned long flags, bool timed)
{
	struct k_sigaction sa = { count_usr1, flags, NULL, 0 };
	long ret;
	int tid;

	__syscall(__NR_rt_sigaction, SIGUSR1, (long)&sa, 0, 8, 0, 0);
	fw_word = fw_waiting = fw_caught = 0;
	fw_ret = 1;
	if (thread(0, futex_waiter, (void *)timed, &tid) <= 0)
		return 0;
	while (!fw_waiting)
		sched_yield();
	sleep_ms(100);			/* asleep in FUTEX_WAIT by now */
	__syscall(__NR_tgkill, getpid(), tid, SIGUSR1, 0, 0, 0);
	for (int i = 0; i < LONG_WAIT * 100 && !fw_caught; i++)
		sleep_ms(10);
	sleep_ms(100);
	ret = fw_ret;
	fw_word = 1;
	futex(&fw_word, FUTEX_WAKE_PRIVATE, 1, NULL, 0);
	join(&tid);
	sa.sa_handler = SIG_DFL;
	__syscall(__NR_rt_sigaction, SIGUSR1, (long)&sa, 0, 8, 0, 0);
	return fw_caught == 1 ? ret : 0;
}

/*
 * Linux's FUTEX_WAIT returns -ERESTARTSYS to a signal: restarted
 * after a handler with SA_RESTART, else EINTR; a timed wait returns
 * -ERESTART_RESTARTBLOCK, which a handler makes EINTR whatever its
 * flags.
 */
static void futex_signals(void)
{
	check(futex_wait_signalled(0, false) == -EINTR,
	      "FUTEX_WAIT a caught signal interrupts: EINTR");
	check(futex_wait_signalled(SA_RESTART, false) == 1 && fw_ret == 0,
	      "FUTEX_WAIT with SA_RESTART waits on after the handler");
	check(futex_wait_signalled(SA_RESTART, true) == -EINTR,
	      "a timed FUTEX_WAIT: EINTR even with SA_RESTART");
}

/* --- the alternate signal stack of a thread ------------------------- */

static volatile int thread_alt_flags;

static int alt_stack_asker(void *arg __unused)
{
	stack_t now;

	if (!__syscall(__NR_sigaltstack, 0, (long)&now, 0, 0, 0, 0))
		thread_alt_flags = now.ss_flags;
	return 0;
}

/* A thread starts without our alternate stack (its stack is its own). */
static void thread_altstack(void)
{
	stack_t ss = { stacks[5], 0, STACK_SIZE }, off = { 0, SS_DISABLE, 0 };
	int tid;

	thread_alt_flags = -1;
	__syscall(__NR_sigaltstack, (long)&ss, 0, 0, 0, 0, 0);
	if (thread(0, alt_stack_asker, NULL, &tid) > 0)
		join(&tid);
	__syscall(__NR_sigaltstack, (long)&off, 0, 0, 0, 0, 0);
	check(thread_alt_flags == SS_DISABLE,
	      "a new thread has no alternate signal stack");
}

/* --- exits and faults: each in a child process ----------------------- */

static int sleeper(void *arg __unused)
{
	sleep_ms(100000);
	return 0;
}

static int late_exit(void *arg __unused)
{
	sleep_ms(1000);
	return 4;		/* exit: this thread only */
}

static int group_exiter(void *arg __unused)
{
	sleep_ms(100);
	__syscall(__NR_exit_group, 9, 0, 0, 0, 0, 0);
	return 1;
}

static void usr1_exits(int sig __unused)
{
	__syscall(__NR_exit_group, 5, 0, 0, 0, 0, 0);
}

/* A process whose thread sleeps after the leader exited, with a
 * SIGUSR1 handler that ends it with status 5. */
static int caught_after_leader_exit(void)
{
	struct k_sigaction sa = { usr1_exits, 0, NULL, 0 };
	int pid = fork(), tid;

	if (pid)
		return pid;
	__syscall(__NR_rt_sigaction, SIGUSR1, (long)&sa, 0, 8, 0, 0);
	thread(0, sleeper, NULL, &tid);
	__syscall(__NR_exit, 0, 0, 0, 0, 0, 0);
	return 0;
}

static int faulter(void *arg __unused)
{
	sleep_ms(100);
	*(volatile int *)0 = 1;
	return 1;
}

/*
 * Forks a process whose leader starts fn in a thread, then exits with
 * `how`: >= 0 exit(how) of the leader alone, -1 exit_group(7), -2 a
 * long sleep.  Its pid.
 */
static int process_with_thread(int (*fn)(void *), int how)
{
	int pid = fork(), tid;

	if (pid)
		return pid;
	thread(0, fn, NULL, &tid);
	if (how >= 0)
		__syscall(__NR_exit, how, 0, 0, 0, 0, 0);
	if (how == -1)
		__syscall(__NR_exit_group, 7, 0, 0, 0, 0, 0);
	sleep_ms(100000);
	exit(99);
}

/* wait4(pid): its status, within LONG_WAIT seconds or -1 */
static int status_of(int pid)
{
	long long deadline = now_ns() + LONG_WAIT * 1000 * MSEC;
	int status;

	while (now_ns() < deadline) {
		long ret = __syscall(__NR_wait4, pid, (long)&status, WNOHANG,
				     0, 0, 0);

		if (ret == pid)
			return status;
		if (ret < 0)
			return -1;
		sleep_ms(20);
	}
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	return -1;
}

static void exits(void)
{
	int pid = process_with_thread(late_exit, 3), status;
	long early;

	sleep_ms(200);
	early = __syscall(__NR_wait4, pid, (long)&status, WNOHANG, 0, 0, 0);
	status = status_of(pid);
	check(early == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 4,
	      "exit ends one thread: the process ends with its last, and "
	      "its status");
	status = status_of(process_with_thread(sleeper, -1));
	check(WIFEXITED(status) && WEXITSTATUS(status) == 7,
	      "exit_group in the leader ends a sleeping thread too");
	status = status_of(process_with_thread(group_exiter, -2));
	check(WIFEXITED(status) && WEXITSTATUS(status) == 9,
	      "exit_group in a thread ends the sleeping leader too");
	status = status_of(process_with_thread(faulter, -2));
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	      "a fault in a thread kills the whole process: SIGSEGV");
	pid = process_with_thread(sleeper, 0);
	sleep_ms(200);
	kill(pid, SIGTERM);
	status = status_of(pid);
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
	      "kill reaches the threads of a process whose leader exited");
	pid = caught_after_leader_exit();
	sleep_ms(200);
	kill(pid, SIGUSR1);
	status = status_of(pid);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 5,
	      "a caught signal runs in a thread once the leader exited");
}

/* --- vfork, and a thread's children ---------------------------------- */

static volatile int vfork_flag;

static int vfork_child(void *arg __unused)
{
	sleep_ms(200);
	vfork_flag = 1;
	return 12;
}

static void vfork(void)
{
	long pid = clone_fn(CLONE_VM | CLONE_VFORK | SIGCHLD, stack_top(0),
			 vfork_child, NULL, NULL, NULL, NULL);
	int flag = vfork_flag, status = status_of(pid);

	check(pid > 0 && flag == 1 && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 12,
	      "CLONE_VFORK: the parent sleeps until the child exits");
}

static volatile int vfork_parent;

/* A vfork child that neither execs nor exits while its parent lives
 * (at most LONG_WAIT s). */
static int lingering_child(void *arg __unused)
{
	for (int i = 0; i < LONG_WAIT * 100 && getppid() == vfork_parent;
	     i++)
		sleep_ms(10);
	return 0;
}

/*
 * A process sleeping in CLONE_VFORK for such a child dies at once of
 * SIGKILL (Linux 3.4's killable wait; before, only once the child
 * let go, LONG_WAIT s here).
 */
static void vfork_parent_killed(void)
{
	long long start = now_ns();
	int pid = fork(), status;

	if (pid == 0) {
		vfork_parent = getpid();
		clone_fn(CLONE_VM | CLONE_VFORK | SIGCHLD, stack_top(1),
			 lingering_child, NULL, NULL, NULL, NULL);
		exit(3);
	}
	sleep_ms(200);
	kill(pid, SIGKILL);
	status = status_of(pid);
	check(pid > 0 && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL &&
	      now_ns() - start < LONG_WAIT / 2 * 1000 * MSEC,
	      "CLONE_VFORK: SIGKILL ends the sleeping parent at once");
}

/* --- execve with other threads ------------------------------------- */

static char self[256];			/* argv[0] */
#define EXEC_ALARM	60		/* s: ITIMER_REAL across the exec */

/*
 * Execs "threadtest execd PID PPID TID": the process's pid and parent
 * and the tid of a thread the exec must have ended.
 */
static int exec_checker(int tid)
{
	char pid[16], ppid[16], gone[16];
	char *argv[] = { self, "execd", pid, ppid, gone, NULL };

	snprintf(pid, sizeof(pid), "%d", getpid());
	snprintf(ppid, sizeof(ppid), "%d", getppid());
	snprintf(gone, sizeof(gone), "%d", tid);
	return __syscall(__NR_execve, (long)self, (long)argv, 0, 0, 0, 0);
}

/*
 * "execd PID PPID TID", after the exec: 0 if the program runs as the
 * process PID (its leader: pid and tid PID) with parent PPID, thread
 * TID is gone, and the process's ITIMER_REAL, armed before the exec,
 * is still armed (POSIX: timers survive execve).
 */
static int execd(char **argv)
{
	unsigned long pid, ppid, tid;
	struct itimerval timer;

	if (kstrtoul(argv[2], 10, &pid) || kstrtoul(argv[3], 10, &ppid) ||
	    kstrtoul(argv[4], 10, &tid))
		return 10;
	if ((unsigned long)getpid() != pid ||
	    (unsigned long)gettid() != pid)
		return 11;
	if ((unsigned long)getppid() != ppid)
		return 12;
	if (__syscall(__NR_tgkill, pid, tid, 0, 0, 0, 0) != -ESRCH)
		return 13;
	if (__syscall(__NR_getitimer, ITIMER_REAL, (long)&timer, 0, 0, 0, 0) ||
	    timer.it_interval.tv_sec != EXEC_ALARM ||
	    timer.it_value.tv_sec + 5 < EXEC_ALARM)
		return 14;
	return 0;
}

static int exec_in_thread(void *arg __unused)
{
	return exec_checker(gettid()) + 100;
}

/*
 * A process whose leader (leader_execs) or second thread execs while
 * the other sleeps: its exit status (the new program's), or -1.
 */
static int exec_beside_a_thread(bool leader_execs)
{
	int pid = fork(), tid;

	if (pid == 0) {
		struct itimerval timer = { { EXEC_ALARM, 0 }, { EXEC_ALARM, 0 } };

		__syscall(__NR_setitimer, ITIMER_REAL, (long)&timer, 0, 0, 0, 0);
		if (leader_execs) {
			thread(0, sleeper, NULL, &tid);
			sleep_ms(100);
			exit(exec_checker(tid) + 100);
		}
		thread(0, exec_in_thread, NULL, &tid);
		sleep_ms(100000);
		exit(99);
	}
	return pid > 0 ? status_of(pid) : -1;
}

/*
 * execve in a process with threads ends the others first, and the
 * program goes on as the process, with its pid (2.6's de_thread).
 */
static void exec_with_threads(void)
{
	int status = exec_beside_a_thread(true);

	check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "execve in the leader ends the other threads");
	status = exec_beside_a_thread(false);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "execve in a thread: the program runs as the process, its pid, "
	      "its timers");
}

static volatile int grandchild;

static int forker(void *arg __unused)
{
	int pid = fork();

	if (pid == 0)
		__syscall(__NR_exit_group, getppid() == (int)thread_pid ? 21
								      : 22,
			  0, 0, 0, 0, 0);
	grandchild = pid;
	return 0;
}

static void thread_forks(void)
{
	int tid, status;

	thread_pid = getpid();
	thread(0, forker, NULL, &tid);
	join(&tid);
	status = status_of(grandchild);
	check(grandchild > 0 && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 21,
	      "a thread's child is the process's: getppid, another thread "
	      "reaps it");
	check(clone_fn(CLONE_VM | CLONE_THREAD | SIGCHLD, stack_top(0),
		    sleeper, NULL, NULL, NULL, NULL) == -EINVAL,
	      "CLONE_THREAD without CLONE_SIGHAND: EINVAL");
}

/* "hog SIZE": SIZE filled beside a sleeping thread and CLONE_VM child. */
static int hog(const char *arg)
{
	uint64_t size;
	char *p;
	int tid;

	if (memparse(arg, &size) || !size || size > (256 << 20)) {
		printf("threadtest: bad SIZE '%s'\n", arg);
		return 2;
	}
	p = malloc(size);
	thread(0, sleeper, NULL, &tid);
	clone_fn(CLONE_VM | SIGCHLD, stack_top(1), sleeper, NULL, NULL, NULL,
	      NULL);
	for (uint64_t i = 0; p && i < size; i += PAGE_SIZE)
		p[i] = 1;
	sleep_ms(100000);
	return 0;
}

static int quick(void *arg __unused)
{
	return 0;
}

/* "threads N": N threads, one after another, each joined. */
static int many_threads(const char *arg)
{
	unsigned long n;
	int tid;

	if (kstrtoul(arg, 10, &n))
		return 2;
	while (n--) {
		if (thread(0, quick, NULL, &tid) <= 0 || join(&tid) < 0)
			return 1;
	}
	return 0;
}

/* A thread that calls brk for ever, SIGUSR1 blocked. */
static int brk_caller(void *arg __unused)
{
	sigset64_t usr1 = 1ULL << (SIGUSR1 - 1);

	__syscall(__NR_rt_sigprocmask, SIG_BLOCK, (long)&usr1, 0, 8, 0, 0);
	for (;;)
		__syscall(__NR_brk, 0, 0, 0, 0, 0, 0);
	return 0;
}

static void usr1_caught(int sig __unused)
{
}

/*
 * "execwait": a thread calling brk for ever, and, once SIGUSR1 has
 * come, an execve of sleep, which must first end that thread: for
 * tests/kernel/exec_test.c, which holds the mmap_sem brk takes so
 * that the thread cannot end, and kills the process while its
 * execve waits (de_thread's wait for the others, ended by SIGKILL).
 */
/* Brings in 8 KiB of stack below the caller's, where SIGUSR1's frame
 * will go: with mmap_sem held, a fault there could not be served. */
static __attribute__((noinline)) void stack_in(void)
{
	volatile char below[8192];

	for (unsigned i = 0; i < sizeof(below); i += 512)
		below[i] = 0;
}

static int exec_waits(void)
{
	struct k_sigaction sa = { usr1_caught, 0, NULL, 0 };
	char *argv[] = { "sleep", "1", NULL };
	int tid;

	__syscall(__NR_rt_sigaction, SIGUSR1, (long)&sa, 0, 8, 0, 0);
	/* what the handler and execve touch, in before the test holds
	 * mmap_sem: the handler's code, the stack, the strings */
	usr1_caught(0);
	stack_in();
	if (strlen(argv[0]) + strlen(argv[1]) != 6 ||
	    thread(0, brk_caller, NULL, &tid) <= 0)
		return 1;
	__syscall(__NR_pause, 0, 0, 0, 0, 0, 0);
	__syscall(__NR_execve, (long)"sleep", (long)argv, 0, 0, 0, 0);
	return 2;
}

/* --- CPU time ----------------------------------------------------- */

static volatile int burnt, cpu_release;

static long long clock_ns(int clock)
{
	struct timespec t;

	__syscall(__NR_clock_gettime, clock, (long)&t, 0, 0, 0, 0);
	return t.tv_sec * 1000 * MSEC + t.tv_nsec;
}

/* The process's CPU time by times() and by getrusage(RUSAGE_SELF). */
static long long times_ns(void)
{
	struct tms t;

	__syscall(__NR_times, (long)&t, 0, 0, 0, 0, 0);
	return (long long)(t.tms_utime + t.tms_stime) * 10 * MSEC;
}

static long long rusage_ns(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000 * MSEC +
	       (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000LL;
}

/* Spins until its own CPU clock says 300 ms, then waits for release. */
static int burner(void *arg __unused)
{
	while (clock_ns(CLOCK_THREAD_CPUTIME_ID) < 300 * MSEC)
		;
	burnt = 1;
	futex(&burnt, FUTEX_WAKE, 1, NULL, 0);
	while (!cpu_release)
		futex(&cpu_release, FUTEX_WAIT, 0, NULL, 0);
	return 0;
}

/*
 * The process's CPU time holds a live thread's: a thread burns 300 ms
 * while we sleep, and the process clock, times() and getrusage()
 * then say at least 200 ms more than before (ticks round).
 */
/* Spins until its own CPU clock says 300 ms, then exits. */
static int short_burner(void *arg __unused)
{
	while (clock_ns(CLOCK_THREAD_CPUTIME_ID) < 300 * MSEC)
		;
	return 0;
}

/*
 * A thread that burnt 300 ms and exited: its time stays the process's
 * (the process clock grew by 200 ms at least), not the leader's own
 * thread clock (grown by less than 200 ms: it slept).
 */
static void exited_thread_cpu_time(void)
{
	long long process = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
	long long own = clock_ns(CLOCK_THREAD_CPUTIME_ID);
	int tid;
	bool ok = thread(0, short_burner, NULL, &tid) > 0 && join(&tid) >= 0;

	process = clock_ns(CLOCK_PROCESS_CPUTIME_ID) - process;
	own = clock_ns(CLOCK_THREAD_CPUTIME_ID) - own;
	check(ok && process >= 200 * MSEC && own < 200 * MSEC,
	      "an exited thread's CPU time: the process's, not the leader's");
}

static void process_cpu_time(void)
{
	long long clock = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
	long long by_times = times_ns(), by_rusage = rusage_ns();
	struct timespec limit = { LONG_WAIT, 0 };
	int tid;
	bool ok = thread(0, burner, NULL, &tid) > 0;

	while (ok && !burnt)
		ok = futex(&burnt, FUTEX_WAIT, 0, &limit, 0) != -ETIMEDOUT;
	clock = clock_ns(CLOCK_PROCESS_CPUTIME_ID) - clock;
	by_times = times_ns() - by_times;
	by_rusage = rusage_ns() - by_rusage;
	cpu_release = 1;
	futex(&cpu_release, FUTEX_WAKE, 1, NULL, 0);
	check(ok && join(&tid) >= 0 && clock >= 200 * MSEC &&
	      by_times >= 200 * MSEC && by_rusage >= 200 * MSEC,
	      "a live thread's CPU time is the process's: clock, times, "
	      "getrusage");
}

/* The console's byte, the process's exit code. */
static int console_reader(void *arg __unused)
{
	char c = 0;

	__syscall(__NR_read, 0, (long)&c, 1, 0, 0, 0);
	__syscall(__NR_exit_group, (unsigned char)c, 0, 0, 0, 0, 0);
	return 0;
}

static int background_read(void)
{
	static volatile int tid;

	printf("threadtest: reading in a thread\n");
	if (thread(0, console_reader, NULL, (int *)&tid) < 0)
		return 1;
	while (tid)
		futex(&tid, FUTEX_WAIT, tid, NULL, 0);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "hog"))
		return hog(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "threads"))
		return many_threads(argv[2]);
	if (argc == 2 && !strcmp(argv[1], "execwait"))
		return exec_waits();
	if (argc == 2 && !strcmp(argv[1], "bgread"))
		return background_read();
	if (argc == 5 && !strcmp(argv[1], "execd"))
		return execd(argv);
	strlcpy(self, argv[0], sizeof(self));
	shares_memory();
	settls();
	futex_waits();
	futex_errors();
	futex_wakes();
	futex_signals();
	thread_altstack();
	exits();
	vfork();
	vfork_parent_killed();
	exec_with_threads();
	thread_forks();
	process_cpu_time();
	exited_thread_cpu_time();
	printf("threadtest: %s\n", failures ? "FAILED" : "all checks passed");
	return failures;
}
