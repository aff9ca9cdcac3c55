"""QEMU settings of the in-kernel suites that need more than the default boot.

The first glob (in file order) that matches a suite name gives its settings:
mem, qemu (extra arguments), append (kernel command line), timeout.
"""

from pagoda_test.qemu import numa_args

SUITES = {
    # Two NUMA nodes of 64 MiB, described to the kernel by QEMU's SRAT.
    "mm_numa": {"mem": "128M", "qemu": numa_args(2, "128M")},
    # 1 GiB: 128 MiB of it above 896 MiB, in ZONE_HIGHMEM.
    "mm_highmem": {"mem": "1G"},
}
