/*
 * printk and cprintf for the kernel code built into the host unit
 * tests: both go into one buffer, which the tests read.
 */
#include "tests/host/kernel_shim.h"
#include "kernel/console.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "lib/vsprintf.h"

static char log_buf[8192];
static size_t log_len;

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(log_buf + log_len, sizeof(log_buf) - log_len, fmt, ap);
	va_end(ap);
	log_len += n;
	if (log_len >= sizeof(log_buf))
		log_len = sizeof(log_buf) - 1;
	return n;
}

/* Console output goes to the same buffer. */
int cprintf(const char *fmt, ...) __attribute__((alias("printk")));

const char *host_printk_log(void)
{
	return log_buf;
}

void host_printk_clear(void)
{
	log_len = 0;
	log_buf[0] = '\0';
}

bool host_printk_has(const char *text)
{
	return strstr(log_buf, text) != NULL;
}
