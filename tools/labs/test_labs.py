"""Tests of the lab tooling (regions, starter, catalog, grader's judging),
on small made-up trees; make check runs them:
    python3 -m unittest discover -s tools/labs -t tools -p 'test_*.py'
"""

import subprocess
import tempfile
import unittest
from pathlib import Path

from labs import catalog, grade, hang, regions, starter

SOURCE = """\
int f(int x)
{
\t/* LAB toy: BEGIN f */
\treturn x + 1;
\t/* LAB toy: END f */
}
"""
STUBS = """\
# the toy lab's stubs
@@ f
\t/* TODO (lab toy) */
\treturn x;
"""
LABS_PY = """\
LABS = [{"name": "toy", "title": "A toy", "handout": "labs/01-toy.md",
         "tests": [("host:toy_suite.a_case", 5, "f")]}]
"""


def make_tree(root, source=SOURCE, stubs=STUBS):
    (root / "mm").mkdir(parents=True)
    (root / "labs" / "stubs").mkdir(parents=True)
    (root / "mm" / "toy.c").write_text(source)
    (root / "labs" / "stubs" / "toy.stubs").write_text(stubs)
    (root / "labs" / "labs.py").write_text(LABS_PY)


class RegionTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.root = Path(self.dir.name)

    def tearDown(self):
        self.dir.cleanup()

    def test_stub_replaces_the_region_and_keeps_the_markers(self):
        make_tree(self.root)
        lab = catalog.find("toy", self.root)
        regions.stub_out(lab, self.root)
        text = (self.root / "mm" / "toy.c").read_text()
        self.assertIn("\treturn x;\n", text)
        self.assertNotIn("x + 1", text)
        self.assertIn("/* LAB toy: BEGIN f */", text)
        self.assertIn("/* LAB toy: END f */", text)

    def test_bad_markers_are_named(self):
        cases = {
            "without its BEGIN": SOURCE.replace("\t/* LAB toy: BEGIN f */\n", ""),
            "never ends": SOURCE.replace("\t/* LAB toy: END f */\n", ""),
            "malformed": SOURCE.replace("LAB toy: BEGIN f", "LAB toy BEGIN f"),
            "begins inside region": SOURCE.replace("\treturn x + 1;",
                                            "\t/* LAB toy: BEGIN g */"),
        }
        for why, source in cases.items():
            with self.subTest(why), tempfile.TemporaryDirectory() as other:
                make_tree(Path(other), source=source)
                with self.assertRaisesRegex(regions.RegionError, why):
                    regions.all_regions(Path(other))

    def test_a_region_needs_its_stub_and_a_stub_its_region(self):
        make_tree(self.root, stubs="@@ g\n\treturn 0;\n")
        lab = catalog.find("toy", self.root)
        with self.assertRaisesRegex(regions.RegionError, "no stub .* for f"):
            regions.lab_regions(lab, self.root)
        (self.root / "labs" / "stubs" / "toy.stubs").write_text(STUBS + "@@ g\n")
        with self.assertRaisesRegex(regions.RegionError, "not marked in the sources: g"):
            regions.lab_regions(lab, self.root)


