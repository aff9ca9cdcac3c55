/*
 * Interval timers (2.4.0's kernel/itimer.c) and alarm (2.4.0's
 * sys_alarm, kernel/timer.c):
 *
 *   ITIMER_REAL	counts real time: a kernel timer sends SIGALRM
 *   ITIMER_VIRTUAL	counts the process's user time, in ticks: SIGVTALRM
 *   ITIMER_PROF	counts its user and system time: SIGPROF
 *
 * each reloaded from its interval when it fires (once if that is 0).
 * They belong to the process (Linux 2.6 keeps them in the thread
 * group's signal_struct; 2.4.0 in each task): here in its leader, in
 * a struct allocated by the first setitimer or alarm, so that a task
 * that never asks costs nothing.  fork() does not copy them, execve
 * keeps them (POSIX's rules, as in 2.4.0); they go when the process's
 * last thread exits (exit_itimers, from group_gone in kernel/exit.c).
 */
#include "kernel/itimer.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/timer.h"
#include "kernel/uaccess.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "mm/mm.h"
#include "mm/slab.h"

struct itimers {
	struct timer_list real_timer;	/* ITIMER_REAL's; data: leader */
	unsigned long real_incr;	/* its interval, in jiffies */
	unsigned long virt_value, virt_incr;	/* ticks of user time */
	unsigned long prof_value, prof_incr;	/* ticks of any time */
};

/*
 * The longest timer: a quarter of the jiffies counter's range (124
 * days), so that time_after() still sees it in the future, as Linux
 * caps timers at MAX_JIFFY_OFFSET (2.4.0 lets them wrap).
 */
#define MAX_ITIMER	(0x7fffffffUL / 2)

/* A timeval in ticks, rounded up (2.4.0's tvtojiffies). */
static unsigned long tvtojiffies(const struct timeval *tv)
{
	unsigned long sec = tv->tv_sec, usec = tv->tv_usec;

	if (sec >= MAX_ITIMER / HZ)
		return MAX_ITIMER;
	return HZ * sec + (usec + 1000000 / HZ - 1) / (1000000 / HZ);
}

static void jiffiestotv(unsigned long j, struct timeval *tv)
{
	tv->tv_sec = j / HZ;
	tv->tv_usec = (j % HZ) * (1000000 / HZ);
}

/* ITIMER_REAL fired, from the timer interrupt (2.4.0's it_real_fn). */
static void it_real_fn(unsigned long data)
{
	struct task_struct *leader = (struct task_struct *)data;
	struct itimers *it = leader->itimers;

	send_sig(SIGALRM, leader);
	if (it->real_incr) {
		it->real_timer.expires = jiffies + it->real_incr;
		add_timer(&it->real_timer);
	}
}

/* The process's timers, made on first use; NULL if out of memory. */
static struct itimers *get_itimers(struct task_struct *leader)
{
	struct itimers *it;

	if (leader->itimers)
		return leader->itimers;
	it = kmalloc(sizeof(*it), GFP_KERNEL);
	if (!it)
		return NULL;
	if (leader->itimers) {	/* another thread, while we slept */
		kfree(it);
		return leader->itimers;
	}
	memset(it, 0, sizeof(*it));
	init_timer(&it->real_timer);
	it->real_timer.function = it_real_fn;
	it->real_timer.data = (unsigned long)leader;
	leader->itimers = it;
	return it;
}

static int do_getitimer(struct itimers *it, int which, struct itimerval *v)
{
	unsigned long val = 0, interval = 0;

	switch (which) {
	case ITIMER_REAL:
		if (it && timer_pending(&it->real_timer)) {
			val = it->real_timer.expires - jiffies;
			if ((long)val <= 0)
				val = 1;	/* due: not yet run */
		}
		interval = it ? it->real_incr : 0;
		break;
	case ITIMER_VIRTUAL:
		val = it ? it->virt_value : 0;
		interval = it ? it->virt_incr : 0;
		break;
	case ITIMER_PROF:
		val = it ? it->prof_value : 0;
		interval = it ? it->prof_incr : 0;
		break;
	default:
		return -EINVAL;
	}
	jiffiestotv(val, &v->it_value);
	jiffiestotv(interval, &v->it_interval);
	return 0;
}

