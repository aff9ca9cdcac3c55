#!/usr/bin/env python3
"""A stand-in for qemu-system-i386, for testing the runner without a kernel.

Select it with PAGODA_QEMU="python3 tools/pagoda_test/fake_qemu.py". It reads
the QEMU arguments the runner builds and behaves like Pagoda would:

  -append "test=NAME"   prints KTAP for suite NAME and exits like the kernel;
                        the name's first word picks the behaviour:
                        pass, fail, crash, hang, hanglast, skip, badexit,
                        stdin;
                        test_from=N lists the cases before N as skipped
  anything else         a tiny shell on the serial port (prompt, help,
                        shutdown, line editing, cmdline: warnings)

FAKE_SHELL_BROKEN=word,... breaks one shell feature (backspace, ctrl_u,
cmdline, shutdown, unknown, help), so the scenarios can be seen failing.
"""

import os
import sys
import time

PRINTK = "[    0.010000] "


def out(text):
    sys.stdout.write(text)
    sys.stdout.flush()


def arg(argv, flag):
    """The value after `flag` in argv, or None."""
    return argv[argv.index(flag) + 1] if flag in argv else None


def listed(first, names):
    """test_from=first: the cases before it are listed as skipped, not run."""
    for number, case in enumerate(names[:first - 1], 1):
        out(f"    ok {number} {case} # SKIP not run (test_from={first})\n")


def suite_ktap(name, first):
    """Print a KTAP run of suite `name` from case `first`; return the exit status."""
    kind = name.split("_")[0]
    out(f"{PRINTK}Pagoda (fake)\nKTAP version 1\n1..1\n    KTAP version 1\n"
        f"    # Subtest: {name}\n    1..{5 if kind == 'crash' else 3}\n")
    if kind == "hang":  # hangs in its second case
        if first <= 2:
            out("    ok 1 first\n")
            time.sleep(600)
        listed(first, ["first", "second"])
        out(f"    ok 3 third\nok 1 {name}\n")
        return 33
    if kind == "hanglast":  # hangs in its last case
        if first <= 3:
            out("    ok 1 first\n    ok 2 second\n")
            time.sleep(600)
        listed(first, ["first", "second", "third"])
        out(f"ok 1 {name}\n")
        return 33
    if kind == "crash" and first > 3:  # the cases after the one that panics
        listed(first, ["a", "b", "c"])
        out(f"    ok 4 d\n    ok 5 e\nok 1 {name}\n")
        return 33
    if kind == "stdin":
        ok = os.read(0, 1) == b""
        out(f"    {'ok' if ok else 'not ok'} 1 stdin_is_closed\n    ok 2 b\n    ok 3 c\n")
        out(f"{'ok' if ok else 'not ok'} 1 {name}\n")
        return 33 if ok else 35
    if kind == "crash":
        out(f"    ok 1 a\n{PRINTK}some printk\n    ok 2 b\n"
            f"{PRINTK}Oops: page fault, error code 0002 [#1]\n"
            f"{PRINTK}Kernel panic - not syncing: Fatal exception\n")
        return 35
    if kind == "fail":
        out("    ok 1 a\n    # b: EXPECTATION FAILED at tests/common/x.c:42\n"
            "    #   expected 1 == 2\n    not ok 2 b\n    ok 3 c\n"
            f"# {name}: pass:2 fail:1 skip:0 total:3\nnot ok 1 {name}\n")
        return 35
    third = "ok 3 c # SKIP needs hardware" if kind == "skip" else "ok 3 c"
    out(f"    ok 1 a\n    ok 2 b\n    {third}\nok 1 {name}\n")
    return 0 if kind == "badexit" else 33


def shell(argv, broken):
    """A line-editing shell on stdin/stdout; returns the exit status."""
    append = arg(argv, "-append") or ""
    out(f"{PRINTK}Pagoda (fake)\n{PRINTK}Kernel command line: {append}\n")
    if "cmdline" not in broken:
        for word in append.split():
            key, _, value = word.partition("=")
            if not key:
                out(f"{PRINTK}cmdline: '{word}' has no key, ignored\n")
            elif key == "loglevel" and not value.isdigit():
                out(f"{PRINTK}cmdline: loglevel={value} rejected\n")
            elif key not in ("loglevel", "test"):
                out(f"{PRINTK}cmdline: unknown parameter '{key}' ignored\n")
    line = ""
    out("pagoda> ")
    while True:
        byte = os.read(0, 1)
        if not byte:
            time.sleep(600)  # QEMU keeps running when its stdin ends
            return 0
        char = byte.decode("latin-1")
        if char in "\x7f\x08" and "backspace" not in broken:
            if line:
                line = line[:-1]
                out("\b \b")
        elif char == "\x15" and "ctrl_u" not in broken:
            out("\b \b" * len(line))
            line = ""
        elif char in "\r\n":
            out("\r\n")
            command, line = line.strip(), ""
            if command == "shutdown":
                out(f"{PRINTK}Power down (success)\n")
                return 0 if "shutdown" in broken else 33
            if command == "help":
                # the kernel's layout: usage in 24 columns, then the text
                out(f"  {'help':24} list the commands\n"
                    f"  {'shutdown':24} power off\n")
                if "help" not in broken:
                    out(f"  {'test GLOB':24} run suites\n")
            elif command:
                tail = "" if "unknown" in broken else " (type 'help')"
                out(f"{command}: command not found{tail}\n")
            out("pagoda> ")
        else:
            line += char
            out(char)


def main(argv):
    image = arg(argv, "-kernel") or arg(argv, "-cdrom")
    if image is None or not os.path.exists(image):
        out(f"qemu-system-i386: could not load {image}\n")
        return 1
    append = arg(argv, "-append") or ""
    tests = [w[5:] for w in append.split() if w.startswith("test=")]
    first = [int(w[10:]) for w in append.split() if w.startswith("test_from=")]
    if tests:
        return suite_ktap(tests[0], first[0] if first else 1)
    broken = set(filter(None, os.environ.get("FAKE_SHELL_BROKEN", "").split(",")))
    return shell(argv, broken)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
