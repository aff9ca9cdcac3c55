"""tools/plot-vmlog: pictures from a real run's log, and a clear refusal
when a log holds nothing to plot."""

import re
import subprocess
import sys
from pathlib import Path

from pagoda_test import scenario

PLOT = Path(__file__).resolve().parents[2] / "tools" / "plot-vmlog"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def plot(log, out, *args):
    return subprocess.run([sys.executable, str(PLOT), str(log), "-o", str(out), *args],
                          capture_output=True, text=True, timeout=120)


def pressure_log(lab):
    """8 MiB of RAM, vmtrace on, a memhog of 10 MiB sampled by vmstat -m."""
    disk = lab.make_disk("swap.img", "16M", mkswap=True)
    vm = lab.boot(mem="8M", append="vmtrace", swap=[disk])
    vm.expect_prompt()
    vm.run("run memhog 10M 1 &")
    vm.sendline("vmstat -m 1")
    vm.expect(r"memhog: 10240 KiB verified")
    vm.expect(r"\nvmlog \d+\.\d+ ")  # one more sample after it
    vm.send("q")
    vm.expect_prompt()
    log = lab.tmpdir / "run.log"
    log.write_text(vm.output)
    return log


@scenario("plot_vmlog_draws_a_real_run", timeout=240)
def draws_a_real_run(lab):
    log = pressure_log(lab)
    out = lab.tmpdir / "pictures"
    done = plot(log, out)
    assert done.returncode == 0, done.stderr
    samples = int(re.search(r"memory.png: (\d+) vmlog samples", done.stdout).group(1))
    assert samples >= 3, done.stdout
    events = int(re.search(r"pages.png: (\d+) vmtrace events", done.stdout).group(1))
    assert events > 1000, done.stdout
    kinds = set(re.findall(r"^vmtrace \d+ \d+ (\w+)$", log.read_text(), re.MULTILINE))
    assert {"unmapped", "written", "reclaimed", "faulted_read"} <= kinds, kinds
    for name in ("memory.png", "swap.png", "kswapd.png", "pages.png"):
        data = (out / name).read_bytes()
        assert data.startswith(PNG_MAGIC) and len(data) > 10000, (name, len(data))
    # the frames asked for, and a frame that never appears
    pfn = re.search(r"^vmtrace \d+ (\d+) written", log.read_text(), re.MULTILINE).group(1)
    done = plot(log, out, "--pfn", pfn)
    assert done.returncode == 0 and f"frames {pfn}" in done.stdout, done.stdout + done.stderr
    done = plot(log, out, "--pfn", "99999999")
    assert done.returncode == 1 and "no vmtrace line names the frames" in done.stderr, done


@scenario("plot_vmlog_refuses_a_log_without_data", timeout=60)
def refuses_empty_log(lab):
    vm = lab.boot()
    vm.expect_prompt()
    vm.run("vmstat 1 2")  # the human table is not data
    log = lab.tmpdir / "boot.log"
    log.write_text(vm.output)
    out = lab.tmpdir / "pictures"
    done = plot(log, out)
    assert done.returncode == 1, (done.returncode, done.stdout)
    assert "has no data to plot" in done.stderr and "vmstat -m" in done.stderr, done.stderr
    assert not list(out.glob("*.png")), "pictures were drawn from no data"
    done = plot(lab.tmpdir / "missing.log", out)
    assert done.returncode == 1 and "cannot read" in done.stderr, done.stderr
    # vmlog lines alone: the memory pictures, and a word about the missing pages picture
    vm.run("vmstat -m 1 3")
    log.write_text(vm.output)
    done = plot(log, out)
    assert done.returncode == 0, done.stderr
    assert (out / "memory.png").exists() and not (out / "pages.png").exists()
    assert "no vmtrace lines" in done.stderr, done.stderr
