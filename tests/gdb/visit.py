"""Stop once in each of FUNCTIONS and read every argument and local there.

A GDB script for the scenario gdb_stepping.py, run after make gdb's
pagoda.gdb:  -ex 'python FUNCTIONS=[...]' -x tests/gdb/visit.py

Sets a breakpoint on each function, continues, and at each first hit
prints `info args` and `info locals` (what a student sees) and one line

    visit NAME: N variables ok         or
    visit NAME: <optimized out>: pte entry

then deletes that breakpoint, until every function was visited or the
kernel ends.  Variables of inner blocks are read as well (their values
are not set yet at the entry, but they must be readable).
"""

import gdb


def variables(frame):
    """Every argument and local of the frame's function, inner blocks too
    (found through the blocks of each line of the function)."""
    top = frame.block()
    while top.function is None:
        top = top.superblock
    seen = {}
    for entry in frame.function().symtab.linetable():
        if not top.start <= entry.pc < top.end:
            continue
        block = gdb.block_for_pc(entry.pc)
        while block is not None:
            for sym in block:
                if sym.is_variable or sym.is_argument:
                    seen.setdefault(sym.name, sym)
            if block.function is not None:
                break
            block = block.superblock
    return seen


def visit(name):
    frame = gdb.selected_frame()
    gdb.execute("info args")
    gdb.execute("info locals")
    seen = variables(frame)
    bad = [n for n, sym in seen.items() if sym.value(frame).is_optimized_out]
    if bad:
        gdb.write(f"visit {name}: <optimized out>: {' '.join(bad)}\n")
    else:
        gdb.write(f"visit {name}: {len(seen)} variables ok\n")


def main(functions):
    points = {gdb.Breakpoint(f).number: f for f in functions}
    while points:
        try:
            gdb.execute("continue")
        except gdb.error as error:
            gdb.write(f"visit: the kernel ended ({error})\n")
            break
        if not gdb.selected_inferior().threads():
            gdb.write("visit: the kernel ended\n")
            break
        name = gdb.selected_frame().name()
        number = next((n for n, f in points.items() if f == name), None)
        if number is None:
            continue
        visit(name)
        gdb.execute(f"delete {number}")
        del points[number]
    gdb.write(f"visit: not reached: {' '.join(sorted(points.values())) or '-'}\n")


main(FUNCTIONS)  # noqa: F821  (set with -ex 'python FUNCTIONS=...')
