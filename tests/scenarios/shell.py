"""Scenarios for the serial shell and for booting: -kernel, the ISO, RAM sizes.

Each function gets a Lab; lab.boot() starts QEMU and returns a Machine to
expect() output from and send() keys to. See tools/pagoda_test/lab.py.
"""

import re

from pagoda_test import scenario

# printk lines may carry a "[    0.120000] " timestamp before the message.
TIMESTAMP = r"(?:\[\s*\d+\.\d+\]\s*)?"


def boot_to_prompt(lab, **boot_args):
    """Boot and wait for the first prompt."""
    vm = lab.boot(**boot_args)
    vm.expect_prompt()
    return vm


def shutdown(vm):
    """`shutdown` must power off with the kernel's success code."""
    vm.sendline("shutdown")
    status, code = vm.wait_exit(timeout=30)
    assert status == 0, f"after shutdown QEMU exited with status {code}, expected 33"


def lists_command(listing, command):
    """True if `help` output has a line starting with `command`."""
    return re.search(rf"^\s*{re.escape(command)}\b", listing, re.MULTILINE) is not None


def assert_ran_help(printed, typed):
    assert "command not found" not in printed, f"typing {typed!r} did not run help:\n{printed}"
    assert lists_command(printed, "shutdown"), f"typing {typed!r} did not run help:\n{printed}"


@scenario("boot_kernel_shutdown", timeout=60)
def boot_kernel_shutdown(lab):
    shutdown(boot_to_prompt(lab))


@scenario("help_lists_commands", timeout=60)
def help_lists_commands(lab):
    vm = boot_to_prompt(lab)
    listing = vm.run("help")
    for command in ("shutdown", "test"):
        assert lists_command(listing, command), f"help does not list {command!r}:\n{listing}"
    # Each command's text starts in column 27, after its usage; a usage
    # too long for that (swapon's, vmstat's) has its text on the next
    # line, so that usage and text never run together.
    entries = [line for line in listing.split("\n\n")[0].split("\n") if line.strip()]
    i = 0
    while i < len(entries):
        line = entries[i]
        if len(line) > 27 and line[26] == " " and line[27] != " ":
            i += 1
            continue
        below = entries[i + 1] if i + 1 < len(entries) else ""
        assert below.startswith(" " * 27) and below.strip(), \
            f"help's text is not in column 27 for: {line!r}"
        i += 2


@scenario("unknown_command", timeout=60)
def unknown_command(lab):
    vm = boot_to_prompt(lab)
    printed = vm.run("frobnicate")
    complaints = [line for line in printed.split("\n") if "command not found" in line]
    assert complaints, f"no 'command not found' line for 'frobnicate':\n{printed}"
    assert "help" in complaints[0], f"the complaint does not point to help: {complaints[0]!r}"
    assert lists_command(vm.run("help"), "shutdown"), "the shell stopped working after the error"


@scenario("backspace_edits_the_line", timeout=60)
def backspace_edits_the_line(lab):
    vm = boot_to_prompt(lab)
    for backspace in ("\x7f", "\x08"):  # DEL from terminals, BS from Ctrl-H
        vm.send("helq")
        vm.send(backspace)
        vm.sendline("p")
        assert_ran_help(vm.expect_prompt(), f"helq{backspace}p")


@scenario("ctrl_u_kills_the_line", timeout=60)
def ctrl_u_kills_the_line(lab):
    vm = boot_to_prompt(lab)
    vm.send("garbage")
    vm.send("\x15")
    vm.sendline("help")
    assert_ran_help(vm.expect_prompt(), "garbage^Uhelp")


@scenario("bad_cmdline_is_reported", timeout=60)
def bad_cmdline_is_reported(lab):
    vm = lab.boot(append="loglevel=banana bogus_key=1 =x")
    boot_log = vm.expect_prompt()
    reports = re.findall(rf"^{TIMESTAMP}cmdline:.*$", boot_log, re.MULTILINE)
    for word in ("banana", "bogus_key", "=x"):
        assert any(word in line for line in reports), \
            f"no line starting 'cmdline:' mentions {word!r}; cmdline lines: {reports}"
    shutdown(vm)


@scenario("boot_iso", timeout=180)
def boot_iso(lab):
    shutdown(boot_to_prompt(lab, iso=True))


@scenario("boot_8M", timeout=60)
def boot_8m(lab):
    shutdown(boot_to_prompt(lab, mem="8M"))


@scenario("boot_3G", timeout=60)
def boot_3g(lab):
    shutdown(boot_to_prompt(lab, mem="3G"))
