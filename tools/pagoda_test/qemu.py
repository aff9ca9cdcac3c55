"""Build the QEMU command line for Pagoda: the one place that knows QEMU's flags.

The test runner, the scenario tests and the Makefile (`make run`, `make debug`)
all boot through `command()`, so a flag fixed here is fixed everywhere. This
file imports nothing from its package, so it works both as
`python3 -m pagoda_test.qemu` (with tools/ on PYTHONPATH) and as
`python3 tools/pagoda_test/qemu.py`:

    qemu.py --kernel build/kernel.elf --append "test=lib_*"   # print the command
    qemu.py --iso build/pagoda.iso --swap build/swap.img --monitor --run
    qemu.py --gdb-port                                         # port for make debug/gdb
    qemu.py --numa-args --nodes 2 --mem 128M                   # -numa options for make run

`--run` runs QEMU on the terminal and maps its exit status the way every
Pagoda script does: 33 (the kernel's success code) -> 0, anything else -> 1.
"""

import argparse
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass

DEFAULT_QEMU = "qemu-system-i386"
DEFAULT_MEM = "64M"

# isa-debug-exit turns the kernel's write of V to port 0xf4 into exit status
# (V << 1) | 1: the kernel writes 0x10 for success and 0x11 for failure.
EXIT_SUCCESS = 33
EXIT_FAILURE = 35


def qemu_binary():
    """The QEMU to run, as an argv prefix.

    PAGODA_QEMU overrides it (tests use a fake QEMU; a developer may point at a
    debug build); it may carry arguments, e.g. "python3 fake_qemu.py".
    """
    return shlex.split(os.environ.get("PAGODA_QEMU") or DEFAULT_QEMU)


@dataclass(frozen=True)
class Inject:
    """An I/O error QEMU's blkdebug driver returns for requests touching `sector`.

    event: "read_aio" or "write_aio"; errno: 5 is EIO; once: fail only the first time.
    blkdebug arms the rule at the first such event and then fails requests of any
    kind touching the sector; iotype ("read", "write", ...) limits it to that kind.
    sector None: every request fails, wherever it goes (a dead disk).
    """
    event: str
    sector: int | None = None
    errno: int = 5
    once: bool = False
    iotype: str | None = None


@dataclass(frozen=True)
class Disk:
    """One legacy virtio-blk disk: what its -drive and -device say.

    image:      a raw image file; None makes a null-co disk of `size` bytes
                (reads zeros, forgets writes: enough for tests of PCI or of
                requests refused before the device)
    readonly:   the drive is read-only; the device offers VIRTIO_BLK_F_RO
    errors:     Inject items: blkdebug fails those requests with their errno
    bridge:     put the device behind PCI-PCI bridge number N (created once)
    modern:     keep the modern interface as well (adds a 64-bit memory BAR)
    block_size: logical_block_size in bytes (VIRTIO_BLK_F_BLK_SIZE)
    iops:       QEMU throttles the disk to this many requests a second, so
                requests pile up in the ring (a slow disk)
    breakable:  under blkdebug even without errors, so that the monitor's
                `qemu-io swapN "break read_aio A"` can hold a request
                unanswered until `resume A` (see hmp())
    """
    image: object = None
    size: str | None = None
    readonly: bool = False
    errors: tuple = ()
    bridge: int | None = None
    modern: bool = False
    block_size: int | None = None
    iops: int | None = None
    breakable: bool = False


def _drive_option(index, disk):
    """The -drive value of `disk`: the file, or null-co, under blkdebug if errors."""
    opts = [f"if=none,id=swap{index},format=raw,werror=report,rerror=report"]
    if disk.readonly:
        opts.append("readonly=on")
    if disk.iops:
        opts.append(f"throttling.iops-total={disk.iops}")
    debug = bool(disk.errors) or disk.breakable
    file = "file.image" if debug else "file"
    if debug:
        opts.append("file.driver=blkdebug")
        for n, err in enumerate(disk.errors):
            prefix = f"file.inject-error.{n}"
            opts.append(f"{prefix}.event={err.event},{prefix}.errno={err.errno}")
            if err.sector is not None:
                opts.append(f"{prefix}.sector={err.sector}")
            if err.once:
                opts.append(f"{prefix}.once=on")
            if err.iotype:
                opts.append(f"{prefix}.iotype={err.iotype}")
    if disk.image is None:
        opts.append(f"{file}.driver=null-co,{file}.size={disk.size},{file}.read-zeroes=on")
    elif debug:
        opts.append(f"{file}.filename={disk.image}")
    else:
        opts.insert(0, f"file={disk.image}")
    return ",".join(opts)


