"""pagoda-start: what `make gdb` does once attached (tools/gdb/pagoda.gdb).

A QEMU started with -S (make debug, make replay) waits at the reset
vector, before the firmware, so the first stop worth having is
start_kernel: the first C function, where paging is on and a software
breakpoint at a kernel address can be written.  Until then only a
hardware breakpoint can stop there.  If paging is already on (GDB
attached to a running kernel), start_kernel is long past: GDB stays
where it is and says so.
"""

import gdb

from .kernel import Command

PAGE_OFFSET = 0xC0000000


def where():
    frame = gdb.selected_frame()
    name = frame.name() or "??"
    sal = frame.find_sal()
    place = f" at {sal.symtab.filename}:{sal.line}" if sal.symtab else ""
    return f"{name} ({frame.pc():#x}){place}"


def kernel_started():
    """Paging is on (CR0.PG): the kernel turns it on just before
    start_kernel, and neither the firmware nor GRUB uses it.  (A user
    program's pc is below PAGE_OFFSET, so the pc cannot tell.)"""
    try:
        return bool(int(gdb.parse_and_eval("$cr0")) >> 31 & 1)
    except gdb.error:       # a gdbstub without control registers
        return gdb.selected_frame().pc() >= PAGE_OFFSET


class Start(Command):
    """Stop at start_kernel if the kernel has not reached it yet.

Usage: pagoda-start
Run by make gdb after it attaches.  Says "Stopped at start_kernel" only
when the CPU really stopped there; attached to a kernel already running,
it stays where the kernel is and says where that is."""

    name = "pagoda-start"
    usage = "pagoda-start"

    def run(self, args):
        self.no_arguments(args)
        if kernel_started():
            gdb.write(f"\nThe kernel is already running, past start_kernel: "
                      f"stopped in {where()}.\n")
            return
        target = int(gdb.parse_and_eval("(unsigned long)&start_kernel"))
        bp = gdb.Breakpoint("*start_kernel", type=gdb.BP_HARDWARE_BREAKPOINT)
        try:
            gdb.execute("continue")
        finally:
            bp.delete()
        if not gdb.selected_inferior().threads():
            gdb.write("\nThe kernel did not reach start_kernel: QEMU is gone.\n")
            return
        if gdb.selected_frame().pc() == target:
            gdb.write("\nStopped at start_kernel. Try: break <function>, continue,"
                      " bt,\npagoda-dmesg, and every pagoda-* command: "
                      "apropos pagoda\n")
        else:
            gdb.write(f"\nNot at start_kernel: stopped in {where()}.\n")


Start()
