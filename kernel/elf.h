/* The parts of the ELF32 format the loader reads (the System V gABI). */
#ifndef KERNEL_ELF_H
#define KERNEL_ELF_H

#include "lib/compiler.h"

#define EI_NIDENT	16
#define EI_CLASS	4
#define EI_DATA		5
#define ELFCLASS32	1
#define ELFDATA2LSB	1
#define ET_EXEC		2
#define ET_DYN		3
#define EM_386		3
#define EV_CURRENT	1

#define PT_LOAD		1
#define PT_INTERP	3
#define PF_X		0x1
#define PF_W		0x2
#define PF_R		0x4

/* Auxiliary vector types for the initial stack (Linux's values). */
#define AT_NULL		0
#define AT_PHDR		3
#define AT_PHENT	4
#define AT_PHNUM	5
#define AT_PAGESZ	6
#define AT_ENTRY	9
#define AT_RANDOM	25	/* 16 random bytes (Linux 2.6.29) */

typedef struct {
	unsigned char e_ident[EI_NIDENT];
	uint16_t e_type, e_machine;
	uint32_t e_version, e_entry, e_phoff, e_shoff, e_flags;
	uint16_t e_ehsize, e_phentsize, e_phnum;
	uint16_t e_shentsize, e_shnum, e_shstrndx;
} Elf32_Ehdr;

typedef struct {
	uint32_t p_type, p_offset, p_vaddr, p_paddr;
	uint32_t p_filesz, p_memsz, p_flags, p_align;
} Elf32_Phdr;

#endif
