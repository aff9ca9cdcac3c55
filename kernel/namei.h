#ifndef KERNEL_NAMEI_H
#define KERNEL_NAMEI_H
/*
 * What a user's path names (kernel/namei.c): Pagoda has no file
 * system, so a path is the root directory, a device of kernel/mem.c,
 * a program (by its last component, kernel/exec.c), or nothing.
 */
struct file_operations;
struct user_program;

enum path_kind { PATH_MISSING, PATH_ROOT, PATH_DEVICE, PATH_PROGRAM };

struct path_target {
	const struct file_operations *dev;	/* PATH_DEVICE */
	const struct user_program *prog;	/* PATH_PROGRAM */
};

int path_lookup(const char *upath, struct path_target *t);

#define ROOT_INO	2	/* as ext2's root; devices' are larger */
unsigned long long program_ino(const char *name);	/* kernel/stat.c */

#endif
