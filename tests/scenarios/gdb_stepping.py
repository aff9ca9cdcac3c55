"""The stepping build (DEBUG=1, -O0): GDB shows every variable of the
seed's functions at every line, each function has its own frame, and
`step` stays out of the headers' one-line helpers (tools/gdb/skip.gdb).
"""

import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from pagoda_test import scenario  # noqa: E402
from _gdb import REPO, free_port  # noqa: E402


# The functions of the seed's call trees (alloc_pages, kswapd, the
# swap-out tree, swap-in, OOM).
SEED = ["alloc_pages", "__alloc_pages", "rmqueue", "expand", "__free_pages_ok",
        "__alloc_pages_limit", "kswapd", "do_try_to_free_pages",
        "try_to_free_pages", "page_launder", "refill_inactive",
        "refill_inactive_scan", "swap_out", "swap_out_mm", "swap_out_vma",
        "swap_out_pgd", "swap_out_pmd", "try_to_swap_out", "reclaim_page",
        "add_to_swap_cache", "get_swap_page", "do_swap_page", "swapin_readahead",
        "deactivate_page", "age_page_up", "age_page_down",
        "age_page_down_ageonly", "lookup_swap_cache", "out_of_memory",
        "badness", "oom_kill"]
# Those a memhog larger than RAM runs through (no OOM, no direct reclaim
# needed): each is stopped in once.
UNDER_PRESSURE = ["alloc_pages", "__alloc_pages", "rmqueue", "expand",
                  "__free_pages_ok", "kswapd", "do_try_to_free_pages",
                  "page_launder", "refill_inactive", "refill_inactive_scan",
                  "swap_out", "swap_out_mm", "swap_out_vma", "swap_out_pgd",
                  "swap_out_pmd", "try_to_swap_out", "add_to_swap_cache",
                  "get_swap_page", "do_swap_page", "swapin_readahead",
                  "deactivate_page", "lookup_swap_cache"]


def debug_elf(lab):
    elf = Path(lab.build) / "debug" / "kernel.elf"
    if not elf.exists():
        lab.skip(f"no debug build at {elf} (make check makes it)")
    return elf


def gdb_run(argv, timeout):
    done = subprocess.run(["gdb", "-q", "-batch", "-nx", *argv], cwd=REPO,
                          capture_output=True, text=True, timeout=timeout)
    return done.stdout + done.stderr


@scenario("stepping_build_has_every_local_at_every_line", timeout=60)
def every_local_at_every_line(lab):
    """Static, from the debug information of every line: no variable of a
    seed function lives anywhere but in its stack slot, none is inlined."""
    out = gdb_run([str(debug_elf(lab)), "-ex", f"python FUNCTIONS={SEED!r}",
                   "-x", "tools/gdb/check_locals.py"], 50)
    for name in SEED:
        assert re.search(rf"^locals {name}: \d+ variables, \d+ lines: ok$", out,
                         re.M), f"{name}: not every variable at every line:\n{out}"
    assert "inlined" not in out, out
    # try_to_swap_out's own variables are among those checked.
    assert re.search(r"^locals try_to_swap_out: 9 variables", out, re.M), out


def boot_hog(lab, port):
    from pagoda_test.disks import make_image
    image = make_image(lab.tmpdir / "swap.img", "64M", mkswap=True)
    return lab.boot(mem="16M", append='init="memhog 24M 1"', swap=[image],
                    debug=True, qemu=["-S", "-gdb", f"tcp:127.0.0.1:{port}"])


@scenario("stepping_build_shows_locals_where_reclaim_stops", timeout=240)
def locals_at_reclaim_stops(lab):
    """Live: a stop in each seed function a memhog reaches; info args and
    info locals show no <optimized out>; bt has one frame per function."""
    elf = debug_elf(lab)
    port = free_port()
    vm = boot_hog(lab, port)
    out = gdb_run([str(elf), "-ex", f"target remote 127.0.0.1:{port}",
                   "-x", "tools/gdb/pagoda.gdb",
                   "-ex", f"python FUNCTIONS={UNDER_PRESSURE!r}",
                   "-x", "tests/gdb/visit.py",
                   "-ex", "break try_to_swap_out", "-ex", "continue", "-ex", "bt",
                   "-ex", "kill"], 200)
    vm.kill()
    assert "#0  try_to_swap_out" in out, out[-3000:]
    frames = re.findall(r"^#\d+\s+(?:0x[0-9a-f]+ in )?(\w+) \(",
                        out[out.rindex("#0  try_to_swap_out"):], re.M)
    tree = ["try_to_swap_out", "swap_out_pmd", "swap_out_pgd", "swap_out_vma",
            "swap_out_mm", "swap_out", "refill_inactive", "do_try_to_free_pages",
            "kswapd"]
    assert frames[:len(tree)] == tree, f"not the seed's tree: {frames}\n{out}"
    assert "<optimized out>" not in out, out
    for name in UNDER_PRESSURE:
        assert re.search(rf"^visit {name}: \d+ variables ok$", out, re.M), \
            f"no clean stop in {name}:\n{out[-3000:]}"


