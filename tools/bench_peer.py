#!/usr/bin/env python3
"""make bench-peer: the same memhog binary on Pagoda and on Debian's Linux.

    python3 tools/bench_peer.py [--build DIR] [--mem 64M] [--swap 256M]
                                [--size 96M] [--passes 3]

Both kernels boot on the same QEMU line (TCG, -m MEM, one legacy virtio-blk
disk formatted by mkswap) and run build/user/memhog SIZE PASSES, the very
same static i386 binary. Workload time is taken on the host, from memhog's
first line ("memhog: N KiB, P passes") to its last ("... verified"), so
neither kernel's boot nor its clock is counted. The counters pswpout,
pswpin and pgmajfault are read before and after (Pagoda: the shell's
vmstat; Linux: /proc/vmstat, printed by tools/peer/init.c).

Linux is Debian's linux-image-686 (i386), fetched with `apt-get download`
through a private apt state under BUILD/peer/ (tools/debfetch.py; the
host's own apt setup is not touched), with the virtio modules unpacked
into a small initramfs made with cpio. Prints `bench: NAME VALUE UNIT` lines and the Pagoda/Linux
ratios. Not part of make check: it needs Debian's package archive.
"""

import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from debfetch import FetchError, apt_options, run_tool, unpack_deb  # noqa: E402
from pagoda_test import disks, machine, qemu  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
COUNTERS = ("pswpout", "pswpin", "pgmajfault")
UNITS = {"pswpout": "pages", "pswpin": "pages", "pgmajfault": "faults"}
# The modules that give Debian's 686 kernel a legacy virtio-blk disk; what
# they depend on is read from each module's .modinfo ("depends=...").
ROOT_MODULES = ("virtio_pci", "virtio_blk")
CROSS_CC = "i686-linux-gnu-gcc"


class PeerError(Exception):
    """Something the benchmark cannot do, said in one line."""


def fetch_linux(peer):
    """Download and unpack Debian's linux-image-686 once; its unpacked root."""
    root = peer / "linux"
    if (root / "boot").is_dir():
        return root
    opts = apt_options(peer / "apt")
    run_tool(["apt-get", *opts, "update"])
    depends = run_tool(["apt-cache", *opts, "depends", "linux-image-686"])
    match = re.search(r"Depends: (linux-image-\S+-686)\b", depends)
    if not match:
        raise PeerError(f"cannot tell which kernel linux-image-686 is:\n{depends}")
    return unpack_deb(match.group(1), peer, root)


def load_order(found, roots):
    """`roots` and every module they depend on, each after its dependencies."""
    order = []

    def visit(name, chain):
        if name in order:
            return
        if name in chain:
            raise PeerError(f"modules depend on each other: {' -> '.join(chain)}")
        if name not in found:
            raise PeerError(f"module {name}.ko is not in the kernel package")
        info = re.search(rb"depends=([^\0]*)\0", found[name].read_bytes())
        for dep in (info.group(1).decode().split(",") if info else []):
            if dep:
                visit(dep.replace("-", "_"), chain + [name])
        order.append(name)

    for root in roots:
        visit(root, [])
    return order


def build_initramfs(peer, linux, memhog):
    """/init, /memhog and the virtio modules in a gzip'd newc cpio; its path."""
    tree = peer / "initramfs"
    shutil.rmtree(tree, ignore_errors=True)
    for sub in ("proc", "dev"):
        (tree / sub).mkdir(parents=True)
    run_tool([CROSS_CC, "-std=gnu11", "-Wall", "-Wextra", "-Werror", "-O2",
              "-static", "-nostdlib", "-ffreestanding", "-fno-pic", "-no-pie",
              "-fno-stack-protector", "-o", str(tree / "init"),
              str(REPO / "tools/peer/init.c")])
    shutil.copy(memhog, tree / "memhog")
    found = {p.name.removesuffix(".ko"): p
             for p in (linux / "lib/modules").rglob("*.ko")}
    order = []
    for name in load_order(found, ROOT_MODULES):
        shutil.copy(found[name], tree / f"{name}.ko")
        order.append(f"/{name}.ko\n")
    (tree / "modules.order").write_text("".join(order))
    names = run_tool(["find", ".", "-mindepth", "1"], cwd=tree)
    archive = subprocess.run(["cpio", "--quiet", "-o", "-H", "newc"], cwd=tree,
                             input=names.encode(), capture_output=True)
    if archive.returncode != 0:
        raise PeerError(f"cpio failed: {archive.stderr.decode()}")
    initrd = peer / "initramfs.cpio.gz"
    initrd.write_bytes(gzip.compress(archive.stdout))
    return initrd


def time_memhog(vm, timeout):
    """Seconds from memhog's first line to its 'verified' line."""
    vm.expect(r"^memhog: \d+ KiB, \d+ passes", timeout)
    start = time.monotonic()
    end = vm.expect(r"^memhog: (\d+ KiB verified|FAIL: )", timeout)
    seconds = time.monotonic() - start
    if end.group(1).startswith("FAIL"):
        raise PeerError("memhog reported a FAIL:\n" + vm.tail())
    return seconds


