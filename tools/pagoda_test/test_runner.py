"""Tests for the runner, the Machine and the shell scenarios, against fake_qemu.py.

They need no kernel: PAGODA_QEMU points at fake_qemu.py and NM at a script
listing made-up suites. Run with the KTAP tests:
    python3 -m unittest discover -s tools/pagoda_test -p 'test_*.py'
"""

import io
import os
import shlex
import stat
import sys
import tempfile
import time
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from pagoda_test import lab, machine, qemu, runner  # noqa: E402
from pagoda_test.machine import Machine  # noqa: E402

FAKE_QEMU = f"{shlex.quote(sys.executable)} {shlex.quote(str(HERE / 'fake_qemu.py'))}"
SCENARIOS = HERE.parents[1] / "tests" / "scenarios"

KERNEL_SYMBOLS = """\
c010d940 r __ktest_suite_pass_one
c010f198 r __ktest_ptr_pass_one
c010d940 r __ktest_suite_fail_two
c010d940 r __ktest_suite_crash_three
c010d940 r __ktest_suite_skip_four
c010d940 r __ktest_suite_badexit_five
c010d940 r __ktest_suite_hang_six
c010d940 r __ktest_suite_stdin_seven
c010e9a0 r __ktest_xsuite_crash_demo
c010e9a0 r __ktest_ptr_crash_demo
c0104b30 T ktest_run
"""

SUITES_PY = """\
SUITES = {
    "hang_*": {"timeout": 4},  # long enough for the fake to start on a loaded host
    "pass_*,skip_*": {"mem": "3G", "qemu": ["-smp", "2"], "append": "loglevel=7"},
    "*": {"mem": "32M"},
}
"""

HOST_KTAP = """\
#!/bin/sh
echo "KTAP version 1"
echo "1..3"
echo "    KTAP version 1"
echo "    # Subtest: buddy"
echo "    1..2"
echo "    ok 1 split"
echo "    ok 2 merge"
echo "ok 1 buddy"
echo "    KTAP version 1"
echo "    # Subtest: radix"
echo "    1..2"
echo "    ok 1 insert"
echo "==1==ERROR: AddressSanitizer: heap-use-after-free"
exit 1
"""


