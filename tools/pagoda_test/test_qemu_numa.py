"""Tests for the NUMA options qemu.py builds for make run NODES=N, suites and scenarios.

    python3 -m unittest discover -s tools/pagoda_test -p 'test_*.py'
"""

import subprocess
import sys
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from pagoda_test import qemu  # noqa: E402

MIB = 1 << 20


def node_sizes(args):
    """The size= of each memory backend, in order."""
    return [int(a.split("size=")[1]) for a in args if a.startswith("memory-backend-ram")]


class ParseSize(unittest.TestCase):
    def test_units(self):
        self.assertEqual(qemu.parse_size("64M"), 64 * MIB)
        self.assertEqual(qemu.parse_size("3G"), 3 << 30)
        self.assertEqual(qemu.parse_size("512k"), 512 << 10)
        self.assertEqual(qemu.parse_size("128"), 128 * MIB)  # bare: MiB, as -m

    def test_bad(self):
        for text in ("", "M", "12Q", "1.5G", "-3M"):
            with self.assertRaises(ValueError, msg=text):
                qemu.parse_size(text)


class NumaArgs(unittest.TestCase):
    def test_one_node_adds_nothing(self):
        self.assertEqual(qemu.numa_args(1, "64M"), [])

    def test_nodes_share_all_memory(self):
        args = qemu.numa_args(2, "128M")
        self.assertEqual(node_sizes(args), [64 * MIB, 64 * MIB])
        self.assertIn("node,nodeid=1,memdev=m1", args)
        odd = node_sizes(qemu.numa_args(3, "1G"))
        self.assertEqual(sum(odd), 1 << 30)
        self.assertTrue(all(size % MIB == 0 for size in odd))

    def test_bad_node_counts(self):
        for nodes in (0, 9):
            with self.assertRaises(ValueError):
                qemu.numa_args(nodes, "128M")
        with self.assertRaises(ValueError):
            qemu.numa_args(8, "4M")

    def test_command_line(self):
        out = subprocess.run([sys.executable, str(HERE / "qemu.py"), "--numa-args",
                              "--nodes", "2", "--mem", "256M"],
                             capture_output=True, text=True, check=True).stdout
        self.assertEqual(out.split(), qemu.numa_args(2, "256M"))
        bad = subprocess.run([sys.executable, str(HERE / "qemu.py"), "--numa-args",
                              "--nodes", "9"], capture_output=True, text=True)
        self.assertNotEqual(bad.returncode, 0)
        self.assertIn("1 to 8", bad.stderr)


if __name__ == "__main__":
    unittest.main()
