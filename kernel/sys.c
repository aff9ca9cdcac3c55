/* Small system calls about the calling process and the system (kernel/sys.c). */
#include "kernel/exit.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "lib/errno.h"
#include "lib/string.h"

/* The process's id: its group's, as 2.4.0's sys_getpid returns tgid. */
long sys_getpid(void)
{
	return current->tgid;
}

/* The thread's own id (gettid: later 2.4 and 2.6; 2.4.0 has none). */
long sys_gettid(void)
{
	return current->pid;
}

/* The parent of the process: its leader's, the same from any thread. */
long sys_getppid(void)
{
	return current->group_leader->parent->pid;
}

/*
 * Process groups and sessions (2.4.0's sys_setpgid and its
 * neighbours).  They belong to a process, so they are kept in its
 * leader (2.6 keeps them in signal_struct, 2.4.0 in each task): pid
 * names a process, and a thread's tid that is not its leader's is
 * EINVAL to setpgid, as in 2.6.  The kernel shell leads session 1
 * and puts each program it runs in a group of its own
 * (kernel/tty_io.c, kernel/jobs.c).
 */

/* Is there a process of group pgrp in session? (setpgid's loop) */
static bool pgrp_in_session(int pgrp, int session)
{
	struct task_struct *p;

	for_each_task(p)
		if (p == p->group_leader && p->pgrp == pgrp &&
		    p->session == session)
			return true;
	return false;
}

/*
 * Moves process pid (0: the caller) into group pgid (0: pid's own):
 * the caller itself or a child of its session that has not exec'd
 * (EACCES after), not a session leader (EPERM); the group must be
 * pid's own or one that exists in the caller's session (EPERM).
 */
long sys_setpgid(int pid, int pgid)
{
	struct task_struct *me = current->group_leader, *p;

	if (!pid)
		pid = me->pid;
	if (!pgid)
		pgid = pid;
	if (pgid < 0)
		return -EINVAL;
	p = find_task_by_pid(pid);
	if (!p)
		return -ESRCH;
	if (p != p->group_leader)
		return -EINVAL;
	if (p->parent == me) {
		if (p->session != me->session)
			return -EPERM;
		if (p->did_exec)
			return -EACCES;
	} else if (p != me) {
		return -ESRCH;
	}
	if (p->leader)
		return -EPERM;
	if (pgid != pid && !pgrp_in_session(pgid, me->session))
		return -EPERM;
	p->pgrp = pgid;
	return 0;
}

/* The process group of process pid (0: the caller's). */
long sys_getpgid(int pid)
{
	struct task_struct *p = pid ? find_task_by_pid(pid) : current;

	return p ? p->group_leader->pgrp : -ESRCH;
}

long sys_getpgrp(void)
{
	return current->group_leader->pgrp;
}

/* The session of process pid (0: the caller's). */
long sys_getsid(int pid)
{
	struct task_struct *p = pid ? find_task_by_pid(pid) : current;

	return p ? p->group_leader->session : -ESRCH;
}

/*
 * A new session and group, both named by the caller's pid, with no
 * controlling terminal; EPERM if a group of that id exists already
 * (the caller leads one: a shell's job must fork first).
 */
long sys_setsid(void)
{
	struct task_struct *me = current->group_leader, *p;

	for_each_task(p)
		if (p == p->group_leader && p->pgrp == me->pid)
			return -EPERM;
	me->leader = true;
	me->session = me->pgrp = me->pid;
	me->tty = NULL;
	return me->pgrp;
}

/*
 * Pagoda has no users: every task is root, uid and gid 0, real and
 * effective, as 2.4.0's tasks of init's credentials are.  This one
 * function answers getuid, geteuid, getgid and getegid, in both the
 * 16-bit (24, 49, 47, 50) and the 32-bit forms (199 to 202, which
 * 2.4.0 has too); glibc does not check their results.
 */
long sys_getuid(void)
{
	return 0;
}

