#ifndef PAGODA_KERNEL_FILE_H
#define PAGODA_KERNEL_FILE_H
/*
 * Open files and the per-process table of descriptors (Linux's
 * struct file, struct file_operations and files_struct, much
 * reduced: Pagoda has no file system, only the character devices of
 * kernel/mem.c).
 */
#include <stdbool.h>
#include <stdint.h>

struct task_struct;
struct poll_table;

struct file;

/* What a device does; read and write move n bytes of a kernel buffer
 * and return how many, or -errno; llseek gives the new position, and
 * a device without one cannot seek (-ESPIPE: the console); poll says
 * what the file is ready for (kernel/select.c; none: always ready). */
struct file_operations {
	long (*read)(struct file *f, char *buf, unsigned long n);
	long (*write)(struct file *f, const char *buf, unsigned long n);
	long (*llseek)(struct file *f, long long offset, int whence);
	unsigned int (*poll)(struct file *f, struct poll_table *pt);
	bool is_tty;		/* ioctl's terminal calls answer */
	bool fills;		/* read gives all it is asked (read()
				 * asks again until the count is met) */
	uint16_t mode;		/* fstat's st_mode */
	uint8_t major, minor;	/* fstat's st_rdev */
};

/* An open file: what open() made, shared by dup() and fork(). */
struct file {
	const struct file_operations *f_op;
	int f_count;		/* descriptors (in all tables) on it */
	int f_flags;		/* open's flags, as F_GETFL gives them */
};

/* Linux 2.4's NR_OPEN_DEFAULT: a table of one long's bits. */
#define NR_OPEN		32

struct files_struct {
	int count;		/* tasks sharing it (CLONE_FILES) */
	uint32_t close_on_exec;	/* a bit per descriptor */
	struct file *fd[NR_OPEN];
};

struct file *fget(int fd);
struct file *get_empty_filp(const struct file_operations *op, int flags);
void fput(struct file *f);
int get_unused_fd(int from);
void fd_install(int fd, struct file *f, bool cloexec);
int close_fd(int fd);
int copy_files(unsigned long clone_flags, struct task_struct *p);
void exit_files(struct task_struct *tsk);
struct files_struct *files_for_exec(void);
void install_exec_files(struct files_struct *files);
void put_files(struct files_struct *files);

/* kernel/mem.c */
extern const struct file_operations console_fops;
const struct file_operations *device_by_path(const char *path);

#endif
