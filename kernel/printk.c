/*
 * printk: the kernel log.  Each line gets a timestamp (boot_clock_us)
 * ("[    1.230000] "), is appended to a ring buffer, and is shown on
 * the console if its level is below console_loglevel.
 */
#include "kernel/printk.h"
#include "kernel/console.h"
#include "kernel/params.h"
#include "kernel/time.h"
#include "kernel/x86.h"
#include "lib/string.h"
#include "lib/vsprintf.h"

#define LOG_BUF_LEN	16384

unsigned int console_loglevel = DEFAULT_CONSOLE_LOGLEVEL;
KERNEL_PARAM_UINT(loglevel, console_loglevel, 0, 8,
		  "console shows messages of level < N (0-8)");

static char log_buf[LOG_BUF_LEN];
static unsigned long log_end;		/* total bytes ever logged */
static bool line_open;			/* last message had no newline */

static void log_append(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		log_buf[log_end++ % LOG_BUF_LEN] = s[i];
}

/* Strips a leading "<N>" and returns the level it names. */
static int message_level(const char **msg)
{
	const char *m = *msg;

	if (m[0] == '<' && m[1] >= '0' && m[1] <= '7' && m[2] == '>') {
		*msg = m + 3;
		return m[1] - '0';
	}
	return DEFAULT_MESSAGE_LOGLEVEL;
}

int printk(const char *fmt, ...)
{
	char buf[512], stamp[24];
	const char *msg = buf;
	int level, n, sn = 0;
	uint32_t flags;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	level = message_level(&msg);
	if (!line_open) {
		uint64_t us = boot_clock_us();

		sn = snprintf(stamp, sizeof(stamp), "[%5lu.%06lu] ",
			      (unsigned long)(us / 1000000),
			      (unsigned long)(us % 1000000));
	}
	n = strlen(msg);
	flags = local_irq_save();
	log_append(stamp, sn);
	log_append(msg, n);
	if (level < (int)console_loglevel) {
		console_write(stamp, sn);
		console_write(msg, n);
	}
	line_open = n && msg[n - 1] != '\n';
	local_irq_restore(flags);
	return n;
}

static unsigned long log_start(void)
{
	return log_end > LOG_BUF_LEN ? log_end - LOG_BUF_LEN : 0;
}

/* Prints the log buffer, oldest first (the shell's "dmesg"). */
void dmesg_print(void)
{
	for (unsigned long i = log_start(); i < log_end; i++)
		console_write(&log_buf[i % LOG_BUF_LEN], 1);
}

/* True if text appears in what the log buffer still holds. */
bool dmesg_contains(const char *text)
{
	size_t n = strlen(text);

	for (unsigned long i = log_start(); i + n <= log_end; i++) {
		size_t k = 0;

		while (k < n && log_buf[(i + k) % LOG_BUF_LEN] == text[k])
			k++;
		if (k == n)
			return true;
	}
	return false;
}
