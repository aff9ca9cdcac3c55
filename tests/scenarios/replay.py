"""make record / make replay and GDB's reverse execution, in a short run.

One case of the reclaim suite (page_launder_writes_when_short: a dirty
swap-cache page, a free shortage, page_launder writes it) is recorded
with vmtrace on; the run takes about a second, so that make check (and
CI) can afford record/replay on every run.  tests/replay
(make check-replay) does the same on the whole reclaim suite.

  - a replay prints what the recorded run printed, vmtrace lines too;
  - on a replay under GDB, stopped where page_launder has written the
    page, a watchpoint on the page's flags run backwards finds the
    write that cleared PG_dirty, in swap_cache_start_io called by
    launder_write, and reverse-finish goes back to launder_write;
  - from the end of the run (machine_exit), reverse-continue stops at
    the last page_launder call: the one seen last going forward, and
    continuing from there reaches the end with no other.

A second short recording (refill_inactive_scan_ages_the_active_list:
the active list's scan ages an unreferenced page to 0 and moves it to
inactive_dirty): from that move, a watchpoint on the page's age run
backwards finds the write that aged it, in age_page_down_ageonly
called by refill_inactive_scan.

And what is typed at the shell during a recording is part of it: a
replay, with nothing typed, prints the same session.
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from pagoda_test import scenario  # noqa: E402
from _replay import (LAST_CALL, PRELUDE, WATCH_AGE, WATCH_BACK,  # noqa: E402
                     check_last_call, check_watch_age, check_watch_back,
                     gdb_on_replay, record, record_typing, replay)


@scenario("replay_and_reverse_execution_in_gdb", timeout=240)
def replay_and_reverse(lab):
    build, recorded = record(lab, "test=reclaim.page_launder_writes_when_short vmtrace",
                             mem="32M", swap="8M", timeout=120)
    assert re.search(r"^ +ok 1 page_launder_writes_when_short$", recorded, re.M), recorded
    written = re.findall(r"^vmtrace \d+ (\d+) written$", recorded, re.M)
    assert written, f"page_launder wrote no page:\n{recorded}"
    replayed = replay(build, timeout=120)
    assert replayed == recorded, \
        f"the replay differs:\n{replayed[-3000:]}\n---- recorded:\n{recorded[-3000:]}"
    script = PRELUDE + WATCH_BACK.format(pfn=written[-1]) + LAST_CALL
    out = gdb_on_replay(build, script, timeout=120)
    check_watch_back(out)
    check_last_call(out)


@scenario("a_reverse_watchpoint_finds_who_aged_a_page", timeout=240)
def reverse_watch_on_age(lab):
    build, recorded = record(lab, "test=reclaim.refill_inactive_scan_ages_the_active_list"
                             " vmtrace", mem="32M", swap="8M", timeout=120)
    assert re.search(r"^ +ok 1 refill_inactive_scan_ages_the_active_list$",
                     recorded, re.M), recorded
    deactivated = re.findall(r"^vmtrace \d+ (\d+) inactive_dirty$", recorded, re.M)
    assert deactivated, f"no page went to inactive_dirty:\n{recorded}"
    out = gdb_on_replay(build, PRELUDE + WATCH_AGE.format(pfn=deactivated[-1]),
                        timeout=120)
    check_watch_age(out)


@scenario("what_is_typed_is_replayed", timeout=180)
def typed_input_replayed(lab):
    build, recorded = record_typing(lab, ["meminfo", "run memhog 2M 1"],
                                    mem="32M", swap="8M")
    assert re.search(r"^MemFree: +\d+ kB$", recorded, re.M), recorded
    assert "memhog: pass 1/1 ok" in recorded, recorded
    replayed = replay(build, timeout=120)
    assert replayed == recorded, \
        f"the replay differs:\n{replayed[-3000:]}\n---- recorded:\n{recorded[-3000:]}"
