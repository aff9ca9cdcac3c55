"""`make debug` + `make gdb`, the real targets, as a student types them.

make debug records which kernel it booted (tools/gdb/session.py); make
gdb loads that ELF without building anything, and refuses a DEBUG= that
differs, or an ELF rebuilt since the boot, with a message saying what to
type.  The debug build ($BUILD/debug, which make check builds) is used
as `make debug DEBUG=1 BUILD=...` would boot it.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from pagoda_test import scenario  # noqa: E402
from _gdb import REPO, free_port  # noqa: E402

SESSIONS = REPO / "build" / "gdb-sessions"


def make(*args, timeout=120):
    done = subprocess.run(["make", "--no-print-directory", *args], cwd=REPO,
                          capture_output=True, text=True, timeout=timeout)
    return done.returncode, done.stdout + done.stderr


def debug_build(lab):
    build = Path(lab.build) / "debug"
    if not (build / "pagoda.iso").exists():
        lab.skip(f"no debug build at {build} (make check makes it)")
    return build


@scenario("make_gdb_debugs_what_make_debug_booted", timeout=240)
def make_debug_then_gdb(lab):
    build = debug_build(lab)
    port = free_port()
    qemu = subprocess.Popen(["make", "--no-print-directory", "debug", "DEBUG=1",
                             f"BUILD={build}", f"GDBPORT={port}"], cwd=REPO,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)
    try:
        session = SESSIONS / f"{port}.json"
        for _ in range(600):
            if session.exists() and qemu.poll() is None:
                break
            subprocess.run(["sleep", "0.1"])
        assert session.exists(), "make debug wrote no session file"
        recorded = json.loads(session.read_text())
        assert recorded["elf"] == str((build / "kernel.elf").resolve()), recorded
        assert recorded["debug"] == "1", recorded
        # A DEBUG= that is not what QEMU runs is refused, with what to type.
        code, out = make("gdb", f"GDBPORT={port}", "DEBUG=0", "GDB=false")
        assert code != 0 and "not DEBUG=0" in out and "type 'make gdb' alone" in out, out
        # Plain make gdb: the booted ELF, no rebuild, a true start_kernel stop.
        code, out = make("gdb", f"GDBPORT={port}",
                         "GDBFLAGS=-batch -nx -ex 'info args' -ex 'p $$pc == "
                         "&start_kernel' -ex 'info symbol $$pc' -ex kill")
        assert "CC " not in out and "LD " not in out, f"make gdb built something:\n{out}"
        assert "Stopped at start_kernel." in out, out
        # Matching symbols: the arguments are the Multiboot magic and the
        # info block's address, at the very address of start_kernel.
        assert "magic = 732803074" in out, f"start_kernel's magic is wrong:\n{out}"
        assert "$1 = 1" in out, out
        assert "start_kernel in section .text" in out, out
        qemu.wait(timeout=30)
    finally:
        if qemu.poll() is None:
            os.killpg(qemu.pid, signal.SIGKILL)
        qemu.wait()
        (SESSIONS / f"{port}.json").unlink(missing_ok=True)


@scenario("make_gdb_refuses_a_kernel_rebuilt_since_the_boot", timeout=60)
def rebuilt_kernel(lab):
    """The session names a copy of the ELF; the copy then changes, as a
    rebuild would change it: make gdb must refuse, and start no GDB."""
    build = debug_build(lab)
    port = free_port()
    elf = lab.tmpdir / "kernel.elf"
    shutil.copy(build / "kernel.elf", elf)
    done = subprocess.run(["python3", "tools/gdb/session.py", "record", "--port",
                           str(port), "--elf", str(elf), "--build", str(build),
                           "--debug", "1"], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    try:
        code, out = make("gdb", f"GDBPORT={port}", "GDB=echo STARTED")
        assert code == 0 and "STARTED" in out and str(elf) in out, out
        with open(elf, "ab") as f:
            f.write(b"\0")
        code, out = make("gdb", f"GDBPORT={port}", "GDB=echo STARTED")
        assert code != 0 and "STARTED" not in out, f"make gdb did not refuse:\n{out}"
        assert f"{elf} changed since 'make debug DEBUG=1" in out, out
        # No session at all: say what to start first.
        code, out = make("gdb", f"GDBPORT={free_port()}", "GDB=echo STARTED")
        assert code != 0 and "start 'make debug'" in out, out
    finally:
        (SESSIONS / f"{port}.json").unlink(missing_ok=True)
