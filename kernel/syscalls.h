/*
 * The system calls: one sys_* function per Linux i386 call Pagoda
 * implements, each defined next to the code it serves (as in Linux).
 * kernel/syscall.c maps the numbers of kernel/abi.h to them.
 */
#ifndef KERNEL_SYSCALLS_H
#define KERNEL_SYSCALLS_H

#include "kernel/abi.h"
#include "kernel/traps.h"

void do_syscall(struct pt_regs *regs);

long sys_exit(int status);				/* kernel/exit.c */
long sys_exit_group(int status);
long sys_waitpid(int pid, int *stat_addr, int options);
long sys_wait4(int pid, int *stat_addr, int options, struct rusage *ru);
long sys_fork(void);					/* kernel/fork.c */
long sys_vfork(void);
long sys_clone(unsigned long clone_flags, unsigned long newsp,
	       int *parent_tidptr, struct user_desc *tls, int *child_tidptr);
long sys_set_tid_address(int *tidptr);
long sys_execve(const char *path, char *const *argv,	/* kernel/exec.c */
		char *const *envp);
long sys_getrandom(char *buf, unsigned long count,	/* kernel/random.c */
		   unsigned flags);
struct statx;
long sys_statx(int dirfd, const char *path, int flags,	/* kernel/stat.c */
	       unsigned mask, struct statx *buf);
struct stat64;
long sys_fstat64(int fd, struct stat64 *buf);
long sys_open(const char *path, int flags, int mode);
long sys_chdir(const char *path);			/* kernel/namei.c */
long sys_getcwd(char *buf, unsigned long size);
long sys_access(const char *path, int mode);
long sys_readlink(const char *path, char *buf, int bufsiz);
long sys_mkdir(const char *upath, int mode);
long sys_mknodat(int dirfd, const char *upath, int mode, unsigned dev);
long sys_symlink(const char *target, const char *upath);
long sys_link(const char *old, const char *upath);
long sys_rename(const char *old, const char *upath);
long sys_unlink(const char *upath);
long sys_rmdir(const char *upath);
long sys_chmod(const char *upath, int mode);
long sys_chown(const char *upath, unsigned uid, unsigned gid);
long sys_utimensat(int dirfd, const char *upath, const void *times,
		   int flags);
long sys_openat(int dirfd, const char *path, int flags, int mode);
long sys_getdents64(int fd, void *dirent,		/* kernel/readdir.c */
		    unsigned long count);
long sys_read(int fd, void *buf, unsigned long count);	/* read_write.c */
long sys_write(int fd, const void *buf, unsigned long count);
long sys_readv(int fd, const struct iovec *vec, unsigned long vlen);
long sys_writev(int fd, const struct iovec *vec, unsigned long vlen);
long sys_lseek(int fd, long offset, int whence);
struct pollfd;
long sys_poll(struct pollfd *ufds, unsigned int nfds,	/* select.c */
	      long timeout_msecs);
struct sigset_argpack;
long sys_select(int n, unsigned long *inp, unsigned long *outp,
		unsigned long *exp, struct timeval *tvp);
long sys_pselect6(int n, unsigned long *inp, unsigned long *outp,
		  unsigned long *exp, struct timespec *tsp,
		  const struct sigset_argpack *sig);
long sys_pselect6_time64(int n, unsigned long *inp, unsigned long *outp,
			 unsigned long *exp, struct __kernel_timespec *tsp,
			 const struct sigset_argpack *sig);
long sys_llseek(int fd, unsigned long high, unsigned long low,
		long long *result, int whence);
long sys_ioctl(int fd, unsigned int cmd, void *arg);	/* tty_ioctl.c */
long sys_close(int fd);					/* kernel/fcntl.c */
long sys_dup(int oldfd);
long sys_dup2(int oldfd, int newfd);
long sys_dup3(int oldfd, int newfd, int flags);
long sys_fcntl(int fd, unsigned int cmd, unsigned long arg);
long sys_pipe(int *ufd);					/* kernel/pipe.c */
long sys_pipe2(int *ufd, int flags);
long sys_getpid(void);					/* kernel/sys.c */
long sys_gettid(void);
long sys_getppid(void);
long sys_setpgid(int pid, int pgid);
long sys_getpgid(int pid);
long sys_getpgrp(void);
long sys_setsid(void);
long sys_getsid(int pid);
long sys_getrusage(int who, struct rusage *ru);
long sys_umask(int mask);
long sys_uname(struct new_utsname *name);
long sys_getuid(void);
long sys_getgroups(int gidsetsize, void *grouplist);
long sys_sysinfo(struct sysinfo *info);			/* kernel/info.c */
long sys_times(struct tms *buf);			/* kernel/resource.c */
long sys_prlimit64(int pid, unsigned int resource,
		   const struct rlimit64 *new, struct rlimit64 *old);
