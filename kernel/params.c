/*
 * Applies the boot command line to the parameters registered with
 * KERNEL_PARAM_* (see params.h).  The registered entries are pointers
 * in the kernel_params section; parse_args() wants an array, so they
 * are gathered into one first.
 */
#include "kernel/params.h"
#include "kernel/console.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "lib/vsprintf.h"

#define MAX_PARAMS	64
#define CMDLINE_MAX	1024

extern const struct kernel_param *const __start_kernel_params[];
extern const struct kernel_param *const __stop_kernel_params[];

static char command_line[CMDLINE_MAX];

static __printf(1, 2) void report(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk(KERN_WARNING "%s", buf);
}

void parse_kernel_cmdline(const char *cmdline)
{
	static struct kernel_param table[MAX_PARAMS];
	size_t n = __stop_kernel_params - __start_kernel_params;
	char work[CMDLINE_MAX];

	if (n > MAX_PARAMS)
		n = MAX_PARAMS;
	for (size_t i = 0; i < n; i++)
		table[i] = *__start_kernel_params[i];
	cmdline = cmdline_skip_image(cmdline);
	if (strlcpy(command_line, cmdline, sizeof(command_line)) >=
	    sizeof(command_line))
		printk(KERN_WARNING "cmdline: longer than %d bytes, cut\n",
		       CMDLINE_MAX - 1);
	strlcpy(work, command_line, sizeof(work));
	/* Parse first, so loglevel= already applies to this line. */
	parse_args(work, table, n, report);
	printk(KERN_INFO "Kernel command line: %s\n", command_line);
}

const char *saved_command_line(void)
{
	return command_line;
}

/* The shell's "cmdline": the line and every known parameter. */
void print_kernel_params(void)
{
	const struct kernel_param *const *p;

	if (command_line[0])
		cprintf("%s\n\n", command_line);
	else
		cprintf("(the command line is empty)\n");
	cprintf("known parameters:\n");
	for (p = __start_kernel_params; p < __stop_kernel_params; p++)
		cprintf("  %-10s %s\n", (*p)->name, (*p)->help);
}