class CatalogAndStarterTest(unittest.TestCase):
    def test_unknown_lab_lists_the_known_ones(self):
        with tempfile.TemporaryDirectory() as root:
            make_tree(Path(root))
            with self.assertRaisesRegex(catalog.CatalogError, "no lab called 'nope'.*toy"):
                catalog.find("nope", Path(root))

    def test_a_test_must_name_one_case(self):
        with self.assertRaisesRegex(catalog.CatalogError, "name one case"):
            catalog._graded_test("toy", ("host:toy_suite", 5, "f"))

    def test_out_must_be_new_or_empty(self):
        with tempfile.TemporaryDirectory() as out:
            starter.check_out_dir(out)                  # empty: fine
            (Path(out) / "x").write_text("")
            with self.assertRaisesRegex(starter.StarterError, "not empty"):
                starter.check_out_dir(out)
            with self.assertRaisesRegex(starter.StarterError, "not a directory"):
                starter.check_out_dir(str(Path(out) / "x"))
        with self.assertRaisesRegex(starter.StarterError, "OUT=DIR"):
            starter.check_out_dir("")

    def test_a_starter_is_a_repository_with_the_stub_in(self):
        with tempfile.TemporaryDirectory() as root, tempfile.TemporaryDirectory() as out:
            make_tree(Path(root))
            (Path(root) / ".gitignore").write_text("build/\n")
            (Path(root) / "build").mkdir()
            (Path(root) / "build" / "junk.o").write_text("")
            subprocess.run(["git", "-C", root, "init", "-q"], check=True)
            lab = catalog.find("toy", Path(root))
            starter.write_starter(lab, out, Path(root))
            self.assertIn("\treturn x;\n", (Path(out) / "mm" / "toy.c").read_text())
            self.assertFalse((Path(out) / "build").exists())
            status = subprocess.run(["git", "-C", out, "status", "--porcelain"],
                                    capture_output=True, text=True, check=True)
            self.assertEqual(status.stdout, "")

    def test_every_lab_of_the_repository_has_consistent_regions(self):
        for lab in catalog.load():
            with self.subTest(lab.name):
                found, _ = regions.lab_regions(lab, catalog.ROOT)
                self.assertTrue(found)
                self.assertTrue((catalog.ROOT / lab.handout).exists(), lab.handout)


WHOLE = """\
/* LAB toy: BEGIN g */
static int g(int x)
{
\treturn x;
}
/* LAB toy: END g */
"""


class HangTest(unittest.TestCase):
    """make lab-hang's tree, and the limits that stop code that hangs."""

    def test_the_loop_goes_where_the_code_starts(self):
        with tempfile.TemporaryDirectory() as root:
            make_tree(Path(root), source=SOURCE + WHOLE, stubs=STUBS + "@@ g\n")
            lab = catalog.find("toy", Path(root))
            hang.make_hang(lab, root, "LOOP;\n")
            text = (Path(root) / "mm" / "toy.c").read_text()
        self.assertIn("BEGIN f */\nLOOP;\n\treturn x + 1;", text)
        self.assertIn("static int g(int x)\n{\nLOOP;\n\treturn x;", text)

    def test_a_spinning_case_is_stopped_by_its_cpu_limit(self):
        test = catalog.GradedTest("host", "toy_suite.a_case", 5, "f")
        output, code = grade.run_process(["sh", "-c", "while :; do :; done"], 30, 1)
        passed, lines = grade.judge_ktap(test, output, code, 30, (0, 1))
        self.assertFalse(passed)
        self.assertIn("CPU-time limit", lines[-1])

    def test_a_sleeping_case_is_stopped_by_the_clock(self):
        test = catalog.GradedTest("kernel", "toy_suite.a_case", 5, "f")
        output, code = grade.run_process(["sleep", "60"], 1, 5)
        self.assertIsNone(code)
        passed, lines = grade.judge_ktap(test, output, code, 1, (33, 35))
        self.assertFalse(passed)
        self.assertIn("timed out after 1 s", lines[-1])


HOST_OK = """KTAP version 1
1..1
    KTAP version 1
    # Subtest: toy_suite
    1..1
    ok 1 a_case
ok 1 toy_suite
"""
HOST_ASAN = """KTAP version 1
1..1
    KTAP version 1
    # Subtest: toy_suite
    1..1
==1==ERROR: AddressSanitizer: heap-use-after-free on address 0x1
"""


