"""make lab-hang [LAB=NAME] [HANG=spin|idle]: grading code that never returns.

Writes $BUILD/labs/<lab>-hang-<kind>/, a copy of the tree whose every
region of the lab hangs where it starts (the solution follows,
unreachable), grades it, and checks what the issue asks of the grader:
it ends, every graded test loses its points, and each says why (its CPU
or clock limit, or a crash).  It prints how long the grade took and the
most the limits allow for that lab (tests run `grade.JOBS` at a time).

Two kinds of hang:
  spin   a busy loop (the CPU-time limits stop it);
  idle   `sti; hlt` for ever: the kernel sits idle and uses no CPU, so
         only the clock limit stops a kernel case (a host case dies at
         once: hlt is privileged in a Linux process).
Without LAB, the lab with the most kernel cases (the slowest to grade
when every case hangs).
"""

import shutil
import time
from pathlib import Path

from . import catalog, grade, proof, regions, starter

LOOPS = {
    "spin": '\tfor (;;)\t/* lab-hang: spin */\n\t\t__asm__ volatile("" ::: "memory");\n',
    "idle": '\tfor (;;)\t/* lab-hang: idle */\n\t\t__asm__ volatile("sti; hlt");\n',
}
# What a failure caused by a hang may say (grade.judge_ktap's words).
HANG_WORDS = ("timed out", "CPU-time limit", "crashed")


def hang_lines(region, lines, loop):
    """lines (a file's) with loop put where region's code starts: after
    the BEGIN marker of a region inside a function body (an indented
    marker), else after the first line "{" (a region of whole functions)."""
    at = region.begin + 1
    if not lines[region.begin].startswith("\t"):
        at = next(i for i in range(region.begin, region.end) if lines[i] == "{\n") + 1
    return lines[:at] + [loop] + lines[at:]


def make_hang(lab, tree, loop):
    """Put loop at the start of each of lab's regions under tree."""
    found, _ = regions.lab_regions(lab, tree)
    for region in sorted(found, key=lambda r: r.begin, reverse=True):
        path = Path(tree) / region.path
        lines = path.read_text().splitlines(keepends=True)
        path.write_text("".join(hang_lines(region, lines, loop)))


def worst_case(lab):
    """Seconds the grader's limits allow at most for the lab's tests on
    an idle machine, when every test hangs: a host case by its CPU
    limit (the code under test has no way to sleep: the host's
    schedule() panics when the only task would), a kernel case or a
    scenario by its clock limit (an idle kernel uses no CPU).  Tests
    run grade.JOBS at a time, so at most total / JOBS + the longest."""
    per = {"host": grade.HOST_CPU_SECONDS, "kernel": grade.KERNEL_TIMEOUT,
           "scenario": grade.SCENARIO_TIMEOUT}
    limits = [per[t.kind] for t in lab.tests]
    return sum(limits) / grade.JOBS + max(limits) * (1 - 1 / grade.JOBS)


def check(lab, results):
    """The problems with how the grade of a hanging tree went."""
    problems = []
    for result in results:
        if result.passed:
            problems.append(f"{result.test.id} passed: it never reaches a region of "
                            f"lab {lab.name}")
        elif not any(word in line for line in result.lines for word in HANG_WORDS):
            problems.append(f"{result.test.id} failed without saying it hung: "
                            f"{result.lines[-3:]}")
    return problems


def hang_lab(lab, root, build, kind, out=print):
    tree = Path(build) / "labs" / f"{lab.name}-hang-{kind}"
    shutil.rmtree(tree, ignore_errors=True)
    starter.copy_tree(root, tree)
    make_hang(lab, tree, LOOPS[kind])
    proof.reuse_objects(build, tree / "build")
    start = time.monotonic()
    score, results = grade.grade(lab, tree, tree / "build", out=out)
    seconds = time.monotonic() - start
    problems = check(lab, results)
    if not results or score:
        problems.append(f"scored {score}/{lab.points}: every test should lose its points")
    out(f"{'ok' if not problems else 'not ok'} lab-hang {lab.name} ({kind}): "
        f"{score}/{lab.points}, graded in {seconds:.0f} s, build included "
        f"(the limits allow the tests {worst_case(lab):.0f} s)")
    for problem in problems:
        out(f"    {problem}")
    return problems


def default_lab(labs):
    return max(labs, key=lambda lab: sum(t.kind != "host" for t in lab.tests))


def run(root, build, names, kinds, out=print):
    """0 if grading every named lab (default: see default_lab) hanging in
    every given way went as it should."""
    labs = catalog.load(root)
    chosen = [lab for lab in labs if lab.name in names] if names else [default_lab(labs)]
    if names and len(chosen) != len(names):
        raise catalog.CatalogError(f"no such lab among {names}")
    failed = [(lab.name, kind) for lab in chosen for kind in kinds
              if hang_lab(lab, root, build, kind, out)]
    return 1 if failed else 0
