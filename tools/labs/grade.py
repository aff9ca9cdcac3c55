"""make grade LAB=NAME [FORMAT=gradescope]: a lab's graded tests, with points.

Each graded test is one test case, run alone: a host case in its own
ktest-host process (ASan aborting it costs only that case), a kernel case in
its own boot (test=suite.case), a scenario through the test runner.  Each
has a time limit, so code that hangs, panics or corrupts memory loses the
points of the tests it breaks and nothing else; the failure's output is
kept in $BUILD/grade/<lab>/ with the command that reproduces it.  Host
cases start first, then kernel cases and scenarios, two at a time.
"""

import concurrent.futures
import json
import shlex
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from pagoda_test import ktap, machine, runner
from pagoda_test.ktap import PASS, SKIP
from pagoda_test.lab import load_scenarios

# A case that spins forever is stopped by its CPU time, which a loaded
# machine does not stretch (a host case needs about 1 s of CPU, a kernel
# case under 1 s, QEMU included); the wall-clock limits are only a
# backstop for one that sleeps for ever.  A kernel that hangs idle uses
# no CPU, so the clock is what stops it: every graded kernel case took
# 1.3 to 5.5 s at a load of 6 on 2 cores, and 30 s keeps a lab whose
# 5 kernel cases all hang idle under two minutes (make lab-hang).
HOST_CPU_SECONDS = 5
KERNEL_CPU_SECONDS = 20
HOST_TIMEOUT = 60.0
KERNEL_TIMEOUT = 30.0
SCENARIO_TIMEOUT = 120.0
JOBS = 2                    # graded tests run at once
BUILD_TARGETS = ("kernel.elf",)


@dataclass
class Result:
    test: object            # catalog.GradedTest
    passed: bool
    lines: list = field(default_factory=list)   # why it failed
    reproduce: str = ""
    output: str = ""
    log: Path | None = None
    reached: bool = True    # the case reported a result (the run got that far)

    @property
    def score(self):
        return self.test.points if self.passed else 0


def one_case(suite, case_name):
    """(passed, lines) for the single case `case_name` of a parsed suite."""
    cases = ktap.case_results(suite)
    if len(cases) == 1 and cases[0].name.startswith("#"):   # never reported
        return False, cases[0].lines
    if len(cases) != 1 or cases[0].name != case_name:
        names = ", ".join(c.name for c in cases) or "none"
        return False, [f"expected exactly case {case_name}, got: {names}"] + \
            [line for c in cases for line in c.lines]
    if cases[0].status == SKIP:
        why = suite.subtests[0].directive if suite.subtests else "SKIP"
        return False, [f"the case skipped itself ({why}): a graded test must run"]
    return cases[0].status == PASS, cases[0].lines


def judge_ktap(test, output, code, timeout, codes):
    """(passed, lines) of one case from its KTAP output and exit status.

    codes: (success, failure) exit statuses, (0, 1) for ktest-host and
    (33, 35) for QEMU; any other status, or no result at all, is a crash
    (a sanitizer report, a panic, a triple fault) and says so.
    """
    success_code, failure_code = codes
    suite_name, case_name = test.name.split(".", 1)
    root = ktap.parse(output)
    suite = root.find(suite_name) if root else None
    if suite is None:
        why = "no KTAP output" if root is None else f"suite {suite_name} not in the output"
        passed, lines = False, [why] + ktap.crash_lines(output)
    else:
        passed, lines = one_case(suite, case_name)
    if code is None:
        passed = False
        lines.append(f"timed out after {timeout:g} s (killed): a hang, or a loop that "
                     "never ends")
    elif code in (-signal.SIGXCPU, -signal.SIGKILL):
        passed = False
        lines.append("stopped after its CPU-time limit: a loop that never ends")
    elif code != success_code and (passed or suite is None or
                                   ktap.crash_lines(output) or code != failure_code):
        passed = False
        lines.append(f"exit status {code}: it crashed (sanitizer report, panic, "
                     "triple fault); see the log")
    return passed, lines


