/* printf and friends: format with lib/vsprintf.c, then one write(). */
#include "user/lib/libc.h"

static int vdprintf(int fd, const char *fmt, va_list ap)
{
	char buf[1024];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);

	write(fd, buf, n < (int)sizeof(buf) ? n : (int)sizeof(buf) - 1);
	return n;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vdprintf(1, fmt, ap);
	va_end(ap);
	return n;
}

int dprintf(int fd, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vdprintf(fd, fmt, ap);
	va_end(ap);
	return n;
}

const char *strerror(int err)
{
	switch (err) {
	case EPERM:	return "Operation not permitted";
	case ENOENT:	return "No such file or directory";
	case ESRCH:	return "No such process";
	case EINTR:	return "Interrupted system call";
	case EBADF:	return "Bad file descriptor";
	case ECHILD:	return "No child processes";
	case EAGAIN:	return "Resource temporarily unavailable";
	case ENOMEM:	return "Cannot allocate memory";
	case EACCES:	return "Permission denied";
	case EFAULT:	return "Bad address";
	case ENODEV:	return "No such device";
	case EINVAL:	return "Invalid argument";
	case ENOSYS:	return "Function not implemented";
	default:	return "Unknown error";
	}
}
