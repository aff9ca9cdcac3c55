/*
 * The Linux i386 user ABI that Pagoda implements, shared by the kernel
 * and the programs in user/: system-call numbers, signal numbers,
 * mmap and wait flags, and the structures system calls copy in and
 * out.  Every value is Linux's (asm-i386/unistd.h, signal.h, mman.h,
 * resource.h), so a program built for this subset runs unchanged on
 * Linux i386.  No kernel-only declarations here.
 */
#ifndef KERNEL_ABI_H
#define KERNEL_ABI_H

#include "kernel/sigaction.h"

/* System calls: "int $0x80", number in eax, args in ebx ecx edx esi edi ebp. */
#define __NR_exit		1
#define __NR_fork		2
#define __NR_read		3
#define __NR_write		4
#define __NR_open		5
#define __NR_close		6
#define __NR_waitpid		7
#define __NR_link		9
#define __NR_unlink		10
#define __NR_execve		11
#define __NR_chdir		12
#define __NR_time		13
#define __NR_chmod		15
#define __NR_lseek		19
#define __NR_access		33
#define __NR_getpid		20
#define __NR_getuid		24
#define __NR_alarm		27
#define __NR_pause		29
#define __NR_kill		37
#define __NR_rename		38
#define __NR_mkdir		39
#define __NR_rmdir		40
#define __NR_dup		41
#define __NR_pipe		42
#define __NR_times		43
#define __NR_brk		45
#define __NR_getgid		47
#define __NR_geteuid		49
#define __NR_getegid		50
#define __NR_ioctl		54
#define __NR_fcntl		55
#define __NR_setpgid		57
#define __NR_umask		60
#define __NR_dup2		63
#define __NR_getppid		64
#define __NR_getpgrp		65
#define __NR_setsid		66
#define __NR_setrlimit		75
#define __NR_getrlimit		76
#define __NR_getrusage		77
#define __NR_gettimeofday	78
#define __NR_getgroups		80
#define __NR_symlink		83
#define __NR_readlink		85
#define __NR_setitimer		104
#define __NR_getitimer		105
#define __NR_munmap		91
#define __NR_getpriority	96
#define __NR_setpriority	97
#define __NR_wait4		114
#define __NR_sysinfo		116
#define __NR_sigreturn		119
#define __NR_clone		120
#define __NR_uname		122
#define __NR_mprotect		125
#define __NR_getpgid		132
#define __NR__llseek		140
#define __NR__newselect	142
#define __NR_readv		145
#define __NR_writev		146
#define __NR_getsid		147
#define __NR_mlock		150
#define __NR_munlock		151
#define __NR_mlockall		152
#define __NR_munlockall		153
#define __NR_sched_yield	158
#define __NR_nanosleep		162
#define __NR_mremap		163
#define __NR_poll		168
#define __NR_rt_sigreturn	173
#define __NR_rt_sigaction	174
#define __NR_rt_sigprocmask	175
#define __NR_rt_sigpending	176
#define __NR_rt_sigsuspend	179
#define __NR_getcwd		183
#define __NR_sigaltstack	186
#define __NR_vfork		190
#define __NR_ugetrlimit		191
#define __NR_mmap2		192
#define __NR_fstat64		197
#define __NR_lchown32		198
#define __NR_getuid32		199
#define __NR_getgid32		200
#define __NR_geteuid32		201
#define __NR_getegid32		202
#define __NR_getgroups32	205
#define __NR_chown32		212
#define __NR_madvise		219
#define __NR_getdents64		220
#define __NR_fcntl64		221
#define __NR_gettid		224
#define __NR_tkill		238
#define __NR_futex		240
#define __NR_sched_getaffinity	242
#define __NR_set_thread_area	243
#define __NR_get_thread_area	244
#define __NR_exit_group		252
#define __NR_set_tid_address	258
#define __NR_clock_gettime	265
#define __NR_clock_getres	266
#define __NR_clock_nanosleep	267
#define __NR_tgkill		270
#define __NR_migrate_pages	294
#define __NR_openat		295
#define __NR_mknodat		297
#define __NR_utimensat		320
#define __NR_dup3		330
#define __NR_pselect6		308
#define __NR_pipe2		331
#define __NR_prlimit64		340
#define __NR_move_pages		317
#define __NR_set_robust_list	311
#define __NR_getrandom		355
#define __NR_statx		383
#define __NR_clock_gettime64	403
#define __NR_clock_getres_time64 406
#define __NR_clock_nanosleep_time64 407
#define __NR_pselect6_time64	413
#define __NR_futex_time64	422
#define NR_syscalls		423

