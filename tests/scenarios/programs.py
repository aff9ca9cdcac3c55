"""The programs of user/ under Pagoda, each started with init=PROG: what
they print (tests/scenarios/_programs.py, shared with the native runs)
and how the machine powers off: 33 when the program exits 0, 35 else.
"""

import re
import sys
from pathlib import Path

from pagoda_test import scenario

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


@scenario("memhog_verifies", timeout=120)
def memhog_verifies(lab):
    run_as_init(lab, "memhog", 100)


@scenario("memhog_bad_size", timeout=60)
def memhog_bad_size(lab):
    run_as_init(lab, "memhog_bad_size", 50)


@scenario("forktest", timeout=120)
def forktest(lab):
    run_as_init(lab, "forktest", 100)


@scenario("faulttest_kernel_survives", timeout=120)
def faulttest_kernel_survives(lab):
    run_as_init(lab, "faulttest", 100)


@scenario("sysfuzz_100000_calls", timeout=300)
def sysfuzz_100000_calls(lab):
    run_as_init(lab, "sysfuzz", 280)


@scenario("forkhog", timeout=120)
def forkhog(lab):
    run_as_init(lab, "forkhog", 100)


@scenario("sleep", timeout=60)
def sleep(lab):
    run_as_init(lab, "sleep", 50)


@scenario("init_unknown_program", timeout=60)
def init_unknown_program(lab):
    vm = lab.boot(append="init=nosuch")
    vm.expect(r"init: cannot run 'nosuch': no such program")
    assert vm.wait_exit(timeout=30).code == 35