def case_reported(test, output):
    """Did the case report a result?  Not if the kernel died booting, or
    the host binary before the case."""
    root = ktap.parse(output)
    suite = root.find(test.name.split(".", 1)[0]) if root else None
    return suite is not None and not any(
        c.name.startswith("#") for c in ktap.case_results(suite))


def run_process(argv, timeout, cpu_seconds):
    """(output, exit status or None on timeout) of argv run under a CPU limit."""
    limited = ["/bin/sh", "-c", f'ulimit -t {cpu_seconds} && exec "$@"', "sh", *argv]
    vm = machine.Machine(limited, interactive=False)
    code = vm.wait(timeout)
    if code is None:
        vm.kill()
    return vm.output, code


def run_host(test, build):
    argv = [str(Path(build) / "host" / "ktest-host"), test.name]
    output, code = run_process(argv, HOST_TIMEOUT, HOST_CPU_SECONDS)
    passed, lines = judge_ktap(test, output, code, HOST_TIMEOUT, (0, 1))
    return Result(test, passed, lines, shlex.join(argv), output,
                  reached=case_reported(test, output))


def run_kernel(test, build, tests_dir):
    suite = test.name.split(".", 1)[0]
    config = runner.load_suite_config(Path(tests_dir) / "suites.py")
    settings = runner.settings_for(config, suite)
    timeout = settings.get("timeout", KERNEL_TIMEOUT)
    runner.make_suite_disks(build, test.name, settings)
    argv = runner.kernel_suite_command(build, test.name, settings, timeout=timeout)
    output, code = run_process(argv, timeout, KERNEL_CPU_SECONDS)
    passed, lines = judge_ktap(test, output, code, timeout, (33, 35))
    return Result(test, passed, lines, shlex.join(argv), output,
                  reached=case_reported(test, output))


def run_scenario(test, build, tests_dir):
    scenarios, errors = load_scenarios(Path(tests_dir) / "scenarios")
    items = [s for s in scenarios if s.name == test.name]
    if not items:
        lines = [f"no scenario {test.name}"] + [e.message for e in errors]
        return Result(test, False, lines)
    outcome = runner.run_scenario_item(build, items[0], SCENARIO_TIMEOUT)[0]
    case = outcome.cases[0]
    lines = case.lines if case.status != SKIP else [f"skipped: {' '.join(case.lines)}"]
    return Result(test, case.status == PASS, lines, outcome.reproduce, outcome.output)


def run_test(test, build, tests_dir):
    try:
        if test.kind == "host":
            return run_host(test, build)
        if test.kind == "kernel":
            return run_kernel(test, build, tests_dir)
        return run_scenario(test, build, tests_dir)
    except Exception as error:  # a grader problem still costs only this test
        return Result(test, False, [f"grader error: {error!r}"])


def keep_log(result, log_dir):
    """Write a failure's log: the command that reproduces it, why, the output."""
    path = Path(log_dir) / (result.test.id.replace(":", "-").replace("/", "_") + ".log")
    path.parent.mkdir(parents=True, exist_ok=True)
    text = [result.reproduce, f"# {result.test.id}: blames {result.test.blames}"]
    text += [f"#   {line}" for line in result.lines]
    text.append("# ---- output ----")
    path.write_text("\n".join(text) + "\n" + result.output, errors="replace")
    result.log = path


def build_tree(root, build):
    """make the kernel and the host tests; (ok, output)."""
    targets = [f"{build}/{t}" for t in BUILD_TARGETS] + ["host-tests"]
    # DEBUG=0: the release build the proof grades, even under `make
    # grade DEBUG=1` or an exported DEBUG (a debug starter may panic)
    argv = ["make", "--no-print-directory", "-C", str(root), f"BUILD={build}", "DEBUG=0",
            *targets]
    result = subprocess.run(argv, capture_output=True, text=True)
    return result.returncode == 0, shlex.join(argv), result.stdout + result.stderr


def run_all(lab, build, tests_dir, jobs, report):
    """Run every test of the lab, `jobs` at a time, host cases first;
    report(result) is called in that order."""
    ordered = sorted(lab.tests, key=lambda t: t.kind != "host")
    results = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = [pool.submit(run_test, t, build, tests_dir) for t in ordered]
        for future in futures:
            results.append(future.result())
            report(results[-1])
    return results


