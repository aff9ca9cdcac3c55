"""Debian's busybox-static (i386, glibc inside) as Pagoda's sh: its ash
runs programs with fork, execve (a $PATH search: every directory finds
the program, see docs/processes.md) and wait4, and its wait builtin
sleeps in rt_sigsuspend until SIGCHLD.  make check fetches
it into BUILD/i386/busybox (tools/debfetch.py, a private i386 apt
state: the host needs no i386 architecture); PAGODA_BUSYBOX names
another binary.  Without either the scenario is skipped, saying so.
"""

import os
import re
import shutil
import time
from pathlib import Path

from pagoda_test import scenario


def busybox_as_sh(lab):
    path = os.environ.get("PAGODA_BUSYBOX") or lab.build / "i386" / "busybox"
    if not Path(path).is_file():
        lab.skip(f"no busybox at {path}: python3 tools/debfetch.py busybox "
                 f"{lab.build / 'i386'} fetches it, or set PAGODA_BUSYBOX")
    sh = lab.tmpdir / "sh"
    shutil.copy(path, sh)
    return sh


@scenario("busybox_sh_runs_programs", timeout=150)
def busybox_sh_runs_programs(lab):
    vm = lab.boot(modules=[busybox_as_sh(lab)])
    vm.expect_prompt()
    # Pagoda's shell keeps a quoted command line whole for ash's -c
    printed = vm.run("run sh -c 'memhog 2M 1 && echo done'", timeout=120)
    assert "memhog: 2048 KiB verified after 1 passes" in printed, printed + vm.tail()
    assert re.search(r"^done\r?$", printed, re.MULTILINE), printed
    # umask: ash prints the mask (an -ENOSYS came out as 37777777732)
    printed = vm.run("run sh -c 'umask;umask 077;umask'", timeout=60)
    assert re.search(r"^0022\r?\n0077\r?$", printed, re.MULTILINE), printed + vm.tail()
    # which: access(X_OK) on each $PATH place (a program's path is in each)
    printed = vm.run("run sh -c 'which memhog'", timeout=60)
    assert re.search(r"^/sbin/memhog\r?$", printed, re.MULTILINE), printed + vm.tail()
    # test and ls stat a device's path and the root (statx)
    printed = vm.run("run sh -c '[ -c /dev/null ] && [ -d / ] && ls -l /dev/null'", timeout=60)
    assert re.search(r"^crw-rw-rw- .* 1, +3 .* /dev/null\r?$", printed, re.MULTILINE), \
        printed + vm.tail()
    # cd and pwd: the root is the one directory (chdir, getcwd)
    printed = vm.run("run sh -c 'cd /&&pwd&&cd /tmp'", timeout=60)
    assert re.search(r"^/\r?$", printed, re.MULTILINE), printed + vm.tail()
    assert "can't cd to /tmp: No such file or directory" in printed, printed
    printed = vm.run("run sh -c 'no-such-program;echo status $?'", timeout=60)
    assert "status 127" in printed, printed + vm.tail()
    # ash's wait builtin sleeps in rt_sigsuspend until the SIGCHLD of
    # its background child; without rt_sigsuspend, ash spins for ever
    # with every signal blocked
    printed = vm.run("run sh -c 'sleep 1&wait;echo waited $?'", timeout=60)
    assert re.search(r"^waited 0\r?$", printed, re.MULTILINE), printed + vm.tail()
    # kill -1: every process but init and the caller (it was EINVAL)
    printed = vm.run("run sh -c 'sleep 30&sleep 30&kill -9 -1&&echo killed;wait'",
                     timeout=60)
    assert re.search(r"^killed\r?$", printed, re.MULTILINE), printed + vm.tail()
    assert "Oops" not in vm.output and "Kernel panic" not in vm.output, vm.tail()


