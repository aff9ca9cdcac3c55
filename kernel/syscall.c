/*
 * System-call dispatch (the sys_call_table of Linux's arch/i386/
 * kernel/entry.S).  User mode executes "int $0x80" with the call's
 * number in eax and up to six arguments in ebx, ecx, edx, esi, edi
 * and ebp; the result, or -errno, goes back in eax.  Numbers Pagoda
 * does not implement return -ENOSYS, as Linux does for unknown ones.
 *
 * The table holds addresses, and each call is made with all six
 * argument registers: with the i386 C calling convention a function
 * simply ignores the arguments it does not declare.
 */
#include "kernel/syscalls.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "lib/errno.h"

typedef long (*syscall_fn)(unsigned long, unsigned long, unsigned long,
			   unsigned long, unsigned long, unsigned long);

static const unsigned long sys_call_table[NR_syscalls] = {
	[__NR_exit]		= (unsigned long)sys_exit,
	[__NR_fork]		= (unsigned long)sys_fork,
	[__NR_read]		= (unsigned long)sys_read,
	[__NR_write]		= (unsigned long)sys_write,
	[__NR_open]		= (unsigned long)sys_open,
	[__NR_close]		= (unsigned long)sys_close,
	[__NR_waitpid]		= (unsigned long)sys_waitpid,
	[__NR_link]		= (unsigned long)sys_link,
	[__NR_unlink]		= (unsigned long)sys_unlink,
	[__NR_execve]		= (unsigned long)sys_execve,
	[__NR_chdir]		= (unsigned long)sys_chdir,
	[__NR_time]		= (unsigned long)sys_time,
	[__NR_chmod]		= (unsigned long)sys_chmod,
	[__NR_lseek]		= (unsigned long)sys_lseek,
	[__NR_getpid]		= (unsigned long)sys_getpid,
	[__NR_getuid]		= (unsigned long)sys_getuid,
	[__NR_alarm]		= (unsigned long)sys_alarm,
	[__NR_pause]		= (unsigned long)sys_pause,
	[__NR_access]		= (unsigned long)sys_access,
	[__NR_kill]		= (unsigned long)sys_kill,
	[__NR_rename]		= (unsigned long)sys_rename,
	[__NR_mkdir]		= (unsigned long)sys_mkdir,
	[__NR_rmdir]		= (unsigned long)sys_rmdir,
	[__NR_dup]		= (unsigned long)sys_dup,
	[__NR_pipe]		= (unsigned long)sys_pipe,
	[__NR_times]		= (unsigned long)sys_times,
	[__NR_brk]		= (unsigned long)sys_brk,
	[__NR_getgid]		= (unsigned long)sys_getuid,	/* all 0 */
	[__NR_geteuid]		= (unsigned long)sys_getuid,
	[__NR_getegid]		= (unsigned long)sys_getuid,
	[__NR_ioctl]		= (unsigned long)sys_ioctl,
	[__NR_fcntl]		= (unsigned long)sys_fcntl,
	[__NR_setpgid]		= (unsigned long)sys_setpgid,
	[__NR_umask]		= (unsigned long)sys_umask,
	[__NR_dup2]		= (unsigned long)sys_dup2,
	[__NR_getppid]		= (unsigned long)sys_getppid,
	[__NR_getpgrp]		= (unsigned long)sys_getpgrp,
	[__NR_setsid]		= (unsigned long)sys_setsid,
	[__NR_setrlimit]	= (unsigned long)sys_setrlimit,
	[__NR_getrlimit]	= (unsigned long)sys_old_getrlimit,
	[__NR_getrusage]	= (unsigned long)sys_getrusage,
	[__NR_gettimeofday]	= (unsigned long)sys_gettimeofday,
	[__NR_getgroups]	= (unsigned long)sys_getgroups,
	[__NR_symlink]		= (unsigned long)sys_symlink,
	[__NR_readlink]		= (unsigned long)sys_readlink,
	[__NR_setitimer]	= (unsigned long)sys_setitimer,
	[__NR_getitimer]	= (unsigned long)sys_getitimer,
	[__NR_munmap]		= (unsigned long)sys_munmap,
	[__NR_getpriority]	= (unsigned long)sys_getpriority,
	[__NR_setpriority]	= (unsigned long)sys_setpriority,
	[__NR_wait4]		= (unsigned long)sys_wait4,
	[__NR_sysinfo]		= (unsigned long)sys_sysinfo,
	[__NR_sigreturn]	= (unsigned long)sys_sigreturn,
	[__NR_clone]		= (unsigned long)sys_clone,
	[__NR_uname]		= (unsigned long)sys_uname,
	[__NR_mprotect]		= (unsigned long)sys_mprotect,
	[__NR_getpgid]		= (unsigned long)sys_getpgid,
	[__NR__llseek]		= (unsigned long)sys_llseek,
	[__NR__newselect]	= (unsigned long)sys_select,
	[__NR_readv]		= (unsigned long)sys_readv,
	[__NR_writev]		= (unsigned long)sys_writev,
	[__NR_getsid]		= (unsigned long)sys_getsid,
	[__NR_mlock]		= (unsigned long)sys_mlock,
	[__NR_munlock]		= (unsigned long)sys_munlock,
	[__NR_mlockall]		= (unsigned long)sys_mlockall,
	[__NR_munlockall]	= (unsigned long)sys_munlockall,
	[__NR_sched_yield]	= (unsigned long)sys_sched_yield,
	[__NR_nanosleep]	= (unsigned long)sys_nanosleep,
	[__NR_mremap]		= (unsigned long)sys_mremap,
	[__NR_poll]		= (unsigned long)sys_poll,
	[__NR_rt_sigreturn]	= (unsigned long)sys_rt_sigreturn,
	[__NR_rt_sigaction]	= (unsigned long)sys_rt_sigaction,
	[__NR_rt_sigprocmask]	= (unsigned long)sys_rt_sigprocmask,
	[__NR_rt_sigpending]	= (unsigned long)sys_rt_sigpending,
	[__NR_rt_sigsuspend]	= (unsigned long)sys_rt_sigsuspend,
	[__NR_getcwd]		= (unsigned long)sys_getcwd,
	[__NR_sigaltstack]	= (unsigned long)sys_sigaltstack,
	[__NR_vfork]		= (unsigned long)sys_vfork,
	[__NR_ugetrlimit]	= (unsigned long)sys_ugetrlimit,
	[__NR_mmap2]		= (unsigned long)sys_mmap2,
	[__NR_fstat64]		= (unsigned long)sys_fstat64,
	[__NR_lchown32]		= (unsigned long)sys_chown,
	[__NR_getuid32]		= (unsigned long)sys_getuid,
	[__NR_getgid32]		= (unsigned long)sys_getuid,
	[__NR_geteuid32]	= (unsigned long)sys_getuid,
	[__NR_getegid32]	= (unsigned long)sys_getuid,
	[__NR_getgroups32]	= (unsigned long)sys_getgroups,
	[__NR_chown32]		= (unsigned long)sys_chown,
	[__NR_madvise]		= (unsigned long)sys_madvise,
	[__NR_getdents64]	= (unsigned long)sys_getdents64,
	[__NR_fcntl64]		= (unsigned long)sys_fcntl,
	[__NR_gettid]		= (unsigned long)sys_gettid,
	[__NR_tkill]		= (unsigned long)sys_tkill,
	[__NR_futex]		= (unsigned long)sys_futex,
	[__NR_sched_getaffinity] = (unsigned long)sys_sched_getaffinity,
	[__NR_set_thread_area]	= (unsigned long)sys_set_thread_area,
	[__NR_get_thread_area]	= (unsigned long)sys_get_thread_area,
	[__NR_exit_group]	= (unsigned long)sys_exit_group,
	[__NR_set_tid_address]	= (unsigned long)sys_set_tid_address,
	[__NR_clock_gettime]	= (unsigned long)sys_clock_gettime,
	[__NR_clock_getres]	= (unsigned long)sys_clock_getres,
	[__NR_clock_nanosleep]	= (unsigned long)sys_clock_nanosleep,
	[__NR_tgkill]		= (unsigned long)sys_tgkill,
	[__NR_migrate_pages]	= (unsigned long)sys_migrate_pages,
	[__NR_openat]		= (unsigned long)sys_openat,
	[__NR_mknodat]		= (unsigned long)sys_mknodat,
	[__NR_move_pages]	= (unsigned long)sys_move_pages,
	[__NR_pselect6]		= (unsigned long)sys_pselect6,
	[__NR_utimensat]	= (unsigned long)sys_utimensat,
	[__NR_dup3]		= (unsigned long)sys_dup3,
	[__NR_pipe2]		= (unsigned long)sys_pipe2,
	[__NR_prlimit64]	= (unsigned long)sys_prlimit64,
	[__NR_set_robust_list]	= (unsigned long)sys_set_robust_list,
	[__NR_getrandom]	= (unsigned long)sys_getrandom,
	[__NR_statx]		= (unsigned long)sys_statx,
	[__NR_clock_gettime64]	= (unsigned long)sys_clock_gettime64,
	[__NR_clock_getres_time64] = (unsigned long)sys_clock_getres_time64,
	[__NR_clock_nanosleep_time64] = (unsigned long)sys_clock_nanosleep_time64,
	[__NR_pselect6_time64]	= (unsigned long)sys_pselect6_time64,
	[__NR_futex_time64]	= (unsigned long)sys_futex_time64,
};

