"""Parse KTAP version 1 (KUnit's format) out of a serial log, and judge it.

The serial port carries more than KTAP: printk lines (`[    0.120000] ...`),
panic messages, shell prompts. KTAP lines are recognised by their shape and
everything else is ignored, except that crash messages are remembered so a
failure report can show them. Nesting is by indentation: a subtest's lines are
indented deeper than its parent's, and its own `ok N name` result line sits at
the parent's indentation, after the subtest's cases:

    KTAP version 1
    1..1
        KTAP version 1
        # Subtest: lib_string
        1..2
        # strcmp_orders: EXPECTATION FAILED at tests/common/string_test.c:42
        not ok 1 strcmp_orders
        ok 2 memset_fills # SKIP needs hardware
    not ok 1 lib_string

Diagnostic lines (`# ...`) belong to the next result line at their own
indentation, as in KUnit. Output that stops early (a crash, a timeout) leaves
tests without a result line; `case_results()` turns those, and every planned
but never reported case, into failures so a crash can never look like a pass.
"""

import re
from dataclasses import dataclass, field

VERSION_RE = re.compile(r"K?TAP version (\d+)$")
PLAN_RE = re.compile(r"1\.\.(\d+)$")
RESULT_RE = re.compile(r"(not ok|ok) (\d+)(?: -)?(?: ([^#]*?))?\s*(?:#\s*(.*))?$")
SUBTEST_RE = re.compile(r"# Subtest: (.*)$")
DIAGNOSTIC_RE = re.compile(r"#")
BAIL_OUT_RE = re.compile(r"Bail out!\s*(.*)$")

# Messages that explain why output stopped: the kernel's panic/oops lines and
# the host sanitizers' reports. Matched anywhere in a line, timestamps included.
CRASH_RE = re.compile(r"Kernel panic - not syncing|\bOops\b|\bBUG: |Unable to handle kernel"
                      r"|ERROR: (Address|Leak)Sanitizer|runtime error: |Triple fault"
                      r"|\bINFO: ")  # kernel/hung_task.c's report, as Linux's
# A frame of a sanitizer's stack trace ("    #0 0x7f... in malloc ..."):
# indented and starting with "#" like a diagnostic, but not KTAP.
SANITIZER_FRAME_RE = re.compile(r"#\d+ 0x[0-9a-f]+ ")

PASS, FAIL, SKIP = "pass", "fail", "skip"


@dataclass
class Test:
    """One KTAP test: a whole document, a suite, or a single case.

    `result` is "ok", "not ok", or None when no result line was seen (the
    output ended first, or this is the top-level document, which has none).
    """
    name: str = ""
    number: int | None = None
    result: str | None = None
    directive: str = ""
    plan: int | None = None
    indent: int = 0
    subtests: list["Test"] = field(default_factory=list)
    diagnostics: list[str] = field(default_factory=list)
    crash_lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    has_header: bool = False
    document: bool = False
    bail_out: str | None = None

    @property
    def skipped(self):
        """True for `# SKIP` (and `# TODO`, an expected failure) directives."""
        return self.directive.upper().startswith(("SKIP", "TODO"))

    def find(self, name):
        """The direct subtest called `name`, or None."""
        return next((t for t in self.subtests if t.name == name), None)


def outcome(test):
    """PASS, FAIL or SKIP for a test, looking through to its subtests.

    A test passes only if it said `ok` (the document root, which has no result
    line, is exempt), it ran as many subtests as it planned, nothing crashed
    inside it, and all its subtests pass or skip.
    """
    if test.skipped:
        return SKIP
    if test.result == "not ok" or (test.result is None and not test.document):
        return FAIL
    if test.problems or test.crash_lines or test.bail_out is not None:
        return FAIL
    if any(outcome(sub) == FAIL for sub in test.subtests):
        return FAIL
    return PASS


