"""What each program of user/ must print and how it must end: the one
expectation that both the Pagoda runs (programs.py, through init=) and
the native Linux runs (native.py) are held to, so the two agree.

Only the program's own lines count: those starting with "NAME:". Kernel
messages (printk, with their timestamps) never start that way.
"""

FAULT_CASES = [
    "NULL read", "NULL write", "kernel address read", "kernel address write",
    "write to program text", "call to NULL", "call into the kernel",
    "stack overflow", "PROT_NONE read", "PROT_READ write", "read after munmap",
    "privileged instruction", "int $0x81", "invalid opcode", "breakpoint",
    "divide by zero",
]

# name: (argv, expected lines, exit status)
PROGRAMS = {
    "memhog": (["memhog", "8M", "3"], [
        "memhog: 8192 KiB, 3 passes",
        "memhog: pass 1/3 ok",
        "memhog: pass 2/3 ok",
        "memhog: pass 3/3 ok",
        "memhog: 8192 KiB verified after 3 passes",
    ], 0),
    "memhog_bad_size": (["memhog", "8X"], [
        "memhog: bad SIZE '8X': give 4 bytes to 2040M, e.g. 8M",
    ], 2),
    "memhog_too_big": (["memhog", "2G"], [
        "memhog: bad SIZE '2G': give 4 bytes to 2040M, e.g. 8M",
        "memhog: a process maps at most 2040M: from 1 GiB up to the stack's 8 MiB below 3 GiB",
    ], 2),
    "sleep_negative": (["sleep", "-1"], [
        "sleep: '-1' is not a whole number of seconds (0 or more)",
    ], 2),
    "forktest": (["forktest"], [
        "forktest: child reads share pages, writes copy them: ok",
        "forktest: child's writes stay in the child: ok",
        "forktest: parent's writes stay in the parent: ok",
        "forktest: parent keeps its own writes: ok",
        "forktest: children exit with their codes: ok",
        "forktest: no children left: ECHILD: ok",
        "forktest: WNOHANG polls until the child is a zombie: ok",
        "forktest: all checks passed",
    ], 0),
    "faulttest": (["faulttest"],
                  [f"faulttest: {case}: killed by the expected signal, ok" for case in FAULT_CASES]
                  + ["faulttest: bad pointers to syscalls: survived, ok",
                     "faulttest: 17 of 17 cases behaved"], 0),
    "sysfuzz": (["sysfuzz", "100000", "1"], [
        "sysfuzz: 100000 calls (seed 1), all results as expected",
    ], 0),
    "sleep": (["sleep", "1"], [], 0),
    "forkhog": (["forkhog", "8M", "3"], [
        "forkhog: 8192 KiB, 3 children",
        "forkhog: child 1: shared and copied pages verified",
        "forkhog: child 2: shared and copied pages verified",
        "forkhog: child 3: shared and copied pages verified",
        "forkhog: parent's pages verified after 3 children",
    ], 0),
}


def program_lines(name, output):
    """The lines of `output` the program itself printed."""
    prefix = f"{name}:"
    return [line for line in output.replace("\r", "").split("\n") if line.startswith(prefix)]


def compare(name, printed, status):
    """Assert the lines and exit status of a run of PROGRAMS[name]."""
    argv, expected, expected_status = PROGRAMS[name]
    got = program_lines(argv[0], printed)
    assert got == expected, (f"{' '.join(argv)} printed:\n  " + "\n  ".join(got)
                             + "\nexpected:\n  " + "\n  ".join(expected))
    assert status == expected_status, \
        f"{' '.join(argv)} ended with status {status}, expected {expected_status}"