long sys_getitimer(int which, struct itimerval *value)
{
	struct itimerval v;
	int err = do_getitimer(current->group_leader->itimers, which, &v);

	if (err)
		return err;
	return copy_to_user(value, &v, sizeof(v)) ? -EFAULT : 0;
}

static bool timeval_valid(const struct timeval *tv)
{
	return tv->tv_sec >= 0 && tv->tv_usec >= 0 && tv->tv_usec < 1000000;
}

/* Sets timer which of current's process to *v; the old one in *old. */
static int do_setitimer(int which, const struct itimerval *v,
			struct itimerval *old)
{
	struct task_struct *leader = current->group_leader;
	unsigned long val = tvtojiffies(&v->it_value);
	unsigned long interval = tvtojiffies(&v->it_interval);
	struct itimers *it;
	int err;

	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	if (!timeval_valid(&v->it_value) || !timeval_valid(&v->it_interval))
		return -EINVAL;
	it = get_itimers(leader);
	if (!it)
		return -ENOMEM;
	err = do_getitimer(it, which, old);
	if (err)
		return err;
	switch (which) {
	case ITIMER_REAL:
		del_timer(&it->real_timer);
		it->real_incr = interval;
		if (val) {
			it->real_timer.expires = jiffies + val;
			add_timer(&it->real_timer);
		}
		break;
	case ITIMER_VIRTUAL:
		it->virt_value = val;
		it->virt_incr = interval;
		break;
	case ITIMER_PROF:
		it->prof_value = val;
		it->prof_incr = interval;
		break;
	}
	return 0;
}

/* A NULL value disarms, as in 2.4.0 (Linux 2.6 and later warn). */
long sys_setitimer(int which, const struct itimerval *value,
		   struct itimerval *ovalue)
{
	struct itimerval v, old;
	int err;

	memset(&v, 0, sizeof(v));
	if (value && copy_from_user(&v, value, sizeof(v)))
		return -EFAULT;
	err = do_setitimer(which, &v, &old);
	if (err)
		return err;
	if (ovalue && copy_to_user(ovalue, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/*
 * alarm(seconds): ITIMER_REAL once, 0 to cancel.  Returns the seconds
 * the last alarm had left, a part of one counting as one (2.4.0).
 */
long sys_alarm(unsigned int seconds)
{
	/* past INT_MAX: INT_MAX, not a negative tv_sec (Linux 2.6's) */
	struct itimerval v = { { 0, 0 }, { (long)min(seconds, 0x7fffffffU),
					   0 } }, old;

	if (do_setitimer(ITIMER_REAL, &v, &old))
		return 0;	/* no memory: as if none was set */
	return old.it_value.tv_sec + (old.it_value.tv_usec != 0);
}

/*
 * A virtual or profiling timer ran out in this tick: send its signal
 * and reload it (2.4.0's do_it_virt and do_it_prof).
 */
static void it_count(struct task_struct *leader, unsigned long *value,
		     unsigned long incr, int sig)
{
	if (!*value || --*value)
		return;
	*value = incr;
	send_sig(sig, leader);
}

/* From the timer tick: current ran this tick in user mode or not. */
void itimer_tick(struct task_struct *p, bool user_tick)
{
	struct task_struct *leader = p->group_leader;
	struct itimers *it = leader->itimers;

	if (!it)
		return;
	if (user_tick)
		it_count(leader, &it->virt_value, it->virt_incr, SIGVTALRM);
	it_count(leader, &it->prof_value, it->prof_incr, SIGPROF);
}

/*
 * execve in a thread that is not the leader: the timers go with the
 * leader's place (2.6 keeps them in the signal_struct, which both
 * share), and ITIMER_REAL's kernel timer must now name the new
 * leader, as the old one is about to be freed.  Interrupts off.
 */
void itimers_move(struct task_struct *from, struct task_struct *to)
{
	struct itimers *it = from->itimers;

	from->itimers = NULL;
	to->itimers = it;
	if (it)
		it->real_timer.data = (unsigned long)to;
}

/* The process's last thread has gone: its timers go too. */
void exit_itimers(struct task_struct *leader)
{
	struct itimers *it = leader->itimers;

	if (!it)
		return;
	del_timer(&it->real_timer);
	leader->itimers = NULL;
	kfree(it);
}
