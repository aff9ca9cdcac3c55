/* System-call wrappers: the C library's face of kernel/abi.h. */
#include "user/lib/libc.h"

int errno;

/* Linux returns -4095..-1 for errors, anything else is a result. */
static long check(long ret)
{
	if (ret < 0 && ret > -4096) {
		errno = -ret;
		return -1;
	}
	return ret;
}

#define SYSCALL(nr, a, b, c, d, e, f) \
	check(__syscall(nr, (long)(a), (long)(b), (long)(c), (long)(d), \
			(long)(e), (long)(f)))

__noreturn void exit(int status)
{
	for (;;)
		__syscall(__NR_exit_group, status, 0, 0, 0, 0, 0);
}

int fork(void)
{
	return SYSCALL(__NR_fork, 0, 0, 0, 0, 0, 0);
}

long read(int fd, void *buf, unsigned long count)
{
	return SYSCALL(__NR_read, fd, buf, count, 0, 0, 0);
}

long write(int fd, const void *buf, unsigned long count)
{
	return SYSCALL(__NR_write, fd, buf, count, 0, 0, 0);
}

int waitpid(int pid, int *status, int options)
{
	return SYSCALL(__NR_waitpid, pid, status, options, 0, 0, 0);
}

int getpid(void)
{
	return SYSCALL(__NR_getpid, 0, 0, 0, 0, 0, 0);
}

int getppid(void)
{
	return SYSCALL(__NR_getppid, 0, 0, 0, 0, 0, 0);
}

int kill(int pid, int sig)
{
	return SYSCALL(__NR_kill, pid, sig, 0, 0, 0, 0);
}

/* brk() returns the new end, or the old one if it could not move. */
void *sbrk(long increment)
{
	unsigned long cur = __syscall(__NR_brk, 0, 0, 0, 0, 0, 0);
	unsigned long want = cur + increment;

	if (increment && (unsigned long)__syscall(__NR_brk, want, 0, 0, 0,
						  0, 0) != want) {
		errno = ENOMEM;
		return (void *)-1;
	}
	return (void *)cur;
}

void *mmap(void *addr, unsigned long len, int prot, int flags, int fd,
	   unsigned long offset)
{
	if (offset % PAGE_SIZE) {
		errno = EINVAL;
		return MAP_FAILED;
	}
	return (void *)SYSCALL(__NR_mmap2, addr, len, prot, flags, fd,
			       offset / PAGE_SIZE);
}

int munmap(void *addr, unsigned long len)
{
	return SYSCALL(__NR_munmap, addr, len, 0, 0, 0, 0);
}

int mprotect(void *addr, unsigned long len, int prot)
{
	return SYSCALL(__NR_mprotect, addr, len, prot, 0, 0, 0);
}

int sched_yield(void)
{
	return SYSCALL(__NR_sched_yield, 0, 0, 0, 0, 0, 0);
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	return SYSCALL(__NR_nanosleep, req, rem, 0, 0, 0, 0);
}

int getrusage(int who, struct rusage *usage)
{
	return SYSCALL(__NR_getrusage, who, usage, 0, 0, 0, 0);
}
