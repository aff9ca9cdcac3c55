/*
 * Creating tasks (kernel/fork.c and arch/i386/kernel/process.c in
 * Linux 2.4): kernel threads and fork().
 *
 * A new task gets a task_struct, an 8 KiB kernel stack and a pid, is
 * linked under its parent, and gets a made-up switch_to frame on its
 * stack (kernel/switch.S) so that the first switch to it "returns"
 * into ret_from_kernel_thread or ret_from_fork.
 */
#include "kernel/file.h"
#include "kernel/fork.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/futex.h"
#include "kernel/time.h"
#include "kernel/tls.h"
#include "kernel/uaccess.h"
#include "kernel/x86.h"
#include "mm/memory.h"
#include "mm/mmap.h"
#include "mm/slab.h"

#define PID_MAX		32768
#define THREAD_ORDER	1		/* 2 pages of kernel stack */
#define INITIAL_EFLAGS	0x2	/* interrupts off; bit 1 is always 1 */

void ret_from_kernel_thread(void);
void ret_from_fork(void);

static int last_pid;

LIST_HEAD(mmlist);

/*
 * An empty address space: a page directory with the kernel mapped, at
 * the tail of mmlist.  (Departure: 2.4.0 puts exec's new mm first and
 * fork's right after its parent's; see README.md.)
 */
struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kmalloc(sizeof(*mm), GFP_KERNEL);

	if (!mm)
		return NULL;
	memset(mm, 0, sizeof(*mm));
	mm->pgd = pgd_alloc();
	if (!mm->pgd) {
		kfree(mm);
		return NULL;
	}
	mm->mm_users = 1;
	sema_init(&mm->mmap_sem, 1);
	list_add_tail(&mm->mmlist, &mmlist);
	return mm;
}

/*
 * Drops a user of mm; the last one frees it and everything mapped.
 * Threads share one mm (CLONE_VM), so only the last to leave frees.
 */
void mmput(struct mm_struct *mm)
{
	if (--mm->mm_users)
		return;
	list_del(&mm->mmlist);
	exit_mmap(mm);
	pgd_free(mm->pgd);
	kfree(mm);
}

/*
 * fork()'s copy of an address space (2.4's dup_mmap): the same VMAs,
 * and the same pages, shared copy-on-write by copy_page_range().
 */
struct mm_struct *dup_mm(struct mm_struct *oldmm)
{
	struct mm_struct *mm = mm_alloc();
	struct vm_area_struct *vma, *prev = NULL;

