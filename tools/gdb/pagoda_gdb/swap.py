"""Swap: an entry's area and slot, the areas, the swap cache.

    pagoda-swap             the swap areas and their usage (as swapinfo)
    pagoda-swapcache [N]    the pages in swapper_space, with their entries
"""

import gdb

from .kernel import BadArgument, Command, NotSetUp, list_entries, number_of, sym

SWP_WRITEOK = 3
SWAP_MAP_BAD = 0x8000
MAX_SWAPFILES = 8                       # mm/swap.h
SWP_MIGRATION_READ = MAX_SWAPFILES      # mm/swapops.h
SWP_MIGRATION_WRITE = MAX_SWAPFILES + 1


def swp_type(val):
    return (val >> 1) & 0x3f     # SWP_TYPE, mm/swap.h


def swp_offset(val):
    return val >> 8              # SWP_OFFSET


def cache_lookup(val):
    """The pfn of the swap-cache page holding entry val, or None."""
    mem_map = sym("mem_map")
    for page in cache_pages():
        if int(page["index"]) & 0xffffffff == val:
            return int(page - mem_map)
    return None


def describe_entry(val):
    """'area:slot (swap_map N, ...)' for a swap entry value."""
    area, slot = swp_type(val), swp_offset(val)
    text = f"{area}:{slot}"
    if val & 1:
        return text + " (not a swap entry: the present bit is set)"
    if area >= int(sym("nr_swapfiles")):
        return text + f" (no swap area {area})"
    info = sym("swap_info")[area]
    if not int(info["flags"]) & 1 or not int(info["swap_map"]):
        return text + f" (swap area {area} is off)"
    if slot >= int(info["max"]):
        return text + f" (past the end of area {area}: {int(info['max'])} slots)"
    count = int(info["swap_map"][slot])
    text += f" (swap_map {count:#x} bad" if count & SWAP_MAP_BAD else \
        f" (swap_map {count}"
    pfn = cache_lookup(val)
    text += f", in the swap cache: pfn {pfn})" if pfn is not None else \
        ", not in the swap cache)"
    return text


def describe_nonpresent(val):
    """A PTE whose present bit is clear, not 0: a swap entry, or a
    migration entry (mm/swapops.h) naming the page being moved."""
    kind = swp_type(val)
    if kind in (SWP_MIGRATION_READ, SWP_MIGRATION_WRITE):
        access = "write" if kind == SWP_MIGRATION_WRITE else "read"
        return f"migration entry ({access}) for pfn {swp_offset(val)}"
    return f"swap entry {describe_entry(val)}"


def areas():
    """(index, swap_info_struct) of every area in use."""
    info = sym("swap_info")
    for i in range(int(sym("nr_swapfiles"))):
        if int(info[i]["flags"]) & 1:
            yield i, info[i]


def area_used(area):
    """Slots in use, as swap_area_used() counts them (not bad, not free)."""
    smap, top = area["swap_map"], int(area["max"])
    raw = bytes(gdb.selected_inferior().read_memory(int(smap), 2 * top))
    counts = [raw[i] | raw[i + 1] << 8 for i in range(2, 2 * top, 2)]
    return sum(1 for c in counts if c and c != SWAP_MAP_BAD)


class Swap(Command):
    """The swap areas and how full they are.

Usage: pagoda-swap
One line per area in use: its number (the area of area:slot), device,
size and used space in KiB (as the shell's swapinfo), usable slots,
slots in use (swap_map count not 0), priority, whether it takes new
slots (SWP_WRITEOK), and the next slot get_swap_page looks at; then
nr_swap_pages and total_swap_pages."""

    name = "pagoda-swap"
    usage = "pagoda-swap"

    def run(self, args):
        self.no_arguments(args)
        found = False
        for i, area in areas():
            found = True
            used = area_used(area)
            bdev = area["bdev"]
            dev = bdev["name"].string() if int(bdev) else "?"
            state = "writeok" if (int(area["flags"]) & SWP_WRITEOK) == \
                SWP_WRITEOK else "closing (swapoff)"
            gdb.write(f"area {i}: /dev/{dev} size {int(area['pages']) * 4} KiB "
                      f"used {used * 4} KiB ({used} of {int(area['pages'])} "
                      f"slots) prio {int(area['prio'])} {state}, next slot "
                      f"{int(area['cluster_next'])}\n")
        if not found:
            raise NotSetUp("swap: no swap area is on (swapon has not run)")
        gdb.write(f"nr_swap_pages {int(sym('nr_swap_pages'))} total_swap_pages "
                  f"{int(sym('total_swap_pages'))}\n")


def cache_pages():
    """The pages of swapper_space: clean, dirty, then locked (page->list)."""
    space = sym("swapper_space")
    for name in ("clean_pages", "dirty_pages", "locked_pages"):
        yield from list_entries(space[name], "struct page", "list")


class SwapCache(Command):
    """The swap cache: the pages in swapper_space and their swap entries.

Usage: pagoda-swapcache [N]
The number of pages (swapper_space.nrpages, SwapCached in meminfo), then
the first N (default 16): pfn, swap entry as area:slot with its swap_map
count, page count, age and flags."""

    name = "pagoda-swapcache"
    usage = "pagoda-swapcache [N]"

    def run(self, args):
        from .page import flag_names
        if len(args) > 1:
            raise BadArgument("at most one number")
        limit = number_of(args, 0, "N", default=16)
        if limit < 0:
            raise BadArgument(f"N must not be negative, got {limit}")
        mem_map = sym("mem_map")
        if int(mem_map) == 0:
            raise NotSetUp("the swap cache (mem_init() has not run)")
        gdb.write(f"swap cache: {int(sym('swapper_space.nrpages'))} pages\n")
        info = sym("swap_info")
        for n, page in enumerate(cache_pages()):
            if n >= limit:
                gdb.write("  ...\n")
                break
            val = int(page["index"]) & 0xffffffff
            area, slot = swp_type(val), swp_offset(val)
            count = int(info[area]["swap_map"][slot])
            gdb.write(f"  pfn {int(page - mem_map)} entry {area}:{slot} "
                      f"swap_map {count} count {int(page['count'])} age "
                      f"{int(page['age'])} [{' '.join(flag_names(int(page['flags'])))}]\n")


Swap()
SwapCache()
