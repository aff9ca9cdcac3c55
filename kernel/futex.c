/*
 * Fast user-space mutexes: futex (240) and futex_time64 (422).  Linux
 * 2.4.0 has none; they came with Linux 2.5/2.6 (kernel/futex.c, the
 * bitset operations in 2.6.25, futex_time64 in 5.1), and Pagoda
 * follows that call.  glibc 2.36's threads sleep and wake on them:
 * mutexes and condition variables (FUTEX_WAIT, FUTEX_WAKE, with
 * FUTEX_PRIVATE_FLAG), pthread_join on the thread's tid word, which
 * the kernel clears and wakes at the thread's exit (mm_release(),
 * kernel/fork.c), and timed waits (FUTEX_WAIT_BITSET, an absolute
 * time on CLOCK_MONOTONIC or, with FUTEX_CLOCK_REALTIME, on
 * CLOCK_REALTIME: the same clock in Pagoda, see posix_timers.c).
 * Other operations (requeue, wake-op, priority inheritance) are
 * ENOSYS: glibc 2.36 does not use them for its default mutexes.
 *
 * A waiter is found by its key, the mm and the word's user address:
 * what Linux uses for a private futex (FUTEX_PRIVATE_FLAG, or a word
 * in a private mapping).  Pagoda has no shared memory (mmap2 refuses
 * MAP_SHARED), so a "shared" futex is keyed the same way: only the
 * tasks of one mm, its threads, meet on it, as on Linux where a forked
 * child's copy-on-write page is a different futex.  What tells the two
 * apart is an error: a shared FUTEX_WAKE reads the word, so an
 * unmapped one is EFAULT, and a private one is not read, as in Linux.
 *
 * The waiters are one list (Linux hashes the keys into buckets; a
 * Pagoda program has a few).  One CPU and no kernel preemption
 * (sched.h, rules 1 and 2): reading the word and joining the list
 * happen with no schedule() between them (a fault on the word sleeps
 * before the read is done), so a FUTEX_WAKE after a change of the word
 * always finds the waiter that read the old value.
 */
#include "kernel/futex.h"
#include "kernel/abi.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/timer.h"
#include "kernel/uaccess.h"
#include "lib/errno.h"

/* A waiting task, on its own kernel stack (Linux's futex_q). */
struct futex_q {
	struct list_head list;		/* on futex_waiters; empty: woken */
	struct task_struct *task;
	struct mm_struct *mm;		/* the key: mm ... */
	int *uaddr;			/* ... and the word's address */
	uint32_t bitset;		/* which FUTEX_WAKE_BITSETs it takes */
};

static LIST_HEAD(futex_waiters);

/*
 * Wakes up to nr_wake waiters (at least one, as Linux counts) on the
 * word uaddr of mm whose bitset meets bitset; how many.
 */
static int futex_wake_bitset(struct mm_struct *mm, int *uaddr, int nr_wake,
			     uint32_t bitset)
{
	struct list_head *pos, *n;
	int woken = 0;

	list_for_each_safe(pos, n, &futex_waiters) {
		struct futex_q *q = list_entry(pos, struct futex_q, list);

		if (q->mm != mm || q->uaddr != uaddr || !(q->bitset & bitset))
			continue;
		list_del_init(&q->list);
		wake_up_process(q->task);
		if (++woken >= nr_wake)
			break;
	}
	return woken;
}

/* FUTEX_WAKE for the kernel: CLONE_CHILD_CLEARTID at a thread's exit. */
int futex_wake(struct mm_struct *mm, int *uaddr, int nr_wake)
{
	return futex_wake_bitset(mm, uaddr, nr_wake, FUTEX_BITSET_MATCH_ANY);
}

/*
 * Sleeps while *uaddr == val, until a FUTEX_WAKE on the word, a signal
 * or `timeout` ticks (MAX_SCHEDULE_TIMEOUT: none).  0 when woken,
 * -EAGAIN if the word held something else, -ETIMEDOUT; a word that
 * cannot be read is -EFAULT.  A signal: -ERESTARTSYS for an untimed
 * wait, which a handler with SA_RESTART starts again, -EINTR for a
 * timed one (2.6's futex_wait: its -ERESTART_RESTARTBLOCK is -EINTR
 * whenever a handler runs).
 */
static long futex_wait(int *uaddr, int val, long timeout, uint32_t bitset)
{
	struct futex_q q = { .task = current, .mm = current->mm,
			     .uaddr = uaddr, .bitset = bitset };
	bool timed = timeout != MAX_SCHEDULE_TIMEOUT;
	int cur;

	if (copy_from_user(&cur, uaddr, sizeof(cur)))
		return -EFAULT;
	if (cur != val)
		return -EAGAIN;
	if (!timeout)
		return -ETIMEDOUT;
	list_add_tail(&q.list, &futex_waiters);
	while (!list_empty(&q.list) && timeout && !signal_pending(current)) {
		set_current_state(TASK_INTERRUPTIBLE);
		timeout = schedule_timeout(timeout);
	}
	if (list_empty(&q.list))
		return 0;
	list_del(&q.list);
	if (!timeout)
		return -ETIMEDOUT;
	return timed ? -EINTR : -ERESTARTSYS;
}

/*
 * A wait's timeout in ticks: FUTEX_WAIT's is relative, FUTEX_WAIT_
 * BITSET's an absolute time of the clock.  0 or -errno.
 */
static int futex_timeout(int cmd, int op, const void *utime, bool time64,
			 long *timeout)
{
	struct timespec64 t;
	int clock = op & FUTEX_CLOCK_REALTIME ? CLOCK_REALTIME
					      : CLOCK_MONOTONIC;

	if (get_timespec64(&t, utime, time64))
		return -EFAULT;
	if (!timespec64_valid(&t))
		return -EINVAL;
	if (cmd == FUTEX_WAIT_BITSET && !time_until(clock, &t))
		*timeout = 0;		/* that time has passed */
	else
		*timeout = timespec64_to_jiffies(&t);
	return 0;
}