	if (!mm)
		return NULL;
	mm->start_code = oldmm->start_code;
	mm->end_code = oldmm->end_code;
	mm->start_data = oldmm->start_data;
	mm->end_data = oldmm->end_data;
	mm->start_brk = oldmm->start_brk;
	mm->brk = oldmm->brk;
	mm->start_stack = oldmm->start_stack;
	mm->arg_start = oldmm->arg_start;
	mm->arg_end = oldmm->arg_end;
	for (vma = oldmm->mmap; vma; vma = vma->vm_next) {
		struct vm_area_struct *new = vm_area_dup(vma);

		if (!new)
			goto fail;
		new->vm_mm = mm;
		new->vm_next = NULL;
		new->vm_flags &= ~VM_LOCKED;	/* locks are not inherited */
		if (prev)
			prev->vm_next = new;
		else
			mm->mmap = new;
		prev = new;
		mm->map_count++;
		mm->total_vm += (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
		if (copy_page_range(mm, oldmm, vma))
			goto fail;
	}
	debug_check_mm(mm, "fork");
	return mm;
fail:
	mmput(mm);
	return NULL;
}

/*
 * Is pid a task's, or the id of a process group or session that still
 * has a member?  A group outlives its leader: a new process given its
 * pid would join it when put in a group of its own (2.4.0's get_pid
 * checks all three).
 */
static bool pid_in_use(int pid)
{
	struct task_struct *p;

	for_each_task(p)
		if (p->pid == pid || p->pgrp == pid || p->session == pid)
			return true;
	return false;
}

/* The next free pid after the last one given, wrapping below PID_MAX. */
static int get_pid(void)
{
	for (int tries = 0; tries < PID_MAX; tries++) {
		if (++last_pid >= PID_MAX)
			last_pid = 2;		/* 1 is init for ever */
		if (!pid_in_use(last_pid))
			return last_pid;
	}
	return -EAGAIN;
}

void free_task(struct task_struct *p)
{
	free_pages((unsigned long)p->stack, THREAD_ORDER);
	kfree(p);
}

/*
 * The task list is also read by the Ctrl-C interrupt (kill_proc), so
 * it changes with interrupts off (rule 3 in sched.h).
 */
static void hash_task(struct task_struct *p)
{
	uint32_t flags = local_irq_save();

	if (p->group_leader == p)
		list_add_tail(&p->sibling, &p->parent->children);
	else
		list_add_tail(&p->thread_group,
			      &p->group_leader->thread_group);
	list_add_tail(&p->tasks, &init_task.tasks);
	local_irq_restore(flags);
}

/* Takes p off the task list, and off its parent's children or its group. */
void unhash_task(struct task_struct *p)
{
	uint32_t flags = local_irq_save();

	list_del_init(&p->sibling);
	list_del_init(&p->thread_group);
	list_del(&p->tasks);
	local_irq_restore(flags);
}

/*
 * The child is in its parent's process group and session, with its
 * controlling terminal; it leads no session and has not exec'd (2.4.0's
 * do_fork clears p->leader and did_exec).  A thread's are its leader's.
 */
static void copy_job(struct task_struct *p)
{
	const struct task_struct *leader = current->group_leader;

	p->pgrp = leader->pgrp;
	p->session = leader->session;
	p->tty = leader->tty;
}

/*
 * A process's children belong to its group (its leader): any thread
 * may wait for them, and they outlive the thread that made them.  A
 * new thread (CLONE_THREAD) joins current's group instead, with its
 * tgid (2.4.0's do_fork sets tgid and the thread_group list so).
 */
static void set_family(struct task_struct *p, bool thread)
{
	struct task_struct *leader = current->group_leader;

	p->parent = leader;
	p->group_leader = thread ? leader : p;
	p->tgid = thread ? leader->tgid : p->pid;
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	INIT_LIST_HEAD(&p->thread_group);
	copy_job(p);
}

/*
 * A task_struct and stack for a child of current (or, with thread, a
 * thread of its group), not yet runnable.  Like 2.4's do_fork, the
 * parent's remaining time slice is split with the child, so forking
 * cannot win extra CPU time.
 */
static struct task_struct *alloc_task(const char *name, bool thread)
{
	struct task_struct *p = kmalloc(sizeof(*p), GFP_KERNEL);
	int pid;

