"""The Pagoda test runner behind `make check` and `make test T=glob`.

It runs three kinds of tests, in parallel, and counts test cases:
  host:<suite>      suites of $BUILD/host/ktest-host (one process for all)
  kernel:<suite>    each in-kernel KTAP suite in its own QEMU boot (test=<suite>)
  scenario:<f>.<n>  each @scenario function in tests/scenarios/<f>.py

One line is printed per suite or scenario as it finishes, and at the end
`N passed, M failed`. Every failure leaves $BUILD/test-logs/<kind>-<name>.log,
whose first line is the shell command that reproduces it and whose rest is
the full serial output.
"""

import argparse
import concurrent.futures
import fnmatch
import os
import runpy
import shlex
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import disks, ktap, machine, qemu
from .ktap import FAIL, PASS, SKIP, CaseResult
from .lab import load_scenarios, run_scenario

ROOT = Path(__file__).resolve().parents[2]
RUNTESTS = ROOT / "tools" / "runtests.py"
DEFAULT_TIMEOUT = 120.0
MAX_SUITE_BOOTS = 8  # a kernel suite's boots, when cases stop them (run_kernel_suite)
SUITE_CONFIG_KEYS = {"mem", "qemu", "append", "timeout", "disks"}
DISK_KEYS = {"size", "mkswap", "swap_kib", "bad_pages", "null", "readonly", "errors",
             "bridge", "modern", "block_size", "iops"}
NM_CANDIDATES = ("i686-linux-gnu-nm", "i686-elf-nm")
SUITE_SYMBOL = "__ktest_suite_"


class ConfigError(Exception):
    """tests/suites.py is malformed; the message says how."""


@dataclass
class Outcome:
    """The result of one reported unit: a suite or a scenario.

    `cases` are what gets counted; `notes` explain a failure beyond the cases
    (exit status, timeout); `reproduce` is the shell command that reruns it;
    `output` is the serial output saved in the log.
    """
    name: str
    cases: list
    notes: list = field(default_factory=list)
    reproduce: str = ""
    output: str = ""
    duration: float = 0.0
    whole: bool = False  # one unit (a scenario), not a suite of cases

    def count(self, status):
        return sum(1 for case in self.cases if case.status == status)

    @property
    def failed(self):
        return self.count(FAIL) > 0


# -- selecting ------------------------------------------------------------

def matches(kind, name, glob):
    """True if `kind:name` is selected by `glob`.

    `glob` is comma-separated shell patterns; one containing ":" is matched
    against "kind:name" ("host:*", "scenario:shell.*"), any other against the
    bare name ("lib_*").
    """
    for pattern in glob.split(","):
        subject = f"{kind}:{name}" if ":" in pattern else name
        if fnmatch.fnmatchcase(subject, pattern.strip()):
            return True
    return False


def patterns_for(kind, glob):
    """The alternatives of `glob` that can select tests of `kind`, without prefix."""
    selected = []
    for pattern in glob.split(","):
        pattern = pattern.strip()
        if ":" not in pattern:
            selected.append(pattern)
        else:
            prefix, rest = pattern.split(":", 1)
            if fnmatch.fnmatchcase(kind, prefix):
                selected.append(rest)
    return selected


# -- kernel suites ----------------------------------------------------------

def nm_command():
    """The nm to read kernel.elf with: $NM, else the cross nm that is installed."""
    if os.environ.get("NM"):
        return shlex.split(os.environ["NM"])
    for candidate in NM_CANDIDATES:
        if shutil.which(candidate):
            return [candidate]
    tried = ", ".join(NM_CANDIDATES)
    raise RuntimeError(f"no nm found (tried $NM, {tried}): run tools/setup-host.sh")


