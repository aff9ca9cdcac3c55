"""Swap disks that fail: QEMU's blkdebug fails chosen requests of a
mkswap'd disk, and the kernel must survive it, lose no byte a surviving
program wrote, and never hand out again a slot that failed.

Memory is small (16 MiB) so that a memhog of twice that swaps at once.
"""

import re
import sys
import time
from pathlib import Path

from pagoda_test import scenario, scenario_calling
from pagoda_test.disks import digest, make_image
from pagoda_test.qemu import Disk, Inject, hmp, monitor_args

sys.path.insert(0, str(Path(__file__).parent))
from reclaim import start, wait_for_all  # noqa: E402  (helpers, not scenarios)

TIMESTAMP = r"(?:\[\s*\d+\.\d+\]\s*)?"
WRITE_ERROR = r"swap: write error -5, vda sectors \d+-\d+"
SWAPINFO_LINE = r"^/dev/vda\s+partition\t(\d+)\t+(\d+)\t+-?\d+$"


def swap_disk(lab, *errors):
    """A 64 MiB mkswap'd disk under blkdebug failing `errors`."""
    image = make_image(lab.tmpdir / "swap.img", "64M", mkswap=True)
    return Disk(image=image, errors=tuple(errors))


def bad_slots(vm):
    """swapinfo's count of vda's bad slots, and the first few by number
    ((0, "") if it shows none)."""
    found = re.search(r"^/dev/vda: (\d+) bad slots? found.*; bad: ([\d .]+)",
                      vm.run("swapinfo"), re.MULTILINE)
    return (int(found[1]), found[2].strip()) if found else (0, "")


def assert_kernel_healthy(vm):
    """No oops, panic or broken invariant, and the shell answers."""
    for bad in ("Oops", "Kernel panic", "invariant broken", "BUG:", "FAIL"):
        assert bad not in vm.output, f"'{bad}' in the output:\n{vm.tail()}"
    assert "swapinfo" in vm.run("help")


def dead_disk(lab, debug):
    """Every write to the only swap disk fails (blkdebug, no sector given).
    A memhog of twice RAM is stopped by Ctrl-C while its writes fail; the
    area is taken out of use with a clear message once writes keep failing;
    from then on swap is full: the next memhog is killed for want of memory
    (OOM), and one that fits in RAM runs verified. The shell answers
    throughout, and the error messages are rate-limited."""
    vm = lab.boot(mem="16M", swap=[swap_disk(lab, Inject("write_aio"))], debug=debug)
    vm.expect_prompt(timeout=60)
    vm.sendline("run memhog 32M 2")
    vm.expect(WRITE_ERROR, timeout=60)
    time.sleep(3)           # today's kernel: by now only an error flood moves
    vm.send("\x03")
    printed = vm.expect_prompt(timeout=30)
    assert re.search(r"memhog: killed by (SIGINT \(2\)|SIGKILL \(9\))", printed), printed
    assert re.search(r"swap: vda: \d+ writes failed in a row: out of use", vm.output), vm.tail()
    vm.sendline("run memhog 4M 1000000")               # fits in RAM: runs on
    vm.expect(r"memhog: pass 2/1000000 ok", timeout=30)
    vm.send("\x03")
    assert "memhog: killed by SIGINT (2)" in vm.expect_prompt(timeout=30)
    hog = start(vm, "memhog 32M 2")
    assert "swapinfo" in vm.run("help", timeout=30)    # the shell answers meanwhile
    assert wait_for_all(vm, [hog], 60)[hog] == "killed by SIGKILL (9)"
    assert re.search(rf"^{TIMESTAMP}Out of memory: killed (process {hog} \(memhog\)|memhog\[{hog}\])",
                     vm.output, re.MULTILINE), vm.tail()
    printed = vm.run("run memhog 6M 2", timeout=60)
    assert "memhog: 6144 KiB verified after 2 passes" in printed, printed
    errors = len(re.findall(WRITE_ERROR, vm.output))
    assert errors <= 30, f"{errors} write-error lines: not rate-limited"
    assert re.search(r"\(\d+ messages suppressed\)", vm.output), vm.tail()
    info = vm.run("swapinfo")
    size, used = map(int, re.search(SWAPINFO_LINE, info, re.MULTILINE).groups())
    assert size == used, f"an area out of use still has free slots:\n{info}"
    assert re.search(r"^/dev/vda: \d+ bad slots .*out of use", info, re.MULTILINE), info
    assert_kernel_healthy(vm)


