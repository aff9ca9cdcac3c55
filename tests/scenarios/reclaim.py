"""Reclaim under real memory pressure from user programs, against a
virtio-blk swap disk: every program verifies every word it wrote
(memhog, forkhog, hotcold print "verified" only if all match), and the
counters show the machinery at work.

Small RAM (16-32 MiB) makes pressure cheap under TCG. Disk images are
made by the host's mkswap in the scenario's tmpdir.
"""

import re

from pagoda_test import scenario, scenario_calling
from pagoda_test.disks import make_image
from pagoda_test.qemu import Disk, Inject

TIMESTAMP = r"(?:\[\s*\d+\.\d+\]\s*)?"


def swap_disk(lab, size="128M", name="swap.img"):
    return make_image(lab.tmpdir / name, size, mkswap=True)


def counters(vm):
    """vmstat's "name value" lines as a dict of ints."""
    return {k: int(v) for k, v in re.findall(r"^(\w+) (\d+)$", vm.run("vmstat"), re.MULTILINE)}


def meminfo(vm):
    """meminfo's lines as a dict of KiB."""
    return {k: int(v) for k, v in re.findall(r"^(\w+):\s+(\d+) kB$", vm.run("meminfo"),
                                             re.MULTILINE)}


def watermarks(vm):
    """(sum of the zones' min, sum of their high) from zoneinfo, in pages."""
    info = vm.run("zoneinfo")
    mins = [int(v) for v in re.findall(r"^\s+min\s+(\d+)$", info, re.MULTILINE)]
    highs = [int(v) for v in re.findall(r"^\s+high\s+(\d+)$", info, re.MULTILINE)]
    return sum(mins), sum(highs)


def run_ok(vm, command, expect, timeout):
    """Runs command in the foreground; asserts it printed `expect` and exited 0."""
    printed = vm.run(f"run {command}", timeout=timeout)
    assert expect in printed, f"'{command}' did not print {expect!r}:\n{printed}"
    assert "FAIL" not in printed, f"'{command}' found bad data:\n{printed}"
    return printed


def start(vm, command):
    """Starts command in the background; returns its pid."""
    printed = vm.run(f"run {command} &")
    found = re.search(r"^\[(\d+)\] \S+$", printed, re.MULTILINE)
    assert found, f"'run {command} &' did not start:\n{printed}"
    return int(found[1])


def wait_for_all(vm, pids, timeout):
    """Waits until every pid has been reported ended; {pid: how it ended}."""
    ended = {}
    while set(ended) != set(pids):
        vm.run("run sleep 1", timeout=timeout)
        # All the output: a job may end while another command prints
        # (a memhog killed as the next one starts); pids are not reused.
        for pid, how in re.findall(r"^\[(\d+)\] (exited with status \d+|killed by .*)$",
                                   vm.output, re.MULTILINE):
            if int(pid) in pids:
                ended[int(pid)] = how
    return ended


def assert_kernel_healthy(vm):
    """No oops, panic or broken invariant so far, and the shell still answers."""
    for bad in ("Oops", "Kernel panic", "invariant broken", "BUG:"):
        assert bad not in vm.output, f"'{bad}' in the output:\n{vm.tail()}"
    assert "Type 'help'" in vm.output or vm.run("help")


@scenario("memhog_at_twice_ram", timeout=240)
def memhog_at_twice_ram(lab):
    """A memhog of 64 MiB in 32 MiB of RAM: every word comes back through
    swap, kswapd is woken and writes, free memory stays near the
    watermarks meanwhile, and when it has exited every slot is free again
    but those the swap cache still holds."""
    vm = lab.boot(mem="32M", swap=[swap_disk(lab)])
    vm.expect_prompt()
    before = counters(vm)
    low, high = watermarks(vm)
    hog = start(vm, "memhog 64M 6")
    vm.expect(r"memhog: pass 1/6 ok", timeout=100)
    # under pressure (5 passes to go), free memory stays near the
    # watermarks: kswapd refills it, allocations take it down to min
    rows = [line.split() for line in vm.run("vmstat 1 1", timeout=60).splitlines()
            if re.fullmatch(r"(\s*\d+){7}", line)]
    assert len(rows) == 1, f"no vmstat row: {rows}"
    assert "verified" not in vm.output, "memhog ended before vmstat looked"
    assert low // 2 <= int(rows[0][1]) <= 2 * high, \
        f"free {rows[0][1]} not near [{low}, {high}]"
    ended = wait_for_all(vm, [hog], 200)
    assert ended[hog] == "exited with status 0", ended
    assert "memhog: 65536 KiB verified after 6 passes" in vm.output, vm.tail()
    after = counters(vm)
    for name in ("pswpout", "pswpin", "kswapd_wakeup", "pgmajfault", "pgsteal"):
        assert after[name] > before[name], f"{name} did not rise: {before} -> {after}"
    assert after["pswpout"] - before["pswpout"] >= 8192, after  # 32 MiB at least
    info = meminfo(vm)
    assert info["SwapTotal"] > 100000, info
    assert info["SwapTotal"] - info["SwapFree"] <= info["SwapCached"], info
    # memhog's last pass only reads: no write is in flight when it exits,
    # so its pages must have left the swap cache with it (1 MiB of slack)
    assert info["SwapCached"] <= 1024, info
    assert_kernel_healthy(vm)


