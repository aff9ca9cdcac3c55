"""GDB commands for looking inside Pagoda (loaded by `make gdb`).

Each command reads the kernel's own data structures through GDB, so it
shows the state at the moment the kernel is stopped, for example in the
middle of page reclaim.

    pagoda-dmesg        the kernel log buffer, as the shell's dmesg prints it
    pagoda-page PAGE    one struct page (a pfn, or a struct page * such as
                        `page` at a breakpoint): flags, count, age, zone
    pagoda-lists [N]    the active / inactive_dirty / inactive_clean lists,
                        with the first N pages of each (default 8)
    pagoda-buddy        free blocks per order in every zone (like buddyinfo)
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


# Flag names by bit, as in mm/mm.h (PG_*): read from the enum-like
# macros is not possible in GDB, so they are listed here.
PAGE_FLAGS = {
    0: "locked", 1: "error", 2: "referenced", 3: "uptodate", 4: "dirty",
    5: "decr_after", 6: "active", 7: "inactive_dirty", 8: "slab",
    9: "swap_cache", 10: "skip", 11: "inactive_clean", 12: "highmem",
    13: "writeback", 14: "buddy", 15: "poisoned", 31: "reserved",
}


def flag_names(flags):
    return [name for bit, name in sorted(PAGE_FLAGS.items()) if flags >> bit & 1]


def page_of(pfn):
    return gdb.parse_and_eval("mem_map")[pfn]


def pfn_of(page_ptr):
    return int(page_ptr - gdb.parse_and_eval("mem_map"))


def zone_name(page):
    zone = gdb.parse_and_eval("zone_table")[int(page["zone_id"])]
    if int(zone) == 0:
        return "?"
    return f"node {int(zone['zone_pgdat']['node_id'])} {zone['name'].string()}"


def describe(pfn):
    page = page_of(pfn)
    flags = int(page["flags"])
    return (f"pfn {pfn} (phys {pfn << 12:#010x}): count {int(page['count'])} "
            f"age {int(page['age'])} flags [{' '.join(flag_names(flags))}] "
            f"zone {zone_name(page)} mapping {int(page['mapping']):#x} "
            f"index {int(page['index']):#x}")


def list_pages(head, limit):
    """The pfns of the pages on a list_head list, linked through page->lru."""
    page_type = gdb.lookup_type("struct page").pointer()
    offset = int(gdb.parse_and_eval("(unsigned long)&((struct page *)0)->lru"))
    node, pfns, count = head["next"], [], 0
    while int(node) != int(head.address):
        if len(pfns) < limit:
            pfns.append(pfn_of(gdb.Value(int(node) - offset).cast(page_type)))
        count += 1
        node = node["next"]
    return count, pfns


class Page(gdb.Command):
    """pagoda-page PFN|PAGE: one struct page, decoded (PAGE: a struct page *)."""

    def __init__(self):
        super().__init__("pagoda-page", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        if not arg.strip():
            raise gdb.GdbError("usage: pagoda-page PFN | struct page *")
        value = gdb.parse_and_eval(arg)
        if value.type.strip_typedefs().code == gdb.TYPE_CODE_PTR:
            pfn = pfn_of(value)
        else:
            pfn = int(value)
        if not 0 <= pfn < int(gdb.parse_and_eval("max_mapnr")):
            raise gdb.GdbError(f"pfn {pfn} is outside mem_map")
        gdb.write(describe(pfn) + "\n")


class Lists(gdb.Command):
    """pagoda-lists [N]: the three page lists and their first N pages."""

    def __init__(self):
        super().__init__("pagoda-lists", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        limit = int(arg) if arg.strip() else 8
        heads = [("active", gdb.parse_and_eval("active_list")),
                 ("inactive_dirty", gdb.parse_and_eval("inactive_dirty_list"))]
        for i in range(int(gdb.parse_and_eval("sizeof(zone_table)/sizeof(zone_table[0])"))):
            zone = gdb.parse_and_eval("zone_table")[i]
            if int(zone) and int(zone["realsize"]):
                name = f"inactive_clean node {int(zone['zone_pgdat']['node_id'])} " \
                       f"{zone['name'].string()}"
                heads.append((name, zone["inactive_clean_list"]))
        for name, head in heads:
            count, pfns = list_pages(head, limit)
            more = " ..." if count > len(pfns) else ""
            gdb.write(f"{name}: {count} pages {pfns}{more}\n")


class Buddy(gdb.Command):
    """pagoda-buddy: free blocks per order in every zone."""

    def __init__(self):
        super().__init__("pagoda-buddy", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        table = gdb.parse_and_eval("zone_table")
        n = int(gdb.parse_and_eval("sizeof(zone_table)/sizeof(zone_table[0])"))
        orders = int(gdb.parse_and_eval("sizeof(((zone_t *)0)->free_area)"
                                        "/sizeof(((zone_t *)0)->free_area[0])"))
        for i in range(n):
            zone = table[i]
            if not int(zone) or not int(zone["realsize"]):
                continue
            counts = [int(zone["free_area"][o]["nr_free"]) for o in range(orders)]
            gdb.write(f"Node {int(zone['zone_pgdat']['node_id'])}, zone "
                      f"{zone['name'].string():>8} {counts} free {int(zone['free_pages'])}\n")


Page()
Lists()
Buddy()
