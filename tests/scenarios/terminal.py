"""The console's settings (kernel/n_tty.c, kernel/tty_ioctl.c): termiostest
typed at, under Pagoda and on a pseudo-terminal of the host (Linux is the
reference); an interactive bash-static, whose readline draws the line
itself once the console takes its settings (it echoed nothing: TCSETS
was refused); busybox ash's line editing.
"""

import os
import platform
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

from pagoda_test import scenario

sys.path.insert(0, str(Path(__file__).parent))
from busybox import busybox_as_sh  # noqa: E402
from outside import fetched  # noqa: E402


class HostTerminal:
    """A program of the host on a pseudo-terminal, with the Machine's
    expect/send/output (carriage returns dropped, as the Machine does)."""

    def __init__(self, argv):
        import pty
        self.master, slave = pty.openpty()
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave,
                                     start_new_session=True)
        os.close(slave)
        self.text, self.cursor = "", 0
        self.lock = threading.Condition()
        threading.Thread(target=self._collect, daemon=True).start()

    def _collect(self):
        while True:
            try:
                chunk = os.read(self.master, 4096)
            except OSError:
                chunk = b""
            with self.lock:
                self.text += chunk.decode(errors="replace").replace("\r", "")
                self.lock.notify_all()
            if not chunk:
                return

    @property
    def output(self):
        with self.lock:
            return self.text

    def expect(self, pattern, timeout=30):
        regex = re.compile(pattern, re.MULTILINE)
        deadline = time.monotonic() + timeout
        with self.lock:
            while True:
                match = regex.search(self.text, self.cursor)
                if match:
                    self.cursor = match.end()
                    return match
                if time.monotonic() > deadline:
                    raise AssertionError(f"expected /{pattern}/:\n{self.text}")
                self.lock.wait(1)

    def send(self, data):
        os.write(self.master, data.encode())

    def close(self):
        try:
            self.proc.wait(timeout=30)
        finally:
            self.proc.kill()
            os.close(self.master)


def drive_termiostest(term):
    """Types what termiostest asks for; checks what the terminal echoed."""
    term.expect(r"termiostest: type abc\n")
    start = len(term.output)
    term.send("abc")
    term.expect(r"termiostest: O_NONBLOCK")
    assert "abc" not in term.output[start:], "echo off, yet abc echoed:\n" + term.output
    term.expect(r"termiostest: type junk\n")
    term.send("junk")
    term.expect(r"termiostest: type a line\n")
    term.send("xyz\x7fw\r")
    term.expect(r"xyz\x08 \x08w\n")         # ECHOE: the erase wipes the z
    term.expect(r"termiostest: type Ctrl-D\n")
    term.send("\x04")
    term.expect(r"termiostest: TCFLSH, TCXONC: .*\n")
    failed = re.findall(r"^termiostest: .*FAILED$", term.output, re.MULTILINE)
    assert not failed, term.output
    term.expect(r"termiostest: all checks passed\n")


@scenario("termiostest_under_pagoda", timeout=150)
def termiostest_under_pagoda(lab):
    vm = lab.boot()
    vm.expect_prompt()
    vm.sendline("run termiostest")
    drive_termiostest(vm)
    printed = vm.expect_prompt(timeout=30)
    assert "termiostest: exited" not in printed and "killed" not in printed, \
        printed + vm.tail()


@scenario("type_ahead_is_the_programs_input", timeout=120)
def type_ahead_is_the_programs_input(lab):
    """A line typed right after the command's Enter, before the program
    runs, arrived under the kernel shell's raw settings; it is taken
    again under the program's (n_tty_hand_over): the erase edits it and
    Enter is "\n" (it was read as typed: 71 7f 7a 0d)."""
    vm = lab.boot()
    vm.expect_prompt()
    vm.send("run termiostest line\rq\x7fz\r")
    vm.expect(r"^termiostest: line 7a0a$", timeout=30)
    vm.expect_prompt(timeout=30)


@scenario("termiostest_on_the_host", timeout=120)
def termiostest_on_the_host(lab):
    binary = lab.build / "user" / "termiostest"
    if platform.system() != "Linux" or platform.machine() not in ("x86_64", "i686", "i386"):
        lab.skip(f"the host is {platform.system()} {platform.machine()}: "
                 "it cannot run i386 Linux executables")
    try:
        term = HostTerminal([str(binary)])
    except OSError as error:
        lab.skip(f"the host refuses i386 executables ({error.strerror})")
    try:
        drive_termiostest(term)
    finally:
        term.close()
    assert term.proc.returncode == 0, term.output


