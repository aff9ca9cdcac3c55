"""GDB commands for looking inside Pagoda (loaded by `make gdb`).

Each command reads the kernel's own data structures through GDB, so it
shows the state at the moment the kernel is stopped, for example in the
middle of page reclaim.  `apropos pagoda` lists them, `help pagoda-page`
explains one; docs/debugging.md has them all.  They live in pagoda_gdb/,
one module per subject:

    skip.gdb    the skip rules that keep step and next out of helpers
    kernel.py   what they share: reading lists, zones, tasks; errors
    start.py    pagoda-start (make gdb: stop at start_kernel)
    log.py      pagoda-dmesg
    page.py     pagoda-page, pagoda-pte, pagoda-lists
    swap.py     pagoda-swap, pagoda-swapcache
    task.py     pagoda-ps, pagoda-vmas, pagoda-walk
    zone.py     pagoda-zones, pagoda-buddy, pagoda-vmstat, pagoda-gfp
    rmap.py     pagoda-rmap
"""

import os
import sys

import gdb

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import pagoda_gdb.start   # noqa: E402,F401  (each module registers its commands)
import pagoda_gdb.log     # noqa: E402,F401
import pagoda_gdb.page    # noqa: E402,F401
import pagoda_gdb.swap    # noqa: E402,F401
import pagoda_gdb.task    # noqa: E402,F401
import pagoda_gdb.zone    # noqa: E402,F401
import pagoda_gdb.rmap    # noqa: E402,F401


def load_skip_rules():
    """skip.gdb: step and next stay out of the headers' helpers (quietly)."""
    with open(os.path.join(HERE, "skip.gdb")) as rules:
        for line in rules:
            if line.strip() and not line.lstrip().startswith("#"):
                gdb.execute(line, to_string=True)


load_skip_rules()
