/*
 * poll() (fs/select.c in Linux 2.4.0): waits until one of the given
 * descriptors is ready, a signal comes or the timeout ends.  busybox's
 * ash reads a line for its `read` builtin one poll() and one byte at a
 * time, so `... | while read l` needs it.
 *
 * As 2.4.0's do_poll(): the task marks itself asleep, asks every
 * file's poll method what it is ready for, and sleeps if none is
 * ready.  On the first pass each method puts the task on the queues
 * that may change its answer (poll_wait()), where it stays until the
 * call ends, so a wake-up between the asking and schedule() makes it
 * runnable again and is not lost.  Each method waits on one queue at
 * most, so the table has room for one entry per pollfd; an entry
 * holds a reference to its file, so a close by another thread cannot
 * free the queue under the sleeper (2.4.0's get_file in poll_wait).
 */
#include "kernel/file.h"
#include "kernel/poll.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "lib/errno.h"

/* Puts the polling task on q, once per pass-one call (2.4.0's
 * __pollwait). */
void poll_wait(struct file *filp, wait_queue_head_t *q, poll_table *p)
{
	struct poll_table_entry *entry;

	if (!p || p->nr == p->size)
		return;
	entry = &p->entry[p->nr++];
	filp->f_count++;
	entry->filp = filp;
	entry->wait_address = q;
	entry->wait = (wait_queue_t){ current, LIST_HEAD_INIT(entry->wait.task_list) };
	add_wait_queue(q, &entry->wait);
}

/* Leaves every queue and drops the files (2.4.0's poll_freewait). */
static void poll_freewait(poll_table *p)
{
	while (p->nr--) {
		struct poll_table_entry *entry = &p->entry[p->nr];

		remove_wait_queue(entry->wait_address, &entry->wait);
		fput(entry->filp);
	}
}

/* What one pollfd reports: the events asked for that hold, and
 * POLLERR and POLLHUP always; POLLNVAL for a descriptor not open, none
 * for a negative one (2.4.0's do_pollfd). */
static short do_pollfd(const struct pollfd *pfd, poll_table *pt)
{
	struct file *f;
	unsigned int mask;

	if (pfd->fd < 0)
		return 0;
	f = fget(pfd->fd);
	if (!f)
		return POLLNVAL;
	mask = f->f_op->poll ? f->f_op->poll(f, pt) : DEFAULT_POLLMASK;
	fput(f);
	return mask & (pfd->events | POLLERR | POLLHUP);
}

/* Passes over the pollfds until one is ready, a signal comes or
 * timeout ticks pass: how many are ready, or -EINTR. */
static int do_poll(struct pollfd *fds, unsigned int nfds, poll_table *pt,
		   long timeout)
{
	int count;

	for (;;) {
		count = 0;
		set_current_state(TASK_INTERRUPTIBLE);
		for (unsigned int i = 0; i < nfds; i++) {
			fds[i].revents = do_pollfd(&fds[i], pt);
			count += fds[i].revents != 0;
		}
		pt = NULL;	/* on every queue already */
		if (count || !timeout || signal_pending(current))
			break;
		timeout = schedule_timeout(timeout);
	}
	set_current_state(TASK_RUNNING);
	return count || !signal_pending(current) ? count : -EINTR;
}

/* msecs as ticks, rounded up; a negative wait is for ever (2.4.0's
 * conversion in sys_poll). */
static long poll_ticks(long msecs)
{
	if (msecs < 0 || (unsigned long)msecs >= MAX_SCHEDULE_TIMEOUT / HZ)
		return MAX_SCHEDULE_TIMEOUT;
	return (msecs * HZ + 999) / 1000;
}

/*
 * poll (168): at most NR_OPEN pollfds (2.4.0 refuses more than the
 * descriptor table's size: -EINVAL); the revents are written back.
 */
long sys_poll(struct pollfd *ufds, unsigned int nfds, long msecs)
{
	struct poll_table_entry entries[NR_OPEN];
	struct pollfd fds[NR_OPEN];
	poll_table table = { 0, nfds, entries };
	int ret;

	if (nfds > NR_OPEN)
		return -EINVAL;
	if (copy_from_user(fds, ufds, nfds * sizeof(*fds)))
		return -EFAULT;
	ret = do_poll(fds, nfds, &table, poll_ticks(msecs));
	poll_freewait(&table);
	if (ret >= 0 && copy_to_user(ufds, fds, nfds * sizeof(*fds)))
		return -EFAULT;
	return ret;
}
