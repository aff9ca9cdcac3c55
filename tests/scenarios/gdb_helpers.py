"""The pagoda-* GDB commands on a live kernel, checked against the kernel.

At a stop in the middle of swap-out (deactivate_page called by
try_to_swap_out, the page just given a swap slot) each helper must print
what the kernel holds there, read back with plain GDB expressions; on an
idle kernel the helpers must print what the shell's vmstat, buddyinfo,
swapinfo and meminfo print at the same moment; every bad argument gets a
one-line message; at start_kernel they say "not set up yet".
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from pagoda_test import scenario  # noqa: E402
from pagoda_test.disks import make_image  # noqa: E402
from _gdb import REPO, free_port, run_gdb  # noqa: E402
COMMANDS = ["pagoda-dmesg", "pagoda-page", "pagoda-pte", "pagoda-lists",
            "pagoda-swap", "pagoda-swapcache", "pagoda-ps", "pagoda-vmas",
            "pagoda-walk", "pagoda-zones", "pagoda-buddy", "pagoda-vmstat",
            "pagoda-gfp", "pagoda-rmap"]
BAD_ARGUMENTS = [
    ("pagoda-page foo", 'pagoda-page: \'foo\': No symbol "foo" in current context.'),
    ("pagoda-page mm", "pagoda-page: 'mm' is a struct mm_struct *, not a struct page *"),
    ("pagoda-page 1 2", "pagoda-page: '1 2': A syntax error in expression"),
    ("pagoda-page", "pagoda-page: give a pfn or struct page *"),
    ("pagoda-lists abc", "pagoda-lists: 'abc': No symbol \"abc\""),
    ("pagoda-lists -1", "pagoda-lists: N must not be negative, got -1"),
    ("pagoda-pte foo", "pagoda-pte: 'foo': No symbol"),
    ("pagoda-pte *mm", "pagoda-pte: '*mm' is a struct mm_struct: give a pte_t"),
    ("pagoda-swapcache x", "pagoda-swapcache: 'x': No symbol"),
    ("pagoda-walk", "pagoda-walk: give an address, and optionally a pid"),
    ("pagoda-walk 0xc0000000 1", "pagoda-walk: 0xc0000000 is a kernel address"),
    ("pagoda-walk 0x1000 9999", "pagoda-walk: no task has pid 9999"),
    ("pagoda-vmas 9999", "pagoda-vmas: no task has pid 9999"),
    ("pagoda-vmas 2", "pagoda-vmas: pid 2 (kswapd) is a kernel thread"),
    ("pagoda-gfp", "pagoda-gfp: give one mask"),
    ("pagoda-gfp mm", "pagoda-gfp: 'mm' is not a gfp mask"),
    ("pagoda-zones x", "pagoda-zones: takes no argument, got 'x'"),
    ("pagoda-buddy 3", "pagoda-buddy: takes no argument, got '3'"),
    ("pagoda-swap x", "pagoda-swap: takes no argument"),
    ("pagoda-ps x", "pagoda-ps: takes no argument"),
    ("pagoda-vmstat x", "pagoda-vmstat: takes no argument"),
    ("pagoda-dmesg x", "pagoda-dmesg: takes no argument"),
    ("pagoda-rmap", "pagoda-rmap: give a pfn or struct page *"),
    ("pagoda-rmap mm", "pagoda-rmap: 'mm' is a struct mm_struct *, not a struct page *"),
]


def gdb(lab, port, commands, timeout=120, debug=True):
    elf = Path(lab.build) / ("debug" if debug else "") / "kernel.elf"
    return run_gdb(elf, port, [arg for c in commands for arg in ("-ex", c)], timeout)


def number(out, pattern):
    found = re.search(pattern, out, re.M)
    assert found, f"{pattern!r} not in:\n{out}"
    return int(found.group(1), 0)


def line_of_deactivate():
    """The line where try_to_swap_out, its PTE now a swap entry, calls
    deactivate_page(page)."""
    source = (REPO / "mm" / "vmscan.c").read_text().splitlines()
    start = next(i for i, ln in enumerate(source) if ln.startswith("int try_to_swap_out("))
    return next(i + 1 for i in range(start, len(source))
                if source[i].strip() == "deactivate_page(page);")


def check_swap_out_stop(out, pid):
    """What the helpers said at deactivate_page, against GDB's own reading."""
    pfn = number(out, r"^\$1 = (\d+)$")
    entry = number(out, r"^\$2 = (\d+)$")
    area, slot = entry >> 1 & 0x3f, entry >> 8
    swap_map = number(out, r"^\$3 = (\d+)$")
    count, age = number(out, r"^\$4 = (\d+)$"), number(out, r"^\$5 = (\d+)$")
    nrpages = number(out, r"^\$6 = (\d+)$")
    # pagoda-page: the page just added to the swap cache.
    assert re.search(rf"^pfn {pfn} \(phys 0x[0-9a-f]{{8}}\) struct page ", out, re.M), out
    assert re.search(rf"^  count {count}, age {age}, on ", out, re.M), out
    assert re.search(rf"^  flags 0x[0-9a-f]{{8}} \[[a-z_ ]*swap_cache[a-z_ ]*\]$",
                     out, re.M), out
    assert re.search(rf"^  mapping swapper_space, index {entry:#x}: swap entry "
                     rf"{area}:{slot} \(swap_map {swap_map}, in the swap cache: "
                     rf"pfn {pfn}\)$", out, re.M), out
    # pagoda-pte entry and the walk of the address: the PTE is that entry now.
    assert re.search(rf"^{entry:#010x}: swap entry {area}:{slot} \(swap_map "
                     rf"{swap_map}, in the swap cache: pfn {pfn}\)$", out, re.M), out
    assert re.search(rf"^  pte\[\d+\] at 0x[0-9a-f]+ = {entry:#010x}: swap entry "
                     rf"{area}:{slot} ", out, re.M), out
    assert re.search(rf"^pid {pid} \(memhog\) address 0x[0-9a-f]{{8}}$", out, re.M), out
    # pagoda-swapcache: the count, and this page among its entries.
    assert f"swap cache: {nrpages} pages" in out, out
    assert re.search(rf"^  pfn {pfn} entry {area}:{slot} swap_map {swap_map} count "
                     rf"{count} age {age} \[[a-z_ ]*swap_cache[a-z_ ]*\]$", out, re.M), out
    # pagoda-ps: memhog's mm as swap_out reads it.
    rss, swap_cnt = number(out, r"^\$7 = (\d+)$"), number(out, r"^\$8 = (\d+)$")
    assert re.search(rf"^ +{pid} memhog +\w+ +SCHED_OTHER +0 +{rss} +\d+ +"
                     rf"{swap_cnt} 0x[0-9a-f]{{8}}$", out, re.M), out
    # and mmlist, which swap_out_select() walks: memhog's mm is on it
    assert re.search(rf"^mmlist:.* \[{pid} memhog: rss {rss} swap_cnt {swap_cnt}\]",
                     out, re.M), out
    # pagoda-zones: the shortages as the kernel's own functions compute them.
    free_short = number(out, r"^\$9 = (\d+)$")
    inactive_short = number(out, r"^\$10 = (\d+)$")
    assert re.search(rf"^free_shortage\(\) {free_short} inactive_shortage\(\) "
                     rf"{inactive_short} inactive_target\(\) \d+", out, re.M), out
    # pagoda-gfp on try_to_swap_out's gfp_mask (kswapd's).
    assert "0x4: GFP_KSWAPD (__GFP_IO)" in out, out
    # pagoda-vmas: memhog's VMA that holds the address, as the kernel has it.
    start, end = number(out, r"^\$11 = (\d+)$"), number(out, r"^\$12 = (\d+)$")
    flags = number(out, r"^\$13 = (\d+)$")
    perms = "".join(c if flags >> bit & 1 else "-" for bit, c in enumerate("rwxs"))
    assert re.search(rf"^  {start:#010x}-{end:#010x} +{(end - start) >> 12} pages "
                     rf"{perms} flags {flags:#x}$", out, re.M), out


