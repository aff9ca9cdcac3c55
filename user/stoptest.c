/*
 * stoptest: the stopped state of job control, with raw system calls,
 * in a session of its own (a child's setsid), so that nothing outside
 * it is touched when it runs on the host's Linux:
 *
 *   - SIGSTOP stops a child: wait4 without WUNTRACED does not say so,
 *     with it reports 0x7f | SIGSTOP << 8, once; the parent's SIGCHLD
 *     handler runs for the stop and for the continue, unless
 *     SA_NOCLDSTOP;
 *   - a stopped child runs no handler until SIGCONT; SIGCONT goes on
 *     with it, and wait4 WCONTINUED reports 0xffff, once;
 *   - every thread of a stopped process is stopped;
 *   - a nanosleep stopped and continued sleeps on, a select or
 *     pselect6 waits on;
 *   - SIGKILL ends a stopped child;
 *   - SIGCONT takes back a pending stop signal, a stop signal takes
 *     back a pending SIGCONT;
 *   - SIGTSTP and SIGTTIN are lost in an orphaned process group (its
 *     parent's process ended: no shell would continue it); SIGSTOP
 *     still stops it; a group orphaned whose stopped process was
 *     killed gets no SIGHUP.
 *
 * "stoptest console" is for a scenario at the console: a background
 * reader stops at SIGTTIN, a background tcsetpgrp or tcsetattr at
 * SIGTTOU, a reader in an orphaned group gets EIO, and Ctrl-Z (the
 * scenario types it) stops the foreground child with SIGTSTP.
 *
 * Linux agrees with every check (tests/scenarios/native.py runs it
 * there).  Prints a line per check and exits with the number failed.
 */
#include "user/lib/libc.h"

#define GUARD_MS	20000	/* a stop where none should be: give up */

static int failures;
static volatile int chlds, usr1s;

static void check(bool ok, const char *what)
{
	printf("stoptest: %s: %s\n", what, ok ? "ok" : "FAILED");
	failures += !ok;
}

static long call3(long nr, long a, long b, long c)
{
	return __syscall(nr, a, b, c, 0, 0, 0);
}

static long wait4(int pid, int *status, int options)
{
	return __syscall(__NR_wait4, pid, (long)status, options, 0, 0, 0);
}

static void set_handler(int sig, void (*handler)(int), unsigned long flags)
{
	struct k_sigaction sa = { handler, flags | SA_RESTART, NULL, 0 };

	__syscall(__NR_rt_sigaction, sig, (long)&sa, 0, sizeof(sigset64_t),
		  0, 0);
}

static void block(int how, uint64_t set)
{
	__syscall(__NR_rt_sigprocmask, how, (long)&set, 0, sizeof(set), 0, 0);
}

static void on_chld(int sig __unused)
{
	chlds++;
}

static void on_usr1(int sig __unused)
{
	usr1s++;
}

static __noreturn void sleep_for_ever(void)
{
	for (;;)
		call3(__NR_pause, 0, 0, 0);
}

static void nap_ms(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };

	nanosleep(&ts, NULL);
}

/* A byte from fd, or -1 if none came within GUARD_MS (a stop).  A
 * SIGCHLD handler may end the poll early: EINTR, not restarted. */
static int read_guarded(int fd)
{
	struct pollfd pfd = { fd, POLLIN, 0 };
	unsigned char c;
	long ret;

	while ((ret = call3(__NR_poll, (long)&pfd, 1, GUARD_MS)) == -EINTR)
		;
	if (ret != 1 || read(fd, &c, 1) != 1)
		return -1;
	return c;
}

static bool make_pipe(int fds[2])
{
	if (!call3(__NR_pipe, (long)fds, 0, 0))
		return true;
	check(false, "pipe");
	return false;
}

static void close_pipe(int fds[2])
{
	call3(__NR_close, fds[0], 0, 0);
	call3(__NR_close, fds[1], 0, 0);
}

static bool stopped_by(int status, int sig)
{
	return WIFSTOPPED(status) && WSTOPSIG(status) == sig &&
	       status == (0x7f | sig << 8);
}