def write_script(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


class FakeBuildTest(unittest.TestCase):
    """A temporary build/ and tests/ with fake kernel, ISO, nm and ktest-host."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        base = Path(self.tmp.name)
        self.build = base / "build"
        (self.build).mkdir()
        (self.build / "kernel.elf").write_text("")
        (self.build / "pagoda.iso").write_text("")
        write_script(base / "nm", f"#!/bin/sh\ncat <<'EOF'\n{KERNEL_SYMBOLS}EOF\n")
        self.tests = base / "tests"
        self.tests.mkdir()
        (self.tests / "suites.py").write_text(SUITES_PY)
        (self.tests / "scenarios").symlink_to(SCENARIOS)
        self.env = {"PAGODA_QEMU": FAKE_QEMU, "NM": str(base / "nm")}
        self.saved_env = {k: os.environ.get(k) for k in [*self.env, "FAKE_SHELL_BROKEN"]}
        os.environ.update(self.env)
        self.addCleanup(self.restore_env)

    def restore_env(self):
        for key, value in self.saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value

    def run_tests(self, *args):
        """Run the runner in-process; return (exit status, printed lines)."""
        stream = io.StringIO()
        status = runner.main(["--build", str(self.build), "--tests", str(self.tests),
                              "--jobs", "4", *args], stream=stream)
        return status, stream.getvalue().splitlines()


class KernelSuiteTest(FakeBuildTest):
    def test_counts_every_case_and_fails_bad_runs(self):
        start = time.monotonic()
        status, lines = self.run_tests("--glob", "kernel:*")
        self.assertLess(time.monotonic() - start, 30, "the hanging suite was not killed")
        self.assertEqual(machine._live, set(), "a QEMU was left running")
        self.assertEqual(status, 1)
        # pass 3, fail 2+1, crash 4+1, skip 2+1 skipped, badexit 3+1, hang 2+1, stdin 3
        # (crash and hang boot again after the case that stopped them)
        self.assertEqual(lines[-1], "19 passed, 4 failed, 1 skipped")
        self.assertIn("ok kernel:pass_one (3 cases)", lines)
        self.assertIn("ok kernel:skip_four (3 cases, 1 skipped)", lines)
        self.assertIn("ok kernel:stdin_seven (3 cases)", lines)
        self.assertIn("not ok kernel:fail_two: 1 of 3 cases failed", lines)
        self.assertIn("not ok kernel:crash_three: 1 of 5 cases failed", lines)
        self.assertIn("not ok kernel:badexit_five: 1 of 4 cases failed", lines)
        self.assertIn("not ok kernel:hang_six: 1 of 3 cases failed", lines)

    def test_explicit_suites_and_suite_pointers_are_not_run(self):
        _, lines = self.run_tests("--list")
        kernel = [line for line in lines if line.startswith("kernel:")]
        self.assertEqual(kernel, ["kernel:badexit_five", "kernel:crash_three", "kernel:fail_two",
                                  "kernel:hang_six", "kernel:pass_one", "kernel:skip_four",
                                  "kernel:stdin_seven"])

    def test_failure_prints_diagnostics_log_and_rerun_command(self):
        _, lines = self.run_tests("--glob", "fail_*")
        at = lines.index("not ok kernel:fail_two: 1 of 3 cases failed")
        self.assertEqual(lines[at + 1:at + 4], [
            "    # b: EXPECTATION FAILED at tests/common/x.c:42",
            "    #   expected 1 == 2",
            "    not ok 2 b",
        ])
        self.assertIn("    QEMU: exit status 35 (kernel reported failure)", lines)
        log = self.build / "test-logs" / "kernel-fail_two.log"
        self.assertIn(f"    log: {log}", lines)
        rerun = next(line for line in lines if line.startswith("    rerun: "))
        log_lines = log.read_text().splitlines()
        self.assertEqual(log_lines[0], rerun[len("    rerun: "):])
        self.assertIn("-append 'test=fail_two ktest_timeout=60'", log_lines[0])
        self.assertIn("    not ok 2 b", log_lines)

    def test_crash_names_the_case_in_progress_and_runs_the_rest_in_a_new_boot(self):
        _, lines = self.run_tests("--glob", "crash_*")
        self.assertIn("    c: case 3 of 5: in progress when the output ended", lines)
        self.assertIn("    [    0.010000] Kernel panic - not syncing: Fatal exception", lines)
        self.assertIn("    boot 1 stopped in case 3; boot 2 runs the cases after it", lines)
        outcome = runner.run_kernel_suite(self.build, "crash_three", {}, 30)[0]
        self.assertEqual([(case.name, case.status) for case in outcome.cases],
                         [("a", "pass"), ("b", "pass"), ("c", "fail"), ("d", "pass"),
                          ("e", "pass")])
        log = (self.build / "test-logs" / "kernel-crash_three.log").read_text()
        self.assertIn("# ---- boot 2: ", log)
        self.assertIn("-append 'test=crash_three test_from=4 ktest_timeout=60'", log)
        self.assertNotIn("never ran", log)

    def test_timeout_is_reported_and_the_cases_after_run(self):
        _, lines = self.run_tests("--glob", "hang_*")
        self.assertIn("    timed out after 4 s; QEMU killed", lines)
        self.assertIn("    second: case 2 of 3: in progress when the output ended", lines)
        self.assertIn("not ok kernel:hang_six: 1 of 3 cases failed", lines)

    def test_a_hang_in_the_last_case_is_named_by_one_more_boot(self):
        outcome = runner.run_kernel_suite(self.build, "hanglast_nine", {}, 4)[0]
        self.assertEqual([(case.name, case.status) for case in outcome.cases],
                         [("first", "pass"), ("second", "pass"), ("third", "fail")])
        self.assertIn("third: case 3 of 3: in progress when the output ended",
                      outcome.cases[2].lines)
        self.assertIn("boot 1 stopped in case 3; boot 2 only lists the cases, naming it",
                      outcome.notes)

    def test_boots_stop_after_max_suite_boots(self):
        saved = runner.MAX_SUITE_BOOTS
        runner.MAX_SUITE_BOOTS = 1
        self.addCleanup(setattr, runner, "MAX_SUITE_BOOTS", saved)
        _, lines = self.run_tests("--glob", "crash_*")
        self.assertIn("    case 3 of 5: in progress when the output ended", lines)
        self.assertIn("    case 4 of 5: never ran", lines)

    def test_passing_run_removes_a_stale_log(self):
        stale = self.build / "test-logs" / "kernel-pass_one.log"
        stale.parent.mkdir()
        stale.write_text("old failure")
        status, lines = self.run_tests("--glob", "pass_one")
        self.assertEqual((status, lines[-1]), (0, "3 passed, 0 failed"))
        self.assertFalse(stale.exists())

    def test_per_suite_settings_first_match_wins(self):
        _, lines = self.run_tests("--list", "-v", "--glob", "pass_one,fail_two")
        listed = dict(line.split("  ", 1) for line in lines)
        self.assertIn("-m 3G", listed["kernel:pass_one"])
        self.assertIn("-append 'test=pass_one ktest_timeout=60 loglevel=7'",
                      listed["kernel:pass_one"])
        self.assertTrue(listed["kernel:pass_one"].endswith("-smp 2"))
        self.assertIn("-m 32M", listed["kernel:fail_two"])

    def test_each_case_gets_half_the_boot_limit(self):
        # kernel/hung_task.c then lists who had the CPU before the kill
        argv = shlex.join(runner.kernel_suite_command(self.build, "x", {}, timeout=9))
        self.assertIn("-append 'test=x ktest_timeout=4'", argv)
        argv = shlex.join(runner.kernel_suite_command(self.build, "x", {}))
        self.assertNotIn("ktest_timeout", argv)

    def test_unknown_setting_is_rejected(self):
        (self.tests / "suites.py").write_text('SUITES = {"*": {"memory": "3G"}}\n')
        with self.assertRaisesRegex(runner.ConfigError, "unknown key.*memory"):
            runner.plan_jobs(runner.parse_args(["--build", str(self.build),
                                                "--tests", str(self.tests)]))

    def test_bad_disk_setting_is_rejected(self):
        (self.tests / "suites.py").write_text('SUITES = {"*": {"disks": [{"size": "1M", '
                                              '"ro": True}]}}\n')
        with self.assertRaisesRegex(runner.ConfigError, "disk 0.*unknown key.*ro"):
            runner.plan_jobs(runner.parse_args(["--build", str(self.build),
                                                "--tests", str(self.tests)]))

    def test_suite_disks_are_made_and_attached(self):
        settings = {"disks": [{"size": "64K"}, {"size": "1M", "null": True, "readonly": True}]}
        argv = shlex.join(runner.kernel_suite_command(self.build, "blk", settings))
        image = self.build / "test-disks" / "blk-0.img"
        self.assertIn(f"-drive file={image},if=none,id=swap0,", argv)
        self.assertIn("id=swap1,format=raw,werror=report,rerror=report,readonly=on,"
                      "file.driver=null-co,file.size=1M", argv)
        image.parent.mkdir(parents=True, exist_ok=True)
        image.write_bytes(b"old data")
        runner.make_suite_disks(self.build, "blk", settings)
        self.assertEqual(image.read_bytes(), bytes(65536))

    def test_nothing_matched_is_a_failure(self):
        status, lines = self.run_tests("--glob", "no_such_suite")
        self.assertEqual((status, lines[-1]), (1, "0 passed, 0 failed"))

    def test_missing_kernel_is_a_failure(self):
        (self.build / "kernel.elf").unlink()
        status, lines = self.run_tests("--glob", "kernel:*")
        self.assertEqual(status, 1)
        self.assertEqual(lines[0], "not ok kernel:*")
        self.assertIn("kernel.elf not found: run make first", lines[1])


class HostSuiteTest(FakeBuildTest):
    def test_host_crash_fails_the_open_suite_and_the_missing_one(self):
        write_script(self.build / "host" / "ktest-host", HOST_KTAP)
        status, lines = self.run_tests("--glob", "host:*")
        self.assertEqual(status, 1)
        self.assertIn("ok host:buddy (2 cases)", lines)
        self.assertIn("not ok host:radix: 1 of 2 cases failed", lines)
        self.assertIn("not ok host:ktest-host: 1 of 1 case failed", lines)
        self.assertIn("    suite 3 of 3: never reported", lines)
        self.assertIn("    ==1==ERROR: AddressSanitizer: heap-use-after-free", lines)
        self.assertEqual(lines[-1], "3 passed, 2 failed")
        log = (self.build / "test-logs" / "host-radix.log").read_text().splitlines()
        self.assertEqual(log[0], f"{self.build / 'host' / 'ktest-host'} radix")

    def test_host_glob_matching_nothing_is_not_a_failure(self):
        write_script(self.build / "host" / "ktest-host",
                     "#!/bin/sh\necho 'KTAP version 1'\necho '1..0'\nexit 1\n")
        status, lines = self.run_tests("--glob", "pass_one")
        self.assertEqual((status, lines[-1]), (0, "3 passed, 0 failed"))

    def test_host_binary_gets_only_the_host_patterns(self):
        _, lines = self.run_tests("--list", "-v", "--glob", "host:bud*,lib_*,kernel:x")
        self.assertEqual(lines, [])  # no ktest-host: nothing listed for host
        write_script(self.build / "host" / "ktest-host", HOST_KTAP)
        _, lines = self.run_tests("--list", "-v", "--glob", "host:bud*,lib_*,kernel:x")
        self.assertEqual(lines[0], f"host:*  {self.build / 'host' / 'ktest-host'} 'bud*,lib_*'")


class ShellScenarioTest(FakeBuildTest):
    """tests/scenarios/shell.py against the fake shell, whole and broken."""

    SCENARIOS_BROKEN_BY = {
        "backspace": ["backspace_edits_the_line"],
        "ctrl_u": ["ctrl_u_kills_the_line"],
        "cmdline": ["bad_cmdline_is_reported"],
        "unknown": ["unknown_command"],
        "help": ["help_lists_commands"],
        "shutdown": ["bad_cmdline_is_reported", "boot_3G", "boot_8M", "boot_iso",
                     "boot_kernel_shutdown"],
    }

    def failing(self, lines):
        return sorted(line.split("scenario:shell.")[1] for line in lines
                      if line.startswith("not ok scenario:"))

    def test_all_pass_on_a_working_shell(self):
        status, lines = self.run_tests("--glob", "scenario:shell.*")
        self.assertEqual(self.failing(lines), [])
        self.assertEqual((status, lines[-1]), (0, "9 passed, 0 failed"))

    def test_each_broken_feature_fails_its_scenario(self):
        for feature, expected in self.SCENARIOS_BROKEN_BY.items():
            with self.subTest(feature=feature):
                os.environ["FAKE_SHELL_BROKEN"] = feature
                status, lines = self.run_tests("--glob", "shell.*")
                self.assertEqual(status, 1)
                self.assertEqual(self.failing(lines), expected)

    def test_failure_message_and_log(self):
        os.environ["FAKE_SHELL_BROKEN"] = "backspace"
        _, lines = self.run_tests("--glob", "*backspace*")
        self.assertEqual(lines[0], "not ok scenario:shell.backspace_edits_the_line")
        self.assertRegex(lines[1], r"^    shell\.py:\d+: typing 'helq\\x7fp' did not run help:")
        log = (self.build / "test-logs" / "scenario-shell.backspace_edits_the_line.log")
        text = log.read_text()
        self.assertIn("--glob scenario:shell.backspace_edits_the_line", text.splitlines()[0])
        self.assertIn("# ---- machine 1: ", text)
        self.assertIn("helq\x7fp: command not found", text)


class ScenarioSkipTest(unittest.TestCase):
    """lab.skip(): counted as skipped with its reason, never as passed or failed."""

    def run_item(self, func):
        item = lab.Scenario("native.x", func, 5, Path(__file__))
        return runner.run_scenario_item(Path("build"), item, 5)[0]

    def test_skip_is_counted_with_its_reason(self):
        outcome = self.run_item(lambda lab_: lab_.skip("no i386 binaries here"))
        self.assertEqual([c.status for c in outcome.cases], [runner.SKIP])
        self.assertEqual(runner.headline(outcome),
                         "ok scenario:native.x # SKIP no i386 binaries here")
        reporter = runner.Reporter(Path(tempfile.gettempdir()), False, io.StringIO())
        reporter.report(outcome)
        self.assertEqual(reporter.summary(), "0 passed, 0 failed, 1 skipped")

    def test_a_failure_before_the_skip_still_fails(self):
        def scenario(lab_):
            assert False, "broken"
        outcome = self.run_item(scenario)
        self.assertEqual([c.status for c in outcome.cases], [runner.FAIL])


class MachineTest(unittest.TestCase):
    def setUp(self):
        os.environ["PAGODA_QEMU"] = FAKE_QEMU
        self.addCleanup(os.environ.pop, "PAGODA_QEMU")
        self.kernel = Path(__file__)  # any existing file will do for the fake

    def test_expect_failure_shows_the_last_lines(self):
        vm = Machine(qemu.command(kernel=self.kernel, append="a=1"))
        self.addCleanup(vm.kill)
        vm.expect_prompt(timeout=10)
        with self.assertRaises(AssertionError) as caught:
            vm.expect("never printed", timeout=0.3)
        message = str(caught.exception)
        self.assertIn("expected /never printed/ within 0.3 s", message)
        self.assertIn("QEMU: still running", message)
        self.assertIn("  | [    0.010000] cmdline: unknown parameter 'a' ignored", message)

    def test_expect_after_exit_fails_at_once_with_the_status(self):
        vm = Machine(qemu.command(kernel=self.kernel))
        self.addCleanup(vm.kill)
        vm.expect_prompt(timeout=10)
        vm.sendline("shutdown")
        start = time.monotonic()
        with self.assertRaisesRegex(AssertionError, "output ended\nQEMU: exit status 33"):
            vm.expect("never printed", timeout=30)
        self.assertLess(time.monotonic() - start, 10)
        self.assertEqual(vm.wait_exit(), (0, 33))

    def test_run_returns_the_command_output_only(self):
        vm = Machine(qemu.command(kernel=self.kernel))
        self.addCleanup(vm.kill)
        vm.expect_prompt(timeout=10)
        self.assertEqual(vm.run("nope", timeout=10), "nope: command not found (type 'help')\n")

    def test_scenario_deadline_bounds_every_wait(self):
        vm = Machine(qemu.command(kernel=self.kernel), deadline=time.monotonic() + 0.5)
        self.addCleanup(vm.kill)
        with self.assertRaisesRegex(AssertionError, "before the scenario's time limit"):
            vm.expect("never printed", timeout=30)


class QemuCommandTest(unittest.TestCase):
    def test_kernel_boot_has_the_contract_flags(self):
        os.environ.pop("PAGODA_QEMU", None)
        argv = qemu.command(kernel="build/kernel.elf", append="test=x")
        self.assertEqual(argv, [
            "qemu-system-i386", "-M", "pc", "-accel", "tcg", "-m", "64M", "-serial", "stdio",
            "-no-reboot", "-nic", "none", "-display", "none", "-kernel", "build/kernel.elf",
            "-append", "test=x", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"])

    def test_iso_boot_with_swap_and_monitor(self):
        argv = qemu.command(iso="build/pagoda.iso", swap=["build/swap.img"], serial="mon:stdio")
        line = shlex.join(argv)
        self.assertIn("-serial mon:stdio", line)
        self.assertIn("-cdrom build/pagoda.iso -boot d", line)
        self.assertIn("-drive file=build/swap.img,if=none,id=swap0,format=raw,"
                      "werror=report,rerror=report", line)
        self.assertIn("-device virtio-blk-pci,drive=swap0,disable-modern=on,vectors=0,"
                      "serial=SWAP0", line)

    def test_disk_with_errors_bridge_and_block_size(self):
        disk = qemu.Disk(image="d.img", errors=(qemu.Inject("write_aio", 2048, once=True),),
                         bridge=1, block_size=4096)
        line = shlex.join(qemu.command(kernel="k.elf", swap=["s.img", disk]))
        self.assertIn("-drive if=none,id=swap1,format=raw,werror=report,rerror=report,"
                      "file.driver=blkdebug,file.inject-error.0.event=write_aio,"
                      "file.inject-error.0.errno=5,file.inject-error.0.sector=2048,"
                      "file.inject-error.0.once=on,file.image.filename=d.img", line)
        self.assertIn("-device pci-bridge,id=bridge1,chassis_nr=1 -drive", line)
        self.assertIn("-device virtio-blk-pci,drive=swap1,disable-modern=on,vectors=0,"
                      "serial=SWAP1,logical_block_size=4096,physical_block_size=4096,"
                      "bus=bridge1", line)

    def test_iso_takes_no_append(self):
        with self.assertRaises(ValueError):
            qemu.command(iso="x.iso", append="test=x")

    def test_exit_status_mapping(self):
        self.assertEqual([qemu.map_exit_status(c) for c in (33, 35, 0, 1, -9)], [0, 1, 1, 1, 1])


class GlobTest(unittest.TestCase):
    def test_plain_and_prefixed_patterns(self):
        self.assertTrue(runner.matches("kernel", "lib_string", "lib_*"))
        self.assertTrue(runner.matches("kernel", "lib_string", "mm_*,lib_s*"))
        self.assertTrue(runner.matches("kernel", "lib_string", "kernel:lib_*"))
        self.assertFalse(runner.matches("host", "lib_string", "kernel:lib_*"))
        self.assertFalse(runner.matches("kernel", "lib_string", "lib"))

    def test_patterns_for_a_kind(self):
        self.assertEqual(runner.patterns_for("host", "a*,host:b,kernel:c"), ["a*", "b"])
        self.assertEqual(runner.patterns_for("scenario", "host:b,kernel:c"), [])


if __name__ == "__main__":
    unittest.main()