@scenario("debug_build_checks_invariants_under_pressure", timeout=400)
def debug_build_checks_invariants_under_pressure(lab):
    """The DEBUG=1 kernel checks every mm invariant (lists, swap cache,
    swap_map against the PTEs) after each reclaim pass: a memhog at twice
    RAM and a forkhog run through it without one being broken."""
    vm = lab.boot(mem="32M", swap=[swap_disk(lab)], debug=True)
    vm.expect_prompt(timeout=60)
    before = counters(vm)
    run_ok(vm, "memhog 64M 2", "memhog: 65536 KiB verified after 2 passes", 300)
    run_ok(vm, "forkhog 24M 2", "forkhog: parent's pages verified after 2 children", 300)
    after = counters(vm)
    assert after["pswpout"] > before["pswpout"], after
    assert after["allocstall"] + after["kswapd_wakeup"] > 0, after
    assert_kernel_healthy(vm)


@scenario("four_memhogs_at_three_times_ram", timeout=400)
def four_memhogs_at_three_times_ram(lab):
    """Four memhogs of 24 MiB at once in 32 MiB of RAM (3x): all four
    finish, each with every word verified."""
    vm = lab.boot(mem="32M", swap=[swap_disk(lab, "256M")])
    vm.expect_prompt()
    pids = [start(vm, "memhog 24M 3") for _ in range(4)]
    ended = wait_for_all(vm, pids, 350)
    assert all(how == "exited with status 0" for how in ended.values()), ended
    assert vm.output.count("memhog: 24576 KiB verified after 3 passes") == 4, vm.tail()
    assert counters(vm)["oom_kill"] == 0
    assert_kernel_healthy(vm)


@scenario("fork_children_share_swapped_pages", timeout=300)
def fork_children_share_swapped_pages(lab):
    """A parent larger than RAM forks three children: they read its
    swapped-out pages through shared swap entries, copy half of them on
    write, and every process sees exactly its own data."""
    vm = lab.boot(mem="16M", swap=[swap_disk(lab)])
    vm.expect_prompt()
    printed = run_ok(vm, "forkhog 24M 3", "forkhog: parent's pages verified after 3 children",
                     250)
    for n in (1, 2, 3):
        assert f"forkhog: child {n}: shared and copied pages verified" in printed, printed
    info = meminfo(vm)
    assert info["SwapTotal"] - info["SwapFree"] <= info["SwapCached"], info
    assert_kernel_healthy(vm)


