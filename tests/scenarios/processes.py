"""Processes from the shell: run in the foreground and in the background,
ps, kill, Ctrl-C, and the errors of each command.
"""

import re
import sys
import time
from pathlib import Path

from pagoda_test import scenario

sys.path.insert(0, str(Path(__file__).parent))
from own_programs import SYS3_C, compile_without_library  # noqa: E402  (helpers)

PS_LINE = re.compile(r"^\s*(\d+)\s+(\d+)\s+([RSDTZ])\s+(-?\d+)\s+(TS|IDL)\s+(\d+)\s+(\d+)"
                     r"\s+(\d+:\d\d)\s+(\S+)$", re.MULTILINE)


def ps(vm):
    """{pid: (state, rss KiB, vsz KiB, name)} from the ps command.

    Background programs may print between its lines: only lines in ps's
    format are read.
    """
    printed = vm.run("ps")
    assert "  PID  PPID S  NI CLS" in printed, f"no ps header:\n{printed}"
    return {int(m[1]): (m[3], int(m[6]), int(m[7]), m[9]) for m in PS_LINE.finditer(printed)}


# The kernel threads every boot has: init and kswapd (mm/vmscan.c).
KERNEL_THREADS = {1: "[init]", 2: "[kswapd]"}


def only_kernel_threads(vm):
    """True if ps lists nothing but the boot's kernel threads."""
    return {pid: task[-1] for pid, task in ps(vm).items()} == KERNEL_THREADS


def start_in_background(vm, command):
    printed = vm.run(f"run {command} &")
    found = re.search(r"^\[(\d+)\] (\S+)$", printed, re.MULTILINE)
    assert found, f"'run {command} &' did not say [pid] name:\n{printed}"
    return int(found[1])


@scenario("ps_shows_what_runs", timeout=120)
def ps_shows_what_runs(lab):
    vm = lab.boot()
    vm.expect_prompt()
    sleeper = start_in_background(vm, "sleep 60")
    hog = start_in_background(vm, "memhog 16M 100000")
    vm.expect(r"memhog: pass 1/100000 ok")
    tasks = ps(vm)
    for pid, name in KERNEL_THREADS.items():
        assert tasks.get(pid, ("",))[-1] == name, f"{name} is not pid {pid}: {tasks}"
    assert tasks.get(sleeper, ("",))[0] == "S", f"sleep {sleeper} not sleeping: {tasks}"
    state, rss, vsz, name = tasks.get(hog, ("?", 0, 0, "?"))
    assert name == "memhog" and state == "R", f"memhog {hog} not running: {tasks}"
    assert rss >= 16384 and vsz >= 16384, f"memhog rss {rss} KiB, vsz {vsz} KiB: < 16 MiB"
    # each is reported at a prompt after it ended
    printed = vm.run(f"kill {hog}") + vm.run(f"kill -KILL {sleeper}") + vm.run("")
    for pid, signal in ((hog, r"SIGTERM \(15\)"), (sleeper, r"SIGKILL \(9\)")):
        assert re.search(rf"^\[{pid}\] killed by {signal}$", printed, re.MULTILINE), \
            f"no report that {pid} was killed:\n{printed}"
    tasks = ps(vm)
    assert hog not in tasks and sleeper not in tasks, f"killed programs still listed: {tasks}"


@scenario("ctrl_c_stops_the_foreground_program", timeout=120)
def ctrl_c_stops_the_foreground_program(lab):
    vm = lab.boot()
    vm.expect_prompt()
    vm.sendline("run sleep 100")
    time.sleep(1)
    vm.send("\x03")
    vm.expect(r"\^C\n")
    printed = vm.expect_prompt(timeout=30)
    assert "sleep: killed by SIGINT (2)" in printed, f"no SIGINT report:\n{printed}"
    vm.sendline("run memhog 32M 100000")
    vm.expect(r"memhog: pass 1/100000 ok")
    vm.send("\x03")
    printed = vm.expect_prompt(timeout=30)
    assert "memhog: killed by SIGINT (2)" in printed, f"no SIGINT report:\n{printed}"
    assert only_kernel_threads(vm), "a program outlived Ctrl-C"
    vm.send("help\x03")                     # no program: Ctrl-C drops the line
    printed = vm.expect_prompt()
    assert "^C" in printed and "command not found" not in printed, printed


