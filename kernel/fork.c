/*
 * Creating tasks (kernel/fork.c and arch/i386/kernel/process.c in
 * Linux 2.4): kernel threads and fork().
 *
 * A new task gets a task_struct, an 8 KiB kernel stack and a pid, is
 * linked under its parent, and gets a made-up switch_to frame on its
 * stack (kernel/switch.S) so that the first switch to it "returns"
 * into ret_from_kernel_thread or ret_from_fork.
 */
#include "kernel/fork.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
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
	list_add_tail(&mm->mmlist, &mmlist);
	return mm;
}

/* Drops a user of mm; the last one frees it and everything mapped. */
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

/* The next free pid after the last one given, wrapping below PID_MAX. */
static int get_pid(void)
{
	for (int tries = 0; tries < PID_MAX; tries++) {
		if (++last_pid >= PID_MAX)
			last_pid = 2;		/* 1 is init for ever */
		if (!find_task_by_pid(last_pid))
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

	list_add_tail(&p->sibling, &p->parent->children);
	list_add_tail(&p->tasks, &init_task.tasks);
	local_irq_restore(flags);
}

void unhash_task(struct task_struct *p)
{
	uint32_t flags = local_irq_save();

	list_del(&p->sibling);
	list_del(&p->tasks);
	local_irq_restore(flags);
}

/*
 * A task_struct and stack for a child of current, not yet runnable.
 * Like 2.4's do_fork, the parent's remaining time slice is split with
 * the child, so forking cannot win extra CPU time.
 */
static struct task_struct *alloc_task(const char *name)
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
	p->policy = current->policy;
	p->counter = (current->counter + 1) >> 1;
	current->counter >>= 1;
	if (!current->counter)
		current->need_resched = 1;
	p->start_time = jiffies;
	p->parent = current;
	INIT_LIST_HEAD(&p->children);
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
	struct task_struct *p = alloc_task(name);

	if (!p)
		return -ENOMEM;
	set_first_frame(p, ret_from_kernel_thread, (unsigned long)fn,
			(unsigned long)arg);
	wake_up_process(p);
	return p->pid;
}

/*
 * The flags clone() can honour: Pagoda's processes have one thread
 * and share nothing, so only the fork-like ones.
 */
#define CLONE_FORK_FLAGS	(CSIGNAL | CLONE_PARENT_SETTID | \
				 CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)

/*
 * Creates a child of current that is a copy of it (2.4's do_fork, for
 * processes only): a copy-on-write copy of the address space
 * (mm/memory.c), of the user registers with eax = 0 so that the call
 * returns 0 in the child, and its stack pointer moved to newsp if that
 * is not 0.  The tid pointers are 2.6's (see sys_clone).
 */
static long do_fork(unsigned long clone_flags, unsigned long newsp,
		    int *parent_tidptr, int *child_tidptr)
{
	struct pt_regs *regs = task_pt_regs(current);
	struct task_struct *p;
	int pid;

	if (!current->mm)
		return -EINVAL;
	p = alloc_task(current->comm);
	if (!p)
		return -ENOMEM;
	p->mm = dup_mm(current->mm);
	if (!p->mm) {
		unlink_task(p);
		return -ENOMEM;
	}
	if (clone_flags & CLONE_CHILD_SETTID)
		p->set_child_tid = child_tidptr;
	if (clone_flags & CLONE_CHILD_CLEARTID)
		p->clear_child_tid = child_tidptr;
	*task_pt_regs(p) = *regs;
	task_pt_regs(p)->eax = 0;
	if (newsp)
		task_pt_regs(p)->esp = newsp;
	/* The child's %gs selects the same TLS entry: give it the same. */
	memcpy(p->thread.tls_array, current->thread.tls_array,
	       sizeof(p->thread.tls_array));
	fork_fpu(p);
	copy_sighand(p);
	set_first_frame(p, ret_from_fork, 0, 0);
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
	return pid;
}

long sys_fork(void)
{
	return do_fork(SIGCHLD, 0, NULL, NULL);
}

/*
 * clone(flags, newsp, parent_tidptr, tls, child_tidptr), the i386
 * argument order.  2.4.0's sys_clone passes flags and newsp (the
 * caller's own stack if 0) to do_fork; the tid pointers came with
 * Linux 2.5/2.6 and are what glibc's fork() uses:
 *   CLONE_PARENT_SETTID	the child's pid goes to *parent_tidptr in
 *				the parent;
 *   CLONE_CHILD_SETTID	it goes to *child_tidptr in the child, before
 *				the child returns to user mode;
 *   CLONE_CHILD_CLEARTID	at exit 0 goes to *child_tidptr.  Linux
 *				then wakes a futex there; Pagoda has no
 *				futex, and no threads to wait on one.
 * Refused with EINVAL:
 *  - every other flag.  The thread ones (CLONE_VM, CLONE_THREAD,
 *    CLONE_SIGHAND, CLONE_SETTLS...) need shared address spaces that
 *    Pagoda does not have; glibc passes the error on (pthread_create
 *    and posix_spawn fail).  Even CLONE_VM|CLONE_VFORK (posix_spawn)
 *    is refused: glibc's child then writes its exec error into the
 *    parent's memory, which a copy would silently lose.
 *  - an exit signal other than SIGCHLD.  Linux sends that signal
 *    instead and lets only __WCLONE waits see the child; Pagoda's
 *    waitpid has no __WCLONE, so such a child could not be waited for
 *    the Linux way.
 */
long sys_clone(unsigned long clone_flags, unsigned long newsp,
	       int *parent_tidptr, unsigned long tls __unused,
	       int *child_tidptr)
{
	if (clone_flags & ~CLONE_FORK_FLAGS)
		return -EINVAL;
	if ((clone_flags & CSIGNAL) != SIGCHLD)
		return -EINVAL;
	return do_fork(clone_flags, newsp, parent_tidptr, child_tidptr);
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
 * pid goes into the child's own memory.  A fault is ignored, as in
 * Linux: the child has no one to return an error to.  Interrupts are
 * on for the write, which may fault in a page and sleep.
 */
void schedule_tail(void);
void schedule_tail(void)
{
	if (!current->set_child_tid)
		return;
	sti();
	put_user_u32(current->pid, current->set_child_tid);
}
