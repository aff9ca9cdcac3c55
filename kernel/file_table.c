/*
 * The descriptor table of a process (Linux's files_struct, kernel/
 * fork.c's copy_files and kernel/exit.c's put_files_struct) and the
 * reference counts of open files (fs/file_table.c's fget and fput).
 * Threads made with CLONE_FILES share one table; fork copies it, the
 * copy pointing at the same open files; exec keeps it but for the
 * close-on-exec descriptors.  A kernel thread has none: the first
 * exec gives it the console as 0, 1 and 2, as init's are in Linux.
 * Pagoda runs one CPU and its kernel code is not preempted, so the
 * counts need no lock: nothing here sleeps but kmalloc, and that
 * before anything is changed.  A call that may sleep while it
 * uses an open file (read and write: a fault, a console or pipe wait,
 * cond_resched) holds a reference of its own (fget), as in Linux:
 * else a thread that closed the descriptor meanwhile freed the file
 * under it.
 */
#include "kernel/abi.h"
#include "kernel/file.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "mm/slab.h"
#include "mm/mm.h"

/* current's open file at fd, or NULL (fd unused or out of range);
 * no reference taken: for a caller that does not sleep while it uses
 * the file (2.4.0's fcheck). */
struct file *fcheck(int fd)
{
	struct files_struct *files = current->files;

	if (!files || fd < 0 || fd >= NR_OPEN)
		return NULL;
	return files->fd[fd];
}

/* fcheck's file with a reference the caller drops with fput (2.4.0's
 * fget): the file outlives a close of fd meanwhile. */
struct file *fget(int fd)
{
	struct file *f = fcheck(fd);

	if (f)
		f->f_count++;
	return f;
}

/* Was f opened for writing (or reading)?  An access mode of 3 is
 * neither: Linux opens it for ioctls only. */
bool file_can(const struct file *f, bool write)
{
	int mode = f->f_flags & O_ACCMODE;

	return mode == O_RDWR || mode == (write ? O_WRONLY : O_RDONLY);
}

/* A new open file of op, one descriptor's reference; NULL if no memory. */
struct file *get_empty_filp(const struct file_operations *op, int flags)
{
	struct file *f = kmalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return NULL;
	f->f_op = op;
	f->f_count = 1;
	f->f_flags = flags;
	f->private_data = NULL;
	f->f_pos = 0;
	return f;
}

/* Drops a reference (a descriptor's or fget's); the last releases
 * the file (a pipe's end closes: 2.4.0's fput calls f_op->release)
 * and frees it. */
void fput(struct file *f)
{
	if (--f->f_count)
		return;
	if (f->f_op->release)
		f->f_op->release(f);
	kfree(f);
}

/* current's lowest free descriptor from `from` on, or -EMFILE. */
int get_unused_fd(int from)
{
	struct files_struct *files = current->files;

	for (int fd = from; files && fd < NR_OPEN; fd++)
		if (!files->fd[fd])
			return fd;
	return -EMFILE;
}

/* Marks current's descriptor fd close-on-exec, or not (2.4.0's). */
void set_close_on_exec(int fd, bool on)
{
	struct files_struct *files = current->files;

	if (on)
		files->close_on_exec |= 1u << fd;
	else
		files->close_on_exec &= ~(1u << fd);
}

/* Puts f (a reference the caller gives) at current's free slot fd. */
void fd_install(int fd, struct file *f, bool cloexec)
{
	current->files->fd[fd] = f;
	set_close_on_exec(fd, cloexec);
}

/* close(): 0, or -EBADF if fd is not open (fs/open.c's sys_close). */
int close_fd(int fd)
{
	struct file *f = fcheck(fd);

	if (!f)
		return -EBADF;
	current->files->fd[fd] = NULL;
	set_close_on_exec(fd, false);
	fput(f);
	return 0;
}

/* A table holding what old holds (each file one reference more), or
 * the console as 0, 1 and 2 if old is NULL; NULL if no memory. */
static struct files_struct *dup_fd(struct files_struct *old)
{
	struct files_struct *new = kmalloc(sizeof(*new), GFP_KERNEL);
	struct file *console = old ? NULL :
			       get_empty_filp(&console_fops, O_RDWR);

	if (!new || (!old && !console)) {
		kfree(new);
		kfree(console);
		return NULL;
	}
	memset(new, 0, sizeof(*new));
	new->count = 1;
	if (!old) {
		console->f_count = 3;
		for (int fd = 0; fd < 3; fd++)
			new->fd[fd] = console;
		return new;
	}
	new->close_on_exec = old->close_on_exec;
	for (int fd = 0; fd < NR_OPEN; fd++) {
		new->fd[fd] = old->fd[fd];
		if (new->fd[fd])
			new->fd[fd]->f_count++;
	}
	return new;
}

/* Drops a task's reference to files; the last closes every file. */
void put_files(struct files_struct *files)
{
	if (--files->count)
		return;
	for (int fd = 0; fd < NR_OPEN; fd++)
		if (files->fd[fd])
			fput(files->fd[fd]);
	kfree(files);
}

/* The child's table (2.4.0's copy_files): current's, shared with
 * CLONE_FILES, else a copy.  0 or -ENOMEM. */
int copy_files(unsigned long clone_flags, struct task_struct *p)
{
	struct files_struct *files = current->files;

	if (!files)
		return 0;
	if (clone_flags & CLONE_FILES) {
		files->count++;
		p->files = files;
		return 0;
	}
	p->files = dup_fd(files);
	return p->files ? 0 : -ENOMEM;
}

/* At exit (2.4.0's __exit_files). */
void exit_files(struct task_struct *tsk)
{
	struct files_struct *files = tsk->files;

	if (files) {
		tsk->files = NULL;
		put_files(files);
	}
}

/*
 * The table the new program will have, made before exec's point of no
 * return: current's own if no other task shares it, else a copy
 * (Linux 2.6's unshare_files at exec), or the console's for a kernel
 * thread.  NULL if no memory.
 */
struct files_struct *files_for_exec(void)
{
	struct files_struct *files = current->files;

	if (files && files->count == 1) {
		files->count++;		/* install_exec_files drops it */
		return files;
	}
	return dup_fd(files);
}

/* Exec succeeded: files becomes current's, its close-on-exec
 * descriptors closed (2.4.0's flush_old_files). */
void install_exec_files(struct files_struct *files)
{
	if (current->files)
		put_files(current->files);
	current->files = files;
	for (int fd = 0; fd < NR_OPEN; fd++)
		if (files->close_on_exec & (1u << fd))
			close_fd(fd);
}
