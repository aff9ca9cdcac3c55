/*
 * Running the in-kernel test suites: at boot with test=GLOB (then
 * power off, QEMU's exit status telling the result) or from the shell
 * with "test GLOB".  The framework itself is lib/ktest.c.
 */
#include "kernel/hung_task.h"
#include "kernel/kernel.h"
#include "kernel/params.h"
#include "kernel/power.h"
#include "kernel/shell.h"
#include "kernel/softlockup.h"
#include "lib/ktest.h"

extern const struct ktest_suite *const __start_ktest_suites[];
extern const struct ktest_suite *const __stop_ktest_suites[];

static char test_glob[128];
KERNEL_PARAM_STRING(test, test_glob,
		    "run the test suites matching GLOB, then power off");
static unsigned int test_from = 1;
KERNEL_PARAM_UINT(test_from, test_from, 1, 100000,
		  "with test=: in each suite, only list the cases before "
		  "the Nth (the runner's reboot after a panic)");

void ktest_vprint(const char *fmt, va_list ap)
{
	vcprintf(fmt, ap);
}

/*
 * Each part of a case may take ktest_timeout seconds of guest time
 * (KUnit's per-case timeout; the runner gives half its own limit on
 * the boot, so the boot ends in the named report, not in the kill).
 */
static unsigned int ktest_timeout;
KERNEL_PARAM_UINT(ktest_timeout, ktest_timeout, 0, 100000,
		  "seconds a test case may run before the tasks that had "
		  "the CPU are listed (0: no limit; a test= boot then "
		  "panics)");

/* A BUG() in a case panics the kernel, as it would outside a test. */
void ktest_call(struct ktest *t, void (*fn)(struct ktest *t))
{
	struct hung_watch watch;

	hung_watch_start(&watch, t->name, ktest_timeout, softlockup_panic);
	fn(t);
	hung_watch_stop(&watch);
}

static struct ktest_totals run_tests(const char *glob)
{
	return ktest_run(glob, __start_ktest_suites, __stop_ktest_suites);
}

/* With test=GLOB: run, then exit QEMU with the verdict. */
void run_boot_tests(void)
{
	struct ktest_totals t;

	if (!test_glob[0])
		return;
	/* nobody watches a test boot: a lockup ends it, named */
	softlockup_panic = true;
	t = ktest_run_from(test_glob, test_from, __start_ktest_suites,
			   __stop_ktest_suites);
	machine_exit(t.failed == 0);
}

/* "test" or "test -l": the suites, with their case counts. */
static int list_suites(void)
{
	const struct ktest_suite *const *s;

	cprintf("suites (test GLOB runs those matching; * ? and commas):\n");
	for (s = __start_ktest_suites; s < __stop_ktest_suites; s++)
		cprintf("  %-24s %3zu case%s%s\n", (*s)->name, (*s)->ncases,
			(*s)->ncases == 1 ? "" : "s",
			(*s)->explicit_only ? " (only when named exactly)"
					    : "");
	return 0;
}

static int cmd_test(int argc, char **argv)
{
	struct ktest_totals t;

	if (argc == 1 || (argc == 2 && !strcmp(argv[1], "-l")))
		return list_suites();
	if (argc != 2)
		return shell_usage(argv[0]);
	t = run_tests(argv[1]);
	cprintf("%d passed, %d failed, %d skipped\n", t.passed, t.failed,
		t.skipped);
	return t.failed ? -1 : 0;
}
SHELL_COMMAND(test, cmd_test, "test [-l | GLOB]",
	      "run the in-kernel test suites matching GLOB, or list them");

static int cmd_dmesg(int argc __unused, char **argv __unused)
{
	dmesg_print();
	return 0;
}
SHELL_COMMAND(dmesg, cmd_dmesg, "dmesg", "print the kernel log");

static int cmd_cmdline(int argc __unused, char **argv __unused)
{
	print_kernel_params();
	return 0;
}
SHELL_COMMAND(cmdline, cmd_cmdline, "cmdline",
	      "show the boot command line and the known parameters");
