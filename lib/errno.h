/* Error numbers: Linux's values, so user programs see the same ones. */
#ifndef LIB_ERRNO_H
#define LIB_ERRNO_H

#define EPERM		1
#define ENOENT		2
#define ESRCH		3
#define EINTR		4
#define EIO		5
#define ENXIO		6
#define E2BIG		7
#define ENOEXEC		8
#define EBADF		9
#define ECHILD		10
#define EAGAIN		11
#define ENOMEM		12
#define EACCES		13
#define EFAULT		14
#define EBUSY		16
#define EEXIST		17
#define ENODEV		19
#define ENOTDIR		20
#define EISDIR		21
#define ENOTTY		25
#define EINVAL		22
#define ENFILE		23
#define EMFILE		24
#define ENOSPC		28
#define ESPIPE		29
#define EROFS		30
#define EPIPE		32
#define ERANGE		34
#define ENAMETOOLONG	36
#define ENOSYS		38
#define EOPNOTSUPP	95
#define ETIMEDOUT	110

/*
 * Kernel only, never seen in user mode: a system call a signal
 * interrupted, to be started again or made -EINTR on the way out
 * (syscall_restart(), kernel/signal.c; Linux's include/linux/errno.h).
 */
#define ERESTARTSYS	512
/* Started again only when no handler ran: a handler makes it -EINTR,
 * SA_RESTART or not (select after a stop and continue). */
#define ERESTARTNOHAND	514

#endif
