/*
 * The working directory: getcwd (183; fs/dcache.c in Linux 2.4) and
 * chdir (12; fs/open.c).  Pagoda has no file system, so the root is
 * the one directory there is, and every process is always in it:
 * getcwd says "/", and chdir goes only there (a path of "/", "." and
 * ".." components).  A path that names a program (statx says it is a
 * regular file, kernel/stat.c) is -ENOTDIR, any other -ENOENT, as
 * Linux answers for a file and a missing directory.  busybox's pwd
 * and ash's cd need both.
 */
#include "kernel/exec.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"
#include "lib/errno.h"

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

long sys_chdir(const char *upath)
{
	const struct user_program *prog;
	int err = find_program_by_path(upath, &prog);

	if (!err)
		return -ENOTDIR;
	if (err != -ENOENT)
		return err;	/* -EFAULT, -ENAMETOOLONG */
	err = names_root(upath);
	return err < 0 ? err : err ? 0 : -ENOENT;
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
