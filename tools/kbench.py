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

# Benchmarks booted more than once, on different machines: each boot's
# figures are renamed NAME_LABEL_... Then a ratio of two boots' figures
# in percent: memhog 96M under pressure (64 MiB of RAM) against the same
# run without (256 MiB), the time reclaim costs for the same work.
VARIANTS = {"memhog": [("pressure", {"mem": "64M", "swap": "256M"}),
                       ("free", {"mem": "256M", "swap": "256M"})]}
RATIOS = {"memhog": ("memhog_pressure_vs_free_time",
                     "memhog_pressure_ms", "memhog_free_ms")}


def run(build, name, swap_size, timeout, settings=None, label=None):
    """Boot bench=name; return (figures, problem or None, output)."""
    settings = SETTINGS.get(name, {}) if settings is None else settings
    disk = f"{name}-{label}" if label else name
    image = disks.make_image(Path(build) / "bench-disks" / f"{disk}.img",
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


def rename(figures, name, label):
    """bench: NAME_x ... lines as bench: NAME_LABEL_x ..."""
    return [line.replace(f"bench: {name}_", f"bench: {name}_{label}_", 1)
            for line in figures]


def runs(name):
    """(label, settings) of each boot of benchmark name."""
    return VARIANTS.get(name, [(None, SETTINGS.get(name, {}))])


def ratio_line(name, figures):
    """bench: RATIO VALUE percent of the two figures RATIOS names, or None."""
    if name not in RATIOS:
        return None
    ratio, top, bottom = RATIOS[name]
    values = {}
    for line in figures:
        _, figure, value, _ = line.split()
        values[figure] = int(value)
    if not values.get(top) or not values.get(bottom):
        return None
    return f"bench: {ratio} {round(100 * values[top] / values[bottom])} percent"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="+", metavar="NAME")
    parser.add_argument("--build", default="build")
    parser.add_argument("--swap", default="64M", help="swap disk size (default %(default)s)")
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()
    status = 0
    for name in args.names:
        every = []
        for label, settings in runs(name):
            figures, problem, output = run(args.build, name, args.swap,
                                           args.timeout, settings, label)
            if label:
                figures = rename(figures, name, label)
            every += figures
            for line in figures:
                print(line, flush=True)
            if problem:
                print(f"kbench: {name} {label or ''}: {problem}; its output:\n"
                      f"{output}", file=sys.stderr)
                status = 1
        line = ratio_line(name, every)
        if line:
            print(line, flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
