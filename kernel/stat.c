/*
 * statx (383), for the programs execve can run (fs/stat.c in Linux;
 * 2.4.0 has stat64, statx came with Linux 4.11).  A shell stats each
 * place on $PATH before it execs a command (busybox ash's
 * find_command), and glibc 2.36's stat() is statx first.  Pagoda has
 * no files: a path names a program as execve reads it (its last
 * component, kernel/exec.c), which is a regular file of mode 0755
 * and the program's size, a device of kernel/mem.c (/dev/null: what
 * fstat says of it open), or the root, a directory of mode 0755
 * (kernel/namei.c); any other path is -ENOENT.  The directory
 * descriptor is not looked at, but for an empty path with
 * AT_EMPTY_PATH (glibc 2.36's fstat()), which names the descriptor
 * itself (AT_FDCWD: the working directory, the root): an open
 * descriptor is the character device of kernel/mem.c it names (the
 * console is the serial line /dev/ttyS0, major 4, minor 64) or a pipe
 * (a FIFO, kernel/pipe.c), others EBADF.  fstat64 (197;
 * 2.4.0 has it) answers the same for a descriptor, in struct stat64.
 */
#include "kernel/exec.h"
#include "kernel/file.h"
#include "kernel/kernel.h"
#include "kernel/namei.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"

#define STATX_BASIC_STATS	0x7ff
#define S_IFREG			0100000
#define S_IFDIR			0040000
#define AT_EMPTY_PATH		0x1000
#define AT_FDCWD		-100

/* i386 Linux's struct stat64 (96 bytes: long longs 4-aligned). */
struct stat64 {
	uint64_t st_dev;
	uint32_t __pad0, __st_ino, st_mode, st_nlink, st_uid, st_gid;
	uint64_t st_rdev;
	uint32_t __pad3;
	int64_t st_size;
	uint32_t st_blksize;
	uint64_t st_blocks;
	uint32_t times[6];		/* a, m, ctime and their ns: 0 */
	uint64_t st_ino;
} __attribute__((packed));

_Static_assert(sizeof(struct stat64) == 96, "i386 Linux's struct stat64");

/* A device, as statx describes it.  Each has an even inode number of
 * its own. */
static void fill_device(const struct file_operations *op, struct statx *st)
{
	memset(st, 0, sizeof(*st));
	st->stx_mask = STATX_BASIC_STATS;
	st->stx_blksize = 1024;
	st->stx_nlink = 1;
	st->stx_mode = op->mode;
	st->stx_ino = (op->major << 8 | op->minor) * 2;
	st->stx_rdev_major = op->major;
	st->stx_rdev_minor = op->minor;
}

/* An open device or pipe, as statx describes it (fstat); -EBADF if
 * fd is not open.  A pipe says more (pipe_stat). */
static int file_statx(int fd, struct statx *st)
{
	struct file *f = fcheck(fd);

	if (!f)
		return -EBADF;
	fill_device(f->f_op, st);
	if (f->f_op->stat)
		f->f_op->stat(f, st);
	return 0;
}

/* Is the path at upath empty?  0 or 1, or -EFAULT. */
static int empty_path(const char *upath)
{
	char c;

	return copy_from_user(&c, upath, 1) ? -EFAULT : !c;
}

/* A number of its own for each program name (FNV-1a), not an address:
 * user space must not learn where the kernel keeps anything. */
unsigned long long program_ino(const char *name)
{
	uint32_t hash = 2166136261u;

	while (*name)
		hash = (hash ^ (uint8_t)*name++) * 16777619u;
	return hash | 1;
}

/* A program (a regular file of mode 0755, its size), or the root. */
static void fill_path(int kind, const struct user_program *prog,
		      struct statx *st)
{
	memset(st, 0, sizeof(*st));
	st->stx_mask = STATX_BASIC_STATS;
	st->stx_blksize = 4096;
	if (kind == PATH_ROOT) {
		st->stx_nlink = 2;
		st->stx_mode = S_IFDIR | 0755;
		st->stx_ino = ROOT_INO;
		return;
	}
	st->stx_nlink = 1;
	st->stx_mode = S_IFREG | 0755;
	st->stx_ino = program_ino(prog->name);
	st->stx_size = prog->size;
	st->stx_blocks = (prog->size + 511) / 512;
}

