/*
 * Pipes with a process asleep in one (kernel/pipe.c): "pipetest block
 * read" sleeps reading its own empty pipe, "pipetest block write"
 * writing to its own full one.  Killed there, by a signal or by the
 * OOM killer, it dies of SIGKILL and its pipe goes with its last
 * file: the page back in the buddy allocator, every page it used
 * free again.  Its other side's view (end of file, EPIPE, the bytes
 * written) is pipetest's to check, from user space.  pipe2 that
 * cannot store its descriptors closes only its own (the suite boots
 * with a swap disk for that case's buffer: tests/suites.py).
 */
#include "kernel/exec.h"
#include "kernel/file.h"
#include "kernel/pipe.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/time.h"
#include "lib/ktest.h"
#include "mm/mm.h"
#include "mm/oom_kill.h"
#include "kernel/fork.h"
#include "kernel/syscalls.h"
#include "mm/filemap.h"
#include "tests/kernel/ktest_swap.h"
#include "tests/kernel/ktest_tasks.h"

#define PIPE_FD		3	/* pipetest's read end; 4 its write end */

static struct pipe_inode_info *pipe_of(struct task_struct *p)
{
	struct file *f = p->files ? p->files->fd[PIPE_FD] : NULL;

	return f ? f->private_data : NULL;
}

/* Asleep in the pipe: reading an empty one (or asleep beside it),
 * or writing a full one. */
static bool asleep_in_pipe(struct task_struct *p, bool reading)
{
	struct pipe_inode_info *pipe;

	if (!p || p->state != TASK_INTERRUPTIBLE || !(pipe = pipe_of(p)))
		return false;
	return reading ? !pipe->len : pipe->waiting_writers == 1;
}

/* "pipetest block how" once asleep in its pipe (at most 5 s): the
 * task, or NULL. */
static struct task_struct *start_asleep(char *how, int *pid)
{
	char *argv[] = { "pipetest", "block", how };

	*pid = spawn_program(3, argv);
	for (int tick = 0; *pid > 0 && tick < 5 * HZ; tick++) {
		struct task_struct *p = find_task_by_pid(*pid);

		if (asleep_in_pipe(p, how[0] != 'w'))
			return p;
		schedule_timeout_uninterruptible(1);
	}
	return NULL;
}

/*
 * Twice (the first round warms the slab caches): the process asleep in
 * how, killed by kill (send_sig or oom_kill_task), is reaped with
 * SIGKILL's status and its pipe's page is free; after the second,
 * the free pages are what they were before it.
 */
static void killed_asleep(struct ktest *t, char *how,
			  void (*kill)(struct task_struct *p))
{
	unsigned long free = 0;

	for (int round = 0; round < 2; round++) {
		struct pipe_inode_info *pipe;
		struct task_struct *p;
		struct page *page;
		int pid, status = -1;

		free = nr_free_pages();
		p = start_asleep(how, &pid);
		KTEST_ASSERT_NOT_NULL(t, p);
		pipe = pipe_of(p);
		page = virt_to_page(pipe->base);
		KTEST_EXPECT_EQ(t, pipe->readers, 1);
		KTEST_EXPECT_EQ(t, pipe->writers, 1);
		KTEST_EXPECT_EQ(t, page_count(page), 1);
		kill(p);
		KTEST_ASSERT_TRUE(t, ktest_reap(t, pid, &status));
		KTEST_EXPECT_TRUE(t, WIFSIGNALED(status) &&
				  WTERMSIG(status) == SIGKILL);
		KTEST_EXPECT_EQ(t, page_count(page), 0);
	}
	KTEST_EXPECT_EQ(t, nr_free_pages(), free);
}

static void sigkill(struct task_struct *p)
{
	send_sig(SIGKILL, p);
}

static void a_reader_killed_asleep_gives_its_pipe_back(struct ktest *t)
{
	killed_asleep(t, "read", sigkill);
}

