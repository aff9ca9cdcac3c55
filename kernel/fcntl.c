/*
 * close, dup, dup2, dup3 and fcntl (fs/open.c and fs/fcntl.c in
 * Linux; dup3 and F_DUPFD_CLOEXEC came with Linux 2.6.27/2.6.24).
 * fcntl knows the descriptor calls F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD,
 * F_SETFD, F_GETFL and F_SETFL; any other command is -EINVAL.  fcntl64 (221)
 * is the same call: these commands take no 64-bit argument.
 */
#include "kernel/file.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "lib/errno.h"

long sys_close(int fd)
{
	return close_fd(fd);
}

/* A new descriptor, the lowest from `from` on, for oldfd's file. */
static long dupfd(int oldfd, int from, bool cloexec)
{
	struct file *f = fcheck(oldfd);
	int fd;

	if (!f)
		return -EBADF;
	fd = get_unused_fd(from);
	if (fd < 0)
		return fd;
	f->f_count++;
	fd_install(fd, f, cloexec);
	return fd;
}

long sys_dup(int oldfd)
{
	return dupfd(oldfd, 0, false);
}

/* newfd, another descriptor, becomes oldfd's file, closing what was
 * there (2.4.0's sys_dup2, in its order: the old file is dropped once
 * newfd holds the new; without its open_fds bitmap, no EBUSY; dup2
 * and dup3 answer for the same descriptor). */
static long do_dup2(int oldfd, int newfd, bool cloexec)
{
	struct file *f = fcheck(oldfd), *old;

	if (!f || newfd < 0 || newfd >= NR_OPEN)
		return -EBADF;
	old = fcheck(newfd);
	f->f_count++;
	fd_install(newfd, f, cloexec);
	if (old)
		fput(old);
	return newfd;
}

long sys_dup2(int oldfd, int newfd)
{
	if (oldfd == newfd)	/* only checks that it is open */
		return fcheck(oldfd) ? newfd : -EBADF;
	return do_dup2(oldfd, newfd, false);
}

long sys_dup3(int oldfd, int newfd, int flags)
{
	if ((flags & ~O_CLOEXEC) || oldfd == newfd)
		return -EINVAL;
	return do_dup2(oldfd, newfd, flags & O_CLOEXEC);
}

/* What F_SETFL may change (fs/fcntl.c's SETFL_MASK, of the flags
 * Pagoda knows; the console and pipes look at O_NONBLOCK, and no file
 * has an end to append at). */
#define SETFL_MASK	(O_APPEND | O_NONBLOCK)

long sys_fcntl(int fd, unsigned int cmd, unsigned long arg)
{
	struct file *f = fcheck(fd);

	if (!f)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (arg >= NR_OPEN)	/* past RLIMIT_NOFILE */
			return -EINVAL;
		return dupfd(fd, arg, cmd == F_DUPFD_CLOEXEC);
	case F_GETFD:
		return (current->files->close_on_exec >> fd) & 1;
	case F_SETFD:
		set_close_on_exec(fd, arg & FD_CLOEXEC);
		return 0;
	case F_GETFL:
		return f->f_flags;
	case F_SETFL:	/* the rest (access mode, O_CREAT...) ignored */
		f->f_flags = (f->f_flags & ~SETFL_MASK) | (arg & SETFL_MASK);
		return 0;
	}
	return -EINVAL;
}
