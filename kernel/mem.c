/*
 * The character devices a descriptor can name (drivers/char/mem.c's
 * /dev/null and /dev/zero, and the console), and the paths open()
 * finds them at.  /dev/tty and /dev/console are the console itself:
 * Pagoda has one terminal and no controlling-terminal logic.  The
 * console and /dev/zero move user memory through a small kernel
 * buffer, a chunk at a time.
 */
#include "kernel/abi.h"
#include "kernel/console.h"
#include "kernel/file.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/tty.h"
#include "kernel/uaccess.h"
#include "lib/errno.h"
#include "lib/string.h"

#define S_IFCHR		0020000
#define CHUNK		256

/*
 * Whether the n bytes at buf can be written: a byte of each page is
 * read and written back, which brings the page in (demand zero, copy
 * on write, the stack growing) or fails where the copy would fail.
 */
static bool user_writable(char *buf, unsigned long n)
{
	unsigned long page = (unsigned long)buf & PAGE_MASK;

	for (; page < (unsigned long)buf + n; page += PAGE_SIZE) {
		char *p = max((char *)page, buf), c;

		if (copy_from_user(&c, p, 1) || copy_to_user(p, &c, 1))
			return false;
	}
	return true;
}

/*
 * Reads at most a chunk, as the console's settings say (a line in
 * canonical mode, else VMIN and VTIME's bytes: kernel/n_tty.c), once
 * the reader's group is the foreground one (console_job_control),
 * waiting for it interruptibly (Ctrl-C ends the wait); with
 * O_NONBLOCK and nothing typed n_tty_read's answer (-EAGAIN, or 0
 * where VMIN and VTIME are 0) before the buffer is looked at.  A buffer that cannot take them is -EFAULT
 * before they are taken, so they stay for the next read (n_tty's read
 * likewise moves its tail only past bytes it copied).  Its fault may
 * sleep while another reader takes what was typed: console_read
 * looks again, and with O_NONBLOCK does not wait either.
 */
static long console_fread(struct file *f, char *buf, unsigned long n)
{
	bool nonblock = f->f_flags & O_NONBLOCK;
	char chunk[CHUNK];
	long got = console_job_control();

	if (got)
		return got;
	n = min(n, (unsigned long)CHUNK);
	if (nonblock && !console_has_input())
		return console_read(chunk, n, true);
	if (!user_writable(buf, n))
		return -EFAULT;
	got = console_read(chunk, n, nonblock);
	if (got > 0 && copy_to_user(buf, chunk, got))
		return -EFAULT;
	return got;
}

/*
 * Moves count bytes between user memory at ubuf and a device, a chunk
 * at a time through a kernel buffer: to the user, what dev puts in the
 * chunk; from the user, the chunk handed to dev.  A fault part-way
 * returns the bytes moved, as Linux does; a fault before the first
 * byte -EFAULT.  A long move lets others run between chunks and stops
 * at a signal with the bytes moved, as n_tty's write_chan() and
 * read_zero() do: else one write of a large buffer to the serial line
 * (about 50 KiB a second under QEMU) held the CPU for an hour, deaf to
 * Ctrl-C and kill.
 */
long move_chunks(char *ubuf, unsigned long count, bool to_user,
			void (*dev)(char *chunk, unsigned long n))
{
	char chunk[CHUNK];
	unsigned long done = 0;

	while (done < count) {
		unsigned long n = min(count - done, (unsigned long)CHUNK);
		unsigned long left;

		if (to_user) {
			dev(chunk, n);
			left = copy_to_user(ubuf + done, chunk, n);
		} else {
			left = copy_from_user(chunk, ubuf + done, n);
			dev(chunk, n - left);
		}
		done += n - left;
		if (left)
			return done ? (long)done : -EFAULT;
		if (signal_pending(current))
			break;
		cond_resched();
	}
	return done;
}

/* A program's output, with OPOST's translation (kernel/n_tty.c). */
static void to_console(char *chunk, unsigned long n)
{
	n_tty_write(&console_tty, chunk, n);
}

static long console_fwrite(struct file *f __unused, const char *buf,
			   unsigned long count)
{
	return move_chunks((char *)buf, count, false, to_console);
}

/* The serial line, /dev/ttyS0 (major 4, minor 64). */
const struct file_operations console_fops = {
	.read = console_fread, .write = console_fwrite, .poll = console_poll,
	.is_tty = true,
	.mode = S_IFCHR | 0620, .major = 4, .minor = 64,
};

/* /dev/null and /dev/zero stay at 0 whatever is asked (null_lseek). */
static long null_lseek(struct file *f __unused, long long offset __unused,
		       int whence __unused)
{
	return 0;
}

/* /dev/null: end of file; writes swallowed (mem.c's read_null and
 * write_null: neither looks at the buffer; see kernel/read_write.c). */
static const struct file_operations null_fops = {
	.llseek = null_lseek,
	.mode = S_IFCHR | 0666, .major = 1, .minor = 3,
};

static void zeros(char *chunk, unsigned long n)
{
	memset(chunk, 0, n);
}

/* /dev/zero: as many zeros as asked for, as 2.4.0's read_zero() gives
 * (else `dd bs=1M if=/dev/zero` read 256 bytes a record); writes are
 * swallowed unread. */
static long zero_read(struct file *f __unused, char *buf, unsigned long n)
{
	return move_chunks(buf, n, true, zeros);
}

/* mmap_zero: a private mapping of /dev/zero is anonymous memory. */
static const struct file_operations zero_fops = {
	.read = zero_read, .llseek = null_lseek, .mmap_anon = true,
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
	if (!strcmp(path, "/dev/random"))
		return &random_fops;
	if (!strcmp(path, "/dev/urandom"))
		return &urandom_fops;
	return NULL;
}
