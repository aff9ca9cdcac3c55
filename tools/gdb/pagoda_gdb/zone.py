"""Zones, free memory and the counters.

    pagoda-zones        free pages, watermarks, inactive_clean; the shortages
    pagoda-buddy        free blocks per order, as buddyinfo
    pagoda-vmstat       the gauges and event counters, as vmstat's counters
    pagoda-gfp MASK     a gfp_mask by name
"""

import gdb

from .kernel import BadArgument, Command, array_len, integer, sym, zones

GFP_BITS = [(0x01, "__GFP_WAIT"), (0x02, "__GFP_HIGH"), (0x04, "__GFP_IO"),
            (0x08, "__GFP_DMA"), (0x10, "__GFP_HIGHMEM")]
# mm/mm.h's named masks; GFP_KSWAPD (__GFP_IO alone) is Pagoda's.
GFP_NAMES = {0x02: "GFP_ATOMIC", 0x07: "GFP_KERNEL", 0x05: "GFP_USER",
             0x15: "GFP_HIGHUSER", 0x04: "GFP_KSWAPD", 0x08: "GFP_DMA"}


def gfp_text(mask):
    bits = [name for bit, name in GFP_BITS if mask & bit]
    rest = mask & ~0x1f
    if rest:
        bits.append(f"{rest:#x}?")
    text = "|".join(bits) or "0"
    name = GFP_NAMES.get(mask)
    return f"{name} ({text})" if name else text


def nr_free_pages():
    return sum(int(z["free_pages"]) for z, _ in zones())


def nr_inactive_clean_pages():
    return sum(int(z["inactive_clean_pages"]) for z, _ in zones())


def inactive_target():
    """inactive_target() of mm/swap.h."""
    return min(int(sym("memory_pressure")) >> 6, int(sym("num_physpages")) // 4)


def free_shortage():
    """free_shortage() of mm/page_alloc.c, computed from the same fields."""
    freeable = nr_free_pages() + nr_inactive_clean_pages()
    target = int(sym("freepages.high")) + inactive_target() // 3
    if freeable < target:
        return target - freeable
    total = 0
    for z, _ in zones():
        have = int(z["free_pages"]) + int(z["inactive_clean_pages"])
        if have < int(z["pages_min"]) + 1:
            total += int(z["pages_min"]) + 1 - have
    return total


def inactive_shortage():
    """inactive_shortage() of mm/page_alloc.c."""
    shortage = int(sym("freepages.high")) + inactive_target()
    shortage -= nr_free_pages() + nr_inactive_clean_pages()
    shortage -= int(sym("nr_inactive_dirty_pages"))
    return max(shortage, 0)


class Zones(Command):
    """The zones: free pages against their watermarks, and the shortages.

Usage: pagoda-zones
Per zone: free_pages, pages_min/low/high, inactive_clean_pages, present
and managed pages, and which mark free_pages is under.  Then the totals
and free_shortage(), inactive_shortage() and inactive_target(), computed
from the same fields in the same way as mm/page_alloc.c does."""

    name = "pagoda-zones"
    usage = "pagoda-zones"

    def run(self, args):
        self.no_arguments(args)
        for z, label in zones():
            free = int(z["free_pages"])
            marks = [(int(z["pages_min"]), "min"), (int(z["pages_low"]), "low"),
                     (int(z["pages_high"]), "high")]
            under = next((name for mark, name in marks if free < mark), None)
            state = f"under pages_{under}" if under else "above pages_high"
            gdb.write(f"{label}: free {free} min {marks[0][0]} low {marks[1][0]} "
                      f"high {marks[2][0]} inactive_clean "
                      f"{int(z['inactive_clean_pages'])} present "
                      f"{int(z['realsize'])} managed {int(z['managed'])} ({state})\n")
        gdb.write(f"free {nr_free_pages()} inactive_clean {nr_inactive_clean_pages()} "
                  f"inactive_dirty {int(sym('nr_inactive_dirty_pages'))} active "
                  f"{int(sym('nr_active_pages'))}; freepages min "
                  f"{int(sym('freepages.min'))} low {int(sym('freepages.low'))} "
                  f"high {int(sym('freepages.high'))}\n")
        gdb.write(f"free_shortage() {free_shortage()} inactive_shortage() "
                  f"{inactive_shortage()} inactive_target() {inactive_target()} "
                  f"(memory_pressure {int(sym('memory_pressure'))})\n")


class Buddy(Command):
    """Free blocks per order in every zone, in /proc/buddyinfo's layout.

Usage: pagoda-buddy
One line per zone: "Node N, zone NAME" and the number of free blocks of
order 0, 1, ... MAX_ORDER-1 (a block of order k is 2^k pages), as the
shell's buddyinfo prints them."""

    name = "pagoda-buddy"
    usage = "pagoda-buddy"

    def run(self, args):
        self.no_arguments(args)
        orders = array_len("((zone_t *)0)->free_area")
        for z, _ in zones():
            counts = "".join(f"{int(z['free_area'][o]['nr_free']):6d} "
                             for o in range(orders))
            gdb.write(f"Node {int(z['zone_pgdat']['node_id'])}, zone "
                      f"{z['name'].string():>8} {counts}\n")


class Vmstat(Command):
    """The VM's gauges and event counters, as the shell's vmstat prints them.

Usage: pagoda-vmstat
nr_free_pages, nr_active, nr_inactive_dirty, nr_inactive_clean, then
every vm_events[] counter under its vm_event_names[] name (pgfault,
pswpout, pgscan, ...)."""

    name = "pagoda-vmstat"
    usage = "pagoda-vmstat"

    def run(self, args):
        self.no_arguments(args)
        gdb.write(f"nr_free_pages {nr_free_pages()}\n"
                  f"nr_active {int(sym('nr_active_pages'))}\n"
                  f"nr_inactive_dirty {int(sym('nr_inactive_dirty_pages'))}\n"
                  f"nr_inactive_clean {nr_inactive_clean_pages()}\n")
        names, events = sym("vm_event_names"), sym("vm_events")
        for i in range(array_len("vm_events")):
            gdb.write(f"{names[i].string()} {int(events[i])}\n")


class Gfp(Command):
    """A gfp_mask decoded by name.

Usage: pagoda-gfp MASK
MASK is a number or an expression (gfp_mask at a breakpoint in
__alloc_pages or try_to_free_pages).  Prints its __GFP_* bits and the
GFP_* name it has in mm/mm.h, if any: 7 is GFP_KERNEL
(__GFP_WAIT|__GFP_HIGH|__GFP_IO)."""

    name = "pagoda-gfp"
    usage = "pagoda-gfp MASK"

    def run(self, args):
        if len(args) != 1:
            raise BadArgument("give one mask")
        mask = integer(args[0], "a gfp mask")
        if mask < 0:
            raise BadArgument(f"a mask is not negative: {mask}")
        gdb.write(f"{mask:#x}: {gfp_text(mask)}\n")


Zones()
Buddy()
Vmstat()
Gfp()
