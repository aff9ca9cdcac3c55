"""What each program of user/ must print and how it must end: the one
expectation that both the Pagoda runs (programs.py, through init=) and
the native Linux runs (native.py) are held to, so the two agree.

Only the program's own lines count: those starting with "NAME:". Kernel
messages (printk, with their timestamps) never start that way.
"""

FAULT_CASES = [
    "NULL read", "NULL write", "kernel address read", "kernel address write",
    "write to program text", "call to NULL", "call into the kernel",
    "stack overflow", "PROT_NONE read", "PROT_READ write", "read after munmap",
    "privileged instruction", "int $0x81", "invalid opcode", "breakpoint",
    "divide by zero",
]

TLS_CASES = [
    "set_thread_area(-1) picks an entry and says which",
    "%gs reads and writes through the segment's base",
    "get_thread_area gives it back",
    "%gs keeps its base across syscalls, interrupts, switches",
    "a forked child has its parent's TLS entry",
    "the child keeps its own base in the same entry",
    "bad pointers: EFAULT",
    "entry -1 in read-only memory: EFAULT",
    "entries out of range: EINVAL",
    "code and 16-bit segments: EINVAL, entry unchanged",
    "no entry left for -1: ESRCH",
    "emptying the entry %gs holds: %gs 0, a use SIGSEGV",
    "a segment based at 3 GiB: a read is SIGSEGV",
    "the parent's segment is intact",
]

CLONE_CASES = [
    "CLONE_PARENT_SETTID: the pid in the parent, not the child's",
    "CLONE_CHILD_SETTID: the child's own pid in its copy",
    "a new stack pointer is the child's",
    "CLONE_SIGHAND without CLONE_VM: EINVAL",
    "wait4(pid) reaps that child and gives its page faults",
    "then the other one, rusage NULL",
    "wait4 into bad status or rusage pointers: EFAULT",
    "wait4 with bad options: EINVAL",
    "wait4 without children: ECHILD",
    "set_tid_address returns the pid",
]

TIME_CASES = [
    "clock_gettime and clock_gettime64 read the eight clocks",
    "clock_gettime(64) of a clock that is not one: EINVAL",
    "clock_gettime(64) into a bad pointer: EFAULT",
    "clock_getres(64): each clock's tick, at most 10 ms",
    "clock_getres(64): no such clock EINVAL, bad pointer EFAULT",
    "the coarse clocks and BOOTTIME beside their twins",
    "time: CLOCK_REALTIME's seconds, also in *tloc",
    "gettimeofday agrees with CLOCK_REALTIME",
    "time and gettimeofday into a bad pointer: EFAULT",
    "CLOCK_PROCESS_CPUTIME_ID advances in a busy loop",
    "CLOCK_THREAD_CPUTIME_ID advances in a busy loop",
    "clock_nanosleep(1 s) lasts at least 1 s",
    "time and CLOCK_REALTIME_COARSE advance across it",
    "clock_nanosleep_time64(0.2 s) lasts at least 0.2 s",
    "TIMER_ABSTIME sleeps until the clock reads that time",
    "TIMER_ABSTIME with a time passed returns at once",
    "clock_nanosleep(64) with nsec >= 1e9, < 0 or sec < 0: EINVAL",
    "clock_nanosleep(64) on a clock that is not one: EINVAL",
    "clock_nanosleep on the thread CPU, RAW, COARSE clocks: EOPNOTSUPP",
    "clock_nanosleep(64) on CLOCK_BOOTTIME",
    "clock_nanosleep(64) from a bad pointer: EFAULT",
    "uname names the system",
    "uname into a bad pointer: EFAULT",
]

