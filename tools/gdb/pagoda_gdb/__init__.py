"""The pagoda-* GDB commands, one module per subject (see tools/gdb/pagoda.py)."""
