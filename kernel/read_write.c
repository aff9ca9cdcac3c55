/*
 * read() and write() (fs/read_write.c in Linux 2.4), on the open file
 * a descriptor names (kernel/file_table.c): the console, /dev/null,
 * /dev/zero (kernel/mem.c) or a pipe (kernel/pipe.c).  A descriptor
 * not open, or not open for reading (or writing), is -EBADF; a buffer
 * not all in user space -EFAULT, even when the count is past Linux's
 * cap per call (i386 Linux checks the whole count first: a length
 * that wraps is an error, not a transfer of what happens to be
 * mapped).  The file's read or write does the rest, the call holding
 * a reference to the file while it may sleep.  readv and writev are a
 * read or write per piece.
 */
#include "kernel/file.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"
#include "lib/errno.h"

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

/* Writes to f (2.4.0's part of sys_write after the descriptor is
 * looked up; 2.6's vfs_write).  No write op: swallowed unread. */
static long file_write(struct file *f, const void *buf, unsigned long count)
{
	if (!access_ok(buf, count))	/* all of it, as vfs_write() */
		return -EFAULT;
	count = min(count, MAX_RW_COUNT);
	if (!f->f_op->write || !count)
		return count;
	return f->f_op->write(f, buf, count);
}

/* Reads from f (2.6's vfs_read).  No read op: end of file, the buffer
 * unread. */
static long file_read(struct file *f, void *buf, unsigned long count)
{
	if (!access_ok(buf, count))	/* all of it, as vfs_read() */
		return -EFAULT;
	if (!f->f_op->read || !count)
		return 0;
	return f->f_op->read(f, buf, min(count, MAX_RW_COUNT));
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

/* Would a piece of len bytes take the call past what a long counts? */
static bool past_a_long(unsigned long len, unsigned long total)
{
	return len > 0x7fffffffUL - total;
}

/*
 * readv and writev (2.4.0's do_readv_writev): each piece in turn, as
 * one read or write, stopping after one that did less than its
 * length; the bytes done, or the first piece's error.  More than
 * UIO_MAXIOV pieces, or lengths whose sum overflows a long, are
 * EINVAL; an unreadable array EFAULT.  The array is read twice (2.4.0
 * copies it to the kernel once), and another thread may change it in
 * between, while a read of it faults: a piece that then takes the sum
 * past a long ends the call as a short one.  glibc's assert() and
 * abort() messages are writev()s.
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
		if (past_a_long(iov.iov_len, total))
			return -EINVAL;
		total += iov.iov_len;
	}
	total = 0;
	for (unsigned long i = 0; i < nr; i++) {
		long n;

		if (copy_from_user(&iov, &uvec[i], sizeof(iov)))
			return total ? (long)total : -EFAULT;
		if (past_a_long(iov.iov_len, total))
			return total ? (long)total : -EINVAL;
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

/*
 * lseek (19) and _llseek (140; fs/read_write.c): the file's llseek
 * says where it is now.  /dev/null and /dev/zero stay at 0 (dd seek=N
 * of=/dev/null); the console cannot seek (-ESPIPE, as a terminal's
 * no_llseek), nor a pipe (-ESPIPE, pipe_lseek).  2.4.0 seeks any file
 * without an llseek of its own (default_llseek); Pagoda's files
 * without one are the console's and the pipes'.  No llseek sleeps:
 * fcheck, no reference.
 */
static long do_lseek(int fd, long long offset, int whence,
		     long long *pos)
{
	struct file *f = fcheck(fd);

	if (!f)
		return -EBADF;
	if (whence < SEEK_SET || whence > SEEK_END)
		return -EINVAL;
	if (!f->f_op->llseek)
		return -ESPIPE;
	*pos = f->f_op->llseek(f, offset, whence);
	return *pos < 0 ? *pos : 0;
}

long sys_lseek(int fd, long offset, int whence)
{
	long long pos;
	long err = do_lseek(fd, offset, whence, &pos);

	return err ? err : (long)pos;
}

long sys_llseek(int fd, unsigned long high, unsigned long low,
		long long *result, int whence)
{
	long long pos;
	long err = do_lseek(fd, (long long)high << 32 | low, whence, &pos);

	if (err)
		return err;
	return copy_to_user(result, &pos, sizeof(pos)) ? -EFAULT : 0;
}
