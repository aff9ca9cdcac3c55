"""Scenarios for disks and swap areas, driven through the shell.

Disk images are made in the scenario's tmpdir by the host's real mkswap
(tools/pagoda_test/disks.py); the kernel sees them as vda, vdb, ... in
the order given to lab.boot(swap=[...]). A disk swapon refuses must come
out byte for byte as it went in: each is hashed before and after.
"""

import os
import re
import resource
import struct
import subprocess
from pathlib import Path

from pagoda_test import scenario
from pagoda_test.disks import add_bad_pages, digest, make_image, run_mkswap

# printk lines may carry a "[    0.120000] " timestamp before the message.
TIMESTAMP = r"(?:\[\s*\d+\.\d+\]\s*)?"
SWAPS_HEADER = "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority"


def swaps_line(disk, size_kib, used_kib, prio):
    """One line of /proc/swaps as Linux prints it (name padded to 40 columns)."""
    name = f"/dev/{disk}"
    return f"{name}{' ' * (40 - len(name))}partition\t{size_kib}\t\t{used_kib}\t\t{prio}"


def swapinfo(vm):
    """swapinfo's lines after its header (which must be Linux's)."""
    lines = vm.run("swapinfo").rstrip("\n").split("\n")
    assert lines[0] == SWAPS_HEADER, f"swapinfo header is {lines[0]!r}"
    return lines[1:]


def shutdown(vm):
    vm.sendline("shutdown")
    status, code = vm.wait_exit(timeout=30)
    assert status == 0, f"after shutdown QEMU exited with status {code}, expected 33"


@scenario("mkswap_disk_accepted", timeout=180)
def mkswap_disk_accepted(lab):
    """A disk made by mkswap is swapped on at boot (through GRUB, as make run
    boots), with the size mkswap reported, shown as /proc/swaps and lsblk do."""
    image = make_image(lab.tmpdir / "swap.img", "32M")
    size_kib = run_mkswap(image) // 1024
    vm = lab.boot(iso=True, swap=[image])
    boot_log = vm.expect_prompt(timeout=120)
    assert re.search(rf"^{TIMESTAMP}Adding Swap: {size_kib}k swap-space \(priority -1\) on vda$",
                     boot_log, re.MULTILINE), f"no 'Adding Swap: {size_kib}k' line:\n{boot_log}"
    areas = swapinfo(vm)
    assert areas == [swaps_line("vda", size_kib, 0, -1)], areas
    lsblk = vm.run("lsblk")
    assert re.search(r"^vda\s+254:0\s+0\s+32M\s+0 disk \[SWAP\]\s+SWAP0$", lsblk, re.MULTILINE), lsblk
    shutdown(vm)


@scenario("bad_pages_not_counted", timeout=90)
def bad_pages_not_counted(lab):
    """Pages in the header's bad-page list (as mkswap -c records them) are not
    swap space: the area is that much smaller, as on Linux."""
    image = make_image(lab.tmpdir / "bad.img", "16M")
    size_kib = run_mkswap(image) // 1024
    bad = [1, 2, 100, 4095]
    add_bad_pages(image, bad)
    vm = lab.boot(swap=[image])
    vm.expect_prompt()
    areas = swapinfo(vm)
    assert areas == [swaps_line("vda", size_kib - 4 * len(bad), 0, -1)], areas
    shutdown(vm)


def partitioned_image(lab):
    """An 8 MiB disk with an MBR whose one partition, from 1 MiB on, is a
    Linux swap area (type 0x82), as fdisk and mkswap /dev/sdX1 leave it."""
    inner = make_image(lab.tmpdir / "partition.img", "7M", mkswap=True)
    disk = make_image(lab.tmpdir / "partitioned.img", "8M")
    entry = struct.pack("<B3sB3sII", 0, b"\0\0\0", 0x82, b"\0\0\0", 2048, 7 * 2048)
    with open(disk, "r+b") as image:
        image.seek(446)
        image.write(entry)
        image.seek(510)
        image.write(b"\x55\xaa")
        image.seek(1 << 20)
        image.write(inner.read_bytes())
    return disk


def refused_images(lab):
    """(description, image, words of the refusal) for each kind of bad disk."""
    blank = make_image(lab.tmpdir / "blank.img", "4M")
    truncated = make_image(lab.tmpdir / "truncated.img", "64K", mkswap=True)
    with open(truncated, "r+b") as cut:
        cut.truncate(3584)  # the header's last 512 bytes, signature and all, are gone
    oversized = make_image(lab.tmpdir / "oversized.img", "1M")
    run_mkswap(oversized, swap_kib=2048)  # last_page 511 on a disk of 256 pages
    empty = make_image(lab.tmpdir / "empty.img", 0)
    big_pages = make_image(lab.tmpdir / "pages8k.img", "1M")
    run_mkswap(big_pages, page_size=8192)  # the signature ends at byte 8192
    partitioned = partitioned_image(lab)
    return [
        ("unformatted", blank, "no swap signature (SWAPSPACE2 at the end of page 0): "
                               "not a swap area, run mkswap first"),
        ("truncated header", truncated, "too small for a swap header: 3584 bytes, "
                                        "a header needs 4096"),
        ("last_page past the end", oversized, "the header's last_page 511 lies past the end "
                                              "of the disk (256 pages)"),
        ("zero-length", empty, "empty disk (0 bytes)"),
        ("8 KiB pages", big_pages, "a swap area made for 8192-byte pages (mkswap -p); "
                                   "Pagoda's pages are 4096 bytes: run mkswap without -p"),
        ("partitioned", partitioned, "a partition table (MBR) and no swap signature on the "
                                     "whole disk: Pagoda swaps to whole disks, not to partitions"),
    ]