/*
 * Names in the kernel log a call Pagoda lacks and the program that
 * asked, once a number (one line for all numbers past the table), so
 * that a program that gives up after ENOSYS can be explained.  2.4.0's
 * sys_ni_syscall says nothing.  KERN_DEBUG: dmesg has it, the console
 * only at loglevel=8, as glibc asks for calls (rseq, clone3) and goes
 * on without them.
 */
static void say_missing_call(unsigned long nr)
{
	static uint8_t said[NR_syscalls + 1];	/* [NR_syscalls]: past it */
	unsigned long i = min(nr, (unsigned long)NR_syscalls);

	if (said[i])
		return;
	said[i] = 1;
	if (i < NR_syscalls)
		printk(KERN_DEBUG "%s[%d]: system call %lu is not one Pagoda "
		       "has: ENOSYS (said once a number)\n", current->comm,
		       current->pid, nr);
	else
		printk(KERN_DEBUG "%s[%d]: system call %lu is not one Pagoda "
		       "has: ENOSYS (said once for all numbers from %d up)\n",
		       current->comm, current->pid, nr, NR_syscalls);
}

void do_syscall(struct pt_regs *regs)
{
	unsigned long nr = regs->eax;
	syscall_fn fn;

	if (nr >= NR_syscalls || !sys_call_table[nr]) {
		say_missing_call(nr);
		regs->eax = -ENOSYS;
		return;
	}
	fn = (syscall_fn)sys_call_table[nr];
	regs->eax = fn(regs->ebx, regs->ecx, regs->edx, regs->esi,
		       regs->edi, regs->ebp);
}