@scenario("busybox_sh_background_and_redirections", timeout=150)
def busybox_sh_background_and_redirections(lab):
    vm = lab.boot(modules=[busybox_as_sh(lab)])
    vm.expect_prompt()
    # a background job's stdin is /dev/null: ash opens it and dup2()s
    # it to 0 in the child, which runs only if both work
    printed = vm.run("run sh -c 'memhog 2M 1&wait;echo done'", timeout=120)
    assert "memhog: 2048 KiB verified after 1 passes" in printed, printed + vm.tail()
    assert re.search(r"^done\r?$", printed, re.MULTILINE), printed + vm.tail()
    # ">" opens /dev/null with O_CREAT|O_TRUNC; ash saves fd 1 with
    # fcntl(F_DUPFD), dup2()s, and puts it back for the next echo
    printed = vm.run("run sh -c 'echo hidden>/dev/null;echo shown'", timeout=60)
    assert re.search(r"^shown\r?$", printed, re.MULTILINE), printed + vm.tail()
    assert "hidden" not in printed.replace("echo hidden", ""), printed
    printed = vm.run("run sh -c 'echo twice>&2;echo again $?'", timeout=60)
    assert re.search(r"^twice\r?$", printed, re.MULTILINE), printed + vm.tail()
    assert re.search(r"^again 0\r?$", printed, re.MULTILINE), printed + vm.tail()
    # a child ash leaves behind is adopted by init (the shell), which
    # reaps it silently: only the shell's own jobs (run ... &) are
    # reported ("[9] exited with status 0" came at the next prompt)
    vm.run("run sh -c '(sleep 1; echo orphan done) & echo left'", timeout=60)
    vm.expect("orphan done", timeout=30)
    vm.run("run sh -c 'sleep 1'", timeout=60)
    vm.run("run sh -c 'echo end'", timeout=60)
    assert "exited with status" not in vm.output, vm.tail()
    assert "Oops" not in vm.output and "Kernel panic" not in vm.output, vm.tail()


@scenario("busybox_sh_pipelines_and_command_substitution", timeout=200)
def busybox_sh_pipelines_and_command_substitution(lab):
    vm = lab.boot(modules=[busybox_as_sh(lab)])
    vm.expect_prompt()
    # a pipeline: ash makes a pipe (pipe2), forks each side and
    # dup2()s the ends to 1 and 0; wc reads to the end of file, which
    # comes once seq and the shell have closed the write end
    printed = vm.run("run sh -c 'seq 1 1000 | wc -l'", timeout=60)
    assert re.search(r"^1000\r?$", printed, re.MULTILINE), printed + vm.tail()
    # command substitution: the shell reads its child's output back
    printed = vm.run("run sh -c 'x=$(echo hi); echo got $x'", timeout=60)
    assert re.search(r"^got hi\r?$", printed, re.MULTILINE), printed + vm.tail()
    # three stages, the middle one reading and writing pipes
    printed = vm.run("run sh -c 'seq 1 100 | grep 5 | wc -l'", timeout=60)
    assert re.search(r"^19\r?$", printed, re.MULTILINE), printed + vm.tail()
    # the reader leaves early: yes, blocked on a full pipe, is woken
    # and killed by SIGPIPE, so the pipeline ends with head's status
    printed = vm.run("run sh -c 'yes | head -n 3; echo status $?'",
                     timeout=60)
    assert re.search(r"^y\r?\ny\r?\ny\r?\nstatus 0\r?$", printed, re.MULTILINE), \
        printed + vm.tail()
    # a substitution of a pipeline, as scripts write them
    printed = vm.run("run sh -c 'n=$(seq 1 3000|wc -c);echo bytes $n'",
                     timeout=60)
    assert re.search(r"^bytes 13893\r?$", printed, re.MULTILINE), printed + vm.tail()
    assert "Oops" not in vm.output and "Kernel panic" not in vm.output, vm.tail()


