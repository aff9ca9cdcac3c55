/*
 * Pipes (fs/pipe.c in Linux 2.4.0): pipe() and pipe2() make a buffer
 * of one page and two open files on it, a read end and a write end.
 *
 * The bytes sit at base + start, len of them, wrapping at the page's
 * end (2.4.0's start + len, Florian Coosmann's).  A reader sleeps
 * while the pipe is empty and a writer has it open; with no writer
 * left, an empty pipe is end of file.  A writer sleeps while the page
 * lacks room: for a write of at most PIPE_BUF bytes, room for all of
 * it, so that it lands in one piece; for a longer one, room for a
 * byte, and it goes in as room comes.  With no reader left a write is
 * -EPIPE and SIGPIPE.  O_NONBLOCK makes those waits -EAGAIN, a
 * signal -ERESTARTSYS (SA_RESTART starts the call again), but a call
 * that moved bytes returns how many.
 *
 * Readers and writers sleep on the pipe's one wait queue; each change
 * wakes the other side.  The pipe's semaphore (2.4.0's inode->i_sem)
 * is held across the copies, which may fault and sleep (a page
 * swapped out, a copy on write, reclaim): no other reader or writer
 * moves start or len meanwhile.  The page comes from the buddy
 * allocator and goes back when the last file of either end is
 * released (pipe_release); a task killed while it sleeps here leaves
 * by the same path, its reference dropped at exit.
 */
#include "kernel/file.h"
#include "kernel/kernel.h"
#include "kernel/pipe.h"
#include "kernel/poll.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"
#include "mm/mm.h"
#include "mm/slab.h"

#define S_IFIFO		0010000

static unsigned long pipe_free(const struct pipe_inode_info *pipe)
{
	return PIPE_SIZE - pipe->len;
}

static unsigned int pipe_end(const struct pipe_inode_info *pipe)
{
	return (pipe->start + pipe->len) & (PIPE_SIZE - 1);
}

/*
 * Drops the semaphore and sleeps until the pipe changes or a signal
 * comes (2.4.0's pipe_wait): 0 with the semaphore taken again, or
 * -ERESTARTSYS without it.  2.4.0 takes it back with down() whatever
 * came; here a signal ends that wait too, as Linux 5.5's pipe_read
 * returns without the lock.  Else an OOM victim woken here slept in
 * down() while the holder, its copy faulted, waited for the victim's
 * memory (page_alloc.c's kswapd_helped): neither went on.
 */
static int pipe_wait(struct pipe_inode_info *pipe)
{
	DECLARE_WAITQUEUE(wait, current);

	prepare_to_wait(&pipe->wait, &wait, TASK_INTERRUPTIBLE);
	up(&pipe->sem);
	schedule();		/* at once if a signal is pending */
	finish_wait(&pipe->wait, &wait);
	if (signal_pending(current) || down_interruptible(&pipe->sem))
		return -ERESTARTSYS;
	return 0;
}

/* Waits, the semaphore held, until the pipe has bytes or no writer:
 * 0, -EAGAIN (O_NONBLOCK) or -ERESTARTSYS (a signal; the semaphore
 * is no longer held). */
static int wait_for_bytes(struct file *f, struct pipe_inode_info *pipe)
{
	while (!pipe->len && pipe->writers) {
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (pipe_wait(pipe))
			return -ERESTARTSYS;
	}
	return 0;
}

/* Moves up to count bytes to buf, adding them to *done: 0, or -EFAULT
 * (the bytes of a chunk that faulted stay in the pipe). */
static int copy_out(struct pipe_inode_info *pipe, char *buf,
		    unsigned long count, unsigned long *done)
{
	while (*done < count && pipe->len) {
		unsigned long n = min(count - *done,
				      min((unsigned long)pipe->len,
					  PIPE_SIZE - pipe->start));

		if (copy_to_user(buf + *done, pipe->base + pipe->start, n))
			return -EFAULT;
		*done += n;
		pipe->start = (pipe->start + n) & (PIPE_SIZE - 1);
		pipe->len -= n;
	}
	if (!pipe->len)
		pipe->start = 0;	/* 2.4.0's "cache behaviour" */
	return 0;
}

/*
 * What the pipe has, up to count bytes, waiting for the first.  Like
 * 2.4.0's, a read that emptied the pipe while writers wait for room
 * wakes them and waits for more, up to count.
 */
