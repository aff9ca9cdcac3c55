"""QEMU settings of the in-kernel suites that need more than the default boot.

The first glob (in file order) that matches a suite name gives its settings:
mem, qemu (extra arguments), append (kernel command line), timeout, and
disks (virtio-blk disks vda, vdb, ... made afresh under $BUILD/test-disks;
see suite_disks() in tools/pagoda_test/runner.py for the keys).
"""

SUITES = {
    # A legacy disk on bus 0 and a modern-capable one behind a bridge.
    "pci": {"disks": [{"size": "1M", "null": True},
                      {"size": "1M", "null": True, "bridge": 1, "modern": True}]},
}
