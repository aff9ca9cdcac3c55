#!/usr/bin/env python3
"""Run in-kernel benchmarks (KBENCH, kernel/bench.h): one QEMU boot each.

    python3 tools/kbench.py [--build DIR] [--swap SIZE] [--rounds N] NAME...

Each boot gets a fresh swap disk (a SIZE image formatted by mkswap, under
$BUILD/bench-disks/) and the kernel command line bench=NAME; the kernel
runs the benchmark and powers off. The `bench: NAME VALUE UNIT` lines it
prints are printed here, and the exit status is 0 only if every boot
ended with the kernel's success code and printed at least one figure.
A benchmark booted on two machines for a ratio (memhog) is booted in N
rounds of both (3 by default): see VARIANTS below.
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
# figures are renamed NAME_LABEL_... Then ratios of two boots' figures
# in percent: memhog 96M under pressure (64 MiB of RAM) against the same
# run without (256 MiB), the time reclaim costs for the same work.  The
# build machine is shared, and its load moves either time by a third:
# so the two boots run one right after the other, --rounds times, and
# the figures printed are those of the round of median ratio (the first
# ratio's), with the lowest and highest ratio beside it.  The second
# ratio compares each boot's fastest run (of MEMHOG_RUNS,
# mm/memhog_bench.c): the host's load only ever adds time, so it moves
# less than the ratio of the median runs.
VARIANTS = {"memhog": [("pressure", {"mem": "64M", "swap": "256M"}),
                       ("free", {"mem": "256M", "swap": "256M"})]}
RATIOS = {"memhog": [("memhog_pressure_vs_free_time",
                      "memhog_pressure_ms", "memhog_free_ms"),
                     ("memhog_pressure_vs_free_fastest_time",
                      "memhog_pressure_ms_fastest", "memhog_free_ms_fastest")]}


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


def runs(name, round_no=0):
    """(label, settings) of each boot of benchmark name, in the order
    round round_no boots them: every other round the other way round
    (A B, B A, ...), so that a load rising or falling over the rounds
    does not always fall on the same machine."""
    boots = VARIANTS.get(name, [(None, SETTINGS.get(name, {}))])
    return boots[::-1] if round_no % 2 else boots


def ratio(name, figures, which=0):
    """The percent RATIOS[name][which] asks of one round's figures, or
    None."""
    _, top, bottom = RATIOS[name][which]
    values = {}
    for line in figures:
        _, figure, value, _ = line.split()
        values[figure] = int(value)
    if not values.get(top) or not values.get(bottom):
        return None
    return round(100 * values[top] / values[bottom])


def one_round(args, name, round_no=0):
    """Boots every variant of name once: (figures, problem seen), the
    figures in the order of runs(name)."""
    figures_of, problem = {}, False
    for label, settings in runs(name, round_no):
        figures, why, output = run(args.build, name, args.swap,
                                   args.timeout, settings, label)
        if label:
            figures = rename(figures, name, label)
        figures_of[label] = figures
        if why:
            print(f"kbench: {name} {label or ''}: {why}; its output:\n"
                  f"{output}", file=sys.stderr)
            problem = True
    return [f for label, _ in runs(name) for f in figures_of[label]], problem


def median_round(name, rounds):
    """The round of median ratio (the only one, for most benchmarks)."""
    if name not in RATIOS or len(rounds) == 1:
        return rounds[0]
    known = [r for r in rounds if ratio(name, r[0]) is not None] or rounds
    known.sort(key=lambda r: ratio(name, r[0]) or 0)
    return known[len(known) // 2]


def ratio_lines(name, rounds):
    """bench: lines of each ratio: its median over the rounds, and the
    lowest and highest of all rounds when there are several."""
    lines = []
    for which, (figure, _, _) in enumerate(RATIOS.get(name, [])):
        values = sorted(v for v in (ratio(name, f, which) for f in rounds)
                        if v is not None)
        if not values:
            continue
        lines.append(f"bench: {figure} {values[len(values) // 2]} percent")
        if len(values) > 1:
            lines += [f"bench: {figure}_lowest {values[0]} percent",
                      f"bench: {figure}_highest {values[-1]} percent"]
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="+", metavar="NAME")
    parser.add_argument("--build", default="build")
    parser.add_argument("--swap", default="64M", help="swap disk size (default %(default)s)")
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--rounds", type=int, default=3,
                        help="rounds of a benchmark with a ratio (default %(default)s)")
    args = parser.parse_args()
    status = 0
    for name in args.names:
        rounds = [one_round(args, name, i) for i in
                  range(args.rounds if name in RATIOS else 1)]
        if any(problem for _, problem in rounds):
            status = 1
        every, _ = median_round(name, rounds)
        for line in every:
            print(line, flush=True)
        lines = ratio_lines(name, [figures for figures, _ in rounds])
        for line in lines:
            print(line, flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
