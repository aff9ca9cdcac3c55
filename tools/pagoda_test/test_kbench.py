"""Tests for tools/kbench.py's ratios of two boots' figures."""

import sys
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import kbench  # noqa: E402


def boots(pressure_ms, free_ms, pressure_fastest, free_fastest):
    """One round's renamed figures, as one_round() returns them."""
    return [f"bench: memhog_pressure_ms {pressure_ms} ms",
            f"bench: memhog_pressure_ms_fastest {pressure_fastest} ms",
            f"bench: memhog_free_ms {free_ms} ms",
            f"bench: memhog_free_ms_fastest {free_fastest} ms"]


class RatioTest(unittest.TestCase):
    def test_the_median_runs_and_the_fastest_runs(self):
        figures = boots(1500, 1000, 1100, 1000)
        self.assertEqual(kbench.ratio("memhog", figures), 150)
        self.assertEqual(kbench.ratio("memhog", figures, 1), 110)

    def test_a_missing_figure_gives_no_ratio(self):
        self.assertIsNone(kbench.ratio("memhog", boots(1500, 0, 1, 1)))

    def test_each_ratio_over_the_rounds(self):
        rounds = [boots(1500, 1000, 1200, 1000),
                  boots(1300, 1000, 1100, 1000),
                  boots(2000, 1000, 1150, 1000)]
        self.assertEqual(kbench.ratio_lines("memhog", rounds), [
            "bench: memhog_pressure_vs_free_time 150 percent",
            "bench: memhog_pressure_vs_free_time_lowest 130 percent",
            "bench: memhog_pressure_vs_free_time_highest 200 percent",
            "bench: memhog_pressure_vs_free_fastest_time 115 percent",
            "bench: memhog_pressure_vs_free_fastest_time_lowest 110 percent",
            "bench: memhog_pressure_vs_free_fastest_time_highest 120 percent",
        ])

    def test_the_round_of_median_time_ratio_is_printed(self):
        rounds = [(boots(1500, 1000, 1500, 1000), False),
                  (boots(1300, 1000, 1300, 1000), False),
                  (boots(2000, 1000, 1100, 1000), False)]
        self.assertIs(kbench.median_round("memhog", rounds), rounds[0])

    def test_every_other_round_boots_the_other_way_round(self):
        booted = []

        def fake_run(build, name, swap, timeout, settings, label):
            booted.append(label)
            return [f"bench: {name}_ms {len(booted)} ms"], None, ""

        args = type("Args", (), {"build": "b", "swap": "64M",
                                 "timeout": 1})()
        real = kbench.run
        kbench.run = fake_run
        try:
            first = kbench.one_round(args, "memhog", 0)
            second = kbench.one_round(args, "memhog", 1)
        finally:
            kbench.run = real
        self.assertEqual(booted, ["pressure", "free", "free", "pressure"])
        # the figures in the same order either way
        self.assertEqual(first, (["bench: memhog_pressure_ms 1 ms",
                                  "bench: memhog_free_ms 2 ms"], False))
        self.assertEqual(second, (["bench: memhog_pressure_ms 4 ms",
                                   "bench: memhog_free_ms 3 ms"], False))

    def test_a_benchmark_without_ratios(self):
        self.assertEqual(kbench.ratio_lines("reclaim", [["bench: x 1 ms"]]),
                         [])


if __name__ == "__main__":
    unittest.main()