/* An empty path with AT_EMPTY_PATH: dirfd's open file, or with
 * AT_FDCWD the working directory (fs/stat.c's vfs_statx), which is
 * always the root. */
static int empty_path_statx(int dirfd, struct statx *st)
{
	if (dirfd != AT_FDCWD)
		return file_statx(dirfd, st);
	fill_path(PATH_ROOT, NULL, st);
	return 0;
}

long sys_statx(int dirfd, const char *path, int flags,
	       unsigned mask __unused, struct statx *buf)
{
	struct path_target t;
	struct statx st;
	int err = (flags & AT_EMPTY_PATH) ? empty_path(path) : 0;

	if (err < 0)
		return err;
	if (err) {
		err = empty_path_statx(dirfd, &st);
		if (err)
			return err;
		return copy_to_user(buf, &st, sizeof(st)) ? -EFAULT : 0;
	}
	err = path_lookup(path, &t);
	if (err < 0)
		return err;
	if (err == PATH_MISSING)
		return -ENOENT;
	if (err == PATH_DEVICE)
		fill_device(t.dev, &st);
	else
		fill_path(err, t.prog, &st);
	return copy_to_user(buf, &st, sizeof(st)) ? -EFAULT : 0;
}

long sys_fstat64(int fd, struct stat64 *buf)
{
	struct stat64 st;
	struct statx x;

	int err = file_statx(fd, &x);

	if (err)
		return err;
	memset(&st, 0, sizeof(st));
	st.st_mode = x.stx_mode;
	st.st_nlink = x.stx_nlink;
	st.st_rdev = x.stx_rdev_major << 8 | x.stx_rdev_minor;
	st.st_size = x.stx_size;
	st.st_blksize = x.stx_blksize;
	st.st_ino = st.__st_ino = x.stx_ino;
	return copy_to_user(buf, &st, sizeof(st)) ? -EFAULT : 0;
}

/*
 * open (5) and openat (295; Linux 2.6.16).  Pagoda has no files; the
 * devices of kernel/mem.c (/dev/null, /dev/zero, /dev/tty,
 * /dev/console) open, with O_CLOEXEC honoured and O_CREAT|O_EXCL
 * EEXIST, and the root opens for reading (its entries: readdir.c),
 * for writing or with O_CREAT (without O_EXCL) EISDIR, as 2.4.0's
 * open_namei answers; O_DIRECTORY on what is not the root ENOTDIR.  For other paths, programs that look for a file go on
 * without it: a path that names a program (statx says it exists) is
 * EACCES, creating one (O_CREAT) EROFS, and any other ENOENT.
 * openat's directory is not looked at (the device paths are
 * absolute).
 */
static long open_device(const struct file_operations *op, int flags)
{
	struct file *f;
	int fd;

	if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL))
		return -EEXIST;
	/* the file first: kmalloc may sleep, and a thread sharing the
	 * table could take a descriptor found before it */
	f = get_empty_filp(op, flags & ~(O_CREAT | O_EXCL | O_NOCTTY |
					 O_TRUNC | O_CLOEXEC));
	if (!f)
		return -ENOMEM;
	fd = get_unused_fd(0);
	if (fd < 0) {
		fput(f);
		return fd;
	}
	fd_install(fd, f, flags & O_CLOEXEC);
	return fd;
}

long sys_open(const char *path, int flags, int mode __unused)
{
	struct path_target t;
	int kind = path_lookup(path, &t);

	if (kind < 0)
		return kind;	/* -EFAULT, -ENAMETOOLONG */
	if (kind == PATH_ROOT)	/* for getdents64 (kernel/readdir.c) */
		return (flags & O_ACCMODE) != O_RDONLY ||
		       (flags & (O_CREAT | O_EXCL)) == O_CREAT ? -EISDIR :
		       open_device(&root_dir_fops, flags & ~O_DIRECTORY);
	if ((flags & O_DIRECTORY) && kind != PATH_MISSING)
		return -ENOTDIR;
	if (kind == PATH_DEVICE)
		return open_device(t.dev, flags);
	if (flags & O_CREAT)
		return -EROFS;
	return kind == PATH_PROGRAM ? -EACCES : -ENOENT;
}

long sys_openat(int dirfd __unused, const char *path, int flags, int mode)
{
	return sys_open(path, flags, mode);
}