FD_CASES = [
    "/dev/null: end of file, writes taken, 1:3, not a tty",
    "/dev/zero: reads zeros, 1:5",
    "/dev/zero: every byte 0",
    "open: O_CREAT|O_EXCL of /dev/null EEXIST, no such device ENOENT",
    "write on O_RDONLY EBADF, F_GETFL O_RDONLY",
    "read on O_WRONLY EBADF, F_GETFL O_WRONLY",
    "close, twice EBADF, -1 EBADF",
    "/dev/zero: a 64 KiB read gives 64 KiB",
    "/dev/zero: all 64 KiB are 0",
    "/dev/zero: a read into a half-mapped buffer gives the mapped half",
    "dup: the lowest free descriptor, closed EBADF",
    "dup2: over a used descriptor, to itself, bad ones EBADF",
    "dup3: same descriptor or bad flags EINVAL, O_CLOEXEC",
    "O_CLOEXEC, F_GETFD and F_SETFD",
    "F_DUPFD, F_DUPFD_CLOEXEC: lowest from the floor",
    "at RLIMIT_NOFILE: EMFILE, past it EINVAL or EBADF",
    "fcntl: unknown command EINVAL, closed EBADF",
    "fork: the child has the descriptor, its close is its own",
    "CLONE_FILES: the child's open and close are ours; without it, its own",
    "execve: close-on-exec closed, the others kept",
    "execve with a shared table: closes in a copy, ours kept",
    "access mode 3: read and write EBADF",
    "F_SETFL: O_APPEND and O_NONBLOCK, not the access mode",
    "mmap of /dev/zero, MAP_PRIVATE: zeros, writable",
    "mmap: /dev/null ENODEV, write-only EACCES, closed EBADF",
    "/dev/null, /dev/zero: a buffer not mapped, not looked at",
    "ioctl FIOCLEX, FIONCLEX, FIONBIO on /dev/null",
    "the root opens for reading only, read EISDIR, O_DIRECTORY",
    "getdents64: . and .., in small buffers too, then 0",
    "lseek to 0 on the directory: the same entries again",
    "getdents64: ENOTDIR on a device, EBADF on a closed one",
]

PIPE_CASES = [
    "pipe: the two lowest free descriptors, O_RDONLY and O_WRONLY",
    "fstat: both ends one FIFO, not a terminal",
    "read of the write end, write of the read end: EBADF",
    "bytes come out in order, a read takes what is there",
    "end of file once every write end is closed, a dup'd one too",
    "no reader: EPIPE (SIGPIPE ignored), a write of 0 bytes 0",
    "no reader: SIGPIPE kills a writer that does not catch it",
    "pipe2: O_CLOEXEC on both ends",
    "pipe2: other flags EINVAL, a bad pointer EFAULT, nothing open",
    "O_NONBLOCK: an empty read, a full pipe's write EAGAIN",
    "O_NONBLOCK: everything read back, then end of file",
    "F_SETFL O_NONBLOCK on one end: EAGAIN; lseek ESPIPE",
    "a megabyte from a child, in odd pieces, whole and in order",
    "writes of PIPE_BUF bytes or fewer never interleave",
    "a signal ends a blocked read: EINTR without SA_RESTART",
    "with SA_RESTART the read starts again and gets the handler's byte",
    "a signal ends a blocked write: the bytes it wrote",
    "a writer killed asleep: its whole writes stay, then end of file",
    "a reader killed asleep: the writer then gets EPIPE",
    "a reader asleep keeps its file when another thread closes it",
    "poll: an empty pipe's read end waits, its write end is ready",
    "poll: a timeout gives 0, a signal EINTR",
    "poll: a write wakes a poll asleep on the read end",
    "poll: the read end with no writer left: POLLHUP",
    "poll: the write end with no reader left: POLLERR",
    "poll: fd -1 skipped, a closed one POLLNVAL, EINVAL, EFAULT",
]