def shown_lines(lines, most=12):
    """The lines of a failure worth printing: the first ones (the first
    failure is the cause; later ones are often its consequences, as the
    end-of-case checks) and the last two (how it ended: a timeout, a
    crash), the rest left to the log."""
    if len(lines) <= most:
        return lines
    return lines[:most - 3] + [f"... ({len(lines) - most + 1} more lines in the log)"] + \
        lines[-2:]


def line_for(result):
    test = result.test
    mark = "ok" if result.passed else "FAILED"
    text = [f"{result.score:4d}/{test.points:<3d} {mark:6s} {test.id}  [{test.blames}]"]
    if not result.passed:
        text.append(f"           blames {test.blames}():")
        text += [f"           {line}" for line in shown_lines(result.lines)]
        if result.log:
            text.append(f"           log:   {result.log}")
        if result.reproduce:
            text.append(f"           rerun: {result.reproduce}")
    return "\n".join(text)


def first_suspect(lab, results):
    """The first function of lab.order blamed by a failure, when failures
    blame more than one function, else None.  A case that never reported
    (the kernel died booting) tells which test was lost, not which function
    broke it: the buddy lab's kernel cases all die so when any allocator
    piece is missing.  So while cases that ran failed too, only theirs
    choose the suspect."""
    failed = [r for r in results if not r.passed]
    if len({r.test.blames for r in failed}) < 2:
        return None
    blamed = {r.test.blames for r in ([r for r in failed if r.reached] or failed)}
    return next((name for name in lab.order if name in blamed), None)


def gradescope_json(lab, results, build_output, seconds):
    """Gradescope's results.json: the score, and each test with its points."""
    tests = []
    for number, result in enumerate(results, 1):
        output = f"Tests {result.test.blames}(). "
        output += "Passed." if result.passed else "\n".join(["Failed:"] + result.lines)
        tests.append({"name": f"{result.test.id} [{result.test.blames}]",
                      "number": str(number), "score": result.score,
                      "max_score": result.test.points,
                      "status": "passed" if result.passed else "failed",
                      "output": output})
    summary = f"Lab {lab.name}: {sum(r.score for r in results)}/{lab.points} points."
    if first_suspect(lab, results):
        summary += f" Look at {first_suspect(lab, results)}() first: the other failing " \
                   "tests depend on it."
    if build_output:
        summary += "\nThe build failed:\n" + build_output[-4000:]
    return {"score": sum(r.score for r in results), "execution_time": round(seconds, 1),
            "output": summary, "tests": tests}


def grade(lab, root, build, jobs=JOBS, fmt="", results_path=None, out=print):
    """Grade `lab` in the tree `root`; returns (score, results)."""
    start = time.monotonic()
    build = Path(build)
    log_dir = build / "grade" / lab.name
    out(f"Grading lab {lab.name} ({lab.title}); handout {lab.handout}")
    ok, command, build_output = build_tree(root, build)
    if not ok:
        out(build_output.rstrip()[-3000:])
        out(f"grade: the build failed ({command}): every test scores 0")
        results = [Result(t, False, ["the tree does not build"]) for t in lab.tests]
        for result in results:
            out(line_for(result))
    else:
        build_output = ""

        def report(result):
            if not result.passed:
                keep_log(result, log_dir)
            out(line_for(result))
        results = run_all(lab, build, Path(root) / "tests", jobs, report)
    score = sum(r.score for r in results)
    suspect = first_suspect(lab, results)
    if suspect:
        out(f"Look at {suspect}() first: the other failing tests depend on it and may "
            "fail only because it does.")
    out(f"{lab.name}: {score}/{lab.points} points")
    if fmt == "gradescope":
        path = Path(results_path or build / "results.json")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(gradescope_json(lab, results, build_output,
                                                   time.monotonic() - start), indent=2) + "\n")
        out(f"grade: wrote {path}")
    return score, results
