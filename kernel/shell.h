/*
 * The serial shell.  Any file adds a command next to the code it
 * shows, with
 *
 *	static int cmd_meminfo(int argc, char **argv) { ... return 0; }
 *	SHELL_COMMAND(meminfo, cmd_meminfo, "meminfo", "memory usage");
 *
 * A command returns 0, or non-zero after printing what went wrong.
 */
#ifndef KERNEL_SHELL_H
#define KERNEL_SHELL_H

#include "lib/compiler.h"

struct shell_command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *usage;
	const char *help;
};

#define SHELL_COMMAND(cname, fn, use, h)				\
	static const struct shell_command __shell_cmd_##cname = {	\
		#cname, fn, use, h };					\
	static const struct shell_command *const __shell_ptr_##cname	\
		__section("shell_commands") = &__shell_cmd_##cname

#define SHELL_PROMPT	"pagoda> "
#define SHELL_LINE_MAX	256

__noreturn void shell_run(void);
int shell_execute(char *line);
int shell_usage(const char *name);
extern char shell_ampersand[];
int shell_split(char *line, char **argv, int max);
void shell_history_add(const char *line);
const char *shell_history_get(unsigned back);

#endif