@scenario("ctrl_c_reaches_the_foreground_group_only", timeout=120)
def ctrl_c_reaches_the_foreground_group_only(lab):
    """Ctrl-C goes to the console's foreground process group (2.4.0's
    n_tty isig): pgrptest gives the console to a child of another
    group, and Ctrl-C ends the child, not pgrptest (it ended both: the
    kernel sent it to every descendant of the program run started). A
    program started with & is in a group of its own and never gets it;
    Ctrl-\\ is SIGQUIT (it was a byte for the program's input)."""
    vm = lab.boot()
    vm.expect_prompt()
    sleeper = start_in_background(vm, "sleep 100")
    vm.sendline("run pgrptest console")
    vm.expect("pgrptest: type Ctrl-C", timeout=30)
    vm.send("\x03")
    printed = vm.expect_prompt(timeout=30)
    assert "pgrptest: all checks passed" in printed, printed + vm.tail()
    assert "pgrptest: exited" not in printed and "killed" not in printed, printed
    vm.sendline("run sleep 100")
    time.sleep(1)
    vm.send("\x1c")
    printed = vm.expect_prompt(timeout=30)
    assert "sleep: killed by SIGQUIT (3)" in printed, printed + vm.tail()
    assert ps(vm).get(sleeper, ("?",))[0] == "S", f"background sleep {sleeper} gone"
    vm.run(f"kill {sleeper}")


@scenario("a_background_thread_reading_the_console_stops", timeout=120)
def a_background_thread_reading_the_console_stops(lab):
    """A thread other than the leader reads the console from the
    background: SIGTTIN stops the whole process, every thread in T, as
    Linux stops the group, and the shell says so.  It was sent to the
    leader alone, and the reader's read, started again, sent it again:
    the thread spun, never asleep.  A stopped process keeps SIGTERM
    pending; SIGKILL ends it."""
    vm = lab.boot()
    vm.expect_prompt()
    pid = start_in_background(vm, "threadtest bgread")
    vm.expect("threadtest: reading in a thread")
    time.sleep(1)
    tasks = {p: t for p, t in ps(vm).items() if t[-1] == "threadtest"}
    assert len(tasks) == 2 and pid in tasks, f"not the two threads: {tasks}"
    assert all(t[0] == "T" for t in tasks.values()), f"not stopped: {tasks}"
    assert f"[{pid}] stopped by SIGTTIN (21)" in vm.output, vm.tail()
    vm.run(f"kill {pid}")
    assert ps(vm).get(pid, ("?",))[0] == "T", "SIGTERM ended a stopped process"
    printed = vm.run(f"kill -KILL {pid}") + vm.run("")
    assert f"[{pid}] killed by SIGKILL (9)" in printed, printed + vm.tail()


@scenario("ctrl_z_stops_the_foreground_program", timeout=120)
def ctrl_z_stops_the_foreground_program(lab):
    """Ctrl-Z sends SIGTSTP to the console's foreground group (2.4.0's
    n_tty isig, VSUSP): the program stops (T in ps), and the kernel
    shell, told by wait4 WUNTRACED, says so and is back at its prompt;
    kill -CONT continues it in the background (WCONTINUED: "continued"),
    and its end is said.  Ctrl-Z was a byte for the program's input."""
    vm = lab.boot()
    vm.expect_prompt()
    vm.sendline("run sleep 100")
    time.sleep(1)
    vm.send("\x1a")
    vm.expect(r"\^Z\n")
    printed = vm.expect_prompt(timeout=30)
    assert "sleep: stopped by SIGTSTP (20)" in printed, printed + vm.tail()
    sleeper = [p for p, t in ps(vm).items() if t[-1] == "sleep"]
    assert len(sleeper) == 1, f"no one sleep: {ps(vm)}"
    assert ps(vm)[sleeper[0]][0] == "T", f"sleep not stopped: {ps(vm)}"
    printed = vm.run(f"kill -CONT {sleeper[0]}") + vm.run("")
    assert f"[{sleeper[0]}] continued" in printed, printed + vm.tail()
    assert ps(vm)[sleeper[0]][0] == "S", f"sleep not going on: {ps(vm)}"
    printed = vm.run(f"kill {sleeper[0]}") + vm.run("")
    assert f"[{sleeper[0]}] killed by SIGTERM (15)" in printed, printed + vm.tail()


