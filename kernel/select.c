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
#include "kernel/abi.h"
#include "kernel/poll.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
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