@scenario("interactive_bash_echoes_what_is_typed", timeout=240)
def interactive_bash_echoes_what_is_typed(lab):
    """bash-static -i at its own prompt: readline turns ICANON and ECHO
    off and draws the line itself; the typed command comes back on the
    screen, is run, and its output follows. Before, TCSETS was refused,
    readline took the console for one that does not echo, and nothing
    typed was shown (the command still ran)."""
    bash = fetched(lab, "bash", "shells")
    vm = lab.boot(modules=[bash])
    vm.expect_prompt()
    vm.sendline("run bash --norc --noprofile -i")
    vm.expect(r"bash-[0-9.]+# ", timeout=60)
    vm.sendline("echo typed$((6*7))")
    vm.expect(r"echo typed\$\(\(6\*7\)\)\n", timeout=30)
    vm.expect(r"^typed42$", timeout=30)
    vm.expect(r"bash-[0-9.]+# ", timeout=30)
    vm.send("echo ab\x7fc\r")                # readline's own erase
    vm.expect(r"^ac$", timeout=30)
    vm.expect(r"bash-[0-9.]+# ", timeout=30)
    vm.sendline("exit 3")
    vm.expect(r"bash: exited with status 3", timeout=30)
    vm.expect_prompt()
    assert "Oops" not in vm.output and "Kernel panic" not in vm.output, vm.tail()


@scenario("busybox_ash_edits_its_line", timeout=150)
def busybox_ash_edits_its_line(lab):
    """ash's own line editing with the console's settings now taken:
    an erase and the typed line echoed once, by ash."""
    vm = lab.boot(modules=[busybox_as_sh(lab)])
    vm.expect_prompt()
    vm.sendline("run sh")
    vm.expect(r"/ # ", timeout=30)
    vm.send("echo ab\x7fc\r")
    vm.expect(r"^ac$", timeout=30)
    vm.expect(r"/ # ", timeout=30)
    assert vm.output.count("echo ab") == 1, vm.tail()
    vm.sendline("exit 4")
    vm.expect(r"sh: exited with status 4", timeout=30)
    vm.expect_prompt()


@scenario("bash_job_control_and_resize", timeout=300)
def bash_job_control_and_resize(lab):
    """bash-static -i with busybox's sh for stty: Ctrl-Z stops the
    foreground job (SIGTSTP), jobs, bg and fg as on Linux, Ctrl-C
    ends it (status 130).  A background job's TIOCSWINSZ (stty cols)
    sends SIGWINCH to the foreground group, bash, whose handler reads
    the new size (TIOCGWINSZ) or whose trap runs, as on Linux.  Before
    this scenario nothing checked that SIGWINCH was sent."""
    bash = fetched(lab, "bash", "shells")
    vm = lab.boot(modules=[bash, busybox_as_sh(lab)])
    vm.expect_prompt()
    vm.sendline("run bash --norc --noprofile -i")
    prompt = r"bash-[0-9.]+# "
    vm.expect(prompt, timeout=60)
    # the job says when it runs: a Ctrl-Z before that reaches bash,
    # which ignores SIGTSTP
    vm.sendline("sh -c 'echo started; exec sleep 100'")
    vm.expect(r"^started$", timeout=30)
    vm.send("\x1a")
    vm.expect(r"\[1\]\+ +Stopped +sh -c 'echo started; exec sleep 100'\n", timeout=30)
    vm.expect(prompt, timeout=30)
    vm.sendline("bg; jobs")
    vm.expect(r"\[1\]\+ +Running +sh -c .* &\n", timeout=30)
    vm.expect(prompt, timeout=30)
    vm.sendline("fg")
    vm.expect(r"fg\nsh -c .*\n", timeout=30)
    vm.send("\x03")
    vm.expect(prompt, timeout=30)
    vm.sendline("echo status $?")
    vm.expect(r"^status 130$", timeout=30)
    vm.expect(prompt, timeout=30)
    # as on Linux: bash's own handler reads the size, a trap replaces it
    vm.sendline("sh -c 'stty cols 100' & wait; echo cols $COLUMNS")
    vm.expect(r"^cols 100$", timeout=60)
    vm.expect(prompt, timeout=30)
    vm.sendline("trap 'echo got WINCH' WINCH; sh -c 'stty cols 90' & wait")
    vm.expect(r"^got WINCH$", timeout=60)
    vm.expect(prompt, timeout=30)
    vm.sendline("exit 3")
    vm.expect(r"bash: exited with status 3", timeout=30)
    vm.expect_prompt()
    assert "Oops" not in vm.output and "Kernel panic" not in vm.output, vm.tail()