@scenario("stoptest_at_the_console", timeout=150)
def stoptest_at_the_console(lab):
    """stoptest console: a background reader stops at SIGTTIN and a
    background tcsetpgrp at SIGTTOU (2.4.0's tty_check_change; it was
    allowed), a reader in an orphaned group gets EIO (it slept), and
    Ctrl-Z stops the child given the console."""
    vm = lab.boot()
    vm.expect_prompt()
    vm.sendline("run stoptest console")
    vm.expect("stoptest: type Ctrl-Z", timeout=60)
    time.sleep(1)
    vm.send("\x1a")
    vm.expect_prompt(timeout=60)
    printed = vm.output
    for case in ("a background reader stops at SIGTTIN", "SIGKILL ends it",
                 "a background tcsetpgrp stops at SIGTTOU",
                 "a background tcsetattr stops at SIGTTOU",
                 "a reader in an orphaned group: EIO, SIGTSTP lost",
                 "tcsetpgrp gives the console to the child's group",
                 "Ctrl-Z stops the foreground child with SIGTSTP",
                 "the console back to our group", "SIGCONT, then SIGKILL, end it"):
        assert f"stoptest: {case}: ok" in printed, case + "\n" + printed + vm.tail()
    assert "stoptest: all checks passed" in printed, printed + vm.tail()


@scenario("caught_ctrl_c_restarts_a_read_with_sa_restart", timeout=120)
def caught_ctrl_c_and_a_read(lab):
    """A console read that a caught SIGINT interrupts starts again when
    the handler has SA_RESTART, and returns the byte typed next; without
    SA_RESTART it is EINTR (Linux's n_tty_read: -ERESTARTSYS)."""
    vm = lab.boot()
    vm.expect_prompt()
    # the console is canonical for a program, as a terminal starts: the
    # byte reaches the read with its Enter (the "\n" left is the shell's)
    for how, typed, result in (("restart", "x\r", "1 (x)"), ("eintr", "", "-4 (-)")):
        vm.sendline(f"run exectest read {how}")
        vm.expect("exectest: reading")
        time.sleep(1)                       # asleep in the read by now
        vm.send("\x03")
        vm.expect("exectest: SIGINT caught")
        vm.send(typed)
        printed = vm.expect_prompt(timeout=30)
        assert f"exectest: read returned {result} after 1 SIGINT" in printed, \
            f"read {how}:\n{printed}"


@scenario("console_readv_holds_its_file", timeout=120)
def console_readv_holds_its_file(lab):
    """fdtest console: a readv of two bytes from the console goes on
    reading the console though another thread closed the descriptor and
    opened /dev/zero at it (the call holds the file it started on, as in
    Linux); then an O_NONBLOCK read with nothing typed is EAGAIN."""
    vm = lab.boot()
    vm.expect_prompt()
    vm.sendline("run fdtest console")
    vm.expect("fdtest: type two bytes")
    vm.send("ab\r")                      # a line: the console is canonical
    printed = vm.expect_prompt(timeout=30)
    for case in ("readv: a descriptor closed meanwhile: both bytes read",
                 "O_NONBLOCK: no byte typed, EAGAIN"):
        assert f"fdtest: {case}: ok" in printed, printed


