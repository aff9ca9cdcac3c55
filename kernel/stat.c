/*
 * statx (383), for the programs execve can run (fs/stat.c in Linux;
 * 2.4.0 has stat64, statx came with Linux 4.11).  A shell stats each
 * place on $PATH before it execs a command (busybox ash's
 * find_command), and glibc 2.36's stat() is statx first.  Pagoda has
 * no files: a path names a program as execve reads it (its last
 * component, kernel/exec.c), which is a regular file of mode 0755
 * and the program's size; any other path is -ENOENT.  The directory
 * descriptor and the flags are not looked at.
 */
#include "kernel/exec.h"
#include "kernel/kernel.h"
#include "kernel/syscalls.h"
#include "kernel/uaccess.h"

#define STATX_BASIC_STATS	0x7ff
#define S_IFREG			0100000

/* Linux's struct statx, up to the fields Pagoda fills; 256 bytes. */
struct statx {
	uint32_t stx_mask, stx_blksize;
	uint64_t stx_attributes;
	uint32_t stx_nlink, stx_uid, stx_gid;
	uint16_t stx_mode, __spare0;
	uint64_t stx_ino, stx_size, stx_blocks, stx_attributes_mask;
	uint8_t rest[256 - 64];		/* times, devices, spare: 0 */
};

/* A number of its own for each program name (FNV-1a), not an address:
 * user space must not learn where the kernel keeps anything. */
static uint64_t program_ino(const char *name)
{
	uint32_t hash = 2166136261u;

	while (*name)
		hash = (hash ^ (uint8_t)*name++) * 16777619u;
	return hash | 1;
}

long sys_statx(int dirfd __unused, const char *path, int flags __unused,
	       unsigned mask __unused, struct statx *buf)
{
	const struct user_program *prog;
	struct statx st;
	int err = find_program_by_path(path, &prog);

	if (err)
		return err;
	memset(&st, 0, sizeof(st));
	st.stx_mask = STATX_BASIC_STATS;
	st.stx_blksize = 4096;
	st.stx_nlink = 1;
	st.stx_mode = S_IFREG | 0755;
	st.stx_ino = program_ino(prog->name);
	st.stx_size = prog->size;
	st.stx_blocks = (prog->size + 511) / 512;
	return copy_to_user(buf, &st, sizeof(st)) ? -EFAULT : 0;
}
