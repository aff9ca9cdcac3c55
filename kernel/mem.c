/*
 * The character devices a descriptor can name (drivers/char/mem.c's
 * /dev/null and /dev/zero, and the console), and the paths open()
 * finds them at.  /dev/tty and /dev/console are the console itself:
 * Pagoda has one terminal and no controlling-terminal logic.
 */
#include "kernel/abi.h"
#include "kernel/console.h"
#include "kernel/file.h"
#include "lib/errno.h"
#include "lib/string.h"

#define S_IFCHR		0020000

/* O_NONBLOCK with nothing typed: -EAGAIN, as n_tty_read answers. */
static long console_fread(struct file *f, char *buf, unsigned long n)
{
	if ((f->f_flags & O_NONBLOCK) && !console_has_input())
		return -EAGAIN;
	return console_read(buf, n);
}

static long console_fwrite(struct file *f __unused, const char *buf,
			   unsigned long n)
{
	console_write(buf, n);
	return n;
}

/* The serial line, /dev/ttyS0 (major 4, minor 64). */
const struct file_operations console_fops = {
	.read = console_fread, .write = console_fwrite, .is_tty = true,
	.mode = S_IFCHR | 0620, .major = 4, .minor = 64,
};

/* /dev/null: end of file; writes swallowed (mem.c's read_null and
 * write_null: neither looks at the buffer). */
static const struct file_operations null_fops = {
	.mode = S_IFCHR | 0666, .major = 1, .minor = 3,
};

/* /dev/zero: zeros; writes swallowed, unread. */
static long zero_read(struct file *f __unused, char *buf, unsigned long n)
{
	memset(buf, 0, n);
	return n;
}

/* mmap_zero: a private mapping of /dev/zero is anonymous memory. */
static const struct file_operations zero_fops = {
	.read = zero_read, .mmap_anon = true,
	.mode = S_IFCHR | 0666, .major = 1, .minor = 5,
};

/* The device at path (a kernel string), or NULL. */
const struct file_operations *device_by_path(const char *path)
{
	if (!strcmp(path, "/dev/null"))
		return &null_fops;
	if (!strcmp(path, "/dev/zero"))
		return &zero_fops;
	if (!strcmp(path, "/dev/tty") || !strcmp(path, "/dev/console"))
		return &console_fops;
	return NULL;
}