@scenario("bad_disks_refused_unchanged", timeout=90)
def bad_disks_refused_unchanged(lab):
    """Each bad disk is refused with a clear message, at boot and by swapon,
    and not one byte of any of them changes."""
    cases = refused_images(lab)
    before = [digest(image) for _, image, _ in cases]
    vm = lab.boot(swap=[image for _, image, _ in cases])
    boot_log = vm.expect_prompt()
    # Only the oversized one carries a signature, so only it is tried at boot.
    assert "swapon: vdc: " + cases[2][2] in boot_log, boot_log
    for number, (what, _, words) in enumerate(cases):
        disk = f"vd{chr(ord('a') + number)}"
        printed = vm.run(f"swapon {disk}")
        assert f"swapon: {disk}: {words}" in printed, f"{what}: {printed!r}"
        assert f"swapon: {disk}: Invalid argument" in printed, f"{what}: {printed!r}"
    areas = swapinfo(vm)
    assert areas == [], areas
    shutdown(vm)
    for (what, image, _), old in zip(cases, before):
        assert digest(image) == old, f"the {what} disk {image.name} was changed"


@scenario("noswap_then_swapon", timeout=90)
def noswap_then_swapon(lab):
    """noswap leaves a signed disk alone; swapon, swapoff and swapon -p work."""
    image = make_image(lab.tmpdir / "swap.img", "8M")
    size_kib = run_mkswap(image) // 1024
    blank = make_image(lab.tmpdir / "data.img", "8M")
    vm = lab.boot(append="noswap", swap=[image, blank])
    vm.expect_prompt()
    assert swapinfo(vm) == []
    assert "1 swap areas added" in vm.run("swapon")
    assert swapinfo(vm) == [swaps_line("vda", size_kib, 0, -1)]
    assert "Removing Swap" in vm.run("swapoff vda")
    assert swapinfo(vm) == []
    vm.run("swapon -p 3 vda")
    assert swapinfo(vm) == [swaps_line("vda", size_kib, 0, 3)]
    assert "swapon: vda: Device or resource busy" in vm.run("swapon vda")
    assert "swapoff: vdb: Invalid argument" in vm.run("swapoff vdb")
    assert "swapon: bad priority 'x'" in vm.run("swapon -p x vda")
    shutdown(vm)
    assert digest(blank) == digest(make_image(lab.tmpdir / "zero.img", "8M"))


@scenario("lsblk_columns_line_up", timeout=60)
def lsblk_columns_line_up(lab):
    """lsblk's columns stand as util-linux prints them: SIZE and RO
    right-aligned under their headings, TYPE left-aligned, the SIZE
    column as wide as its widest size (454.9M, 12.5K)."""
    disks = [make_image(lab.tmpdir / "small.img", 12800),
             make_image(lab.tmpdir / "large.img", "465800K"),
             make_image(lab.tmpdir / "swap.img", "8M", mkswap=True)]
    vm = lab.boot(swap=disks)
    vm.expect_prompt()
    lines = vm.run("lsblk").replace("\r", "").rstrip("\n").split("\n")
    header = lines[0]
    assert header.split() == ["NAME", "MAJ:MIN", "RM", "SIZE", "RO", "TYPE", "MOUNTPOINTS",
                              "SERIAL"], header
    size_end, ro_end = header.index("SIZE") + 4, header.index("RO ") + 2
    type_at = header.index("TYPE")
    sizes = {}
    for line in lines[1:]:
        name = line.split()[0]
        sizes[name] = line[:size_end].split()[-1]
        assert line[size_end] == " " and line[ro_end - 1] == "0" and line[ro_end] == " ", \
            f"{name}: SIZE or RO not under its heading:\n{header}\n{line}"
        assert line[type_at:type_at + 4] == "disk", f"{name}: TYPE not under TYPE:\n{header}\n{line}"
    assert sizes == {"vda": "12.5K", "vdb": "454.9M", "vdc": "8M"}, sizes
    shutdown(vm)