/* Signals. */
#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGVTALRM	26
#define SIGPROF		27
#define SIGWINCH	28
#define _NSIG		64	/* kill() accepts 0.._NSIG */

/* rt_sigaction and rt_sigprocmask (Linux's asm-i386/signal.h). */
#define SIG_DFL		((void (*)(int))0)
#define SIG_IGN		((void (*)(int))1)
#define SA_NOCLDSTOP	0x00000001
#define SA_NOCLDWAIT	0x00000002
#define SA_SIGINFO	0x00000004
#define SA_RESTORER	0x04000000
#define SA_ONSTACK	0x08000000
#define SA_RESTART	0x10000000
#define SA_NODEFER	0x40000000
#define SA_RESETHAND	0x80000000
#define SS_ONSTACK	1	/* sigaltstack's flags */
#define SS_DISABLE	2
#define SS_AUTODISARM	(1U << 31)
#define MINSIGSTKSZ	2048

/* sigaltstack's stack, and an rt frame's uc_stack (Linux's stack_t). */
typedef struct {
	void *ss_sp;
	int ss_flags;
	unsigned long ss_size;	/* size_t */
} stack_t;

#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

/* mmap2 and mprotect. */
#define PROT_NONE	0x0
#define PROT_READ	0x1
#define PROT_WRITE	0x2
#define PROT_EXEC	0x4
#define MAP_SHARED	0x01
#define MAP_PRIVATE	0x02
#define MAP_FIXED	0x10
#define MAP_ANONYMOUS	0x20
#define MAP_FAILED	((void *)-1)

/* madvise advice (Linux's include/uapi/asm-generic/mman-common.h). */
#define MADV_NORMAL	0
#define MADV_RANDOM	1
#define MADV_SEQUENTIAL	2
#define MADV_WILLNEED	3
#define MADV_DONTNEED	4

/* mremap flags. */
#define MREMAP_MAYMOVE	1
#define MREMAP_FIXED	2

/* mlockall flags. */
#define MCL_CURRENT	1
#define MCL_FUTURE	2

/* move_pages flags (Linux's include/uapi/linux/mempolicy.h). */
#define MPOL_MF_MOVE		(1 << 1)	/* pages only we map */
#define MPOL_MF_MOVE_ALL	(1 << 2)	/* shared pages too */

/* waitpid options and the status word it returns. */
#define WNOHANG		1
#define WUNTRACED	2
#define WCONTINUED	8
#define W_EXITCODE(code, sig)	(((code) & 0xff) << 8 | ((sig) & 0x7f))
#define WIFEXITED(s)	(((s) & 0x7f) == 0)
#define WEXITSTATUS(s)	(((s) >> 8) & 0xff)
#define WIFSIGNALED(s)	(((s) & 0x7f) != 0 && ((s) & 0x7f) != 0x7f)
#define WTERMSIG(s)	((s) & 0x7f)
#define W_STOPCODE(sig)	((sig) << 8 | 0x7f)
#define W_CONTINUED	0xffff
#define WIFSTOPPED(s)	(((s) & 0xff) == 0x7f)
#define WSTOPSIG(s)	WEXITSTATUS(s)
#define WIFCONTINUED(s)	((s) == W_CONTINUED)

/*
 * clone flags (Linux's include/uapi/linux/sched.h).  The low byte is
 * the signal the parent gets when the child exits.
 */
#define CSIGNAL			0x000000ff
#define CLONE_VM		0x00000100
#define CLONE_FS		0x00000200
#define CLONE_FILES		0x00000400
#define CLONE_SIGHAND		0x00000800
#define CLONE_VFORK		0x00004000
#define CLONE_THREAD		0x00010000
#define CLONE_SYSVSEM		0x00040000
#define CLONE_SETTLS		0x00080000
#define CLONE_PARENT_SETTID	0x00100000
#define CLONE_CHILD_CLEARTID	0x00200000
#define CLONE_DETACHED		0x00400000
#define CLONE_CHILD_SETTID	0x01000000

/* getrandom flags (Linux's include/uapi/linux/random.h). */
#define GRND_NONBLOCK		0x0001
#define GRND_RANDOM		0x0002
#define GRND_INSECURE		0x0004

/* futex operations (Linux's include/uapi/linux/futex.h). */
#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256
#define FUTEX_BITSET_MATCH_ANY	0xffffffffU