def kernel_suites(kernel_elf):
    """Names of the suites registered in kernel.elf, from its __ktest_suite_* symbols.

    Explicit suites (__ktest_xsuite_*, deliberate crash demos) are left out:
    only scenarios that name them may run them.
    """
    if not Path(kernel_elf).exists():
        raise RuntimeError(f"{kernel_elf} not found: run make first")
    argv = nm_command() + [str(kernel_elf)]
    result = subprocess.run(argv, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{shlex.join(argv)} failed: {result.stderr.strip()}")
    names = set()
    for line in result.stdout.splitlines():
        symbol = line.split()[-1] if line.split() else ""
        if symbol.startswith(SUITE_SYMBOL):
            names.add(symbol[len(SUITE_SYMBOL):])
    return sorted(names)


def load_suite_config(path):
    """Read SUITES from tests/suites.py as a list of (glob, settings); [] if absent.

    SUITES = {"glob": {"mem": "3G", "qemu": [...], "append": "...", "timeout": 300,
                       "disks": [{"size": "16M", "mkswap": True}, ...]}}
    The first glob (in file order) matching a suite gives its settings.
    "disks" become virtio-blk disks vda, vdb, ... (see suite_disks()).
    """
    if not Path(path).exists():
        return []
    suites = runpy.run_path(str(path)).get("SUITES", {})
    if not isinstance(suites, dict):
        raise ConfigError(f"{path}: SUITES must be a dict of glob -> settings")
    for glob, settings in suites.items():
        unknown = set(settings) - SUITE_CONFIG_KEYS
        if unknown:
            raise ConfigError(f"{path}: {glob!r}: unknown key(s) {', '.join(sorted(unknown))}; "
                              f"known: {', '.join(sorted(SUITE_CONFIG_KEYS))}")
        if isinstance(settings.get("qemu", []), str):
            raise ConfigError(f"{path}: {glob!r}: 'qemu' must be a list of arguments")
        for number, disk in enumerate(settings.get("disks", [])):
            unknown = set(disk) - DISK_KEYS if isinstance(disk, dict) else {"(not a dict)"}
            if unknown or "size" not in disk:
                raise ConfigError(f"{path}: {glob!r}: disk {number}: needs 'size'; unknown "
                                  f"key(s) {', '.join(sorted(unknown)) or 'none'}; "
                                  f"known: {', '.join(sorted(DISK_KEYS))}")
    return list(suites.items())


def settings_for(config, name):
    """The settings of the first entry of `config` whose glob matches suite `name`."""
    for glob, settings in config:
        if matches("kernel", name, glob):
            return settings
    return {}


def disk_image_path(build, name, number):
    """Where suite `name`'s disk `number` lives: $BUILD/test-disks/<name>-<number>.img"""
    return Path(build) / "test-disks" / f"{name}-{number}.img"


def suite_disks(build, name, settings):
    """The qemu.Disk list of a suite's "disks" setting.

    Each entry: size ("16M"), and optionally mkswap (format with the host's
    mkswap), swap_kib and bad_pages (see disks.make_image), null (a null-co
    disk: no image file), readonly, errors ([{"event": "write_aio",
    "sector": 2048, "errno": 5, "once": False}]), bridge (behind PCI-PCI
    bridge N), modern, block_size, iops.
    """
    result = []
    for number, spec in enumerate(settings.get("disks", [])):
        image = None if spec.get("null") else disk_image_path(build, name, number)
        errors = tuple(qemu.Inject(**err) for err in spec.get("errors", []))
        result.append(qemu.Disk(image=image, size=spec["size"],
                                readonly=spec.get("readonly", False), errors=errors,
                                bridge=spec.get("bridge"), modern=spec.get("modern", False),
                                block_size=spec.get("block_size"),
                                iops=spec.get("iops")))
    return result


def make_suite_disks(build, name, settings):
    """Create the suite's disk images afresh, so no run sees an earlier run's data."""
    for number, spec in enumerate(settings.get("disks", [])):
        if not spec.get("null"):
            disks.make_image(disk_image_path(build, name, number), spec["size"],
                             mkswap=spec.get("mkswap", False), swap_kib=spec.get("swap_kib"),
                             bad_pages=spec.get("bad_pages", ()))


def kernel_suite_command(build, name, settings, first=1, timeout=None):
    """The QEMU argv running kernel suite `name` (from its case `first` on).

    With `timeout` (the boot's limit, seconds), each case may take half of
    it (ktest_timeout): a case still running then ends the boot with the
    tasks that had the CPU (kernel/hung_task.c), not in the kill.
    """
    start = f" test_from={first}" if first > 1 else ""
    if timeout is not None:
        start += f" ktest_timeout={max(1, int(timeout // 2))}"
    append = f"test={name}{start} {settings.get('append', '')}".strip()
    return qemu.command(kernel=Path(build) / "kernel.elf", append=append,
                        mem=settings.get("mem"), extra=settings.get("qemu", []),
                        swap=suite_disks(build, name, settings))


def judge_kernel_suite(name, output, code, timeout):
    """(cases, notes) for a kernel suite boot; `code` is None after a timeout.

    Only exit status 33 is success: 35 is the kernel's failure code, 0 a
    triple fault under -no-reboot, anything else a QEMU problem. A bad status
    with every case passing still counts one failure.
    """
    root = ktap.parse(output)
    suite = root.find(name) if root else None
    if suite is None:
        why = "no KTAP output" if root is None else f"suite {name} not in the KTAP output"
        cases = [CaseResult(name, FAIL, [why] + ktap.crash_lines(output))]
    else:
        cases = ktap.case_results(suite)
    notes = []
    if code is None:
        notes.append(f"timed out after {timeout:g} s; QEMU killed")
    elif code != qemu.EXIT_SUCCESS:
        notes.append(f"QEMU: {qemu.describe_exit_status(code)}")
    failed = any(case.status == FAIL for case in cases)
    if notes and not failed:
        cases.append(CaseResult(name, FAIL, []))
    if code == qemu.EXIT_SUCCESS and failed:
        notes.append("QEMU: exit status 33 (kernel reported success) although cases failed")
    return cases, notes


def stopped_at(name, output, code):
    """The number of the case a boot stopped in (a panic, a hang).

    None if the boot ended well or never started the suite.  A boot that
    stopped in the last case is followed too: the next one runs nothing,
    but its list of the cases names the one that stopped.
    """
    root = ktap.parse(output)
    suite = root.find(name) if root else None
    if code == qemu.EXIT_SUCCESS or suite is None or suite.plan is None:
        return None
    results = [t.result for t in suite.subtests]
    number = results.index(None) + 1 if None in results else len(results) + 1
    return number if number <= suite.plan else None


def name_stopped_case(cases, number, listed):
    """Name case `number`, left as "#N", after the next boot's list of the cases before it."""
    case = cases[number - 1]
    if number - 1 < len(listed) and case.name == f"#{number}":
        case.name = listed[number - 1].name
        case.lines = [line.replace(f"case {number} of ", f"{case.name}: case {number} of ", 1)
                      for line in case.lines]


def run_kernel_suite(build, name, settings, timeout):
    """Boot QEMU with test=<name>, wait for it (killing it on timeout), judge it.

    A boot that stops in a case (a panic, or a hang the timeout ends) with
    cases after it is followed by another, test_from=N+1: the cases before
    N+1 are only listed (that names case N), the rest run. Boots go on
    while fewer than MAX_SUITE_BOOTS were made and twice the timeout has not
    passed, so a stubbed function costs only the cases it breaks.
    """
    timeout = settings.get("timeout", timeout)
    start = time.monotonic()
    cases, notes, outputs, argvs, first = [], [], [], [], 1
    while True:
        argv = kernel_suite_command(build, name, settings, first, timeout)
        make_suite_disks(build, name, settings)
        vm = machine.Machine(argv, interactive=False)
        code = vm.wait(timeout)
        if code is None:
            vm.kill()
        boot, boot_notes = judge_kernel_suite(name, vm.output, code, timeout)
        if first == 1:
            cases = boot
        elif len(boot) >= first - 1 and all(c.status == SKIP for c in boot[:first - 1]):
            # it listed the cases before `first` (and ran those after)
            name_stopped_case(cases, first - 1, boot)
            cases = cases[:first - 1] + boot[first - 1:]
        else:  # it never got to the suite: the cases after stay "never ran"
            boot_notes += [line for case in boot for line in case.lines]
        notes += [f"boot {len(argvs) + 1} (test_from={first}): {note}" if first > 1
                  else note for note in boot_notes]
        argvs.append(argv)
        outputs.append(f"# ---- boot {len(argvs)}: {shlex.join(argv)}\n{vm.output}")
        stopped = stopped_at(name, vm.output, code)
        if (stopped is None or len(argvs) >= MAX_SUITE_BOOTS
                or time.monotonic() - start >= 2 * timeout):
            break
        then = "runs the cases after it" if stopped < len(cases) else \
            "only lists the cases, naming it"
        notes.append(f"boot {len(argvs)} stopped in case {stopped}; "
                     f"boot {len(argvs) + 1} {then}")
        first = stopped + 1
    output = outputs[0] if len(outputs) == 1 else "\n".join(outputs)
    return [Outcome(f"kernel:{name}", cases, notes, shlex.join(argvs[0]), output,
                    time.monotonic() - start)]


# -- host suites ------------------------------------------------------------

def judge_host(output, code, timeout):
    """([(suite name, cases)], [binary-level cases], notes) for one ktest-host run.

    Failures that belong to no suite (no KTAP at all, suites planned but never
    reported, a bad exit status with everything passing) are returned apart,
    to be reported as host:ktest-host.
    """
    root = ktap.parse(output)
    suites = [(s.name, ktap.case_results(s)) for s in root.subtests] if root else []
    binary = []
    if root is None:
        binary.append(CaseResult("ktest-host", FAIL, ["no KTAP output"] + ktap.crash_lines(output)))
    else:
        planned = root.plan or 0
        missing = range(len(root.subtests) + 1, planned + 1)
        for number in missing:
            binary.append(CaseResult(f"suite #{number}", FAIL,
                                     [f"suite {number} of {planned}: never reported"]
                                     + root.crash_lines))
        if (root.problems and not missing) or root.bail_out is not None:
            lines = [f"# {p}" for p in root.problems] + root.crash_lines
            if root.bail_out is not None:
                lines.append(f"Bail out! {root.bail_out}")
            binary.append(CaseResult("ktest-host", FAIL, lines))
    # ktest-host fails a glob that matches nothing (a typo in `make test T=`
    # should not pass), but the runner hands it globs meant for other kinds too.
    nothing_matched = (root is not None and root.plan == 0 and not root.subtests
                       and ktap.outcome(root) != FAIL)
    notes = []
    if code is None:
        notes.append(f"timed out after {timeout:g} s; killed")
    elif code != 0 and not nothing_matched:
        notes.append(f"ktest-host: exit status {code}")
    any_failed = binary or any(c.status == FAIL for _, cases in suites for c in cases)
    if notes and not any_failed:
        binary.append(CaseResult("ktest-host", FAIL, []))
    return suites, binary, notes


def run_host(binary, patterns, timeout):
    """Run ktest-host once for all matching suites; one Outcome per suite."""
    glob = ",".join(patterns)
    argv = [str(binary), glob]
    start = time.monotonic()
    vm = machine.Machine(argv, interactive=False)
    code = vm.wait(timeout)
    if code is None:
        vm.kill()
    duration = time.monotonic() - start
    suites, binary_cases, notes = judge_host(vm.output, code, timeout)
    outcomes = []
    for name, cases in suites:
        failed = any(c.status == FAIL for c in cases)
        outcomes.append(Outcome(f"host:{name}", cases, notes if failed else [],
                                shlex.join([str(binary), name]), vm.output, duration))
    if binary_cases:
        outcomes.append(Outcome("host:ktest-host", binary_cases, notes, shlex.join(argv),
                                vm.output, duration))
    return outcomes


# -- scenarios ----------------------------------------------------------------

def scenario_reproduce(build, name):
    """The command rerunning one scenario through this runner."""
    script = os.path.relpath(RUNTESTS)
    return shlex.join(["python3", script, "--build", str(build), "--glob", f"scenario:{name}"])


def run_scenario_item(build, item, timeout):
    """Run one scenario; its Outcome's output holds every Machine's command and output."""
    result = run_scenario(item, build, timeout)
    parts = []
    for number, vm in enumerate(result.machines, 1):
        parts.append(f"# ---- machine {number}: {shlex.join(vm.argv)}\n{vm.output}")
    if result.skipped is not None:
        cases = [CaseResult(item.name, SKIP, [result.skipped])]
    elif result.error is None:
        cases = [CaseResult(item.name, PASS)]
    else:
        cases = [CaseResult(item.name, FAIL, result.error.rstrip("\n").split("\n"))]
    return [Outcome(f"scenario:{item.name}", cases, [], scenario_reproduce(build, item.name),
                    "\n".join(parts), result.duration, whole=True)]


# -- reporting ----------------------------------------------------------------

def headline(outcome):
    """`ok kernel:x (5 cases)` or `not ok kernel:x: 1 of 6 cases failed`."""
    total, failed, skipped = len(outcome.cases), outcome.count(FAIL), outcome.count(SKIP)
    single = outcome.whole
    if failed:
        if single:
            return f"not ok {outcome.name}"
        return f"not ok {outcome.name}: {failed} of {total} case{'s' * (total != 1)} failed"
    if single and skipped:
        return f"ok {outcome.name} # SKIP {' '.join(outcome.cases[0].lines)}"
    if single:
        return f"ok {outcome.name}"
    extra = f", {skipped} skipped" if skipped else ""
    return f"ok {outcome.name} ({total} case{'s' * (total != 1)}{extra})"


def log_path(log_dir, outcome):
    """build/test-logs/<kind>-<name>.log"""
    return Path(log_dir) / (outcome.name.replace(":", "-").replace("/", "_") + ".log")


def write_log(path, outcome):
    """The reproducing command on line 1, then what failed, then the output."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [outcome.reproduce, f"# run from {os.getcwd()}", f"# {headline(outcome)}"]
    for case in outcome.cases:
        if case.status == FAIL:
            lines += [f"#   {line}" for line in case.lines]
    lines += [f"#   {note}" for note in outcome.notes]
    lines.append("# ---- serial output ----")
    path.write_text("\n".join(lines) + "\n" + outcome.output, errors="replace")


class Reporter:
    """Prints outcomes as they arrive (from many threads) and keeps the counts."""

    def __init__(self, log_dir, verbose, stream=sys.stdout):
        self.log_dir = log_dir
        self.verbose = verbose
        self.stream = stream
        self.lock = threading.Lock()
        self.passed = self.failed = self.skipped = 0

    def report(self, outcome):
        with self.lock:
            self.passed += outcome.count(PASS)
            self.failed += outcome.count(FAIL)
            self.skipped += outcome.count(SKIP)
            path = log_path(self.log_dir, outcome)
            lines = [headline(outcome)]
            if outcome.failed:
                write_log(path, outcome)
                for case in outcome.cases:
                    if case.status == FAIL:
                        lines += [f"    {line}" for line in case.lines]
                lines += [f"    {note}" for note in outcome.notes]
                lines += [f"    log: {path}", f"    rerun: {outcome.reproduce}"]
            else:
                path.unlink(missing_ok=True)  # an old failure's log would mislead
                if self.verbose:
                    lines += [f"    {case.status} {case.name}" for case in outcome.cases]
            if self.verbose:
                lines[0] += f"  [{outcome.duration:.1f} s]"
            print("\n".join(lines), file=self.stream, flush=True)

    def summary(self):
        extra = f", {self.skipped} skipped" if self.skipped else ""
        return f"{self.passed} passed, {self.failed} failed{extra}"


# -- planning and main ----------------------------------------------------------

@dataclass
class Job:
    """One unit of work for the pool: `run()` returns a list of Outcomes."""
    name: str
    command: str
    run: object


def error_job(name, message):
    """A job that only reports a failure found while planning (e.g. no kernel.elf)."""
    return Job(name, "", lambda: [Outcome(name, [CaseResult(name, FAIL, message.split("\n"))],
                                          whole=True)])


def plan_jobs(args):
    """Everything selected by args.glob, as Jobs."""
    build, glob, timeout = Path(args.build), args.glob, args.timeout
    jobs = []

    host = build / "host" / "ktest-host"
    host_patterns = patterns_for("host", glob)
    if host_patterns and host.exists():
        jobs.append(Job("host:*", shlex.join([str(host), ",".join(host_patterns)]),
                        lambda: run_host(host, host_patterns, timeout)))

    if patterns_for("kernel", glob):
        try:
            config = load_suite_config(Path(args.tests) / "suites.py")
            names = [n for n in kernel_suites(build / "kernel.elf") if matches("kernel", n, glob)]
        except RuntimeError as error:
            jobs.append(error_job("kernel:*", str(error)))
            names = []
        for name in names:
            settings = settings_for(config, name)
            command = shlex.join(kernel_suite_command(build, name, settings,
                                                      timeout=settings.get("timeout", timeout)))
            jobs.append(Job(f"kernel:{name}", command,
                            lambda n=name, s=settings: run_kernel_suite(build, n, s, timeout)))

    if patterns_for("scenario", glob):
        scenarios, errors = load_scenarios(Path(args.tests) / "scenarios")
        for error in errors:
            jobs.append(error_job(f"scenario:{error.path.stem}", error.message))
        for item in scenarios:
            if matches("scenario", item.name, glob):
                jobs.append(Job(f"scenario:{item.name}", scenario_reproduce(build, item.name),
                                lambda item=item: run_scenario_item(build, item, timeout)))
    return jobs


def run_jobs(jobs, workers, reporter):
    """Run the jobs on a thread pool, reporting each Outcome as it arrives."""
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=workers)
    futures = {pool.submit(job.run): job for job in jobs}
    try:
        for future in concurrent.futures.as_completed(futures):
            job = futures[future]
            try:
                outcomes = future.result()
            except Exception as error:  # a runner bug must still count as a failure
                outcomes = [Outcome(job.name, [CaseResult(job.name, FAIL,
                                                          [f"runner error: {error!r}"])],
                                    reproduce=job.command, whole=True)]
            for outcome in outcomes:
                reporter.report(outcome)
    except KeyboardInterrupt:
        pool.shutdown(wait=False, cancel_futures=True)
        machine.kill_all()
        raise
    pool.shutdown()


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="runtests.py", description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default="build", help="build directory (default %(default)s)")
    parser.add_argument("--glob", default="*",
                        help="comma-separated patterns on suite/scenario names; "
                             "'kind:pattern' restricts to host, kernel or scenario")
    parser.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1,
                        help="parallel runs (default: number of CPUs)")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                        help="seconds per suite or scenario that sets none (default %(default)g)")
    parser.add_argument("--tests", default=str(ROOT / "tests"),
                        help="directory with suites.py and scenarios/ (default: the repo's tests/)")
    parser.add_argument("--list", action="store_true", help="print what would run, run nothing")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="show every case, durations, and commands with --list")
    return parser.parse_args(argv)


def main(argv=None, stream=sys.stdout):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        jobs = plan_jobs(args)
    except ConfigError as error:
        print(f"runtests: {error}", file=sys.stderr)
        return 2
    if args.list:
        for job in jobs:
            print(f"{job.name}  {job.command}" if args.verbose and job.command else job.name,
                  file=stream)
        return 0
    reporter = Reporter(Path(args.build) / "test-logs", args.verbose, stream)
    try:
        run_jobs(jobs, max(1, args.jobs), reporter)
    except KeyboardInterrupt:
        print("interrupted", file=stream)
        print(reporter.summary(), file=stream)
        return 130
    if reporter.passed + reporter.failed == 0:
        print(f"runtests: no test matched {args.glob!r} in {args.build}", file=stream)
    print(reporter.summary(), file=stream)
    return 0 if reporter.failed == 0 and reporter.passed > 0 else 1