@scenario("busybox_sh_interactive", timeout=150)
def busybox_sh_interactive(lab):
    """ash at its own prompt: its line editing waits for each key in
    poll() (which said 'sh: poll: Function not implemented' at every
    key), reads it, echoes it, and runs the line. Ctrl-C reaches the
    program ash runs, as a terminal's foreground process group would
    (it reached ash alone, and ash waited on for its child)."""
    vm = lab.boot(modules=[busybox_as_sh(lab)])
    vm.expect_prompt()
    vm.sendline("run sh")
    vm.expect(r"/ # ", timeout=30)
    vm.sendline("echo hi$((6*7))")
    vm.expect(r"hi42", timeout=30)
    vm.expect(r"/ # ", timeout=30)
    vm.sendline("sleep 1000")
    vm.expect(r"sleep 1000", timeout=30)
    for _ in range(12):     # until ash has forked sleep and waits for it
        vm.send("\x03")
        try:
            vm.expect(r"/ # ", timeout=5)
            break
        except AssertionError:
            continue
    else:
        raise AssertionError("Ctrl-C did not end sleep 1000:\n" + vm.tail())
    vm.sendline("exit 4")
    vm.expect(r"sh: exited with status 4", timeout=30)
    vm.expect_prompt()
    assert "poll" not in vm.output, vm.tail()
    assert "Oops" not in vm.output and "Kernel panic" not in vm.output, vm.tail()


@scenario("busybox_sh_read_builtin_polls", timeout=150)
def busybox_sh_read_builtin_polls(lab):
    vm = lab.boot(modules=[busybox_as_sh(lab)])
    vm.expect_prompt()
    # ash's read builtin waits in poll() on fd 0 before each byte it
    # reads; without poll (168) it read nothing and the loop never ran
    printed = vm.run("run sh -c 'seq 1 3 | while read l; do echo line $l; done'",
                     timeout=60)
    assert re.search(r"^line 1\r?\nline 2\r?\nline 3\r?$", printed, re.MULTILINE), \
        printed + vm.tail()
    # a here-document is a pipe too (ash writes it, read polls it)
    printed = vm.run("""run sh -c "eval \\"$(printf 'read a b <<E\\none two\\nE\\necho $b-$a')\\"" """,
                     timeout=60)
    assert re.search(r"^two-one\r?$", printed, re.MULTILINE), printed + vm.tail()
    # read from the console: poll says a byte is queued, and the
    # Enter key's \r reaches the program as \n (ICRNL), ending the line
    vm.sendline("run sh -c 'read x; echo got $x'")
    vm.sendline("typed")
    printed = vm.expect_prompt(timeout=30)
    assert re.search(r"^got typed\r?$", printed, re.MULTILINE), printed + vm.tail()
    assert "Oops" not in vm.output and "Kernel panic" not in vm.output, vm.tail()


def assert_lines(vm, printed, lines):
    """Each of lines is a whole line of what the command printed."""
    for line in lines:
        assert re.search("^" + re.escape(line) + r"\r?$", printed, re.MULTILINE), \
            line + "\n" + printed + vm.tail()


@scenario("busybox_sh_names_are_read_only", timeout=150)
def busybox_sh_names_are_read_only(lab):
    vm = lab.boot(modules=[busybox_as_sh(lab)])
    vm.expect_prompt()
    # the calls that make or change a name answer as a read-only file
    # system does (they were ENOSYS: "Function not implemented")
    printed = vm.run("run sh -c 'mkdir /tmp/d; touch /tmp/x; rm -f /sbin/sh; "
                     "mv /a /b; ln -s a /sbin/sh; chmod 600 /dev/null; "
                     "mkfifo /p; echo end'", timeout=60)
    assert_lines(vm, printed, [
        "mkdir: can't create directory '/tmp/d': Read-only file system",
        "touch: /tmp/x: Read-only file system",
        "rm: can't remove '/sbin/sh': Read-only file system",
        "mv: can't rename '/a': No such file or directory",
        "ln: /sbin/sh: File exists",
        "chmod: /dev/null: Read-only file system",
        "mkfifo: /p: Read-only file system",
        "end"])
    # the root lists its programs (getdents64): ls, a glob; it cannot be
    # read (it could not be opened: "can't open '/'")
    printed = vm.run("run sh -c 'ls -1 /; echo /me*; cat /'", timeout=60)
    assert_lines(vm, printed, ["memhog", "sh", "/memhog",
                               "cat: read error: Is a directory"])
    assert "Oops" not in vm.output and "Kernel panic" not in vm.output, vm.tail()


