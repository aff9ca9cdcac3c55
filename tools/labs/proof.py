"""The proof make check runs: every graded test of a lab fails on its
starter, every one passes on its solution, and every starter builds and
boots to the shell prompt.

For each lab the starter tree is written to $BUILD/labs/<lab>/, given a
copy of the solution's objects (so only the stubbed files are compiled
again), booted once to the prompt, and graded; the solution is graded in
place.  A lab with a graded test that its starter passes (a test that
cannot tell the stub from a solution) fails the proof.
"""

import shutil
import subprocess
import time
from pathlib import Path

from pagoda_test import qemu
from pagoda_test.machine import Machine

from . import catalog, grade, starter

# Build output worth reusing in a starter tree: objects, not disks or logs.
REUSED = ("obj", "host", "kcflags", "ksyms0.S")
BOOT_TIMEOUT = 60.0


def reuse_objects(build, tree_build):
    tree_build.mkdir(parents=True, exist_ok=True)
    for name in REUSED:
        source = Path(build) / name
        if source.is_dir():
            shutil.copytree(source, tree_build / name, symlinks=True, copy_function=shutil.copy2)
        elif source.exists():
            shutil.copy2(source, tree_build / name)


def boots_to_prompt(build):
    """None if kernel.elf reaches the prompt and shuts down cleanly, else why not."""
    vm = Machine(qemu.command(kernel=Path(build) / "kernel.elf", append="noswap"))
    try:
        vm.expect_prompt(timeout=BOOT_TIMEOUT)
        vm.sendline("shutdown")
        status = vm.wait_exit(timeout=BOOT_TIMEOUT)
        if status.status != 0:
            return f"shutdown: QEMU exit status {status.code}\n{vm.tail()}"
    except AssertionError as error:
        return str(error)
    finally:
        vm.kill()
    return None


def prove_lab(lab, root, build, out):
    """The problems found with one lab (an empty list: proven)."""
    problems = []
    tree = Path(build) / "labs" / lab.name
    shutil.rmtree(tree, ignore_errors=True)
    starter.write_starter(lab, tree, root, git=False)
    reuse_objects(build, tree / "build")
    quiet = []
    score, results = grade.grade(lab, tree, tree / "build", out=quiet.append)
    if score >= lab.points:
        problems.append(f"the grader gives the starter full marks ({score}/{lab.points}): "
                        "its tests do not notice the stubs")
    unnoticed = [r.test.id for r in results if r.passed]
    if unnoticed:
        problems.append("graded tests the starter passes (each must fail on the stubs): "
                        + ", ".join(unnoticed))
    built = (tree / "build" / "kernel.elf").exists()
    why = boots_to_prompt(tree / "build") if built else "it does not build"
    if why:
        problems.append(f"the starter kernel does not reach the prompt: {why}")
    solution, _ = grade.grade(lab, root, build, out=quiet.append)
    if solution != lab.points:
        problems.append(f"the solution scores {solution}/{lab.points}, not full marks")
    out(f"{'ok' if not problems else 'not ok'} lab {lab.name}: starter {score}/{lab.points}"
        f"{', boots' if built and not why else ''}; solution {solution}/{lab.points}")
    if problems:
        for line in quiet:
            out(f"    | {line}")
        for problem in problems:
            out(f"    {problem}")
        out(f"    (starter tree: {tree})")
    return problems


def prove(root, build, names=None, out=print):
    """0 if every lab (or every one in names) is proven, else 1."""
    start = time.monotonic()
    labs = [lab for lab in catalog.load(root) if not names or lab.name in names]
    failed = [lab.name for lab in labs if prove_lab(lab, root, build, out)]
    out(f"labs: {len(labs) - len(failed)} proven, {len(failed)} failed "
        f"({time.monotonic() - start:.0f} s)")
    return 1 if failed or not labs else 0
