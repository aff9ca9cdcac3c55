/*
 * The scheduler: kernel threads run and end with their exit codes,
 * sleep and wake, share the CPU by nice value, and a SCHED_IDLE thread
 * runs only when nothing else wants the CPU unless an event wakes it
 * (the seed's 不添乱, for kswapd).  The tests run in the init thread,
 * which is every thread's parent and reaper here.
 */
#include "kernel/abi.h"
#include "kernel/exec.h"
#include "kernel/exit.h"
#include "kernel/fork.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/softlockup.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "lib/errno.h"
#include "lib/ktest.h"
#include "mm/mm.h"
#include "tests/kernel/ktest_mm.h"
#include "tests/kernel/ktest_tasks.h"

/* Sleeps `ticks` (the other threads run meanwhile). */
/* Reaps pid; its exit code, or -1000 if it could not (t failed). */
static int reap(struct ktest *t, int pid)
{
	int status = 0;

	if (!ktest_reap(t, pid, &status))
		return -1000;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

static int return_arg(void *arg)
{
	return (int)(uintptr_t)arg;
}

static void threads_run_and_exit_with_their_code(struct ktest *t)
{
	int pids[3];

	for (int i = 0; i < 3; i++) {
		pids[i] = kernel_thread(return_arg, (void *)(uintptr_t)(40 + i),
					"ktest");
		KTEST_ASSERT_TRUE(t, pids[i] > 1);
	}
	for (int i = 0; i < 3; i++)
		KTEST_EXPECT_EQ(t, reap(t, pids[i]), 40 + i);
	KTEST_EXPECT_EQ(t, do_wait(pids[0], WNOHANG, NULL, NULL), -ECHILD);
}

static void schedule_timeout_sleeps(struct ktest *t)
{
	unsigned long start = jiffies;
	long left;

	set_current_state(TASK_INTERRUPTIBLE);
	left = schedule_timeout(5);
	KTEST_EXPECT_EQ(t, left, 0);
	KTEST_EXPECT_GE(t, jiffies - start, 5);
	KTEST_EXPECT_EQ(t, current->state, TASK_RUNNING);
}

struct sleeper {
	wait_queue_head_t q;
	volatile bool go;
	volatile unsigned long woke_at;
};

static int sleeper_fn(void *arg)
{
	struct sleeper *s = arg;

	wait_event(s->q, s->go);
	s->woke_at = jiffies;
	return 0;
}

static void a_thread_sleeps_until_woken(struct ktest *t)
{
	struct sleeper s = { .go = false };
	struct task_struct *p;
	int pid;

	init_waitqueue_head(&s.q);
	pid = kernel_thread(sleeper_fn, &s, "sleeper");
	KTEST_ASSERT_TRUE(t, pid > 0);
	schedule_timeout_uninterruptible(3);
	p = find_task_by_pid(pid);
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_EQ(t, task_state_char(p), 'D');
	KTEST_EXPECT_EQ(t, s.woke_at, 0);
	wake_up(&s.q);			/* go is false: sleeps again */
	schedule_timeout_uninterruptible(2);
	KTEST_EXPECT_EQ(t, task_state_char(p), 'D');
	s.go = true;
	wake_up(&s.q);
	KTEST_EXPECT_EQ(t, reap(t, pid), 0);
	KTEST_EXPECT_NE(t, s.woke_at, 0);
}

struct hog {
	volatile bool stop;
	volatile unsigned long loops;
};

/* Burns CPU, giving way only when the scheduler asks. */
static int hog_fn(void *arg)
{
	struct hog *h = arg;

	while (!h->stop) {
		h->loops++;
		cond_resched();
	}
	return 0;
}

static unsigned long cpu_ticks(int pid)
{
	struct task_struct *p = find_task_by_pid(pid);

	return p ? p->utime + p->stime : 0;
}

/* nice 0 gets 6 ticks per round, nice 19 one: 2.4's NICE_TO_TICKS. */
static void nice_values_share_the_cpu(struct ktest *t)
{
	struct hog a = { 0 }, b = { 0 };
	int pa = kernel_thread(hog_fn, &a, "hog0");
	int pb = kernel_thread(hog_fn, &b, "hog19");
	unsigned long ta, tb;

	KTEST_ASSERT_TRUE(t, pa > 0 && pb > 0);
	KTEST_EXPECT_EQ(t, set_user_nice(find_task_by_pid(pb), 19), 0);
	schedule_timeout_uninterruptible(100);
	ta = cpu_ticks(pa);
	tb = cpu_ticks(pb);
	a.stop = b.stop = true;
	reap(t, pa);
	reap(t, pb);
	ktest_log(t, "nice 0: %lu ticks, nice 19: %lu ticks", ta, tb);
	KTEST_EXPECT_GT(t, tb, 0);	/* low priority, not starved */
	KTEST_EXPECT_GT(t, ta, 3 * tb);
	KTEST_EXPECT_EQ(t, set_user_nice(current, 20), -EINVAL);
}

struct idler {
	wait_queue_head_t q;
	volatile bool stop;
	volatile unsigned long rounds;	/* times it got the CPU */
};

/* kswapd's shape: sleep up to 5 ticks, do a round of work, repeat. */
static int idler_fn(void *arg)
{
	struct idler *d = arg;

	while (!d->stop) {
		interruptible_sleep_on_timeout(&d->q, 5);
		d->rounds++;
	}
	return 0;
}

static int start_idle_class(struct ktest *t, struct idler *d)
{
	int pid;

	init_waitqueue_head(&d->q);
	pid = kernel_thread(idler_fn, d, "idler");
	if (pid > 0)
		KTEST_EXPECT_EQ(t, sched_setscheduler(find_task_by_pid(pid),
						      SCHED_IDLE), 0);
	return pid;
}

static void stop_idler(struct ktest *t, struct idler *d, int pid)
{
	d->stop = true;
	wake_up(&d->q);
	reap(t, pid);
}

static void stop_hog(struct ktest *t, struct hog *h, int pid)
{
	h->stop = true;
	reap(t, pid);
}

/*
 * While a normal thread wants the CPU, a SCHED_IDLE one whose timeout
 * has run out does not get it; once the normal one is gone, it does.
 */
static void idle_class_runs_only_when_idle(struct ktest *t)
{
	struct idler d = { .stop = false };
	struct hog h = { 0 };
	int idler = start_idle_class(t, &d), hog;
	unsigned long before, during;

	KTEST_ASSERT_TRUE(t, idler > 0);
	schedule_timeout_uninterruptible(12);
	KTEST_EXPECT_GT(t, d.rounds, 0);	/* alone, it runs */
	hog = kernel_thread(hog_fn, &h, "hog");
	KTEST_ASSERT_TRUE(t, hog > 0);
	schedule_timeout_uninterruptible(3);
	before = d.rounds;
	/* Six of its timeouts. */
	schedule_timeout_uninterruptible(30);
	during = d.rounds;
	stop_hog(t, &h, hog);
	schedule_timeout_uninterruptible(12);
	ktest_log(t, "rounds: %lu before the hog, %lu during, %lu after",
		  before, during, d.rounds);
	KTEST_EXPECT_EQ(t, during, before);
	KTEST_EXPECT_GT(t, d.rounds, during);
	stop_idler(t, &d, idler);
}

/*
 * An event (wake_up on its queue) gets a SCHED_IDLE thread the CPU
 * even while a normal thread is busy: for one round, then it is back
 * to waiting for an idle CPU.
 */
static void an_event_wakes_the_idle_class(struct ktest *t)
{
	struct idler d = { .stop = false };
	struct hog h = { 0 };
	int idler = start_idle_class(t, &d), hog;
	unsigned long before;

	KTEST_ASSERT_TRUE(t, idler > 0);
	schedule_timeout_uninterruptible(2);
	hog = kernel_thread(hog_fn, &h, "hog");
	KTEST_ASSERT_TRUE(t, hog > 0);
	schedule_timeout_uninterruptible(10);
	before = d.rounds;
	wake_up(&d.q);
	schedule_timeout_uninterruptible(20);
	KTEST_EXPECT_EQ(t, d.rounds, before + 1);
	KTEST_EXPECT_GT(t, h.loops, 0);
	stop_hog(t, &h, hog);
	stop_idler(t, &d, idler);
}

/*
 * A SCHED_IDLE thread that is runnable but passed over (as kswapd is
 * when it gives way in cond_resched()) is not on any queue for
 * wake_up() to boost; boost_runnable() gets it the CPU beside a busy
 * normal thread.
 */
static void a_runnable_idle_class_thread_can_be_boosted(struct ktest *t)
{
	struct hog spin = { 0 }, h = { 0 };
	int spinner = kernel_thread(hog_fn, &spin, "spinner"), hog;
	unsigned long before, passed_over;

	KTEST_ASSERT_TRUE(t, spinner > 0);
	KTEST_EXPECT_EQ(t, sched_setscheduler(find_task_by_pid(spinner),
					      SCHED_IDLE), 0);
	hog = kernel_thread(hog_fn, &h, "hog");
	KTEST_ASSERT_TRUE(t, hog > 0);
	schedule_timeout_uninterruptible(5);
	before = spin.loops;
	schedule_timeout_uninterruptible(10);
	passed_over = spin.loops;
	boost_runnable(find_task_by_pid(spinner));
	schedule_timeout_uninterruptible(20);
	ktest_log(t, "loops: %lu, %lu passed over, %lu boosted", before,
		  passed_over, spin.loops);
	KTEST_EXPECT_EQ(t, passed_over, before);
	KTEST_EXPECT_GT(t, spin.loops, passed_over);
	stop_hog(t, &h, hog);
	stop_hog(t, &spin, spinner);
}

static int set_flag_fn(void *arg)
{
	*(volatile bool *)arg = true;
	return 0;
}

static void yield_lets_another_run(struct ktest *t)
{
	volatile bool ran = false;
	int pid = kernel_thread(set_flag_fn, (void *)&ran, "yielder");

	KTEST_ASSERT_TRUE(t, pid > 0);
	KTEST_EXPECT_FALSE(t, ran);	/* not preempted in the kernel */
	sys_sched_yield();
	KTEST_EXPECT_TRUE(t, ran);
	reap(t, pid);
}

static int orphan_fn(void *arg)
{
	schedule_timeout_uninterruptible(5);
	return (int)(uintptr_t)arg;
}

static int parent_fn(void *arg)
{
	*(volatile int *)arg = kernel_thread(orphan_fn, (void *)42, "orphan");
	return 7;
}

/* A child outlives its parent: init adopts and reaps it. */
static void orphans_go_to_init(struct ktest *t)
{
	volatile int orphan = 0;
	int pid = kernel_thread(parent_fn, (void *)&orphan, "parent");
	struct task_struct *o;

	KTEST_ASSERT_TRUE(t, pid > 0);
	KTEST_EXPECT_EQ(t, reap(t, pid), 7);
	KTEST_ASSERT_TRUE(t, orphan > 0);
	o = find_task_by_pid(orphan);
	KTEST_ASSERT_NOT_NULL(t, o);
	KTEST_EXPECT_PTR_EQ(t, o->parent, child_reaper);
	KTEST_EXPECT_PTR_EQ(t, child_reaper, current);
	KTEST_EXPECT_EQ(t, reap(t, orphan), 42);
}

/* A zombie child for the parent to leave behind. */
static int zombie_fn(void *arg __unused)
{
	return 3;
}

/* Leaves a child that is a zombie already: its pid goes to *arg. */
static int zombie_parent_fn(void *arg)
{
	int pid = kernel_thread(zombie_fn, NULL, "zombie");
	struct task_struct *z;

	*(volatile int *)arg = pid;
	for (int i = 0; pid > 0 && i < 5 * HZ; i++) {
		z = find_task_by_pid(pid);
		if (!z || z->state == TASK_ZOMBIE)
			break;
		schedule_timeout_uninterruptible(1);
	}
	return 0;
}

/*
 * A process whose child is a zombie exits: init adopts the zombie and
 * gets SIGCHLD for it (2.4.0's exit_notify), so that a user-space init
 * that reaps in its handler reaps it.  init here is a user program
 * for the while, "pipetest block read" asleep, SIGCHLD blocked so that
 * the signal stays pending where the case can see it.
 */
static void an_adopted_zombie_is_signalled_to_init(struct ktest *t)
{
	const uint64_t chld = 1ULL << (SIGCHLD - 1);
	char *argv[] = { "pipetest", "block", "read" };
	struct task_struct *init = child_reaper, *p = NULL;
	volatile int zombie = 0;
	int pid = spawn_program(3, argv), parent;

	for (int i = 0; pid > 0 && i < 5 * HZ; i++) {
		p = find_task_by_pid(pid);
		if (p && p->mm && p->state == TASK_INTERRUPTIBLE)
			break;
		schedule_timeout_uninterruptible(1);
	}
	KTEST_ASSERT_TRUE(t, p && p->state == TASK_INTERRUPTIBLE);
	p->blocked |= chld;
	p->pending &= ~chld;
	child_reaper = p;
	parent = kernel_thread(zombie_parent_fn, (void *)&zombie, "parent");
	if (parent > 0)
		reap(t, parent);
	child_reaper = init;
	KTEST_EXPECT_TRUE(t, parent > 0 && zombie > 0);
	KTEST_EXPECT_TRUE(t, p->pending & chld);
	move_children(p, current);	/* the zombie back, to reap */
	if (zombie > 0)
		KTEST_EXPECT_EQ(t, reap(t, zombie), 3);
	send_sig(SIGKILL, p);
	KTEST_EXPECT_EQ(t, reap(t, pid), -SIGKILL);
}

static void waitpid_without_children(struct ktest *t)
{
	struct hog h = { 0 };
	int pid;

	/* only particular pids: the shell may have background jobs */
	KTEST_EXPECT_EQ(t, do_wait(0x7ffffff0, 0, NULL, NULL), -ECHILD);
	pid = kernel_thread(hog_fn, &h, "hog");
	KTEST_ASSERT_TRUE(t, pid > 0);
	KTEST_EXPECT_EQ(t, do_wait(pid, WNOHANG, NULL, NULL), 0);
	KTEST_EXPECT_EQ(t, do_wait(pid + 1000, 0, NULL, NULL), -ECHILD);
	KTEST_EXPECT_EQ(t, do_wait(-1, 0x100, NULL, NULL), -EINVAL);
	h.stop = true;
	KTEST_EXPECT_EQ(t, reap(t, pid), 0);
}

static void kernel_threads_take_no_signals(struct ktest *t)
{
	struct hog h = { 0 };
	int pid = kernel_thread(hog_fn, &h, "hog");

	KTEST_ASSERT_TRUE(t, pid > 0);
	KTEST_EXPECT_EQ(t, kill_proc(pid, SIGKILL), -EPERM);
	KTEST_EXPECT_EQ(t, kill_proc(1, SIGKILL), -EPERM);
	KTEST_EXPECT_EQ(t, kill_proc(0x7ffffff0, SIGKILL), -ESRCH);
	h.stop = true;
	KTEST_EXPECT_EQ(t, reap(t, pid), 0);
}

/* A word in the test's address space and the thread that will exit. */
struct tid_word {
	struct mm_struct *mm;
	unsigned long addr;
};

/* Takes the test's mm (a reference of its own, dropped at exit) and
 * names the word as CLONE_CHILD_CLEARTID / set_tid_address would. */
static int exit_clearing_tid(void *arg)
{
	struct tid_word *w = arg;

	w->mm->mm_users++;
	use_mm(w->mm);
	current->clear_child_tid = (int *)w->addr;
	return 0;
}

/* do_exit writes 0 at clear_child_tid, and nothing beside it. */
static void exit_clears_the_child_tid_word(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();
	struct tid_word w = { mm, 0 };

	KTEST_ASSERT_NOT_NULL(t, mm);
	w.addr = do_mmap(0, PAGE_SIZE, RW, PRIVATE_ANON);
	KTEST_ASSERT_TRUE(t, !mmap_error(w.addr));
	KTEST_ASSERT_EQ(t, put_u32(w.addr, 1234) | put_u32(w.addr + 4, 99),
			0);
	KTEST_EXPECT_EQ(t, reap(t, kernel_thread(exit_clearing_tid, &w,
					      "cleartid")), 0);
	KTEST_EXPECT_EQ(t, get_u32(w.addr), 0);
	KTEST_EXPECT_EQ(t, get_u32(w.addr + 4), 99);
	KTEST_EXPECT_EQ(t, mm->mm_users, 1);
	leave_mm(t, mm);
}

/* Runs "threadtest threads n" to its end; the free pages after. */
static unsigned long free_after_threads(struct ktest *t, char *n)
{
	char *argv[] = { "threadtest", "threads", n };

	reap(t, spawn_program(3, argv));
	schedule_timeout_uninterruptible(1);	/* the last one's stack */
	return nr_free_pages();
}

/*
 * A thread other than the leader frees itself: its task and kernel
 * stack go at the next schedule() after its exit (release_dead_threads,
 * kernel/exit.c).  Sixty threads would hold 120 pages of stacks alone.
 */
static void exited_threads_are_freed(struct ktest *t)
{
	long before = free_after_threads(t, "1");
	long leaked = before - (long)free_after_threads(t, "60");

	KTEST_EXPECT_LT(t, leaked, 30);
}

/*
 * A pid still naming a process group or a session is not given to a
 * new process (2.4.0's get_pid): a group outlives its leader while a
 * member lives, and a new process with that pid would join it when
 * the shell runs it in a group of its own (spawn_program), or
 * setpgid(0, 0) would.  Here the test thread's own group and session
 * are set to the next pids for the while.
 */
static void a_pid_naming_a_group_or_session_is_not_reused(struct ktest *t)
{
	struct task_struct *me = current->group_leader;
	int pgrp = me->pgrp, session = me->session;
	int last = kernel_thread(return_arg, NULL, "ktest"), pid;

	KTEST_ASSERT_TRUE(t, last > 1);
	KTEST_EXPECT_EQ(t, reap(t, last), 0);
	me->pgrp = last + 1;
	me->session = last + 2;
	pid = kernel_thread(return_arg, NULL, "ktest");
	me->pgrp = pgrp;
	me->session = session;
	KTEST_ASSERT_TRUE(t, pid > 1);
	KTEST_EXPECT_EQ(t, reap(t, pid), 0);
	KTEST_EXPECT_NE(t, pid, last + 1);
	KTEST_EXPECT_NE(t, pid, last + 2);
}

/*
 * A kernel loop that calls schedule() is not a soft lockup
 * (kernel/softlockup.c), even alone on the CPU and past the
 * threshold: the report (a BUG: line) would fail the suite.  The
 * report of one that never calls it: the softlockup_report scenario.
 */
static void a_task_that_calls_schedule_is_not_stuck(struct ktest *t)
{
	unsigned int thresh = softlockup_thresh;
	unsigned long count = softlockup_reports, start = jiffies;

	softlockup_thresh = 1;
	while (jiffies - start < 3 * HZ / 2)
		schedule();
	softlockup_thresh = thresh;
	KTEST_EXPECT_EQ(t, softlockup_reports, count);
}

static const struct ktest_case sched_cases[] = {
	KTEST_CASE(threads_run_and_exit_with_their_code),
	KTEST_CASE(schedule_timeout_sleeps),
	KTEST_CASE(a_thread_sleeps_until_woken),
	KTEST_CASE(nice_values_share_the_cpu),
	KTEST_CASE(idle_class_runs_only_when_idle),
	KTEST_CASE(an_event_wakes_the_idle_class),
	KTEST_CASE(a_runnable_idle_class_thread_can_be_boosted),
	KTEST_CASE(yield_lets_another_run),
	KTEST_CASE(orphans_go_to_init),
	KTEST_CASE(an_adopted_zombie_is_signalled_to_init),
	KTEST_CASE(waitpid_without_children),
	KTEST_CASE(kernel_threads_take_no_signals),
	KTEST_CASE(exit_clears_the_child_tid_word),
	KTEST_CASE(exited_threads_are_freed),
	KTEST_CASE(a_pid_naming_a_group_or_session_is_not_reused),
	KTEST_CASE(a_task_that_calls_schedule_is_not_stuck),
};
KTEST_SUITE(sched, sched_cases);
