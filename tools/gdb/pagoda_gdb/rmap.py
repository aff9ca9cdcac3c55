"""The reverse map (mm/rmap.c): every PTE of a page.

    pagoda-rmap PFN|PAGE    each PTE mapping the page: process, address,
                            and what the PTE holds (pagoda-pte's words)

For example, stopped in remove_migration_ptes (step 16 of a migration,
docs/migration.md): `pagoda-rmap old` shows its PTEs still holding
migration entries; `pagoda-pte *(pte_t *)old->rmap` decodes one.
"""

import gdb

from .kernel import BadArgument, Command, PAGE_SHIFT
from .page import describe_pte, one_expression, page_at, pfn_argument
from .task import users_of

PAGE_OFFSET = 0xC0000000        # mm/page.h
RMAP_CHAIN = 1                  # mm/rmap.c: the tag of a pte_chain pointer
MAX_CHAIN = 1 << 16


def rmap_ptes(page):
    """The PTE addresses of a page's rmap: one pointer, or a chain."""
    rmap = int(page["rmap"]) & 0xffffffff
    if rmap == 0:
        return []
    if not rmap & RMAP_CHAIN:
        return [rmap]
    chain = gdb.lookup_type("struct pte_chain").pointer()
    node, ptes = gdb.Value(rmap & ~RMAP_CHAIN).cast(chain), []
    while int(node):
        ptes.append(int(node["ptep"]))
        node = node["next"]
        if len(ptes) > MAX_CHAIN:
            raise BadArgument("a pte_chain that does not end: memory is corrupt?")
    return ptes


def owner_of(ptep):
    """(mm, user address) of a PTE, from its page table's struct page
    (pt_mm and index, which mm/rmap.c keeps there)."""
    table = page_at((ptep - PAGE_OFFSET) >> PAGE_SHIFT)
    address = int(table["index"]) + ((ptep & 0xfff) // 4 << PAGE_SHIFT)
    return int(table["pt_mm"]), address & 0xffffffff


class Rmap(Command):
    """Every PTE mapping a page, from its reverse map.

Usage: pagoda-rmap PFN|PAGE
PAGE is a struct page * (such as `page`, or `old` in mm/migrate.c).
For each PTE in the page's rmap: the user address, the mm and the
processes using it, the PTE's address and what it holds now (a present
mapping, or a migration entry while the page is being moved)."""

    name = "pagoda-rmap"
    usage = "pagoda-rmap PFN|PAGE"

    def run(self, args):
        pfn = pfn_argument(one_expression(args))
        ptes = rmap_ptes(page_at(pfn))
        gdb.write(f"pfn {pfn}: {len(ptes)} rmap entr"
                  f"{'y' if len(ptes) == 1 else 'ies'}\n")
        for ptep in ptes:
            mm, address = owner_of(ptep)
            pte = int(gdb.parse_and_eval(f"*(unsigned long *){ptep:#x}")) & 0xffffffff
            who = ", ".join(users_of(mm)) or "no task"
            gdb.write(f"  {address:#010x} in mm {mm:#x} ({who}): pte "
                      f"{ptep:#x} = {pte:#010x}: {describe_pte(pte)}\n")


Rmap()
