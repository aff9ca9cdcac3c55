#!/usr/bin/env python3
"""make stub-sweep: stub each function the seeds name, one at a time, and
see which test notices.

    python3 tools/stubsweep.py [--only NAME,...] [--shapes return,once,after]
        [--glob GLOB] [--then GLOB|check] [--grade] [--timeout S] [--list]

What an outside grader does with Pagoda: it replaces the body of one
function (tests/stubsweep.py lists them, from docs/seeds.md) by a stub
and expects the tests to go red naming what is wrong, within their time
limits.  This tool does that for every listed function and each shape:

  return  `if (1) return X;` as the body's first line: X is nothing for
          void, NULL for a pointer, 0 for an integer, `(T){0}` for a
          struct such as swp_entry_t; an entry of tests/stubsweep.py may
          add other values (`return:-1`).
  once    the function's first loop (for, while, do, or a *for_each*
          macro with a braced body) stops after one iteration: a local
          counter breaks it at the top of the second.  Functions without
          such a loop have no `once`.
  after   (only with --shapes after) the function does its work, but
          each `return X;` becomes `{ (void)(X); return V; }`, V the
          `return` shape's values (`after`, `after:1`): a wrong answer
          rather than no work.  None where every return already says V.

For each it copies the repository (what git tracks) to
$BUILD/stubsweep/tree once, reusing the build's objects, puts the stub
in the copy, builds, and runs GLOB (default every host and kernel suite,
about 15 s) through the test runner with --timeout S per suite, so a
hang costs at most the runner's limits.  A stub that stays green there
is run again on --then (a glob, or `check` for the whole `make check`
in the copy).  --grade also grades the lab whose solution region holds
the function (make grade LAB=...), which must lose points.

It prints one line per stub, as a table (also written, in Markdown, to
$BUILD/stubsweep/results.md):

    function  shape  verdict  first red test  (cases failed)  seconds

A verdict is `red` (a test failed), `hang` (a suite reached its time
limit; the case in progress is named when the runner could name it),
`GREEN` (nothing noticed: a gap), or `BUILD` (the stub does not
compile: the tool's problem, not the tests').  The tree under $BUILD is
left with the last stub removed.
"""

import argparse
import os
import re
import runpy
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from labs import catalog, grade, proof, regions, starter  # noqa: E402
from pagoda_test import runner  # noqa: E402
from pagoda_test.ktap import FAIL  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GLOB = "host:*,kernel:*"
DEFAULT_TIMEOUT = 60.0
BUILD_TIMEOUT = 600.0
CHECK_TIMEOUT = 3600.0
MARK = "/* stubsweep */"
INTEGER_WORDS = {"int", "long", "short", "char", "unsigned", "signed", "bool",
                 "_Bool", "size_t", "ssize_t", "pgoff_t", "u32", "u64", "uint32_t"}
DROPPED_WORDS = {"static", "inline", "extern", "__init", "noinline", "__unused",
                 "__reclaim_hot"}
LOOP_RE = re.compile(r"\b(?:for|while|[a-z_]*for_each[a-z_]*)\s*\(|\bdo\s*\{")


class SweepError(Exception):
    """A listed function cannot be found or stubbed; the message says why."""


# -- the list -------------------------------------------------------------------

@dataclass(frozen=True)
class Target:
    path: str               # relative to the root, e.g. mm/vmscan.c
    name: str
    returns: tuple = ()     # extra return values to try besides the default


def load_targets(path):
    """tests/stubsweep.py's FUNCTIONS: ("file", "function"[, ("value", ...)])."""
    targets = []
    for entry in runpy.run_path(str(path))["FUNCTIONS"]:
        file, name, *extra = entry
        targets.append(Target(file, name, tuple(extra[0]) if extra else ()))
    return targets


# -- reading C ------------------------------------------------------------------

