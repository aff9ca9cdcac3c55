/*
 * The shell on the serial console: reads a line with simple editing
 * (backspace, Ctrl-U to kill the line, Ctrl-C to drop it), splits it
 * into words and runs the command registered under the first word.
 */
#include "kernel/shell.h"
#include "kernel/jobs.h"
#include "kernel/kernel.h"
#include "lib/ctype.h"

#define MAX_ARGS	16

#define CTRL(c)		((c) - '@')
#define KEY_DEL		0x7f
#define KEY_ESC		0x1b

extern const struct shell_command *const __start_shell_commands[];
extern const struct shell_command *const __stop_shell_commands[];

static const struct shell_command *find_command(const char *name)
{
	const struct shell_command *const *c;

	for (c = __start_shell_commands; c < __stop_shell_commands; c++)
		if (!strcmp((*c)->name, name))
			return *c;
	return NULL;
}

static void erase_chars(int n)
{
	while (n-- > 0)
		cprintf("\b \b");
}

/* Skips the rest of an escape sequence such as an arrow key's. */
static void skip_escape(void)
{
	int c = console_getc();

	if (c != '[')
		return;
	do
		c = console_getc();
	while (c >= 0 && !(c >= '@' && c <= '~'));
}

/*
 * Reads one line into buf.  Returns its length, or -1 if Ctrl-C
 * dropped it.  A CR LF pair ends one line, not two.
 */
static int read_line(char *buf, int size)
{
	static bool after_cr;
	int len = 0;

	for (;;) {
		int c = console_getc();
		bool lf_after_cr = after_cr && c == '\n';

		after_cr = c == '\r';
		if (lf_after_cr)
			continue;
		if (c == '\r' || c == '\n') {
			cprintf("\n");
			buf[len] = '\0';
			return len;
		} else if (c == KEY_DEL || c == '\b') {
			if (len) {
				len--;
				erase_chars(1);
			}
		} else if (c == CTRL('U')) {
			erase_chars(len);
			len = 0;
		} else if (c == CTRL('C')) {
			cprintf("^C\n");
			return -1;
		} else if (c == KEY_ESC) {
			skip_escape();
		} else if (isprint(c) && len < size - 1) {
			buf[len++] = (char)c;
			cprintf("%c", c);
		}
	}
}

/* Splits line into at most max words (in place); argv[argc] = NULL. */
int shell_split(char *line, char **argv, int max)
{
	int argc = 0;
	char *w;

	while ((w = strsep(&line, " \t")) && argc < max)
		if (*w)
			argv[argc++] = w;
	argv[argc] = NULL;
	return argc;
}

/* Runs one command line; returns the command's status. */
int shell_execute(char *line)
{
	char *argv[MAX_ARGS + 1];
	int argc = shell_split(line, argv, MAX_ARGS);
	const struct shell_command *cmd;

	if (!argc)
		return 0;
	cmd = find_command(argv[0]);
	if (!cmd) {
		cprintf("%s: command not found (type 'help' for the list)\n",
			argv[0]);
		return -ENOENT;
	}
	return cmd->run(argc, argv);
}

/* For commands given bad arguments: prints the right usage. */
int shell_usage(const char *name)
{
	const struct shell_command *cmd = find_command(name);

	cprintf("usage: %s\n", cmd ? cmd->usage : name);
	return -EINVAL;
}

__noreturn void shell_run(void)
{
	char line[SHELL_LINE_MAX];

	cprintf("Type 'help' for the list of commands.\n");
	for (;;) {
		reap_background_jobs();
		cprintf(SHELL_PROMPT);
		if (read_line(line, sizeof(line)) >= 0)
			shell_execute(line);
	}
}

/* Lists the commands in name order (link order is arbitrary). */
static int cmd_help(int argc __unused, char **argv __unused)
{
	const struct shell_command *const *c, *prev = NULL, *next;

	for (;;) {
		next = NULL;
		for (c = __start_shell_commands; c < __stop_shell_commands; c++)
			if ((!prev || strcmp((*c)->name, prev->name) > 0) &&
			    (!next || strcmp((*c)->name, next->name) < 0))
				next = *c;
		if (!next)
			return 0;
		cprintf("  %-24s %s\n", next->usage, next->help);
		prev = next;
	}
}
SHELL_COMMAND(help, cmd_help, "help", "list the commands");