def swap_args(disks):
    """-drive/-device pairs attaching each disk as a legacy virtio-blk disk (vda, vdb, ...).

    Each item is an image path or a Disk. werror/rerror=report make an I/O
    error reach the driver instead of pausing the VM; disable-modern=on and
    vectors=0 leave the legacy I/O-port interface on its INTx line.
    """
    args, bridges = [], set()
    for index, disk in enumerate(disks):
        if not isinstance(disk, Disk):
            disk = Disk(image=disk)
        device = f"virtio-blk-pci,drive=swap{index}"
        if not disk.modern:
            device += ",disable-modern=on"
        device += f",vectors=0,serial=SWAP{index}"
        if disk.block_size:
            device += (f",logical_block_size={disk.block_size}"
                       f",physical_block_size={disk.block_size}")
        if disk.bridge is not None:
            if disk.bridge not in bridges:
                bridges.add(disk.bridge)
                args += ["-device", f"pci-bridge,id=bridge{disk.bridge},"
                                    f"chassis_nr={disk.bridge}"]
            device += f",bus=bridge{disk.bridge}"
        args += ["-drive", _drive_option(index, disk), "-device", device]
    return args


SIZE_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}
MAX_NODES = 8  # the kernel's MAX_NUMNODES


def parse_size(text):
    """Bytes in a QEMU-style size ("64M", "3G", "512K"; a bare number is MiB, as for -m)."""
    text = str(text).strip().upper().removesuffix("B")
    unit = text[-1:] if text[-1:] in SIZE_UNITS and text[-1:] else ""
    number = text[:-1] if unit else text
    if not number.isdigit():
        raise ValueError(f"bad size {text!r}: expected e.g. 64M or 3G")
    return int(number) * (SIZE_UNITS[unit] if unit else SIZE_UNITS["M"])


def numa_args(nodes, mem):
    """-object/-numa options splitting `mem` over `nodes` NUMA nodes ([] for one node).

    QEMU then builds the ACPI SRAT the kernel reads. Each node gets
    an equal share in whole MiB; the last one also gets what is left over.
    """
    nodes = int(nodes)
    if not 1 <= nodes <= MAX_NODES:
        raise ValueError(f"NODES={nodes}: the kernel handles 1 to {MAX_NODES} nodes")
    if nodes == 1:
        return []
    total = parse_size(mem)
    share = total // nodes // SIZE_UNITS["M"] * SIZE_UNITS["M"]
    if share == 0:
        raise ValueError(f"{mem} is too little memory for {nodes} nodes")
    args = []
    for node in range(nodes):
        size = share if node < nodes - 1 else total - share * (nodes - 1)
        args += ["-object", f"memory-backend-ram,id=m{node},size={size}",
                 "-numa", f"node,nodeid={node},memdev=m{node}"]
    return args


