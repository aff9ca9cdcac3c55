"""Tests for tools/stubsweep.py's pure parts: finding a function's body,
writing its stubs, judging the runner's outcomes.

The sweep itself builds and boots for an hour (make stub-sweep, by hand);
what its table says rests on these: that a stub replaces the function the
list names and no other, compiles in the shape it claims, and that a
hang is told from a failure.
"""

import re
import sys
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import stubsweep  # noqa: E402
from pagoda_test.ktap import FAIL, PASS, CaseResult  # noqa: E402
from pagoda_test.runner import Outcome  # noqa: E402

SOURCE = """\
/* walk() is called here: for (;;) { } in a comment */
static int walk(struct list_head *head);

struct page *
pick(zone_t *zone, int order)
{
	struct page *page = first(zone, "{ not a brace");

	list_for_each(entry, &zone->list) {
		if (entry == NULL)
			continue;
		page = list_entry(entry);
	}
	return page;
}

int walk(struct list_head *head)
{
	return count(head);
}

swp_entry_t take(void)
{
	swp_entry_t entry = { 0 };

	do {
		entry.val++;
	} while (entry.val < 3);
	return entry;
}

int kthread(void *unused)
{
	for (;;)
		sleep();
}

static inline void helper(void)
{
}
"""


class FindFunctionTest(unittest.TestCase):
    def test_the_definition_not_a_declaration_or_a_comment(self):
        function = stubsweep.find_function(SOURCE, "walk")
        self.assertEqual(function.kind, "int")
        self.assertTrue(SOURCE[function.open:function.close + 1].startswith(
            "{\n\treturn count(head);"))

    def test_the_type_on_the_line_before(self):
        self.assertEqual(stubsweep.find_function(SOURCE, "pick").kind, "struct page *")

    def test_a_brace_in_a_string_is_not_counted(self):
        function = stubsweep.find_function(SOURCE, "pick")
        self.assertTrue(SOURCE[:function.close + 1].endswith("return page;\n}"))

    def test_missing_and_inline_functions_are_refused(self):
        with self.assertRaisesRegex(stubsweep.SweepError, "no definition of nonesuch"):
            stubsweep.find_function(SOURCE, "nonesuch")
        with self.assertRaisesRegex(stubsweep.SweepError, "static inline"):
            stubsweep.find_function(SOURCE, "helper")


class ShapesTest(unittest.TestCase):
    def shapes(self, name, extra=()):
        return dict(stubsweep.stubs_of(stubsweep.Target("f.c", name, extra), SOURCE))

    def test_each_type_returns_its_empty_value(self):
        self.assertEqual(stubsweep.default_value("void"), "")
        self.assertEqual(stubsweep.default_value("static unsigned long"), "0")
        self.assertEqual(stubsweep.default_value("struct page *"), "NULL")
        self.assertEqual(stubsweep.default_value("swp_entry_t"), "(swp_entry_t){0}")
        # the placement attribute on the line before (lib/compiler.h)
        self.assertEqual(stubsweep.default_value("__reclaim_hot\nint"), "0")
        self.assertEqual(stubsweep.default_value("__reclaim_hot\nvoid"), "")

    def test_return_goes_first_in_that_function_only(self):
        shapes = self.shapes("walk", ("-1",))
        self.assertEqual(set(shapes), {"return", "return:-1", "after", "after:-1"})
        self.assertIn("int walk(struct list_head *head)\n{\n\tif (1)\t/* stubsweep */\n"
                      "\t\treturn 0;\n\treturn count(head);", shapes["return"])
        self.assertIn("\t\treturn -1;\n\treturn count(head);", shapes["return:-1"])
        self.assertEqual(shapes["return"].count("stubsweep"), 1)

    def test_null_is_hidden_from_the_compiler(self):
        self.assertIn("__asm__", self.shapes("pick")["return"])

    def test_once_breaks_the_first_braced_loop_at_its_second_iteration(self):
        once = self.shapes("pick")["once"]
        self.assertIn("{\n\tint stubsweep_iterations = 0;", once)
        self.assertIn("list_for_each(entry, &zone->list) { if (stubsweep_iterations++) "
                      "break;", once)

    def test_once_handles_do_while(self):
        self.assertIn("do { if (stubsweep_iterations++) break;", self.shapes("take")["once"])

    def test_no_once_without_a_braced_loop(self):
        self.assertEqual(set(self.shapes("walk")) - {"after"}, {"return"})
        self.assertEqual(set(self.shapes("kthread")), {"return"})

    def test_after_does_the_work_and_returns_the_wrong_value(self):
        shapes = self.shapes("walk", ("-1",))
        self.assertIn("int walk(struct list_head *head)\n{\n\t{ (void)(count(head)); "
                      "return 0; /* stubsweep */ }\n}", shapes["after"])
        self.assertIn("{ (void)(count(head)); return -1; /* stubsweep */ }",
                      shapes["after:-1"])
        self.assertIn("{ (void)(entry); return (swp_entry_t){0}; /* stubsweep */ }",
                      self.shapes("take")["after"])
        self.assertIn("{ (void)(page); return ({ void *stubsweep_null",
                      self.shapes("pick")["after"])

    def test_no_after_where_every_return_says_that_value(self):
        source = "int ok(void)\n{\n\tif (x)\n\t\treturn 0;\n\treturn 0;\n}\n"
        shapes = dict(stubsweep.stubs_of(stubsweep.Target("f.c", "ok", ("1",)), source))
        self.assertEqual(set(shapes), {"return", "return:1", "after:1"})
        self.assertEqual(set(self.shapes("kthread")) & {"after"}, set())