/* Robust futexes (Linux 2.6.17): the word's bits and the list's head. */
#define FUTEX_WAITERS		0x80000000U
#define FUTEX_OWNER_DIED	0x40000000U
#define FUTEX_TID_MASK		0x3fffffffU
#define ROBUST_LIST_LIMIT	2048	/* entries walked at most */

struct robust_list {
	struct robust_list *next;	/* bit 0: a PI futex */
};

struct robust_list_head {
	struct robust_list list;	/* the ring; ends back here */
	long futex_offset;		/* from an entry to its word */
	struct robust_list *list_op_pending;	/* being taken or let go */
};

/* getrusage "who". */
#define RUSAGE_SELF	0
#define RUSAGE_CHILDREN	(-1)

struct timespec {
	long tv_sec;
	long tv_nsec;
};

/* The time64 calls' timespec (Linux's __kernel_timespec, 5.1). */
struct __kernel_timespec {
	long long tv_sec;
	long long tv_nsec;
};

/* Clocks (Linux's include/uapi/linux/time.h) and clock_nanosleep's flag. */
#define CLOCK_REALTIME			0
#define CLOCK_MONOTONIC			1
#define CLOCK_PROCESS_CPUTIME_ID	2
#define CLOCK_THREAD_CPUTIME_ID		3
#define CLOCK_MONOTONIC_RAW		4
#define CLOCK_REALTIME_COARSE		5
#define CLOCK_MONOTONIC_COARSE		6
#define CLOCK_BOOTTIME			7
#define TIMER_ABSTIME			0x01

struct timeval {
	long tv_sec;
	long tv_usec;
};

/* setitimer and getitimer (Linux's struct itimerval). */
#define ITIMER_REAL	0
#define ITIMER_VIRTUAL	1
#define ITIMER_PROF	2

struct itimerval {
	struct timeval it_interval;	/* reloaded from this */
	struct timeval it_value;	/* time left */
};

/* gettimeofday's second answer (Linux's struct timezone). */
struct timezone {
	int tz_minuteswest;
	int tz_dsttime;
};

/*
 * set_thread_area's and get_thread_area's descriptor (Linux's
 * asm-i386/ldt.h): a segment in user terms, without the descriptor's
 * bit layout.  entry_number is a GDT index; -1 asks for a free one.
 */
struct user_desc {
	unsigned int entry_number;
	unsigned int base_addr;
	unsigned int limit;
	unsigned int seg_32bit:1;
	unsigned int contents:2;	/* 0 data, 1 data growing down */
	unsigned int read_exec_only:1;
	unsigned int limit_in_pages:1;
	unsigned int seg_not_present:1;
	unsigned int useable:1;
};

/* uname's answer (Linux's struct new_utsname): six strings. */
#define UTS_LEN	65
struct new_utsname {
	char sysname[UTS_LEN];
	char nodename[UTS_LEN];
	char release[UTS_LEN];
	char version[UTS_LEN];
	char machine[UTS_LEN];
	char domainname[UTS_LEN];
};

/*
 * sysinfo's answer (Linux's struct sysinfo, 64 bytes on i386): sizes
 * are in units of mem_unit bytes.
 */
struct sysinfo {
	long uptime;			/* seconds since boot */
	unsigned long loads[3];		/* 1, 5, 15 min load averages */
	unsigned long totalram, freeram, sharedram, bufferram;
	unsigned long totalswap, freeswap;
	unsigned short procs;		/* tasks */
	unsigned short pad;
	unsigned long totalhigh, freehigh;
	unsigned int mem_unit;
	char _f[8];
};

/* times' answer, in ticks of 1/100 s (Linux's struct tms). */
struct tms {
	long tms_utime, tms_stime;	/* the process's */
	long tms_cutime, tms_cstime;	/* its reaped children's */
};

/* Resource limits (Linux's asm-generic/resource.h). */
#define RLIMIT_CPU		0
#define RLIMIT_FSIZE		1
#define RLIMIT_DATA		2
#define RLIMIT_STACK		3
#define RLIMIT_CORE		4
#define RLIMIT_RSS		5
#define RLIMIT_NPROC		6
#define RLIMIT_NOFILE		7
#define RLIMIT_MEMLOCK		8
#define RLIMIT_AS		9
#define RLIMIT_NICE		13
#define RLIMIT_RTPRIO		14
#define RLIM_NLIMITS		16
#define RLIM_INFINITY		(~0UL)
#define RLIM64_INFINITY		(~0ULL)

struct rlimit {
	unsigned long rlim_cur, rlim_max;
};

struct rlimit64 {
	unsigned long long rlim_cur, rlim_max;
};

