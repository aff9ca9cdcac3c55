"""What drives page migration between NUMA nodes (two QEMU -numa nodes):
the move_pages and migrate_pages system calls (numamove), and the
shell's migrate and numastat, against running programs that check every
word they wrote. Release and debug builds; the debug kernel checks every
mm invariant (rmap, lists, swap cache) as it goes and panics naming the
first one broken.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

from pagoda_test import scenario, scenario_calling
from pagoda_test.qemu import numa_args

sys.path.insert(0, str(Path(__file__).parent))
from _programs import PROGRAMS, compare  # noqa: E402
from _gdb import REPO, free_port  # noqa: E402
from reclaim import assert_kernel_healthy, counters, start, swap_disk  # noqa: E402

MIGRATED = re.compile(r"migrate: pid (\d+): (\d+) pages moved to node (\d+), "
                      r"(\d+) not moved( \(node full\))?")


ENDED = re.compile(r"^\[(\d+)\] (exited with status \d+|killed by .*)$", re.MULTILINE)


def release_and_debug(name, run, *args, timeout, debug_timeout):
    """Two scenarios that call run(lab, *args, debug): `name` on the
    release kernel and `name`_debug on the debug kernel. Bind both to
    module-level names (load_scenarios() looks among the globals)."""
    return (scenario_calling(name, run, *args, False, timeout=timeout),
            scenario_calling(name + "_debug", run, *args, True, timeout=debug_timeout))


def ended(vm, pids, timeout=60):
    """{pid: how it ended} once every pid has ended (the shell says so
    between commands, so it may be in any command's output)."""
    for _ in range(timeout):
        found = {int(p): how for p, how in ENDED.findall(vm.output) if int(p) in pids}
        if len(found) == len(pids):
            return found
        vm.run("run sleep 1")
    raise AssertionError(f"{pids} did not all end:\n{vm.tail()}")


def two_nodes(lab, mem="64M", debug=False, swap=(), append=""):
    vm = lab.boot(mem=mem, qemu=numa_args(2, mem), debug=debug, swap=swap, append=append)
    vm.expect_prompt(timeout=90)
    return vm


def numastat(vm, pid):
    """{node: resident pages} of process pid, from the shell's numastat."""
    printed = vm.run(f"numastat {pid}")
    return {int(n): int(p) for n, p in re.findall(r"^Node (\d+)\s+(\d+)$", printed, re.MULTILINE)}


def migrate(vm, pid, node, timeout=60):
    """The shell's migrate: (pages moved, pages not moved, node full?)."""
    printed = vm.run(f"migrate {pid} {node}", timeout=timeout)
    found = MIGRATED.search(printed)
    assert found, f"migrate {pid} {node} printed:\n{printed}"
    assert int(found[1]) == pid and int(found[3]) == node, printed
    return int(found[2]), int(found[4]), bool(found[5])


def run_numamove(lab, debug):
    """numamove's rounds move its pages to each node in turn, by both calls,
    and every page is where it was sent, every word intact; the error
    answers are Linux's (the same program passes natively)."""
    vm = two_nodes(lab, debug=debug)
    before = counters(vm)
    argv = PROGRAMS["numamove"][0]
    printed = vm.run("run " + " ".join(argv), timeout=120)
    # a foreground program that exits 0 gets no "exited with" line
    status = re.search(r"^numamove: exited with status (\d+)$", printed, re.MULTILINE)
    compare("numamove", printed, int(status[1]) if status else 0)
    after = counters(vm)
    # 6 rounds of 64 pages, each to the other node
    assert after["pgmigrate_success"] - before["pgmigrate_success"] >= 6 * 64, (before, after)
    assert_kernel_healthy(vm)


numamove_moves_its_pages, numamove_moves_its_pages_debug = release_and_debug(
    "numamove_moves_its_pages", run_numamove, timeout=240, debug_timeout=300)


def memhog_migrated(lab, times, debug):
    """A running memhog is moved to the other node `times` times: each
    time numastat finds all its pages there, and the memhog, checking
    every word on each pass, never finds one wrong."""
    vm = two_nodes(lab, debug=debug)
    hog = start(vm, "memhog 4M 100000")
    vm.expect(r"memhog: pass 1/100000 ok", timeout=60)
    for i in range(times):
        node = (i + 1) % 2
        moved, failed, full = migrate(vm, hog, node)
        assert moved >= 1024 and not failed and not full, (i, moved, failed)
        where = numastat(vm, hog)
        assert where[1 - node] == 0 and where[node] >= 1024, (i, where)
    passes = re.findall(r"memhog: pass (\d+)/100000 (\w+)", vm.output)
    vm.run(f"kill {hog}")
    assert ended(vm, [hog]) == {hog: "killed by SIGTERM (15)"}
    assert all(ok == "ok" for _, ok in passes), passes
    assert len(passes) >= 3, f"memhog made only {len(passes)} passes meanwhile"
    assert "FAIL" not in vm.output, vm.tail()
    assert_kernel_healthy(vm)


memhog_migrated_100_times, memhog_migrated_100_times_debug = release_and_debug(
    "memhog_migrated_100_times", memhog_migrated, 100, timeout=300, debug_timeout=300)


@scenario("migrate_refuses_bad_arguments", timeout=120)
def migrate_refuses_bad_arguments(lab):
    """migrate and numastat say what is wrong with their arguments."""
    vm = two_nodes(lab)
    assert "migrate: 'x' is not a process id" in vm.run("migrate x 1")
    assert "migrate: (4242): no such process" in vm.run("migrate 4242 1")
    assert "migrate: no node '2' (nodes 0-1)" in vm.run("migrate 1 2")
    assert "migrate: no node '-1' (nodes 0-1)" in vm.run("migrate 1 -1")
    assert "usage" in vm.run("migrate 1").lower()
    assert "numastat: (4242): no such process" in vm.run("numastat 4242")
    assert "has no user pages" in vm.run("numastat 2") + vm.run("numastat 3")
    assert_kernel_healthy(vm)


def forkhog_pids(vm):
    """The pids of the forkhog processes alive now, from ps."""
    return [int(p) for p in re.findall(r"^\s*(\d+)\s+\d+ [RSD] .* forkhog$", vm.run("ps"),
                                       re.MULTILINE)]


def forkhog_followed(lab, debug):
    """forkhog's children share its pages (copy-on-write) while all of
    its processes are moved from node to node, again and again: a shared
    page moves once and every PTE that maps it follows (each child checks
    every word of the shared pages, then of the ones it copied)."""
    vm = two_nodes(lab, debug=debug)
    before = counters(vm)
    start(vm, "forkhog 8M 3")
    moves = 0
    while "parent's pages verified" not in vm.output and "FAIL" not in vm.output:
        pids = forkhog_pids(vm) if moves % 2 == 0 else pids
        for pid in pids:
            printed = vm.run(f"migrate {pid} {moves % 2}", timeout=60)
            assert MIGRATED.search(printed) or "no such process" in printed \
                or "has no user pages" in printed, printed
        moves += 1
        assert moves < 400, "forkhog did not end"
    vm.run("run sleep 1")
    assert re.search(r"^\[\d+\] exited with status 0$", vm.output, re.MULTILINE), vm.tail()
    # (a background program's lines may share a line with the prompt)
    for line in PROGRAMS["forkhog"][1]:
        assert line in vm.output, (line, vm.tail())
    # there and back at least: the -O0 debug build, checking every
    # invariant after each move, has time for no more than 3 rounds
    assert moves >= 2, f"only {moves} rounds of moves while forkhog ran"
    after = counters(vm)
    assert after["pgmigrate_success"] > before["pgmigrate_success"], (before, after)
    assert_kernel_healthy(vm)


forkhog_children_follow_their_pages, forkhog_children_follow_their_pages_debug = \
    release_and_debug("forkhog_children_follow_their_pages", forkhog_followed,
                      timeout=300, debug_timeout=300)


def migration_under_pressure(lab, hogs, size, passes, debug=False):
    """memhogs beyond RAM swap all the while (pages in the swap cache,
    under write I/O, on every list, kswapd running) as they are moved
    from node to node until they end: every page that is mapped moves,
    the swapped ones stay in swap, and each memhog finds every word."""
    vm = two_nodes(lab, debug=debug, swap=[swap_disk(lab)])
    before = counters(vm)
    pids = [start(vm, f"memhog {size}M {passes}") for _ in range(hogs)]
    vm.expect(rf"memhog: pass 1/{passes} ok", timeout=300)
    moves = 0
    while len(ENDED.findall(vm.output)) < hogs:
        for pid in pids:
            printed = vm.run(f"migrate {pid} {moves % 2}", timeout=120)
            # a memhog that ends between two moves is gone, or exiting
            assert MIGRATED.search(printed) or "no such process" in printed \
                or "has no user pages" in printed, printed
        moves += 1
    assert set(ended(vm, pids).values()) == {"exited with status 0"}, vm.tail()
    verified = f"memhog: {size * 1024} KiB verified after {passes} passes"
    assert vm.output.count(verified) == hogs, vm.tail()
    # there and back at least, each round begun while a memhog ran:
    # how many more fit depends on how fast memhog swaps (the -O0
    # debug build, checking every invariant after each move, has had
    # time for two when read-ahead kept memhog from waiting)
    assert moves >= 2, f"only {moves} rounds of moves"
    after = counters(vm)
    for name in ("pgmigrate_success", "pswpout", "pswpin"):
        assert after[name] > before[name], (name, before, after)
    assert_kernel_healthy(vm)


migration_races_memory_pressure, migration_races_memory_pressure_debug = release_and_debug(
    "migration_races_memory_pressure", migration_under_pressure, 1, 80, 2,
    timeout=400, debug_timeout=400)


@scenario("soak_migration_races_memory_pressure", timeout=1800)
def soak_migration_races_memory_pressure(lab):
    """make soak: two memhogs at 1.5x RAM, four passes each, on the debug kernel."""
    if not os.environ.get("PAGODA_SOAK"):
        lab.skip("a soak: make soak runs it")
    migration_under_pressure(lab, 2, 48, 4, debug=True)


def full_node(lab, debug):
    """No swap; a memhog filling most of node 1 (moved there) leaves it
    too little room for numamove's 16 MiB: move_pages answers ENOMEM for
    the pages that did not fit, they stay where they were, and nothing is
    lost, numamove's words nor the memhog's."""
    vm = two_nodes(lab, debug=debug, append="noswap")
    hog = start(vm, "memhog 20M 1000000")
    vm.expect(r"memhog: pass 1/1000000 ok", timeout=60)
    moved, failed, full = migrate(vm, hog, 1)
    assert moved >= 5000 and not failed and not full, (moved, failed)
    printed = vm.run("run numamove 4096 to 1", timeout=120)
    found = re.search(r"numamove: to node 1: (\d+) pages there, (\d+) ENOMEM, 0 other "
                      r"\(move_pages: Cannot allocate memory\)", printed)
    assert found and int(found[1]) > 0 and int(found[2]) > 0, printed
    assert "numamove: 4096 pages verified" in printed, printed
    passes = len(re.findall(r"memhog: pass \d+/1000000 ok", vm.output))
    vm.expect(rf"memhog: pass {passes + 2}/1000000 ok", timeout=60)
    assert "FAIL" not in vm.output, vm.tail()
    assert_kernel_healthy(vm)


full_target_node, full_target_node_debug = release_and_debug(
    "full_target_node", full_node, timeout=300, debug_timeout=300)


def fault_waits(lab, debug):
    """A running memhog is moved while each page's move is held open
    between steps 15 and 16 (migrate_hold_ms): the memhog touches a page
    whose PTE is a migration entry and sleeps in migration_entry_wait,
    under its page fault (GDB's backtrace shows it, as docs/migration.md
    says it would); then it goes on, every word it checks intact."""
    port = free_port()
    vm = lab.boot(mem="64M", append="migrate_hold_ms=300", debug=debug,
                  qemu=numa_args(2, "64M") + ["-gdb", f"tcp:127.0.0.1:{port}"])
    elf = Path(lab.build) / ("debug" if debug else "") / "kernel.elf"
    vm.expect_prompt(timeout=90)
    hog = start(vm, "memhog 32K 100000000")
    vm.expect(r"memhog: pass 1/100000000 ok", timeout=60)
    gdb = subprocess.Popen(
        ["gdb", "-q", "-batch", "-nx", str(elf),
         "-ex", f"target remote 127.0.0.1:{port}",
         "-ex", "break migration_entry_wait", "-ex", "continue", "-ex", "bt",
         "-ex", "delete", "-ex", "detach"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    vm.sendline(f"migrate {hog} 1")
    try:
        out = gdb.communicate(timeout=60)[0]
    except subprocess.TimeoutExpired:
        gdb.kill()
        raise AssertionError("GDB never stopped in migration_entry_wait:\n"
                             + gdb.communicate()[0]) from None
    frames = re.findall(r"^#\d+\s+(?:0x[0-9a-f]+ in )?(\w+)", out, re.MULTILINE)
    assert frames[:1] == ["migration_entry_wait"], out
    assert "handle_pte_fault" in frames and "do_page_fault" in frames, out
    found = vm.expect(MIGRATED, timeout=120)
    assert int(found[1]) == hog and int(found[2]) > 0 and found[4] == "0", found[0]
    vm.expect_prompt()
    passes = len(re.findall(r"memhog: pass \d+/100000000 ok", vm.output))
    vm.expect(rf"memhog: pass {passes + 2}/100000000 ok", timeout=60)
    vm.run(f"kill {hog}")
    assert ended(vm, [hog]) == {hog: "killed by SIGTERM (15)"}
    assert "FAIL" not in vm.output, vm.tail()
    assert_kernel_healthy(vm)


a_fault_waits_on_a_migration_entry, a_fault_waits_on_a_migration_entry_debug = \
    release_and_debug("a_fault_waits_on_a_migration_entry", fault_waits,
                      timeout=240, debug_timeout=360)
