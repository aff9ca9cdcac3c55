# Loaded by `make gdb` after it attaches to QEMU.
set pagination off
set confirm off
source tools/gdb/pagoda.py
source tools/gdb/rmap.py
# Stop where the kernel's C code begins: paging is on from here, so
# ordinary breakpoints (break page_launder) can be set.
hbreak start_kernel
continue
delete
echo \nStopped at start_kernel. Try: break <function>, continue, bt,\n
echo pagoda-dmesg, and every pagoda-* command: apropos pagoda\n