SYS_CASES = [
    "getuid, geteuid, getgid, getegid: 16 and 32 bits agree",
    "getgroups32: a count, the same with a list; size -1 EINVAL",
    "sysinfo: RAM, swap, processes, uptime in bounds",
    "sysinfo into a bad pointer: EFAULT",
    "madvise NORMAL, SEQUENTIAL, RANDOM, WILLNEED: data kept",
    "madvise(MADV_DONTNEED): the pages read 0",
    "madvise over a hole: ENOMEM, the rest advised",
    "madvise: misaligned or bad advice EINVAL, unmapped ENOMEM",
    "mlock, MADV_DONTNEED refused, munlock",
    "mlock unmapped ENOMEM, mlockall bad flags EINVAL, munlockall",
    "mremap shrinks, grows in place: data kept, new page 0",
    "mremap(MREMAP_MAYMOVE) grows: data kept",
    "mremap with no room and no MREMAP_MAYMOVE: ENOMEM",
    "mremap: bad flags, address, length EINVAL; unmapped EFAULT",
    "alarm(1) with none set: 0",
    "SIGALRM after a second, not before",
    "alarm gives the seconds left; alarm(0) cancels",
    "alarm past INT_MAX seconds: armed for long, not refused",
    "setitimer(ITIMER_REAL), getitimer reads it back",
    "an interval timer fires again and again",
    "ITIMER_VIRTUAL and ITIMER_PROF fire in a busy loop",
    "a child's interval timer ends with the child",
    "itimers: bad which or usec EINVAL, bad pointers EFAULT",
    "times: CPU ticks and ticks since boot grow in a busy loop",
    "times into a bad pointer: EFAULT",
    "writev of three pieces",
    "readv, writev: bad fd EBADF, 1025 pieces or a length past 2 GiB EINVAL, bad array EFAULT",
    "ioctl: bad fd EBADF, unknown request ENOTTY",
    "open, openat of no such path ENOENT, bad path EFAULT",
    "fstat64, statx(AT_EMPTY_PATH) of stdout agree; bad fd EBADF",
    "statx: /dev/null a character device 1:3, / a directory",
    "statx(AT_FDCWD, \"\", AT_EMPTY_PATH): the working directory",
    "poll: /dev/null in and out, stdout out, not open POLLNVAL, -1 nothing",
    "poll: no descriptors times out, too many EINVAL, bad array EFAULT",
    "lseek, _llseek of /dev/null: 0",
    "lseek: stdout ESPIPE, bad whence EINVAL, bad fd EBADF; _llseek into a bad pointer EFAULT",
    "readlink: no link EINVAL, missing ENOENT, size 0 EINVAL",
    "umask: the old mask back, 9 bits of the new kept",
    "umask: a child inherits it",
    "access: a program F_OK and X_OK, /dev/null R_OK|W_OK, / X_OK",
    "access: no such path ENOENT, bad mode EINVAL, bad path EFAULT",
    "getcwd: 1 byte ERANGE, bad buffer EFAULT; chdir: no such directory ENOENT, "
    "a program ENOTDIR, bad path EFAULT",
    'chdir("/"), getcwd: "/", 2 bytes',
    "ugetrlimit, prlimit64, getrlimit: RLIMIT_STACK, 1 MiB or more",
    "the three agree, infinity in each one's form",
    "setrlimit to the limit: 0; cur above max, no such resource EINVAL; bad pointer EFAULT; no such pid ESRCH",
    "sched_getaffinity: a mask of whole longs; 1 byte EINVAL",
    "getpriority: 20 - nice; setpriority(5): 15",
    "getpriority: no such pid ESRCH, bad which EINVAL",
]

EXEC_CASES = [
    "execve: argv, envp, same pid and parent, handlers reset",
    "execve of /proc/self/exe runs the program itself",
    "no such program: ENOENT",
    "a bad path pointer: EFAULT",
    "a bad argv or argv string: EFAULT",
    "a bad envp or envp string: EFAULT",
    "a 200 KiB argument: E2BIG",
    "a million arguments: E2BIG",
    "after each failure the caller goes on",
    "SIGCHLD by default: ignored, a sleep goes on",
    "SIGCHLD's handler runs, its wait4 reaps",
    "the same with SA_SIGINFO",
    "a blocked wait4 reaps its child, the handler runs after",
    "a blocked SIGCHLD waits, then its handler runs",
    "a handler starts with the direction flag clear",
    "a SIGFPE handler starts with no x87 exception pending",
    "wait4 a caught signal interrupts: EINTR without SA_RESTART",
    "wait4 with SA_RESTART goes on after the handler and reaps",
    "nanosleep: EINTR and the time left, even with SA_RESTART",
    "rt_sigsuspend: EINTR after the handler, our mask back",
    "rt_sigsuspend: bad size EINVAL, bad pointer EFAULT",
    "pause: EINTR after the handler, even with SA_RESTART",
    "sigaltstack: a SIGSEGV handler runs there with the stack gone",
    "SS_AUTODISARM: no alternate stack while the handler runs",
    "without SA_ONSTACK that handler cannot run: killed by SIGSEGV",
    "SS_AUTODISARM: a frame not written leaves the stack armed",
    "a nested frame past the alternate stack's bottom: SIGSEGV",
    "sigaltstack: set, asked, and a forked child's too",
    "sigaltstack: SS_DISABLE; bad flags EINVAL, small ENOMEM, EFAULT",
    "rt_sigaction: bad size, signal, SIGKILL, SIGSTOP: EINVAL",
    "rt_sigaction: bad pointers: EFAULT",
    "rt_sigprocmask: bad how or size EINVAL, bad pointer EFAULT",
    "rt_sigpending: bad size EINVAL, bad pointer EFAULT",
    "statx: the program a regular file, no program ENOENT",
]