def pagoda_counters(vm):
    """The shell's vmstat counters named in COUNTERS, as a dict."""
    text = vm.run("vmstat")
    return {name: int(value) for name, value in
            re.findall(r"^(\w+) (\d+)$", text, re.MULTILINE) if name in COUNTERS}


def run_pagoda(args, image, memhog_argv):
    """(seconds, counter deltas) of memhog on Pagoda."""
    argv = qemu.command(kernel=Path(args.build) / "kernel.elf", mem=args.mem,
                        swap=[image])
    vm = machine.Machine(argv)
    try:
        vm.expect_prompt(60)
        before = pagoda_counters(vm)
        vm.sendline("run " + " ".join(memhog_argv))
        seconds = time_memhog(vm, args.timeout)
        vm.expect_prompt(60)
        after = pagoda_counters(vm)
        vm.sendline("shutdown")
        vm.wait(30)
    finally:
        vm.kill()
    return seconds, {k: after[k] - before[k] for k in COUNTERS}


def run_linux(args, linux, initrd, image, memhog_argv):
    """(seconds, counter deltas) of memhog on Linux."""
    vmlinuz = next((linux / "boot").glob("vmlinuz-*"))
    append = "console=ttyS0 quiet rdinit=/init -- " + " ".join(memhog_argv[1:])
    argv = qemu.qemu_binary() + [
        "-M", "pc", "-accel", "tcg", "-m", args.mem, "-display", "none",
        "-serial", "stdio", "-no-reboot", "-nic", "none",
        "-kernel", str(vmlinuz), "-initrd", str(initrd), "-append", append,
    ] + qemu.swap_args([image])
    vm = machine.Machine(argv, interactive=False)
    try:
        vm.expect(r"^peer: start", 300)
        seconds = time_memhog(vm, args.timeout)
        vm.expect(r"^peer: done", 60)
        vm.wait(60)
    finally:
        vm.kill()
    if re.search(r"^peer: error", vm.output, re.MULTILINE):
        raise PeerError("the Linux side failed:\n" + vm.tail())
    values = {}
    for when, name, value in re.findall(r"^peer: vmstat (before|after) (\w+) (\d+)",
                                        vm.output, re.MULTILINE):
        values[(when, name)] = int(value)
    try:
        return seconds, {k: values[("after", k)] - values[("before", k)]
                         for k in COUNTERS}
    except KeyError as missing:
        raise PeerError(f"Linux printed no {missing} counter:\n{vm.tail()}") from None


def ratio_line(name, ours, theirs):
    """A bench line with Pagoda/Linux in percent (or a note when Linux is 0)."""
    if theirs == 0:
        return f"bench: peer_{name}_ratio n/a (Linux {theirs}, Pagoda {ours})"
    return f"bench: peer_{name}_ratio {round(100 * ours / theirs)} %"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", default="build")
    parser.add_argument("--mem", default="64M")
    parser.add_argument("--swap", default="256M")
    parser.add_argument("--size", default="96M")
    parser.add_argument("--passes", default="3")
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()
    build = Path(args.build)
    memhog = build / "user" / "memhog"
    memhog_argv = ["memhog", args.size, args.passes]
    try:
        if not memhog.is_file():
            raise PeerError(f"{memhog} is missing: run make first")
        if not shutil.which(CROSS_CC) or not shutil.which("cpio"):
            raise PeerError(f"{CROSS_CC} and cpio are needed (tools/setup-host.sh)")
        peer = build / "peer"
        peer.mkdir(parents=True, exist_ok=True)
        linux = fetch_linux(peer)
        initrd = build_initramfs(peer, linux, memhog)
        results = {}
        for side in ("pagoda", "linux"):
            image = disks.make_image(peer / f"{side}-swap.img", args.swap, mkswap=True)
            if side == "pagoda":
                results[side] = run_pagoda(args, image, memhog_argv)
            else:
                results[side] = run_linux(args, linux, initrd, image, memhog_argv)
    except (PeerError, FetchError, AssertionError, StopIteration) as error:
        print(f"bench-peer: {error}", file=sys.stderr)
        return 1
    print(f"bench-peer: memhog {args.size} {args.passes} on -m {args.mem}, "
          f"{args.swap} swap")
    for side, (seconds, counters) in results.items():
        print(f"bench: peer_{side}_ms {round(seconds * 1000)} ms")
        for name in COUNTERS:
            print(f"bench: peer_{side}_{name} {counters[name]} {UNITS[name]}")
    (ps, pc), (ls, lc) = results["pagoda"], results["linux"]
    print(ratio_line("time", ps, ls))
    for name in COUNTERS:
        print(ratio_line(name, pc[name], lc[name]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
