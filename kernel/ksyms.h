#ifndef KERNEL_KSYMS_H
#define KERNEL_KSYMS_H

const char *ksym_lookup(unsigned long addr, unsigned long *offset,
			unsigned long *size);
unsigned long ksym_address(const char *name);
int ksym_snprint(char *buf, unsigned long len, unsigned long addr);
int ksym_snprint_return(char *buf, unsigned long len, unsigned long addr);

#endif