def masked(text):
    """text with comments, strings and character constants blanked out
    (same length), so that braces and keywords in them are not seen."""
    pattern = re.compile(r'/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'',
                         re.S)
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def matching(text, start, opening, closing):
    """The index of the bracket closing the one at text[start]."""
    depth = 0
    for index in range(start, len(text)):
        if text[index] == opening:
            depth += 1
        elif text[index] == closing:
            depth -= 1
            if depth == 0:
                return index
    raise SweepError(f"unbalanced {opening}{closing} from offset {start}")


@dataclass
class Function:
    kind: str               # the return type, as written
    open: int               # index of the body's "{"
    close: int              # index of its "}"


def find_function(text, name):
    """The definition of `name` (not a declaration, not a call) in text."""
    plain = masked(text)
    for match in re.finditer(r"(?m)^([A-Za-z_][^;{}()#=]*?)?\b" + re.escape(name) + r"\(",
                             plain):
        paren = match.end() - 1
        after = matching(plain, paren, "(", ")") + 1
        rest = plain[after:]
        brace = len(rest) - len(rest.lstrip())
        if not rest[brace:].startswith("{"):
            continue                    # a declaration or a macro use
        kind = (match.group(1) or "").strip()
        if not kind:                    # the type on the line before
            start = plain.rfind("\n", 0, match.start() - 1) + 1
            kind = plain[start:match.start()].strip()
        words = set(re.findall(r"\w+", kind))
        if "inline" in words:
            raise SweepError(f"{name} is static inline: stub a real function")
        body = after + brace
        return Function(kind, body, matching(plain, body, "{", "}"))
    raise SweepError(f"no definition of {name}()")


def default_value(kind):
    """What a stub returns for a function of return type `kind`."""
    words = [w for w in re.findall(r"\w+|\*", kind) if w not in DROPPED_WORDS]
    if words == ["void"]:
        return ""
    if "*" in words:
        return "NULL"
    if set(words) <= INTEGER_WORDS:
        return "0"
    return "(" + " ".join(words) + "){0}"


def returned(value):
    """What `return` is followed by to return value."""
    if value == "NULL":     # hidden from GCC, which warns of the callers' stores through it
        return " ({ void *stubsweep_null = NULL; " \
            "__asm__(\"\" : \"+r\"(stubsweep_null)); stubsweep_null; })"
    return f" {value}" if value else ""


def stub_return(text, function, value):
    result = returned(value)
    line = f"\tif (1)\t{MARK}\n\t\treturn{result};\n"
    at = function.open + 1
    return text[:at] + "\n" + line.rstrip("\n") + text[at:]


def first_loop(text, function):
    """The index just after the "{" of the body of the function's first
    loop with a braced body, or None."""
    plain = masked(text)
    for match in LOOP_RE.finditer(plain, function.open + 1, function.close):
        if match.group(0).startswith("do"):
            return match.end()
        head_end = matching(plain, match.end() - 1, "(", ")") + 1
        rest = plain[head_end:function.close]
        if rest.lstrip().startswith("{"):
            return head_end + len(rest) - len(rest.lstrip()) + 1
    return None


def stub_once(text, function):
    """The function's first loop stopped after one iteration, or None."""
    loop = first_loop(text, function)
    if loop is None:
        return None
    counter = f"\n\tint stubsweep_iterations = 0;\t{MARK}"
    check = f" if (stubsweep_iterations++) break;\t{MARK}"
    value = default_value(function.kind)
    # a loop that never ended (kswapd's) may be all the function does
    end = f"\treturn {value};\t{MARK}\n" if value else ""
    at, close = function.open + 1, function.close
    return text[:at] + counter + text[at:loop] + check + text[loop:close] + end + text[close:]


RETURN_RE = re.compile(r"\breturn\b([^;]*);")