/* Did wait4(pid) reap a child killed by sig? */
static bool reaped_killed_by(int pid, int sig)
{
	int status = 0;

	return wait4(pid, &status, 0) == pid && WIFSIGNALED(status) &&
	       WTERMSIG(status) == sig;
}

/* Reads what fd holds now, without waiting: whether anything was. */
static bool drain(int fd)
{
	char buf[256];
	bool any = false;

	call3(__NR_fcntl, fd, F_SETFL, O_NONBLOCK);
	while (read(fd, buf, sizeof(buf)) > 0)
		any = true;
	call3(__NR_fcntl, fd, F_SETFL, 0);
	return any;
}

/* A child in a group of its own (both sides set it, as shells do). */
static int fork_in_own_group(void)
{
	int pid = fork();

	if (!pid)
		call3(__NR_setpgid, 0, 0, 0);
	else if (pid > 0)
		call3(__NR_setpgid, pid, pid, 0);
	return pid;
}

/* A child that writes 'r' to fd once it catches SIGUSR1, then 'u'
 * for each SIGUSR1 it takes. */
static int usr1_writer(int fd)
{
	int pid = fork();

	if (!pid) {
		uint64_t none = 0;

		/* blocked but in sigsuspend: none is missed between the
		 * count's test and the sleep */
		block(SIG_BLOCK, 1ULL << (SIGUSR1 - 1));
		set_handler(SIGUSR1, on_usr1, 0);
		write(fd, "r", 1);
		for (int told = 0;; ) {
			for (; told < usr1s; told++)
				write(fd, "u", 1);
			call3(__NR_rt_sigsuspend, (long)&none, sizeof(none),
			      0);
		}
	}
	return pid;
}

/* Stop, wait4 with and without WUNTRACED, SIGCHLD; a handler waits. */
static void stop_and_continue(void)
{
	int fds[2], pid, status = 0, seen;

	if (!make_pipe(fds))
		return;
	set_handler(SIGCHLD, on_chld, 0);
	pid = usr1_writer(fds[1]);
	seen = chlds;
	check(pid > 0 && read_guarded(fds[0]) == 'r' &&
	      kill(pid, SIGSTOP) == 0 &&
	      wait4(pid, &status, WUNTRACED) == pid &&
	      stopped_by(status, SIGSTOP),
	      "SIGSTOP: wait4 WUNTRACED reports 0x7f | SIGSTOP << 8");
	check(chlds == seen + 1,
	      "the stop sends the parent SIGCHLD");
	check(wait4(pid, &status, WNOHANG) == 0 &&
	      wait4(pid, &status, WNOHANG | WUNTRACED) == 0,
	      "the stop is told once, and never without WUNTRACED");
	kill(pid, SIGUSR1);
	nap_ms(200);			/* a running child would write now */
	check(!drain(fds[0]), "a stopped child runs no handler");
	seen = chlds;
	check(kill(pid, SIGCONT) == 0 && read_guarded(fds[0]) == 'u',
	      "SIGCONT: the child goes on, and its handler runs");
	check(wait4(pid, &status, WNOHANG | WUNTRACED) == 0 &&
	      wait4(pid, &status, WCONTINUED) == pid && status == 0xffff &&
	      WIFCONTINUED(status) &&
	      wait4(pid, &status, WNOHANG | WCONTINUED) == 0,
	      "wait4 WCONTINUED reports 0xffff, once");
	check(chlds == seen + 1, "the continue sends the parent SIGCHLD");
	set_handler(SIGCHLD, on_chld, SA_NOCLDSTOP);
	seen = chlds;
	check(kill(pid, SIGSTOP) == 0 &&
	      wait4(pid, &status, WUNTRACED) == pid &&
	      stopped_by(status, SIGSTOP) && kill(pid, SIGCONT) == 0 &&
	      wait4(pid, &status, WCONTINUED) == pid && chlds == seen,
	      "SA_NOCLDSTOP: no SIGCHLD for a stop or a continue");
	check(kill(pid, SIGSTOP) == 0 &&
	      wait4(pid, &status, WUNTRACED) == pid &&
	      kill(pid, SIGKILL) == 0 && reaped_killed_by(pid, SIGKILL),
	      "SIGKILL ends a stopped child");
	set_handler(SIGCHLD, SIG_DFL, 0);
	close_pipe(fds);
}

