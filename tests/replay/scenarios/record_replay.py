"""make record / make replay (tools/rr.py) and reverse execution in GDB,
on a whole suite: one recording of the reclaim suite (test=reclaim,
which calls page_launder itself) with vmtrace on.

Longer than make check should pay for (the recording and each replay
take seconds to tens of seconds, and each reverse-continue replays from
the start), so run by `make check-replay`; tests/scenarios/replay.py
checks the same on one case of the suite in make check.

  - two replays print the same console output, vmtrace lines included,
    as the recorded run;
  - under GDB, from the end of the run, reverse-continue stops at the
    last page_launder call (tests/scenarios/_replay.py says how that is
    checked).

The watchpoint run backwards is checked by tests/scenarios/replay.py
only: on this recording each of its reverse-continues took minutes
(more than 800 s for the first two, load average 15).
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scenarios"))

from pagoda_test import scenario  # noqa: E402
from _replay import LAST_CALL, PRELUDE, check_last_call, gdb_on_replay, record, replay  # noqa: E402


def record_reclaim(lab):
    return record(lab, "test=reclaim vmtrace", mem="32M", swap="8M", timeout=400)


@scenario("two_replays_print_what_the_recorded_run_printed", timeout=900)
def replays_are_identical(lab):
    build, recorded = record_reclaim(lab)
    assert re.search(r"^vmtrace \d+ \d+ \w+", recorded, re.M), recorded
    for _ in range(2):
        replayed = replay(build, timeout=400)
        assert replayed == recorded, \
            f"a replay differs:\n{replayed[-3000:]}\n---- recorded:\n{recorded[-3000:]}"


@scenario("reverse_continue_from_the_end", timeout=900)
def reverse_execution(lab):
    build, recorded = record_reclaim(lab)
    check_last_call(gdb_on_replay(build, PRELUDE + LAST_CALL, timeout=800))
