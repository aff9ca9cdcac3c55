/*
 * poll (168; fs/select.c in Linux 2.4: sys_poll, do_poll): which of
 * the descriptors are ready, sleeping until one is, the timeout runs
 * out or a signal comes.  busybox's line editing polls the console
 * before it reads each key.  A file's f_op->poll says what it is
 * ready for and puts the caller on the wait queues that will say
 * when that changes (the console's input); a file without one is
 * always ready to read and write (2.4's DEFAULT_POLLMASK: /dev/null,
 * /dev/zero).
 */
#include <limits.h>

#include "kernel/abi.h"
#include "kernel/poll.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/timer.h"
#include "kernel/uaccess.h"
#include "lib/errno.h"
#include "mm/mm.h"
#include "mm/slab.h"

#define DEFAULT_POLLMASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

/* Puts current on q, f's, until poll() is done (pt NULL: not this
 * time); the entry holds f (2.4.0's __pollwait). */
void poll_wait(struct file *f, wait_queue_head_t *q, struct poll_table *pt)
{
	if (!pt || pt->nr == NR_OPEN)
		return;
	f->f_count++;
	pt->entry[pt->nr].filp = f;
	pt->entry[pt->nr].head = q;
	pt->entry[pt->nr].wait = (wait_queue_t){ current,
		LIST_HEAD_INIT(pt->entry[pt->nr].wait.task_list) };
	add_wait_queue(q, &pt->entry[pt->nr++].wait);
}

/* Leaves every queue and drops the files (2.4.0's poll_freewait). */
static void poll_freewait(struct poll_table *pt)
{
	for (int i = 0; i < pt->nr; i++) {
		remove_wait_queue(pt->entry[i].head, &pt->entry[i].wait);
		fput(pt->entry[i].filp);
	}
}

/* What p's descriptor is ready for of what it asks, and always its
 * errors; POLLNVAL if it is not open, nothing for a negative one. */
static short poll_one(const struct pollfd *p, struct poll_table *pt)
{
	struct file *f;
	unsigned int mask;

	if (p->fd < 0)
		return 0;
	f = fcheck(p->fd);	/* no poll op sleeps; poll_wait holds it */
	if (!f)
		return POLLNVAL;
	mask = f->f_op->poll ? f->f_op->poll(f, pt) : DEFAULT_POLLMASK;
	return mask & (p->events | POLLERR | POLLHUP);
}

/*
 * 2.4.0's do_poll: look at every descriptor, asleep (interruptibly)
 * before the look so that a wake-up after it is not missed, until one
 * is ready.  The wait queues are joined on the first look only.
 */
static int do_poll(struct pollfd *fds, unsigned int nfds,
		   struct poll_table *pt, long timeout)
{
	struct poll_table *wait = pt;
	int count;

	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		count = 0;
		for (unsigned int i = 0; i < nfds; i++) {
			fds[i].revents = poll_one(&fds[i], wait);
			count += fds[i].revents != 0;
		}
		wait = NULL;
		if (count || !timeout || signal_pending(current))
			break;
		timeout = schedule_timeout(timeout);
	}
	set_current_state(TASK_RUNNING);
	poll_freewait(pt);
	return count;
}

/* Ticks for a poll timeout in milliseconds, rounded up, and one more
 * for the tick under way (2.4.0's sys_poll); negative: for ever. */
static long poll_jiffies(long msecs)
{
	if (msecs < 0)
		return MAX_SCHEDULE_TIMEOUT;
	if (!msecs)
		return 0;
	return msecs / 1000 * HZ + (msecs % 1000 * HZ + 999) / 1000 + 1;
}

/*
 * More descriptors than RLIMIT_NOFILE (NR_OPEN) is -EINVAL, an array
 * that cannot be read or written back -EFAULT; a signal before any is
 * ready -EINTR, as in 2.4.0.  Returns how many are ready.
 */
long sys_poll(struct pollfd *ufds, unsigned int nfds, long timeout_msecs)
{
	struct pollfd fds[NR_OPEN];
	struct poll_table *pt;
	int count;

	if (nfds > NR_OPEN)
		return -EINVAL;
	if (copy_from_user(fds, ufds, nfds * sizeof(*fds)))
		return -EFAULT;
	pt = kmalloc(sizeof(*pt), GFP_KERNEL);
	if (!pt)
		return -ENOMEM;
	pt->nr = 0;
	count = do_poll(fds, nfds, pt, poll_jiffies(timeout_msecs));
	kfree(pt);
	if (!count && signal_pending(current))
		return -EINTR;
	for (unsigned int i = 0; i < nfds; i++)
		if (copy_to_user(&ufds[i].revents, &fds[i].revents,
				 sizeof(fds[i].revents)))
			return -EFAULT;
	return count;
}

/*
 * select (142, _newselect; 2.4.0's sys_select and do_select) and
 * pselect6 (308; Linux 2.6.16), pselect6_time64 (413; Linux 5.1):
 * which descriptors of three sets are ready to read, to write, or
 * have an exception, asked of the same f_op->poll as poll's.  The
 * descriptor table holds NR_OPEN (32), so each set is one word; n
 * past the table is taken as the table's size, as 2.6 clamps it to
 * max_fds (2.4.0's max_fdset).
 */
