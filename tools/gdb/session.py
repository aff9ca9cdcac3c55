"""Which kernel QEMU is running, so that `make gdb` debugs that one.

`make debug` and `make replay` call `session.py record` just before they
start QEMU: it writes build/gdb-sessions/PORT.json with the kernel ELF's
absolute path, its SHA-256, the build directory and DEBUG.  `make gdb`
calls `session.py check`, which prints the ELF to load, or refuses (exit
status 1, one message saying what to type) when:

  - no session was recorded for that port (make debug was not run),
  - the ELF changed since QEMU booted it (a rebuild: GDB's symbols would
    not match the code QEMU runs),
  - `make gdb` was given a DEBUG= or BUILD= that is not what QEMU booted.

`make gdb` never builds anything itself: building is what went wrong
before (make gdb rebuilt the -O2 kernel while QEMU ran the DEBUG=1 one).

    session.py record --port 20000 --elf build/kernel.elf --build build --debug 0
    session.py check --port 20000 [--build B] [--debug D]
"""

import argparse
import hashlib
import json
import sys
from pathlib import Path

SESSIONS = Path(__file__).resolve().parents[2] / "build" / "gdb-sessions"


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def session_file(port):
    return SESSIONS / f"{port}.json"


def how_to_boot(session):
    """The make command line that boots what `session` describes."""
    words = [f"make {session.get('mode', 'debug')}"]
    if session["debug"] != "0":
        words.append(f"DEBUG={session['debug']}")
    if session["build"] != "build":
        words.append(f"BUILD={session['build']}")
    return " ".join(words)


def record(args):
    elf = Path(args.elf).resolve()
    session = {"port": args.port, "elf": str(elf), "sha256": sha256(elf),
               "build": args.build, "debug": args.debug, "mode": args.mode}
    SESSIONS.mkdir(parents=True, exist_ok=True)
    session_file(args.port).write_text(json.dumps(session, indent=1) + "\n")
    return 0


def check(args):
    """The ELF to load, or an Exception whose text says what to type."""
    path = session_file(args.port)
    if not path.exists():
        raise LookupError(f"no kernel is waiting for GDB on port {args.port}: "
                          f"start 'make debug' (or 'make replay') in another "
                          f"terminal first, then 'make gdb'")
    session = json.loads(path.read_text())
    booted = how_to_boot(session)
    for name in ("debug", "build"):
        wanted = getattr(args, name)
        if wanted is not None and wanted != session[name]:
            raise LookupError(
                f"QEMU runs the kernel that '{booted}' booted "
                f"({name.upper()}={session[name]}), not {name.upper()}={wanted}: "
                f"type 'make gdb' alone, or restart QEMU with "
                f"'make {session.get('mode', 'debug')} {name.upper()}={wanted}'")
    elf = Path(session["elf"])
    if not elf.exists() or sha256(elf) != session["sha256"]:
        raise LookupError(
            f"{elf} changed since '{booted}' booted it, so its symbols "
            f"would not match the running kernel: quit QEMU, run "
            f"'{booted}' again, then 'make gdb'")
    return str(elf)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    rec = sub.add_parser("record", help="note the kernel QEMU is about to boot")
    rec.add_argument("--port", type=int, required=True)
    rec.add_argument("--elf", required=True)
    rec.add_argument("--build", required=True)
    rec.add_argument("--debug", required=True)
    rec.add_argument("--mode", default="debug", choices=["debug", "replay"])
    chk = sub.add_parser("check", help="print the ELF QEMU runs, or refuse")
    chk.add_argument("--port", type=int, required=True)
    chk.add_argument("--build")
    chk.add_argument("--debug")
    args = parser.parse_args(argv)
    if args.command == "record":
        return record(args)
    try:
        print(check(args))
    except LookupError as refusal:
        print(f"make gdb: {refusal}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
