/*
 * read() and write() (fs/read_write.c in Linux 2.4).  Pagoda has no
 * files: descriptors 0, 1 and 2 are the console, as a terminal is for
 * a Linux process started from a shell; any other is -EBADF.  User
 * memory is copied through a small kernel buffer, a chunk at a time.
 */
#include "kernel/console.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"
#include "lib/errno.h"

#define CHUNK		256
#define MAX_RW_COUNT	0x7ffff000UL	/* Linux's cap per call */

static bool is_console(int fd)
{
	return fd >= 0 && fd <= 2;
}

/*
 * Writes to the console.  A buffer that is not all in user space is
 * -EFAULT, even when the count is past Linux's cap per call (i386
 * Linux checks the whole count first: a length that wraps is an
 * error, not a write of what happens to be mapped).  A fault part-way
 * returns what was written, as Linux does; a fault before the first
 * byte returns -EFAULT.  A
 * long write (the serial line takes about 50 KiB a second under QEMU)
 * lets others run between chunks and stops at a signal, returning
 * what was written, as n_tty's write_chan() does: else one write of a
 * large buffer held the CPU for an hour, deaf to Ctrl-C and kill.
 */
long sys_write(int fd, const void *buf, unsigned long count)
{
	char chunk[CHUNK];
	unsigned long done = 0;

	if (!is_console(fd))
		return -EBADF;
	if (!access_ok(buf, count))	/* all of it, as vfs_write() */
		return -EFAULT;
	count = min(count, MAX_RW_COUNT);
	while (done < count) {
		unsigned long n = min(count - done, (unsigned long)CHUNK);
		unsigned long left = copy_from_user(chunk,
					(const char *)buf + done, n);

		console_write(chunk, n - left);
		done += n - left;
		if (left)
			return done ? (long)done : -EFAULT;
		if (signal_pending(current))
			break;
		cond_resched();
	}
	return done;
}

/*
 * Reads what the console has, at least one byte, waiting for it
 * (interruptibly: Ctrl-C ends the wait).  Raw bytes: no echo, no line
 * editing.
 */
long sys_read(int fd, void *buf, unsigned long count)
{
	char chunk[CHUNK];
	long n;

	if (!is_console(fd))
		return -EBADF;
	if (!access_ok(buf, count))	/* all of it, as vfs_read() */
		return -EFAULT;
	if (!count)
		return 0;
	n = console_read(chunk, min(count, (unsigned long)CHUNK));
	if (n > 0 && copy_to_user(buf, chunk, n))
		return -EFAULT;
	return n;
}
