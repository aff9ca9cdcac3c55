/*
 * The paths Pagoda knows, for the calls that look a path up without
 * opening it: getcwd (183; fs/dcache.c in Linux 2.4), chdir (12),
 * access (33; both fs/open.c) and readlink (85; fs/stat.c), and the
 * calls that would change a name or an inode, which a read-only file
 * system refuses.  There is no file system: the root is
 * the one directory there is, and every process is always in it; a
 * path names a program by its last component (kernel/exec.c: statx
 * says it is a regular file of mode 0755, kernel/stat.c), or a device
 * of kernel/mem.c; any other is -ENOENT.  busybox's pwd, ash's cd,
 * busybox's which and glibc's realpath need these.
 */
#include "kernel/exec.h"
#include "kernel/file.h"
#include "kernel/namei.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"
#include "lib/errno.h"

#define DEV_PATH_MAX	16	/* room for the longest device path */

/*
 * Whether the user's path upath (already read whole once) names the
 * root: not empty, and each component empty, "." or "..".  1, 0, or
 * -EFAULT.
 */
static int names_root(const char *upath)
{
	int dots = 0;		/* dots in the component so far */
	bool other = false;	/* a component that is not "", ".", ".." */

	for (long i = 0;; i++) {
		char c;

		if (copy_from_user(&c, upath + i, 1))
			return -EFAULT;
		if (!c)
			return i > 0 && !other;
		if (c == '/')
			dots = 0;
		else if (c != '.' || ++dots > 2)
			other = true;
	}
}

/*
 * What upath names (Linux's path_lookup, for Pagoda's few names): a
 * device by its whole path, then a program by its last component,
 * then the root.  The kind, with t filled in, or -EFAULT or
 * -ENAMETOOLONG.
 */
int path_lookup(const char *upath, struct path_target *t)
{
	char name[DEV_PATH_MAX];
	long len = strncpy_from_user(name, upath, sizeof(name));
	int err;

	if (len < 0)
		return len;
	t->dev = len < (long)sizeof(name) ? device_by_path(name) : NULL;
	if (t->dev)
		return PATH_DEVICE;
	err = find_program_by_path(upath, &t->prog);
	if (!err)
		return PATH_PROGRAM;
	if (err != -ENOENT)
		return err;
	err = names_root(upath);
	return err < 0 ? err : err ? PATH_ROOT : PATH_MISSING;
}

long sys_chdir(const char *upath)
{
	struct path_target t;
	int kind = path_lookup(upath, &t);

	if (kind < 0)
		return kind;
	return kind == PATH_ROOT ? 0 : kind == PATH_MISSING ? -ENOENT :
	       -ENOTDIR;
}

/* The length with the NUL, as Linux returns it; a buffer too small
 * for it -ERANGE. */
long sys_getcwd(char *buf, unsigned long size)
{
	static const char root[] = "/";

	if (size < sizeof(root))
		return -ERANGE;
	return copy_to_user(buf, root, sizeof(root)) ? -EFAULT :
	       (long)sizeof(root);
}

/*
 * access(path, mode) for root, on what the path names (2.4.0's
 * sys_access, with permission()'s rules for root: read and write
 * always, execute if the mode has an x bit): a program (mode 0755)
 * may be run, not read or written, as open() refuses it (-EACCES); a
 * device (0666) read and written, not run; the root directory read
 * and searched, not written (-EROFS: nothing can be made in it).
 */
long sys_access(const char *upath, int mode)
{
	struct path_target t;
	int kind;

	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	kind = path_lookup(upath, &t);
	switch (kind) {
	case PATH_PROGRAM:
		return mode & (R_OK | W_OK) ? -EACCES : 0;
	case PATH_DEVICE:
		return mode & X_OK ? -EACCES : 0;
	case PATH_ROOT:
		return mode & W_OK ? -EROFS : 0;
	case PATH_MISSING:
		return -ENOENT;
	default:
		return kind;	/* -EFAULT, -ENAMETOOLONG */
	}
}

/* Nothing is a symbolic link: -EINVAL for what exists, as 2.4.0 says
 * of an inode without readlink (glibc's realpath asks each name). */
long sys_readlink(const char *upath, char *buf __unused, int bufsiz)
{
	struct path_target t;
	int kind;

	if (bufsiz <= 0)
		return -EINVAL;
	kind = path_lookup(upath, &t);
	if (kind < 0)
		return kind;
	return kind == PATH_MISSING ? -ENOENT : -EINVAL;
}

/*
 * The calls that make, remove or change what a path names: Pagoda's
 * names are fixed, as on a file system mounted read-only.  As there,
 * the path is looked up first (2.4.0's lookup_create() and
 * may_create() for the calls that make a name, path_walk() for the
 * rest): a name to make that exists is -EEXIST, a name to change that
 * does not -ENOENT, and anything else -EROFS (2.4.0's IS_RDONLY test),
 * so that busybox's mkdir, touch, rm, mv, ln, chmod, chown and mkfifo
 * say why they fail.
 */
static long read_only_path(const char *upath, bool makes)
{
	struct path_target t;
	int kind = path_lookup(upath, &t);

	if (kind < 0)
		return kind;	/* -EFAULT, -ENAMETOOLONG */
	if (makes && kind != PATH_MISSING)
		return -EEXIST;
	if (!makes && kind == PATH_MISSING)
		return -ENOENT;
	return -EROFS;
}

long sys_mkdir(const char *upath, int mode __unused)
{
	return read_only_path(upath, true);
}

/* mknodat (297; Linux 2.6.16): glibc 2.36's mknod and mkfifo.  The
 * directory is not looked at, as openat's (kernel/stat.c). */
long sys_mknodat(int dirfd __unused, const char *upath, int mode __unused,
		 unsigned dev __unused)
{
	return read_only_path(upath, true);
}

long sys_symlink(const char *target __unused, const char *upath)
{
	return read_only_path(upath, true);
}

/* link and rename: the old name first, then (link) the new one. */
long sys_link(const char *old, const char *upath)
{
	long err = read_only_path(old, false);

	return err == -EROFS ? read_only_path(upath, true) : err;
}

long sys_rename(const char *old, const char *upath __unused)
{
	return read_only_path(old, false);
}

long sys_unlink(const char *upath)
{
	return read_only_path(upath, false);
}

long sys_rmdir(const char *upath)
{
	return read_only_path(upath, false);
}

long sys_chmod(const char *upath, int mode __unused)
{
	return read_only_path(upath, false);
}

long sys_chown(const char *upath, unsigned uid __unused, unsigned gid __unused)
{
	return read_only_path(upath, false);
}

/*
 * utimensat (320; Linux 2.6.22): busybox's touch.  Without a path it
 * sets the times of dirfd's file, which must be open (-EBADF).
 */
long sys_utimensat(int dirfd, const char *upath, const void *times __unused,
		   int flags __unused)
{
	if (!upath)
		return fcheck(dirfd) ? -EROFS : -EBADF;
	return read_only_path(upath, false);
}
