/*
 * Running user programs (fs/exec.c and fs/binfmt_elf.c in Linux).
 *
 * The programs of user/ are linked into the kernel image: the build
 * turns each stripped ELF executable into a blob with a name
 * (tools/mkprograms.py), so they exist from the first instruction, in
 * every boot path (-kernel and GRUB alike), with no file system and no
 * boot-loader modules to configure.  Programs of one's own can come as
 * Multiboot modules too (kernel/module_programs.c).  A program is started by a kernel
 * thread that builds a fresh address space, loads the ELF image into
 * it and leaves for user mode (spawn_program); a process replaces its
 * program with execve (sys_execve).
 */
#ifndef KERNEL_EXEC_H
#define KERNEL_EXEC_H

#include "kernel/traps.h"

struct task_struct;

/*
 * A new program's arguments and environment, together: at most so
 * many strings and bytes (with their NULs), or exec fails with
 * E2BIG.  2.4.0 allows 32 pages (MAX_ARG_PAGES); here all of it must
 * fit the initial stack's page, below.
 */
#define MAX_ARG_STRINGS	64
#define MAX_ARG_BYTES	3584
/*
 * The initial stack (the strings, argv, the auxiliary vector) always
 * fits in the page below STACK_TOP, where exec puts the stack's VMA:
 * no program segment may lie there (kernel/binfmt_elf.c).
 */
#define INITIAL_STACK_ROOM	4096

struct user_program {
	const char *name;
	const unsigned char *image;
	unsigned long size;
};

/* The table made by tools/mkprograms.py. */
extern const struct user_program user_programs[];
extern const int nr_user_programs;

/* What load_elf_binary() leaves for the initial stack and registers. */
struct elf_info {
	unsigned long entry;
	unsigned long phdr, phnum;	/* phdr 0 if not mapped */
	unsigned long brk;		/* first page after the segments */
};

const struct user_program *find_user_program(const char *name);
const struct user_program *program_at(int i);
void print_user_programs(void);

/* Programs given as Multiboot modules (kernel/module_programs.c). */
void module_programs_init(void);
const struct user_program *find_module_program(const char *name);
const struct user_program *module_program_at(int i);
const char *module_refusal(const char *name);
void print_module_programs(void);
int elf_check(const unsigned char *image, unsigned long size,
	      const char **why);
int load_elf_binary(const unsigned char *image, unsigned long size,
		    struct elf_info *info);
int do_execve(const struct user_program *prog, int argc, char **argv);
int spawn_program(int argc, char **argv);
int find_program_by_path(const char *upath,
			 const struct user_program **prog);
int de_thread(void);
void notify_group_exec(struct task_struct *leader);
void start_thread(struct pt_regs *regs, unsigned long eip,
		  unsigned long esp);
__noreturn void return_to_user(struct pt_regs *regs);

#endif