	if (!p)
		return NULL;
	memset(p, 0, sizeof(*p));
	p->stack = (void *)__get_free_pages(GFP_KERNEL, THREAD_ORDER);
	pid = get_pid();
	if (!p->stack || pid < 0) {
		if (p->stack)
			free_pages((unsigned long)p->stack, THREAD_ORDER);
		kfree(p);
		return NULL;
	}
	*(unsigned long *)p->stack = STACK_END_MAGIC;
	p->thread.esp0 = (unsigned long)p->stack + THREAD_SIZE;
	p->pid = pid;
	p->state = TASK_UNINTERRUPTIBLE;	/* until wake_up_process */
	p->nice = current->nice;
	p->umask = current->umask;
	p->policy = current->policy;
	p->counter = (current->counter + 1) >> 1;
	current->counter >>= 1;
	if (!current->counter)
		current->need_resched = 1;
	p->start_time = jiffies;
	set_family(p, thread);
	INIT_LIST_HEAD(&p->run_list);
	init_waitqueue_head(&p->wait_chldexit);
	strlcpy(p->comm, name, sizeof(p->comm));
	hash_task(p);
	return p;
}

/* Undoes alloc_task() for a child that never ran. */
static void unlink_task(struct task_struct *p)
{
	unhash_task(p);
	free_task(p);
}

/*
 * The frame switch_to pops for a task's first run: EFLAGS, edi, esi,
 * ebx, ebp (0 ends backtraces) and the address to "return" to, just
 * below the pt_regs at the top of the stack.
 */
static void set_first_frame(struct task_struct *p, void (*entry)(void),
			    unsigned long ebx, unsigned long esi)
{
	unsigned long *sp = (unsigned long *)task_pt_regs(p);

	*--sp = (unsigned long)entry;
	*--sp = 0;			/* ebp */
	*--sp = ebx;
	*--sp = esi;
	*--sp = 0;			/* edi */
	*--sp = INITIAL_EFLAGS;
	p->thread.esp = (unsigned long)sp;
}

/*
 * Starts fn(arg) in a new kernel thread called `name`, a child of
 * current; returns its pid or -errno.  2.4's kernel_thread() has a
 * flags argument instead of the name (threads named themselves).
 */
int kernel_thread(int (*fn)(void *), void *arg, const char *name)
{
	struct task_struct *p = alloc_task(name, false);

	if (!p)
		return -ENOMEM;
	set_first_frame(p, ret_from_kernel_thread, (unsigned long)fn,
			(unsigned long)arg);
	wake_up_process(p);
	return p->pid;
}

/*
 * The flags clone() takes.  CLONE_FILES shares the descriptor table
 * (kernel/file_table.c's copy_files), which is otherwise copied.
 * Pagoda has no file system and no System V semaphores, so CLONE_FS
 * and CLONE_SYSVSEM share what every task shares already: accepted,
 * with Linux's rules for how they combine.  CLONE_SIGHAND copies the signal actions,
 * which the threads of a group then keep alike (kernel/signal.c's
 * set_action).  CLONE_DETACHED (Linux 2.5.32) has meant nothing
 * since 2.6.2, which ignores it; musl's pthread_create still passes it.
 */
#define CLONE_FLAGS	(CSIGNAL | CLONE_VM | CLONE_FS | CLONE_FILES | \
			 CLONE_SIGHAND | CLONE_VFORK | CLONE_THREAD | \
			 CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | \
			 CLONE_CHILD_CLEARTID | CLONE_DETACHED | \
			 CLONE_CHILD_SETTID)

/* What a CLONE_VFORK parent sleeps on (2.4.0's vfork_sem, 2.6's
 * vfork_done completion), on its kernel stack. */
struct vfork_done {
	bool done;
	wait_queue_head_t wait;
};

/*
 * The child's address space (2.4.0's copy_mm): CLONE_VM shares
 * current's, one user more; otherwise a copy-on-write copy, made
 * under mmap_sem so that another thread cannot unmap what is being
 * copied while an allocation sleeps.
 */
static int copy_mm(unsigned long clone_flags, struct task_struct *p)
{
	struct mm_struct *mm = current->mm;

	if (clone_flags & CLONE_VM) {
		mm->mm_users++;
		p->mm = mm;
		return 0;
	}
	down(&mm->mmap_sem);
	p->mm = dup_mm(mm);
	up(&mm->mmap_sem);
	return p->mm ? 0 : -ENOMEM;
}

/*
 * The child's registers and thread state (2.4's copy_thread): current's
 * user registers with eax = 0, so that the call returns 0 in the
 * child, the stack pointer moved to newsp if that is not 0, the TLS
 * entries (and with CLONE_SETTLS, *tls in one of them) and the FPU.
 */
static void copy_thread(struct task_struct *p, unsigned long newsp,
			const struct user_desc *tls)
{
	*task_pt_regs(p) = *task_pt_regs(current);
	task_pt_regs(p)->eax = 0;
	if (newsp)
		task_pt_regs(p)->esp = newsp;
	/* The child's %gs selects the same TLS entry: give it the same. */
	memcpy(p->thread.tls_array, current->thread.tls_array,
	       sizeof(p->thread.tls_array));
	if (tls)
		set_tls_entry(p, tls);
	fork_fpu(p);
	set_first_frame(p, ret_from_fork, 0, 0);
}

/*
 * A CLONE_VFORK parent sleeps until the child leaves the address
 * space (mm_release()).  SIGKILL ends the sleep, as in Linux 3.4's
 * wait_for_vfork_done() (before, a parent whose child never exec'd
 * or exited could not be killed); the child must then not touch the
 * vfork_done on our stack.  It is alive: not done means it has not
 * left, so it cannot have been reaped.
 */