static long pipe_read(struct file *f, char *buf, unsigned long count)
{
	struct pipe_inode_info *pipe = f->private_data;
	unsigned long done = 0;
	long ret;

	if (down_interruptible(&pipe->sem))
		return -ERESTARTSYS;
	for (;;) {
		ret = wait_for_bytes(f, pipe);
		if (ret == -ERESTARTSYS)	/* the semaphore let go */
			goto out_nolock;
		if (ret || !pipe->len)		/* end of file: 0 */
			break;
		ret = copy_out(pipe, buf, count, &done);
		if (ret)
			break;
		wake_up_interruptible(&pipe->wait);	/* room for writers */
		if (done == count || !pipe->waiting_writers ||
		    (f->f_flags & O_NONBLOCK))
			break;
	}
	up(&pipe->sem);
out_nolock:
	return done ? (long)done : ret;
}

/*
 * Waits, the semaphore held, until a reader is gone or the pipe has
 * room for `room` bytes: 0, -EPIPE, -EAGAIN (O_NONBLOCK) or
 * -ERESTARTSYS (a signal; the semaphore is no longer held).  Readers
 * are woken first: the pipe may be full of what this write put in.
 */
static int wait_for_room(struct file *f, struct pipe_inode_info *pipe,
			 unsigned long room)
{
	while (pipe->readers && pipe_free(pipe) < room) {
		int ret;

		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		wake_up_interruptible(&pipe->wait);
		pipe->waiting_writers++;
		ret = pipe_wait(pipe);
		pipe->waiting_writers--;
		if (ret)
			return ret;
	}
	return pipe->readers ? 0 : -EPIPE;
}

/*
 * Puts count bytes in the pipe, waiting for room; one of PIPE_BUF
 * bytes or fewer all at once.  -EPIPE and SIGPIPE if no reader is
 * left before a byte went in (2.4.0's sigpipe label).
 */
static long pipe_write(struct file *f, const char *buf, unsigned long count)
{
	struct pipe_inode_info *pipe = f->private_data;
	unsigned long done = 0;
	long ret = 0;

	if (!count)
		return 0;
	if (down_interruptible(&pipe->sem))
		return -ERESTARTSYS;
	while (done < count) {
		unsigned long n;

		/* an atomic write waits once, for all of it: what wraps
		 * past the page's end goes in at once, after the rest */
		ret = wait_for_room(f, pipe,
				    count <= PIPE_BUF ? count - done : 1);
		if (ret)
			break;
		n = min(count - done, min(pipe_free(pipe),
					  PIPE_SIZE - pipe_end(pipe)));
		if (copy_from_user(pipe->base + pipe_end(pipe), buf + done,
				   n)) {
			ret = -EFAULT;
			break;
		}
		done += n;
		pipe->len += n;
	}
	if (ret != -ERESTARTSYS)	/* else the semaphore let go */
		up(&pipe->sem);
	if (done) {
		wake_up_interruptible(&pipe->wait);
		return done;
	}
	if (ret == -EPIPE)
		send_sig(SIGPIPE, current);
	return ret;
}

/*
 * The last file of an end goes; with both ends gone, the pipe does.
 * 2.4.0 takes the semaphore around this; here nothing in it sleeps,
 * and on one CPU without preemption nobody else runs meanwhile, so it
 * is not taken: a close must not wait for a holder whose copy
 * faulted and waits for memory, if the OOM killer chose the closer
 * (see pipe_wait).  A reader or writer holds a file (fget), so its
 * end's count stays above 0 while it is in the pipe.
 */
static void pipe_release(struct file *f)
{
	struct pipe_inode_info *pipe = f->private_data;

	if ((f->f_flags & O_ACCMODE) == O_RDONLY)
		pipe->readers--;
	else
		pipe->writers--;
	if (!pipe->readers && !pipe->writers) {
		/* nobody else holds a file of it, so nobody waits */
		free_page((unsigned long)pipe->base);
		kfree(pipe);
		return;
	}
	wake_up_interruptible(&pipe->wait);
}

/*
 * What poll() sees (2.4.0's pipe_poll, its answer for both ends):
 * readable while the pipe holds bytes, else writable; POLLHUP with no
 * writer left, POLLERR with no reader.  Read without the semaphore,
 * as there: a word each.
 */
static unsigned int pipe_poll(struct file *f, struct poll_table *pt)
{
	struct pipe_inode_info *pipe = f->private_data;
	unsigned int mask = POLLIN | POLLRDNORM;

	poll_wait(f, &pipe->wait, pt);
	if (!pipe->len)
		mask = POLLOUT | POLLWRNORM;
	if (!pipe->writers)
		mask |= POLLHUP;
	if (!pipe->readers)
		mask |= POLLERR;
	return mask;
}