static int writer_fd;

/* A second thread: a byte down the pipe every few milliseconds. */
static int pipe_writer(void *arg __unused)
{
	for (;;) {
		write(writer_fd, "t", 1);
		nap_ms(5);
	}
	return 0;
}

/*
 * A child in a group of its own (not orphaned: we are its parent, in
 * its session) whose second thread writes to a pipe: SIGTSTP stops
 * both threads, and the pipe stays empty until SIGCONT.
 */
static void threads_stop(void)
{
	static char stack[16384] __attribute__((aligned(16)));
	int fds[2], pid, status = 0;

	if (!make_pipe(fds))
		return;
	pid = fork_in_own_group();
	if (!pid) {
		writer_fd = fds[1];
		clone_fn(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
			 CLONE_THREAD, stack + sizeof(stack), pipe_writer,
			 NULL, NULL, NULL, NULL);
		sleep_for_ever();
	}
	check(pid > 0 && read_guarded(fds[0]) == 't' &&
	      kill(pid, SIGTSTP) == 0 &&
	      wait4(pid, &status, WUNTRACED) == pid &&
	      stopped_by(status, SIGTSTP),
	      "SIGTSTP stops a process of two threads");
	drain(fds[0]);
	nap_ms(200);			/* a running thread would write */
	check(!drain(fds[0]), "its second thread is stopped too");
	check(kill(pid, SIGCONT) == 0 && read_guarded(fds[0]) == 't',
	      "SIGCONT: the second thread goes on");
	kill(pid, SIGKILL);
	reaped_killed_by(pid, SIGKILL);
	close_pipe(fds);
}

/*
 * A nanosleep that a stop interrupts sleeps on once continued, and
 * returns 0 (Linux 2.6 restarts it; 2.4.0 said EINTR, no handler run).
 */
static void sleep_survives_stop(void)
{
	int pid = fork_in_own_group(), status = 0;

	if (!pid) {
		struct timespec ts = { 1, 0 };

		exit(nanosleep(&ts, NULL) == 0 ? 0 : 1);
	}
	nap_ms(200);			/* asleep by now, most likely */
	check(pid > 0 && kill(pid, SIGTSTP) == 0 &&
	      wait4(pid, &status, WUNTRACED) == pid &&
	      stopped_by(status, SIGTSTP) && kill(pid, SIGCONT) == 0 &&
	      wait4(pid, &status, 0) == pid && status == 0,
	      "a nanosleep stopped and continued sleeps on: 0, not EINTR");
}

/*
 * A select (or pselect6: sixth 1) on an empty pipe, stopped and
 * continued, waits on: the byte written after the SIGCONT is what
 * ends it (2.4.0's sys_select returns -ERESTARTNOHAND, and the call
 * starts again when no handler ran; Linux still does).  The child
 * exits 0 if it saw one descriptor ready, 1 on EINTR.
 */
static void select_survives_stop(int sixth, const char *what)
{
	int fds[2], pid, status = 0;

	if (!make_pipe(fds))
		return;
	pid = fork_in_own_group();
	if (!pid) {
		unsigned long in[32] = { 1UL << fds[0] };
		long nr = sixth ? __NR_pselect6 : __NR__newselect;

		exit(__syscall(nr, fds[0] + 1, (long)in, 0, 0, 0, 0) != 1);
	}
	nap_ms(200);			/* asleep by now, most likely */
	check(pid > 0 && kill(pid, SIGSTOP) == 0 &&
	      wait4(pid, &status, WUNTRACED) == pid &&
	      stopped_by(status, SIGSTOP) && kill(pid, SIGCONT) == 0 &&
	      write(fds[1], "x", 1) == 1 &&
	      wait4(pid, &status, 0) == pid && status == 0, what);
	close_pipe(fds);
}

/*
 * SIGCONT and the stop signals take each other back while pending
 * (2.4.0's handle_stop_signal): the child, blocking both, sees which
 * of the two is left.
 */
