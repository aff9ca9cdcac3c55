#!/usr/bin/env python3
"""Turn `nm -n kernel.elf` output into the kernel's symbol table.

Reads nm's lines on stdin, keeps the function symbols (types t/T/W)
of the kernel's text, and writes GNU assembler source for the .ksyms
section: a count, the sorted addresses, offsets of each name, and the
names. kernel/ksyms.c searches it to print backtraces as
`function+0xoff/0xsize`. With --empty, writes the empty table used by
the first link (the table's own size must not move any function).
"""
import sys

TEXT_TYPES = {"t", "T", "W", "w"}


def read_symbols(lines):
    """Returns [(address, name)] sorted, one name per address."""
    seen = {}
    for line in lines:
        parts = line.split()
        if len(parts) != 3 or parts[1] not in TEXT_TYPES:
            continue
        addr, name = int(parts[0], 16), parts[2]
        if name.startswith(".L") or addr < 0xC0000000:
            continue  # local labels; boot code runs before paging
        # Prefer a global name over a local alias at the same address.
        if addr not in seen or parts[1] in "TW" and seen[addr][0] in "tw":
            seen[addr] = (parts[1], name)
    return sorted((a, n) for a, (_, n) in seen.items())


def emit(symbols, out):
    out.write('\t.section .note.GNU-stack, "", @progbits\n')
    out.write('\t.section .ksyms, "a"\n\t.balign 4\n')
    out.write("\t.globl ksym_count, ksym_addrs, ksym_name_offsets, ksym_names\n")
    out.write(f"ksym_count:\n\t.long {len(symbols)}\n")
    out.write("ksym_addrs:\n")
    for addr, _ in symbols:
        out.write(f"\t.long 0x{addr:08x}\n")
    out.write("ksym_name_offsets:\n")
    offset = 0
    for _, name in symbols:
        out.write(f"\t.long {offset}\n")
        offset += len(name) + 1
    out.write("ksym_names:\n")
    for _, name in symbols:
        out.write(f'\t.asciz "{name}"\n')


def main():
    symbols = [] if "--empty" in sys.argv else read_symbols(sys.stdin)
    emit(symbols, sys.stdout)


if __name__ == "__main__":
    main()