/* Linux's checks of the word's address: -EINVAL, -EFAULT or 0. */
static int futex_address_ok(const int *uaddr)
{
	if ((unsigned long)uaddr % sizeof(int))
		return -EINVAL;
	return access_ok(uaddr, sizeof(int)) ? 0 : -EFAULT;
}

/* The call, in Linux's order of checks (sys_futex, do_futex). */
static long do_futex(int *uaddr, int op, int val, const void *utime,
		     uint32_t val3, bool time64)
{
	int cmd = op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
	long timeout = MAX_SCHEDULE_TIMEOUT;
	int err = 0, word;

	if (utime && (cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET))
		err = futex_timeout(cmd, op, utime, time64, &timeout);
	if (err)
		return err;
	/* only with WAIT_BITSET, as the build host's Linux 6.x answers */
	if ((op & FUTEX_CLOCK_REALTIME) && cmd != FUTEX_WAIT_BITSET)
		return -ENOSYS;
	if (cmd == FUTEX_WAIT || cmd == FUTEX_WAKE)
		val3 = FUTEX_BITSET_MATCH_ANY;
	else if (cmd != FUTEX_WAIT_BITSET && cmd != FUTEX_WAKE_BITSET)
		return -ENOSYS;
	if (!val3)
		return -EINVAL;
	err = futex_address_ok(uaddr);
	if (err)
		return err;
	if (cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET)
		return futex_wait(uaddr, val, timeout, val3);
	if (!(op & FUTEX_PRIVATE_FLAG) &&
	    copy_from_user(&word, uaddr, sizeof(word)))
		return -EFAULT;
	return futex_wake_bitset(current->mm, uaddr, val, val3);
}

/* futex(uaddr, op, val, timeout, uaddr2, val3); uaddr2 is for the
 * requeue operations Pagoda lacks. */
long sys_futex(int *uaddr, int op, int val, const struct timespec *utime,
	       int *uaddr2 __unused, uint32_t val3)
{
	return do_futex(uaddr, op, val, utime, val3, false);
}

long sys_futex_time64(int *uaddr, int op, int val,
		      const struct __kernel_timespec *utime,
		      int *uaddr2 __unused, uint32_t val3)
{
	return do_futex(uaddr, op, val, utime, val3, true);
}

/*
 * set_robust_list(head, len) (Linux 2.6.17): where the list of the
 * robust futexes the calling thread holds starts, which glibc gives
 * before main and in each new thread.  A len other than the head's
 * size is EINVAL; the head is read only at exit.  get_robust_list, for
 * debuggers, is not here (ENOSYS).
 */
long sys_set_robust_list(struct robust_list_head *head, unsigned long len)
{
	if (len != sizeof(*head))
		return -EINVAL;
	current->robust_list = head;
	return 0;
}

/*
 * 2.6.17's handle_futex_death(): if the word names tid as its owner,
 * it gets FUTEX_OWNER_DIED (its FUTEX_WAITERS kept) and one waiter is
 * woken, whose lock then returns EOWNERDEAD.  false on a fault.
 */
static bool futex_owner_died(struct mm_struct *mm, uint32_t *uaddr, int tid)
{
	uint32_t uval, cur;

	if (copy_from_user(&uval, uaddr, sizeof(uval)))
		return false;
	while ((uval & FUTEX_TID_MASK) == (uint32_t)tid) {
		uint32_t mval = (uval & FUTEX_WAITERS) | FUTEX_OWNER_DIED;

		if (cmpxchg_user_u32(uaddr, uval, mval, &cur))
			return false;
		if (cur == uval) {
			if (uval & FUTEX_WAITERS)
				futex_wake(mm, (int *)uaddr, 1);
			break;
		}
		uval = cur;		/* changed meanwhile: again */
	}
	return true;
}

/* An entry's pointer, its PI bit dropped (Linux's fetch_robust_entry). */
static bool robust_entry(struct robust_list **entry,
			 struct robust_list *const *from)
{
	unsigned long v;

	if (copy_from_user(&v, from, sizeof(v)))
		return false;
	*entry = (struct robust_list *)(v & ~1UL);
	return true;
}

/*
 * 2.6.17's exit_robust_list(), from mm_release(): each futex on the
 * exiting thread's list, and the one it was taking or letting go
 * (list_op_pending), is marked as its owner's death.  At most
 * ROBUST_LIST_LIMIT entries, so a list made into a loop ends; a fault
 * anywhere ends the walk, as in Linux.  PI futexes are not told apart
 * (Pagoda has no FUTEX_LOCK_PI).
 */
void exit_robust_list(struct task_struct *tsk, struct mm_struct *mm)
{
	struct robust_list_head *head = tsk->robust_list;
	struct robust_list *entry, *pending;
	long offset;

	tsk->robust_list = NULL;
	if (!head || !robust_entry(&entry, &head->list.next) ||
	    copy_from_user(&offset, &head->futex_offset, sizeof(offset)) ||
	    !robust_entry(&pending, &head->list_op_pending))
		return;
	for (int n = 0; entry != &head->list && n < ROBUST_LIST_LIMIT; n++) {
		struct robust_list *next;

		if (!robust_entry(&next, &entry->next))
			return;
		if (entry != pending &&
		    !futex_owner_died(mm, (uint32_t *)((char *)entry + offset),
				      tsk->pid))
			return;
		entry = next;
		cond_resched();
	}
	if (pending)
		futex_owner_died(mm, (uint32_t *)((char *)pending + offset),
				 tsk->pid);
}