def stub_after(text, function, value):
    """Every `return X;` of the function made `{ (void)(X); return value; }`:
    the work done, the answer wrong.  None where every return already says
    value (or the function returns nothing)."""
    plain = masked(text)
    found = list(RETURN_RE.finditer(plain, function.open, function.close))
    if not value or all(m.group(1).strip() == value for m in found):
        return None
    out, at = [], 0
    for match in found:
        expression = text[match.start(1):match.end(1)].strip()
        work = f"(void)({expression}); " if expression else ""
        out += [text[at:match.start()],
                f"{{ {work}return{returned(value)}; {MARK} }}"]
        at = match.end()
    return "".join(out) + text[at:]


def stubs_of(target, text):
    """[(shape, stubbed text)] for one target."""
    function = find_function(text, target.name)
    values = [default_value(function.kind)] + [v for v in target.returns]
    shapes = []
    for value in dict.fromkeys(values):
        label = "return" if value == values[0] else f"return:{value}"
        shapes.append((label, stub_return(text, function, value)))
    once = stub_once(text, function)
    if once is not None:
        shapes.append(("once", once))
    for value in dict.fromkeys(values):
        after = stub_after(text, function, value)
        if after is not None:
            label = "after" if value == values[0] else f"after:{value}"
            shapes.append((label, after))
    return shapes


# -- running ----------------------------------------------------------------------

@dataclass
class Verdict:
    verdict: str            # red, hang, GREEN, BUILD
    first: str = ""         # the first red test, kind:suite.case
    failed: int = 0         # cases that failed
    detail: list = field(default_factory=list)
    seconds: float = 0.0
    grade: str = ""


def make_tree(build, tree):
    """tree (default $BUILD/stubsweep/tree): the repository's files and
    the build's objects."""
    tree = Path(tree or Path(build) / "stubsweep" / "tree")
    shutil.rmtree(tree, ignore_errors=True)
    starter.copy_tree(ROOT, tree)
    proof.reuse_objects(build, tree / "build")
    return tree


def build_tree(tree, scenarios):
    targets = ["all"] if scenarios else ["build/kernel.elf"]
    argv = ["make", "--no-print-directory", "-C", str(tree), "BUILD=build", "DEBUG=0",
            "-j2", *targets, "host-tests", "build/swap.img"]
    try:
        result = subprocess.run(argv, capture_output=True, text=True, timeout=BUILD_TIMEOUT)
    except subprocess.TimeoutExpired:
        return False, "build timed out"
    return result.returncode == 0, result.stdout + result.stderr


class Collector:
    """Keeps the runner's outcomes (runner.Reporter's interface)."""

    def __init__(self):
        self.outcomes = []

    def report(self, outcome):
        self.outcomes.append(outcome)


def run_glob(tree, glob, timeout, jobs):
    """The runner's outcomes for glob, run on the tree's build and tests."""
    args = argparse.Namespace(build=str(tree / "build"), glob=glob, timeout=timeout,
                              tests=str(tree / "tests"))
    collector = Collector()
    runner.run_jobs(runner.plan_jobs(args), jobs, collector)
    return collector.outcomes


KIND_ORDER = {"host": 0, "kernel": 1, "scenario": 2}


def judge(outcomes):
    """A Verdict from the runner's outcomes."""
    outcomes = sorted(outcomes, key=lambda o: (KIND_ORDER.get(o.name.split(":")[0], 3),
                                               o.name))
    failed = [(o, c) for o in outcomes for c in o.cases if c.status == FAIL]
    if not failed:
        return Verdict("GREEN" if outcomes else "BUILD",
                       detail=[] if outcomes else ["no test ran"])
    hung = [o for o in outcomes if any("timed out" in n for n in o.notes)]
    if hung:
        outcome = hung[0]
        stopped = [c for c in outcome.cases
                   if any("in progress when the output ended" in line for line in c.lines)]
        case = stopped[0] if stopped else None
        named = case is not None and not case.name.startswith("#")
        first = f"{outcome.name}.{case.name}" if named else f"{outcome.name} (case not named)"
        return Verdict("hang", first, len(failed),
                       [n for n in outcome.notes] + (case.lines[-3:] if case else []))
    outcome, case = failed[0]
    first = outcome.name if outcome.whole else f"{outcome.name}.{case.name}"
    return Verdict("red", first, len(failed), case.lines[:4] + outcome.notes[:2])


