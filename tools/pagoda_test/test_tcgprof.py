"""Tests for tools/tcgprof.py's pure parts: charging blocks to functions.

The profile itself boots QEMU with a plugin (tools/tcgprof.py, by hand);
what its figures mean rests on these: which function a block is charged
to, what counts as a call, a return or an sti, and who called whom.
"""

import sys
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import tcgprof  # noqa: E402

NM = """\
c0100000 T start
c0100040 t helper
c0100080 T swap_writepage
c0100100 D some_data
c0100200 W last_one
"""

RET, STI, CALL_EAX, JMP = 0xc30000, 0xfb0000, 0xffd000, 0xeb0500
POPF = 0x9d0000


class PerFunctionTest(unittest.TestCase):
    def setUp(self):
        self.addrs, self.names = tcgprof.functions(NM)

    def table(self, lines):
        return tcgprof.per_function(lines, self.addrs, self.names)

    def test_only_text_symbols(self):
        self.assertEqual(self.names, ["start", "helper", "swap_writepage",
                                      "last_one"])

    def test_a_block_at_a_function_start_is_a_call(self):
        t = self.table([f"c0100040 3 5 {JMP}", f"c0100048 2 7 {RET}"])
        self.assertEqual(t["helper"]["calls"], 5)
        self.assertEqual(t["helper"]["ins"], 3 * 5 + 2 * 7)
        self.assertEqual(t["helper"]["blocks"], 12)

    def test_a_block_inside_belongs_to_the_function_before_it(self):
        t = self.table([f"c010007f 1 4 {JMP}", f"c0100080 1 1 {JMP}"])
        self.assertEqual(t["helper"]["ins"], 4)
        self.assertEqual(t["helper"]["calls"], 0)
        self.assertEqual(t["swap_writepage"]["calls"], 1)

    def test_returns_sti_and_indirect_calls_by_the_last_instruction(self):
        t = self.table([f"c0100004 4 10 {RET}", f"c0100008 1 3 {STI}",
                        f"c010000c 2 6 {CALL_EAX}", f"c0100010 2 9 {JMP}",
                        f"c0100014 3 2 {POPF}"])
        self.assertEqual(t["start"]["ret"], 10)
        self.assertEqual(t["start"]["sti"], 3 + 2)  # popfl counts too
        self.assertEqual(t["start"]["icall"], 6)

    def test_cr3_loads_and_invlpg_apart(self):
        mov_cr3 = 0x0f22d8       # mov %eax, %cr3
        read_cr3 = 0x0f20d8      # mov %cr3, %eax: no flush
        invlpg = 0x0f0138        # invlpg (%eax)
        lgdt = 0x0f0110          # 0f 01 /2: not invlpg
        rdtscp = 0x0f01f9        # 0f 01 with a register: not invlpg
        t = self.table([f"c0100004 2 3 {mov_cr3}", f"c0100008 2 5 {read_cr3}",
                        f"c010000c 1 7 {invlpg}", f"c0100010 1 11 {lgdt}",
                        f"c0100014 1 13 {rdtscp}",
                        f"c0100080 1 2 {RET}"])
        self.assertEqual(t["start"]["cr3"], 3)
        self.assertEqual(t["start"]["invlpg"], 7)
        lines = tcgprof.report(t, "swap_writepage", 10)
        self.assertIn("CR3 loads 1.5000, invlpg 3.5000", lines[1])

    def test_user_blocks_apart(self):
        t = self.table([f"0 6 100 {RET}", f"c0100000 1 1 {JMP}"])
        self.assertEqual(t["<user>"]["ins"], 600)
        self.assertEqual(t["<user>"]["ret"], 0)
        self.assertEqual(t["<user>"]["calls"], 0)

    def test_report_divides_by_the_calls_of_per(self):
        t = self.table([f"c0100080 5 4 {RET}", f"c0100040 10 8 {RET}",
                        f"0 100 2 0"])
        lines = tcgprof.report(t, "swap_writepage", 10)
        self.assertIn("per call of swap_writepage (4)", lines[0])
        self.assertIn("instructions 25,", lines[0])  # (20 + 80) / 4
        self.assertIn("returns 3.0", lines[0])  # 12 / 4
        self.assertIn("user instructions 50", lines[0])
        self.assertTrue(lines[3].startswith("helper"))  # most first

    def test_calls_to_another_page(self):
        edges = ["c0100ff0 c0101000 7",   # the next page
                 "c0101004 c0101ff0 2",   # the same page
                 "0 c0101000 5"]          # from user mode: not a call
        self.assertEqual(tcgprof.calls_to_another_page(edges), 7)

    def test_callers_from_the_block_run_before(self):
        edges = ["c0100004 c0100040 7", "c0100084 c0100040 2",
                 "0 c0100040 1", "c0100044 c0100080 5"]
        found = tcgprof.callers(edges, self.addrs, self.names, "helper")
        self.assertEqual(found, {"start": 7, "swap_writepage": 2,
                                 "<user>": 1})


if __name__ == "__main__":
    unittest.main()
