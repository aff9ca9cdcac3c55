"""Soak runs, too long for `make check` (`make soak` runs them): sysfuzz's
million random system calls under several seeds, on the default build and
on the DEBUG=1 build, whose address-space checker runs after every mmap2,
munmap, brk, mprotect and fork. make check keeps a run of 100000 calls
(tests/scenarios/programs.py).

Seed 12345 is the one that found mmap2 handing out addresses of 2 GiB and
more without mapping them (they were negative as a long).
"""

import re

from pagoda_test import scenario_calling

CALLS = 1000000
# The debug build checks the whole address space (every VMA and present
# PTE, mm/mmap_debug.c) after each change, so its cost grows with what
# sysfuzz has mapped: seed 1 took 11 s for 20000 calls and 204 s for
# 100000 (the default build: 1.5 s), and a million never ended within
# 900 s. It makes 100000 calls.
DEBUG_CALLS = 100000
SEEDS = (1, 2, 12345, 987654321)


def sysfuzz_soak(lab, seed, debug):
    calls = DEBUG_CALLS if debug else CALLS
    vm = lab.boot(mem="32M", append=f'init="sysfuzz {calls} {seed}"', debug=debug)
    _, code = vm.wait_exit()  # until the scenario's timeout
    assert f"sysfuzz: {calls} calls (seed {seed}), all results as expected" in vm.output, \
        vm.tail()
    for bad in ("Oops", "Kernel panic", "broken after", "invariant broken", "segfault"):
        assert bad not in vm.output, f"'{bad}' in the output:\n{vm.tail()}"
    assert re.search(r"init: sysfuzz exited with status 0", vm.output), vm.tail()
    assert code == 33, f"QEMU exited {code}, expected 33"


for _seed in SEEDS:
    for _debug in (False, True):
        _name = f"sysfuzz_{DEBUG_CALLS if _debug else CALLS}_seed_{_seed}" + \
            ("_debug" if _debug else "")
        globals()[_name] = scenario_calling(_name, sysfuzz_soak, _seed, _debug, timeout=900)
del _seed, _debug, _name