def outcome(name, cases, notes=(), whole=False):
    return Outcome(name, [CaseResult(n, s, list(lines)) for n, s, lines in cases],
                   list(notes), whole=whole)


class JudgeTest(unittest.TestCase):
    def test_nothing_failed_is_green(self):
        verdict = stubsweep.judge([outcome("kernel:a", [("x", PASS, [])])])
        self.assertEqual(verdict.verdict, "GREEN")

    def test_the_first_failure_in_host_kernel_scenario_order(self):
        verdict = stubsweep.judge([
            outcome("scenario:s.t", [("s.t", FAIL, ["boom"])], whole=True),
            outcome("kernel:b", [("x", PASS, []), ("y", FAIL, ["why"])]),
            outcome("host:c", [("z", FAIL, ["first"])])])
        self.assertEqual((verdict.verdict, verdict.first, verdict.failed),
                         ("red", "host:c.z", 3))

    def test_a_timeout_is_a_hang_naming_the_case_in_progress(self):
        stopped = ["case 2 of 3: in progress when the output ended"]
        verdict = stubsweep.judge([outcome("kernel:r", [("a", PASS, []), ("b", FAIL, stopped)],
                                           ["timed out after 60 s; QEMU killed"])])
        self.assertEqual((verdict.verdict, verdict.first), ("hang", "kernel:r.b"))
        unnamed = stubsweep.judge([outcome("host:h", [("#1", FAIL, stopped)],
                                           ["timed out after 60 s; killed"])])
        self.assertEqual(unnamed.first, "host:h (case not named)")


class ListTest(unittest.TestCase):
    def test_a_function_in_a_solution_region_is_graded_by_its_lab(self):
        root = HERE.parents[1]
        for path, name, lab in (("mm/page_alloc.c", "expand", "buddy"),
                                ("mm/page_alloc.c", "__free_pages_ok", "buddy"),
                                ("mm/vmscan.c", "swap_out", None)):
            found = stubsweep.lab_of(stubsweep.Target(path, name), root,
                                     (root / path).read_text())
            self.assertEqual(found.name if found else None, lab, name)

    def test_every_listed_function_can_be_stubbed(self):
        root = HERE.parents[1]
        for target in stubsweep.load_targets(root / "tests" / "stubsweep.py"):
            with self.subTest(target.name):
                shapes = stubsweep.stubs_of(target, (root / target.path).read_text())
                self.assertTrue(shapes[0][0] == "return")

    def test_every_function_of_a_solution_region_is_listed(self):
        # a student's stub of a region stubs every function in it
        root = HERE.parents[1]
        listed = {(t.path, t.name) for t in
                  stubsweep.load_targets(root / "tests" / "stubsweep.py")}
        for lab, found in stubsweep.regions.all_regions(root).items():
            for region in found:
                for name in functions_overlapping(root, region):
                    with self.subTest(lab=lab, region=region.name):
                        self.assertTrue((str(region.path), name) in listed,
                                        f"{name}() is not in tests/stubsweep.py")

    def test_every_function_the_seeds_name_is_listed(self):
        root = HERE.parents[1]
        listed = {t.name for t in
                  stubsweep.load_targets(root / "tests" / "stubsweep.py")}
        named = set(re.findall(r"\b(\w+)\(\)", (root / "docs" / "seeds.md").read_text()))
        for name in sorted(named - listed - {"schedule"}):
            with self.subTest(name):
                self.assertEqual(defined_in(root, name), [],
                                 f"{name}() has a body but is not in tests/stubsweep.py")


def defined_in(root, name):
    """The files under mm/ and kernel/ with a real (not inline) body of name()."""
    files = []
    for path in sorted(list((root / "mm").glob("*.c")) + list((root / "kernel").glob("*.c"))):
        try:
            stubsweep.find_function(path.read_text(), name)
        except stubsweep.SweepError:
            continue
        files.append(str(path.relative_to(root)))
    return files


def functions_overlapping(root, region):
    """The names of the functions whose definitions overlap a lab region."""
    text = (root / region.path).read_text()
    names = set(re.findall(r"(?m)^(?:[A-Za-z_][^;{}()#=]*?\b)?(\w+)\(", stubsweep.masked(text)))
    found = []
    for name in sorted(names):
        try:
            function = stubsweep.find_function(text, name)
        except stubsweep.SweepError:
            continue
        first = text.count("\n", 0, function.open)
        last = text.count("\n", 0, function.close)
        if region.begin <= last and region.end >= first:
            found.append(name)
    return found


if __name__ == "__main__":
    unittest.main()