def run_check(tree):
    """make check in the tree: a Verdict from its "not ok" lines."""
    argv = ["make", "--no-print-directory", "-C", str(tree), "BUILD=build", "check"]
    try:
        result = subprocess.run(argv, capture_output=True, text=True, timeout=CHECK_TIMEOUT)
    except subprocess.TimeoutExpired:
        return Verdict("hang", "make check", detail=[f"over {CHECK_TIMEOUT:g} s"])
    lines = (result.stdout + result.stderr).splitlines()
    bad = [line for line in lines if line.startswith("not ok")]
    if result.returncode == 0:
        return Verdict("GREEN")
    first = bad[0][len("not ok "):].split(":")[0:2] if bad else ["make check"]
    hung = any("timed out" in line for line in lines)
    return Verdict("hang" if hung else "red", ":".join(first), len(bad),
                   bad[:3] or lines[-5:])


def lab_of(target, tree, text):
    """The lab whose solution region overlaps the target's definition, or None."""
    function = find_function(text, target.name)
    first = text.count("\n", 0, function.open)
    last = text.count("\n", 0, function.close)
    for lab_name, found in regions.all_regions(tree).items():
        for region in found:
            if str(region.path) == target.path and region.begin <= last \
                    and region.end >= first:
                return catalog.find(lab_name, tree)     # the copy's graded tests
    return None


def grade_lab(lab, tree):
    quiet = []
    score, _ = grade.grade(lab, tree, tree / "build", out=quiet.append)
    mark = "" if score < lab.points else " NOT NOTICED"
    return f"{lab.name} {score}/{lab.points}{mark}"


def sweep_one(tree, target, shape, text, args):
    source = tree / target.path
    start = time.monotonic()
    source.write_text(text)
    try:
        scenarios = "scenario" in args.glob or args.glob.strip() == "*"
        ok, output = build_tree(tree, scenarios)
        if not ok:
            verdict = Verdict("BUILD", detail=output.strip().splitlines()[-6:])
        else:
            verdict = judge(run_glob(tree, args.glob, args.timeout, args.jobs)) \
                if args.glob else Verdict("-")
            if verdict.verdict == "GREEN" and args.then == "check":
                verdict = run_check(tree)
            elif verdict.verdict == "GREEN" and args.then:
                build_tree(tree, True)
                verdict = judge(run_glob(tree, args.then, args.timeout, args.jobs))
            if args.grade and verdict.verdict != "BUILD":
                lab = lab_of(target, tree, text)
                verdict.grade = grade_lab(lab, tree) if lab else "-"
    finally:
        shutil.copy(ROOT / target.path, source)     # a new mtime: make rebuilds
    verdict.seconds = time.monotonic() - start
    return verdict


# -- reporting ------------------------------------------------------------------

def row(target, shape, verdict):
    failed = f"({verdict.failed})" if verdict.failed else ""
    text = (f"{target.name:28s} {shape:10s} {verdict.verdict:6s} "
            f"{verdict.first or '-':60s} {failed:6s} {verdict.seconds:5.0f} s")
    return text + (f"  {verdict.grade}" if verdict.grade else "")


