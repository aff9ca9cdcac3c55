"""Tests for the KTAP parser: what the runner's pass/fail counts rest on.

Run: python3 -m unittest discover -s tools/pagoda_test -p 'test_*.py'
"""

import os
import sys
import textwrap
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from pagoda_test import ktap  # noqa: E402
from pagoda_test.ktap import FAIL, PASS, SKIP  # noqa: E402


def doc(text):
    """Dedent a KTAP sample written inside a test method."""
    return textwrap.dedent(text).lstrip("\n")


def one_suite(name, lines="", after=""):
    """A KTAP document planning the one suite `name`: the document's and the
    suite's header lines, then `lines` (the suite's plan and results, written
    from the suite's own indentation; nested tests deeper), then `after` at
    the document's indentation (the suite's result line, what ended the
    output, or nothing)."""
    suite = ["KTAP version 1", f"# Subtest: {name}"] + doc(lines).splitlines()
    return "\n".join(["KTAP version 1", "1..1"] + ["    " + line for line in suite]
                     + doc(after).splitlines()) + "\n"


def statuses(suite):
    return [(case.name, case.status) for case in ktap.case_results(suite)]


def case_statuses(suite):
    return [case.status for case in ktap.case_results(suite)]


CONTRACT_SAMPLE = doc("""
    KTAP version 1
    1..2
        KTAP version 1
        # Subtest: lib_string
        1..3
        ok 1 strlen_counts_bytes
        # strcmp_orders: EXPECTATION FAILED at tests/common/string_test.c:42
        #   expected strcmp("a", "b") < 0, got 1 vs 0
        not ok 2 strcmp_orders
        ok 3 memset_fills # SKIP needs hardware
    # lib_string: pass:1 fail:1 skip:1 total:3
    not ok 1 lib_string
        KTAP version 1
        # Subtest: lib_printf
        1..2
        ok 1 formats_ints
        ok 2 formats_strings
    # lib_printf: pass:2 fail:0 skip:0 total:2
    ok 2 lib_printf
    """)


class ContractSampleTest(unittest.TestCase):
    def setUp(self):
        self.root = ktap.parse(CONTRACT_SAMPLE)

    def test_suites_are_found_by_name(self):
        self.assertEqual([s.name for s in self.root.subtests], ["lib_string", "lib_printf"])
        self.assertEqual(self.root.plan, 2)

    def test_case_statuses(self):
        self.assertEqual(statuses(self.root.find("lib_string")),
                         [("strlen_counts_bytes", PASS), ("strcmp_orders", FAIL),
                          ("memset_fills", SKIP)])
        self.assertEqual(statuses(self.root.find("lib_printf")),
                         [("formats_ints", PASS), ("formats_strings", PASS)])

    def test_suite_outcomes(self):
        self.assertEqual(ktap.outcome(self.root.find("lib_string")), FAIL)
        self.assertEqual(ktap.outcome(self.root.find("lib_printf")), PASS)
        self.assertEqual(ktap.outcome(self.root), FAIL)

    def test_failure_lines_carry_the_diagnostics_of_that_case_only(self):
        cases = ktap.case_results(self.root.find("lib_string"))
        self.assertEqual(cases[1].lines, [
            "# strcmp_orders: EXPECTATION FAILED at tests/common/string_test.c:42",
            '#   expected strcmp("a", "b") < 0, got 1 vs 0',
            "not ok 2 strcmp_orders",
        ])
        self.assertEqual(cases[0].lines, [])

    def test_skip_reason_is_kept(self):
        case = self.root.find("lib_string").find("memset_fills")
        self.assertEqual(case.directive, "SKIP needs hardware")

    def test_suite_summary_line_goes_to_the_suite(self):
        suite = self.root.find("lib_printf")
        self.assertEqual(suite.diagnostics, ["# lib_printf: pass:2 fail:0 skip:0 total:2"])


class NestingTest(unittest.TestCase):
    def test_parameterised_case_nests_a_third_level(self):
        root = ktap.parse(one_suite("buddy", """
            1..2
                KTAP version 1
                # Subtest: alloc_orders
                ok 1 order 0
                not ok 2 order 3
                ok 3 order 10
                1..3
            not ok 1 alloc_orders
            ok 2 free_merges
            """, after="not ok 1 buddy"))
        suite = root.find("buddy")
        self.assertEqual(statuses(suite), [("alloc_orders", FAIL), ("free_merges", PASS)])
        param = suite.find("alloc_orders")
        self.assertEqual([t.name for t in param.subtests], ["order 0", "order 3", "order 10"])
        self.assertEqual(ktap.outcome(param.find("order 3")), FAIL)

    def test_suite_saying_ok_with_a_failing_nested_case_fails(self):
        root = ktap.parse(one_suite("lists", """
            1..1
                KTAP version 1
                # Subtest: param
                1..1
                not ok 1 inner
            ok 1 param
            """, after="ok 1 lists"))
        self.assertEqual(statuses(root.find("lists")), [("param", FAIL)])
        self.assertEqual(ktap.outcome(root), FAIL)

    def test_old_kunit_format_without_version_lines(self):
        root = ktap.parse(doc("""
            TAP version 14
            1..1
                # Subtest: example
                1..2
                ok 1 - example_simple_test
                ok 2 - example_skip_test # SKIP this test should be skipped
            ok 1 - example
            """))
        self.assertEqual(statuses(root.find("example")),
                         [("example_simple_test", PASS), ("example_skip_test", SKIP)])
        self.assertEqual(ktap.outcome(root), PASS)


