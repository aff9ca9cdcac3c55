#ifndef PAGODA_KERNEL_FILE_H
#define PAGODA_KERNEL_FILE_H
/*
 * Open files and the per-process table of descriptors (Linux's
 * struct file, struct file_operations and files_struct, much
 * reduced: Pagoda has no file system, only the character devices of
 * kernel/mem.c and pipes, kernel/pipe.c).
 */
#include <stdbool.h>
#include <stdint.h>

struct task_struct;
struct poll_table;

/* readdir's callback: puts one entry in buf; < 0 when it is full. */
typedef int (*filldir_t)(void *buf, const char *name, int namlen,
			 unsigned long next, uint64_t ino, unsigned type);

/* Linux's struct statx, up to the fields Pagoda fills; 256 bytes. */
struct statx {
	uint32_t stx_mask, stx_blksize;
	uint64_t stx_attributes;
	uint32_t stx_nlink, stx_uid, stx_gid;
	uint16_t stx_mode, __spare0;
	uint64_t stx_ino, stx_size, stx_blocks, stx_attributes_mask;
	uint8_t times[64];		/* a, b, c, mtime: 0 */
	uint32_t stx_rdev_major, stx_rdev_minor;
	uint32_t stx_dev_major, stx_dev_minor;
	uint8_t rest[256 - 144];	/* spare: 0 */
};

_Static_assert(sizeof(struct statx) == 256, "Linux's struct statx");

struct file;

/*
 * What a device or a pipe does.  read and write move at most n bytes
 * between the file and user memory at buf, which access_ok() has
 * passed, n at least 1: how many, or -errno (Linux 2.4's shapes,
 * without the file position).  The rest may be NULL.  No read: end of
 * file at once; no write: every byte taken; either way the user's
 * buffer is not looked at (Linux's read_null and write_null).  llseek
 * gives the new position; a file without one cannot seek (-ESPIPE:
 * the console, a pipe).  readdir gives a directory's entries from
 * f_pos on, to filldir, until it says the buffer is full (2.4.0's;
 * none: not a directory).  poll says what the file is ready for
 * (kernel/select.c; none: always ready).  stat fills in what fstat
 * says differently from the device's mode and numbers, release runs
 * when the last reference goes (fput).
 */
struct file_operations {
	long (*read)(struct file *f, char *buf, unsigned long n);
	long (*write)(struct file *f, const char *buf, unsigned long n);
	long (*llseek)(struct file *f, long long offset, int whence);
	unsigned int (*poll)(struct file *f, struct poll_table *pt);
	int (*readdir)(struct file *f, void *buf, filldir_t filldir);
	void (*stat)(struct file *f, struct statx *st);
	void (*release)(struct file *f);
	bool is_tty;		/* ioctl's terminal calls answer */
	bool mmap_anon;		/* a private mapping is anonymous memory */
	uint16_t mode;		/* fstat's st_mode */
	uint8_t major, minor;	/* fstat's st_rdev */
};

/* An open file: what open() or pipe() made, shared by dup() and fork(). */
struct file {
	const struct file_operations *f_op;
	/* descriptors (in all tables) on it, and calls using it (fget):
	 * a read asleep in a pipe keeps its file when another thread
	 * closes the descriptor, as 2.4.0's fget() reference does */
	int f_count;
	int f_flags;		/* open's flags, as F_GETFL gives them */
	void *private_data;	/* a pipe's struct pipe_inode_info */
	unsigned long f_pos;	/* a directory's next entry */
};

/* Linux 2.4's NR_OPEN_DEFAULT: a table of one long's bits. */
#define NR_OPEN		32

struct files_struct {
	int count;		/* tasks sharing it (CLONE_FILES) */
	uint32_t close_on_exec;	/* a bit per descriptor */
	struct file *fd[NR_OPEN];
};

struct file *fcheck(int fd);
struct file *fget(int fd);
bool file_can(const struct file *f, bool write);
struct file *get_empty_filp(const struct file_operations *op, int flags);
void fput(struct file *f);
int get_unused_fd(int from);
void set_close_on_exec(int fd, bool on);
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
long move_chunks(char *ubuf, unsigned long count, bool to_user,
		 void (*dev)(char *chunk, unsigned long n));

/* kernel/random.c */
extern const struct file_operations random_fops, urandom_fops;

/* kernel/readdir.c */
extern const struct file_operations root_dir_fops;

#endif
