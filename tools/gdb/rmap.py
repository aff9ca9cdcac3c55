"""GDB commands for the reverse map and page migration (mm/rmap.c,
mm/migrate.c), loaded by tools/gdb/pagoda.gdb.

    pagoda-rmap PFN|PAGE    every PTE that maps the page (and every
                            migration entry naming it): the process
                            (pid, name, mm) and the user address
    pagoda-swp ENTRY        decodes a swap entry or a non-present PTE
                            value: area and slot, or, for a migration
                            entry, read/write and the page it names

For example, stopped in remove_migration_ptes (step 16 of a migration):
    pagoda-rmap old     the PTEs still hold migration entries
    pagoda-swp *ptep    one of them: "migration entry (write) for pfn N"
"""

import gdb

MAX_SWAPFILES = 8               # mm/swap.h
SWP_MIGRATION_READ = MAX_SWAPFILES      # mm/swapops.h
SWP_MIGRATION_WRITE = MAX_SWAPFILES + 1
PAGE_SHIFT = 12
PAGE_OFFSET = 0xC0000000        # mm/page.h
RMAP_CHAIN = 1                  # mm/rmap.c: tag of a pte_chain pointer
PTE_PRESENT = 0x001
PTE_PROTNONE = 0x080
PTE_RW = 0x002


def mem_map_ready():
    """mem_map and max_mapnr, or a GdbError if mem_init has not run."""
    mem_map = gdb.parse_and_eval("mem_map")
    if int(mem_map) == 0:
        raise gdb.GdbError("mem_map is not set up yet (stopped before "
                           "mem_init): continue, then try again")
    return mem_map, int(gdb.parse_and_eval("max_mapnr"))


def pfn_arg(arg, command):
    """A pfn from PFN or a struct page * expression, checked."""
    if not arg.strip():
        raise gdb.GdbError(f"usage: {command} PFN | struct page *")
    mem_map, max_mapnr = mem_map_ready()
    try:
        value = gdb.parse_and_eval(arg)
    except gdb.error as e:
        raise gdb.GdbError(f"{command}: {e}")
    if value.type.strip_typedefs().code == gdb.TYPE_CODE_PTR:
        pfn = int(value - mem_map)
    else:
        pfn = int(value)
    if not 0 <= pfn < max_mapnr:
        raise gdb.GdbError(f"{command}: pfn {pfn} is outside mem_map "
                           f"(0 .. {max_mapnr - 1})")
    return pfn


def rmap_ptes(page):
    """The PTE addresses in a page's rmap (a direct pointer or a chain)."""
    rmap = int(page["rmap"])
    if rmap == 0:
        return []
    if not rmap & RMAP_CHAIN:
        return [rmap]
    chain_type = gdb.lookup_type("struct pte_chain").pointer()
    node, ptes = gdb.Value(rmap & ~RMAP_CHAIN).cast(chain_type), []
    while int(node) and len(ptes) < 100000:
        ptes.append(int(node["ptep"]))
        node = node["next"]
    return ptes


def owner_of(ptep):
    """(mm address, user address) of a PTE, from its page table's page."""
    mem_map, _ = mem_map_ready()
    table = mem_map[(ptep - PAGE_OFFSET) >> PAGE_SHIFT]
    address = int(table["index"]) + ((ptep & 0xfff) // 4 << PAGE_SHIFT)
    return int(table["pt_mm"]), address


def tasks_of(mm):
    """'pid name' of every task whose mm is mm."""
    init = gdb.parse_and_eval("&init_task")
    task_type = init.type
    offset = int(gdb.parse_and_eval("(unsigned long)&((struct task_struct *)0)->tasks"))
    names, node = [], init["tasks"]["next"]
    while int(node) != int(init["tasks"].address):
        task = gdb.Value(int(node) - offset).cast(task_type)
        if int(task["mm"]) == mm:
            names.append(f"{int(task['pid'])} {task['comm'].string()}")
        node = node["next"]
    return names


def describe_pte(value):
    """One PTE value in words."""
    if value & (PTE_PRESENT | PTE_PROTNONE):
        return (f"maps pfn {value >> PAGE_SHIFT}"
                f"{' writable' if value & PTE_RW else ' read-only'}")
    return describe_entry(value)


def describe_entry(value):
    """A swap entry (non-present PTE) in words (mm/swap.h layout)."""
    if value == 0:
        return "none (never mapped)"
    if value & (PTE_PRESENT | PTE_PROTNONE):
        return f"a present PTE (pfn {value >> PAGE_SHIFT}), not an entry"
    kind, offset = (value >> 1) & 0x3f, value >> 8
    if kind in (SWP_MIGRATION_READ, SWP_MIGRATION_WRITE):
        access = "write" if kind == SWP_MIGRATION_WRITE else "read"
        return f"migration entry ({access}) for pfn {offset}"
    return f"swap entry: area {kind}, slot {offset}"


class Rmap(gdb.Command):
    """pagoda-rmap PFN|PAGE: every PTE mapping the page (process, address).

PAGE is a struct page * (such as `page` or `old` at a breakpoint in
mm/migrate.c).  Lists the page's reverse map: for each entry, the
process(es) using that address space, the user address, and what the
PTE holds now (a present mapping, or a migration entry while the page
is being moved)."""

    def __init__(self):
        super().__init__("pagoda-rmap", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        pfn = pfn_arg(arg, "pagoda-rmap")
        mem_map, _ = mem_map_ready()
        ptes = rmap_ptes(mem_map[pfn])
        gdb.write(f"pfn {pfn}: {len(ptes)} rmap entr"
                  f"{'y' if len(ptes) == 1 else 'ies'}\n")
        inferior = gdb.selected_inferior()
        for ptep in ptes:
            mm, address = owner_of(ptep)
            value = int.from_bytes(bytes(inferior.read_memory(ptep, 4)),
                                   "little")
            who = ", ".join(tasks_of(mm)) or "no task"
            gdb.write(f"  {address:#010x} in mm {mm:#x} ({who}): "
                      f"pte {ptep:#x} = {value:#010x}, "
                      f"{describe_pte(value)}\n")


class Swp(gdb.Command):
    """pagoda-swp ENTRY: decode a swap entry or non-present PTE value.

ENTRY is a number or an expression (a pte_t, swp_entry_t, or *ptep).
Says whether it is a real swap entry (area, slot) or a migration
entry (read or write, and the pfn of the page being moved)."""

    def __init__(self):
        super().__init__("pagoda-swp", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        if not arg.strip():
            raise gdb.GdbError("usage: pagoda-swp ENTRY (a number, pte_t "
                               "or swp_entry_t)")
        try:
            value = gdb.parse_and_eval(arg)
        except gdb.error as e:
            raise gdb.GdbError(f"pagoda-swp: {e}")
        if value.type.strip_typedefs().code == gdb.TYPE_CODE_STRUCT:
            value = value[value.type.strip_typedefs().fields()[0].name]
        gdb.write(f"{int(value) & 0xffffffff:#010x}: "
                  f"{describe_entry(int(value) & 0xffffffff)}\n")


Rmap()
Swp()
