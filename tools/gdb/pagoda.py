"""GDB commands for looking inside Pagoda (loaded by `make gdb`).

Each command reads the kernel's own data structures through GDB, so it
shows the state at the moment the kernel is stopped, for example in the
middle of page reclaim.

    pagoda-dmesg        the kernel log buffer, as the shell's dmesg prints it
"""

import gdb


def read_log():
    """The text printk has logged, oldest first (kernel/printk.c)."""
    buf = gdb.parse_and_eval("log_buf")
    size = int(buf.type.sizeof)
    end = int(gdb.parse_and_eval("log_end"))
    start = max(0, end - size)
    inferior = gdb.selected_inferior()
    base = int(buf.address)
    raw = bytes(inferior.read_memory(base, size))
    return "".join(chr(raw[i % size]) for i in range(start, end))


class Dmesg(gdb.Command):
    """Print the kernel log buffer (what the shell's dmesg prints)."""

    def __init__(self):
        super().__init__("pagoda-dmesg", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        gdb.write(read_log())


Dmesg()
