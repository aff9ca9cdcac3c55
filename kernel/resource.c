/*
 * The calls about a process's resources (2.4.0's kernel/sys.c):
 * times, the resource limits, the CPUs it may run on, its priority.
 */
#include "kernel/exit.h"
#include "kernel/file.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/mm.h"
#include "mm/mmap.h"

/*
 * times (2.4.0's sys_times): the process's CPU ticks and its reaped
 * children's, and the ticks since boot (HZ is Linux i386's USER_HZ,
 * 100, so no conversion).  buf may be NULL.
 */
long sys_times(struct tms *buf)
{
	struct task_struct *p = current->group_leader;
	struct group_usage u;
	struct tms t;

	thread_group_usage(p, &u);	/* every thread's ticks */
	t = (struct tms){ u.utime, u.stime, p->cutime, p->cstime };
	if (buf && copy_to_user(buf, &t, sizeof(t)))
		return -EFAULT;
	return jiffies;
}

/*
 * The resource limits, one value for every process: what Pagoda
 * enforces (the stack's 8 MiB, mlock's half of RAM), 0 where it has
 * nothing (no core dumps, no real-time priorities, no nice above the
 * start), NR_OPEN descriptors (kernel/file.h), and no limit elsewhere.
 * Pagoda keeps no per-process limits: setrlimit accepts a call that
 * changes nothing, refuses a raise above the hard limit with EPERM as
 * Linux does for a process without CAP_SYS_RESOURCE, and refuses a
 * real change with EPERM too (saying "not allowed" rather than
 * pretending to store a limit it would not enforce).
 */
static uint64_t rlimit_of(unsigned int resource)
{
	switch (resource) {
	case RLIMIT_STACK:
		return STACK_LIMIT;
	case RLIMIT_CORE:
	case RLIMIT_NICE:
	case RLIMIT_RTPRIO:
		return 0;
	case RLIMIT_NOFILE:
		return NR_OPEN;		/* kernel/file.h */
	case RLIMIT_MEMLOCK:
		return (uint64_t)(num_physpages / 2) * PAGE_SIZE;
	}
	return RLIM64_INFINITY;
}

/* A new limit for resource: 0 if it is the one there is (above). */
static long check_new_limit(unsigned int resource, const struct rlimit64 *r)
{
	if (r->rlim_cur > r->rlim_max)
		return -EINVAL;
	if (r->rlim_cur != rlimit_of(resource) ||
	    r->rlim_max != rlimit_of(resource))
		return -EPERM;
	return 0;
}

/*
 * prlimit64 (Linux 2.6.36): any process's limits (pid 0: the
 * caller's), read and set in 64-bit values.
 */
long sys_prlimit64(int pid, unsigned int resource,
		   const struct rlimit64 *new, struct rlimit64 *old)
{
	uint64_t lim;
	struct rlimit64 r;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (pid && (pid < 0 || !find_task_by_pid(pid)))
		return -ESRCH;
	if (new) {
		long err;

		if (copy_from_user(&r, new, sizeof(r)))
			return -EFAULT;
		err = check_new_limit(resource, &r);
		if (err)
			return err;
	}
	lim = rlimit_of(resource);
	r.rlim_cur = r.rlim_max = lim;
	if (old && copy_to_user(old, &r, sizeof(r)))
		return -EFAULT;
	return 0;
}

/* A limit in an unsigned long: infinity, and what does not fit, ~0. */
static unsigned long rlim_long(uint64_t v, unsigned long infinity)
{
	return v > infinity ? infinity : (unsigned long)v;
}

static long getrlimit(unsigned int resource, struct rlimit *rlim,
		      unsigned long infinity)
{
	struct rlimit out;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	out.rlim_cur = out.rlim_max = rlim_long(rlimit_of(resource), infinity);
	return copy_to_user(rlim, &out, sizeof(out)) ? -EFAULT : 0;
}

/* ugetrlimit (191, 2.4.0's sys_getrlimit): RLIM_INFINITY is ~0. */
long sys_ugetrlimit(unsigned int resource, struct rlimit *rlim)
{
	return getrlimit(resource, rlim, RLIM_INFINITY);
}

/* The old getrlimit (76, 2.4.0's sys_old_getrlimit): 0x7fffffff. */
long sys_old_getrlimit(unsigned int resource, struct rlimit *rlim)
{
	return getrlimit(resource, rlim, 0x7fffffff);
}

long sys_setrlimit(unsigned int resource, const struct rlimit *rlim)
{
	struct rlimit r;
	struct rlimit64 r64;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (copy_from_user(&r, rlim, sizeof(r)))
		return -EFAULT;
	r64.rlim_cur = r.rlim_cur == RLIM_INFINITY ? RLIM64_INFINITY
						   : r.rlim_cur;
	r64.rlim_max = r.rlim_max == RLIM_INFINITY ? RLIM64_INFINITY
						   : r.rlim_max;
	return check_new_limit(resource, &r64);
}

/* A process (pid 0: the caller) that is a user process, or NULL. */
static struct task_struct *user_task(int pid)
{
	struct task_struct *p = pid ? find_task_by_pid(pid) : current;

	return pid >= 0 && p && p->mm ? p : NULL;
}

/*
 * sched_getaffinity (Linux 2.5.8): the CPUs the task may run on.
 * Pagoda runs on one, CPU 0: a mask of one unsigned long with bit 0,
 * so glibc's get_nprocs() counts 1.  A buffer shorter than that, or
 * not whole unsigned longs, is EINVAL, as in Linux.
 */
long sys_sched_getaffinity(int pid, unsigned int len, unsigned long *mask)
{
	unsigned long one_cpu = 1;

	if (len < sizeof(one_cpu) || (len & (sizeof(one_cpu) - 1)))
		return -EINVAL;
	if (!user_task(pid))
		return -ESRCH;
	if (copy_to_user(mask, &one_cpu, sizeof(one_cpu)))
		return -EFAULT;
	return sizeof(one_cpu);
}

/*
 * getpriority and setpriority (2.4.0's kernel/sys.c) of one task
 * (PRIO_PROCESS; 0 is the caller): the nice value, which
 * getpriority returns as 20 - nice so that it is never negative
 * (glibc turns it back).  PRIO_PGRP (a group's: not done) and
 * PRIO_USER (Pagoda has one user) are EINVAL.  A nice beyond -20..19 is
 * clamped, as Linux does; every process may lower it (all are root).
 */
long sys_getpriority(int which, int who)
{
	struct task_struct *p;

	if (which != PRIO_PROCESS)
		return -EINVAL;
	p = user_task(who);
	return p ? 20 - p->nice : -ESRCH;
}

long sys_setpriority(int which, int who, int niceval)
{
	struct task_struct *p;

	if (which != PRIO_PROCESS)
		return -EINVAL;
	p = user_task(who);
	if (!p)
		return -ESRCH;
	return set_user_nice(p, min(max(niceval, NICE_MIN), NICE_MAX));
}
