/*
 * read() and write() (fs/read_write.c in Linux 2.4), on the open file
 * a descriptor names (kernel/file_table.c): the console, /dev/null or
 * /dev/zero.  A descriptor not open, or not open for reading (or
 * writing), is -EBADF.  User memory is copied through a small kernel
 * buffer, a chunk at a time.  readv and writev are a read or write
 * per piece.
 */
#include "kernel/file.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"
#include "lib/errno.h"

#define CHUNK		256
#define MAX_RW_COUNT	0x7ffff000UL	/* Linux's cap per call */

/* fd's open file, with a reference (fget: a close by another thread
 * meanwhile leaves it to this call), if it was opened for writing (or
 * reading); else NULL. */
static struct file *fget_mode(int fd, bool write)
{
	struct file *f = fget(fd);

	if (f && !file_can(f, write)) {
		fput(f);
		return NULL;
	}
	return f;
}

/*
 * Writes to f (2.4.0's part of sys_write after the descriptor is
 * looked up; 2.6's vfs_write).  A buffer that is not all in user space is
 * -EFAULT, even when the count is past Linux's cap per call (i386
 * Linux checks the whole count first: a length that wraps is an
 * error, not a write of what happens to be mapped).  A fault part-way
 * returns what was written, as Linux does; a fault before the first
 * byte returns -EFAULT.  A long write (the serial line takes about
 * 50 KiB a second under QEMU) lets others run between chunks and
 * stops at a signal, returning what was written, as n_tty's
 * write_chan() does: else one write of a large buffer held the CPU
 * for an hour, deaf to Ctrl-C and kill.
 */
static long file_write(struct file *f, const void *buf, unsigned long count)
{
	char chunk[CHUNK];
	unsigned long done = 0;

	if (!access_ok(buf, count))	/* all of it, as vfs_write() */
		return -EFAULT;
	count = min(count, MAX_RW_COUNT);
	if (!f->f_op->write)		/* swallowed unread */
		return count;
	while (done < count) {
		unsigned long n = min(count - done, (unsigned long)CHUNK);
		unsigned long left = copy_from_user(chunk,
					(const char *)buf + done, n);

		long w = f->f_op->write(f, chunk, n - left);

		if (w < 0)
			return done ? (long)done : w;
		done += w;
		if (left)
			return done ? (long)done : -EFAULT;
		if (signal_pending(current))
			break;
		cond_resched();
	}
	return done;
}

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
 * Reads from f (2.6's vfs_read): zeros, end of file, or what the
 * console has, at least one byte, waiting for it (interruptibly:
 * Ctrl-C ends the wait; raw bytes: no echo, no line editing).  The
 * console gives at most a chunk, as a terminal gives what it has; the
 * other devices fill the buffer, stopping at a signal (read_zero's
 * loop).  A buffer that cannot take a chunk is -EFAULT before the
 * bytes are taken, so they stay for the next read (n_tty's read
 * likewise moves its tail only past bytes it copied).
 */
static long file_read(struct file *f, void *buf, unsigned long count)
{
	char chunk[CHUNK];
	unsigned long done = 0;

	if (!access_ok(buf, count))	/* all of it, as vfs_read() */
		return -EFAULT;
	if (!f->f_op->read)		/* end of file, the buffer unread */
		return 0;
	count = min(count, MAX_RW_COUNT);
	while (done < count) {
		char *to = (char *)buf + done;
		unsigned long n = min(count - done, (unsigned long)CHUNK);
		long got;

		if (!user_writable(to, n))
			return done ? (long)done : -EFAULT;
		got = f->f_op->read(f, chunk, n);
		if (got > 0 && copy_to_user(to, chunk, got))
			got = -EFAULT;
		if (got <= 0)
			return done ? (long)done : got;
		done += got;
		if ((unsigned long)got < n || f->f_op->is_tty ||
		    signal_pending(current))
			break;
		cond_resched();
	}
	return done;
}

/* read or write on fd's file, held for the whole call. */
static long read_write(int fd, void *buf, unsigned long count, bool write)
{
	struct file *f = fget_mode(fd, write);
	long ret;

	if (!f)
		return -EBADF;
	ret = write ? file_write(f, buf, count) : file_read(f, buf, count);
	fput(f);
	return ret;
}

long sys_write(int fd, const void *buf, unsigned long count)
{
	return read_write(fd, (void *)buf, count, true);
}

long sys_read(int fd, void *buf, unsigned long count)
{
	return read_write(fd, buf, count, false);
}

/*
 * readv and writev (2.4.0's do_readv_writev): each piece in turn, as
 * one read or write, stopping after one that did less than its
 * length; the bytes done, or the first piece's error.  More than
 * UIO_MAXIOV pieces, or lengths whose sum overflows a long, are
 * EINVAL; an unreadable array EFAULT.  glibc's assert() and abort()
 * messages are writev()s.
 */
static long do_readv_writev(struct file *f, const struct iovec *uvec,
			    unsigned long nr, bool write)
{
	struct iovec iov;
	unsigned long total = 0;

	if (nr > UIO_MAXIOV)
		return -EINVAL;
	for (unsigned long i = 0; i < nr; i++) {	/* check them all first */
		if (copy_from_user(&iov, &uvec[i], sizeof(iov)))
			return -EFAULT;
		if (iov.iov_len > 0x7fffffffUL - total)
			return -EINVAL;
		total += iov.iov_len;
	}
	total = 0;
	for (unsigned long i = 0; i < nr; i++) {
		long n;

		if (copy_from_user(&iov, &uvec[i], sizeof(iov)))
			return total ? (long)total : -EFAULT;
		n = write ? file_write(f, iov.iov_base, iov.iov_len)
			  : file_read(f, iov.iov_base, iov.iov_len);
		if (n < 0)
			return total ? (long)total : n;
		total += n;
		if ((unsigned long)n != iov.iov_len)
			break;
	}
	return total;
}

/* The file is held for the whole call: each piece goes to the file
 * the call began with, whatever another thread does with fd. */
static long readv_writev(int fd, const struct iovec *uvec,
			 unsigned long nr, bool write)
{
	struct file *f = fget_mode(fd, write);
	long ret;

	if (!f)
		return -EBADF;
	ret = do_readv_writev(f, uvec, nr, write);
	fput(f);
	return ret;
}

long sys_readv(int fd, const struct iovec *vec, unsigned long vlen)
{
	return readv_writev(fd, vec, vlen, false);
}

long sys_writev(int fd, const struct iovec *vec, unsigned long vlen)
{
	return readv_writev(fd, vec, vlen, true);
}