/*
 * fstat: a FIFO of size 0, as since Linux 2.6.11 (its pipe buffers left
 * i_size alone).  2.4.0's i_size was the bytes the pipe held, which
 * busybox more took for a file's size ("4294967295% of 292 bytes").
 */
static void pipe_stat(struct file *f, struct statx *st)
{
	struct pipe_inode_info *pipe = f->private_data;

	st->stx_ino = pipe->ino;
	st->stx_blksize = PIPE_SIZE;
}

static const struct file_operations pipe_fops = {
	.read = pipe_read, .write = pipe_write, .poll = pipe_poll,
	.stat = pipe_stat,
	.release = pipe_release, .mode = S_IFIFO | 0600,
};

/* A new pipe with one reader and one writer, or NULL (2.4.0's
 * pipe_new; GFP_USER, as there: it may reclaim). */
static struct pipe_inode_info *pipe_new(void)
{
	static unsigned long last_ino;
	struct pipe_inode_info *pipe = kmalloc(sizeof(*pipe), GFP_KERNEL);

	if (!pipe)
		return NULL;
	pipe->base = (char *)__get_free_page(GFP_USER);
	if (!pipe->base) {
		kfree(pipe);
		return NULL;
	}
	init_waitqueue_head(&pipe->wait);
	sema_init(&pipe->sem, 1);
	pipe->start = pipe->len = 0;
	pipe->readers = pipe->writers = 1;
	pipe->waiting_writers = 0;
	/* even, as the devices', and past theirs (kernel/stat.c) */
	pipe->ino = (0x10000 + ++last_ino) * 2;
	return pipe;
}

/*
 * Makes a pipe and puts its ends at the two lowest free descriptors
 * (2.4.0's do_pipe): 0, -ENFILE if memory ran out (2.4.0's answer),
 * or -EMFILE.  Everything that may sleep comes first, so that no
 * thread sharing the table takes a descriptor between the lookup and
 * the install.
 */
static int do_pipe(int fd[2], int flags)
{
	struct pipe_inode_info *pipe = pipe_new();
	int mode = flags & O_NONBLOCK;
	struct file *r = get_empty_filp(&pipe_fops, O_RDONLY | mode);
	struct file *w = get_empty_filp(&pipe_fops, O_WRONLY | mode);
	int err = -ENFILE;

	if (pipe && r && w) {
		fd[0] = get_unused_fd(0);
		fd[1] = fd[0] < 0 ? fd[0] : get_unused_fd(fd[0] + 1);
		err = fd[1] < 0 ? fd[1] : 0;
	}
	if (err) {
		kfree(r);
		kfree(w);
		if (pipe)
			free_page((unsigned long)pipe->base);
		kfree(pipe);
		return err;
	}
	r->private_data = w->private_data = pipe;
	fd_install(fd[0], r, flags & O_CLOEXEC);
	fd_install(fd[1], w, flags & O_CLOEXEC);
	return 0;
}

/*
 * pipe2 (331; Linux 2.6.27) with O_CLOEXEC and O_NONBLOCK, other flags
 * -EINVAL.  Descriptors that cannot be stored at ufd are closed again
 * and the call is -EFAULT, as 2.6.27's sys_pipe2 does (2.4.0's
 * sys_pipe left them open); but only while they still hold the pipe's
 * ends: the copy may fault and sleep, and another thread sharing the
 * table may meanwhile have closed one and opened another file there,
 * which 2.6.27 closed.  (Later Linux's do_pipe2 installs the two only
 * once the copy is done; Pagoda's table cannot hold a descriptor
 * reserved and empty.)
 */
long sys_pipe2(int *ufd, int flags)
{
	struct file *ends[2];
	int fd[2];
	int err;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	err = do_pipe(fd, flags);
	if (err)
		return err;
	/* held, so that no file opened meanwhile is where one was */
	ends[0] = fget(fd[0]);
	ends[1] = fget(fd[1]);
	err = copy_to_user(ufd, fd, sizeof(fd)) ? -EFAULT : 0;
	for (int i = 0; i < 2; i++) {
		if (err && fcheck(fd[i]) == ends[i])
			close_fd(fd[i]);
		fput(ends[i]);
	}
	return err;
}

/* pipe (42): glibc 2.36 calls pipe2 with no flags instead. */
long sys_pipe(int *ufd)
{
	return sys_pipe2(ufd, 0);
}
