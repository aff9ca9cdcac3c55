/* Running the benchmarks registered with KBENCH (kernel/bench.h). */
#include "kernel/bench.h"
#include "kernel/kernel.h"
#include "kernel/params.h"
#include "kernel/power.h"
#include "kernel/shell.h"

extern const struct kbench *const __start_kbenches[];
extern const struct kbench *const __stop_kbenches[];

static char bench_name[32];
KERNEL_PARAM_STRING(bench, bench_name,
		    "run benchmark NAME, then power off");

void bench_report(const char *name, unsigned long value, const char *unit)
{
	cprintf("bench: %s %lu %s\n", name, value, unit);
}

static const struct kbench *find_bench(const char *name)
{
	const struct kbench *const *b;

	for (b = __start_kbenches; b < __stop_kbenches; b++)
		if (!strcmp((*b)->name, name))
			return *b;
	return NULL;
}

static int run_bench(const char *name)
{
	const struct kbench *b = find_bench(name);
	const struct kbench *const *p;

	if (b)
		return b->run();
	cprintf("bench: no benchmark '%s'; there are:\n", name);
	for (p = __start_kbenches; p < __stop_kbenches; p++)
		cprintf("  %-12s %s\n", (*p)->name, (*p)->help);
	return -EINVAL;
}

/* With bench=NAME: run it, then exit QEMU with whether it ran. */
void run_boot_bench(void)
{
	if (bench_name[0])
		machine_exit(run_bench(bench_name) == 0);
}

static int cmd_bench(int argc, char **argv)
{
	if (argc != 2)
		return shell_usage(argv[0]);
	return run_bench(argv[1]);
}
SHELL_COMMAND(bench, cmd_bench, "bench NAME",
	      "run a benchmark (bench x lists them)");