def key_to_job(vm, key):
    """Types key (Ctrl-C, Ctrl-\\, Ctrl-Z) at the job in the foreground;
    returns what ash then says of $? and of its jobs."""
    time.sleep(2)
    vm.send(key)
    vm.expect(r"/ # ", timeout=30)
    return ash_line(vm, "echo status $?; jobs")


def ash_line(vm, line, timeout=30):
    """Types line at ash's prompt and returns what came before the next."""
    vm.sendline(line)
    return vm.expect(r"(?s)(.*?)/ # ", timeout=timeout).group(1)


@scenario("busybox_sh_job_control", timeout=240)
def busybox_sh_job_control(lab):
    """ash at its own prompt with job control (the 'm' of $-): each job
    in a process group of its own (setpgid), the console given to the
    foreground one (tcsetpgrp), so Ctrl-C and Ctrl-\\ reach that job
    and not ash; jobs, fg, kill %N (kill of a group), wait.  Without
    process groups ash said "can't access tty; job control turned off".
    Ctrl-Z stops the foreground job (SIGTSTP; it was a byte for the
    job's input): jobs says Stopped, bg continues it in the background,
    fg in the foreground, where Ctrl-C ends it.
    A background job that reads the console stops at SIGTTIN until fg
    gives it the console, and ash keeps what is typed meanwhile;
    one that ignores SIGTTIN gets EIO.
    A `run sh &` in the kernel shell's background stops there too (it
    spun, sending itself SIGTTIN), and the kernel shell says so."""
    vm = lab.boot(modules=[busybox_as_sh(lab)])
    vm.expect_prompt()
    vm.sendline("run sh")
    vm.expect(r"/ # ", timeout=30)
    printed = ash_line(vm, "echo flags $-")
    assert re.search(r"flags \w*m", printed), printed + vm.tail()
    assert "job control turned off" not in vm.output, vm.tail()
    ash_line(vm, "sleep 100 &")
    printed = ash_line(vm, "jobs")
    assert re.search(r"\[1\]\+ +Running +sleep 100", printed), printed + vm.tail()
    # ash says so at the next prompt, or at the one after
    printed = ash_line(vm, "kill %1") + ash_line(vm, "sleep 1; jobs")
    assert re.search(r"\[1\]\+ +Terminated +sleep 100", printed), printed + vm.tail()
    # a pipeline is one job: kill %1 ends both of its processes
    ash_line(vm, "sleep 100 | sleep 200 &")
    ash_line(vm, "jobs")
    printed = ash_line(vm, "kill %1; wait; echo waited")
    assert re.search(r"^waited\r?$", printed, re.MULTILINE), printed + vm.tail()
    # fg: the job gets the console, and Ctrl-C ends it, not ash
    ash_line(vm, "sleep 100 & sleep 200 &")
    vm.sendline("fg %1")
    vm.expect(r"sleep 100", timeout=30)
    printed = key_to_job(vm, "\x03")
    assert re.search(r"^status 130\r?$", printed, re.MULTILINE), printed + vm.tail()
    assert re.search(r"\[2\]\+ +Running +sleep 200", printed), printed + vm.tail()
    ash_line(vm, "kill %2; wait")
    vm.sendline("sleep 100")
    printed = key_to_job(vm, "\x1c")
    assert re.search(r"^status 131\r?$", printed, re.MULTILINE), printed + vm.tail()
    printed = ash_line(vm, "sleep 1 & wait; echo waited $?")
    assert re.search(r"^waited 0\r?$", printed, re.MULTILINE), printed + vm.tail()
    # Ctrl-Z: the job stops, ash is back; bg, fg, and Ctrl-C ends it
    vm.sendline("sleep 100")
    printed = key_to_job(vm, "\x1a")
    assert re.search(r"^status 148\r?$", printed, re.MULTILINE), printed + vm.tail()
    assert re.search(r"\[1\]\+ +Stopped +sleep 100", printed), printed + vm.tail()
    ash_line(vm, "bg")
    printed = ash_line(vm, "jobs")
    assert re.search(r"\[1\]\+ +Running +sleep 100", printed), printed + vm.tail()
    vm.sendline("fg")
    vm.expect(r"sleep 100", timeout=30)
    printed = key_to_job(vm, "\x03")
    assert re.search(r"^status 130\r?$", printed, re.MULTILINE), printed + vm.tail()
    assert "sleep 100" not in printed, printed + vm.tail()
    # a background reader stops; the line typed meanwhile is ash's
    ash_line(vm, "cat &")
    printed = ash_line(vm, "echo typed to ash")
    assert re.search(r"^typed to ash\r?$", printed, re.MULTILINE), printed + vm.tail()
    printed = ash_line(vm, "jobs")
    assert re.search(r"\[1\]\+ +Stopped \(tty input\) +cat", printed), printed + vm.tail()
    vm.sendline("fg")
    vm.expect(r"cat", timeout=30)
    time.sleep(2)
    vm.sendline("typed to cat")
    vm.expect(r"typed to cat", timeout=30)
    vm.send("\x03")
    vm.expect(r"/ # ", timeout=30)
    # with SIGTTIN ignored, a background read is EIO (n_tty's answer)
    printed = ash_line(vm, "(trap '' TTIN; exec cat) & wait")
    assert "cat: read error: Input/output error" in printed, printed + vm.tail()
    vm.sendline("exit 3")
    vm.expect(r"sh: exited with status 3", timeout=30)
    vm.expect_prompt()
    # ash in the kernel shell's background: it stops at SIGTTIN
    printed = vm.run("run sh &")
    pid = re.search(r"^\[(\d+)\] sh", printed, re.MULTILINE)
    assert pid, printed + vm.tail()
    stopped = rf"^\s*{pid[1]}\s+1 T .* sh\r?$"
    for _ in range(20):     # it may still be starting, under load
        printed = vm.run("ps")
        if re.search(stopped, printed, re.MULTILINE):
            break
        time.sleep(1)
    else:
        raise AssertionError("a background sh did not stop:\n" + printed)
    assert f"[{pid[1]}] stopped by SIGTTIN (21)" in vm.output, vm.tail()
    vm.run(f"kill -KILL {pid[1]}")
    assert "Oops" not in vm.output and "Kernel panic" not in vm.output, vm.tail()


@scenario("busybox_more_pages_a_pipe", timeout=150)
def busybox_more_pages_a_pipe(lab):
    """more with a pipe for input: a screenful, its --More-- prompt, a
    space for the next.  more prints "(N% of SIZE bytes)" when fstat
    gives its input a size; a pipe's is 0 on Linux since 2.6.11, and
    was the bytes it held (2.4.0's i_size), which more took for a file
    size: "--More-- (4294967295% of 292 bytes)"."""
    vm = lab.boot(modules=[busybox_as_sh(lab)])
    vm.expect_prompt()
    vm.sendline("run sh -c 'seq 1 100 | more'")
    vm.expect(r"^23\n--More--", timeout=60)
    vm.send(" ")
    vm.expect(r"^46\n--More--", timeout=30)
    vm.send("q")
    printed = vm.expect_prompt(timeout=30)
    assert "% of" not in vm.output, vm.tail()
    assert "exited" not in printed and "killed" not in printed, printed + vm.tail()
