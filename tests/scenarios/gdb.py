"""The GDB workflow of `make debug` + `make gdb`, driven by a real GDB.

QEMU starts halted with a gdbstub; GDB runs tools/gdb/pagoda.gdb (what
`make gdb` runs), which must stop at start_kernel. Then a breakpoint set
by name must hit, and the project's pagoda-* commands must read kernel
data (the log buffer).
"""

import socket
import subprocess
from pathlib import Path

from pagoda_test import scenario

REPO = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@scenario("gdb_stops_at_start_kernel_and_reads_the_log", timeout=120)
def gdb_session(lab):
    port = free_port()
    vm = lab.boot(qemu=["-S", "-gdb", f"tcp:127.0.0.1:{port}"])
    argv = ["gdb", "-q", "-batch", "-nx", str(Path(lab.build) / "kernel.elf"),
            "-ex", f"target remote 127.0.0.1:{port}",
            "-x", "tools/gdb/pagoda.gdb",
            "-ex", "break shell_run", "-ex", "continue",
            "-ex", "pagoda-dmesg", "-ex", "kill"]
    done = subprocess.run(argv, cwd=REPO, capture_output=True, text=True, timeout=90)
    out = done.stdout + done.stderr
    vm.kill()
    assert "start_kernel (magic=" in out, f"GDB did not stop at start_kernel:\n{out}"
    assert "Breakpoint 2, shell_run" in out, f"break shell_run did not hit:\n{out}"
    assert "Pagoda: a teaching kernel" in out, f"pagoda-dmesg printed no log:\n{out}"
    assert "paging: " in out, f"pagoda-dmesg missed later lines:\n{out}"