static void pending_cancel(void)
{
	static const int order[2][2] = { { SIGCONT, SIGTSTP },
					 { SIGTSTP, SIGCONT } };
	int ready[2], sent[2], ok = 0;

	if (!make_pipe(ready) || !make_pipe(sent))
		return;
	for (int i = 0; i < 2; i++) {
		int pid = fork(), status = 0;

		if (!pid) {
			uint64_t pending = 0;
			char c;

			block(SIG_BLOCK, 1ULL << (SIGCONT - 1) |
					 1ULL << (SIGTSTP - 1));
			write(ready[1], "r", 1);
			read(sent[0], &c, 1);
			__syscall(__NR_rt_sigpending, (long)&pending,
				  sizeof(pending), 0, 0, 0, 0);
			exit(pending == 1ULL << (order[i][1] - 1) ? 0 : 1);
		}
		if (pid < 0 || read_guarded(ready[0]) != 'r')
			break;
		kill(pid, order[i][0]);
		kill(pid, order[i][1]);
		write(sent[1], "s", 1);
		if (wait4(pid, &status, 0) == pid && WIFEXITED(status) &&
		    !WEXITSTATUS(status))
			ok++;
	}
	check(ok == 2, "SIGCONT takes back a pending SIGTSTP, SIGTSTP a "
		       "pending SIGCONT");
	close_pipe(ready);
	close_pipe(sent);
}

/*
 * The orphaned group: a child in a group of its own forks a grandchild
 * there and exits, so the grandchild's parent is outside the session.
 * The grandchild sends its group SIGTSTP and SIGTTIN, which are lost,
 * says so, and then SIGSTOP, which stops it: the pipe stays empty.
 */
static void orphaned_group(void)
{
	int fds[2], child, status = 0, pgrp;

	if (!make_pipe(fds))
		return;
	child = fork();
	if (!child) {
		int parent = getpid(), grandchild;

		call3(__NR_setpgid, 0, 0, 0);
		grandchild = fork();
		if (grandchild)
			exit(grandchild < 0);
		while (getppid() == parent)
			nap_ms(10);	/* until the child is gone */
		kill(0, SIGTSTP);
		kill(0, SIGTTIN);
		write(fds[1], "o", 1);
		kill(0, SIGSTOP);
		write(fds[1], "s", 1);
		exit(0);
	}
	pgrp = child;
	check(child > 0 && wait4(child, &status, 0) == child && status == 0 &&
	      read_guarded(fds[0]) == 'o',
	      "an orphaned group: SIGTSTP and SIGTTIN are lost");
	nap_ms(200);			/* a running grandchild would write */
	check(!drain(fds[0]), "an orphaned group: SIGSTOP stops it");
	kill(-pgrp, SIGKILL);
	close_pipe(fds);
}

/*
 * A stop that SIGKILL ended is no stopped job: a child in a group of
 * its own forks a process that stops and is killed (a zombie the
 * child leaves unreaped) and a second that outlives the child.  The
 * child's end orphans the group, which has no stopped process, so the
 * second gets no SIGHUP (2.4.0's has_stopped_jobs asks for
 * TASK_STOPPED) and writes 'a'.
 */
static void killed_stop_is_no_stopped_job(void)
{
	int fds[2], child, status = 0;

	if (!make_pipe(fds))
		return;
	child = fork_in_own_group();
	if (!child) {
		int parent = getpid(), stopper, waiter = fork();

		if (!waiter) {
			while (getppid() == parent)
				nap_ms(10);	/* until the child is gone */
			nap_ms(100);		/* a SIGHUP would end it */
			write(fds[1], "a", 1);
			exit(0);
		}
		stopper = fork();
		if (!stopper) {
			kill(getpid(), SIGSTOP);
			exit(0);
		}
		wait4(stopper, &status, WUNTRACED);
		kill(stopper, SIGKILL);
		nap_ms(100);			/* a zombie by now */
		exit(!stopped_by(status, SIGSTOP));
	}
	check(child > 0 && wait4(child, &status, 0) == child && status == 0 &&
	      read_guarded(fds[0]) == 'a',
	      "a killed stop is no stopped job: no SIGHUP for its group");
	close_pipe(fds);
}

/* A background group's changes to the console (children's bodies). */
static int set_pgrp(void)
{
	int me = getpid();

	return call3(__NR_ioctl, 0, TIOCSPGRP, (long)&me);
}

