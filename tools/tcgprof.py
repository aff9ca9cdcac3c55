#!/usr/bin/env python3
"""Count the kernel's instructions, calls, returns and sti per function
over an in-kernel benchmark, under QEMU's -icount, block by block.

    python3 tools/tcgprof.py [--build DIR] [--bench memhog]
        [--variant pressure] [--per swap_writepage] [--top 40]
        [--callers FUNC ...]

Boots bench=NAME once (for memhog, one of its machines: pressure or free,
tools/kbench.py) with the TCG plugin tools/tcgprof/tbcount.c, which
counts how often each translated block runs from the benchmark's first
run_foreground() on.  Each block is charged to the kernel function it
lies in (nm); a block at a function's first address is a call; a block
ending in ret is a return (under TCG each one looks its successor up),
one ending in sti leaves QEMU's inner loop (twice); one ending in
popfl (local_irq_restore's way, which leaves it once) counts as an
sti too; one ending in a CR3 load or an invlpg is a TLB flush (QEMU
empties its whole soft TLB, and the cache of block lookups, at a CR3
load; one page of them at an invlpg), counted apart.  The figures are divided by the calls of --per (default:
swap_writepage, one per page written), so that boots with different
amounts of work compare.
--callers lists who called a function, from the block run before its
first; the calls to a function in another 4 KiB page are counted
apart (TCG looks their target up, as for a ret).  Needs Debian 12's QEMU 7.2 (plugin API version 1) and a host cc.
The sampler in the guest is biased under TCG (ticks pile up at sti and
at the page-fault trap); these counts are not: -icount makes them the
same from boot to boot within about 1%.
"""

import argparse
import bisect
import collections
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import kbench  # noqa: E402

PLUGIN_SOURCE = HERE / "tcgprof" / "tbcount.c"


def functions(nm_output):
    """Sorted (addresses, names) of the text symbols in `nm -n` output."""
    addrs, names = [], []
    for line in nm_output.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "tTwW":
            addrs.append(int(parts[0], 16))
            names.append(parts[2])
    return addrs, names


def last_insn_kind(packed):
    """What the block's last instruction (its first 3 bytes) is."""
    op, op2, modrm = packed >> 16 & 0xff, packed >> 8 & 0xff, packed & 0xff
    if op in (0xc3, 0xc2):
        return "ret"
    if op in (0xfb, 0x9d):  # sti, popfl: see the header
        return "sti"
    if op == 0xff and (op2 >> 3 & 7) in (2, 3):
        return "icall"
    if op == 0x0f and op2 == 0x22 and (modrm >> 3 & 7) == 3:
        return "cr3"  # mov to CR3: QEMU empties its whole soft TLB
    if op == 0x0f and op2 == 0x01 and (modrm >> 3 & 7) == 7 \
            and modrm >> 6 != 3:
        return "invlpg"  # one page of the soft TLB
    return "other"


def owner(addrs, names, vaddr):
    """The function vaddr lies in, '<user>' for user mode, or '?'."""
    if not vaddr:
        return "<user>"
    i = bisect.bisect_right(addrs, vaddr) - 1
    return names[i] if i >= 0 else "?"


def per_function(count_lines, addrs, names):
    """{function: Counter(ins, blocks, calls, ret, sti, icall)}."""
    table = collections.defaultdict(collections.Counter)
    for line in count_lines:
        vaddr, n, count, last = (int(x, 16) if i == 0 else int(x)
                                 for i, x in enumerate(line.split()))
        fn = table[owner(addrs, names, vaddr)]
        fn["ins"] += n * count
        fn["blocks"] += count
        i = bisect.bisect_left(addrs, vaddr)
        if vaddr and i < len(addrs) and addrs[i] == vaddr:
            fn["calls"] += count
        kind = last_insn_kind(last) if vaddr else "other"
        if kind != "other":
            fn[kind] += count
    return table


def callers(edge_lines, addrs, names, target):
    """Counter of the functions whose block ran just before target's."""
    found = collections.Counter()
    for line in edge_lines:
        src, dst, count = line.split()
        if owner(addrs, names, int(dst, 16)) == target:
            found[owner(addrs, names, int(src, 16))] += int(count)
    return found