@scenario("lspci_lists_devices", timeout=60)
def lspci_lists_devices(lab):
    vm = lab.boot(swap=[make_image(lab.tmpdir / "d.img", "1M")])
    vm.expect_prompt()
    listing = vm.run("lspci")
    for line in ("00:00.0 Host bridge [0600]: Intel Corporation Device [8086:1237] (rev 02)",
                 "00:01.1 IDE interface [0101]: Intel Corporation Device [8086:7010]",
                 "00:03.0 SCSI storage controller [0100]: Red Hat, Inc. Device [1af4:1001]"):
        assert line in listing.split("\n"), f"lspci lacks {line!r}:\n{listing}"
    details = vm.run("lspci -v")
    virtio = details[details.index("00:03.0"):]
    for line in ("\tSubsystem: Red Hat, Inc. Device [1af4:0002]",
                 "\tFlags: bus master, IRQ 11", "\tKernel driver in use: virtio-blk"):
        assert line in virtio.split("\n"), f"lspci -v of 00:03.0 lacks {line!r}:\n{virtio}"
    assert re.search(r"^\tI/O ports at [0-9a-f]{4} \[size=128\]$", virtio, re.MULTILINE), virtio
    assert re.search(r"^\tMemory at [0-9a-f]{8} \(32-bit, prefetchable\) \[size=16M\]$",
                     details, re.MULTILINE), details
    shutdown(vm)


@scenario("bench_swapdisk", timeout=120)
def bench_swapdisk(lab):
    """bench lists the benchmarks, swapdisk needs a swap area, prints its
    figures in the bench: NAME VALUE UNIT form, and gives its slots back."""
    image = make_image(lab.tmpdir / "swap.img", "16M")
    size_kib = run_mkswap(image) // 1024
    vm = lab.boot(append="noswap", swap=[image])
    vm.expect_prompt()
    assert re.search(r"^  swapdisk\s+\S", vm.run("bench x"), re.MULTILINE)
    assert "swapdisk needs a swap area" in vm.run("bench swapdisk")
    vm.run("swapon vda")
    printed = vm.run("bench swapdisk", timeout=90)
    figures = re.findall(r"^bench: (swapdisk_\w+) (\d+) (\S+)$", printed, re.MULTILINE)
    names = [name for name, _, _ in figures]
    for order in ("seq", "random"):
        for op in ("write", "read"):
            for depth in ("1", "many"):
                assert f"swapdisk_{order}_{op}_{depth}" in names, printed
    assert ("swapdisk_max_in_flight", "85", "requests") in figures, printed
    assert all(int(value) > 0 for _, value, _ in figures), printed
    areas = swapinfo(vm)
    assert areas == [swaps_line("vda", size_kib, 0, -1)], areas
    shutdown(vm)


def make_swap_img(lab, size):
    """make's rule for swap.img in a scratch BUILD with SWAP=size, under a
    64 MiB limit on the files it writes (a rule that writes for ever
    stops there): (exit status, what it printed, the files it left)."""
    build = lab.tmpdir / f"build-{len(list(lab.tmpdir.iterdir()))}"
    repo = Path(__file__).resolve().parents[2]
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAK") and k != "MFLAGS"}
    done = subprocess.run(
        ["make", "--no-print-directory", f"BUILD={build}", f"SWAP={size}", f"{build}/swap.img"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=60,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (64 << 20, 64 << 20)))
    left = sorted(p.name for p in build.iterdir()) if build.exists() else []
    return done.returncode, done.stdout + done.stderr, left


@scenario("make_run_swap_sizes", timeout=120)
def make_run_swap_sizes(lab):
    """make run's SWAP=: a size makes a swap image of that size (sparse, so
    a large one costs no time or room); anything else is refused in words
    before a byte is written (SWAP=-5 was head -c -5 /dev/zero: it wrote
    until the host's disk was full); too small is mkswap's own error, and
    nothing is left behind."""
    status, printed, left = make_swap_img(lab, "1M")
    assert status == 0 and left == ["swap.img"], (status, printed, left)
    image = lab.tmpdir / "build-0" / "swap.img"
    assert image.stat().st_size == 1 << 20
    assert image.read_bytes()[4086:4096] == b"SWAPSPACE2"
    status, printed, left = make_swap_img(lab, "32M")
    assert status == 0 and left == ["swap.img"], (status, printed, left)
    image = lab.tmpdir / "build-1" / "swap.img"
    assert image.stat().st_size == 32 << 20
    assert image.stat().st_blocks * 512 < 1 << 20, "a 32 MiB image not sparse"
    for size in ("-5", "abc", "1.5M", "0x100", ""):
        status, printed, left = make_swap_img(lab, size)
        assert status != 0, f"SWAP={size}: make succeeded:\n{printed}"
        assert f"SWAP={size}: not a size" in printed, f"SWAP={size}:\n{printed}"
        assert left == [], f"SWAP={size} left {left}"
    status, printed, left = make_swap_img(lab, "8K")
    assert status != 0 and "swap area needs to be at least" in printed, printed
    assert left == [], f"SWAP=8K left {left}"
