/*
 * Kernel symbol lookup for backtraces (a small kallsyms).
 *
 * The table is generated at build time by tools/ksyms.py from the
 * function symbols of a first link of the kernel and linked into a
 * second one, in the .ksyms section after all code and data.  Entries
 * are sorted by address; a function's size is the distance to the
 * next symbol.
 */
#include "kernel/ksyms.h"
#include "lib/string.h"
#include "lib/vsprintf.h"

extern const unsigned long ksym_count;
extern const unsigned long ksym_addrs[];
extern const unsigned long ksym_name_offsets[];
extern const char ksym_names[];
extern const char _etext[];

/* Index of the last symbol at or below addr, or -1. */
static long ksym_index(unsigned long addr)
{
	long lo = 0, hi = (long)ksym_count - 1, found = -1;

	while (lo <= hi) {
		long mid = (lo + hi) / 2;

		if (ksym_addrs[mid] <= addr) {
			found = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	return found;
}

const char *ksym_lookup(unsigned long addr, unsigned long *offset,
			unsigned long *size)
{
	long i = ksym_index(addr);
	unsigned long end;

	if (i < 0 || addr >= (unsigned long)_etext)
		return NULL;
	end = (unsigned long)i + 1 < ksym_count ? ksym_addrs[i + 1]
						: (unsigned long)_etext;
	*offset = addr - ksym_addrs[i];
	*size = end - ksym_addrs[i];
	return ksym_names + ksym_name_offsets[i];
}

/* The address of a function by name, or 0 (for tests and the shell). */
unsigned long ksym_address(const char *name)
{
	for (unsigned long i = 0; i < ksym_count; i++)
		if (!strcmp(ksym_names + ksym_name_offsets[i], name))
			return ksym_addrs[i];
	return 0;
}

/* Formats "name+0xoff/0xsize", or the bare address if unknown. */
int ksym_snprint(char *buf, unsigned long len, unsigned long addr)
{
	unsigned long off, size;
	const char *name = ksym_lookup(addr, &off, &size);

	if (!name)
		return snprintf(buf, len, "0x%08lx", addr);
	return snprintf(buf, len, "%s+0x%lx/0x%lx", name, off, size);
}

/*
 * The same for a return address found on the stack.  A call to a
 * function that never returns (panic) can be the last instruction of
 * its function, so the return address is the first byte of the next
 * one.  Looking up addr - 1, inside the call instruction, names the
 * caller, as Linux's %pB does.
 */
int ksym_snprint_return(char *buf, unsigned long len, unsigned long addr)
{
	unsigned long off, size;
	const char *name = ksym_lookup(addr - 1, &off, &size);

	if (!name)
		return snprintf(buf, len, "0x%08lx", addr);
	return snprintf(buf, len, "%s+0x%lx/0x%lx", name, off + 1, size);
}
