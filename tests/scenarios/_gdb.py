"""Running a real GDB against a gdbstub, for the scenarios that drive one."""

import socket
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_gdb(elf, port, args, timeout):
    """GDB in batch mode on elf, attached to port, with tools/gdb/pagoda.gdb
    (what make gdb runs) and then args; its output.  Killed, and the
    scenario failed, if it is still busy after timeout seconds."""
    argv = ["gdb", "-q", "-batch", "-nx", str(elf),
            "-ex", f"target remote 127.0.0.1:{port}",
            "-x", "tools/gdb/pagoda.gdb", *args]
    proc = subprocess.Popen(argv, cwd=REPO, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    try:
        return proc.communicate(timeout=timeout)[0]
    except subprocess.TimeoutExpired:
        proc.kill()
        raise AssertionError(f"GDB still busy after {timeout} s:\n"
                             f"{proc.communicate()[0]}") from None
