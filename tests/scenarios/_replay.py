"""What the record/replay scenarios share (tests/scenarios/replay.py in
make check, tests/replay/scenarios/record_replay.py in make check-replay):
record a run with tools/rr.py, replay it, and drive GDB's reverse
execution on a replay.

GDB is driven by a Python script run inside it (PRELUDE and the
scripts after it), not by
breakpoint `commands` lists: the script loops, reads the kernel with
gdb.parse_and_eval and prints one line per fact, which the scenario
then checks.  Every wait has a timeout, and QEMU, which does not always
end on SIGTERM when its replay is stuck, is killed with SIGKILL.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from _gdb import REPO, free_port, run_gdb
from pagoda_test.machine import Machine

RR = [sys.executable, str(REPO / "tools" / "rr.py")]
SESSIONS = REPO / "build" / "gdb-sessions"


def console(text):
    """The guest's lines: from the kernel's first line on."""
    return text[text.index("Pagoda: a teaching kernel"):]


def record(lab, cmdline, mem, swap, timeout):
    """Record a run of lab's kernel into lab.tmpdir/record; its console."""
    build = lab.tmpdir
    (build / "kernel.elf").write_bytes((Path(lab.build) / "kernel.elf").read_bytes())
    (build / "cmdline").write_text(cmdline + "\n")
    done = subprocess.run(RR + ["record", "--build", str(build), "--mem", mem,
                                "--swap", swap, "--cmdline-file", str(build / "cmdline"),
                                "--serial", "stdio"], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=timeout)
    assert "Power down" in done.stdout, done.stdout + done.stderr
    return build, console(done.stdout)


def record_typing(lab, commands, mem, swap):
    """Record a boot to the shell where `commands` are typed, then
    shutdown; the console output (newlines as text mode reads them)."""
    build = lab.tmpdir
    (build / "kernel.elf").write_bytes((Path(lab.build) / "kernel.elf").read_bytes())
    (build / "cmdline").write_text("\n")
    vm = Machine(RR + ["record", "--build", str(build), "--mem", mem, "--swap", swap,
                       "--cmdline-file", str(build / "cmdline"), "--serial", "stdio"])
    try:
        vm.expect_prompt(timeout=60)
        for command in commands:
            vm.run(command, timeout=60)
        vm.sendline("shutdown")
        assert vm.wait(timeout=60) is not None, "the recorded run did not end"
    finally:
        vm.kill()
    text = vm.output.replace("\r\n", "\n").replace("\r", "\n")
    return build, console(text)


def replay(build, timeout):
    """The console output of a replay without GDB."""
    done = subprocess.run(RR + ["replay", "--build", str(build), "--serial", "stdio"],
                          stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=timeout)
    return console(done.stdout)


