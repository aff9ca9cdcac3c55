/*
 * The rest of the boot, in threads (init/main.c in Linux 2.4).
 *
 * start_kernel, running as init_task (pid 0), starts the init thread
 * (pid 1) and becomes the idle loop.  init leads session 1 from the
 * console (kernel/tty_io.c), adopts orphaned processes,
 * runs the boot tests (test=GLOB) and benchmarks (bench=NAME), then
 * either the program given with init=PROG (powering off with its
 * result) or the shell.
 */
#include "kernel/abi.h"
#include "kernel/bench.h"
#include "kernel/exec.h"
#include "kernel/fork.h"
#include "kernel/jobs.h"
#include "kernel/kernel.h"
#include "kernel/bench.h"
#include "kernel/params.h"
#include "kernel/power.h"
#include "kernel/sched.h"
#include "kernel/shell.h"
#include "kernel/tty.h"
#include "mm/vmscan.h"

#define MAX_INIT_ARGS	16

void run_boot_tests(void);

static char init_command[256];
KERNEL_PARAM_STRING(init, init_command,
		    "run this program (quoted, with arguments: init=\"memhog "
		    "8M\") instead of the shell, then power off with its "
		    "result");

/* init=PROG: run it, say how it ended, power off with the verdict. */
static __noreturn void run_init_program(char *command)
{
	char *argv[MAX_INIT_ARGS + 1], what[64];
	int argc = shell_split(command, argv, MAX_INIT_ARGS), status, err;

	if (argc < 0) {
		if (argc == -EINVAL)
			printk(KERN_ERR "init: a quote is not closed, "
			       "not run\n");
		else
			printk(KERN_ERR "init: more than %d words, not run\n",
			       MAX_INIT_ARGS);
		machine_exit(false);
	}
	err = run_foreground(argc, argv, &status);
	if (err) {
		const char *why = argc ? module_refusal(argv[0]) : NULL;

		printk(KERN_ERR "init: cannot run '%s': %s%s\n",
		       argc ? argv[0] : "", err != -ENOENT ? "error" :
		       why ? "not loaded at boot: " : "no such program",
		       err == -ENOENT && why ? why : "");
		machine_exit(false);
	}
	describe_status(what, sizeof(what), status);
	printk(KERN_NOTICE "init: %s %s\n", argv[0], what);
	machine_exit(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static int kernel_init(void *unused __unused)
{
	child_reaper = current;
	console_session_init();
	shell_take_console();	/* tests and programs run as from it */
	run_boot_tests();
	run_boot_bench();	/* bench=NAME: measure, then power off */
	if (init_command[0])
		run_init_program(init_command);
	shell_run();
}

__noreturn void rest_init(void)
{
	int pid = kernel_thread(kernel_init, NULL, "init");

	if (pid != 1)
		panic("cannot start init (%d)", pid);
	kswapd_init();		/* pid 2 (mm/vmscan.c), not init's */
	cpu_idle();
}
