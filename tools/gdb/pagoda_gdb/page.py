"""A page, a PTE or swap entry, and the page lists, decoded.

    pagoda-page PFN|PAGE    one struct page, everything about it
    pagoda-pte VALUE        a PTE, swap or migration entry: the page, area:slot
    pagoda-lists [N]        active, inactive_dirty, inactive_clean
"""

import gdb

from .kernel import (BadArgument, Command, PAGE_SHIFT, integer,
                     list_entries, mem_map_ready, number_of, sym, symbol_at,
                     value, zone_label, zones)
from . import swap

# The PG_* bits of mm/mm.h, by number (macros are not in the debug
# information): the scenario gdb_helpers checks this table against mm/mm.h.
PAGE_FLAGS = {
    0: "locked", 1: "error", 2: "referenced", 3: "uptodate", 4: "dirty",
    5: "decr_after", 6: "active", 7: "inactive_dirty", 8: "slab",
    9: "swap_cache", 10: "skip", 11: "inactive_clean", 12: "highmem",
    13: "writeback", 14: "buddy", 15: "poisoned", 16: "isolated",
    17: "was_active", 18: "bad_slot", 31: "reserved",
}
FLAG_BITS = {name: bit for bit, name in PAGE_FLAGS.items()}

# The PTE bits of mm/pgtable.h (_PAGE_*); bit 7 is PSE in a pgd entry.
PTE_BITS = [(0x001, "present"), (0x002, "rw"), (0x004, "user"), (0x008, "pwt"),
            (0x010, "pcd"), (0x020, "accessed"), (0x040, "dirty"),
            (0x080, "protnone"), (0x100, "global")]


def flag_names(flags):
    return [name for bit, name in sorted(PAGE_FLAGS.items()) if flags >> bit & 1]


def has(flags, name):
    return bool(flags >> FLAG_BITS[name] & 1)


def pte_bit_names(val, pgd=False):
    names = [n for bit, n in PTE_BITS if val & bit]
    return ["pse" if pgd and n == "protnone" else n for n in names]


def max_pfn():
    mem_map_ready()
    return int(sym("max_mapnr"))


def page_at(pfn):
    return sym("mem_map")[pfn]


def pfn_of(page_ptr):
    return int(page_ptr - sym("mem_map"))


def one_expression(args):
    """The whole argument, a pfn or struct page * expression: a cast
    such as (struct page *)0xc104f790 has spaces in it."""
    if not args:
        raise BadArgument("give a pfn or struct page *")
    return " ".join(args)


def pfn_argument(expr):
    """A pfn from a number or a struct page * expression, range-checked."""
    limit = max_pfn()
    val = value(expr)
    kind = val.type.strip_typedefs()
    if kind.code == gdb.TYPE_CODE_PTR:
        if kind.target().strip_typedefs().tag != "page":
            raise BadArgument(f"{expr!r} is a {val.type}, not a struct page *")
        pfn = pfn_of(val)
    else:
        pfn = integer(expr, "a pfn or a struct page *")
    if not 0 <= pfn < limit:
        raise BadArgument(f"pfn {pfn} is outside mem_map (0..{limit - 1})")
    return pfn


def page_list(page, flags):
    """Which list the page is on, as its flags say."""
    if has(flags, "buddy"):
        return f"free: first page of a free block of order {int(page['index'])}"
    if has(flags, "active"):
        return "on the active list"
    if has(flags, "inactive_dirty"):
        return "on the inactive_dirty list"
    if has(flags, "inactive_clean"):
        zone = sym("zone_table")[int(page["zone_id"])]
        return f"on the inactive_clean list of {zone_label(zone)}"
    return "on no page list"


def describe(pfn):
    """The lines pagoda-page prints for one page."""
    page = page_at(pfn)
    flags = int(page["flags"]) & 0xffffffff
    zone = sym("zone_table")[int(page["zone_id"])]
    lines = [f"pfn {pfn} (phys {pfn << PAGE_SHIFT:#010x}) struct page "
             f"{int(page.address):#x}, zone {zone_label(zone) if int(zone) else '?'}",
             f"  flags {flags:#010x} [{' '.join(flag_names(flags))}]",
             f"  count {int(page['count'])}, age {int(page['age'])}, "
             f"{page_list(page, flags)}"]
    mapping, index = int(page["mapping"]), int(page["index"]) & 0xffffffff
    line = f"  mapping {symbol_at(mapping)}, index {index:#x}"
    if has(flags, "swap_cache"):
        line += f": swap entry {swap.describe_entry(index)}"
    lines.append(line)
    from .rmap import rmap_ptes
    mapped = len(rmap_ptes(page))
    if mapped:
        lines.append(f"  mapped by {mapped} PTE{'s' if mapped > 1 else ''} "
                     f"(its reverse map: pagoda-rmap {pfn})")
    return lines


