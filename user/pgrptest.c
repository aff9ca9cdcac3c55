/*
 * pgrptest: process groups and sessions, with raw system calls, in a
 * session of its own (a child's setsid), so that nothing outside it
 * is touched when it runs on the host's Linux:
 *
 *   - setsid: a new session and group named by the caller's pid; again
 *     (a group leader now) EPERM; no controlling terminal after it
 *     (TIOCGPGRP ENOTTY); a session leader's setpgid EPERM;
 *   - a forked child is in its parent's group and session;
 *   - setpgid: a child made the leader of a group of its own, another
 *     moved into that group; a group that does not exist EPERM, a
 *     negative one EINVAL; nobody, or a process neither the caller nor
 *     its child, ESRCH; a child that has exec'd EACCES;
 *   - getpgid and getsid of 0, of a child, of nobody (ESRCH);
 *   - wait4(0) waits for the caller's group only, wait4(-pgrp) for
 *     that group's children; kill(-pgrp) signals every process of
 *     the group, kill(0) the caller's, an empty group ESRCH, and
 *     INT_MIN (whose group, -INT_MIN, is no int) ESRCH, as Linux 4.13
 *     answers.
 *
 * "pgrptest console" is for a scenario that types Ctrl-C: the program
 * is the console's foreground group (tcgetpgrp), gives the console
 * to a child of another group (tcsetpgrp; a group of no process
 * EPERM, a negative one EINVAL, a bad pointer EFAULT), and Ctrl-C
 * then ends the child, not the program.  "pgrptest ready FD" (run by
 * the checks through execve) writes a byte to FD and sleeps.
 *
 * Linux agrees with every check (tests/scenarios/native.py runs it
 * there).  Prints a line per check and exits with the number failed.
 */
#include "user/lib/libc.h"

#define NOBODY		0x7ffffff0	/* a pid no system has */
#define NEVER_MAPPED	0x1000
#define INT_MIN_PID	(-0x7fffffff - 1)

static int failures;
static char self[256];
static volatile int usr1s;

static void check(bool ok, const char *what)
{
	printf("pgrptest: %s: %s\n", what, ok ? "ok" : "FAILED");
	failures += !ok;
}

static long call3(long nr, long a, long b, long c)
{
	return __syscall(nr, a, b, c, 0, 0, 0);
}

static long setpgid(int pid, int pgid)
{
	return call3(__NR_setpgid, pid, pgid, 0);
}

static long getpgid(int pid)
{
	return call3(__NR_getpgid, pid, 0, 0);
}

static long getsid(int pid)
{
	return call3(__NR_getsid, pid, 0, 0);
}

static long wait4(int pid, int *status, int options)
{
	return __syscall(__NR_wait4, pid, (long)status, options, 0, 0, 0);
}

static __noreturn void sleep_for_ever(void)
{
	for (;;)
		call3(__NR_pause, 0, 0, 0);
}

/* Did wait4(pid) reap a child killed by sig? */
static bool reaped_killed_by(int pid, int sig)
{
	int status = 0;

	return wait4(pid, &status, 0) > 0 && WIFSIGNALED(status) &&
	       WTERMSIG(status) == sig;
}

/*
 * A child that sleeps until a signal ends it, in group pgrp (-1: a
 * group of its own, 0: the caller's), set by both sides as shells
 * do, so that it holds whichever runs first.
 */
static int sleeper(int pgrp)
{
	int pid = fork();

	if (pid < 0)
		return pid;
	if (!pid) {
		if (pgrp)
			setpgid(0, pgrp < 0 ? 0 : pgrp);
		sleep_for_ever();
	}
	if (pgrp)
		setpgid(pid, pgrp < 0 ? pid : pgrp);
	return pid;
}

static void on_usr1(int sig __unused)
{
	usr1s++;
}

static void set_handler(int sig, void (*handler)(int))
{
	struct k_sigaction sa = { handler, 0, NULL, 0 };

	__syscall(__NR_rt_sigaction, sig, (long)&sa, 0, sizeof(sigset64_t),
		  0, 0);
}

static void new_session(void)
{
	int me = getpid(), tty_pgrp;

	check(call3(__NR_setsid, 0, 0, 0) == me && getsid(0) == me &&
	      call3(__NR_getpgrp, 0, 0, 0) == me && getpgid(0) == me &&
	      getsid(getppid()) != me,
	      "setsid: a new session and group, named by the caller's pid");
	check(call3(__NR_setsid, 0, 0, 0) == -EPERM,
	      "setsid by a group leader: EPERM");
	check(setpgid(0, 0) == -EPERM && setpgid(me, me) == -EPERM,
	      "setpgid of a session leader: EPERM");
	check(call3(__NR_ioctl, 0, TIOCGPGRP, (long)&tty_pgrp) == -ENOTTY,
	      "no controlling terminal after setsid: tcgetpgrp ENOTTY");
}

static void child_inherits(void)
{
	int me = getpid(), pid = fork(), status = -1;

	if (!pid)
		exit(getpid() != me && getpgid(0) == me && getsid(0) == me ?
		     0 : 1);
	check(pid > 0 && wait4(pid, &status, 0) == pid && status == 0,
	      "a forked child is in its parent's group and session");
}

/* Two children in a group of the first's, moved there by setpgid. */
static void groups(int *leader, int *member)
{
	int me = getpid();

	*leader = sleeper(-1);
	*member = sleeper(*leader);
	check(*leader > 0 && getpgid(*leader) == *leader &&
	      getsid(*leader) == me,
	      "setpgid(child, child): a group of its own, in our session");
	check(*member > 0 && getpgid(*member) == *leader,
	      "setpgid moves a child into another group of the session");
	check(setpgid(*member, NOBODY) == -EPERM,
	      "setpgid to a group no process is in: EPERM");
	check(setpgid(0, -1) == -EINVAL && setpgid(*member, -5) == -EINVAL,
	      "setpgid to a negative group: EINVAL");
	check(setpgid(NOBODY, 0) == -ESRCH && setpgid(getppid(), 0) == -ESRCH,
	      "setpgid of nobody, or of our parent: ESRCH");
	check(getpgid(NOBODY) == -ESRCH && getsid(NOBODY) == -ESRCH &&
	      getpgid(-3) == -ESRCH,
	      "getpgid and getsid of nobody: ESRCH");
}

static void waits_and_kills(int leader)
{
	int status, d1, d2;

	check(wait4(0, &status, WNOHANG) == -ECHILD,
	      "wait4(0): no child in our group, ECHILD");
	check(wait4(-leader, &status, WNOHANG) == 0,
	      "wait4(-pgrp) with that group running: 0 with WNOHANG");
	check(kill(-leader, SIGTERM) == 0 &&
	      reaped_killed_by(-leader, SIGTERM) &&
	      reaped_killed_by(-leader, SIGTERM),
	      "kill(-pgrp) ends the group's two, wait4(-pgrp) reaps them");
	check(wait4(-leader, &status, 0) == -ECHILD &&
	      kill(-leader, SIGTERM) == -1 && errno == ESRCH,
	      "then wait4(-pgrp) ECHILD, kill(-pgrp) ESRCH");
	check(call3(__NR_kill, INT_MIN_PID, 0, 0) == -ESRCH &&
	      wait4(INT_MIN_PID, &status, WNOHANG) == -ESRCH,
	      "kill and wait4 of INT_MIN, a group -INT_MIN cannot name: "
	      "ESRCH");
	d1 = sleeper(0);
	d2 = sleeper(0);
	set_handler(SIGUSR1, on_usr1);	/* ours, not the children's */
	check(d1 > 0 && d2 > 0 && kill(0, SIGUSR1) == 0 && usr1s == 1 &&
	      reaped_killed_by(0, SIGUSR1) && reaped_killed_by(0, SIGUSR1),
	      "kill(0) signals our group: us and two children, wait4(0) "
	      "reaps them");
}

/* Sleeps in "pgrptest ready FD" once it has said so on FD. */
static int ready(const char *fd)
{
	unsigned long n = 0;

	kstrtoul(fd, 10, &n);
	write(n, "x", 1);
	sleep_for_ever();
}

static void after_exec(void)
{
	int fds[2], pid;
	char c = 0;

	if (call3(__NR_pipe, (long)fds, 0, 0)) {
		check(false, "pipe");
		return;
	}
	pid = fork();
	if (!pid) {
		char fd[12];
		char *argv[] = { "pgrptest", "ready", fd, NULL };

		snprintf(fd, sizeof(fd), "%d", fds[1]);
		call3(__NR_execve, (long)self, (long)argv, 0);
		exit(127);
	}
	check(pid > 0 && read(fds[0], &c, 1) == 1 && c == 'x' &&
	      setpgid(pid, pid) == -EACCES && getpgid(pid) == getpid(),
	      "setpgid of a child that has exec'd: EACCES");
	kill(pid, SIGKILL);
	check(reaped_killed_by(pid, SIGKILL), "the exec'd child reaped");
	call3(__NR_close, fds[0], 0, 0);
	call3(__NR_close, fds[1], 0, 0);
}

/*
 * Ctrl-C with the console given to a child of another group: the
 * child is the foreground, and it alone dies.
 */
static int console_checks(void)
{
	int pgrp = -1, me = getpid(), child, status = 0;

	set_handler(SIGTTOU, SIG_IGN);	/* Linux's: taking it back from
					 * the background, as shells do */
	check(call3(__NR_ioctl, 0, TIOCGPGRP, (long)&pgrp) == 0 &&
	      pgrp == getpgid(0),
	      "tcgetpgrp: we are the console's foreground group");
	pgrp = NOBODY;
	check(call3(__NR_ioctl, 0, TIOCSPGRP, (long)&pgrp) == -EPERM,
	      "tcsetpgrp to a group no process is in: EPERM");
	pgrp = -1;
	check(call3(__NR_ioctl, 0, TIOCSPGRP, (long)&pgrp) == -EINVAL,
	      "tcsetpgrp to a negative group: EINVAL");
	check(call3(__NR_ioctl, 0, TIOCSPGRP, NEVER_MAPPED) == -EFAULT &&
	      call3(__NR_ioctl, 0, TIOCGPGRP, NEVER_MAPPED) == -EFAULT,
	      "tcsetpgrp and tcgetpgrp with a bad pointer: EFAULT");
	child = sleeper(-1);
	check(child > 0 && call3(__NR_ioctl, 0, TIOCSPGRP, (long)&child) == 0 &&
	      call3(__NR_ioctl, 0, TIOCGPGRP, (long)&pgrp) == 0 &&
	      pgrp == child,
	      "tcsetpgrp gives the console to the child's group");
	printf("pgrptest: type Ctrl-C\n");
	check(wait4(child, &status, 0) == child && WIFSIGNALED(status) &&
	      WTERMSIG(status) == SIGINT,
	      "Ctrl-C ends the foreground child, not us");
	check(call3(__NR_ioctl, 0, TIOCSPGRP, (long)&me) == 0,
	      "the console back to our group");
	printf("pgrptest: %s\n", failures ? "FAILED" : "all checks passed");
	return failures;
}

/* The checks, in a child that leads a session of its own. */
static int session_checks(void)
{
	int leader, member;

	new_session();
	child_inherits();
	groups(&leader, &member);
	waits_and_kills(leader);
	after_exec();
	return failures;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "ready"))
		return ready(argv[2]);
	if (argc == 2 && !strcmp(argv[1], "console"))
		return console_checks();
	strlcpy(self, argv[0], sizeof(self));
	return checks_in_child("pgrptest", session_checks);
}