def markdown(results, args):
    lines = [f"Stubs swept with `{args.glob}`" + (f", then `{args.then}`" if args.then else "")
             + f", --timeout {args.timeout:g}:", "",
             "| function | file | shape | verdict | first red test | cases failed |"
             + (" lab grade |" if args.grade else ""),
             "|---|---|---|---|---|---|" + ("---|" if args.grade else "")]
    for target, shape, verdict in results:
        lines.append(f"| `{target.name}` | {target.path} | {shape} | {verdict.verdict} | "
                     f"{verdict.first or '-'} | {verdict.failed or ''} |"
                     + (f" {verdict.grade} |" if args.grade else ""))
    return "\n".join(lines) + "\n"


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="stubsweep.py", description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", default=str(ROOT / "build"),
                        help="the build whose objects the copy reuses (default build/)")
    parser.add_argument("--tree", default="",
                        help="the copy to stub (default $BUILD/stubsweep/tree): two sweeps "
                             "at once need two")
    parser.add_argument("--out", default="",
                        help="the Markdown table (default $BUILD/stubsweep/results.md)")
    parser.add_argument("--list-file", default=str(ROOT / "tests" / "stubsweep.py"),
                        help="the functions to stub (default tests/stubsweep.py)")
    parser.add_argument("--only", default="", help="comma-separated function names")
    parser.add_argument("--shapes", default="return,once",
                        help="comma-separated: return (with its extra values), once, after")
    parser.add_argument("--glob", default=DEFAULT_GLOB,
                        help="the tests each stub runs (default %(default)s; "
                             "empty: none, for --grade alone)")
    parser.add_argument("--then", default="",
                        help="a glob, or check, for the stubs still green after --glob")
    parser.add_argument("--grade", action="store_true",
                        help="also grade the lab whose region holds the function")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                        help="the runner's limit per suite, seconds (default %(default)g)")
    parser.add_argument("--jobs", "-j", type=int, default=2)
    parser.add_argument("--list", action="store_true",
                        help="print each function's shapes and return type, run nothing")
    parser.add_argument("--show", default="",
                        help="print the stubbed source of FUNCTION:SHAPE, run nothing")
    return parser.parse_args(argv)


def planned(args):
    targets = load_targets(args.list_file)
    only = {n for n in args.only.split(",") if n}
    unknown = only - {t.name for t in targets}
    if unknown:
        raise SweepError(f"not in {args.list_file}: {', '.join(sorted(unknown))}")
    shapes = {s.split(":")[0] for s in args.shapes.split(",") if s}
    for target in targets:
        if only and target.name not in only:
            continue
        text = (ROOT / target.path).read_text()
        for shape, stubbed in stubs_of(target, text):
            if shape.split(":")[0] in shapes:
                yield target, shape, stubbed


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        plan = list(planned(args))
    except SweepError as error:
        print(f"stubsweep: {error}", file=sys.stderr)
        return 2
    if args.show:
        name, _, shape = args.show.partition(":")
        for target, label, text in plan:
            if target.name == name and label == (shape or "return"):
                function = find_function(text, name)
                print(text[text.rfind("\n", 0, function.open - 1):function.close + 1])
        return 0
    if args.list:
        for target, shape, text in plan:
            print(f"{target.name:28s} {shape:10s} {target.path}")
        return 0
    tree = make_tree(args.build, args.tree)
    out = Path(args.out or Path(args.build) / "stubsweep" / "results.md")
    print(f"stubsweep: {len(plan)} stubs in {tree}, each with {args.glob}"
          + (f", then {args.then} if green" if args.then else ""), flush=True)
    results = []
    for target, shape, text in plan:
        verdict = sweep_one(tree, target, shape, text, args)
        results.append((target, shape, verdict))
        print(row(target, shape, verdict), flush=True)
        if verdict.verdict in ("GREEN", "BUILD") or verdict.verdict == "hang" \
                and "not named" in verdict.first:
            for line in verdict.detail:
                print(f"    {line}", flush=True)
        out.write_text(markdown(results, args))
    gaps = [r for r in results if r[2].verdict in ("GREEN", "BUILD")
            or "not named" in r[2].first or "NOT NOTICED" in r[2].grade]
    print(f"stubsweep: {len(results)} stubs, {len(gaps)} not noticed or unnamed; "
          f"table in {out}")
    return 1 if gaps else 0


if __name__ == "__main__":
    sys.exit(main())