THREAD_CASES = [
    "CLONE_VM: the thread reads and writes our memory",
    "CLONE_PARENT_SETTID: the tid is there when the thread starts",
    "CLONE_CHILD_CLEARTID: 0 at the thread's exit, a futex wake",
    "CLONE_THREAD: getpid is the process's, gettid the thread's",
    "CLONE_SETTLS: the thread's %gs has a base of its own",
    "FUTEX_WAIT on a word that differs: EAGAIN",
    "FUTEX_WAIT times out after the time asked: ETIMEDOUT",
    "FUTEX_WAIT_BITSET: until an absolute time, at once if past",
    "FUTEX_WAKE with nobody waiting: 0",
    "futex on bad addresses and timeouts: EFAULT",
    "private FUTEX_WAKE does not read the word: 0",
    "futex misaligned, bad nsec, bitset 0: EINVAL",
    "futex operations that are not: ENOSYS",
    "FUTEX_WAKE 1 of 3 waiters wakes one",
    "FUTEX_WAKE_BITSET wakes only the waiters whose bits meet",
    "FUTEX_WAIT a caught signal interrupts: EINTR",
    "FUTEX_WAIT with SA_RESTART waits on after the handler",
    "a timed FUTEX_WAIT: EINTR even with SA_RESTART",
    "a new thread has no alternate signal stack",
    "exit ends one thread: the process ends with its last, and its status",
    "exit_group in the leader ends a sleeping thread too",
    "exit_group in a thread ends the sleeping leader too",
    "a fault in a thread kills the whole process: SIGSEGV",
    "kill reaches the threads of a process whose leader exited",
    "a caught signal runs in a thread once the leader exited",
    "CLONE_VFORK: the parent sleeps until the child exits",
    "CLONE_VFORK: SIGKILL ends the sleeping parent at once",
    "execve in the leader ends the other threads",
    "execve in a thread: the program runs as the process, its pid, its timers",
    "a thread's child is the process's: getppid, another thread reaps it",
    "CLONE_THREAD without CLONE_SIGHAND: EINVAL",
    "a live thread's CPU time is the process's: clock, times, getrusage",
    "an exited thread's CPU time: the process's, not the leader's",
]

PGRP_CASES = [
    "setsid: a new session and group, named by the caller's pid",
    "setsid by a group leader: EPERM",
    "setpgid of a session leader: EPERM",
    "no controlling terminal after setsid: tcgetpgrp ENOTTY",
    "a forked child is in its parent's group and session",
    "setpgid(child, child): a group of its own, in our session",
    "setpgid moves a child into another group of the session",
    "setpgid to a group no process is in: EPERM",
    "setpgid to a negative group: EINVAL",
    "setpgid of nobody, or of our parent: ESRCH",
    "getpgid and getsid of nobody: ESRCH",
    "wait4(0): no child in our group, ECHILD",
    "wait4(-pgrp) with that group running: 0 with WNOHANG",
    "kill(-pgrp) ends the group's two, wait4(-pgrp) reaps them",
    "then wait4(-pgrp) ECHILD, kill(-pgrp) ESRCH",
    "kill(0) signals our group: us and two children, wait4(0) reaps them",
    "setpgid of a child that has exec'd: EACCES",
    "the exec'd child reaped",
]