def command(*, kernel=None, iso=None, append=None, mem=None, swap=(), extra=(),
            serial="stdio", gui=False, gdb_port=None, wait_for_gdb=False, modules=()):
    """Return the QEMU argv booting Pagoda.

    Exactly one of `kernel` (Multiboot ELF, booted with -kernel: fast, and
    takes `append` as the command line) or `iso` (GRUB rescue ISO, whose
    grub.cfg supplies the command line) must be given.

    `modules` are files given as Multiboot modules (-initrd "a,b", with
    `kernel` only: an ISO carries its modules in grub.cfg); the kernel
    offers each static i386 executable among them to `run` under its
    basename.

    `serial` is "stdio" for tests (bytes written to QEMU's stdin reach the
    guest raw) or "mon:stdio" for people (Ctrl-A c reaches the monitor).
    """
    if (kernel is None) == (iso is None):
        raise ValueError("give exactly one of kernel= or iso=")
    if iso is not None and append:
        raise ValueError("an ISO boot takes its command line from grub.cfg; append= needs kernel=")
    argv = qemu_binary() + [
        "-M", "pc", "-accel", "tcg", "-m", mem or DEFAULT_MEM,
        "-serial", serial, "-no-reboot", "-nic", "none",
    ]
    if not gui:
        argv += ["-display", "none"]
    if kernel is not None:
        argv += ["-kernel", str(kernel)]
        if append:
            argv += ["-append", append]
        if modules:
            if any("," in str(m) for m in modules):
                raise ValueError(f"QEMU's -initrd cannot take a file name with a comma: {modules}")
            argv += ["-initrd", ",".join(str(m) for m in modules)]
    else:
        if modules:
            raise ValueError("an ISO boot takes its modules from grub.cfg; modules= needs kernel=")
        argv += ["-cdrom", str(iso), "-boot", "d"]
    argv += swap_args(swap)
    argv += ["-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
    if gdb_port is not None:
        argv += ["-gdb", f"tcp::{gdb_port}"]
    if wait_for_gdb:
        argv += ["-S"]
    return argv + list(extra)


def monitor_args(path):
    """-monitor on a Unix socket at `path`, for hmp()."""
    return ["-monitor", f"unix:{path},server=on,wait=off"]


def hmp(path, command, timeout=10):
    """Types one command at the human monitor listening at `path`
    (monitor_args) and returns what it printed after it; waits for
    QEMU to open the socket."""
    deadline = time.monotonic() + timeout
    with socket.socket(socket.AF_UNIX) as sock:
        while True:
            try:
                sock.connect(str(path))
                break
            except (FileNotFoundError, ConnectionRefusedError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        sock.settimeout(timeout)
        text = b""
        for line in (None, command):
            if line is not None:
                sock.sendall(line.encode() + b"\n")
            while not text.endswith(b"(qemu) "):
                text += sock.recv(4096)
            reply, text = text, b""
    return reply.decode(errors="replace")


def map_exit_status(code):
    """0 when QEMU exited with the kernel's success code, else 1."""
    return 0 if code == EXIT_SUCCESS else 1


def describe_exit_status(code):
    """Say in words what a raw QEMU exit status means."""
    if code == EXIT_SUCCESS:
        return "exit status 33 (kernel reported success)"
    if code == EXIT_FAILURE:
        return "exit status 35 (kernel reported failure)"
    if code is not None and code < 0:
        return f"killed by signal {-code}"
    if code == 0:
        return "exit status 0 (not the kernel's exit: triple fault under -no-reboot, or QEMU quit)"
    return f"exit status {code} (not the kernel's exit code 33)"


def default_gdb_port():
    """A GDB port derived from the user id, so two users on one host do not clash."""
    return 20000 + os.getuid() % 20000


def run(argv):
    """Run QEMU on this terminal and return the mapped exit status.

    SIGINT is ignored here while QEMU runs: Ctrl-C belongs to the guest (or
    kills QEMU itself), not to this wrapper.
    """
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        code = subprocess.call(argv)
    finally:
        signal.signal(signal.SIGINT, previous)
    if code != EXIT_SUCCESS:
        print(f"qemu: {describe_exit_status(code)}", file=sys.stderr)
    return map_exit_status(code)


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Print (or run) the QEMU command line that boots Pagoda.",
        epilog="Arguments after -- are passed to QEMU unchanged.")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--kernel", help="boot this Multiboot ELF with -kernel")
    source.add_argument("--iso", help="boot this ISO with -cdrom")
    parser.add_argument("--append", help="kernel command line (with --kernel)")
    parser.add_argument("--mem", default=DEFAULT_MEM, help="guest RAM (default %(default)s)")
    parser.add_argument("--swap", action="append", default=[], metavar="IMAGE",
                        help="attach IMAGE as a virtio-blk disk (repeatable: vda, vdb, ...)")
    parser.add_argument("--monitor", action="store_true",
                        help="serial on mon:stdio (Ctrl-A c for the QEMU monitor)")
    parser.add_argument("--gui", action="store_true", help="show the VGA window")
    parser.add_argument("--gdb", type=int, metavar="PORT", help="GDB stub on tcp::PORT")
    parser.add_argument("--wait-gdb", action="store_true", help="start paused (-S)")
    parser.add_argument("--run", action="store_true",
                        help="run QEMU here; exit 0 iff QEMU exits 33")
    parser.add_argument("--gdb-port", action="store_true",
                        help="only print the default GDB port for this user")
    parser.add_argument("--nodes", type=int, default=1,
                        help="NUMA nodes sharing --mem (default %(default)s)")
    parser.add_argument("--numa-args", action="store_true",
                        help="only print the -numa options for --nodes and --mem")
    parser.add_argument("extra", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not (args.gdb_port or args.numa_args) and not (args.kernel or args.iso):
        parser.error("give --kernel or --iso")
    return args


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.gdb_port:
        print(default_gdb_port())
        return 0
    try:
        numa = numa_args(args.nodes, args.mem)
        if args.numa_args:
            print(shlex.join(numa))
            return 0
        cmd = command(kernel=args.kernel, iso=args.iso, append=args.append, mem=args.mem,
                      swap=args.swap, extra=numa + list(args.extra),
                      serial="mon:stdio" if args.monitor else "stdio", gui=args.gui,
                      gdb_port=args.gdb, wait_for_gdb=args.wait_gdb)
    except ValueError as error:
        print(f"qemu.py: {error}", file=sys.stderr)
        return 2
    if args.run:
        return run(cmd)
    print(shlex.join(cmd))
    return 0


if __name__ == "__main__":
    sys.exit(main())
