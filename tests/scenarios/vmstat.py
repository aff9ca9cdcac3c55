"""The VM's counters and traces as a user sees them: vmstat and vmtrace=1."""

import re

from pagoda_test import scenario
from pagoda_test.disks import make_image

COUNTERS = ("nr_free_pages", "nr_active", "nr_inactive_dirty", "nr_inactive_clean",
            "pgfault", "pgmajfault", "pswpin", "pswpout", "pgscan",
            "swapout_pte_scan", "swapout_pte_young", "pgrefill",
            "pgscan_inactive_dirty", "pgscan_inactive_clean", "pgsteal",
            "pgactivate", "pgdeactivate", "kswapd_wakeup", "allocstall", "oom_kill")


def boot(lab, append=""):
    vm = lab.boot(append=append)
    vm.expect_prompt()
    return vm


@scenario("vmstat_prints_proc_vmstat_lines", timeout=60)
def vmstat_counters(lab):
    vm = boot(lab)
    printed = vm.run("vmstat")
    values = dict(re.findall(r"^(\w+) (\d+)$", printed, re.MULTILINE))
    for name in COUNTERS:
        assert name in values, f"vmstat has no '{name} N' line:\n{printed}"
    assert int(values["nr_free_pages"]) > 1000, printed
    # Aging moves pages: the swap_lists suite activates and deactivates.
    vm.run("test swap_lists")
    # 4 MiB touched by a program: at least one fault per page.
    assert "verified" in vm.run("run memhog 4M 1"), "memhog failed"
    again = dict(re.findall(r"^(\w+) (\d+)$", vm.run("vmstat"), re.MULTILINE))
    assert int(again["pgfault"]) >= int(values["pgfault"]) + 1024, again
    assert int(again["pgactivate"]) > int(values["pgactivate"]), again
    assert int(again["pgdeactivate"]) > int(values["pgdeactivate"]), again


@scenario("vmstat_table_and_bad_arguments", timeout=60)
def vmstat_table(lab):
    vm = boot(lab)
    printed = vm.run("vmstat 1 3")
    lines = printed.strip().splitlines()
    assert lines[0].split() == ["swpd", "free", "active", "inact_d", "inact_c", "si", "so"], \
        printed
    rows = [line.split() for line in lines[1:]]
    assert len(rows) == 3 and all(len(r) == 7 and all(f.isdigit() for f in r)
                                  for r in rows), printed
    for bad in ("vmstat 0", "vmstat x", "vmstat 1 0", "vmstat 1 2 3",
                "vmstat 4294967295"):  # SECONDS * HZ would wrap
        assert "usage: vmstat" in vm.run(bad), f"'{bad}' was not refused"


@scenario("vmtrace_lines_only_when_asked", timeout=60)
def vmtrace(lab):
    quiet = boot(lab)
    assert "vmtrace " not in quiet.run("test swap_lists")
    traced = boot(lab, "vmtrace")
    printed = traced.run("test swap_lists")
    events = re.findall(r"^vmtrace (\d+) (\d+) (\w+)$", printed, re.MULTILINE)
    kinds = {e[2] for e in events}
    assert {"active", "inactive_dirty", "inactive_clean"} <= kinds, printed


@scenario("vmtrace_follows_pages_through_reclaim", timeout=120)
def vmtrace_through_reclaim(lab):
    """Under a memhog larger than RAM, vmtrace=1 shows pages going the
    seed's way: to inactive_dirty, written, inactive_clean, reclaimed."""
    image = make_image(lab.tmpdir / "swap.img", "64M", mkswap=True)
    vm = lab.boot(mem="16M", append="vmtrace", swap=[image])
    vm.expect_prompt()
    printed = vm.run("run memhog 20M 1", timeout=100)
    assert "memhog: 20480 KiB verified after 1 passes" in printed, printed[-2000:]
    events = re.findall(r"^vmtrace (\d+) (\d+) (\w+)$", printed, re.MULTILINE)
    kinds = {}
    for _, pfn, kind in events:
        kinds.setdefault(kind, set()).add(pfn)
    for kind in ("inactive_dirty", "written", "inactive_clean", "reclaimed"):
        assert len(kinds.get(kind, ())) > 100, f"few '{kind}' events: {len(kinds.get(kind, ()))}"
    # a page written is one that went inactive first
    assert kinds["written"] <= kinds["inactive_dirty"] | kinds.get("active", set())
