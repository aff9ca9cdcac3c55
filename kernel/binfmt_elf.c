/*
 * Loading an ELF32 executable into the current address space (Linux's
 * fs/binfmt_elf.c, for static i386 executables only).
 *
 * The image is checked completely before anything is mapped, and
 * each bad field has its own message.  Each PT_LOAD segment becomes
 * an anonymous private VMA: mapped writable, filled with the
 * segment's bytes (the rest, .bss, is demand-zero), then given the
 * segment's own permissions with mprotect.  Linux maps the file
 * instead; Pagoda has no files, so the pages are copies.
 */
#include "kernel/elf.h"
#include "kernel/abi.h"
#include "kernel/exec.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/uaccess.h"
#include "mm/mmap.h"

#define MAX_PHNUM	16
#define MIN_VADDR	0x10000UL /* nothing near NULL (mmap_min_addr) */

static bool in_image(unsigned long off, unsigned long len, unsigned long size)
{
	return off <= size && len <= size - off;
}

/*
 * A PT_LOAD that takes memory.  An empty one maps nothing, as 2.4.0's
 * do_mmap() returns at once for a length of 0; linkers do write them.
 */
static bool loads_memory(const Elf32_Phdr *ph)
{
	return ph->p_type == PT_LOAD && ph->p_memsz;
}

static Elf32_Phdr read_phdr(const unsigned char *image,
			    const Elf32_Ehdr *eh, unsigned i)
{
	Elf32_Phdr ph;

	memcpy(&ph, image + eh->e_phoff + i * sizeof(ph), sizeof(ph));
	return ph;
}

static const char *check_header(const Elf32_Ehdr *eh, unsigned long size)
{
	if (memcmp(eh->e_ident, "\177ELF", 4))
		return "not an ELF file (bad magic)";
	if (eh->e_ident[EI_CLASS] != ELFCLASS32 ||
	    eh->e_ident[EI_DATA] != ELFDATA2LSB)
		return "not a 32-bit little-endian ELF file";
	if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)	/* elf_check */
		return "not an executable (ET_EXEC)";
	if (eh->e_machine != EM_386)
		return "not an i386 executable";
	if (eh->e_version != EV_CURRENT)
		return "unknown ELF version";
	if (eh->e_phentsize != sizeof(Elf32_Phdr))
		return "bad program header size";
	if (eh->e_phnum == 0 || eh->e_phnum > MAX_PHNUM)
		return "bad number of program headers";
	if (!in_image(eh->e_phoff, eh->e_phnum * sizeof(Elf32_Phdr), size))
		return "program headers outside the file";
	return NULL;
}

/* Checks one PT_LOAD; prev_end is the end of the previous one. */
static const char *check_segment(const Elf32_Phdr *ph, unsigned long size,
				 unsigned long prev_end)
{
	if (ph->p_filesz > ph->p_memsz)
		return "segment file size larger than its memory size";
	if (!in_image(ph->p_offset, ph->p_filesz, size))
		return "segment outside the file";
	if (ph->p_vaddr < MIN_VADDR || ph->p_memsz > TASK_SIZE ||
	    ph->p_vaddr > TASK_SIZE - ph->p_memsz)
		return "segment outside user space";
	if (ph->p_vaddr + ph->p_memsz > STACK_TOP - INITIAL_STACK_ROOM)
		return "segment in the last page below 3 GiB, where the "
		       "initial stack goes";
	if (ph->p_vaddr < prev_end)
		return "segments out of order or overlapping";
	return NULL;
}

/* Whether a program header names an interpreter (ld.so). */
static bool names_interpreter(const unsigned char *image,
			      const Elf32_Ehdr *eh)
{
	for (unsigned i = 0; i < eh->e_phnum; i++)
		if (read_phdr(image, eh, i).p_type == PT_INTERP)
			return true;
	return false;
}

/*
 * 0 if image is an executable this loader can run, else -ENOEXEC
 * with *why saying what is wrong.
 */