long sys_ugetrlimit(unsigned int resource, struct rlimit *rlim);
long sys_old_getrlimit(unsigned int resource, struct rlimit *rlim);
long sys_setrlimit(unsigned int resource, const struct rlimit *rlim);
long sys_sched_getaffinity(int pid, unsigned int len, unsigned long *mask);
long sys_getpriority(int which, int who);
long sys_setpriority(int which, int who, int niceval);
long sys_kill(int pid, int sig);			/* kernel/signal.c */
long sys_rt_sigaction(int sig, const struct k_sigaction *act,
		      struct k_sigaction *oact, unsigned long sigsetsize);
long sys_rt_sigprocmask(int how, const sigset64_t *set, sigset64_t *oset,
			unsigned long sigsetsize);
long sys_rt_sigpending(sigset64_t *set, unsigned long sigsetsize);
long sys_sigreturn(void);				/* sigframe.c */
long sys_rt_sigreturn(void);
long sys_rt_sigsuspend(const sigset64_t *umask,		/* signal.c */
		       unsigned long sigsetsize);
long sys_pause(void);
long sys_sigaltstack(const stack_t *uss, stack_t *uoss);	/* sigaltstack.c */
long sys_tkill(int tid, int sig);
long sys_tgkill(int tgid, int tid, int sig);
long sys_futex(int *uaddr, int op, int val,		/* kernel/futex.c */
	       const struct timespec *utime, int *uaddr2, uint32_t val3);
long sys_futex_time64(int *uaddr, int op, int val,
		      const struct __kernel_timespec *utime, int *uaddr2,
		      uint32_t val3);
long sys_set_robust_list(struct robust_list_head *head, unsigned long len);
long sys_sched_yield(void);				/* kernel/sched.c */
long sys_nanosleep(const struct timespec *rqtp,		/* timer.c */
		   struct timespec *rmtp);
long sys_clock_gettime(int which,			/* posix_timers.c */
		       struct timespec *tp);
long sys_clock_gettime64(int which, struct __kernel_timespec *tp);
long sys_clock_getres(int which, struct timespec *tp);
long sys_clock_getres_time64(int which, struct __kernel_timespec *tp);
long sys_clock_nanosleep(int which, int flags, const struct timespec *rqtp,
			 struct timespec *rmtp);
long sys_clock_nanosleep_time64(int which, int flags,
				const struct __kernel_timespec *rqtp,
				struct __kernel_timespec *rmtp);
long sys_time(long *tloc);				/* kernel/time.c */
long sys_gettimeofday(struct timeval *tv, struct timezone *tz);
long sys_alarm(unsigned int seconds);			/* kernel/itimer.c */
long sys_getitimer(int which, struct itimerval *value);
long sys_setitimer(int which, const struct itimerval *value,
		   struct itimerval *ovalue);
long sys_brk(unsigned long brk);			/* mm/mmap.c */
long sys_mmap2(unsigned long addr, unsigned long len, unsigned long prot,
	       unsigned long flags, int fd, unsigned long pgoff);
long sys_munmap(unsigned long addr, unsigned long len);
long sys_madvise(unsigned long start, unsigned long len,	/* madvise.c */
		 int behavior);
long sys_mlock(unsigned long start, unsigned long len);	/* mlock.c */
long sys_munlock(unsigned long start, unsigned long len);
long sys_mlockall(int flags);
long sys_munlockall(void);
long sys_mremap(unsigned long addr, unsigned long old_len,	/* mremap.c */
		unsigned long new_len, unsigned long flags,
		unsigned long new_addr);
long sys_migrate_pages(int pid, unsigned long maxnode,	/* mempolicy.c */
		       const unsigned long *old_nodes,
		       const unsigned long *new_nodes);
long sys_move_pages(int pid, unsigned long nr_pages,	/* move_pages.c */
		    void *const *pages, const int *nodes, int *status,
		    int flags);
long sys_set_thread_area(struct user_desc *u_info);	/* kernel/tls.c */
long sys_get_thread_area(struct user_desc *u_info);
/* mm/mprotect.c */
long sys_mprotect(unsigned long start, unsigned long len,
		  unsigned long prot);

#endif
