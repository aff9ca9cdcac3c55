"""The memory manager seen from the shell: meminfo, buddyinfo and zoneinfo at
several RAM sizes and node counts agree with what QEMU was given and with
each other.

What QEMU gives minus MemTotal may be at most what the kernel must keep:
the first MiB, the kernel image, mem_map (one struct page per frame) and
the BIOS's own reservations (its ACPI tables at the top of RAM, the
640 KiB-1 MiB hole), which the bound allows 512 KiB for.
"""

import re
import subprocess

from pagoda_test import scenario
from pagoda_test.qemu import numa_args, parse_size
from pagoda_test.runner import nm_command

KIB, MIB = 1 << 10, 1 << 20
BIOS_RESERVED = 512 * KIB
LOWMEM = 896 * MIB


def kernel_image_bytes(lab):
    """[_kernel_start_phys, __pa(_end)), from kernel.elf's symbols."""
    out = subprocess.run(nm_command() + [str(lab.build / "kernel.elf")],
                         capture_output=True, text=True, check=True).stdout
    symbols = {line.split()[-1]: int(line.split()[0], 16) for line in out.splitlines()
               if len(line.split()) == 3}
    return symbols["_end"] - 0xC0000000 - symbols["_kernel_start_phys"]


def kb_lines(text):
    """{'MemTotal': bytes, ...} from meminfo output."""
    return {m[1]: int(m[2]) * KIB for m in re.finditer(r"^(\w+):\s+(\d+) kB$", text, re.M)}


def buddy_free_bytes(text):
    """Free bytes per (node, zone) from buddyinfo output."""
    free = {}
    for m in re.finditer(r"^Node (\d+), zone\s+(\w+)((?:\s+\d+)+)\s*$", text, re.M):
        counts = [int(n) for n in m[3].split()]
        free[(int(m[1]), m[2])] = sum(c << order for order, c in enumerate(counts)) * 4096
    return free


def zoneinfo(text):
    """{(node, zone): {'free': n, 'min': n, ...}} from zoneinfo output."""
    zones = {}
    for block in re.split(r"^(?=Node \d+, zone)", text, flags=re.M):
        head = re.match(r"Node (\d+), zone\s+(\w+)", block)
        if head:
            fields = dict((k, int(v)) for k, v in
                          re.findall(r"^\s+(?:pages )?(\w+)\s+(\d+)$", block, re.M))
            zones[(int(head[1]), head[2])] = fields
    return zones


def check_memory(lab, vm, given, nodes=1):
    """The checks every boot shares; returns (meminfo, buddyinfo, zoneinfo)."""
    info = kb_lines(vm.run("meminfo"))
    buddies = buddy_free_bytes(vm.run("buddyinfo"))
    zones = zoneinfo(vm.run("zoneinfo"))
    total, free = info["MemTotal"], info["MemFree"]
    page_struct = int(re.search(r"sizeof\(struct page\) = (\d+)", vm.output)[1])
    bound = MIB + kernel_image_bytes(lab) + given // 4096 * page_struct + BIOS_RESERVED
    assert total <= given, f"MemTotal {total} is more than the {given} QEMU has"
    assert given - total <= bound, \
        f"MemTotal {total}: {given - total} bytes missing, more than the {bound} reserved"
    assert info["LowTotal"] + info["HighTotal"] == total, info
    assert total - MIB <= free <= total, f"MemFree {free} of MemTotal {total} just after boot"
    high_wanted = max(0, given - LOWMEM)
    assert high_wanted - BIOS_RESERVED <= info["HighTotal"] <= high_wanted, \
        f"HighTotal {info['HighTotal']}, expected about {high_wanted}"
    assert sum(buddies.values()) == free, \
        f"buddyinfo holds {sum(buddies.values())} free bytes, meminfo says {free}"
    assert {node for node, _ in buddies} == set(range(nodes)), f"nodes in buddyinfo: {buddies}"
    for key, z in zones.items():
        if z["present"]:
            assert z["free"] * 4096 == buddies[key], f"zoneinfo/buddyinfo disagree on {key}"
            assert (z["low"], z["high"]) == (2 * z["min"], 3 * z["min"]), f"{key}: {z}"
    return info, buddies, zones


