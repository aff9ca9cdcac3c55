"""Tests for tools/bench_peer.py's pure parts: the module load order.

The benchmark itself downloads Debian's Linux and is run by hand
(make bench-peer); what decides whether the Linux side can boot at all is
that each virtio module is loaded after those it depends on.
"""

import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import bench_peer  # noqa: E402


def fake_modules(directory, depends):
    """A .ko file per name whose .modinfo says `depends=...`; name -> path."""
    found = {}
    for name, deps in depends.items():
        path = Path(directory) / f"{name}.ko"
        path.write_bytes(b"\x7fELF...\0license=GPL\0depends=" + deps.encode()
                         + b"\0vermagic=6.1\0")
        found[name] = path
    return found


class LoadOrderTest(unittest.TestCase):
    def test_dependencies_come_first(self):
        with tempfile.TemporaryDirectory() as tmp:
            found = fake_modules(tmp, {
                "virtio_blk": "virtio,virtio_ring", "virtio": "virtio_ring",
                "virtio_ring": "", "virtio_pci": "virtio_ring,virtio",
                "unused": ""})
            order = bench_peer.load_order(found, ("virtio_pci", "virtio_blk"))
        self.assertEqual(order, ["virtio_ring", "virtio", "virtio_pci", "virtio_blk"])

    def test_dashes_in_depends_name_underscored_files(self):
        with tempfile.TemporaryDirectory() as tmp:
            found = fake_modules(tmp, {"a": "b-c", "b_c": ""})
            self.assertEqual(bench_peer.load_order(found, ("a",)), ["b_c", "a"])

    def test_missing_module_and_cycle_are_refused(self):
        with tempfile.TemporaryDirectory() as tmp:
            found = fake_modules(tmp, {"a": "b", "b": "a", "c": "gone"})
            with self.assertRaisesRegex(bench_peer.PeerError, "depend on each other"):
                bench_peer.load_order(found, ("a",))
            with self.assertRaisesRegex(bench_peer.PeerError, "gone.ko is not"):
                bench_peer.load_order(found, ("c",))


if __name__ == "__main__":
    unittest.main()