dead_swap_disk_is_survivable = scenario_calling(
    "dead_swap_disk_is_survivable", dead_disk, False, timeout=200)
dead_swap_disk_is_survivable_debug = scenario_calling(
    "dead_swap_disk_is_survivable_debug", dead_disk, True, timeout=250)


def bad_sector_under_writes(lab, debug):
    """Slot 40 fails every write, and memhog 24M 2 swaps through it. The
    16-page request that holds it fails (and those QEMU merged with it),
    their pages are written again one by one, and only the page of slot
    40 fails again: that page is moved to another slot, slot 40 alone is
    marked bad, and every word comes back.  (The messages are
    rate-limited, so swapinfo is the witness.)"""
    slot = 40
    error = Inject("write_aio", slot * 8, iotype="write")
    vm = lab.boot(mem="16M", swap=[swap_disk(lab, error)], debug=debug)
    vm.expect_prompt(timeout=60)
    printed = vm.run("run memhog 24M 2", timeout=150)
    assert "memhog: 24576 KiB verified after 2 passes" in printed, printed
    assert bad_slots(vm) == (1, str(slot)), vm.run("swapinfo")
    errors = [(int(first), int(last)) for first, last in
              re.findall(r"swap: write error -5, vda sectors (\d+)-(\d+)", vm.output)]
    alone = [first for first, last in errors if last == first + 7]
    assert set(alone) <= {slot * 8}, f"one-page writes that failed: {alone}"
    for old in re.findall(r"swap: page of vda slot (\d+) moved", vm.output):
        assert old == str(slot), vm.tail()
    assert_kernel_healthy(vm)


bad_sector_under_writes_release = scenario_calling(
    "bad_sector_under_writes", bad_sector_under_writes, False, timeout=200)
bad_sector_under_writes_debug = scenario_calling(
    "bad_sector_under_writes_debug", bad_sector_under_writes, True, timeout=250)


def bad_sector_under_reads(lab, debug):
    """Slot 2000 cannot be read. The memhog whose page lives there gets
    SIGBUS; the slot is marked bad and, once that memhog is gone, swapinfo
    shows it and it is never handed out again: a second memhog of the
    same size, whose pages go to the slots the first one had, finishes
    with every word verified (today's kernel gave it the slot, and
    SIGBUS)."""
    slot = 2000
    vm = lab.boot(mem="16M", swap=[swap_disk(lab, Inject("read_aio", slot * 8, iotype="read"))],
                  debug=debug)
    vm.expect_prompt(timeout=60)
    printed = vm.run("run memhog 24M 2", timeout=150)
    assert "memhog: killed by SIGBUS (7)" in printed, printed
    info = vm.run("swapinfo")
    printed = vm.run("run memhog 24M 2", timeout=150)
    assert "memhog: 24576 KiB verified after 2 passes" in printed, printed
    assert re.search(rf"^/dev/vda: 1 bad slot found since swapon; bad: {slot}$", info,
                     re.MULTILINE), info
    assert bad_slots(vm) == (1, str(slot))
    assert_kernel_healthy(vm)


bad_sector_under_reads_release = scenario_calling(
    "bad_sector_under_reads", bad_sector_under_reads, False, timeout=250)
bad_sector_under_reads_debug = scenario_calling(
    "bad_sector_under_reads_debug", bad_sector_under_reads, True, timeout=300)


@scenario("dead_swap_disk_beside_a_good_one", timeout=200)
def dead_swap_disk_beside_a_good_one(lab):
    """Two swap disks, and every write to the first (the higher priority)
    fails: it goes out of use, the pages whose writes failed move to the
    second disk, and memhog 20M 1 finishes with every word verified, no
    process killed.  (Two disks make the same memhog about ten times
    slower than one, with or without errors: hence a small one.)"""
    dead = swap_disk(lab, Inject("write_aio"))
    good = make_image(lab.tmpdir / "good.img", "64M", mkswap=True)
    vm = lab.boot(mem="16M", swap=[dead, good])
    vm.expect_prompt()
    printed = vm.run("run memhog 20M 1", timeout=150)
    assert "memhog: 20480 KiB verified after 1 passes" in printed, printed
    assert re.search(r"swap: vda: \d+ writes failed in a row: out of use", vm.output), vm.tail()
    assert "Out of memory" not in vm.output, vm.tail()
    info = vm.run("swapinfo")
    assert re.search(r"^/dev/vda: \d+ bad slots found since swapon; bad: [\d .]+; out of use", info,
                     re.MULTILINE), info
    assert_kernel_healthy(vm)


