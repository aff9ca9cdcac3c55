#!/usr/bin/env python3
"""make demo: a scripted run under memory pressure, then its pictures.

Boots Pagoda with 16 MiB of RAM, a 64 MiB swap disk and vmtrace on,
runs `memhog 24M 1` (one and a half times the RAM) in the background,
samples `vmstat -m 1` until a few seconds after memhog has checked its
last word, and hands the log to tools/plot-vmlog. Leaves
build/demo/run.log and build/demo/*.png.
"""

import argparse
import subprocess
import sys
import time
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
sys.path.insert(0, str(TOOLS))

from pagoda_test.lab import Lab  # noqa: E402

WORKLOAD = "run memhog 24M 1 &"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default="build")
    args = parser.parse_args()
    out = Path(args.build) / "demo"
    out.mkdir(parents=True, exist_ok=True)
    lab = Lab(args.build, time.monotonic() + 600)
    try:
        disk = lab.make_disk("swap.img", "64M", mkswap=True)
        vm = lab.boot(mem="16M", append="vmtrace", swap=[disk])
        vm.expect_prompt(timeout=120)
        print(f"demo: pagoda> {WORKLOAD}", flush=True)
        vm.run(WORKLOAD)
        print("demo: pagoda> vmstat -m 1   (until memhog is done)", flush=True)
        vm.sendline("vmstat -m 1")
        vm.expect(r"memhog: \d+ KiB verified|memhog: FAIL", timeout=400)
        time.sleep(3)
        vm.send("q")  # any key stops vmstat
        vm.expect_prompt(timeout=60)
        vm.sendline("shutdown")
        vm.wait_exit(timeout=60)
        log = out / "run.log"
        log.write_text(vm.output)
    finally:
        lab.close()
    print(f"demo: the console's log is {log}")
    return subprocess.call([sys.executable, str(TOOLS / "plot-vmlog"), str(log), "-o", str(out)])


if __name__ == "__main__":
    sys.exit(main())