static void a_writer_killed_asleep_gives_its_pipe_back(struct ktest *t)
{
	killed_asleep(t, "write", sigkill);
}

static void the_oom_killer_takes_a_writer_asleep_and_its_pipe(struct ktest *t)
{
	killed_asleep(t, "write", oom_kill_task);
}

static void the_oom_killer_takes_a_reader_asleep_and_its_pipe(struct ktest *t)
{
	killed_asleep(t, "read", oom_kill_task);
}

/* Whether p gives its address space back within 5 s, as an OOM
 * victim must. */
static bool memory_given_back(struct task_struct *p)
{
	for (int tick = 0; p->mm && tick < 5 * HZ; tick++)
		schedule_timeout_uninterruptible(1);
	return !p->mm;
}

/* The OOM killer's victim p, which may be asleep on the semaphore of
 * f's pipe, held here, gives its memory back all the same; reaped
 * after.  f's reference keeps the pipe here until then. */
static void victim_leaves(struct ktest *t, struct task_struct *p,
			  int pid, struct file *f)
{
	struct pipe_inode_info *pipe = f->private_data;
	int status = -1;

	oom_kill_task(p);
	KTEST_EXPECT_TRUE(t, memory_given_back(p));
	up(&pipe->sem);
	fput(f);
	KTEST_ASSERT_TRUE(t, ktest_reap(t, pid, &status));
	KTEST_EXPECT_TRUE(t, WIFSIGNALED(status) &&
			  WTERMSIG(status) == SIGKILL);
}

/*
 * "pipetest block how" asleep, the test holding a reference to its
 * pipe's read end (*f: the pipe stays until the test's fput) and the
 * pipe's semaphore, as a reader or writer whose copy faulted and now
 * waits for memory holds it; the task, or NULL.
 */
static struct task_struct *asleep_while_held(char *how, int *pid,
					     struct file **f)
{
	struct task_struct *p = start_asleep(how, pid);
	struct pipe_inode_info *pipe;

	if (!p)
		return NULL;
	*f = p->files->fd[PIPE_FD];
	(*f)->f_count++;
	pipe = (*f)->private_data;
	down(&pipe->sem);
	return p;
}

/*
 * A reader (or writer) asleep in its pipe, killed by the OOM killer
 * while another task holds the pipe's semaphore: woken, the victim
 * does not wait for the semaphore, which the holder gives back only
 * once memory comes back, from the victim; else neither would go on.
 */
static void oom_victim_asleep(struct ktest *t, char *how)
{
	struct task_struct *p;
	struct file *f;
	int pid;

	p = asleep_while_held(how, &pid, &f);
	KTEST_ASSERT_NOT_NULL(t, p);
	victim_leaves(t, p, pid, f);
}

static void an_oom_victim_reading_need_not_take_the_pipes_semaphore(
	struct ktest *t)
{
	oom_victim_asleep(t, "read");
}

static void an_oom_victim_writing_need_not_take_the_pipes_semaphore(
	struct ktest *t)
{
	oom_victim_asleep(t, "write");
}

/*
 * The same for a close: a process closing a pipe's end while another
 * task holds the pipe's semaphore is not kept from exiting.  pipetest
 * closes its write end in a SIGUSR1 handler; once the close is done
 * (or asleep on the semaphore), the OOM killer takes it.
 */
static void an_oom_victim_closing_need_not_take_the_pipes_semaphore(
	struct ktest *t)
{
	struct pipe_inode_info *pipe;
	struct task_struct *p;
	struct file *f;
	int pid;

	p = asleep_while_held("close", &pid, &f);
	KTEST_ASSERT_NOT_NULL(t, p);
	pipe = f->private_data;
	send_sig(SIGUSR1, p);
	for (int tick = 0; tick < 5 * HZ && pipe->writers &&
	     !waitqueue_active(&pipe->sem.wait); tick++)
		schedule_timeout_uninterruptible(1);
	victim_leaves(t, p, pid, f);
}

