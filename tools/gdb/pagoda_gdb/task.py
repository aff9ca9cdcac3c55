"""Tasks and their address spaces.

    pagoda-ps               every task, with what swap_out() reads of its mm
    pagoda-vmas [PID]       a process's VMAs
    pagoda-walk ADDR [PID]  the page-table walk of one user address
"""

import gdb

from .kernel import (BadArgument, Command, PAGE_SHIFT, list_entries, number_of,
                     sym, task_by_pid, tasks)
from .page import describe_pte, pte_bit_names

STATES = {0: "running", 1: "interruptible", 2: "uninterruptible", 4: "zombie",
          130: "killable"}
POLICIES = {0: "SCHED_OTHER", 5: "SCHED_IDLE"}
VM_FLAGS = [(0x1, "r"), (0x2, "w"), (0x4, "x"), (0x8, "s")]
PAGE_OFFSET = 0xC0000000


class Ps(Command):
    """Every task: state, scheduling class, and its mm as swap_out() sees it.

Usage: pagoda-ps
pid, name, state, class (SCHED_OTHER, SCHED_IDLE), nice, rss (pages
mapped), total_vm, swap_cnt (what swap_out may still take from this mm)
and swap_address (where swap_out resumes).  Kernel threads have no mm.
`*` marks the task running now (current).  The last line is mmlist in
the order swap_out_select() walks it, each mm by its processes, with
its rss and swap_cnt: the first with the largest swap_cnt is the next
to lose pages."""

    name = "pagoda-ps"
    usage = "pagoda-ps"

    def run(self, args):
        self.no_arguments(args)
        current = int(sym("current"))
        gdb.write("  pid name             state            class       nice"
                  "    rss total_vm swap_cnt swap_address\n")
        for t in tasks():
            state = int(t["state"])
            mm = t["mm"]
            line = (f"{'*' if int(t) == current else ' '}{int(t['pid']):>4} "
                    f"{t['comm'].string():<16} "
                    f"{STATES.get(state, str(state)):<16} "
                    f"{POLICIES.get(int(t['policy']), str(int(t['policy']))):<11} "
                    f"{int(t['nice']):>4} ")
            if int(mm):
                line += (f"{int(mm['rss']):>6} {int(mm['total_vm']):>8} "
                         f"{int(mm['swap_cnt']):>8} {int(mm['swap_address']):#010x}")
            else:
                line += "     - (kernel thread)"
            gdb.write(line + "\n")
        gdb.write("mmlist:" + "".join(
            f" [{' '.join(users_of(int(mm))) or 'no task'}: rss {int(mm['rss'])} "
            f"swap_cnt {int(mm['swap_cnt'])}]"
            for mm in list_entries(sym("mmlist"), "struct mm_struct", "mmlist")) + "\n")


def users_of(mm):
    """'pid name' of every task whose mm is mm."""
    return [f"{int(t['pid'])} {t['comm'].string()}" for t in tasks()
            if int(t["mm"]) == mm]


def mm_of(args, index):
    """The mm of the task whose pid is args[index], or of current."""
    if len(args) > index:
        task = task_by_pid(number_of(args, index, "PID"))
    else:
        task = sym("current")
    mm = task["mm"]
    if not int(mm):
        raise BadArgument(f"pid {int(task['pid'])} ({task['comm'].string()}) "
                          f"is a kernel thread: it has no user address space")
    return task, mm


class Vmas(Command):
    """A process's VMAs (its mm's mmap list).

Usage: pagoda-vmas [PID]
Default: the current task.  One line per VMA: start-end, size in pages,
permissions (rwxs), vm_flags; then rss, total_vm and map_count."""

    name = "pagoda-vmas"
    usage = "pagoda-vmas [PID]"

    def run(self, args):
        if len(args) > 1:
            raise BadArgument("at most one pid")
        task, mm = mm_of(args, 0)
        gdb.write(f"pid {int(task['pid'])} ({task['comm'].string()}): mm "
                  f"{int(mm):#x}, pgd {int(mm['pgd']):#x}\n")
        vma = mm["mmap"]
        while int(vma):
            start, end = int(vma["vm_start"]), int(vma["vm_end"])
            flags = int(vma["vm_flags"])
            perms = "".join(c if flags & bit else "-" for bit, c in VM_FLAGS)
            grows = " growsdown" if flags & 0x100 else ""
            gdb.write(f"  {start:#010x}-{end:#010x} {(end - start) >> PAGE_SHIFT:>6} "
                      f"pages {perms} flags {flags:#x}{grows}\n")
            vma = vma["vm_next"]
        gdb.write(f"  rss {int(mm['rss'])} total_vm {int(mm['total_vm'])} "
                  f"map_count {int(mm['map_count'])}\n")


def read_word(phys):
    """A 32-bit word of low memory, through the kernel's direct mapping."""
    return int(gdb.parse_and_eval(f"*(unsigned long *){phys + PAGE_OFFSET:#x}")) \
        & 0xffffffff


class Walk(Command):
    """The page-table walk of one user address, as the MMU and swap_out do it.

Usage: pagoda-walk ADDR [PID]
Default: the current task.  Shows the VMA that holds ADDR, the page
directory entry (pgd_index, its value and bits), the page-table entry
(pte_index, its address and value), and the PTE decoded: the page it
maps, or the swap entry it holds (area:slot, swap_map, swap cache)."""

    name = "pagoda-walk"
    usage = "pagoda-walk ADDR [PID]"

    def run(self, args):
        if not 1 <= len(args) <= 2:
            raise BadArgument("give an address, and optionally a pid")
        addr = number_of(args, 0, "ADDR") & 0xffffffff
        if addr >= PAGE_OFFSET:
            raise BadArgument(f"{addr:#x} is a kernel address: user addresses "
                              f"are below {PAGE_OFFSET:#x}")
        task, mm = mm_of(args, 1)
        gdb.write(f"pid {int(task['pid'])} ({task['comm'].string()}) address "
                  f"{addr:#010x}\n")
        vma = mm["mmap"]
        while int(vma) and not int(vma["vm_start"]) <= addr < int(vma["vm_end"]):
            vma = vma["vm_next"]
        if int(vma):
            gdb.write(f"  vma {int(vma['vm_start']):#010x}-{int(vma['vm_end']):#010x}"
                      f" flags {int(vma['vm_flags']):#x}\n")
        else:
            gdb.write("  in no VMA: a fault here kills the process\n")
        pgd_index = addr >> 22
        pgd = int(mm["pgd"][pgd_index]["pgd"]) & 0xffffffff
        gdb.write(f"  pgd[{pgd_index}] at {int(mm['pgd']) + 4 * pgd_index:#x} = "
                  f"{pgd:#010x} [{' '.join(pte_bit_names(pgd, pgd=True))}]\n")
        if not pgd & 1:
            gdb.write("  no page table: nothing in these 4 MiB was ever touched\n")
            return
        pte_index = (addr >> PAGE_SHIFT) & 1023
        table = pgd & ~0xfff
        pte = read_word(table + 4 * pte_index)
        gdb.write(f"  pte[{pte_index}] at {table + PAGE_OFFSET + 4 * pte_index:#x} = "
                  f"{pte:#010x}: {describe_pte(pte)}\n")


Ps()
Vmas()
Walk()