class SkipTest(unittest.TestCase):
    def test_skipped_suite_counts_as_one_skip(self):
        root = ktap.parse(one_suite("numa", "1..0", after="ok 1 numa # SKIP needs numa=fake=2"))
        suite = root.find("numa")
        self.assertEqual(statuses(suite), [("numa", SKIP)])
        self.assertEqual(ktap.outcome(root), PASS)

    def test_skip_directive_is_case_insensitive_and_wins_over_not_ok(self):
        root = ktap.parse(one_suite("s", """
            1..2
            not ok 1 a # skip no disk
            ok 2 b # TODO known bug
            """, after="ok 1 s"))
        self.assertEqual(statuses(root.find("s")), [("a", SKIP), ("b", SKIP)])


class NoiseTest(unittest.TestCase):
    def test_printk_lines_and_carriage_returns_are_ignored(self):
        text = doc("""
            [    0.000000] Pagoda booting, 64 MB
            [    0.010000] ok 1 this is a printk, not a result
            KTAP version 1
            [    0.120000] buddy: 16000 free pages
            1..1
                KTAP version 1
            [    0.130000] virtio-blk: vda 128 MB
                # Subtest: lib_string
                1..2
                ok 1 a
            [    0.140000] # not a diagnostic either
            some driver chatter without a timestamp
            [    0.150000] ok 7 a printk that looks like a result
                ok 2 b
            ok 1 lib_string
            pagoda> 
            """).replace("\n", "\r\n")
        root = ktap.parse(text)
        self.assertEqual(statuses(root.find("lib_string")), [("a", PASS), ("b", PASS)])
        self.assertEqual(ktap.outcome(root), PASS)
        self.assertEqual(root.problems, [])
        self.assertEqual(root.find("lib_string").diagnostics, [])

    def test_no_ktap_at_all(self):
        self.assertIsNone(ktap.parse("[ 0.1] booting\nKernel panic - not syncing: oops\n"))
        self.assertEqual(ktap.crash_lines("[ 0.1] booting\n[ 0.2] Kernel panic - not syncing: x\n"),
                         ["[ 0.2] Kernel panic - not syncing: x"])

    def test_a_hung_case_report_is_a_crash_line(self):
        text = ("[ 31.3] INFO:   kswapd:2 R 2999 ticks (99%)\n"
                "[ 31.3]  [<c0126aac>] kswapd+0x3c/0x120\n")
        self.assertEqual(ktap.crash_lines(text), ["[ 31.3] INFO:   kswapd:2 R 2999 ticks (99%)"])

    def test_only_the_first_document_is_read(self):
        text = CONTRACT_SAMPLE + "KTAP version 1\n1..1\nnot ok 1 other\n"
        root = ktap.parse(text)
        self.assertEqual([s.name for s in root.subtests], ["lib_string", "lib_printf"])
        self.assertEqual(root.problems, [])


