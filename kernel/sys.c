/* Small system calls about the calling process (kernel/sys.c, timer.c). */
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "lib/errno.h"
#include "lib/string.h"

long sys_getpid(void)
{
	return current->pid;
}

long sys_getppid(void)
{
	return current->parent->pid;
}

static void ticks_to_timeval(unsigned long ticks, struct timeval *tv)
{
	tv->tv_sec = ticks / HZ;
	tv->tv_usec = (ticks % HZ) * (1000000 / HZ);
}

/*
 * getrusage(who, ru): CPU times and page-fault counts, of the caller
 * or of its reaped children.  The fields Pagoda does not count
 * (ru_maxrss among them) are 0.
 */
long sys_getrusage(int who, struct rusage *ru)
{
	struct task_struct *p = current;
	struct rusage r;

	memset(&r, 0, sizeof(r));
	if (who == RUSAGE_SELF) {
		ticks_to_timeval(p->utime, &r.ru_utime);
		ticks_to_timeval(p->stime, &r.ru_stime);
		r.ru_minflt = p->min_flt;
		r.ru_majflt = p->maj_flt;
	} else if (who == RUSAGE_CHILDREN) {
		ticks_to_timeval(p->cutime, &r.ru_utime);
		ticks_to_timeval(p->cstime, &r.ru_stime);
		r.ru_minflt = p->cmin_flt;
		r.ru_majflt = p->cmaj_flt;
	} else {
		return -EINVAL;
	}
	return copy_to_user(ru, &r, sizeof(r)) ? -EFAULT : 0;
}
