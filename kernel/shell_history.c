/*
 * The shell's command history: the last HISTORY_MAX lines typed, which
 * the up and down arrow keys bring back (as a shell with readline
 * does).  A line equal to the one before it is kept once.
 */
#include "kernel/shell.h"
#include "kernel/kernel.h"

#define HISTORY_MAX	16

static char history[HISTORY_MAX][SHELL_LINE_MAX];
static unsigned history_count;		/* lines ever added */

void shell_history_add(const char *line)
{
	const char *last = shell_history_get(1);

	if (!*line || (last && !strcmp(last, line)))
		return;
	strlcpy(history[history_count % HISTORY_MAX], line, SHELL_LINE_MAX);
	history_count++;
}

/* The line typed `back` lines ago (1: the last one), or NULL. */
const char *shell_history_get(unsigned back)
{
	if (back == 0 || back > history_count || back > HISTORY_MAX)
		return NULL;
	return history[(history_count - back) % HISTORY_MAX];
}
