"""A running QEMU (or any process) whose serial console a test reads and types into.

A background thread collects everything the guest prints, so `expect()` can
wait for a pattern with a timeout while QEMU keeps running, and a failure can
always show what the guest said last. Carriage returns are dropped from the
collected text, so patterns only ever deal with "\\n".
"""

import codecs
import collections
import os
import re
import subprocess
import threading
import time

from . import qemu

PROMPT = "pagoda> "
DEFAULT_EXPECT_TIMEOUT = 60.0
TAIL_LINES = 20

ExitStatus = collections.namedtuple("ExitStatus", "status code")
ExitStatus.__doc__ = """How QEMU ended: `status` is 0 iff `code` (QEMU's raw exit status) is 33."""

# Every live Machine, so Ctrl-C in the runner can stop all QEMUs it started.
_live = set()
_live_lock = threading.Lock()
_stopping = threading.Event()


def kill_all():
    """Kill every Machine still running, and refuse new ones (runner interrupted)."""
    _stopping.set()
    with _live_lock:
        machines = list(_live)
    for machine in machines:
        machine.kill()


class Machine:
    """One QEMU process with its serial console on stdin/stdout.

    `interactive=False` gives the process /dev/null as stdin (KTAP suite runs
    need no input, and must not read the terminal). `deadline` is a
    time.monotonic() value no wait may go past: the whole scenario's limit.
    """

    def __init__(self, argv, *, interactive=True, deadline=None):
        self.argv = list(argv)
        self.deadline = deadline
        self.newline = "\r"  # what the Enter key sends on a serial terminal
        self._cond = threading.Condition()
        self._text = ""
        self._cursor = 0
        self._eof = False
        if _stopping.is_set():
            raise RuntimeError("the test run was interrupted")
        self._proc = subprocess.Popen(
            self.argv, stdin=subprocess.PIPE if interactive else subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, bufsize=0)
        with _live_lock:
            _live.add(self)
        self._reader = threading.Thread(target=self._collect_output, daemon=True)
        self._reader.start()

    # -- output collection ----------------------------------------------

    def _collect_output(self):
        """Append QEMU's output to the text as it arrives, waking waiters."""
        decoder = codecs.getincrementaldecoder("utf-8")("replace")
        fd = self._proc.stdout.fileno()
        while True:
            chunk = os.read(fd, 65536)
            text = decoder.decode(chunk, final=not chunk).replace("\r", "")
            with self._cond:
                self._text += text
                if not chunk:
                    self._eof = True
                self._cond.notify_all()
            if not chunk:
                return

    @property
    def output(self):
        """Everything the guest has printed so far (without carriage returns)."""
        with self._cond:
            return self._text

    def tail(self, lines=TAIL_LINES):
        """The last `lines` lines of output, for failure messages."""
        return "\n".join(self.output.rstrip("\n").split("\n")[-lines:])

    # -- waiting ----------------------------------------------------------

    def _wait_limit(self, timeout):
        """(absolute deadline, description) for a wait of `timeout` seconds."""
        now = time.monotonic()
        wanted = now + (DEFAULT_EXPECT_TIMEOUT if timeout is None else timeout)
        if self.deadline is not None and (timeout is None or self.deadline < wanted):
            return self.deadline, "before the scenario's time limit"
        return wanted, f"within {wanted - now:g} s"

    def _fail(self, message):
        """An AssertionError saying `message`, how QEMU is doing, and the last lines."""
        code = self._proc.poll()
        state = "still running" if code is None else qemu.describe_exit_status(code)
        raise AssertionError(f"{message}\nQEMU: {state}\nlast {TAIL_LINES} lines of serial output:\n"
                             + "\n".join("  | " + line for line in self.tail().split("\n")))

    def expect(self, pattern, timeout=None):
        """Wait for `pattern` in the output after the previous match; return the match.

        String patterns are compiled with re.MULTILINE, so `^cmdline:` means a
        line starting with "cmdline:". The match indexes into `output`.
        Raises AssertionError if the pattern has not appeared in time or QEMU
        ended without printing it.
        """
        regex = re.compile(pattern, re.MULTILINE) if isinstance(pattern, str) else pattern
        deadline, within = self._wait_limit(timeout)
        with self._cond:
            while True:
                match = regex.search(self._text, self._cursor)
                if match:
                    self._cursor = match.end()
                    return match
                remaining = deadline - time.monotonic()
                if self._eof or remaining <= 0:
                    break
                self._cond.wait(remaining)
        if self._eof:
            self._wait_quietly()
            self._fail(f"expected /{regex.pattern}/ but QEMU's output ended")
        self._fail(f"expected /{regex.pattern}/ {within}")

    def expect_prompt(self, timeout=None):
        """Wait for the shell prompt; return what was printed before it."""
        start = self._cursor
        match = self.expect(re.escape(PROMPT), timeout)
        return self.output[start:match.start()]

    def run(self, command, timeout=None):
        """Type `command` and Enter, wait for the next prompt, return the output.

        The echoed command line is left out: the result is what the command
        printed.
        """
        self.sendline(command)
        printed = self.expect_prompt(timeout)
        return printed.split("\n", 1)[1] if "\n" in printed else ""

    def wait(self, timeout=None):
        """QEMU's raw exit status, or None if still running after `timeout` s."""
        deadline, _ = self._wait_limit(timeout)
        try:
            code = self._proc.wait(max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            return None
        self._finish()
        return code

    def wait_exit(self, timeout=None):
        """Wait for QEMU to exit; return ExitStatus(status, code).

        status is 0 when QEMU exited 33 (the kernel's success), else 1.
        Raises AssertionError if QEMU is still running after `timeout` s.
        """
        deadline, within = self._wait_limit(timeout)
        code = self.wait(max(0.0, deadline - time.monotonic()))
        if code is None:
            self._fail(f"expected QEMU to exit {within}")
        return ExitStatus(qemu.map_exit_status(code), code)

    # -- typing -----------------------------------------------------------

    def send(self, data):
        """Write raw bytes (or text, as UTF-8) to the guest's serial port."""
        if isinstance(data, str):
            data = data.encode()
        if self._proc.stdin is None:
            raise AssertionError("this Machine was started without input (interactive=False)")
        try:
            self._proc.stdin.write(data)
            self._proc.stdin.flush()
        except BrokenPipeError:
            self._wait_quietly()
            self._fail(f"cannot type {data!r}: QEMU has exited")

    def sendline(self, line):
        """Type `line` followed by Enter (a carriage return, as a terminal sends)."""
        self.send(line + self.newline)

    # -- ending -----------------------------------------------------------

    def _wait_quietly(self):
        """Give a QEMU whose output ended a moment to exit, so its status can be told."""
        try:
            self._proc.wait(5)
        except subprocess.TimeoutExpired:
            pass

    def _finish(self):
        """After exit: collect the last output and forget the process."""
        self._reader.join(timeout=5)
        if not self._reader.is_alive():
            self._proc.stdout.close()
        if self._proc.stdin is not None:
            try:
                self._proc.stdin.close()
            except BrokenPipeError:
                pass
        with _live_lock:
            _live.discard(self)

    @property
    def returncode(self):
        """QEMU's raw exit status, or None while it runs."""
        return self._proc.poll()

    def kill(self):
        """Stop QEMU now (no-op if it already exited)."""
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.wait()
        self._finish()