_Static_assert(NR_OPEN <= 8 * sizeof(unsigned long), "a set is a word");

#define POLLIN_SET	(POLLRDNORM | POLLIN | POLLHUP | POLLERR)
#define POLLOUT_SET	(POLLWRNORM | POLLOUT | POLLERR)
#define POLLEX_SET	POLLPRI

/* What is asked (in, out, ex) and what is ready (res_*). */
struct fd_set_bits {
	unsigned long in, out, ex, res_in, res_out, res_ex;
};

/* What f is ready for (a closed descriptor: POLLNVAL). */
static unsigned int select_mask(int fd, struct poll_table *pt)
{
	struct file *f = fcheck(fd);	/* poll_wait holds it */

	if (!f)
		return POLLNVAL;
	return f->f_op->poll ? f->f_op->poll(f, pt) : DEFAULT_POLLMASK;
}

/* One descriptor's answers into fds: how many of its bits are set. */
static int select_one(int fd, struct fd_set_bits *fds,
		      struct poll_table *pt)
{
	unsigned long bit = 1UL << fd;
	unsigned int mask = select_mask(fd, pt);
	int count = 0;

	if ((mask & POLLIN_SET) && (fds->in & bit)) {
		fds->res_in |= bit;
		count++;
	}
	if ((mask & POLLOUT_SET) && (fds->out & bit)) {
		fds->res_out |= bit;
		count++;
	}
	if ((mask & POLLEX_SET) && (fds->ex & bit)) {
		fds->res_ex |= bit;
		count++;
	}
	return count;
}

/*
 * 2.4.0's do_select: every descriptor asked about must be open
 * (EBADF, 2.4.0's max_select_fd); then look, asleep before the look
 * as do_poll is, until one is ready, *timeout ticks pass (what is
 * left goes back there) or a signal comes.  The wait queues are
 * joined on the first look only, and not once one is ready.
 */
static int do_select(int n, struct fd_set_bits *fds, long *timeout,
		     struct poll_table *pt)
{
	unsigned long asked = fds->in | fds->out | fds->ex;
	struct poll_table *wait = *timeout ? pt : NULL;
	int count;

	for (int fd = 0; fd < n; fd++)
		if ((asked & 1UL << fd) && !fcheck(fd))
			return -EBADF;
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		count = 0;
		for (int fd = 0; fd < n; fd++) {
			if (!(asked & 1UL << fd))
				continue;
			count += select_one(fd, fds, wait);
			if (count)
				wait = NULL;
		}
		wait = NULL;
		if (count || !*timeout || signal_pending(current))
			break;
		*timeout = schedule_timeout(*timeout);
	}
	set_current_state(TASK_RUNNING);
	poll_freewait(pt);
	return count;
}

/* Reads a set's first n bits (none for a NULL set): 2.4.0's get_fd_set. */
static int get_fd_set(int n, const unsigned long *uset, unsigned long *set)
{
	*set = 0;
	if (!uset || !n)
		return 0;
	if (copy_from_user(set, uset, sizeof(*set)))
		return -EFAULT;
	if (n < (int)(8 * sizeof(*set)))
		*set &= (1UL << n) - 1;
	return 0;
}

static int set_fd_set(int n, unsigned long *uset, unsigned long set)
{
	if (!uset || !n)
		return 0;
	return copy_to_user(uset, &set, sizeof(set)) ? -EFAULT : 0;
}

/*
 * The sets in, selected, out (2.6's core_sys_select): n below 0 is
 * EINVAL, a set that cannot be read or written back EFAULT (2.4.0
 * let the write-back fail silently), a signal before any is ready
 * -ERESTARTNOHAND, as in 2.4.0: EINTR if a handler runs, else (a stop
 * and continue) the call starts again, with the time left that
 * sys_select and pselect6 wrote back.
 */
static long core_select(int n, unsigned long *inp, unsigned long *outp,
			unsigned long *exp, long *timeout)
{
	struct fd_set_bits fds = { 0 };
	struct poll_table *pt;
	int ret;

	if (n < 0)
		return -EINVAL;
	if (n > NR_OPEN)
		n = NR_OPEN;
	if (get_fd_set(n, inp, &fds.in) || get_fd_set(n, outp, &fds.out) ||
	    get_fd_set(n, exp, &fds.ex))
		return -EFAULT;
	pt = kmalloc(sizeof(*pt), GFP_KERNEL);
	if (!pt)
		return -ENOMEM;
	pt->nr = 0;
	ret = do_select(n, &fds, timeout, pt);
	kfree(pt);
	if (ret < 0)
		return ret;
	if (!ret && signal_pending(current))
		return -ERESTARTNOHAND;
	if (set_fd_set(n, inp, fds.res_in) ||
	    set_fd_set(n, outp, fds.res_out) ||
	    set_fd_set(n, exp, fds.res_ex))
		return -EFAULT;
	return ret;
}