@scenario("unreadable_swap_disk_said_at_boot", timeout=120)
def unreadable_swap_disk_said_at_boot(lab):
    """A mkswap'd disk whose every read fails: the boot says it cannot
    look for a swap signature there (it said nothing, and the disk was
    silently not swap), swapon names the I/O error, the good disk beside
    it is swapped on, and not a byte of the dead one changes."""
    dead = swap_disk(lab, Inject("read_aio"))
    good = make_image(lab.tmpdir / "good.img", "16M", mkswap=True)
    before = digest(dead.image)
    vm = lab.boot(mem="16M", swap=[dead, good])
    boot_log = vm.expect_prompt()
    assert re.search(rf"^{TIMESTAMP}swapon: vda: cannot read page 0 to look for a swap "
                     r"signature: Input/output error$", boot_log, re.MULTILINE), boot_log
    assert re.search(rf"^{TIMESTAMP}Adding Swap: \d+k swap-space \(priority -1\) on vdb$",
                     boot_log, re.MULTILINE), boot_log
    printed = vm.run("swapon vda")
    assert "swapon: vda: cannot read the swap header: Input/output error" in printed, printed
    assert "swapon: vda: Input/output error" in printed, printed
    printed = vm.run("run memhog 20M 1", timeout=90)
    assert "memhog: 20480 KiB verified after 1 passes" in printed, printed
    assert_kernel_healthy(vm)
    vm.sendline("shutdown")
    assert vm.wait_exit(timeout=30).status == 0
    assert digest(dead.image) == before, "the unreadable disk was written"


@scenario("disk_that_stops_answering", timeout=200)
def disk_that_stops_answering(lab):
    """A disk that leaves a request unanswered (the monitor's qemu-io
    break holds it in blkdebug; blk_timeout=5 instead of 30 s): the boot
    gives up its read of page 0 after 5 s with the reason, where it hung
    for ever without a word; the disk answers the shell's swapon; a
    memhog whose swap write is held waits, said so after 5 s, while the
    shell answers, and goes on when the write is let through."""
    monitor = lab.tmpdir / "monitor.sock"
    disk = Disk(image=make_image(lab.tmpdir / "swap.img", "64M", mkswap=True),
                breakable=True)
    vm = lab.boot(mem="16M", swap=[disk], append="blk_timeout=5",
                  qemu=monitor_args(monitor) + ["-S"])
    hmp(monitor, 'qemu-io swap0 "break read_aio A"')
    hmp(monitor, "cont")
    boot_log = vm.expect_prompt(timeout=60)
    assert re.search(rf"^{TIMESTAMP}vda: 1 request unanswered for 5 s or more \(the oldest "
                     r"new one, a read at sector 0, for \d+ s\): still waiting; a dead disk\?$",
                     boot_log, re.MULTILINE), boot_log
    assert re.search(rf"^{TIMESTAMP}swapon: vda: cannot read page 0 to look for a swap "
                     r"signature: Connection timed out$", boot_log, re.MULTILINE), boot_log
    printed = vm.run("swapon vda", timeout=30)
    assert re.search(rf"^{TIMESTAMP}Adding Swap: \d+k swap-space", printed, re.MULTILINE), printed
    hmp(monitor, 'qemu-io swap0 "break write_aio B"')
    hog = start(vm, "memhog 24M 1")
    vm.expect(r"vda: \d+ requests? unanswered for 5 s or more \(the oldest new one, a write at "
              r"sector \d+, for \d+ s\): still waiting; a dead disk\?", timeout=60)
    assert re.search(rf"^\s*{hog}\s+1 D .* memhog$", vm.run("ps"), re.MULTILINE), vm.tail()
    hmp(monitor, 'qemu-io swap0 "resume B"')
    vm.expect(r"vda: answered again: a write late by \d+ s", timeout=30)
    assert wait_for_all(vm, [hog], 120)[hog] == "exited with status 0"
    assert_kernel_healthy(vm)


