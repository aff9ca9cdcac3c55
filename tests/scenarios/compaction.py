"""Compaction (mm/compaction.c) on a machine whose free memory a program
has cut into single pages (user/fragment.c: every other page of a large
mapping freed with MADV_DONTNEED, the kernel's own allocations left where they are):
buddyinfo shows no free order-9 block; the shell's compact makes some,
and so does direct compaction when swapon needs two order-9 blocks for
a 4 GiB area's swap map. The program checks every word it kept, after.
"""

import re
import sys
from pathlib import Path

from pagoda_test import scenario
from pagoda_test.disks import make_image

sys.path.insert(0, str(Path(__file__).parent))
from reclaim import assert_kernel_healthy, counters, start  # noqa: E402

BLOCKS = re.compile(r"^Node (\d+), zone\s+(\w+)\s+((?:\s*\d+){10})\s*$", re.MULTILINE)


def order9(buddyinfo):
    """Free order-9 blocks in all zones, from buddyinfo's lines."""
    return sum(int(m[3].split()[9]) for m in BLOCKS.finditer(buddyinfo))


def zone_sums(vm):
    """(free pages, sum of the zones' pages_low) from zoneinfo."""
    info = vm.run("zoneinfo")
    free = sum(int(v) for v in re.findall(r"^\s+pages free\s+(\d+)$", info, re.MULTILINE))
    low = sum(int(v) for v in re.findall(r"^\s+low\s+(\d+)$", info, re.MULTILINE))
    return free, low


def fragmented(lab, swap=()):
    """Boots 48 MiB without swap; a memhog takes some of it and keeps
    writing and checking it, and fragment (every other page of about
    30 MiB, about the most one process can leave as single pages) the
    rest, so every zone's free memory ends in single pages. Returns
    (machine, pids)."""
    vm = lab.boot(mem="48M", append="noswap", swap=swap)
    vm.expect_prompt(timeout=90)
    free, low = zone_sums(vm)
    room = free - low - 256  # pages: every zone will end below 512 free
    pids = [start(vm, f"memhog {(room - 7600) * 4}K 1000000")]
    vm.expect(r"memhog: pass 1/1000000 ok", timeout=120)
    free, low = zone_sums(vm)
    pages = min(free - low - 128, 8000) // 2 * 2
    pids.append(start(vm, f"fragment {pages * 4}K"))
    vm.expect(r"fragment: check 1 ok", timeout=120)
    info = vm.run("buddyinfo")
    assert order9(info) == 0, f"an order-9 block is still free:\n{info}"
    return vm, pids


def still_intact(vm, pids):
    """Two more fragment checks and memhog passes succeed after what was
    done; then both are stopped."""
    for name in ("fragment: check", "memhog: pass"):
        done = max(int(n) for n in re.findall(rf"{name} (\d+)", vm.output))
        vm.expect(rf"{name} {done + 2}\D", timeout=60)
    for pid in pids:
        vm.run(f"kill {pid}")
    for _ in range(30):
        if all(f"[{pid}] killed by SIGTERM (15)" in vm.output for pid in pids):
            break
        vm.run("run sleep 1")
    assert all(f"[{pid}] killed by SIGTERM (15)" in vm.output for pid in pids), vm.tail()
    assert "FAIL" not in vm.output, vm.tail()
    assert_kernel_healthy(vm)


@scenario("compact_gathers_free_pages", timeout=300)
def compact_gathers_free_pages(lab):
    """compact prints each zone's free blocks before and after, as
    buddyinfo does: none of order 9 before, some after; vmstat counts
    the pages both scanners looked at."""
    vm, pids = fragmented(lab)
    before = counters(vm)
    printed = vm.run("compact", timeout=120)
    rows = re.findall(r"^Node \d+, zone\s+\w+ (before|after)\s+((?:\s*\d+){10})", printed,
                      re.MULTILINE)
    assert len(rows) >= 4, printed
    assert sum(int(r[1].split()[9]) for r in rows if r[0] == "before") == 0, printed
    assert sum(int(r[1].split()[9]) for r in rows if r[0] == "after") > 0, printed
    assert re.search(r"moved [1-9]\d* of \d+; \d+ of \d+ order-9 blocks hold unmovable",
                     printed), printed
    assert order9(vm.run("buddyinfo")) > 0
    after = counters(vm)
    for name in ("compact_migrate_scanned", "compact_free_scanned", "pgmigrate_success"):
        assert after[name] > before[name], (name, before, after)
    still_intact(vm, pids)


@scenario("swapon_compacts_for_its_swap_map", timeout=300)
def swapon_compacts_for_its_swap_map(lab):
    """swapon of a 4 GiB area needs two order-9 blocks for its swap map;
    with none free, __alloc_pages compacts (compact_stall,
    compact_success) and the area goes on."""
    big = make_image(lab.tmpdir / "big.img", "4G", mkswap=True)
    vm, pids = fragmented(lab, swap=[big])
    before = counters(vm)
    printed = vm.run("swapon vda", timeout=120)
    after = counters(vm)
    assert "Adding Swap: 4194300k swap-space" in printed, \
        (printed, vm.run("buddyinfo"), before, after)
    assert after["compact_stall"] > before["compact_stall"], (before, after)
    assert after["compact_success"] > before["compact_success"], (before, after)
    still_intact(vm, pids)