static void wait_for_vfork_done(struct task_struct *child,
				struct vfork_done *vfork)
{
	if (wait_event_killable(vfork->wait, vfork->done))
		child->vfork_done = NULL;
}

/*
 * Creates a child of current (2.4's do_fork): a process, or with
 * CLONE_THREAD a thread of current's group, on current's address
 * space (CLONE_VM) or a copy of it (mm/memory.c).  The tid pointers
 * are 2.6's (see sys_clone); with CLONE_VFORK, the parent sleeps
 * until the child leaves the address space (mm_release()).
 */
static long do_fork(unsigned long clone_flags, unsigned long newsp,
		    int *parent_tidptr, const struct user_desc *tls,
		    int *child_tidptr)
{
	struct vfork_done vfork = { .done = false };
	struct task_struct *p;
	int pid;

	if (!current->mm)
		return -EINVAL;
	init_waitqueue_head(&vfork.wait);
	p = alloc_task(current->comm, clone_flags & CLONE_THREAD);
	if (!p)
		return -ENOMEM;
	if (copy_mm(clone_flags, p)) {
		unlink_task(p);
		return -ENOMEM;
	}
	if (copy_files(clone_flags, p)) {
		mmput(p->mm);
		unlink_task(p);
		return -ENOMEM;
	}
	/*
	 * Killed while an allocation slept (exit_group or the OOM killer
	 * zapping the group): the new task may have joined too late to be
	 * zapped, so it is not made at all (2.6's copy_process checks so).
	 */
	if (fatal_signal_pending(current)) {
		exit_files(p);
		mmput(p->mm);
		unlink_task(p);
		return -EINTR;
	}
	if (clone_flags & CLONE_CHILD_SETTID)
		p->set_child_tid = child_tidptr;
	if (clone_flags & CLONE_CHILD_CLEARTID)
		p->clear_child_tid = child_tidptr;
	/* the same word, in the same memory: the child writes it too, so
	 * that it is there before the child's first instruction */
	if ((clone_flags & (CLONE_VM | CLONE_PARENT_SETTID)) ==
	    (CLONE_VM | CLONE_PARENT_SETTID))
		p->set_parent_tid = parent_tidptr;
	if (clone_flags & CLONE_VFORK)
		p->vfork_done = &vfork;
	p->prog = current->prog;
	copy_thread(p, newsp, tls);
	copy_sighand(p);
	copy_sigaltstack(p, clone_flags);
	pid = p->pid;
	wake_up_process(p);
	/*
	 * Only now, with the child runnable: the write may take a
	 * copy-on-write fault, and that may wait for memory while the
	 * OOM killer picks the child, which must be able to run and die.
	 * A fault is ignored, as in 2.6: the child exists already.
	 */
	if (clone_flags & CLONE_PARENT_SETTID)
		put_user_u32(pid, parent_tidptr);
	if (clone_flags & CLONE_VFORK)
		wait_for_vfork_done(p, &vfork);
	return pid;
}

long sys_fork(void)
{
	return do_fork(SIGCHLD, 0, NULL, NULL, NULL);
}

/* 2.4.0's vfork: the child borrows the parent's memory and stack. */
long sys_vfork(void)
{
	return do_fork(CLONE_VFORK | CLONE_VM | SIGCHLD, 0, NULL, NULL, NULL);
}