STOP_CASES = [
    "SIGSTOP: wait4 WUNTRACED reports 0x7f | SIGSTOP << 8",
    "the stop sends the parent SIGCHLD",
    "the stop is told once, and never without WUNTRACED",
    "a stopped child runs no handler",
    "SIGCONT: the child goes on, and its handler runs",
    "wait4 WCONTINUED reports 0xffff, once",
    "the continue sends the parent SIGCHLD",
    "SA_NOCLDSTOP: no SIGCHLD for a stop or a continue",
    "SIGKILL ends a stopped child",
    "SIGTSTP stops a process of two threads",
    "its second thread is stopped too",
    "SIGCONT: the second thread goes on",
    "a nanosleep stopped and continued sleeps on: 0, not EINTR",
    "SIGCONT takes back a pending SIGTSTP, SIGTSTP a pending SIGCONT",
    "an orphaned group: SIGTSTP and SIGTTIN are lost",
    "an orphaned group: SIGSTOP stops it",
]

SELECT_CASES = [
    "an empty pipe: the write end ready, the read end not",
    "a timeout: 0, the set cleared, the time left 0 written back",
    "a byte in the pipe: the read end ready",
    "a bit at n is not looked at, and comes back clear",
    "n of a whole fd_set: the descriptors open are asked",
    "a child's write ends a wait with no timeout",
    "a wait of 10 s a write ends: some time left written back",
    "a signal ends the wait: EINTR",
    "a closed descriptor asked about: EBADF",
    "n below 0, a negative time: EINVAL",
    "a set or a time that cannot be read: EFAULT",
    "pselect6: a timeout, 0 and the time left written back",
    "pselect6_time64: the same with a 64-bit timespec",
    "pselect6: a nanosecond count past a second: EINVAL",
    "pselect6: a mask size other than 8: EINVAL",
    "pselect6: a mask that cannot be read: EFAULT",
    "pselect6 lets a blocked SIGALRM in: EINTR, our mask back",
    "no writer left: the read end ready (end of file)",
    "no reader left: the write end ready (EPIPE to come)",
]

