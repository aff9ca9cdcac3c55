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

/* fd's open file if it was opened for writing (or reading), else NULL. */
static struct file *fget_mode(int fd, bool write)
{
	struct file *f = fget(fd);

	if (!f || (f->f_flags & O_ACCMODE) == (write ? O_RDONLY : O_WRONLY))
		return NULL;
	return f;
}

/*
 * Writes to fd's file.  A buffer that is not all in user space is
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
long sys_write(int fd, const void *buf, unsigned long count)
{
	struct file *f = fget_mode(fd, true);
	char chunk[CHUNK];
	unsigned long done = 0;

	if (!f)
		return -EBADF;
	if (!access_ok(buf, count))	/* all of it, as vfs_write() */
		return -EFAULT;
	count = min(count, MAX_RW_COUNT);
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
 * Reads from fd's file, a chunk at a time: what the console has, at
 * least one byte, waiting for it (interruptibly: Ctrl-C ends the
 * wait; raw bytes: no echo, no line editing), end of file, or, from a
 * device that always has more (/dev/zero: f_op->fills), as much as
 * was asked for, as 2.4.0's read_zero() gives (else `dd bs=1M
 * if=/dev/zero` read 256 bytes a record).  Such a long read lets
 * others run between chunks and stops at a signal with what it read,
 * as read_zero() does.  A buffer that cannot take a chunk is -EFAULT
 * (or the bytes read before it) before the chunk is taken, so the
 * console's bytes stay for the next read (n_tty's read likewise
 * moves its tail only past bytes it copied).
 */
long sys_read(int fd, void *buf, unsigned long count)
{
	struct file *f = fget_mode(fd, false);
	char chunk[CHUNK];
	unsigned long done = 0;

	if (!f)
		return -EBADF;
	if (!access_ok(buf, count))	/* all of it, as vfs_read() */
		return -EFAULT;
	count = min(count, MAX_RW_COUNT);
	while (done < count) {
		unsigned long n = min(count - done, (unsigned long)CHUNK);
		char *to = (char *)buf + done;
		long got;

		if (!user_writable(to, n))
			return done ? (long)done : -EFAULT;
		got = f->f_op->read(f, chunk, n);
		if (got <= 0)
			return done ? (long)done : got;
		if (copy_to_user(to, chunk, got))
			return done ? (long)done : -EFAULT;
		done += got;
		if (!f->f_op->fills || signal_pending(current))
			break;
		cond_resched();
	}
	return done;
}

/*
 * readv and writev (2.4.0's do_readv_writev): each piece in turn, as
 * one read or write, stopping after one that did less than its
 * length; the bytes done, or the first piece's error.  More than
 * UIO_MAXIOV pieces, or lengths whose sum overflows a long, are
 * EINVAL; an unreadable array EFAULT.  glibc's assert() and abort()
 * messages are writev()s.
 */
static long do_readv_writev(int fd, const struct iovec *uvec,
			    unsigned long nr, bool write)
{
	struct iovec iov;
	unsigned long total = 0;

	if (!fget_mode(fd, write))
		return -EBADF;
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
		n = write ? sys_write(fd, iov.iov_base, iov.iov_len)
			  : sys_read(fd, iov.iov_base, iov.iov_len);
		if (n < 0)
			return total ? (long)total : n;
		total += n;
		if ((unsigned long)n != iov.iov_len)
			break;
	}
	return total;
}

long sys_readv(int fd, const struct iovec *vec, unsigned long vlen)
{
	return do_readv_writev(fd, vec, vlen, false);
}

long sys_writev(int fd, const struct iovec *vec, unsigned long vlen)
{
	return do_readv_writev(fd, vec, vlen, true);
}

/*
 * lseek (19) and _llseek (140; fs/read_write.c): the file's llseek
 * says where it is now.  /dev/null and /dev/zero stay at 0 (dd seek=N
 * of=/dev/null); the console cannot seek (-ESPIPE, as a terminal's
 * no_llseek).  2.4.0 seeks any file without an llseek of its own
 * (default_llseek); Pagoda's files without one are the console's.
 */
static long do_lseek(int fd, long long offset, int whence,
		     long long *pos)
{
	struct file *f = fget(fd);

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