@scenario("gdb_helpers_show_what_the_kernel_holds", timeout=300)
def helpers_on_live_reclaim(lab):
    port = free_port()
    image = make_image(lab.tmpdir / "swap.img", "64M", mkswap=True)
    vm = lab.boot(mem="16M", swap=[image], debug=True,
                  qemu=["-gdb", f"tcp:127.0.0.1:{port}"])
    vm.expect_prompt(timeout=60)
    printed = vm.run("run memhog 24M 1000 &")    # swapping until killed
    pid = int(re.search(r"^\[(\d+)\] \S+$", printed, re.M).group(1))
    stop = [
        f"break mm/vmscan.c:{line_of_deactivate()}", "continue", "delete",
        "p page - mem_map", "p entry.val", "p swap_info[entry.val >> 1 & 0x3f]"
        ".swap_map[entry.val >> 8]", "p page->count", "p (int)page->age",
        "p swapper_space.nrpages", "p mm->rss", "p mm->swap_cnt",
        "p free_shortage()", "p inactive_shortage()",
        "p vma->vm_start", "p vma->vm_end", "p vma->vm_flags",
        "pagoda-page page", "pagoda-pte entry", f"pagoda-walk address {pid}",
        "pagoda-swapcache 100000", "pagoda-ps", "pagoda-zones", "pagoda-gfp gfp_mask",
        f"pagoda-vmas {pid}", "pagoda-lists 3", "pagoda-swap", "pagoda-buddy",
        "pagoda-vmstat"]
    stop += [bad for bad, _ in BAD_ARGUMENTS]
    stop += [f"help {c}" for c in COMMANDS] + ["detach"]
    out = gdb(lab, port, stop, timeout=150)
    assert "The kernel is already running, past start_kernel" in out, out
    assert "Traceback" not in out and "Python Exception" not in out, out
    check_swap_out_stop(out, pid)
    for bad, message in BAD_ARGUMENTS:
        lines = [ln for ln in out.splitlines() if ln.startswith(bad.split()[0] + ":")]
        assert any(ln.startswith(message) for ln in lines), \
            f"'{bad}' did not answer {message!r}:\n{out}"
    for command in COMMANDS:
        assert f"Usage: {command}" in out, f"no help for {command}:\n{out}"
    # Idle: the helpers and the shell see the same numbers.
    vm.run(f"kill {pid}")
    while f"[{pid}] killed by" not in vm.output:
        vm.run("run sleep 1", timeout=60)
    out = gdb(lab, port, ["pagoda-vmstat", "pagoda-buddy", "pagoda-swap",
                          "pagoda-zones", "pagoda-swapcache 0", "detach"])
    shell = vm.run("vmstat") + vm.run("buddyinfo") + vm.run("swapinfo") + \
        vm.run("meminfo")
    for line in re.findall(r"^(\w+ \d+)$", out, re.M):
        assert re.search(rf"^{line}$", shell, re.M), f"vmstat differs: {line}\n{shell}"
    assert re.search(r"^pgfault [1-9]\d*$", out, re.M), out
    for line in re.findall(r"^(Node \d+, zone .*)$", out, re.M):
        assert line.rstrip() in [s.rstrip() for s in shell.splitlines()], \
            f"buddyinfo differs: {line}\n{shell}"
    used = number(out, r"^area 0: /dev/vda size \d+ KiB used (\d+) KiB")
    assert re.search(rf"^/dev/vda\s+partition\s+\d+\s+{used}\s+-?\d+$", shell, re.M), \
        f"swapinfo differs (used {used}):\n{shell}\n{out}"
    cached = number(out, r"^swap cache: (\d+) pages$")
    assert number(shell, r"^SwapCached:\s+(\d+) kB$") == cached * 4, shell
    free = number(out, r"^free (\d+) inactive_clean")
    assert number(shell, r"^MemFree:\s+(\d+) kB$") == free * 4, shell


