/*
 * The shell on the serial console: reads a line with simple editing
 * (backspace, Ctrl-U to kill the line, Ctrl-C to drop it, the up and
 * down arrows for the history), splits it into words and runs the
 * command registered under the first word.  A line or a word list
 * that does not fit is refused with the reason, never cut.
 */
#include "kernel/shell.h"
#include "kernel/exec.h"
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

/* The keys of escape sequences that the shell acts on. */
enum { KEY_OTHER, KEY_UP, KEY_DOWN };

/*
 * Reads the rest of an escape sequence, so that none of its bytes is
 * taken for typed text: CSI (ESC [ ... final byte, as the arrows'
 * ESC [ A) or SS3 (ESC O and one byte, as F1's ESC O P).
 */
static int read_escape(void)
{
	int c = console_getc();

	if (c == 'O') {
		console_getc();
		return KEY_OTHER;
	}
	if (c != '[')
		return KEY_OTHER;
	do
		c = console_getc();
	while (c >= 0 && !(c >= '@' && c <= '~'));
	return c == 'A' ? KEY_UP : c == 'B' ? KEY_DOWN : KEY_OTHER;
}

/* The line being edited. */
struct edit {
	char *buf;
	int len, size;
	bool too_long;		/* a key was refused: the line is full */
	unsigned back;		/* history line shown (0: a new line) */
};

static void edit_replace(struct edit *e, const char *text)
{
	erase_chars(e->len);
	e->len = strlcpy(e->buf, text, e->size);
	if (e->len > e->size - 1)
		e->len = e->size - 1;
	e->too_long = false;
	cprintf("%s", e->buf);
}

/* Up and down walk the history; down past the newest gives "". */
static void edit_history(struct edit *e, int key)
{
	unsigned back = e->back + (key == KEY_UP ? 1 : -1);
	const char *text;

	if (key == KEY_OTHER || (key == KEY_DOWN && !e->back))
		return;
	text = back ? shell_history_get(back) : "";
	if (!text)
		return;
	e->back = back;
	edit_replace(e, text);
}

/*
 * Ends the line at Enter.  A line that did not fit is not run: the
 * user is told, rather than a cut command being run.
 */
static int edit_finish(struct edit *e)
{
	cprintf("\n");
	e->buf[e->len] = '\0';
	if (e->too_long) {
		cprintf("line too long: at most %d characters, not run\n",
			e->size - 1);
		return -1;
	}
	shell_history_add(e->buf);
	return e->len;
}

/*
 * Reads one line into buf.  Returns its length, or -1 if Ctrl-C
 * dropped it or it was too long.  A CR LF pair ends one line, not two.
 */
static int read_line(char *buf, int size)
{
	static bool after_cr;
	struct edit e = { buf, 0, size, false, 0 };

	for (;;) {
		int c = console_getc();
		bool lf_after_cr = after_cr && c == '\n';

		after_cr = c == '\r';
		if (lf_after_cr)
			continue;
		if (c == '\r' || c == '\n') {
			return edit_finish(&e);
		} else if (c == KEY_DEL || c == '\b') {
			if (e.len) {
				e.len--;
				erase_chars(1);
			}
		} else if (c == CTRL('U')) {
			edit_replace(&e, "");
		} else if (c == CTRL('C')) {
			cprintf("^C\n");
			return -1;
		} else if (c == KEY_ESC) {
			edit_history(&e, read_escape());
		} else if (isprint(c) && e.len < size - 1) {
			buf[e.len++] = (char)c;
			cprintf("%c", c);
		} else if (isprint(c)) {
			e.too_long = true;
		}
	}
}

/* The word an unquoted '&' ending a line becomes.  `run` compares the
 * pointer, so that a quoted "&" stays an argument of the program. */
char shell_ampersand[] = "&";

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Only blanks after p: p is the line's last character. */
static bool ends_line(const char *p)
{
	while (*++p)
		if (!is_blank(*p))
			return false;
	return true;
}

/*
 * Copies one word from *in to *out, as a POSIX shell reads it: '...'
 * keeps everything, "..." everything but \" and \\, and outside quotes a
 * backslash keeps the next character; a blank or an unquoted '&' that
 * ends the line ends the word.  Returns -EINVAL for a quote left open.
 */
static int copy_word(char **in, char **out)
{
	char *r = *in, *w = *out, quote = 0;

	for (; *r; r++) {
		if (quote == '\'' && *r != '\'') {
			*w++ = *r;
		} else if (quote == '"' && *r == '\\' &&
			   (r[1] == '"' || r[1] == '\\')) {
			*w++ = *++r;
		} else if (quote && *r == quote) {
			quote = 0;
		} else if (quote) {
			*w++ = *r;
		} else if (*r == '\'' || *r == '"') {
			quote = *r;
		} else if (*r == '\\' && r[1]) {
			*w++ = *++r;
		} else if (is_blank(*r) || (*r == '&' && ends_line(r))) {
			break;
		} else {
			*w++ = *r;
		}
	}
	if (quote)
		return -EINVAL;
	*in = r;
	*out = w;
	return 0;
}

/*
 * Splits line into words (in place, quotes removed); argv[argc] =
 * NULL.  A trailing unquoted '&' is the word shell_ampersand.  Returns
 * argc, -E2BIG if there are more than max words, or -EINVAL if a quote
 * is not closed.
 */
int shell_split(char *line, char **argv, int max)
{
	char *in = line, *out = line;
	bool ampersand;
	int argc = 0;

	for (;;) {
		while (is_blank(*in))
			in++;
		if (!*in)
			break;
		if (argc == max)
			return -E2BIG;
		if (*in == '&' && ends_line(in)) {
			argv[argc++] = shell_ampersand;
			break;
		}
		argv[argc++] = out;
		if (copy_word(&in, &out))
			return -EINVAL;
		ampersand = *in == '&';	/* it ends the line */
		if (*in)
			in++;	/* past it, before out writes the word's end */
		*out++ = '\0';
		if (ampersand) {
			if (argc == max)
				return -E2BIG;
			argv[argc++] = shell_ampersand;
			break;
		}
	}
	argv[argc] = NULL;
	return argc;
}

/* Runs one command line; returns the command's status. */
int shell_execute(char *line)
{
	char *argv[MAX_ARGS + 1];
	int argc = shell_split(line, argv, MAX_ARGS);
	const struct shell_command *cmd;

	if (argc == -E2BIG) {
		cprintf("too many words: at most %d (a command and %d "
			"arguments), not run\n", MAX_ARGS, MAX_ARGS - 1);
		return argc;
	}
	if (argc == -EINVAL) {
		cprintf("a quote is not closed, not run\n");
		return argc;
	}
	if (!argc)
		return 0;
	cmd = find_command(argv[0]);
	if (!cmd) {
		cprintf("%s: command not found (type 'help' for the list)\n",
			argv[0]);
		return -ENOENT;
	}
	/* one whose usage is its bare name takes no arguments */
	if (argc > 1 && !strcmp(cmd->usage, cmd->name))
		return shell_usage(argv[0]);
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
			break;
		/* a usage too long for its column gets a line of its own */
		if (strlen(next->usage) > 24)
			cprintf("  %s\n  %24s %s\n", next->usage, "",
				next->help);
		else
			cprintf("  %-24s %s\n", next->usage, next->help);
		prev = next;
	}
	cprintf("\n'run' starts these ");
	print_user_programs();
	return 0;
}
SHELL_COMMAND(help, cmd_help, "help", "list the commands");
