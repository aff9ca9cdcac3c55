"""A shell that explains: every refusal says why, nothing is cut
silently, history with the arrow keys, help and test list what there is,
disks with or without /dev/, real boot time stamps."""

import re

from pagoda_test import scenario

STAMP = re.compile(r"^\[\s*(\d+)\.(\d{6})\] ", re.MULTILINE)
UP, DOWN, F1 = "\x1b[A", "\x1b[B", "\x1bOP"


def boot(lab, **args):
    vm = lab.boot(**args)
    vm.expect_prompt()
    return vm


def ran_help(printed):
    return re.search(r"^\s+shutdown\s", printed, re.MULTILINE) is not None


@scenario("shell_refuses_long_lines_and_many_words", timeout=60)
def long_lines(lab):
    vm = boot(lab)
    ran_sleep = "sleep: 'x' is not a whole number"
    printed = vm.run("run sleep" + " " * 246 + "x")  # 256 characters
    assert "line too long: at most 255 characters, not run" in printed, printed
    assert ran_sleep not in printed, f"a line too long was cut and run:\n{printed}"
    assert ran_sleep in vm.run("run sleep" + " " * 245 + "x"), "a 255-character line was refused"
    printed = vm.run("run sleep" + " a" * 15)
    assert "too many words: at most 16" in printed and "usage: sleep" not in printed, printed
    assert "usage: sleep" in vm.run("run sleep" + " a" * 14), "16 words were refused"


@scenario("shell_history_and_function_keys", timeout=60)
def history(lab):
    vm = boot(lab)
    vm.run("slabinfo")
    vm.run("lsblk")
    vm.send(UP + UP)  # back to slabinfo
    printed = vm.run("")
    assert "slabinfo - version" in printed, f"up, up did not bring back slabinfo:\n{printed}"
    vm.send(UP + UP + DOWN)  # slabinfo, lsblk, then down: slabinfo again
    printed = vm.run("")
    assert "slabinfo - version" in printed, f"up, up, down gave:\n{printed}"
    vm.send(UP + DOWN)  # down past the newest: an empty line
    assert vm.run("") == "", "down past the newest line did not clear it"
    vm.send(F1)
    printed = vm.run("help")
    assert "not found" not in printed and ran_help(printed), f"after F1:\n{printed}"


@scenario("shell_help_lists_programs_test_lists_suites", timeout=60)
def listings(lab):
    vm = boot(lab)
    programs = re.search(r"^'run' starts these programs: (.*)$", vm.run("help"), re.MULTILINE)
    assert programs and {"memhog", "sleep"} <= set(programs.group(1).split()), programs
    for command in ("test", "test -l"):
        suites = re.findall(r"^  (\w+)\s+\d+ cases?", vm.run(command), re.MULTILINE)
        assert {"lib_string", "reclaim", "demo_oops"} <= set(suites), (command, suites)


@scenario("shell_bad_arguments_say_why", timeout=60)
def reasons(lab):
    vm = boot(lab)
    for command, reason in (
            ("vmstat 0", "vmstat: SECONDS must be 1 to "),
            ("vmstat abc", "vmstat: SECONDS 'abc' is not a whole number"),
            ("vmstat 1 x", "vmstat: COUNT 'x' is not a whole number"),
            ("vmstat -t", "vmstat: -t and -m need SECONDS"),
            ("swapon -p", "swapon: -p takes a priority and a disk"),
            ("swapon -p 5", "swapon: -p takes a priority and a disk"),
            ("swapon -q vda", "swapon: unknown option '-q'")):
        assert reason in vm.run(command), f"'{command}' does not say '{reason}'"
    printed = vm.run("run sleep -1")
    assert "sleep: '-1' is not a whole number of seconds" in printed, printed
    # a command that takes no arguments refuses them rather than ignore
    # them (meminfo x printed meminfo, shutdown now powered off)
    for command in ("meminfo", "buddyinfo", "zoneinfo", "slabinfo", "swapinfo", "dmesg",
                    "cmdline", "help", "ps", "lsblk", "compact", "shutdown"):
        printed = vm.run(f"{command} x")
        assert printed == f"usage: {command}\n", f"'{command} x' printed:\n{printed}"


@scenario("shell_disks_with_dev_prefix", timeout=60)
def dev_names(lab):
    disk = lab.make_disk("swap.img", "8M", mkswap=True)
    vm = boot(lab, append="noswap", swap=[disk])
    printed = vm.run("swapon /dev/vda")
    assert "swapon:" not in printed, f"swapon /dev/vda was refused: {printed}"
    assert re.search(r"^/dev/vda\s+partition", vm.run("swapinfo"), re.MULTILINE)
    printed = vm.run("swapoff /dev/vda")
    assert "swapoff:" not in printed, f"swapoff /dev/vda was refused: {printed}"
    assert "/dev/vda" not in vm.run("swapinfo")
    assert "swapon:" not in vm.run("swapon -p 3 /dev/vda")
    assert re.search(r"^/dev/vda\s+partition.*\s3$", vm.run("swapinfo"), re.MULTILINE)


@scenario("shell_small_outputs", timeout=60)
def small_outputs(lab):
    vm = boot(lab)
    printed = vm.run("cmdline")
    assert "\n\n" not in printed and printed.startswith("(the command line is empty)"), printed
    lines = vm.run("slabinfo").splitlines()
    assert lines[1].split() == ["#", "name", "active", "objs", "size", "used", "slab", "pps"], \
        lines[:2]


@scenario("boot_messages_have_real_time_stamps", timeout=60)
def stamps(lab):
    vm = lab.boot()
    log = vm.expect_prompt()
    times = [int(s) * 1000000 + int(us) for s, us in STAMP.findall(log)]
    assert len(times) > 5, log
    assert times == sorted(times), f"time stamps go backwards: {times}"
    assert len(set(times)) > len(times) // 2, f"most boot messages share a stamp: {times}"
    assert times[-1] > 0, f"every boot message is stamped 0: {times}"


@scenario("shell_quotes_and_background", timeout=60)
def quotes(lab):
    vm = boot(lab)
    # a quoted word reaches the program whole, quotes removed
    printed = vm.run("run sleep 'x  y'")
    assert "sleep: 'x  y' is not a whole number" in printed, printed
    printed = vm.run('run sleep "a \\"b\\""')
    assert "sleep: 'a \"b\"' is not a whole number" in printed, printed
    printed = vm.run("run sleep 'x")
    assert "a quote is not closed, not run" in printed, printed
    assert "sleep:" not in printed, printed
    # an unquoted '&' at the end, alone or stuck to the last word
    for line in ("run sleep 0 &", "run sleep 0&"):
        printed = vm.run(line)
        assert re.search(r"^\[\d+\] sleep\r?$", printed, re.MULTILINE), (line, printed)
    # a quoted one is the program's argument
    printed = vm.run("run sleep '0&'")
    assert "sleep: '0&' is not a whole number" in printed, printed
