"""make record / make replay: one Pagoda run recorded, then replayed identically.

QEMU's record/replay (-icount rr=record|replay) writes every
non-deterministic event of a run into a log (serial input, clock reads,
interrupts, disk completions) and replays the run from it, instruction
for instruction, as often as wanted, with GDB attached: GDB's reverse
execution then works (reverse-step, reverse-continue, watchpoints run
backwards).  A recording is a directory, build/record/ by default:

    kernel.elf      the kernel that ran (replay and make gdb use this copy)
    swap.img        the swap disk as it was when the run began (raw)
    swap.qcow2      an overlay on swap.img that takes the run's writes, so
                    that swap.img stays as the run found it
    snapshots.qcow2 where QEMU keeps the snapshot "init" it takes as the run
                    starts (rrsnapshot=init); going backwards loads it and
                    replays forward to the instruction wanted
    replay.bin      the event log
    machine.json    memory size and command line of the run

The swap disk sits under QEMU's blkreplay driver, which makes its
requests complete at recorded points of the run.  Record and replay
boot with -kernel and -append (no GRUB: a shorter log).

    rr.py record --build build --mem 16M --swap 64M --cmdline-file build/cmdline
    rr.py replay --build build [--gdb-port N | --no-gdb]
"""

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pagoda_test import disks, qemu  # noqa: E402

SESSION = Path(__file__).resolve().parent / "gdb" / "session.py"


def recording(build):
    return Path(build) / "record"


def machine_args(rec, mode, meta, serial):
    """The QEMU argv of a recorded (mode "record") or replayed ("replay") run."""
    drives = [
        "-icount", f"shift=auto,rr={mode},rrfile={rec / 'replay.bin'},rrsnapshot=init",
        "-drive", f"file={rec / 'snapshots.qcow2'},if=none,id=rr",
        "-drive", f"file={rec / 'swap.qcow2'},if=none,id=swap0-disk,format=qcow2",
        "-drive", "driver=blkreplay,if=none,image=swap0-disk,id=swap0",
        "-device", "virtio-blk-pci,drive=swap0,disable-modern=on,vectors=0,serial=SWAP0",
        # No kvmvapic (the TPR patching QEMU does for Windows guests):
        # its reset runs code on the vCPU thread, and when reverse
        # execution loads the snapshot that reset deadlocked QEMU 7.2
        # (main thread waiting for the vCPU thread, which waited for
        # the replay lock the main thread held).  docs/debugging.md.
        "-global", "apic.vapic=off",
    ]
    return qemu.command(kernel=rec / "kernel.elf", append=meta["cmdline"] or None,
                        mem=meta["mem"], serial=serial, extra=drives)


def record(args):
    rec = recording(args.build)
    if rec.exists():
        shutil.rmtree(rec)
    rec.mkdir(parents=True)
    shutil.copy(Path(args.build) / "kernel.elf", rec / "kernel.elf")
    disks.make_image(rec / "swap.img", args.swap, mkswap=True)
    for image, how in (("snapshots.qcow2", ["64M"]),
                       ("swap.qcow2", ["-b", "swap.img", "-F", "raw"])):
        subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2",
                        str(rec / image), *how], check=True)
    cmdline = Path(args.cmdline_file).read_text().strip() if args.cmdline_file else ""
    meta = {"mem": args.mem, "cmdline": cmdline, "debug": args.debug,
            "sha256": hashlib.sha256((rec / "kernel.elf").read_bytes()).hexdigest()}
    (rec / "machine.json").write_text(json.dumps(meta, indent=1) + "\n")
    print(f"Recording into {rec}/ (quit: type 'shutdown', or Ctrl-A X); "
          f"then: make replay")
    return qemu.run(machine_args(rec, "record", meta, args.serial))


def replay(args):
    rec = recording(args.build)
    if not (rec / "replay.bin").exists():
        print(f"rr.py: no recording in {rec}/: run 'make record' first", file=sys.stderr)
        return 1
    meta = json.loads((rec / "machine.json").read_text())
    argv = machine_args(rec, "replay", meta, args.serial)
    if args.gdb_port:
        subprocess.run([sys.executable, str(SESSION), "record", "--port",
                        str(args.gdb_port), "--elf", str(rec / "kernel.elf"),
                        "--build", args.build, "--debug", meta["debug"],
                        "--mode", "replay"], check=True)
        argv += ["-S", "-gdb", f"tcp::{args.gdb_port}"]
        print(f"Replaying {rec}/: QEMU waits for GDB on port {args.gdb_port}: "
              f"run 'make gdb' elsewhere (reverse-step, reverse-continue work)")
    return qemu.run(argv)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    rec = sub.add_parser("record")
    rec.add_argument("--build", default="build")
    rec.add_argument("--mem", default="64M")
    rec.add_argument("--swap", default="128M")
    rec.add_argument("--cmdline-file")
    rec.add_argument("--debug", default="0", help="DEBUG of the build (for make gdb)")
    rec.add_argument("--serial", default="mon:stdio")
    rep = sub.add_parser("replay")
    rep.add_argument("--build", default="build")
    rep.add_argument("--gdb-port", type=int)
    rep.add_argument("--serial", default="mon:stdio")
    args = parser.parse_args(argv)
    return record(args) if args.command == "record" else replay(args)


if __name__ == "__main__":
    sys.exit(main())