def line_in_try_to_swap_out(text):
    """The line of try_to_swap_out whose code is `text`."""
    source = (REPO / "mm" / "vmscan.c").read_text().splitlines()
    start = next(i for i, ln in enumerate(source)
                 if ln.startswith("int try_to_swap_out("))
    return next(i + 1 for i in range(start, len(source))
                if source[i].strip() == text)


@scenario("step_and_next_stay_in_the_seed_function", timeout=180)
def step_skips_helpers(lab):
    """In try_to_swap_out on a present PTE, `step` goes over pte_present,
    pte_page, PageReserved, PageActive... (header helpers) line by line,
    and `next` reaches the end with every local readable at each line.
    Then, as it unmaps a page, `step` goes over unlock_page (mm/filemap.h)
    and page_cache_release (mm/swap.h), and in add_to_swap_cache over
    lru_lock (mm/swap.h)."""
    elf = debug_elf(lab)
    port = free_port()
    vm = boot_hog(lab, port)
    steps = ["-ex", "step"] * 6
    nexts = ["-ex", "next", "-ex", "info locals"] * 14
    unmapped = line_in_try_to_swap_out('vmtrace(page, "unmapped");')
    release = line_in_try_to_swap_out("page_cache_release(page);\t/* the "
                                      "mapping's reference */")
    tail = ["-ex", "echo STEP-TAIL\\n", "-ex", f"break mm/vmscan.c:{unmapped}",
            "-ex", "continue", "-ex", "delete", "-ex", "step", "-ex", "step",
            "-ex", f"break mm/vmscan.c:{release}", "-ex", "continue",
            "-ex", "delete", "-ex", "step",
            "-ex", "break add_to_swap_cache", "-ex", "continue",
            "-ex", "delete", "-ex", "step", "-ex", "step", "-ex", "step",
            "-ex", "echo STEP-DONE\\n"]
    out = gdb_run([str(elf), "-ex", f"target remote 127.0.0.1:{port}",
                   "-x", "tools/gdb/pagoda.gdb",
                   "-ex", "break try_to_swap_out if page_table->pte_low & 1",
                   "-ex", "continue", "-ex", "delete", *steps,
                   "-ex", "echo NEXT\\n", *nexts, *tail, "-ex", "kill"], 150)
    vm.kill()
    first = re.search(r"Breakpoint \d+, try_to_swap_out", out)
    assert first and "NEXT" in out, out
    stepping = out[first.start():out.index("NEXT")]
    # Each step prints the line it reached; a helper would print its frame
    # ("pte_present (pte=...) at mm/pgtable.h:105").
    lines = re.findall(r"^(\d+)\t", stepping, re.M)
    assert len(lines) >= 6, stepping
    assert "mm/pgtable.h" not in stepping and "mm/mm.h" not in stepping, stepping
    assert not re.search(r"^\w+ \(.*\) at (?!mm/vmscan\.c)", stepping, re.M), stepping
    assert "<optimized out>" not in out[out.index("NEXT"):], out
    assert "onlist = " in out[out.index("NEXT"):], out
    assert "STEP-DONE" in out, out[-3000:]
    stepping = out[out.index("STEP-TAIL"):out.index("STEP-DONE")]
    # unlock_page, pages_unmapped++, then return 1, then in
    # add_to_swap_cache's BUG_ONs to the radix-tree insert: in the
    # seed's files each one.
    reached = re.findall(r"^(\d+)\t(.*)$", stepping, re.M)
    texts = [text.strip() for _, text in reached]
    assert "pages_unmapped++;" in texts and "return 1;" in texts, stepping
    assert any(t.startswith("err = radix_tree_insert") for t in texts), \
        stepping
    assert "mm/swap.h" not in stepping and "mm/filemap.h" not in stepping, \
        stepping