def boot_and_check(lab, mem):
    vm = lab.boot(mem=mem)
    vm.expect_prompt()
    return vm, check_memory(lab, vm, parse_size(mem))


@scenario("meminfo_8M", timeout=60)
def meminfo_8m(lab):
    _, (_, buddies, _) = boot_and_check(lab, "8M")
    assert set(buddies) == {(0, "DMA")}, f"8 MiB is all ZONE_DMA: {buddies}"


@scenario("meminfo_4M_runs_a_program", timeout=60)
def meminfo_4m_runs_a_program(lab):
    """make run MEM=4M: QEMU gives 3968 KiB (the BIOS keeps the top 128
    KiB), which boots, and a program of 1 MiB runs in it."""
    vm, _ = boot_and_check(lab, "4M")
    printed = vm.run("run memhog 1M 1", timeout=30)
    assert "memhog: 1024 KiB verified after 1 passes" in printed, printed + vm.tail()


@scenario("too_little_ram_refused", timeout=60)
def too_little_ram_refused(lab):
    """Less RAM than Pagoda needs is said in words, and the machine powers
    off with the failure status: not a kernel panic, which means a bug."""
    vm = lab.boot(mem="3M")
    vm.expect(r"only 2944 KiB of RAM: Pagoda needs at least 3072 KiB; powering off")
    assert vm.wait_exit(timeout=30).code == 35, vm.tail()
    assert "panic" not in vm.output, vm.tail()


@scenario("meminfo_64M", timeout=60)
def meminfo_64m(lab):
    _, (_, buddies, _) = boot_and_check(lab, "64M")
    assert set(buddies) == {(0, "DMA"), (0, "Normal")}, buddies


@scenario("meminfo_1G", timeout=90)
def meminfo_1g(lab):
    _, (info, buddies, _) = boot_and_check(lab, "1G")
    assert (0, "HighMem") in buddies and info["HighTotal"] > 0, buddies


@scenario("meminfo_3G", timeout=120)
def meminfo_3g(lab):
    _, (info, _, _) = boot_and_check(lab, "3G")
    assert info["HighTotal"] > 2 * 1024 * MIB, info


@scenario("meminfo_two_nodes", timeout=90)
def meminfo_two_nodes(lab):
    vm = lab.boot(mem="128M", qemu=numa_args(2, "128M"))
    vm.expect_prompt()
    _, _, zones = check_memory(lab, vm, 128 * MIB, nodes=2)
    spanned = {node: sum(z["spanned"] for (n, _), z in zones.items() if n == node)
               for node in (0, 1)}
    assert spanned[0] == 64 * MIB // 4096, f"node 0 spans {spanned[0]} pages, not 64 MiB"
    assert 64 * MIB // 4096 - 128 <= spanned[1] <= 64 * MIB // 4096, spanned
    assert re.search(r"SRAT: node 1 \(PXM 1\)", vm.output), "no SRAT line for node 1"


@scenario("numa_fake_4", timeout=60)
def numa_fake_4(lab):
    vm = lab.boot(mem="64M", append="numa=fake=4")
    vm.expect_prompt()
    check_memory(lab, vm, 64 * MIB, nodes=4)


@scenario("mem_limits_ram", timeout=60)
def mem_limits_ram(lab):
    vm = lab.boot(mem="64M", append="mem=32M")
    vm.expect_prompt()
    check_memory(lab, vm, 32 * MIB)


@scenario("bad_memory_parameters", timeout=60)
def bad_memory_parameters(lab):
    """Rejected with a reason; the defaults stay (all RAM, one node)."""
    vm = lab.boot(mem="64M", append="mem=1M numa=fake=99 numa=banana")
    boot_log = vm.expect_prompt()
    for word in ("mem=1M", "numa=fake=99", "numa=banana"):
        assert re.search(rf"cmdline: {re.escape(word)} rejected", boot_log), \
            f"no rejection of {word}:\n{boot_log}"
    check_memory(lab, vm, 64 * MIB)
