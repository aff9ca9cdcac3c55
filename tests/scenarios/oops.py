"""What a kernel crash looks like: a deliberate NULL write (tests/kernel/oops_demo.c).

The report must name the faulting function and its callers (symbols come
from the kernel's own table, not from the host), show the registers and
CR2, and QEMU must exit with the failure status, never 33 or 0.
"""

from pagoda_test import scenario


def crash_report(lab, demo, what, report):
    """Boot the crash demo suite `demo`, expect the `report` lines (regexes)
    in order, then QEMU's failure status after `what`; return the Machine."""
    vm = lab.boot(append=f"test={demo}")
    for line in report:
        vm.expect(line)
    code = vm.wait_exit(timeout=30).code
    assert code == 35, f"QEMU exited with {code} after {what}, expected 35 (failure)"
    return vm


@scenario("oops_report", timeout=60)
def oops_report(lab):
    vm = crash_report(lab, "demo_oops", "the oops", [
        r"Unable to handle kernel NULL pointer dereference at virtual address 00000000",
        r"Oops: page fault, error code 0002",
        r"EIP: 0008:c[0-9a-f]{7}",
        r"CR0: [0-9a-f]{8}  CR2: 00000000",
        r"Call Trace:",
        r"\[<c[0-9a-f]{7}>\] oops_demo_write_null\+0x[0-9a-f]+/0x[0-9a-f]+",
        r"\] kernel_init\+0x",  # the init thread runs the tests
        r"Kernel panic - not syncing: Fatal exception",
    ])
    assert "not ok" not in vm.output.split("Oops")[0], "a case failed before the crash"


@scenario("panic_report", timeout=60)
def panic_report(lab):
    crash_report(lab, "demo_panic", "panic()", [
        r"Kernel panic: demo panic: the answer is 42",
        r"CR0: [0-9a-f]{8}  CR2: [0-9a-f]{8}  CR3: [0-9a-f]{8}",
        r"Call Trace:",
        r"\] panic\+0x",
        r"\] panic_demo_caller\+0x",
        r"Kernel panic - not syncing: demo panic: the answer is 42",
    ])


@scenario("loglevel_hides_but_dmesg_keeps", timeout=60)
def loglevel_hides_but_dmesg_keeps(lab):
    """loglevel=4 hides KERN_INFO on the console; dmesg still has it."""
    vm = lab.boot(append="loglevel=4")
    before = vm.expect_prompt()
    assert "Kernel command line" not in before, f"an INFO line reached the console:\n{before}"
    assert "paging:" not in before, before
    printed = vm.run("dmesg")
    assert "Kernel command line: loglevel=4" in printed, printed
    assert "paging:" in printed, printed
    vm.sendline("shutdown")
    assert vm.wait_exit(timeout=30)[0] == 0


@scenario("shell_test_command", timeout=60)
def shell_test_command(lab):
    """`test GLOB` from the shell runs suites and returns to the prompt."""
    vm = lab.boot()
    vm.expect_prompt()
    printed = vm.run("test lib_glob,timer")
    assert "ok 1 lib_glob" in printed and "ok 2 timer" in printed, printed
    assert "passed, 0 failed" in printed, printed
    printed = vm.run("test no_such_suite")
    assert "no test suite matches 'no_such_suite'" in printed, printed
    printed = vm.run("test demo_*")
    assert "1..0" in printed, f"a wildcard ran the explicit-only crash demo:\n{printed}"
    vm.sendline("shutdown")
    assert vm.wait_exit(timeout=30)[0] == 0


@scenario("softlockup_report", timeout=60)
def softlockup_report(lab):
    """A kernel thread that never calls schedule() starves the test thread
    (kernel code is not preempted); the tick names it (kernel/softlockup.c)
    and, in a test boot, ends the boot."""
    crash_report(lab, "demo_softlockup softlockup_thresh=2", "the soft lockup", [
        r"BUG: soft lockup - CPU#0 stuck for 2s! \[spinner:\d+\]",
        r"Call Trace:",
        r"\] softlockup_demo_spin\+0x",
        r"Kernel panic - not syncing: softlockup: hung tasks",
    ])
