"""The GDB workflow of `make debug` + `make gdb`, driven by a real GDB.

QEMU starts halted with a gdbstub; GDB runs tools/gdb/pagoda.gdb (what
`make gdb` runs), which must stop at start_kernel. Then a breakpoint set
by name must hit, and the project's pagoda-* commands must read kernel
data (the log buffer).
"""

import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from pagoda_test import scenario  # noqa: E402
from _gdb import REPO, free_port  # noqa: E402



@scenario("gdb_stops_at_start_kernel_and_reads_the_log", timeout=120)
def gdb_session(lab):
    port = free_port()
    vm = lab.boot(qemu=["-S", "-gdb", f"tcp:127.0.0.1:{port}"])
    argv = ["gdb", "-q", "-batch", "-nx", str(Path(lab.build) / "kernel.elf"),
            "-ex", f"target remote 127.0.0.1:{port}",
            "-x", "tools/gdb/pagoda.gdb",
            "-ex", "break shell_run", "-ex", "continue",
            "-ex", "pagoda-dmesg", "-ex", "kill"]
    done = subprocess.run(argv, cwd=REPO, capture_output=True, text=True, timeout=90)
    out = done.stdout + done.stderr
    vm.kill()
    assert "start_kernel (magic=" in out, f"GDB did not stop at start_kernel:\n{out}"
    assert re.search(r"Breakpoint \d+, shell_run", out), f"break shell_run did not hit:\n{out}"
    assert "Pagoda: a teaching kernel" in out, f"pagoda-dmesg printed no log:\n{out}"
    assert "paging: " in out, f"pagoda-dmesg missed later lines:\n{out}"


@scenario("gdb_helpers_decode_pages_lists_and_buddy", timeout=120)
def gdb_mm_helpers(lab):
    """Stop in deactivate_page on a shared page (swap_lists suite) and look around."""
    port = free_port()
    vm = lab.boot(append="test=swap_lists", qemu=["-S", "-gdb", f"tcp:127.0.0.1:{port}"])
    argv = ["gdb", "-q", "-batch", "-nx", str(Path(lab.build) / "kernel.elf"),
            "-ex", f"target remote 127.0.0.1:{port}",
            "-x", "tools/gdb/pagoda.gdb",
            "-ex", "break deactivate_page if page->count == 3", "-ex", "continue",
            "-ex", "pagoda-page page",
            "-ex", "finish", "-ex", "pagoda-lists 4", "-ex", "pagoda-buddy",
            "-ex", "pagoda-page 99999999", "-ex", "kill"]
    done = subprocess.run(argv, cwd=REPO, capture_output=True, text=True, timeout=90)
    out = done.stdout + done.stderr
    vm.kill()
    page = re.search(r"^pfn (\d+) \(phys 0x[0-9a-f]{8}\) struct page 0x[0-9a-f]+, "
                     r"zone node 0 (DMA|Normal)\n  flags 0x00000041 \[locked active\]\n"
                     r"  count 3, age 2, on the active list\n", out, re.M)
    assert page, f"pagoda-page did not decode the shared page:\n{out}"
    # Still mapped, so deactivate_page() left it on the active list.
    assert re.search(rf"^active: 1 pages: {page.group(1)}\(age \d+\)$", out, re.M), out
    assert "inactive_dirty: 0 pages\n" in out, out
    assert re.search(r"^Node 0, zone +Normal( +\d+){10} $", out, re.M), out
    assert "pagoda-page: pfn 99999999 is outside mem_map" in out, out