@scenario("hot_set_stays_resident", timeout=300)
def hot_set_stays_resident(lab):
    """3 MiB in use all the time beside 24 MiB walked a slice at a time, in
    16 MiB of RAM: aging keeps the hot pages in memory (next to no major
    faults on them once warm) while the cold ones go to swap and come
    back."""
    # Guest time from instructions (-icount): aging and the
    # hot walk then keep the same pace whatever else loads the host;
    # with host-paced time a busy host slows the walk against the ticks
    # and the hot set looks cold.
    vm = lab.boot(mem="16M", swap=[swap_disk(lab)],
                  qemu=["-icount", "shift=0,sleep=off"])
    vm.expect_prompt()
    before = counters(vm)
    printed = run_ok(vm, "hotcold 3M 24M", "hotcold: every word verified", 250)
    swapped_in = counters(vm)["pswpin"] - before["pswpin"]
    hot = re.search(r"hot set: (\d+) major faults in (\d+) page walks", printed)
    assert hot, printed
    touches = int(hot[2])
    # Near zero: at most one major fault per 300 touches of the hot set
    # (143 here).  Measured: 0 with aging, its hot pages walked between
    # cold ones (an earlier hotcold walking them in bursts between cold
    # slices: 0 in most runs and up to 54 in a few); 327 with the
    # young bit ignored in try_to_swap_out.
    assert int(hot[1]) <= touches // 300, f"the hot set was swapped out: {hot[0]}"
    # The cold set (6144 pages, walked a slice at a time, 16 slices) comes
    # back from swap: counted in pages read, not in major faults, which
    # read-ahead running ahead of the walk makes few.
    assert swapped_in > 4000, f"the cold set did not go to swap: {swapped_in} pages read"
    assert_kernel_healthy(vm)


@scenario("swap_exhausted_kills_the_largest", timeout=300)
def swap_exhausted_kills_the_largest(lab):
    """16 MiB of RAM and 16 MiB of swap, three memhogs wanting 58 MiB: the
    OOM killer kills exactly one, the largest; the other two finish with
    every word verified; the shell, init and kswapd go on; the victim's
    slots come back."""
    vm = lab.boot(mem="16M", swap=[swap_disk(lab, "16M")])
    vm.expect_prompt()
    small = start(vm, "memhog 4M 400")
    medium = start(vm, "memhog 6M 300")
    large = start(vm, "memhog 48M 2")
    ended = wait_for_all(vm, [small, medium, large], 250)
    assert ended[large] == "killed by SIGKILL (9)", ended
    assert ended[small] == ended[medium] == "exited with status 0", ended
    kills = re.findall(rf"^{TIMESTAMP}Out of memory: killed process (\d+) \(memhog\)",
                       vm.output, re.MULTILINE)
    assert kills == [str(large)], f"OOM kills: {kills}, expected only {large}"
    assert "Out of memory: killed memhog" not in vm.output, vm.tail()
    assert vm.output.count("memhog: 4096 KiB verified after 400 passes") == 1
    assert vm.output.count("memhog: 6144 KiB verified after 300 passes") == 1
    assert counters(vm)["oom_kill"] == 1
    # Every slot is back, except those the swap cache still holds for
    # pages that were being written when their owner died (2.4 frees
    # those when reclaim reaches them): no slot is leaked.
    info = meminfo(vm)
    assert info["SwapTotal"] - info["SwapFree"] <= info["SwapCached"], info
    tasks = vm.run("ps")
    assert "[init]" in tasks and "[kswapd]" in tasks, tasks
    assert_kernel_healthy(vm)


@scenario("oom_kills_a_stopped_process", timeout=300)
def oom_kills_a_stopped_process(lab):
    """The largest process is stopped (SIGSTOP, T in ps) when memory runs
    out: the OOM killer's SIGKILL wakes it and it dies, as a running one
    would, and the other memhog finishes verified (a stop holds no
    lock, and TASK_STOPPED wakes for SIGKILL)."""
    vm = lab.boot(mem="16M", swap=[swap_disk(lab, "16M")])
    vm.expect_prompt()
    large = start(vm, "memhog 24M 100000")
    vm.expect(r"memhog: pass 1/100000 ok", timeout=120)
    vm.run(f"kill -STOP {large}")
    assert re.search(rf"^\s*{large}\s+1 T ", vm.run("ps"), re.MULTILINE), vm.tail()
    small = start(vm, "memhog 12M 3")
    ended = wait_for_all(vm, [small, large], 250)
    assert ended[large] == "killed by SIGKILL (9)", ended
    assert ended[small] == "exited with status 0", ended
    assert vm.output.count("memhog: 12288 KiB verified after 3 passes") == 1
    assert_kernel_healthy(vm)


