	.section .note.GNU-stack, "", @progbits
	.section .ksyms, "a"
	.balign 4
	.globl ksym_count, ksym_addrs, ksym_name_offsets, ksym_names
ksym_count:
	.long 0
ksym_addrs:
ksym_name_offsets:
ksym_names:
