/*
 * The shell's commands for processes: run, ps and kill; waiting for a
 * foreground program (Ctrl-C interrupts it, see kernel/console.c) and
 * reporting background ones when they end.  Each program runs in a
 * process group of its own (spawn_program), so that Ctrl-C reaches
 * the foreground one and what it started, never a background one.
 */
#include "kernel/jobs.h"
#include "kernel/abi.h"
#include "kernel/console.h"
#include "kernel/exec.h"
#include "kernel/exit.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/shell.h"
#include "kernel/signal.h"
#include "kernel/time.h"
#include "kernel/tty.h"
#include "lib/cmdline.h"
#include "mm/mm_types.h"

/* "exited with status 0", "killed by SIGSEGV (11)", "stopped by
 * SIGSTOP (19)", "continued" */
void describe_status(char *buf, unsigned long len, int status)
{
	if (WIFEXITED(status))
		snprintf(buf, len, "exited with status %d",
			 WEXITSTATUS(status));
	else if (WIFCONTINUED(status))
		snprintf(buf, len, "continued");
	else if (WIFSTOPPED(status))
		snprintf(buf, len, "stopped by %s (%d)",
			 signal_name(WSTOPSIG(status)), WSTOPSIG(status));
	else
		snprintf(buf, len, "killed by %s (%d)",
			 signal_name(WTERMSIG(status)), WTERMSIG(status));
}

/*
 * The programs `run ... &` started, or that stopped in the foreground,
 * whose end has not been reported; 0 is a free slot.  init (the
 * shell) is also the parent of every orphan (kernel/exit.c), which it
 * reaps without a word, as Linux's init does: a `run sh -c 'sleep 1 &'`
 * leaves one.  A job started with every slot taken is not
 * remembered, so its end is not said.
 */
#define MAX_JOBS	32
static int jobs[MAX_JOBS];

/* pid's slot, or NULL if it is no job. */
static int *find_job(int pid)
{
	for (int i = 0; i < MAX_JOBS; i++)
		if (jobs[i] == pid)
			return &jobs[i];
	return NULL;
}

static void remember_job(int pid)
{
	int *slot = find_job(0);

	if (slot)
		*slot = pid;
}

/* Forgets pid if it was a job: whether it was. */
static bool forget_job(int pid)
{
	int *slot = find_job(pid);

	if (slot)
		*slot = 0;
	return slot;
}

/*
 * The console's settings (kernel/n_tty.c) while the shell reads its
 * lines: each byte as typed, unechoed, untranslated and no signal
 * key, since the shell edits and echoes its line itself (as bash's
 * readline does); and those it gives a foreground program: the
 * console's first ones (a terminal's usual: lines edited and echoed
 * by the kernel), then those the last program that exited left, so
 * that a change such as stty's stays, but not those of one killed by
 * a signal, which could not put its own back (bash's wait_for does
 * the same).
 */
static struct termios shell_termios, program_termios;

/* The shell starts: the console's settings become its own. */
void shell_take_console(void)
{
	program_termios = shell_termios = console_tty.termios;
	shell_termios.c_iflag = 0;
	shell_termios.c_lflag = 0;
	shell_termios.c_cc[VMIN] = 1;
	shell_termios.c_cc[VTIME] = 0;
	n_tty_set_termios(&console_tty, &shell_termios);
}

/*
 * Starts argv and waits for it, its group the console's foreground
 * one meanwhile (Ctrl-C's and Ctrl-Z's, kernel/n_tty.c), as a
 * job-control shell's tcsetpgrp() makes it, and the console with the
 * program's settings; then the shell's own again, whatever the program
 * left (ash moves the console among its jobs).  A program that stops
 * (Ctrl-Z, SIGSTOP) is a background job from then on, which `kill
 * -CONT` continues; the settings it leaves are not the next program's
 * (bash keeps a stopped job's apart too).  0 and its waitpid status,
 * or -errno if it could not be started.
 */
int run_foreground(int argc, char **argv, int *status)
{
	int pid;
	long ret;

	n_tty_hand_over(&console_tty, &program_termios);
	pid = spawn_program(argc, argv);
	if (pid < 0) {
		n_tty_set_termios(&console_tty, &shell_termios);
		return pid;
	}
	console_set_pgrp(pid);
	ret = do_wait(pid, WUNTRACED, status, NULL);
	console_set_pgrp(current->pgrp);
	if (ret > 0 && WIFSTOPPED(*status))
		remember_job(pid);
	if (ret >= 0 && WIFEXITED(*status))
		program_termios = console_tty.termios;
	n_tty_set_termios(&console_tty, &shell_termios);
	return ret < 0 ? ret : 0;
}

/* Before each prompt: say which background programs have ended,
 * stopped or gone on. */
void reap_background_jobs(void)
{
	char what[64];
	int status;
	long pid;

	while ((pid = do_wait(-1, WNOHANG | WUNTRACED | WCONTINUED,
			      &status, NULL)) > 0) {
		bool ended = WIFEXITED(status) || WIFSIGNALED(status);

		if (!(ended ? forget_job(pid) : find_job(pid) != NULL))
			continue;	/* an orphan */
		describe_status(what, sizeof(what), status);
		cprintf("[%ld] %s\n", pid, what);
	}
}

/* Drops a trailing unquoted "&" (shell_split makes it a word of its
 * own, shell_ampersand; a quoted one is the program's argument). */
static bool take_ampersand(int *argc, char **argv)
{
	if (argv[*argc - 1] != shell_ampersand)
		return false;
	(*argc)--;
	return true;
}

static int cmd_run(int argc, char **argv)
{
	bool background;
	int status, pid, err;
	char what[64];

	if (argc < 2)
		return shell_usage(argv[0]);
	argc--;
	argv++;
	background = take_ampersand(&argc, argv);
	if (!argc)
		return shell_usage("run");
	if (background) {
		pid = spawn_program(argc, argv);
		if (pid > 0) {
			remember_job(pid);
			cprintf("[%d] %s\n", pid, argv[0]);
		}
		err = pid < 0 ? pid : 0;
	} else {
		err = run_foreground(argc, argv, &status);
	}
	if (err == -ENOENT && module_refusal(argv[0])) {
		cprintf("run: '%s' was not loaded at boot: %s\n", argv[0],
			module_refusal(argv[0]));
	} else if (err == -ENOENT) {
		cprintf("run: no program '%s'; ", argv[0]);
		print_user_programs();
	} else if (err) {
		cprintf("run: cannot start %s (error %d)\n", argv[0], err);
	}
	if (err || background)
		return err;
	if (status) {
		describe_status(what, sizeof(what), status);
		cprintf("%s: %s\n", argv[0], what);
	}
	return status;
}
SHELL_COMMAND(run, cmd_run, "run PROG [ARGS] [&]",
	      "run a user program (& in the background); Ctrl-C ends it,"
	      " Ctrl-Z stops it");

/* A leader's time holds its exited threads' (the others have a line). */
static void print_task(const struct task_struct *p)
{
	unsigned long ticks = p->utime + p->stime +
			      (p == p->group_leader ?
			       p->dead.utime + p->dead.stime : 0);
	unsigned long rss = p->mm ? p->mm->rss : 0;
	unsigned long vm = p->mm ? p->mm->total_vm : 0;
	char name[TASK_COMM_LEN + 2];

	snprintf(name, sizeof(name), p->mm ? "%s" : "[%s]", p->comm);
	cprintf("%5d %5d %c %3d %-3s %8lu %8lu %4lu:%02lu %s\n", p->pid,
		p->parent->pid, task_state_char(p), p->nice,
		p->policy == SCHED_IDLE ? "IDL" : "TS",
		rss * (PAGE_SIZE / 1024), vm * (PAGE_SIZE / 1024),
		ticks / HZ / 60, ticks / HZ % 60, name);
}

/* Like Linux's ps: sizes in KiB, kernel threads in brackets. */
static int cmd_ps(int argc __unused, char **argv __unused)
{
	struct task_struct *p;

	cprintf("  PID  PPID S  NI CLS      RSS      VSZ    TIME COMMAND\n");
	for_each_task(p)
		print_task(p);
	return 0;
}
SHELL_COMMAND(ps, cmd_ps, "ps",
	      "list the tasks: pid, state, nice, class, rss, vm size, name");

/* "-9", "-KILL" or "-SIGKILL": the signal number, or -1. */
static int parse_signal(const char *s)
{
	unsigned long n;

	if (!kstrtoul(s, 10, &n))
		return n <= _NSIG ? (int)n : -1;
	for (int sig = 1; sig < 32; sig++) {
		const char *name = signal_name(sig);	/* "SIGKILL" */

		if (!strncmp(name, "SIG", 3) &&
		    (!strcmp(s, name) || !strcmp(s, name + 3)))
			return sig;
	}
	return -1;
}

static int cmd_kill(int argc, char **argv)
{
	int sig = SIGTERM, err;
	unsigned long pid;

	if (argc == 3 && argv[1][0] == '-') {
		sig = parse_signal(argv[1] + 1);
		if (sig < 0) {
			cprintf("kill: unknown signal '%s'\n", argv[1] + 1);
			return -EINVAL;
		}
	} else if (argc != 2) {
		return shell_usage(argv[0]);
	}
	if (kstrtoul(argv[argc - 1], 10, &pid) || !pid || pid > 0x7fffffff) {
		cprintf("kill: '%s' is not a process id\n", argv[argc - 1]);
		return -EINVAL;
	}
	err = kill_proc(pid, sig);
	if (err == -ESRCH)
		cprintf("kill: (%lu): no such process\n", pid);
	else if (err == -EPERM)
		cprintf("kill: (%lu): a kernel thread takes no signals\n", pid);
	return err;
}
SHELL_COMMAND(kill, cmd_kill, "kill [-SIG] PID",
	      "send a signal to a process (default SIGTERM)");