@scenario("pipe_under_pressure_loses_nothing", timeout=300)
def pipe_under_pressure_loses_nothing(lab):
    """pipetest's checks, then 8 MiB through a pipe, while a memhog of 24
    MiB swaps in 16 MiB of RAM: the readers' and writers' buffers go to
    swap and come back, faulted in by the pipe's own copies while its
    semaphore is held (three writers' records stay whole); every byte
    arrives in order, memhog verifies every word, nobody is killed."""
    vm = lab.boot(mem="16M", swap=[swap_disk(lab)])
    vm.expect_prompt()
    hog = start(vm, "memhog 24M 3")
    run_ok(vm, "pipetest", "pipetest: all checks passed", 200)
    run_ok(vm, "pipetest pump 8M", "pipetest: pump: 8192 KiB verified", 200)
    ended = wait_for_all(vm, [hog], 200)
    assert ended[hog] == "exited with status 0", ended
    assert "memhog: 24576 KiB verified after 3 passes" in vm.output, vm.tail()
    stats = counters(vm)
    assert stats["oom_kill"] == 0 and stats["pswpin"] > 0, stats
    assert_kernel_healthy(vm)


@scenario("swap_write_errors_lose_nothing", timeout=300)
def swap_write_errors_lose_nothing(lab):
    """blkdebug fails the first write to each of eight slots: each failed
    page stays in memory, dirty, and is written again later; memhog finds
    every word."""
    image = swap_disk(lab, "64M")
    slots = (3, 40, 41, 300, 1000, 1500, 2000, 3000)
    errors = tuple(Inject("write_aio", slot * 8, once=True, iotype="write") for slot in slots)
    vm = lab.boot(mem="16M", swap=[Disk(image=image, errors=errors)])
    vm.expect_prompt()
    run_ok(vm, "memhog 32M 3", "memhog: 32768 KiB verified after 3 passes", 250)
    failed = re.findall(r"swap: write error -5, vda sectors (\d+)-", vm.output)
    assert len(failed) >= 4, f"only {len(failed)} write errors seen:\n{vm.tail()}"
    assert_kernel_healthy(vm)


@scenario("swap_read_error_kills_only_the_owner", timeout=300)
def swap_read_error_kills_only_the_owner(lab):
    """Slot 2000 cannot be read. The memhog whose page lives there gets
    SIGBUS when it needs it back; a second memhog, started later (so none
    of its pages is near that slot), finishes verified; the kernel and the
    shell go on, and a third memhog runs fine afterwards."""
    image = swap_disk(lab, "64M")
    error = Inject("read_aio", 2000 * 8, iotype="read")
    vm = lab.boot(mem="16M", swap=[Disk(image=image, errors=(error,))])
    vm.expect_prompt()
    owner = start(vm, "memhog 24M 3")
    vm.expect(r"memhog: pass 1/3 ok", timeout=120)
    other = start(vm, "memhog 4M 300")
    ended = wait_for_all(vm, [owner, other], 250)
    assert ended[owner] == "killed by SIGBUS (7)", ended
    assert ended[other] == "exited with status 0", ended
    assert re.search(rf"memhog\[{owner}\]: swap entry \w+ at \w+ could not be read back in",
                     vm.output), vm.tail()
    assert "memhog: 4096 KiB verified after 300 passes" in vm.output
    run_ok(vm, "memhog 8M 2", "memhog: 8192 KiB verified after 2 passes", 100)
    assert_kernel_healthy(vm)


@scenario("swapoff_under_load", timeout=300)
def swapoff_under_load(lab):
    """swapoff of the busy area while a memhog runs: every page on it comes
    back (what does not fit goes to the other area), and the memhog, which
    kept running all along, finds every word."""
    # 17M, not 16M: with two swap areas this workload falls off a cliff
    # just below 16 MiB (main's kernel at 15M: pass 4 in the time 16M
    # takes to finish 30; a kernel two pages larger, such as one whose
    # struct page holds the reverse map, at 16M: the same).  The cliff
    # itself is a reclaim problem still to look into.
    vm = lab.boot(mem="17M", swap=[swap_disk(lab, "64M", "a.img"),
                                   swap_disk(lab, "64M", "b.img")])
    vm.expect_prompt()
    hog = start(vm, "memhog 24M 30")
    vm.expect(r"memhog: pass 2/30 ok", timeout=120)
    printed = vm.run("swapoff vda", timeout=200)
    assert re.search(r"Removing Swap: \d+k swap-space on vda", printed), printed
    areas = vm.run("swapinfo")
    assert "/dev/vda" not in areas and "/dev/vdb" in areas, areas
    ended = wait_for_all(vm, [hog], 250)
    assert ended[hog] == "exited with status 0", ended
    assert "memhog: 24576 KiB verified after 30 passes" in vm.output, vm.tail()
    assert_kernel_healthy(vm)