# name: (argv, expected lines, exit status)
PROGRAMS = {
    "memhog": (["memhog", "8M", "3"], [
        "memhog: 8192 KiB, 3 passes",
        "memhog: pass 1/3 ok",
        "memhog: pass 2/3 ok",
        "memhog: pass 3/3 ok",
        "memhog: 8192 KiB verified after 3 passes",
    ], 0),
    "memhog_bad_size": (["memhog", "8X"], [
        "memhog: bad SIZE '8X': give 4 bytes to 2040M, e.g. 8M",
    ], 2),
    "memhog_too_big": (["memhog", "2G"], [
        "memhog: bad SIZE '2G': give 4 bytes to 2040M, e.g. 8M",
        "memhog: a process maps at most 2040M: from 1 GiB up to the stack's 8 MiB below 3 GiB",
    ], 2),
    "sleep_negative": (["sleep", "-1"], [
        "sleep: '-1' is not a whole number of seconds (0 or more)",
    ], 2),
    "forktest": (["forktest"], [
        "forktest: child reads share pages, writes copy them: ok",
        "forktest: child's writes stay in the child: ok",
        "forktest: parent's writes stay in the parent: ok",
        "forktest: parent keeps its own writes: ok",
        "forktest: children exit with their codes: ok",
        "forktest: no children left: ECHILD: ok",
        "forktest: WNOHANG polls until the child is a zombie: ok",
        "forktest: all checks passed",
    ], 0),
    "faulttest": (["faulttest"],
                  [f"faulttest: {case}: killed by the expected signal, ok" for case in FAULT_CASES]
                  + ["faulttest: bad pointers to syscalls: survived, ok",
                     "faulttest: 17 of 17 cases behaved"], 0),
    "sysfuzz": (["sysfuzz", "100000", "1"], [
        "sysfuzz: 100000 calls (seed 1), all results as expected",
    ], 0),
    "sleep": (["sleep", "1"], [], 0),
    "numamove": (["numamove", "64", "6"], [
        "numamove: 64 pages, every one on a node: ok",
        "numamove: untouched page ENOENT, unmapped page EFAULT: ok",
        "numamove: 6 rounds of moves, every word verified: ok",
        "numamove: move_pages(flags 0x100): Invalid argument: ok",
        "numamove: move_pages(no such pid): No such process: ok",
        "numamove: move_pages(node 64): No such device: ok",
        "numamove: move_pages(node -1): No such device: ok",
        "numamove: move_pages(bad pages array): Bad address: ok",
        "numamove: move_pages(bad status array): Bad address: ok",
        "numamove: migrate_pages(maxnode 1M): Invalid argument: ok",
        "numamove: migrate_pages(no such pid): No such process: ok",
        "numamove: migrate_pages(node 40): Invalid argument: ok",
        "numamove: migrate_pages(bad mask): Bad address: ok",
        "numamove: migrate_pages(no target node): Invalid argument: ok",
        "numamove: all checks passed",
    ], 0),
    "fragment": (["fragment", "1M", "2"], [
        "fragment: 256 pages written, every other one unmapped",
        "fragment: check 1 ok",
        "fragment: check 2 ok",
    ], 0),
    "forkhog": (["forkhog", "8M", "3"], [
        "forkhog: 8192 KiB, 3 children",
        "forkhog: child 1: shared and copied pages verified",
        "forkhog: child 2: shared and copied pages verified",
        "forkhog: child 3: shared and copied pages verified",
        "forkhog: parent's pages verified after 3 children",
    ], 0),
    "tlstest": (["tlstest"], [f"tlstest: {case}: ok" for case in TLS_CASES]
                + ["tlstest: all checks passed"], 0),
    "clonetest": (["clonetest"], [f"clonetest: {case}: ok" for case in CLONE_CASES]
                  + ["clonetest: all checks passed"], 0),
    "threadtest": (["threadtest"], [f"threadtest: {case}: ok" for case in THREAD_CASES]
                   + ["threadtest: all checks passed"], 0),
    "timetest": (["timetest"], [f"timetest: {case}: ok" for case in TIME_CASES]
                 + ["timetest: all checks passed"], 0),
    "systest": (["systest"], [f"systest: {case}: ok" for case in SYS_CASES]
                + ["systest: all checks passed"], 0),
    "fdtest": (["fdtest"], [f"fdtest: {case}: ok" for case in FD_CASES]
               + ["fdtest: all checks passed"], 0),
    "pipetest": (["pipetest"], [f"pipetest: {case}: ok" for case in PIPE_CASES]
                 + ["pipetest: all checks passed"], 0),
    "pgrptest": (["pgrptest"], [f"pgrptest: {case}: ok" for case in PGRP_CASES]
                 + ["pgrptest: all checks passed"], 0),
    "selecttest": (["selecttest"], [f"selecttest: {case}: ok" for case in SELECT_CASES]
                   + ["selecttest: all checks passed"], 0),
    "stoptest": (["stoptest"], [f"stoptest: {case}: ok" for case in STOP_CASES]
                 + ["stoptest: all checks passed"], 0),
    "exectest": (["exectest"], [f"exectest: {case}: ok" for case in EXEC_CASES]
                 + ["exectest: all checks passed"], 0),
}


def program_lines(name, output):
    """The lines of `output` the program itself printed."""
    prefix = f"{name}:"
    return [line for line in output.replace("\r", "").split("\n") if line.startswith(prefix)]


def compare(name, printed, status):
    """Assert the lines and exit status of a run of PROGRAMS[name]."""
    argv, expected, expected_status = PROGRAMS[name]
    got = program_lines(argv[0], printed)
    assert got == expected, (f"{' '.join(argv)} printed:\n  " + "\n  ".join(got)
                             + "\nexpected:\n  " + "\n  ".join(expected))
    assert status == expected_status, \
        f"{' '.join(argv)} ended with status {status}, expected {expected_status}"