class TruncatedOutputTest(unittest.TestCase):
    CRASH = one_suite("vmscan", """
        1..5
        ok 1 ages_active_list
        ok 2 reclaims_clean_pages
        """, after="""
        [    1.500000] Oops: page fault at 0x00000010, eip 0xc0104abc
        [    1.500001] Kernel panic - not syncing: Fatal exception
        """)

    def test_unreported_cases_are_failures(self):
        suite = ktap.parse(self.CRASH).find("vmscan")
        self.assertEqual(case_statuses(suite), [PASS, PASS, FAIL, FAIL, FAIL])
        self.assertEqual(ktap.outcome(suite), FAIL)

    def test_case_in_progress_shows_the_panic(self):
        in_progress = ktap.case_results(ktap.parse(self.CRASH).find("vmscan"))[2]
        self.assertEqual(in_progress.lines[0], "case 3 of 5: in progress when the output ended")
        self.assertIn("[    1.500001] Kernel panic - not syncing: Fatal exception",
                      in_progress.lines)

    def test_crash_before_the_plan_counts_one_failure(self):
        root = ktap.parse(one_suite("swap", after="Kernel panic - not syncing: no memory"))
        results = ktap.case_results(root.find("swap"))
        self.assertEqual([c.status for c in results], [FAIL])
        self.assertIn("Kernel panic - not syncing: no memory", results[0].lines)

    def test_crash_inside_a_nested_case(self):
        root = ktap.parse(one_suite("migrate", """
            1..2
                KTAP version 1
                # Subtest: moves_pages
                1..4
                ok 1 order 0
            """))
        results = ktap.case_results(root.find("migrate"))
        self.assertEqual([c.status for c in results], [FAIL, FAIL])
        self.assertEqual(results[1].lines, ["case 2 of 2: never ran"])

    def test_all_cases_reported_but_suite_unfinished_still_fails(self):
        root = ktap.parse(one_suite("s", """
            1..1
            ok 1 a
            """))
        self.assertEqual(case_statuses(root.find("s")), [PASS, FAIL])

    def test_sanitizer_report_fails_the_suite(self):
        root = ktap.parse(doc("""
            KTAP version 1
            1..1
                KTAP version 1
                # Subtest: radix
                1..1
            lib/radix.c:40:7: runtime error: shift exponent 32 is too large
                ok 1 insert
            ok 1 radix
            """))
        self.assertEqual(ktap.outcome(root.find("radix")), FAIL)
        self.assertEqual(ktap.case_results(root.find("radix"))[-1].status, FAIL)

    def test_leak_report_after_the_last_suite_is_a_crash_not_a_suite(self):
        # LeakSanitizer reports at exit, after every suite: its indented
        # stack frames ("    #0 0x...") are not KTAP diagnostics, and
        # made a nameless extra suite ("planned 1 subtests, 2 reported").
        root = ktap.parse(doc("""
            KTAP version 1
            1..1
                KTAP version 1
                # Subtest: a
                1..1
                ok 1 x
            ok 1 a
            # totals: pass:1 fail:0 skip:0

            =================================================================
            ==20901==ERROR: LeakSanitizer: detected memory leaks

            Direct leak of 16 byte(s) in 1 object(s) allocated from:
                #0 0x7f7118eb89cf in __interceptor_malloc asan_malloc_linux.cpp:69
                #1 0x563507df8576 in kmem_cache_alloc tests/host/slab.c:42

            SUMMARY: AddressSanitizer: 16 byte(s) leaked in 1 allocation(s).
            """))
        self.assertEqual([t.name for t in root.subtests], ["a"])
        self.assertEqual(root.problems, [])
        self.assertTrue(any("LeakSanitizer" in line for line in root.crash_lines),
                        root.crash_lines)
        self.assertEqual(ktap.outcome(root), FAIL)


class CountMismatchTest(unittest.TestCase):
    def test_top_level_plan_larger_than_suites_reported(self):
        root = ktap.parse(doc("""
            KTAP version 1
            1..3
                KTAP version 1
                # Subtest: a
                1..1
                ok 1 x
            ok 1 a
            """))
        self.assertEqual(root.problems, ["planned 3 subtests, 1 reported"])
        self.assertEqual(ktap.outcome(root), FAIL)
        self.assertEqual(ktap.outcome(root.find("a")), PASS)

    def test_top_level_plan_smaller_than_suites_reported(self):
        root = ktap.parse(doc("""
            KTAP version 1
            1..1
            ok 1 a
            ok 2 b
            """))
        self.assertEqual(root.problems, ["planned 1 subtests, 2 reported"])
        self.assertEqual(ktap.outcome(root), FAIL)

    def test_suite_finishing_with_fewer_cases_than_planned(self):
        root = ktap.parse(one_suite("s", """
            1..3
            ok 1 a
            ok 2 b
            """, after="ok 1 s"))
        self.assertEqual(case_statuses(root.find("s")), [PASS, PASS, FAIL])

    def test_misnumbered_result_fails_the_suite(self):
        root = ktap.parse(one_suite("s", """
            1..2
            ok 1 a
            ok 3 b
            """, after="ok 1 s"))
        suite = root.find("s")
        self.assertEqual(suite.problems, ["result numbered 3, expected 2"])
        self.assertEqual(case_statuses(suite), [PASS, PASS, FAIL])

    def test_suite_saying_not_ok_with_all_cases_passing(self):
        root = ktap.parse(one_suite("s", """
            1..1
            ok 1 a
            """, after="not ok 1 s"))
        results = ktap.case_results(root.find("s"))
        self.assertEqual([c.status for c in results], [PASS, FAIL])
        self.assertEqual(results[-1].lines, ["not ok 1 s"])

    def test_bail_out_stops_and_fails(self):
        root = ktap.parse(doc("""
            KTAP version 1
            1..2
            ok 1 a
            Bail out! disk on fire
            ok 2 b
            """))
        self.assertEqual(root.bail_out, "disk on fire")
        self.assertEqual(len(root.subtests), 1)
        self.assertEqual(ktap.outcome(root), FAIL)


if __name__ == "__main__":
    unittest.main()
