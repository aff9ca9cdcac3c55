"""Are a function's locals and arguments readable at every line?  (GDB script)

Run by the scenario gdb_stepping.py in a batch GDB on the kernel ELF, no
QEMU needed:  gdb -batch -nx ELF -ex 'python FUNCTIONS=[...]' -x check_locals.py

For every line of every function it asks GDB which variables are in
scope there (`info scope *PC`, which names how each is found) and
prints one line per function:

    locals try_to_swap_out: 9 variables, 23 lines: ok
    locals try_to_swap_out: at mm/vmscan.c:131 pte: <how GDB finds it>

A variable is readable at every line only if it lives in one stack slot
for the whole function (DW_OP_fbreg) or in static storage; a register,
a list of locations by address range, or "optimized out" means GDB
shows <optimized out> somewhere.  Also prints "inlined NAME: N
locations" for a function the compiler copied into a caller (then it has
no frame of its own in bt).
"""

import re

import gdb

GOOD = re.compile(r"is a complex DWARF expression:\s+0: DW_OP_fbreg -?\d+\s*, length"
                  r"|is in static storage at address|is a label at address"
                  r"|is a variable at frame base reg \$ebp offset")


def lines_of(name):
    symbol = gdb.lookup_global_symbol(name) or gdb.lookup_static_symbol(name)
    if symbol is None or symbol.addr_class != gdb.SYMBOL_LOC_BLOCK:
        return None, None
    block = symbol.value().address and gdb.block_for_pc(int(symbol.value().address))
    start, end = block.function and block.start, block.end
    pcs = sorted({entry.pc for entry in symbol.symtab.linetable()
                  if start <= entry.pc < end})
    return symbol, pcs


def check(name):
    symbol, pcs = lines_of(name)
    if symbol is None:
        gdb.write(f"locals {name}: no such function\n")
        return
    bad, names = [], set()
    for pc in pcs:
        try:
            text = gdb.execute(f"info scope *{pc:#x}", to_string=True)
        except gdb.error as error:   # -Og: "Corrupted DWARF2 expression"
            text = f"\nSymbol ? {error}"
        for entry in text.split("\nSymbol ")[1:]:
            var = entry.split(" ", 1)[0]
            names.add(var)
            if not GOOD.search(entry):
                sal = gdb.find_pc_line(pc)
                how = " ".join(entry.split()[1:8])
                bad.append(f"at {sal.symtab.filename}:{sal.line} {var}: {how}")
    for line in bad[:5]:
        gdb.write(f"locals {name}: {line}\n")
    if not bad:
        gdb.write(f"locals {name}: {len(names)} variables, {len(pcs)} lines: ok\n")


def frames(name):
    """A function the compiler copied into a caller (inlined) has no frame
    of its own there: `break` then finds more than one location."""
    bp = gdb.Breakpoint(name, internal=True)
    where = len(bp.locations)
    bp.delete()
    if where != 1:
        gdb.write(f"inlined {name}: {where} locations\n")


for function in FUNCTIONS:  # noqa: F821  (set with -ex 'python FUNCTIONS=...')
    check(function)
    frames(function)