def wait_for_port(port, qemu, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if qemu.poll() is not None:
            raise AssertionError(f"the replay ended before GDB came:\n"
                                 f"{qemu.stdout.read()}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"no gdbstub on port {port} after {seconds} s")


def gdb_on_replay(build, script, timeout):
    """Replay the recording in build with the gdbstub open, run GDB with
    tools/gdb/pagoda.gdb (what make gdb runs) and then `script` (GDB
    Python); GDB's output."""
    port = free_port()
    path = build / "driver.py"
    path.write_text(script)
    qemu = subprocess.Popen(RR + ["replay", "--build", str(build), "--gdb-port",
                                  str(port), "--serial", "stdio"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)
    try:
        wait_for_port(port, qemu)
        return run_gdb(build / "record" / "kernel.elf", port, ["-x", str(path)], timeout)
    finally:
        os.killpg(qemu.pid, signal.SIGKILL)
        qemu.wait()
        (SESSIONS / f"{port}.json").unlink(missing_ok=True)


# GDB Python run on a replay: what the scripts below share.  Each
# prints one line per fact (say), which the check_* functions read.
PRELUDE = r"""
import gdb

PG_DIRTY = 1 << 4       # mm/mm.h


def say(*words):
    gdb.write(" ".join(str(w) for w in words) + "\n")
    gdb.flush()


def val(expr):
    return int(gdb.parse_and_eval(expr))


def frames():
    frame, names = gdb.newest_frame(), []
    while frame is not None and len(names) < 12:
        names.append(frame.name() or "??")
        frame = frame.older()
    return names
"""

# Who cleaned the page PFN, which page_launder wrote (its vmtrace
# "written" line)?  Prints:
#   WRITTEN flags frames...   the stop at that vmtrace, going forward
#   BACK n flags frames...    each stop of the watchpoint on the page's
#                             flags, going backwards, until the page is
#                             dirty again.  Replayed, QEMU stops after
#                             each write to the flags, changed or not,
#                             and GDB sees a SIGTRAP, not a watchpoint
#   CLEARED flags frames...   forward from there, the watchpoint's next
#                             stop: the write that cleaned the page
#   FINISH frames...          reverse-finish out of swap_cache_start_io
WATCH_BACK = r"""
PFN = {pfn}
flags = f"mem_map[{{PFN}}].flags"
gdb.execute(f"break __vmtrace if page == &mem_map[{{PFN}}] && event[0] == 'w'")
gdb.execute("continue")
say("WRITTEN", hex(val(flags)), *frames())
gdb.execute("delete")
gdb.execute(f"watch -l {{flags}}")
for n in range(8):
    gdb.execute("reverse-continue")
    say("BACK", n, hex(val(flags)), *frames())
    if val(flags) & PG_DIRTY:
        break
gdb.execute("continue")
say("CLEARED", hex(val(flags)), *frames())
gdb.execute("delete")
frame = gdb.newest_frame()
while frame.name() != "swap_cache_start_io":
    frame = frame.older()
frame.select()
gdb.execute("reverse-finish")
say("FINISH", *frames())
"""

# The last page_launder call, found backwards from the end.  Prints:
#   HIT jiffies pgscan        each page_launder call from here on
#   END frames...             machine_exit, the end of the run
#   REVERSE jiffies pgscan frames...  reverse-continue from the end
#   NEXT frames...            continue from there: where it stops next
LAST_CALL = r"""
gdb.execute("break page_launder")
gdb.execute("break machine_exit")
for n in range(100000):
    gdb.execute("continue")
    if frames()[0] != "page_launder":
        break
    say("HIT", val("jiffies"), val("vm_events[PGSCAN]"))
say("END", *frames())
gdb.execute("reverse-continue")
say("REVERSE", val("jiffies"), val("vm_events[PGSCAN]"), *frames())
gdb.execute("continue")
say("NEXT", *frames())
gdb.execute("kill")
"""

# Who aged the page PFN to 0, which refill_inactive_scan then moved to
# inactive_dirty (its vmtrace line)?  Prints:
#   DEACTIVATED age frames...  the stop at that vmtrace, going forward
#   BACK n age frames...       each stop of the watchpoint on the page's
#                              age, going backwards, until it is not 0
#   AGED age frames...         forward from there, the watchpoint's next
#                              stop: the write that aged the page to 0
# The watchpoint is set again before going forward: GDB keeps the value
# it read when the watchpoint was set (0) as the old one, the SIGTRAP
# stops going backwards do not update it, and the write of 0 would not
# count as a change.
WATCH_AGE = r"""
PFN = {pfn}
age = f"mem_map[{{PFN}}].age"
gdb.execute(f"break __vmtrace if page == &mem_map[{{PFN}}] && event[0] == 'i'")
gdb.execute("continue")
say("DEACTIVATED", val(age), *frames())
gdb.execute("delete")
gdb.execute(f"watch -l {{age}}")
for n in range(8):
    gdb.execute("reverse-continue")
    say("BACK", n, val(age), *frames())
    if val(age):
        break
gdb.execute("delete")
gdb.execute(f"watch -l {{age}}")
gdb.execute("continue")
say("AGED", val(age), *frames())
gdb.execute("kill")
"""


def check_python(out):
    assert "Traceback" not in out and "Python Exception" not in out, out


def check_watch_back(out):
    """WATCH_BACK's facts: the write found backwards is page_launder's."""
    check_python(out)
    back = re.findall(r"^BACK \d+ (0x[0-9a-f]+) ", out, re.M)
    assert back and int(back[-1], 16) & 1 << 4, \
        f"never back to where the page was dirty:\n{out}"
    # Forward from there, the write that cleaned the page: in
    # swap_cache_start_io (ClearPageDirty), called by page_launder's
    # write (launder_write, in its writing pass).
    assert re.search(r"Hardware watchpoint \d+: -location mem_map\[\d+\]\.flags\s+"
                     r"Old value = \d+\s+New value = \d+", out), out
    cleared = re.search(r"^CLEARED (0x[0-9a-f]+) (.*)$", out, re.M)
    assert cleared and not int(cleared[1], 16) & 1 << 4, out
    chain = cleared[2].split()
    assert "swap_cache_start_io" in chain[:2], f"PG_dirty cleared elsewhere:\n{out}"
    for name in ("launder_write", "launder_pass", "page_launder"):
        assert name in chain, f"{name} not on the stack of the write:\n{out}"
    finish = re.search(r"^FINISH (\w+)", out, re.M)
    assert finish and finish[1] == "launder_write", f"reverse-finish:\n{out}"


def check_last_call(out):
    """LAST_CALL's facts: reverse-continue from the end stops at the last
    page_launder call, and there is none after it."""
    check_python(out)
    hits = re.findall(r"^HIT (\d+) (\d+)$", out, re.M)
    assert hits, f"page_launder not hit going forward:\n{out}"
    assert re.search(r"^END machine_exit", out, re.M), out
    last = " ".join(hits[-1])
    assert re.search(rf"^REVERSE {last} page_launder ", out, re.M), \
        f"reverse-continue did not stop at the last page_launder ({last}):\n{out}"
    assert re.search(r"^NEXT machine_exit", out, re.M), \
        f"a page_launder call after the one reverse-continue found:\n{out}"


def check_watch_age(out):
    """WATCH_AGE's facts: the write found backwards is the aging's."""
    check_python(out)
    assert re.search(r"^DEACTIVATED 0 .*\brefill_inactive_scan\b", out, re.M), \
        f"the page did not leave the active list in refill_inactive_scan:\n{out}"
    back = re.findall(r"^BACK \d+ (\d+) ", out, re.M)
    assert back and int(back[-1]), f"never back to where the page had an age:\n{out}"
    assert re.search(r"Hardware watchpoint \d+: -location mem_map\[\d+\]\.age\s+"
                     rf"Old value = {back[-1]} .*\s+New value = 0 ", out), out
    aged = re.search(r"^AGED 0 (.*)$", out, re.M)
    assert aged, f"forward, no write of age 0:\n{out}"
    chain = aged[1].split()
    # the seed's aging: refill_inactive_scan halves an unreferenced
    # page's age with age_page_down_ageonly (mm/swap.c)
    assert chain[0] == "age_page_down_ageonly", f"the age written elsewhere:\n{out}"
    assert chain[1] == "refill_inactive_scan", f"not the active list's scan:\n{out}"
