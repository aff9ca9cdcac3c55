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


@scenario("shell_test_command_without_swap", timeout=240)
def shell_test_command_without_swap(lab):
    """`test *` on a machine booted with no swap area: the cases that
    swap are skipped, saying why, and none of them crashes the kernel
    (readahead_ramps_up_for_a_reader_in_order read the disk of swap
    area -1 before it knew there was none: a NULL dereference, the
    shell's `test reclaim` a kernel panic).  Cases that need the test
    runner's machine (two nodes, a PCI bridge) may fail; the shell goes
    on."""
    vm = lab.boot(append="noswap")
    vm.expect_prompt()
    printed = vm.run("test *", timeout=200)
    assert "Oops" not in vm.output and "Kernel panic" not in vm.output, vm.tail()
    assert "# SKIP no swap area" in printed, printed
    assert "passed," in printed.splitlines()[-1], printed.splitlines()[-3:]
    vm.sendline("shutdown")
    assert vm.wait_exit(timeout=30)[0] == 0


@scenario("shell_test_command_keeps_the_swap_area", timeout=240)
def shell_test_command_keeps_the_swap_area(lab):
    """`test reclaim` from the shell on a machine with a plain swap disk
    (not the runner's, whose sector 12032 cannot be read) leaves the
    area swapped on: swapoff_reads_alone_what_readahead_failed expected
    swapoff to fail there, and when it succeeded the user's swap was
    gone (SwapTotal 0) after the test.  That case may fail here; the
    area stays."""
    vm = lab.boot(swap=[lab.make_disk("swap.img", "32M", mkswap=True)])
    vm.expect_prompt()
    before = vm.run("swapinfo")
    assert "/dev/vda" in before, before
    vm.run("test reclaim", timeout=200)
    after = vm.run("swapinfo")
    assert "/dev/vda" in after, f"test reclaim took the swap area away:\n{after}"
    assert "Oops" not in vm.output and "Kernel panic" not in vm.output, vm.tail()


@scenario("hung_case_report", timeout=60)
def hung_case_report(lab):
    """A kernel thread that loops calling schedule() keeps a case waiting
    for ever, and the soft-lockup detector quiet; past ktest_timeout the
    watch on the case (kernel/hung_task.c) names the thread that had the
    CPU, with its backtrace, and ends the test boot."""
    vm = crash_report(lab, "demo_hung_case ktest_timeout=2", "the hung case", [
        r"INFO: a_thread_loops_while_the_case_waits still running after 2s in init:1 \(D\)",
        r"\] a_thread_loops_while_the_case_waits\+0x",
        r"INFO: the CPU since it began \(\d+ ticks\):",
        r"INFO:   looper:\d+ [RS] \d+ ticks \((9\d|100)%\)",
        r"Call Trace:",
        r"\] hung_demo_loop\+0x",
        r"INFO:   idle \d+ ticks",
        r"Kernel panic - not syncing: hung task: a_thread_loops_while_the_case_waits "
        r"ran past 2s, looper:\d+ had (9\d|100)% of the CPU",
    ])
    assert "soft lockup" not in vm.output, vm.tail()


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
