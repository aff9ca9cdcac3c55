"""QEMU settings of the in-kernel suites that need more than the default boot.

The first glob (in file order) that matches a suite name gives its settings:
mem, qemu (extra arguments), append (kernel command line), timeout, and
disks (virtio-blk disks vda, vdb, ... made afresh under $BUILD/test-disks;
see suite_disks() in tools/pagoda_test/runner.py for the keys).
"""

from pagoda_test.qemu import numa_args

SUITES = {
    # Two NUMA nodes of 64 MiB, described to the kernel by QEMU's SRAT.
    "mm_numa": {"mem": "128M", "qemu": numa_args(2, "128M")},
    # 1 GiB: 128 MiB of it above 896 MiB, in ZONE_HIGHMEM.
    "mm_highmem": {"mem": "1G"},
    # A legacy disk on bus 0 and a modern-capable one behind a bridge.
    "pci": {"disks": [{"size": "1M", "null": True},
                      {"size": "1M", "null": True, "bridge": 1, "modern": True}]},
    # vda: a fresh image; vdb: read-only; vdc: 4096-byte logical blocks;
    # vdd: slow (QEMU throttles it), so its ring fills up; vde: blkdebug
    # fails writes touching sector 2048 and reads touching sector 4096.
    "virtio_blk": {"disks": [{"size": "16M"},
                             {"size": "1M", "null": True, "readonly": True},
                             {"size": "1M", "null": True, "block_size": 4096},
                             {"size": "4M", "iops": 200},
                             {"size": "4M", "errors": [
                                 {"event": "write_aio", "sector": 2048},
                                 {"event": "read_aio", "sector": 4096}]}]},
    # Page migration of swap-cache pages and pages under write I/O.
    "migrate": {"disks": [{"size": "8M", "mkswap": True}]},
    # sysinfo's swap counts, madvise's and mlock's swapped-out pages.
    "sysinfo": {"disks": [{"size": "8M", "mkswap": True}]},
    "madvise": {"disks": [{"size": "8M", "mkswap": True}]},
    "mlock": {"disks": [{"size": "8M", "mkswap": True}]},
    "mremap": {"disks": [{"size": "8M", "mkswap": True}]},
    # A console reader's buffer swapped out (tests/kernel/console_test.c).
    "console": {"disks": [{"size": "8M", "mkswap": True}]},
    # pipe2's buffer swapped out (tests/kernel/pipe_test.c).
    "pipe": {"disks": [{"size": "8M", "mkswap": True}]},
    # writev's piece table swapped out (tests/kernel/read_write_test.c).
    "read_write": {"disks": [{"size": "8M", "mkswap": True}]},
    # One swap area for the swap cache's slots.
    "swap_cache": {"disks": [{"size": "8M", "mkswap": True}]},
    # Reclaim's decisions on real pages, swapping to vda; reads of slot
    # 1504 (sector 12032) fail (tests/kernel/reclaim_test.c).
    "reclaim": {"disks": [{"size": "8M", "mkswap": True, "errors": [
        {"event": "read_aio", "sector": 12032, "iotype": "read"}]}]},
    # Swap areas as the boot leaves them (see tests/kernel/swap_area_test.c).
    "swap_area": {"disks": [{"size": "8M", "mkswap": True, "bad_pages": [5, 300, 1000]},
                            {"size": "4M", "mkswap": True, "errors": [
                                {"event": "write_aio", "sector": 80},
                                {"event": "read_aio", "sector": 160}]},
                            {"size": "4M"},
                            {"size": "4M", "mkswap": True, "readonly": True}]},
}