class _Parser:
    """Line-at-a-time KTAP parser keeping a stack of the open tests."""

    def __init__(self):
        self.root = Test(name="", indent=0, document=True)
        self.started = False
        self.done = False
        self.stack = [self.root]
        # Diagnostics waiting for the next result line, per indentation.
        self.pending = {}

    # -- helpers --------------------------------------------------------

    def owner_index(self, indent):
        """Index in the stack of the deepest open test at or above `indent`."""
        index = 0
        for i, test in enumerate(self.stack):
            if test.indent <= indent:
                index = i
        return index

    def close_deeper_than(self, index, why):
        """Pop the tests above stack[index]: they will never get a result."""
        while len(self.stack) > index + 1:
            test = self.stack.pop()
            test.problems.append(why)

    def open_child(self, indent):
        """Start a subtest of the top of the stack, at `indent`."""
        parent = self.stack[-1]
        child = Test(indent=indent)
        parent.subtests.append(child)
        self.stack.append(child)
        return child

    def test_at(self, indent):
        """The open test whose lines sit at `indent`, opening one if needed.

        A line deeper than every open test starts a subtest of the deepest one
        (KTAP allows subtests without a `KTAP version` header).
        """
        index = self.owner_index(indent)
        if self.stack[index].indent == indent:
            return self.stack[index]
        self.close_deeper_than(index, "no result line")
        return self.open_child(indent)

    def is_fresh(self, test):
        """True if `test` has not printed a plan or any results yet."""
        return test.plan is None and not test.subtests

    def start_sibling(self, test):
        """`test` got a second header: it ended without a result; open its sibling."""
        index = self.stack.index(test)
        self.close_deeper_than(index - 1, "no result line")
        return self.open_child(test.indent)

    # -- line kinds -----------------------------------------------------

    def version(self, indent):
        test = self.test_at(indent)
        if test is self.root:
            self.done = True  # a second top-level document: keep only the first
            return
        if test.has_header or not self.is_fresh(test):
            test = self.start_sibling(test)
        test.has_header = True

    def subtest(self, indent, name):
        test = self.test_at(indent)
        if test is self.root:
            return
        if not self.is_fresh(test):
            test = self.start_sibling(test)
        test.name = name.strip()

    def plan(self, indent, count):
        test = self.test_at(indent)
        if test.plan is not None:
            test.problems.append(f"second plan 1..{count} after 1..{test.plan}")
            return
        test.plan = count

    def diagnostic(self, indent, text):
        self.test_at(indent)
        self.pending.setdefault(indent, []).append(text)

    def result(self, indent, status, number, name, directive):
        owner = self.test_at(indent)
        index = self.stack.index(owner)
        if len(self.stack) > index + 1:
            # This result line closes the subtest opened below `owner`.
            self.close_deeper_than(index + 1, "no result line")
            test = self.stack.pop()
        else:
            test = Test(indent=indent + 4)
            owner.subtests.append(test)
        expected = len(owner.subtests)
        if number != expected:
            owner.problems.append(f"result numbered {number}, expected {expected}")
        test.result, test.number, test.directive = status, number, directive
        if name:
            test.name = name
        test.diagnostics = self.pending.pop(indent, [])

    def crash(self, line):
        """Remember a crash message on the innermost open test."""
        self.stack[-1].crash_lines.append(line.strip())

    # -- driver ---------------------------------------------------------

    def feed(self, raw):
        line = raw.rstrip("\r\n").rstrip()
        if self.done:
            return
        if CRASH_RE.search(line):
            self.crash(line)
        content = line.lstrip(" ")
        indent = len(line) - len(content)
        if not self.started:
            if indent == 0 and VERSION_RE.match(content):
                self.started = True
                self.root.has_header = True
            return
        if match := VERSION_RE.match(content):
            self.version(indent)
        elif match := SUBTEST_RE.match(content):
            self.subtest(indent, match.group(1))
        elif match := PLAN_RE.match(content):
            self.plan(indent, int(match.group(1)))
        elif match := RESULT_RE.match(content):
            status, number, name, directive = (group or "" for group in match.groups())
            self.result(indent, status, int(number), name.strip(), directive.strip())
        elif match := BAIL_OUT_RE.match(content):
            self.root.bail_out = match.group(1) or "Bail out!"
            self.done = True
        elif DIAGNOSTIC_RE.match(content) and not SANITIZER_FRAME_RE.match(content):
            self.diagnostic(indent, content)

    def finish(self):
        """Check every plan against what was reported."""
        _check_plans(self.root)
        return self.root


def _check_plans(test):
    if test.plan is not None and len(test.subtests) != test.plan:
        test.problems.append(f"planned {test.plan} subtests, {len(test.subtests)} reported")
    for sub in test.subtests:
        _check_plans(sub)


def crash_lines(text):
    """The crash messages anywhere in `text` (for output with no KTAP at all)."""
    return [line.strip() for line in text.splitlines() if CRASH_RE.search(line)]


def parse(text):
    """Parse the first KTAP document in `text` and return its root Test.

    The document starts at the first `KTAP version N` (or `TAP version N`) line
    in column 0; anything before it is ignored. Returns None if there is none.
    """
    parser = _Parser()
    for line in text.splitlines():
        parser.feed(line)
    if not parser.started:
        return None
    return parser.finish()


@dataclass
class CaseResult:
    """One counted case of a suite, with the lines to show if it failed."""
    name: str
    status: str
    lines: list[str] = field(default_factory=list)


def _result_line(test):
    """Re-create the KTAP result line of `test` for a failure report."""
    directive = f" # {test.directive}" if test.directive else ""
    return f"{test.result} {test.number} {test.name}{directive}"


def case_results(suite):
    """The cases of one suite as CaseResults, with crashes made explicit.

    Each direct subtest counts as one case. Planned cases that never reported
    become failures (the first one being the case in progress when the output
    stopped), so the count of failures is honest after a crash. A suite that
    failed without any failing case (it said `not ok`, numbered its cases
    wrongly, or never finished) gets one failure of its own.
    """
    cases = []
    for test in suite.subtests:
        status = outcome(test)
        lines = []
        if status == FAIL:
            lines = test.diagnostics + [f"# {p}" for p in test.problems]
            lines += test.crash_lines
            lines.append(_result_line(test) if test.result else
                         f"{test.name or 'case'}: no result line (output ended)")
        cases.append(CaseResult(test.name or f"#{len(cases) + 1}", status, lines))

    if suite.plan is not None and len(cases) < suite.plan:
        # Unless a nested case was left open, the first missing case is the
        # one that was running when the output stopped.
        in_progress = not any(t.result is None for t in suite.subtests)
        for number in range(len(cases) + 1, suite.plan + 1):
            what = "in progress when the output ended" if in_progress else "never ran"
            lines = [f"case {number} of {suite.plan}: {what}"]
            if in_progress:
                lines += suite.crash_lines
                in_progress = False
            cases.append(CaseResult(f"#{number}", FAIL, lines))

    suite_failed = outcome(suite) == FAIL
    if suite_failed and not any(c.status == FAIL for c in cases):
        lines = suite.diagnostics + [f"# {p}" for p in suite.problems] + suite.crash_lines
        if suite.result is None:
            lines.append(f"{suite.name}: no result line (output ended)")
        else:
            lines.append(_result_line(suite))
        cases.append(CaseResult(suite.name or "suite", FAIL, lines))
    if not cases and suite.skipped:
        cases.append(CaseResult(suite.name, SKIP, []))
    return cases