@scenario("gdb_helpers_not_set_up_at_start_kernel", timeout=120)
def helpers_before_mem_init(lab):
    port = free_port()
    vm = lab.boot(qemu=["-S", "-gdb", f"tcp:127.0.0.1:{port}"])
    out = gdb(lab, port, ["pagoda-dmesg", "pagoda-page 5", "pagoda-pte 0x5067",
                          "pagoda-lists", "pagoda-swap", "pagoda-swapcache",
                          "pagoda-zones", "pagoda-buddy", "pagoda-vmstat",
                          "pagoda-ps", "pagoda-vmas", "pagoda-rmap 5",
                          "python import pagoda_gdb.page as p; "
                          "print('FLAGS', sorted(p.PAGE_FLAGS.items()))",
                          "kill"], debug=False)
    vm.kill()
    assert "Stopped at start_kernel." in out, out
    for command in ["pagoda-dmesg", "pagoda-page", "pagoda-pte", "pagoda-lists",
                    "pagoda-swap", "pagoda-swapcache", "pagoda-zones",
                    "pagoda-buddy", "pagoda-vmstat", "pagoda-rmap"]:
        assert re.search(rf"^{command}: .*: not set up yet$", out, re.M), \
            f"{command} at start_kernel:\n{out}"
    assert re.search(r"^\*   0 swapper ", out, re.M), out
    assert "pagoda-vmas: pid 0 (swapper) is a kernel thread" in out, out
    assert "Traceback" not in out and "Python Exception" not in out, out
    # pagoda-page names the flags of mm/mm.h, all of them.
    header = (REPO / "mm" / "mm.h").read_text()
    flags = sorted((int(bit), name) for name, bit in
                   re.findall(r"^#define PG_(\w+)\s+(\d+)", header, re.M))
    assert f"FLAGS {flags}" in out, f"PAGE_FLAGS is not mm/mm.h's {flags}:\n{out}"
