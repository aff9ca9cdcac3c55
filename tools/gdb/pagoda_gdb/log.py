"""pagoda-dmesg: the kernel log buffer (kernel/printk.c)."""

import gdb

from .kernel import Command, NotSetUp, sym


def read_log():
    """The text printk has logged, oldest first, as the shell's dmesg shows it."""
    buf = sym("log_buf")
    size = int(buf.type.sizeof)
    end = int(sym("log_end"))
    if end == 0:
        raise NotSetUp("the kernel log (nothing printed yet)")
    start = max(0, end - size)
    raw = bytes(gdb.selected_inferior().read_memory(int(buf.address), size))
    return "".join(chr(raw[i % size]) for i in range(start, end))


class Dmesg(Command):
    """Print the kernel log buffer (what the shell's dmesg prints).

Usage: pagoda-dmesg
Works even when the kernel stopped before it could print anything
itself, e.g. at a breakpoint during boot."""

    name = "pagoda-dmesg"
    usage = "pagoda-dmesg"

    def run(self, args):
        self.no_arguments(args)
        gdb.write(read_log())


Dmesg()