/*
 * getgroups and getgroups32 (2.4.0's sys_getgroups): no supplementary
 * groups, so the count is 0 and nothing is written, whatever the
 * size; a negative size is EINVAL.
 */
long sys_getgroups(int gidsetsize, void *grouplist __unused)
{
	return gidsetsize < 0 ? -EINVAL : 0;
}

static void ticks_to_timeval(unsigned long ticks, struct timeval *tv)
{
	tv->tv_sec = ticks / HZ;
	tv->tv_usec = (ticks % HZ) * (1000000 / HZ);
}

/* Adds t's own ticks and faults to *u. */
void add_usage(struct group_usage *u, const struct task_struct *t)
{
	u->utime += t->utime;
	u->stime += t->stime;
	u->min_flt += t->min_flt;
	u->maj_flt += t->maj_flt;
}

/*
 * The CPU ticks and faults of p's process (Linux 2.6's
 * thread_group_cputime): those its exited threads left in the leader
 * (exit_thread), and each live thread's.
 */
void thread_group_usage(const struct task_struct *p, struct group_usage *u)
{
	const struct task_struct *leader = p->group_leader, *t = leader;

	*u = leader->dead;
	do {
		add_usage(u, t);
		t = next_thread(t);
	} while (t != leader);
}

/*
 * Linux 2.4's getrusage(p, who, ru): the CPU times and page-fault
 * counts of p's process, every thread's (RUSAGE_SELF, as Linux 2.6
 * counts it), its reaped children's (RUSAGE_CHILDREN), or both added
 * up (RUSAGE_BOTH, kernel only: wait4 reports a child so).  The
 * fields Pagoda does not count (ru_maxrss among them) are 0.
 */
long getrusage(struct task_struct *p, int who, struct rusage *ru)
{
	unsigned long utime = 0, stime = 0;
	struct group_usage self;
	struct rusage r;

	memset(&r, 0, sizeof(r));
	if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN &&
	    who != RUSAGE_BOTH)
		return -EINVAL;
	if (who != RUSAGE_CHILDREN) {
		thread_group_usage(p, &self);
		utime += self.utime;
		stime += self.stime;
		r.ru_minflt += self.min_flt;
		r.ru_majflt += self.maj_flt;
	}
	if (who != RUSAGE_SELF) {
		utime += p->cutime;
		stime += p->cstime;
		r.ru_minflt += p->cmin_flt;
		r.ru_majflt += p->cmaj_flt;
	}
	ticks_to_timeval(utime, &r.ru_utime);
	ticks_to_timeval(stime, &r.ru_stime);
	return copy_to_user(ru, &r, sizeof(r)) ? -EFAULT : 0;
}

/*
 * umask (60; kernel/sys.c): the old mask, the new one's permission
 * bits kept.  Nothing is made with a mode in Pagoda, but ash's umask
 * builtin prints it (an -ENOSYS came out as 37777777732).  Each task
 * has its own, inherited by its children; 2.4.0's lives in fs_struct,
 * shared by the threads CLONE_FS made, which Pagoda has not.
 */
long sys_umask(int mask)
{
	unsigned int old = current->umask;

	current->umask = mask & 0777;
	return old;
}

/* getrusage(who, ru) of the caller: RUSAGE_BOTH is not for users. */
long sys_getrusage(int who, struct rusage *ru)
{
	if (who == RUSAGE_BOTH)
		return -EINVAL;
	return getrusage(current, who, ru);
}

/*
 * uname (Linux's sys_newuname).  The release names the Linux Pagoda
 * follows, 2.4.0, so that a program printing it tells the reader which
 * kernel's calls and VM to expect; glibc 2.36 does not check it.
 */
static const struct new_utsname pagoda_uts = {
	.sysname = "Pagoda",
	.nodename = "pagoda",
	.release = "2.4.0-pagoda",
	.version = "#1",
	.machine = "i686",
	.domainname = "(none)",
};

long sys_uname(struct new_utsname *name)
{
	return copy_to_user(name, &pagoda_uts, sizeof(pagoda_uts)) ?
	       -EFAULT : 0;
}