@scenario("swapoff_refused_without_room", timeout=300)
def swapoff_refused_without_room(lab):
    """With nowhere to put its pages, swapoff says so and keeps the area;
    the memhog on it is not disturbed. Once it has gone, swapoff works."""
    vm = lab.boot(mem="16M", swap=[swap_disk(lab, "64M")])
    vm.expect_prompt()
    hog = start(vm, "memhog 40M 1000")
    vm.expect(r"memhog: pass 1/1000 ok", timeout=120)
    printed = vm.run("swapoff vda", timeout=100)
    assert re.search(r"swapoff: vda: \d+ pages swapped out, but memory and the other swap "
                     r"areas have room for \d+", printed), printed
    assert "swapoff: vda: Cannot allocate memory" in printed, printed
    assert "/dev/vda" in vm.run("swapinfo")
    vm.expect(r"memhog: pass 3/1000 ok", timeout=120)
    vm.run(f"kill {hog}")
    ended = wait_for_all(vm, [hog], 60)
    assert ended[hog] == "killed by SIGTERM (15)", ended
    assert "Removing Swap" in vm.run("swapoff vda", timeout=100)
    assert "FAIL" not in vm.output, vm.tail()
    assert_kernel_healthy(vm)


def forkhog_beside_memhog(lab, debug):
    """A memhog of 8 MiB walked over and over, and beside it from its
    second pass, until it is killed, a forkhog of 16 MiB whose 3
    children copy half of it each, in
    32 MiB of RAM and 22 MiB of swap: 48 MiB of data (the forkhog's 4096
    pages, 3 x 2048 copies, the memhog's 2048), more than twice what swap
    holds; RAM plus swap (54 MiB) exceed it by 12% (6 MiB, of which the
    kernel keeps about 2). The memhog and the forkhog's parent alone fill
    RAM, so every run swaps. Nothing is OOM-killed and every word checks
    out. Swap fills up for moments while pages with slots are still in
    memory (being written, or read back and not yet given their slot up):
    with 2.4.0's out_of_memory(), which kills the first time swap is full
    and free memory low, kswapd killed the forkhog in 3 runs of 4; it
    takes out_of_memory() saying so again and again for a second
    (oom_persists(), as Linux 2.4.17). It also takes a page in memory
    giving its slot up when it is written, or read back while swap is
    more than half full (remove_exclusive_swap_page): with 2.4.0's rule
    that a page keeps its slot as long as it lives, swap filled with
    copies of what RAM held. The memhog walks until the forkhog is done
    (a fixed number of passes ended before the forkhog's children started
    once faults got cheaper), and every pass it finished checked out."""
    vm = lab.boot(mem="32M", swap=[swap_disk(lab, "22M")], debug=debug)
    vm.expect_prompt(timeout=60)
    hog = start(vm, "memhog 8M 100000")
    vm.expect(r"memhog: pass 1/100000 ok", timeout=60)
    fork = start(vm, "forkhog 16M 3")
    ended = wait_for_all(vm, [fork], 500 if debug else 250)
    assert ended == {fork: "exited with status 0"}, f"{ended}\n{vm.tail()}"
    assert "forkhog: parent's pages verified after 3 children" in vm.output, vm.tail()
    vm.run(f"kill {hog}")
    ended = wait_for_all(vm, [hog], 60)
    assert ended[hog] == "killed by SIGTERM (15)", f"{ended}\n{vm.tail()}"
    assert re.search(r"memhog: pass \d+/100000 ok", vm.output), vm.tail()
    assert "FAIL" not in vm.output, vm.tail()
    assert "Out of memory" not in vm.output, vm.tail()
    after = counters(vm)
    assert after["oom_kill"] == 0, after
    assert after["pswpout"] > 2048, after  # under pressure: it did swap
    info = meminfo(vm)
    assert info["SwapTotal"] - info["SwapFree"] <= info["SwapCached"], info
    assert_kernel_healthy(vm)


forkhog_beside_memhog_no_oom_kill = scenario_calling(
    "forkhog_beside_memhog_no_oom_kill", forkhog_beside_memhog, False, timeout=300)
forkhog_beside_memhog_no_oom_kill_debug = scenario_calling(
    "forkhog_beside_memhog_no_oom_kill_debug", forkhog_beside_memhog, True, timeout=600)
