/*
 * getdents64 (220; fs/readdir.c in Linux 2.4.0) and the root directory
 * as an open file, so that busybox's ls, ash's globbing (`echo *`) and
 * find can list it.  The root holds ".", ".." and a regular file for
 * each program find_user_program() knows (every /NAME names one:
 * kernel/namei.c), built-in ones first, then the boot modules; the
 * file's position (f_pos) is the index of the next entry.
 */
#include "kernel/exec.h"
#include "kernel/file.h"
#include "kernel/kernel.h"
#include "kernel/namei.h"
#include "kernel/semaphore.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"
#include "lib/errno.h"
#include "lib/string.h"

#define S_IFDIR		0040000

/* Where getdents64 puts the entries (2.4.0's getdents_callback64). */
struct getdents_callback64 {
	char *current_dir;	/* user memory for the next record */
	int count;		/* bytes left there */
	int error;
	bool filled;		/* a record went in */
};

/*
 * Puts one record at current_dir, if it fits (2.4.0's filldir64):
 * -EINVAL if not, which ends the readdir (and the call, if it is the
 * first), -EFAULT if the memory is not the user's to write.
 */
static int filldir64(void *__buf, const char *name, int namlen,
		     unsigned long next, uint64_t ino, unsigned type)
{
	struct getdents_callback64 *buf = __buf;
	const unsigned long head = offsetof(struct linux_dirent64, d_name);
	int reclen = ALIGN_UP(head + namlen + 1, 8);
	struct linux_dirent64 d = {
		.d_ino = ino, .d_off = next, .d_reclen = reclen, .d_type = type,
	};

	buf->error = -EINVAL;
	if (reclen > buf->count)
		return -EINVAL;
	buf->error = -EFAULT;
	if (copy_to_user(buf->current_dir, &d, head) ||
	    copy_to_user(buf->current_dir + head, name, namlen) ||
	    copy_to_user(buf->current_dir + head + namlen, "", 1))
		return -EFAULT;
	buf->current_dir += reclen;
	buf->count -= reclen;
	buf->filled = true;
	return 0;
}

/* The root's i_sem: the root is Pagoda's one directory. */
static struct semaphore root_sem = {
	1, __WAIT_QUEUE_HEAD_INITIALIZER(root_sem.wait)
};

/*
 * The directory's readdir under its semaphore (2.4.0's vfs_readdir):
 * a readdir whose copy faults sleeps with f_pos at the entry it was
 * putting in, and another readdir of the same file meanwhile would
 * give the same entries again.  Taken killably (2.4.0: down()), as an OOM
 * victim must not sleep on it behind a holder whose copy waits for
 * the victim's memory (see kernel/pipe.c's pipe_wait).
 */
static int vfs_readdir(struct file *f, void *buf, filldir_t filldir)
{
	int err;

	if (down_killable(&root_sem))
		return -EINTR;
	err = f->f_op->readdir(f, buf, filldir);
	up(&root_sem);
	return err;
}

/*
 * getdents64: the entries from the directory's position on that fit
 * count bytes; the bytes, 0 at the end, -EINVAL if the next does not
 * fit, -ENOTDIR for a descriptor that is not a directory, -EBADF for
 * one not open.
 */
long sys_getdents64(int fd, void *dirent, unsigned long count)
{
	unsigned long size = min(count, 0x7fffffffUL);
	struct getdents_callback64 buf = { dirent, size, 0, false };
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = -ENOTDIR;
	if (f->f_op->readdir) {
		err = -EFAULT;
		if (access_ok(dirent, count))
			err = vfs_readdir(f, &buf, filldir64);
	}
	fput(f);
	if (err < 0)
		return err;
	return buf.filled ? (long)(size - buf.count) : buf.error;
}

/* The root's entries from f_pos on, until filldir says it is full. */
static int root_readdir(struct file *f, void *buf, filldir_t filldir)
{
	for (;; f->f_pos++) {
		const struct user_program *prog;
		const char *name = f->f_pos ? ".." : ".";
		uint64_t ino = ROOT_INO;
		unsigned type = DT_DIR;

		if (f->f_pos >= 2) {
			prog = program_at(f->f_pos - 2);
			if (!prog)
				return 0;
			name = prog->name;
			ino = program_ino(name);
			type = DT_REG;
		}
		if (filldir(buf, name, strlen(name), f->f_pos + 1, ino,
			    type) < 0)
			return 0;
	}
}

/* read() of a directory (2.4.0's generic_read_dir). */
static long dir_read(struct file *f __unused, char *buf __unused,
		     unsigned long n __unused)
{
	return -EISDIR;
}

/*
 * lseek: to an entry's index, from the start or from the position
 * (Linux's dcache_dir_lseek; 2.4.0's default_llseek also lets SEEK_END
 * past a size the root does not have): glibc's rewinddir and seekdir.
 */
static long dir_llseek(struct file *f, long long offset, int whence)
{
	if (whence == SEEK_CUR)
		offset += f->f_pos;
	if (whence == SEEK_END || offset < 0 || offset > 0x7fffffff)
		return -EINVAL;
	f->f_pos = offset;
	return offset;
}

/* fstat: as statx says of "/" (kernel/stat.c). */
static void root_stat(struct file *f __unused, struct statx *st)
{
	st->stx_ino = ROOT_INO;
	st->stx_nlink = 2;
	st->stx_blksize = 4096;
}

const struct file_operations root_dir_fops = {
	.read = dir_read, .readdir = root_readdir, .llseek = dir_llseek,
	.stat = root_stat,
	.mode = S_IFDIR | 0755,
};