/* A thread sharing the case's table, and the buffer pipe2 writes to. */
struct other_thread {
	struct files_struct *files;
	struct page *page;	/* the buffer's, locked by the case */
	int fd;			/* where pipe2 puts its read end */
	struct file *null;	/* what the thread opens there */
};

/*
 * Once pipe2 sleeps on its buffer's page (the copy of its descriptors
 * faulted), closes the read end and opens /dev/null, which takes its
 * descriptor, as another thread of the process may; then lets the
 * page go.
 */
static int close_and_open(void *arg)
{
	struct other_thread *o = arg;

	current->files = o->files;	/* as CLONE_FILES shares it */
	o->files->count++;
	ktest_wait_for_page_waiter(o->page);
	/* the new file may well be where the read end's was freed */
	if (!close_fd(o->fd))
		o->null = get_empty_filp(device_by_path("/dev/null"),
					 O_RDONLY);
	if (o->null && get_unused_fd(0) == o->fd)
		fd_install(o->fd, o->null, false);
	unlock_page(o->page);
	return 0;
}

/*
 * pipe2 with a buffer whose first descriptor's page is swapped out
 * (and locked: the copy sleeps there) and whose second's is not
 * mapped: -EFAULT, and its two descriptors closed, but not the file
 * another thread opened at one of them meanwhile.
 */
static void pipe2_efault_closes_only_its_own(struct ktest *t)
{
	static struct other_thread o;	/* it may outlive a failure */
	struct mm_struct *mm = enter_swapping_mm(t);
	bool own_table;
	unsigned long addr;
	int pid, fd;

	if (!mm)
		return;
	addr = map_written_pages(2, 7);
	KTEST_ASSERT_EQ(t, do_munmap(mm, addr + PAGE_SIZE, PAGE_SIZE), 0);
	o.page = swap_out_page(mm, addr);
	KTEST_ASSERT_TRUE(t, !pte_present(*pte_of(mm, addr)));
	own_table = ktest_enter_files();
	KTEST_ASSERT_NOT_NULL(t, current->files);
	o.files = current->files;
	o.fd = fd = get_unused_fd(0);
	o.null = NULL;
	if (!ktest_lock_page(t, o.page, "pipe2's buffer"))
		return;
	pid = kernel_thread(close_and_open, &o, "other thread");
	KTEST_ASSERT_TRUE(t, pid > 0);
	KTEST_EXPECT_EQ(t, sys_pipe2((int *)(addr + PAGE_SIZE - 4), 0),
			-EFAULT);
	KTEST_EXPECT_EQ(t, ktest_exit_code(t, pid), 0);
	KTEST_EXPECT_NOT_NULL(t, o.null);
	KTEST_EXPECT_PTR_EQ(t, fcheck(fd), o.null);	/* left open */
	KTEST_EXPECT_NULL(t, fcheck(fd + 1));		/* the write end */
	close_fd(fd);
	ktest_leave_files(own_table);
	leave_mm(t, mm);
}

static const struct ktest_case pipe_cases[] = {
	KTEST_CASE(pipe2_efault_closes_only_its_own),
	KTEST_CASE(a_reader_killed_asleep_gives_its_pipe_back),
	KTEST_CASE(a_writer_killed_asleep_gives_its_pipe_back),
	KTEST_CASE(the_oom_killer_takes_a_writer_asleep_and_its_pipe),
	KTEST_CASE(the_oom_killer_takes_a_reader_asleep_and_its_pipe),
	KTEST_CASE(an_oom_victim_reading_need_not_take_the_pipes_semaphore),
	KTEST_CASE(an_oom_victim_writing_need_not_take_the_pipes_semaphore),
	KTEST_CASE(an_oom_victim_closing_need_not_take_the_pipes_semaphore),
};
KTEST_SUITE(pipe, pipe_cases);