/* Linux's rules for clone's flags (2.6's copy_process): 0 or -EINVAL. */
static int check_clone_flags(unsigned long clone_flags)
{
	if (clone_flags & ~CLONE_FLAGS)
		return -EINVAL;
	if ((clone_flags & CLONE_THREAD) && !(clone_flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((clone_flags & CLONE_SIGHAND) && !(clone_flags & CLONE_VM))
		return -EINVAL;
	/* a thread's exit signal is ignored, as in Linux */
	if (!(clone_flags & CLONE_THREAD) &&
	    (clone_flags & CSIGNAL) != SIGCHLD)
		return -EINVAL;
	return 0;
}

/*
 * clone(flags, newsp, parent_tidptr, tls, child_tidptr), the i386
 * argument order.  2.4.0's sys_clone passes flags and newsp (the
 * caller's own stack if 0) to do_fork; the rest came with Linux
 * 2.5/2.6's NPTL work, and is what glibc's fork() and pthread_create()
 * use:
 *   CLONE_VM		share the address space (mm_users counts the
 *			tasks on it; the last to leave frees it)
 *   CLONE_THREAD	a thread of the caller's group: same tgid (its
 *			getpid), not a child anybody waits for
 *   CLONE_VFORK	the caller sleeps until the child exits (or, once
 *			Pagoda has execve, execs)
 *   CLONE_SETTLS	tls points to a user_desc for the child's TLS
 *			entry, as set_thread_area takes it
 *   CLONE_PARENT_SETTID	the child's tid goes to *parent_tidptr;
 *   CLONE_CHILD_SETTID	to *child_tidptr in the child's memory,
 *			before it returns to user mode;
 *   CLONE_CHILD_CLEARTID	at exit 0 goes to *child_tidptr and a
 *			futex waiter there is woken (pthread_join).
 * Refused with EINVAL: flags Pagoda lacks (CLONE_PARENT, CLONE_NEW*,
 * CLONE_PTRACE...), Linux's bad combinations, and for a process an
 * exit signal other than SIGCHLD (Linux would let only __WCLONE waits
 * see such a child; Pagoda's wait4 has no __WCLONE).
 */
long sys_clone(unsigned long clone_flags, unsigned long newsp,
	       int *parent_tidptr, struct user_desc *tls, int *child_tidptr)
{
	struct user_desc desc;
	int err = check_clone_flags(clone_flags);

	if (!err && (clone_flags & CLONE_SETTLS))
		err = clone_tls_read(tls, &desc);
	if (err)
		return err;
	return do_fork(clone_flags, newsp, parent_tidptr,
		       clone_flags & CLONE_SETTLS ? &desc : NULL,
		       child_tidptr);
}

/*
 * What a task does with its address space as it leaves it, at exit
 * (and, once Pagoda has execve, at exec): 2.4.0's mm_release() wakes
 * a vfork parent; 2.6's also writes 0 at the CLONE_CHILD_CLEARTID
 * word and wakes a futex waiter there, which is how pthread_join
 * learns that the thread is gone.  A fault is ignored, as there.
 * Before that, the robust futexes it holds are marked (Linux 5.5's
 * futex_exit_release(), which mm_release() calls).
 */
void mm_release(struct task_struct *tsk, struct mm_struct *mm)
{
	exit_robust_list(tsk, mm);
	if (tsk->clear_child_tid) {
		if (!put_user_u32(0, tsk->clear_child_tid))
			futex_wake(mm, tsk->clear_child_tid, 1);
		tsk->clear_child_tid = NULL;
	}
	if (tsk->vfork_done) {
		tsk->vfork_done->done = true;
		wake_up(&tsk->vfork_done->wait);
		tsk->vfork_done = NULL;
	}
}

/*
 * set_tid_address(tidptr) (Linux 2.6): as CLONE_CHILD_CLEARTID for the
 * caller itself; returns its pid.  glibc calls it at start-up.
 */
long sys_set_tid_address(int *tidptr)
{
	current->clear_child_tid = tidptr;
	return current->pid;
}

/*
 * A forked child's first C code, on its way to user mode (named after
 * 2.6's schedule_tail, which does the same write): CLONE_CHILD_SETTID's
 * pid goes into the child's own memory, and a CLONE_VM child writes
 * CLONE_PARENT_SETTID's word too (see do_fork).  A fault is ignored, as in
 * Linux: the child has no one to return an error to.  Interrupts are
 * on for the write, which may fault in a page and sleep.
 */
void schedule_tail(void);
void schedule_tail(void)
{
	if (!current->set_child_tid && !current->set_parent_tid)
		return;
	sti();
	if (current->set_child_tid)
		put_user_u32(current->pid, current->set_child_tid);
	if (current->set_parent_tid)
		put_user_u32(current->pid, current->set_parent_tid);
}
