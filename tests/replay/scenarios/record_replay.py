"""make record / make replay (tools/rr.py) and reverse execution in GDB.

Slow (a recorded run is a few times slower than a plain one, and reverse
execution replays from the start), so not part of make check: run by
`make check-replay`.  One recording of the reclaim suite (test=reclaim,
which calls page_launder itself) with vmtrace on:

  - two replays print the same console output, vmtrace lines included,
    as the recorded run;
  - replayed to its end under GDB (machine_exit, before the power-off
    that would end QEMU's replay as it ended the run), a reverse-continue
    stops at the last
    hit of a breakpoint in page_launder (same jiffies and pgscan count
    as the last hit going forward);
  - a watchpoint on a page's age, run backwards, stops where the age
    was last written.
"""

import re
import socket
import subprocess
import sys
from pathlib import Path

from pagoda_test import scenario

REPO = Path(__file__).resolve().parents[3]
RR = [sys.executable, str(REPO / "tools" / "rr.py")]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def record(lab):
    """A recording of test=reclaim in lab.tmpdir/record; its console output."""
    build = lab.tmpdir
    (build / "kernel.elf").write_bytes((Path(lab.build) / "kernel.elf").read_bytes())
    (build / "cmdline").write_text("test=reclaim vmtrace\n")
    done = subprocess.run(RR + ["record", "--build", str(build), "--mem", "32M",
                                "--swap", "8M", "--cmdline-file", str(build / "cmdline"),
                                "--serial", "stdio"], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=400)
    assert "Power down" in done.stdout, done.stdout + done.stderr
    return build, console(done.stdout)


def console(text):
    """The guest's lines: from the kernel's first line on."""
    return text[text.index("Pagoda: a teaching kernel"):]


@scenario("two_replays_print_what_the_recorded_run_printed", timeout=900)
def replays_are_identical(lab):
    build, recorded = record(lab)
    assert re.search(r"^vmtrace \d+ \d+ \w+", recorded, re.M), recorded
    for _ in range(2):
        done = subprocess.run(RR + ["replay", "--build", str(build), "--serial", "stdio"],
                              stdin=subprocess.DEVNULL, capture_output=True,
                              text=True, timeout=400)
        assert console(done.stdout) == recorded, \
            f"a replay differs:\n{done.stdout[-3000:]}\n---- recorded:\n{recorded[-3000:]}"


@scenario("reverse_continue_and_reverse_watch", timeout=1500)
def reverse_execution(lab):
    build, recorded = record(lab)
    pfn = re.findall(r"^vmtrace \d+ (\d+) \w+", recorded, re.M)[-1]
    port = free_port()
    qemu = subprocess.Popen(RR + ["replay", "--build", str(build), "--gdb-port",
                                  str(port), "--serial", "stdio"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    script = lab.tmpdir / "reverse.gdb"
    script.write_text(f"""
set $hits = 0
break page_launder
commands
silent
set $hits = $hits + 1
set $last_jiffies = jiffies
set $last_pgscan = vm_events[PGSCAN]
continue
end
break machine_exit
continue
printf "FORWARD hits %d jiffies %lu pgscan %lu\\n", $hits, $last_jiffies, $last_pgscan
delete
break page_launder
reverse-continue
printf "REVERSE jiffies %lu pgscan %lu\\n", jiffies, vm_events[PGSCAN]
delete
watch -l mem_map[{pfn}].age
reverse-continue
bt 1
printf "AGE %d\\n", mem_map[{pfn}].age
kill
""")
    try:
        for _ in range(100):
            if (REPO / "build" / "gdb-sessions" / f"{port}.json").exists():
                break
            subprocess.run(["sleep", "0.1"])
        out = subprocess.run(["gdb", "-q", "-batch", "-nx", str(build / "record" / "kernel.elf"),
                              "-ex", f"target remote 127.0.0.1:{port}",
                              "-x", "tools/gdb/pagoda.gdb", "-x", str(script)],
                             cwd=REPO, capture_output=True, text=True, timeout=1300)
        out = out.stdout + out.stderr
    finally:
        qemu.kill()
        qemu.wait()
        (REPO / "build" / "gdb-sessions" / f"{port}.json").unlink(missing_ok=True)
    forward = re.search(r"^FORWARD hits (\d+) jiffies (\d+) pgscan (\d+)$", out, re.M)
    assert forward and int(forward[1]) > 1, f"page_launder not hit going forward:\n{out}"
    assert re.search(r"Breakpoint \d+, machine_exit", out), out
    assert f"REVERSE jiffies {forward[2]} pgscan {forward[3]}" in out, \
        f"reverse-continue did not stop at the last hit:\n{out}"
    assert re.search(r"Hardware watchpoint \d+: -location mem_map\[\d+\]\.age\s+Old value",
                     out), f"the watchpoint did not trigger backwards:\n{out}"
    assert re.search(r"^#0 .* in (\w+) ", out, re.M), out
