#!/usr/bin/env python3
"""make bench: the buddy allocator's instructions per alloc+free pair.

Runs build/bench/buddy-bench under valgrind's callgrind, counting only the
instructions executed inside bench_loop() (--toggle-collect), so setup is left
out and the count is exact and repeatable. The bare LIFO free list measured in
the same run is the natural limit the allocator is compared with. Prints
`bench: NAME VALUE UNIT` lines.

    tools/bench_buddy.py --build build [--pairs N]
"""

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

MODES = ("lifo", "order0", "order3", "order0-merge", "order3-merge")


def instructions(binary, mode, pairs):
    """Instructions executed in bench_loop for `pairs` pairs of `mode`."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        cmd = ["valgrind", "--tool=callgrind", "--collect-atstart=no",
               "--toggle-collect=bench_loop", f"--callgrind-out-file={out}",
               str(binary), mode, str(pairs)]
        run = subprocess.run(cmd, capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"bench: {' '.join(cmd)} failed:\n{run.stderr}")
        match = re.search(r"^(?:summary|totals):\s*(\d+)", out.read_text(), re.MULTILINE)
        if not match:
            sys.exit(f"bench: no instruction count in {out}")
        return int(match.group(1))


def sizeof_struct_page(kernel):
    """sizeof(struct page) in the i386 kernel, from its debug information."""
    run = subprocess.run(["gdb", "-batch", "-nx", "-ex", "print sizeof(struct page)",
                          str(kernel)], capture_output=True, text=True)
    match = re.search(r"= (\d+)", run.stdout)
    if not match:
        sys.exit(f"bench: gdb could not read sizeof(struct page) from {kernel}")
    return int(match.group(1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", default="build")
    parser.add_argument("--pairs", type=int, default=20000)
    args = parser.parse_args()
    for tool in ("valgrind", "gdb"):
        if not shutil.which(tool):
            sys.exit(f"bench: {tool} not found: run tools/setup-host.sh")
    build = Path(args.build)
    per_pair = {}
    for mode in MODES:
        per_pair[mode] = instructions(build / "bench" / "buddy-bench", mode,
                                      args.pairs) / args.pairs
    lifo = per_pair["lifo"]
    print(f"bench: lifo_alloc_free_pair {lifo:.1f} instructions")
    for mode in MODES[1:]:
        name = "buddy_" + mode.replace("-", "_")
        print(f"bench: {name}_pair {per_pair[mode]:.1f} instructions")
        print(f"bench: {name}_vs_lifo {per_pair[mode] / lifo:.2f} ratio")
    size = sizeof_struct_page(build / "kernel.elf")
    print(f"bench: sizeof_struct_page {size} bytes")
    print(f"bench: mem_map_share {100 * size / 4096:.2f} percent")
    return 0


if __name__ == "__main__":
    sys.exit(main())