class Page(Command):
    """One struct page, decoded.

Usage: pagoda-page PFN|PAGE
PAGE is a struct page * such as `page` at a breakpoint in try_to_swap_out;
PFN a page frame number.  Prints its flags by name, count, age, the list
it is on (from its flags), its zone, and its mapping by name: a page in
the swap cache (mapping swapper_space) shows its swap entry as area:slot
with that slot's swap_map count; a page that PTEs map says how many
(its reverse map, which pagoda-rmap lists)."""

    name = "pagoda-page"
    usage = "pagoda-page PFN|PAGE"

    def run(self, args):
        gdb.write("\n".join(describe(pfn_argument(one_expression(args)))) + "\n")


def pte_value(expr):
    """The raw value of a PTE, pte_t *, swp_entry_t or number expression."""
    val = value(expr)
    kind = val.type.strip_typedefs()
    if kind.code == gdb.TYPE_CODE_PTR:
        val = val.dereference()
        kind = val.type.strip_typedefs()
    if kind.code == gdb.TYPE_CODE_STRUCT:
        fields = [f.name for f in kind.fields()]
        if fields not in (["pte_low"], ["val"], ["pgd"], ["pmd"]):
            raise BadArgument(f"{expr!r} is a {val.type}: give a pte_t, "
                              f"swp_entry_t or number")
        return int(val[fields[0]]) & 0xffffffff
    return integer(expr, "a PTE or swap entry") & 0xffffffff


def describe_pte(val):
    if val == 0:
        return "none (never mapped: the first touch faults in a new page)"
    if val & 0x081:   # pte_present(): present, or PROT_NONE
        pfn = val >> PAGE_SHIFT
        text = (f"present: pfn {pfn} (phys {pfn << PAGE_SHIFT:#010x}) "
                f"[{' '.join(pte_bit_names(val))}]")
        if pfn < max_pfn():
            page = page_at(pfn)
            text += (f", page count {int(page['count'])} age "
                     f"{int(page['age'])} [{' '.join(flag_names(int(page['flags'])))}]")
        return text
    return swap.describe_nonpresent(val)


class Pte(Command):
    """A PTE or swap entry value, decoded.

Usage: pagoda-pte VALUE
VALUE is a pte_t, pte_t * (page_table in try_to_swap_out), swp_entry_t
(entry) or a number.  A present PTE shows its pfn, its bits by name and
its page; a swap entry (a PTE whose present bit is clear) shows
area:slot, the slot's swap_map count and its page in the swap cache; a
migration entry (types 8 and 9, mm/swapops.h) says read or write and
the pfn of the page being moved."""

    name = "pagoda-pte"
    usage = "pagoda-pte VALUE"

    def run(self, args):
        if not args:
            raise BadArgument("give a PTE or swap entry")
        val = pte_value(" ".join(args))
        gdb.write(f"{val:#010x}: {describe_pte(val)}\n")


def list_pfns(head):
    return [pfn_of(p) for p in list_entries(head, "struct page", "lru")]


class Lists(Command):
    """The page lists of reclaim: how long, and their first pages.

Usage: pagoda-lists [N]
Prints active_list, inactive_dirty_list and each zone's
inactive_clean_list: the number of pages on each, then the pfns of the
first N (default 8), head first, with each page's age."""

    name = "pagoda-lists"
    usage = "pagoda-lists [N]"

    def run(self, args):
        if len(args) > 1:
            raise BadArgument("at most one number")
        limit = number_of(args, 0, "N", default=8)
        if limit < 0:
            raise BadArgument(f"N must not be negative, got {limit}")
        heads = [("active", sym("active_list")),
                 ("inactive_dirty", sym("inactive_dirty_list"))]
        heads += [(f"inactive_clean {label}", zone["inactive_clean_list"])
                  for zone, label in zones()]
        for name, head in heads:
            pfns = list_pfns(head)
            shown = " ".join(f"{pfn}(age {int(page_at(pfn)['age'])})"
                             for pfn in pfns[:limit])
            more = " ..." if len(pfns) > limit else ""
            gdb.write(f"{name}: {len(pfns)} pages{': ' if shown else ''}"
                      f"{shown}{more}\n")


Page()
Pte()
Lists()