/* getpriority and setpriority: "which". */
#define PRIO_PROCESS	0
#define PRIO_PGRP	1
#define PRIO_USER	2

/* open's flags, and fcntl's commands and descriptor flag. */
#define O_ACCMODE	03
#define O_RDONLY	00
#define O_WRONLY	01
#define O_RDWR		02
#define O_CREAT		0100
#define O_EXCL		0200
#define O_NOCTTY	0400
#define O_TRUNC		01000
#define O_APPEND	02000
#define O_NONBLOCK	04000
#define O_DIRECTORY	0200000
#define O_CLOEXEC	02000000
/* lseek()'s whence */
#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2
/* access()'s modes */
#define F_OK		0
#define X_OK		1
#define W_OK		2
#define R_OK		4
#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_DUPFD_CLOEXEC	1030
#define FD_CLOEXEC	1

/* pipe: writes of up to this many bytes are atomic (limits.h). */
#define PIPE_BUF	4096

/* poll: a descriptor and what is asked of it (asm/poll.h). */
struct pollfd {
	int fd;
	short events, revents;
};
#define POLLIN		0x0001
#define POLLPRI		0x0002
#define POLLOUT		0x0004
#define POLLERR		0x0008
#define POLLHUP		0x0010
#define POLLNVAL	0x0020
#define POLLRDNORM	0x0040
#define POLLWRNORM	0x0100

/* getdents64: a directory entry (Linux's struct linux_dirent64), its
 * record padded to 8 bytes, and the types the root's entries have. */
struct linux_dirent64 {
	unsigned long long d_ino;
	long long d_off;		/* where the next entry starts */
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
} __attribute__((packed));
#define DT_DIR		4
#define DT_REG		8

/* readv and writev: a piece of memory. */
#define UIO_MAXIOV	1024
struct iovec {
	void *iov_base;
	unsigned long iov_len;
};

/* ioctl on a terminal (Linux's asm-generic/ioctls.h, termbits.h). */
#define TCGETS		0x5401
#define TCSETS		0x5402
#define TCSETSW		0x5403
#define TCSETSF		0x5404
#define TCXONC		0x540A
#define TCFLSH		0x540B
#define TIOCGPGRP	0x540F
#define TIOCSPGRP	0x5410
#define TIOCGWINSZ	0x5413
#define TIOCSWINSZ	0x5414
#define FIONBIO		0x5421
#define FIONCLEX	0x5450
#define FIOCLEX		0x5451
/* TCXONC's and TCFLSH's argument */
#define TCOOFF		0
#define TCOON		1
#define TCIOFF		2
#define TCION		3
#define TCIFLUSH	0
#define TCOFLUSH	1
#define TCIOFLUSH	2
/* c_cc: the special characters (0 disables one) */
#define NCCS		19
#define VINTR		0
#define VQUIT		1
#define VERASE		2
#define VKILL		3
#define VEOF		4
#define VTIME		5
#define VMIN		6
#define VSTART		8
#define VSTOP		9
#define VSUSP		10
#define VEOL		11
#define VREPRINT	12
#define VDISCARD	13
#define VWERASE		14
#define VLNEXT		15
#define VEOL2		16
/* c_iflag */
#define INLCR		0000100
#define IGNCR		0000200
#define ICRNL		0000400
#define IXON		0002000
/* c_oflag */
#define OPOST		0000001
#define ONLCR		0000004
#define OCRNL		0000010
#define ONOCR		0000020
#define ONLRET		0000040
/* c_cflag */
#define CS8		0000060
#define CREAD		0000200
#define HUPCL		0002000
#define CLOCAL		0004000
#define B38400		0000017
#define B115200		0010002
/* c_lflag */
#define ISIG		0000001
#define ICANON		0000002
#define ECHO		0000010
#define ECHOE		0000020
#define ECHOK		0000040
#define ECHONL		0000100
#define NOFLSH		0000200
#define ECHOCTL		0001000
#define ECHOKE		0004000
#define IEXTEN		0100000

struct termios {
	unsigned int c_iflag, c_oflag, c_cflag, c_lflag;
	unsigned char c_line;
	unsigned char c_cc[NCCS];
};

struct winsize {
	unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel;
};

/* Linux's struct rusage: fields Pagoda does not count stay 0. */
struct rusage {
	struct timeval ru_utime, ru_stime;
	long ru_maxrss, ru_ixrss, ru_idrss, ru_isrss;
	long ru_minflt, ru_majflt, ru_nswap;
	long ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv;
	long ru_nsignals, ru_nvcsw, ru_nivcsw;
};

#endif