@scenario("bad_process_commands", timeout=60)
def bad_process_commands(lab):
    vm = lab.boot()
    vm.expect_prompt()
    answers = {
        "kill 1": "kill: (1): a kernel thread takes no signals",
        "kill 4242": "kill: (4242): no such process",
        "kill -BOGUS 3": "kill: unknown signal 'BOGUS'",
        "kill abc": "kill: 'abc' is not a process id",
        "kill": "usage: kill [-SIG] PID",
        "run": "usage: run PROG [ARGS] [&]",
        "run &": "usage: run PROG [ARGS] [&]",
        "run nosuch": "run: no program 'nosuch'; programs: memhog forktest faulttest"
                      " sysfuzz sleep hotcold forkhog",
        "run memhog": "usage: memhog SIZE [PASSES]",
        "run memhog 1M 0": "memhog: exited with status 2",
        "ps extra": "usage: ps",
    }
    for command, answer in answers.items():
        printed = vm.run(command)
        assert answer in printed, f"'{command}' printed:\n{printed}\nexpected: {answer}"
    assert only_kernel_threads(vm)


@scenario("run_in_the_iso_boot", timeout=180)
def run_in_the_iso_boot(lab):
    """The programs are inside the kernel image: GRUB boots find them too."""
    vm = lab.boot(iso=True)
    vm.expect_prompt(timeout=120)
    printed = vm.run("run memhog 1M 1")
    assert "memhog: 1024 KiB verified after 1 passes" in printed, printed


@scenario("ignored_signals_change_nothing", timeout=60)
def ignored_signals_change_nothing(lab):
    """SIGCHLD, SIGWINCH, SIGCONT of a process not stopped: dropped, as
    Linux drops a signal with nothing to do; a sleeping program sleeps
    on and exits normally."""
    vm = lab.boot()
    vm.expect_prompt()
    pid = start_in_background(vm, "sleep 2")
    for signal in ("CHLD", "WINCH", "CONT", "0"):
        printed = vm.run(f"kill -{signal} {pid}")
        assert "kill:" not in printed, f"kill -{signal} failed:\n{printed}"
    assert ps(vm).get(pid, ("?",))[0] == "S", "the sleeper did not sleep on"
    # its 2 s are the guest's (longer on a loaded host); the shell says
    # how a job ended before its next prompt
    ended = re.compile(rf"^\[{pid}\] (exited with status \d+|killed by .*)$", re.MULTILINE)
    for _ in range(30):
        time.sleep(1)
        if ended.search(vm.run("")):
            break
    assert f"[{pid}] exited with status 0" in vm.output, f"sleep did not end normally:\n{vm.tail()}"


# One write(2) of 64 MiB of the heap: the serial line takes about 50 KiB
# a second, so it would take twenty minutes.
LONGWRITE_C = SYS3_C + r"""
void _start(void)
{
	long base = sys3(45, 0, 0, 0), len = 64L << 20;	/* brk(0) */

	if (sys3(45, base + len, 0, 0) != base + len)
		sys3(252, 2, 0, 0);
	sys3(252, sys3(4, 1, base, len) == len ? 0 : 1, 0, 0);
}
"""


@scenario("long_write_yields_to_ctrl_c_and_the_shell", timeout=120)
def long_write_yields(lab):
    """A program writing 64 MiB to the console in one call stops at
    Ctrl-C, and in the background leaves the shell its turn and dies by
    kill (the kernel held the CPU for the whole write, deaf to both)."""
    vm = lab.boot(modules=[compile_without_library(lab, "longwrite", LONGWRITE_C)])
    vm.expect_prompt()
    vm.sendline("run longwrite")
    time.sleep(2)
    vm.send("\x03")
    printed = vm.expect_prompt(timeout=20)
    assert "longwrite: killed by SIGINT (2)" in printed, printed[-300:]
    writer = start_in_background(vm, "longwrite")
    time.sleep(2)
    printed = vm.run(f"kill -9 {writer}", timeout=20)
    deadline = time.monotonic() + 20
    while f"[{writer}] killed by SIGKILL (9)" not in printed:  # said at a prompt after
        assert time.monotonic() < deadline, f"kill -9 {writer} did not end it:\n{vm.tail()}"
        time.sleep(1)
        printed = vm.run("", timeout=20)