@scenario("gdb_follows_the_seeds_kswapd_tree", timeout=150)
def gdb_kswapd_tree(lab):
    """Under a memhog larger than RAM, `break try_to_swap_out` stops with
    the seed's call tree on the stack, kswapd at its root, and
    `break page_launder` with the inactive lists to look at."""
    from pagoda_test.disks import make_image
    image = make_image(lab.tmpdir / "swap.img", "64M", mkswap=True)
    port = free_port()
    vm = lab.boot(mem="16M", append='init="memhog 24M 1"', swap=[image],
                  qemu=["-S", "-gdb", f"tcp:127.0.0.1:{port}"])
    argv = ["gdb", "-q", "-batch", "-nx", str(Path(lab.build) / "kernel.elf"),
            "-ex", f"target remote 127.0.0.1:{port}",
            "-x", "tools/gdb/pagoda.gdb",
            "-ex", "break try_to_swap_out", "-ex", "continue", "-ex", "bt",
            "-ex", "delete", "-ex", "break page_launder", "-ex", "continue",
            "-ex", "pagoda-lists 2", "-ex", "kill"]
    done = subprocess.run(argv, cwd=REPO, capture_output=True, text=True, timeout=120)
    out = done.stdout + done.stderr
    vm.kill()
    assert "#0  try_to_swap_out" in out, out
    frames = re.findall(r"^#\d+\s+(?:0x[0-9a-f]+ in )?(\w+) \(",
                        out[out.index("#0  try_to_swap_out"):], re.MULTILINE)
    tree = ["try_to_swap_out", "swap_out_pmd", "swap_out_pgd", "swap_out_vma",
            "swap_out_mm", "swap_out", "refill_inactive", "do_try_to_free_pages", "kswapd"]
    assert frames[:len(tree)] == tree, f"the backtrace is not the seed's tree: {frames}\n{out}"
    assert re.search(r"Breakpoint \d+, page_launder", out), out
    assert re.search(r"^active: \d+ pages", out, re.MULTILINE), out


@scenario("gdb_shows_a_page_in_migration", timeout=120)
def gdb_migration(lab):
    """The migrate suite moves a page; GDB stops at step 16
    (remove_migration_ptes) where its PTE still holds a migration entry:
    pagoda-rmap lists it with its process and address, pagoda-pte
    decodes it, pagoda-page counts it; after the step, the new page's
    rmap holds the PTE."""
    port = free_port()
    vm = lab.boot(append="test=migrate", qemu=["-S", "-gdb", f"tcp:127.0.0.1:{port}"])
    argv = ["gdb", "-q", "-batch", "-nx", str(Path(lab.build) / "kernel.elf"),
            "-ex", f"target remote 127.0.0.1:{port}",
            "-x", "tools/gdb/pagoda.gdb",
            "-ex", "pagoda-rmap 1",
            "-ex", "break remove_migration_ptes if new != old", "-ex", "continue",
            "-ex", "print old - mem_map",
            "-ex", "print/x ptep_to_address((pte_t *)old->rmap)",
            "-ex", "print/x (unsigned long)ptep_to_mm((pte_t *)old->rmap)",
            "-ex", "print/x old->rmap",
            "-ex", "pagoda-rmap old",
            "-ex", "pagoda-pte *(pte_t *)old->rmap",
            "-ex", "pagoda-page old",
            "-ex", "finish", "-ex", "pagoda-rmap newpage",
            "-ex", "pagoda-pte 0x10", "-ex", "pagoda-rmap 99999999",
            "-ex", "pagoda-rmap", "-ex", "kill"]
    done = subprocess.run(argv, cwd=REPO, capture_output=True, text=True, timeout=90)
    out = done.stdout + done.stderr
    vm.kill()
    # before mem_init ran (GDB stops at start_kernel): a clear message
    assert re.search(r"^pagoda-rmap: .*: not set up yet$", out, re.M), out
    pfn = re.search(r"^\$1 = (\d+)$", out, re.M)
    assert pfn, f"did not stop in remove_migration_ptes:\n{out}"
    pfn = pfn.group(1)
    assert re.search(rf"^pfn {pfn}: 1 rmap entry$", out, re.M), out
    # the PTE, its mm and user address as mm/rmap.c computes them
    address, mm, ptep = (int(re.search(rf"^\${n} = (0x[0-9a-f]+)$", out, re.M)[1], 16)
                         for n in (2, 3, 4))
    assert re.search(rf"^  {address:#010x} in mm {mm:#x} \(1 \S+\): pte {ptep:#x} = "
                     rf"0x[0-9a-f]{{8}}: migration entry \(write\) for pfn {pfn}$",
                     out, re.M), out
    assert re.search(rf"^0x[0-9a-f]{{8}}: migration entry \(write\) for pfn {pfn}$",
                     out, re.M), out
    assert re.search(rf"^  mapped by 1 PTE \(its reverse map: pagoda-rmap {pfn}\)$",
                     out, re.M), out
    # after the step: the new page is mapped again, writable
    assert re.search(r"^pfn \d+: 1 rmap entry\n  .*: present: pfn \d+ \(phys "
                     r"0x[0-9a-f]{8}\) \[present rw ", out, re.M), out
    assert "0x00000010: migration entry (read) for pfn 0" in out, out
    assert "pagoda-rmap: pfn 99999999 is outside mem_map" in out, out
    assert "pagoda-rmap: give a pfn or struct page * (usage: pagoda-rmap" in out, out