@scenario("disk_resized_smaller_under_swap", timeout=200)
def disk_resized_smaller_under_swap(lab):
    """The swap disk shrinks from 64 MiB to 8 MiB under a memhog (the
    monitor's block_resize): the kernel reads the new size at the
    device's configuration interrupt (it said "configuration change
    ignored" and went on with 64 MiB), lsblk shows it, the writes past
    the new end are refused with a rate-limited message, and once the
    area is off, swapon refuses its header as lying past the end (it
    took it again, 64 MiB on an 8 MiB disk)."""
    monitor = lab.tmpdir / "monitor.sock"
    image = make_image(lab.tmpdir / "swap.img", "64M", mkswap=True)
    vm = lab.boot(mem="16M", swap=[image], qemu=monitor_args(monitor))
    vm.expect_prompt(timeout=60)
    hog = start(vm, "memhog 24M 2")
    vm.expect(r"memhog: pass 1/2 ok", timeout=120)
    hmp(monitor, "block_resize swap0 8M")
    vm.expect(r"vda: new size: 16384 512-byte blocks \(was 131072\)", timeout=30)
    assert wait_for_all(vm, [hog], 120)[hog] in ("exited with status 0", "killed by SIGKILL (9)")
    assert re.search(r"^vda\s+254:0\s+0\s+8M\s", vm.run("lsblk"), re.MULTILINE), vm.tail()
    refused = len(re.findall(r"attempt to access beyond end of device", vm.output))
    assert refused <= 20, f"{refused} 'beyond end' messages: not rate-limited"
    printed = vm.run("swapoff vda", timeout=60) + vm.run("swapon vda", timeout=30)
    assert "swapon: vda: the header's last_page 16383 lies past the end of the disk " \
           "(2048 pages)" in printed, printed
    assert "swapon: vda: Invalid argument" in printed, printed
    assert_kernel_healthy(vm)


@scenario("swapoff_of_a_disk_that_stops_answering", timeout=240)
def swapoff_of_a_disk_that_stops_answering(lab):
    """A stopped memhog's pages are on the disk when the disk holds a
    read (the monitor's qemu-io break; blk_timeout=5): swapoff, which
    needs them, waits, the watchdog says so, and swapoff gives up with
    ETIMEDOUT and keeps the area, where it waited for ever and the shell
    with it. Once the read is let through, all goes on: the memhog,
    continued, finds its words still right, and swapoff empties the
    area. (The memhog is stopped so that its pages stay on the disk
    until swapoff: running, it read them all back before the break on
    a loaded host.)"""
    monitor = lab.tmpdir / "monitor.sock"
    disk = Disk(image=make_image(lab.tmpdir / "swap.img", "64M", mkswap=True),
                breakable=True)
    vm = lab.boot(mem="16M", swap=[disk], append="blk_timeout=5",
                  qemu=monitor_args(monitor))
    vm.expect_prompt(timeout=60)
    hog = start(vm, "memhog 10M 100000")
    vm.expect(r"memhog: pass 1/100000 ok", timeout=120)
    vm.run(f"kill -STOP {hog}")
    printed = vm.run("run memhog 12M 1", timeout=150)      # pushes the first one out
    assert "memhog: 12288 KiB verified after 1 passes" in printed, printed
    hmp(monitor, 'qemu-io swap0 "break read_aio A"')
    printed = vm.run("swapoff vda", timeout=60)
    assert re.search(r"vda: \d+ requests? unanswered for 5 s or more", printed), printed
    assert re.search(r"swapoff: vda does not answer the read of slot \d+: given up", printed), \
        printed
    assert "swapoff: vda: Connection timed out" in printed, printed
    assert re.search(SWAPINFO_LINE, vm.run("swapinfo"), re.MULTILINE), "the area went"
    hmp(monitor, 'qemu-io swap0 "resume A"')
    vm.expect(r"vda: answered again: a read late by \d+ s", timeout=30)
    done = max(int(n) for n in re.findall(r"memhog: pass (\d+)/100000 ok", vm.output))
    vm.run(f"kill -CONT {hog}")
    vm.expect(rf"memhog: pass {done + 1}/100000 ok", timeout=60)
    printed = vm.run("swapoff vda", timeout=120)
    assert "Removing Swap" in printed, printed
    vm.run(f"kill {hog}")
    assert wait_for_all(vm, [hog], 60)[hog] == "killed by SIGTERM (15)"
    assert "memhog: FAIL" not in vm.output, vm.tail()
    assert_kernel_healthy(vm)
