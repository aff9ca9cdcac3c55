# Loaded by `make gdb` after it attaches to QEMU.
set pagination off
set confirm off
source tools/gdb/pagoda.py
# Stop where the kernel's C code begins (paging is on from there, so
# ordinary breakpoints such as `break page_launder` can be set), unless
# the kernel is already past it; says where it really stopped.
pagoda-start