int elf_check(const unsigned char *image, unsigned long size,
	      const char **why)
{
	Elf32_Ehdr eh;
	unsigned long prev_end = 0;
	bool entry_ok = false;

	*why = "a script (it starts with #!): Pagoda runs no interpreter "
	       "(Linux's binfmt_script would); only static i386 ELF "
	       "executables run";
	if (size >= 2 && !memcmp(image, "#!", 2))
		return -ENOEXEC;
	*why = "file too short for an ELF header";
	if (size < sizeof(eh))
		return -ENOEXEC;
	memcpy(&eh, image, sizeof(eh));
	*why = check_header(&eh, size);
	if (*why)
		return -ENOEXEC;
	*why = "dynamically linked (it names an interpreter): only static "
	       "executables run";
	if (names_interpreter(image, &eh))	/* Linux would load ld.so */
		return -ENOEXEC;
	*why = "position-independent (ET_DYN: gcc -static-pie, or a shared "
	       "library): only executables linked at a fixed address run "
	       "(gcc -static)";
	if (eh.e_type == ET_DYN)	/* Linux maps it at a load bias */
		return -ENOEXEC;
	for (unsigned i = 0; i < eh.e_phnum; i++) {
		Elf32_Phdr ph = read_phdr(image, &eh, i);

		if (!loads_memory(&ph))
			continue;
		*why = check_segment(&ph, size, prev_end);
		if (*why)
			return -ENOEXEC;
		prev_end = ph.p_vaddr + ph.p_memsz;
		if ((ph.p_flags & PF_X) && eh.e_entry >= ph.p_vaddr &&
		    eh.e_entry < ph.p_vaddr + ph.p_memsz)
			entry_ok = true;
	}
	*why = !prev_end ? "no loadable segment"
	       : !entry_ok ? "entry point not in an executable segment"
	       : NULL;
	return *why ? -ENOEXEC : 0;
}

static unsigned long segment_prot(const Elf32_Phdr *ph)
{
	return (ph->p_flags & PF_R ? PROT_READ : 0) |
	       (ph->p_flags & PF_W ? PROT_WRITE : 0) |
	       (ph->p_flags & PF_X ? PROT_EXEC : 0);
}

/* The last page the segments loaded so far cover, and its protection. */
struct loaded {
	unsigned long end;	/* page aligned; 0 before the first */
	unsigned long prot;
};

/*
 * Maps one checked PT_LOAD segment into the current address space,
 * after the one in *prev.  Segments may share a page (linked with a
 * max-page-size below 4096: their bytes lie side by side in the file
 * as in memory); that page is mapped once and gets both protections,
 * where Linux maps the file's page twice, the second mapping's
 * protection winning.
 */
static int load_segment(const unsigned char *image, const Elf32_Phdr *ph,
			struct loaded *prev)
{
	struct mm_struct *mm = current->mm;
	unsigned long start = ph->p_vaddr & PAGE_MASK;
	unsigned long end = PAGE_ALIGN(ph->p_vaddr + ph->p_memsz);
	unsigned long prot = segment_prot(ph), addr;
	bool shared = start < prev->end;	/* its first page is mapped */
	long ret;

	if (shared) {		/* writable again, to copy into */
		ret = do_mprotect(start, PAGE_SIZE, PROT_READ | PROT_WRITE);
		if (ret)
			return ret;
	}
	addr = shared ? prev->end : start;
	if (addr < end) {
		addr = do_mmap(addr, end - addr, PROT_READ | PROT_WRITE,
			       MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS);
		if (mmap_error(addr))
			return (long)addr;
	}
	if (copy_to_user((void *)ph->p_vaddr, image + ph->p_offset,
			 ph->p_filesz))
		return -EFAULT;
	ret = do_mprotect(start, end - start, prot);
	if (!ret && shared)
		ret = do_mprotect(start, PAGE_SIZE, prot | prev->prot);
	if (ret < 0)
		return ret;
	prev->prot = shared && end == start + PAGE_SIZE ? prot | prev->prot
							: prot;
	prev->end = end;
	if (ph->p_flags & PF_X) {
		mm->start_code = ph->p_vaddr;
		mm->end_code = ph->p_vaddr + ph->p_filesz;
	} else {
		mm->start_data = ph->p_vaddr;
		mm->end_data = ph->p_vaddr + ph->p_filesz;
	}
	return 0;
}

/*
 * Loads a checked image (elf_check) into current->mm.  Fills *info
 * for the initial stack: the entry point, where the program headers
 * are mapped (for AT_PHDR) and where the heap starts.
 */
int load_elf_binary(const unsigned char *image, unsigned long size __unused,
		    struct elf_info *info)
{
	struct loaded prev = { 0, 0 };
	Elf32_Ehdr eh;

	memcpy(&eh, image, sizeof(eh));
	info->entry = eh.e_entry;
	info->phnum = eh.e_phnum;
	info->phdr = 0;
	info->brk = 0;
	for (unsigned i = 0; i < eh.e_phnum; i++) {
		Elf32_Phdr ph = read_phdr(image, &eh, i);
		int err;

		if (!loads_memory(&ph))
			continue;
		err = load_segment(image, &ph, &prev);
		if (err)
			return err;
		if (eh.e_phoff >= ph.p_offset &&
		    eh.e_phoff < ph.p_offset + ph.p_filesz)
			info->phdr = ph.p_vaddr + eh.e_phoff - ph.p_offset;
		info->brk = PAGE_ALIGN(ph.p_vaddr + ph.p_memsz);
	}
	return 0;
}
