"""The programs of user/ under Pagoda, each started with init=PROG: what
they print (tests/scenarios/_programs.py, shared with the native runs)
and how the machine powers off: 33 when the program exits 0, 35 else.
"""

import re
import sys
from pathlib import Path

from pagoda_test import scenario, scenario_calling

sys.path.insert(0, str(Path(__file__).parent))
from _programs import PROGRAMS, compare  # noqa: E402

INIT_LINE = re.compile(r"init: (\S+) (exited with status (\d+)|killed by (\S+))")


def run_as_init(lab, name, timeout, mem=None):
    """Boot with init="argv...", wait for power-off, check the program."""
    argv, _, expected_status = PROGRAMS[name]
    vm = lab.boot(append=f'init="{" ".join(argv)}"', mem=mem)
    status, code = vm.wait_exit(timeout=timeout)
    found = INIT_LINE.search(vm.output)
    assert found, f"no 'init: {argv[0]} exited/killed' line:\n{vm.tail()}"
    assert "Kernel panic" not in vm.output and "Oops" not in vm.output, vm.tail()
    compare(name, vm.output, int(found.group(3)) if found.group(3) else -1)
    want = 33 if expected_status == 0 else 35
    assert code == want, f"QEMU exited {code}, expected {want} for status {expected_status}"


# scenario: (program in PROGRAMS, seconds for the scenario, for the power-off)
INIT_RUNS = {
    "memhog_verifies": ("memhog", 120, 100),
    "memhog_bad_size": ("memhog_bad_size", 60, 50),
    "memhog_too_big_says_why": ("memhog_too_big", 60, 50),
    "sleep_negative_says_why": ("sleep_negative", 60, 50),
    "forktest": ("forktest", 120, 100),
    "faulttest_kernel_survives": ("faulttest", 120, 100),
    "sysfuzz_100000_calls": ("sysfuzz", 300, 280),
    "forkhog": ("forkhog", 120, 100),
    "sleep": ("sleep", 60, 50),
    "tlstest_thread_area": ("tlstest", 90, 80),
    "clonetest_clone_wait4": ("clonetest", 90, 80),
    "timetest_clocks_and_sleeps": ("timetest", 90, 80),
    "systest_ids_sysinfo_and_memory_calls": ("systest", 90, 80),
    "exectest_execve_and_sigchld": ("exectest", 90, 80),
    "fdtest_descriptor_table": ("fdtest", 90, 80),
    "pipetest_pipes": ("pipetest", 120, 100),
    "pgrptest_groups_and_sessions": ("pgrptest", 90, 80),
    "selecttest_select_and_pselect6": ("selecttest", 90, 80),
    "stoptest_stop_continue_and_wait": ("stoptest", 90, 80),
    "threadtest_threads_and_futexes": ("threadtest", 120, 100),
}

for _name, (_program, _timeout, _wait) in INIT_RUNS.items():
    globals()[_name] = scenario_calling(_name, run_as_init, _program, _wait,
                                        timeout=_timeout)
del _name, _program, _timeout, _wait


@scenario("init_unknown_program", timeout=60)
def init_unknown_program(lab):
    vm = lab.boot(append="init=nosuch")
    vm.expect(r"init: cannot run 'nosuch': no such program")
    assert vm.wait_exit(timeout=30).code == 35