class JudgeTest(unittest.TestCase):
    test = catalog.GradedTest("host", "toy_suite.a_case", 5, "f")

    def test_a_passing_case_passes(self):
        self.assertEqual(grade.judge_ktap(self.test, HOST_OK, 0, 30, (0, 1)), (True, []))

    def test_a_sanitizer_abort_fails_and_says_so(self):
        passed, lines = grade.judge_ktap(self.test, HOST_ASAN, 1, 30, (0, 1))
        self.assertFalse(passed)
        self.assertTrue(any("AddressSanitizer" in line for line in lines))
        self.assertTrue(any("crashed" in line for line in lines))

    def test_a_triple_fault_is_a_crash(self):
        output = HOST_OK.replace("    ok 1 a_case\nok 1 toy_suite\n", "")
        passed, lines = grade.judge_ktap(self.test, output, 0, 30, (33, 35))
        self.assertFalse(passed)
        self.assertIn("in progress", lines[0])
        self.assertIn("crashed", lines[-1])

    def test_a_timeout_fails(self):
        passed, lines = grade.judge_ktap(self.test, HOST_OK, None, 30, (0, 1))
        self.assertFalse(passed)
        self.assertIn("timed out", lines[-1])

    def test_another_case_does_not_count(self):
        passed, lines = grade.judge_ktap(self.test, HOST_OK.replace("a_case", "b"), 0, 30, (0, 1))
        self.assertFalse(passed)
        self.assertIn("expected exactly case a_case", lines[0])

    def test_a_long_failure_shows_its_first_and_last_lines(self):
        lines = [f"line {i}" for i in range(20)]
        shown = grade.shown_lines(lines)
        self.assertEqual(shown[:9], lines[:9])
        self.assertEqual(shown[-2:], lines[-2:])
        self.assertIn("9 more lines in the log", shown[9])
        self.assertEqual(grade.shown_lines(lines[:12]), lines[:12])

    def test_the_first_suspect_is_named(self):
        tests = tuple(catalog.GradedTest("host", f"s.{f}", 1, f) for f in ("pmd", "pgd", "mm"))
        lab = catalog.Lab("walk", "", "", tests, ("pmd", "pgd", "mm"))
        results = [grade.Result(tests[0], True), grade.Result(tests[1], False),
                   grade.Result(tests[2], False)]
        self.assertEqual(grade.first_suspect(lab, results), "pgd")
        results[1].passed = True
        self.assertIsNone(grade.first_suspect(lab, results))

    def test_a_case_that_never_ran_does_not_choose_the_suspect(self):
        tests = tuple(catalog.GradedTest("host", f"s.{f}", 1, f) for f in ("pmd", "pgd", "mm"))
        lab = catalog.Lab("walk", "", "", tests, ("pmd", "pgd", "mm"))
        results = [grade.Result(tests[0], False, reached=False),
                   grade.Result(tests[1], True), grade.Result(tests[2], False)]
        self.assertEqual(grade.first_suspect(lab, results), "mm")
        results[2].reached = False          # nothing ran: all of them count
        self.assertEqual(grade.first_suspect(lab, results), "pmd")

    def test_a_kernel_that_died_booting_did_not_reach_the_case(self):
        test = catalog.GradedTest("kernel", "s.c", 1, "f")
        died = "Kernel panic - not syncing: cannot start init (-12)\n"
        self.assertFalse(grade.case_reported(test, died))
        ran = "KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: s\n    1..1\n" \
              "    not ok 1 c\nnot ok 1 s\n"
        self.assertTrue(grade.case_reported(test, ran))

    def test_gradescope_results(self):
        lab = catalog.Lab("toy", "A toy", "labs/01-toy.md",
                          (self.test, catalog.GradedTest("kernel", "s.c", 3, "g")))
        results = [grade.Result(lab.tests[0], True), grade.Result(lab.tests[1], False, ["why"])]
        data = grade.gradescope_json(lab, results, "", 1.0)
        self.assertEqual(data["score"], 5)
        self.assertEqual([t["max_score"] for t in data["tests"]], [5, 3])
        self.assertEqual([t["score"] for t in data["tests"]], [5, 0])
        self.assertIn("why", data["tests"][1]["output"])


if __name__ == "__main__":
    unittest.main()