def calls_to_another_page(edge_lines):
    """Calls from a kernel block to a function in another 4 KiB page:
    QEMU chains a direct jump only within the page a block starts in,
    and looks every other target up, as it does for a ret."""
    total = 0
    for line in edge_lines:
        src, dst, count = (int(x, 16) if i < 2 else int(x)
                           for i, x in enumerate(line.split()))
        if src and dst and src >> 12 != dst >> 12:
            total += count
    return total


def report(table, per, top):
    """Lines of the table, divided by per's calls (if it has any)."""
    div = table[per]["calls"] if per in table and table[per]["calls"] else 1
    kernel = collections.Counter()
    for name, c in table.items():
        if name != "<user>":
            kernel.update(c)
    unit = f"per call of {per} ({div})" if div > 1 else "in all"
    lines = [f"kernel {unit}: instructions {kernel['ins'] / div:.0f}, "
             f"calls {kernel['calls'] / div:.1f}, returns "
             f"{kernel['ret'] / div:.1f}, sti {kernel['sti'] / div:.1f}, "
             f"blocks {kernel['blocks'] / div:.0f}; user instructions "
             f"{table['<user>']['ins'] / div:.0f}",
             f"TLB flushes {unit}: CR3 loads {kernel['cr3'] / div:.4f}, "
             f"invlpg {kernel['invlpg'] / div:.4f}",
             f"{'function':32} {'instructions':>12} {'calls':>8} "
             f"{'returns':>8} {'sti':>6}"]
    ranked = sorted((n for n in table if n != "<user>"),
                    key=lambda n: -table[n]["ins"])
    for name in ranked[:top]:
        c = table[name]
        lines.append(f"{name[:32]:32} {c['ins'] / div:12.1f} "
                     f"{c['calls'] / div:8.2f} {c['ret'] / div:8.2f} "
                     f"{c['sti'] / div:6.2f}")
    return lines


def build_plugin(build):
    """build/tcgprof/libtbcount.so, compiled again if older than its source."""
    lib = Path(build) / "tcgprof" / "libtbcount.so"
    if not lib.exists() or lib.stat().st_mtime < PLUGIN_SOURCE.stat().st_mtime:
        lib.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([os.environ.get("HOST_CC", "cc"), "-O2", "-Wall",
                        "-shared", "-fPIC", "-fvisibility=hidden", "-o",
                        str(lib), str(PLUGIN_SOURCE)], check=True)
    return lib


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", default="build")
    parser.add_argument("--bench", default="memhog")
    parser.add_argument("--variant", default="pressure",
                        help="which of the benchmark's machines (memhog: "
                        "pressure or free)")
    parser.add_argument("--per", default="swap_writepage")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--callers", nargs="*", default=[])
    parser.add_argument("--timeout", type=float, default=900)
    args = parser.parse_args()

    elf = Path(args.build) / "kernel.elf"
    nm = subprocess.run(["nm", "-n", str(elf)], capture_output=True,
                        text=True, check=True).stdout
    addrs, names = functions(nm)
    out = Path(args.build) / "tcgprof" / f"{args.bench}-{args.variant}.tb"
    lib = build_plugin(args.build)
    entries = out.with_suffix(".entries")
    entries.write_text("".join(f"{a:x}\n" for a in addrs))
    start = addrs[names.index("run_foreground")]
    os.environ["PAGODA_QEMU"] = (
        f"qemu-system-i386 -icount shift=0 -plugin {lib},out={out},"
        f"start={start:x},entries={entries}")
    settings = dict(kbench.runs(args.bench)).get(args.variant)
    if settings is None:
        settings = kbench.SETTINGS.get(args.bench, {})
    figures, why, output = kbench.run(args.build, args.bench, "64M",
                                      args.timeout, settings, "tcgprof")
    for line in figures:
        print(line)
    if why:
        print(f"tcgprof: {why}; the output:\n{output}", file=sys.stderr)
        return 1
    table = per_function(out.read_text().splitlines(), addrs, names)
    for line in report(table, args.per, args.top):
        print(line)
    edge_lines = Path(f"{out}.edges").read_text().splitlines()
    div = table[args.per]["calls"] or 1
    print(f"calls to a function in another page: "
          f"{calls_to_another_page(edge_lines) / div:.1f}")
    for target in args.callers:
        print(f"callers of {target}:")
        for name, count in callers(edge_lines, addrs, names,
                                   target).most_common(10):
            print(f"  {count / div:10.2f} {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