static int set_termios(void)
{
	struct termios t;

	return call3(__NR_ioctl, 0, TCGETS, (long)&t) ||
	       call3(__NR_ioctl, 0, TCSETS, (long)&t);
}

/* A child in a group of its own that calls change() stops at
 * SIGTTOU (2.4.0's tty_check_change); then it is killed. */
static void stops_at_sigttou(int (*change)(void), const char *what)
{
	int status = 0, pid = fork_in_own_group();

	if (!pid) {
		set_handler(SIGTTOU, SIG_DFL, 0);
		exit(change() ? 1 : 0);
	}
	check(pid > 0 && wait4(pid, &status, WUNTRACED) == pid &&
	      stopped_by(status, SIGTTOU) && kill(pid, SIGKILL) == 0 &&
	      reaped_killed_by(pid, SIGKILL), what);
}

static void console_background(void)
{
	int pid, status = 0, fds[2];
	char c;

	pid = fork_in_own_group();
	if (!pid)
		exit(read(0, &c, 1) == 1 ? 0 : 1);
	check(pid > 0 && wait4(pid, &status, WUNTRACED) == pid &&
	      stopped_by(status, SIGTTIN),
	      "a background reader stops at SIGTTIN");
	check(kill(pid, SIGKILL) == 0 && reaped_killed_by(pid, SIGKILL),
	      "SIGKILL ends it");
	stops_at_sigttou(set_pgrp, "a background tcsetpgrp stops at SIGTTOU");
	stops_at_sigttou(set_termios,
			 "a background tcsetattr stops at SIGTTOU");
	if (!make_pipe(fds))
		return;
	pid = fork_in_own_group();
	if (!pid) {
		int parent = getpid();

		if (fork())
			exit(0);
		while (getppid() == parent)
			nap_ms(10);	/* until the group is orphaned */
		kill(0, SIGTSTP);
		write(fds[1], read(0, &c, 1) == -1 && errno == EIO ?
			      "e" : "x", 1);
		exit(0);
	}
	check(pid > 0 && wait4(pid, &status, 0) == pid &&
	      read_guarded(fds[0]) == 'e',
	      "a reader in an orphaned group: EIO, SIGTSTP lost");
	close_pipe(fds);
}

/*
 * At the console, run by the kernel shell: background readers and
 * tcsetpgrp stop, an orphaned group's reader gets EIO, and Ctrl-Z
 * (typed by the scenario) stops the child given the console.
 */
static int console_checks(void)
{
	int me = getpid(), pid, status = 0;

	set_handler(SIGTTOU, SIG_IGN, 0);	/* taking the console back,
						 * as shells do */
	console_background();
	pid = fork_in_own_group();
	if (!pid)
		sleep_for_ever();
	check(pid > 0 && call3(__NR_ioctl, 0, TIOCSPGRP, (long)&pid) == 0,
	      "tcsetpgrp gives the console to the child's group");
	printf("stoptest: type Ctrl-Z\n");
	check(wait4(pid, &status, WUNTRACED) == pid &&
	      stopped_by(status, SIGTSTP),
	      "Ctrl-Z stops the foreground child with SIGTSTP");
	check(call3(__NR_ioctl, 0, TIOCSPGRP, (long)&me) == 0,
	      "the console back to our group");
	check(kill(pid, SIGCONT) == 0 &&
	      wait4(pid, &status, WCONTINUED) == pid &&
	      WIFCONTINUED(status) && kill(pid, SIGKILL) == 0 &&
	      reaped_killed_by(pid, SIGKILL),
	      "SIGCONT, then SIGKILL, end it");
	printf("stoptest: %s\n", failures ? "FAILED" : "all checks passed");
	return failures;
}

/* The checks, in a child that leads a session of its own. */
static int session_checks(void)
{
	call3(__NR_setsid, 0, 0, 0);
	stop_and_continue();
	threads_stop();
	sleep_survives_stop();
	select_survives_stop(0, "a select stopped and continued waits on");
	select_survives_stop(1, "a pselect6 stopped and continued waits on");
	pending_cancel();
	orphaned_group();
	killed_stop_is_no_stopped_job();
	return failures;
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "console"))
		return console_checks();
	return checks_in_child("stoptest", session_checks);
}
