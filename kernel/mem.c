/*
 * The character devices a descriptor can name (drivers/char/mem.c's
 * /dev/null and /dev/zero, and the console), and the paths open()
 * finds them at.  /dev/tty and /dev/console are the console itself:
 * Pagoda has one terminal and no controlling-terminal logic.
 */
#include "kernel/console.h"
#include "kernel/file.h"
#include "lib/string.h"

#define S_IFCHR		0020000

static long console_fread(struct file *f __unused, char *buf,
			  unsigned long n)
{
	return console_read(buf, n);
}

static long console_fwrite(struct file *f __unused, const char *buf,
			   unsigned long n)
{
	console_write(buf, n);
	return n;
}

static unsigned int console_fpoll(struct file *f __unused,
				  struct poll_table *pt)
{
	return console_poll(pt);
}

/* The serial line, /dev/ttyS0 (major 4, minor 64). */
const struct file_operations console_fops = {
	.read = console_fread, .write = console_fwrite, .poll = console_fpoll,
	.is_tty = true,
	.mode = S_IFCHR | 0620, .major = 4, .minor = 64,
};

/* /dev/null: end of file; writes swallowed (mem.c's read_null...). */
static long null_read(struct file *f __unused, char *buf __unused,
		      unsigned long n __unused)
{
	return 0;
}

static long null_write(struct file *f __unused, const char *buf __unused,
		       unsigned long n)
{
	return n;
}

/* /dev/null and /dev/zero stay at 0 whatever is asked (null_lseek). */
static long null_lseek(struct file *f __unused, long long offset __unused,
		       int whence __unused)
{
	return 0;
}

static const struct file_operations null_fops = {
	.read = null_read, .write = null_write, .llseek = null_lseek,
	.mode = S_IFCHR | 0666, .major = 1, .minor = 3,
};

/* /dev/zero: zeros, as many as asked for; writes swallowed. */
static long zero_read(struct file *f __unused, char *buf, unsigned long n)
{
	memset(buf, 0, n);
	return n;
}

static const struct file_operations zero_fops = {
	.read = zero_read, .write = null_write, .llseek = null_lseek,
	.fills = true,
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
