#!/usr/bin/env python3
"""Run in-kernel benchmarks (KBENCH, kernel/bench.h): one QEMU boot each.

    python3 tools/kbench.py [--build DIR] [--swap SIZE] NAME...

Each boot gets a fresh swap disk (a SIZE image formatted by mkswap, under
$BUILD/bench-disks/) and the kernel command line bench=NAME; the kernel
runs the benchmark and powers off. The `bench: NAME VALUE UNIT` lines it
prints are printed here, and the exit status is 0 only if every boot
ended with the kernel's success code and printed at least one figure.
"""

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pagoda_test import disks, machine, qemu  # noqa: E402

FIGURE = re.compile(r"^bench: \S+ \d+ \S+$", re.MULTILINE)

# Benchmarks that need another machine than the default (64 MiB of RAM):
# reclaim puts twice RAM through swap, so less RAM keeps it short;
# numa_move moves pages between two NUMA nodes.
SETTINGS = {"reclaim": {"mem": "32M", "swap": "128M"},
            "numa_move": {"mem": "128M", "qemu": qemu.numa_args(2, "128M")}}


def run(build, name, swap_size, timeout):
    """Boot bench=name; return (figures, problem or None, output)."""
    settings = SETTINGS.get(name, {})
    image = disks.make_image(Path(build) / "bench-disks" / f"{name}.img",
                             settings.get("swap", swap_size), mkswap=True)
    argv = qemu.command(kernel=Path(build) / "kernel.elf", append=f"bench={name}",
                        mem=settings.get("mem"), swap=[image],
                        extra=settings.get("qemu", ()))
    vm = machine.Machine(argv, interactive=False)
    code = vm.wait(timeout)
    if code is None:
        vm.kill()
        return [], f"timed out after {timeout} s", vm.output
    figures = FIGURE.findall(vm.output)
    if code != qemu.EXIT_SUCCESS:
        return figures, qemu.describe_exit_status(code), vm.output
    if not figures:
        return figures, "no bench: lines", vm.output
    return figures, None, vm.output


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="+", metavar="NAME")
    parser.add_argument("--build", default="build")
    parser.add_argument("--swap", default="64M", help="swap disk size (default %(default)s)")
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()
    status = 0
    for name in args.names:
        figures, problem, output = run(args.build, name, args.swap, args.timeout)
        for line in figures:
            print(line, flush=True)
        if problem:
            print(f"kbench: {name}: {problem}; its output:\n{output}", file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