/*
 * Selects with *ts as the timeout (NULL: none), and leaves in *ts the
 * time left: the time asked less the ticks slept, never below 0 (as
 * Linux's poll_select_finish writes it back).
 */
static long select_for(int n, unsigned long *inp, unsigned long *outp,
		       unsigned long *exp, struct timespec64 *ts)
{
	long timeout = ts ? timespec64_to_jiffies(ts) : MAX_SCHEDULE_TIMEOUT;
	long asked = timeout, ret;
	struct timespec64 slept;

	ret = core_select(n, inp, outp, exp, &timeout);
	if (!ts)
		return ret;
	jiffies_to_timespec64(asked - timeout, &slept);
	ts->tv_sec -= slept.tv_sec;
	ts->tv_nsec -= slept.tv_nsec;
	if (ts->tv_nsec < 0) {
		ts->tv_nsec += NSEC_PER_SEC;
		ts->tv_sec--;
	}
	if (ts->tv_sec < 0)
		ts->tv_sec = ts->tv_nsec = 0;
	return ret;
}

/*
 * select(n, in, out, ex, tvp): a timeval with a negative part is
 * EINVAL (microseconds past a second carry into the seconds, as in
 * 2.6, whose sum a 64-bit Linux makes in 64 bits); the time left is
 * written back to *tvp, at most LONG_MAX seconds (2.4.0's sys_select
 * caps its wait instead, at MAX_SELECT_SECONDS), a failure to do so
 * ignored, as in Linux.
 */
long sys_select(int n, unsigned long *inp, unsigned long *outp,
		unsigned long *exp, struct timeval *tvp)
{
	struct timespec64 ts;
	struct timeval tv;
	long ret;

	if (!tvp)
		return select_for(n, inp, outp, exp, NULL);
	if (copy_from_user(&tv, tvp, sizeof(tv)))
		return -EFAULT;
	if (tv.tv_sec < 0 || tv.tv_usec < 0)
		return -EINVAL;
	/* In 64 bits: LONG_MAX s and a carry overflow a long */
	ts.tv_sec = (long long)tv.tv_sec + tv.tv_usec / 1000000;
	ts.tv_nsec = tv.tv_usec % 1000000 * 1000;
	ret = select_for(n, inp, outp, exp, &ts);
	tv.tv_sec = ts.tv_sec < LONG_MAX ? ts.tv_sec : LONG_MAX;
	tv.tv_usec = ts.tv_nsec / 1000;
	copy_to_user(tvp, &tv, sizeof(tv));
	return ret;
}

/* pselect6's sixth argument: the mask to wait with, and its size. */
struct sigset_argpack {
	const sigset64_t *ss;
	unsigned long ss_len;
};

/*
 * pselect6 and pselect6_time64 (Linux 2.6.16 and 5.1; 2.4.0 has
 * neither): select with a timespec (one out of range EINVAL) and,
 * if sig names one, a signal mask for the wait (size other than 8
 * EINVAL).  A handler the wait ends for runs with that mask, and its
 * return puts the caller's back, as rt_sigsuspend's does; a stop
 * (do_signal runs none) puts it back and the call starts again.
 */
static long do_pselect(int n, unsigned long *inp, unsigned long *outp,
		       unsigned long *exp, void *tsp,
		       const struct sigset_argpack *sig, bool time64)
{
	struct pt_regs *regs = task_pt_regs(current);
	sigset64_t saved = current->blocked, mask = saved;
	struct sigset_argpack pack = { NULL, 0 };
	struct timespec64 ts;
	long ret;

	if (tsp && get_timespec64(&ts, tsp, time64))
		return -EFAULT;
	if (tsp && !timespec64_valid(&ts))
		return -EINVAL;
	if (sig && copy_from_user(&pack, sig, sizeof(pack)))
		return -EFAULT;
	if (pack.ss && pack.ss_len != sizeof(sigset64_t))
		return -EINVAL;
	if (pack.ss && copy_from_user(&mask, pack.ss, sizeof(mask)))
		return -EFAULT;
	set_blocked(mask);
	ret = select_for(n, inp, outp, exp, tsp ? &ts : NULL);
	if (tsp)
		put_timespec64(&ts, tsp, time64);
	regs->eax = ret;
	if (ret == -ERESTARTNOHAND && do_signal(regs, saved))
		return regs->eax;	/* the handler's first argument */
	set_blocked(saved);
	return ret;
}

long sys_pselect6(int n, unsigned long *inp, unsigned long *outp,
		  unsigned long *exp, struct timespec *tsp,
		  const struct sigset_argpack *sig)
{
	return do_pselect(n, inp, outp, exp, tsp, sig, false);
}

long sys_pselect6_time64(int n, unsigned long *inp, unsigned long *outp,
			 unsigned long *exp, struct __kernel_timespec *tsp,
			 const struct sigset_argpack *sig)
{
	return do_pselect(n, inp, outp, exp, tsp, sig, true);
}
