/*
 * Starting a user program (fs/exec.c in Linux 2.4): a kernel thread
 * gets a new address space, the program's ELF image is loaded into
 * it (kernel/binfmt_elf.c), the initial stack is built, and the thread
 * leaves for user mode at the entry point, becoming a process.
 *
 * The initial stack follows the System V i386 ABI, as Linux builds
 * it, from the stack pointer up: argc, argv[0..argc-1], NULL, the
 * environment (empty: just NULL), the auxiliary vector (type, value
 * pairs ending with AT_NULL), AT_RANDOM's 16 bytes, and above them the
 * argument strings.
 */
#include "kernel/exec.h"
#include "kernel/elf.h"
#include "kernel/fork.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "kernel/tls.h"
#include "kernel/uaccess.h"
#include "mm/mmap.h"
#include "mm/pgtable.h"
#include "mm/slab.h"

/* AT_PHDR, AT_PHENT, AT_PHNUM, AT_PAGESZ, AT_ENTRY, AT_RANDOM, AT_NULL */
#define NR_AUX		7
#define RANDOM_BYTES	16	/* AT_RANDOM's, as Linux gives */
#define USER_EFLAGS	0x202	/* interrupts on, bit 1 set */

/* A program's arguments, copied for the thread that will run it. */
struct exec_args {
	const struct user_program *prog;
	int argc;
	char *argv[MAX_ARG_STRINGS + 1];
	char strings[MAX_ARG_BYTES];
};

/* A program linked into the kernel, or else one of the boot modules. */
const struct user_program *find_user_program(const char *name)
{
	for (int i = 0; i < nr_user_programs; i++)
		if (!strcmp(user_programs[i].name, name))
			return &user_programs[i];
	return find_module_program(name);
}

/* "programs: memhog forktest ...": every name find_user_program knows. */
void print_user_programs(void)
{
	cprintf("programs:");
	for (int i = 0; i < nr_user_programs; i++)
		cprintf(" %s", user_programs[i].name);
	print_module_programs();
	cprintf("\n");
}

/* Registers for the first return to user mode (Linux's start_thread). */
void start_thread(struct pt_regs *regs, unsigned long eip, unsigned long esp)
{
	memset(regs, 0, sizeof(*regs));
	regs->ds = regs->es = regs->fs = regs->gs = USER_DS;
	regs->cs = USER_CS;
	regs->ss = USER_DS;
	regs->eflags = USER_EFLAGS;
	regs->eip = eip;
	regs->esp = esp;
}

/*
 * The stack VMA: just big enough for the arguments, growing down on
 * faults up to STACK_LIMIT (mm/fault.c).
 */
static int setup_stack_vma(struct mm_struct *mm, unsigned long bottom)
{
	struct vm_area_struct *vma = kmalloc(sizeof(*vma), GFP_KERNEL);

	if (!vma)
		return -ENOMEM;
	vma->vm_start = bottom & PAGE_MASK;
	vma->vm_end = STACK_TOP;
	vma->vm_flags = VM_READ | VM_WRITE | VM_GROWSDOWN |
			VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	vma->vm_page_prot = vm_get_page_prot(vma->vm_flags);
	insert_vm_struct(mm, vma);
	mm->total_vm += (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
	return 0;
}

/*
 * AT_RANDOM's bytes, from which a static glibc program takes its
 * stack-protector and pointer guards before main: it reads them
 * whether the entry is there or not.  Linux (from 2.6.29) fills them
 * with get_random_bytes(); Pagoda has no entropy pool, so these are
 * the boot clock and the pid stirred (splitmix64): they differ from
 * one run to the next, but are no secret.
 */
static void aux_random_bytes(uint32_t out[RANDOM_BYTES / 4])
{
	uint64_t x = boot_clock_us() ^ (uint64_t)current->pid << 40;

	for (int i = 0; i < RANDOM_BYTES / 4; i++) {
		uint64_t z = (x += 0x9E3779B97F4A7C15ULL);

		z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
		z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
		out[i] = (uint32_t)(z ^ (z >> 31));
	}
}

/*
 * Builds the initial stack of the current process and sets mm's
 * start_stack: the initial stack pointer, 16-byte aligned at argc as
 * Linux has it.  0 or -errno.
 */
static int create_initial_stack(int argc, char **argv,
				const struct elf_info *info)
{
	struct mm_struct *mm = current->mm;
	unsigned long words[1 + MAX_ARG_STRINGS + 2 + 2 * NR_AUX];
	uint32_t random[RANDOM_BYTES / 4];
	unsigned long str = STACK_TOP, random_at, sp;
	int n = 0;

	_Static_assert(MAX_ARG_BYTES + RANDOM_BYTES + sizeof(words) + 15 <=
		       INITIAL_STACK_ROOM, "the initial stack outgrows its room");

	for (int i = argc - 1; i >= 0; i--)
		str -= strlen(argv[i]) + 1;
	mm->arg_start = str;
	mm->arg_end = STACK_TOP;
	random_at = str - RANDOM_BYTES;
	words[n++] = argc;
	for (int i = 0; i < argc; i++) {
		words[n++] = str;
		str += strlen(argv[i]) + 1;
	}
	words[n++] = 0;			/* end of argv */
	words[n++] = 0;			/* envp: empty */
	if (info->phdr) {
		words[n++] = AT_PHDR;	words[n++] = info->phdr;
		words[n++] = AT_PHENT;	words[n++] = sizeof(Elf32_Phdr);
		words[n++] = AT_PHNUM;	words[n++] = info->phnum;
	}
	words[n++] = AT_PAGESZ;		words[n++] = PAGE_SIZE;
	words[n++] = AT_ENTRY;		words[n++] = info->entry;
	words[n++] = AT_RANDOM;		words[n++] = random_at;
	words[n++] = AT_NULL;		words[n++] = 0;
	sp = ALIGN_DOWN(random_at - n * sizeof(words[0]), 16UL);
	if (setup_stack_vma(mm, sp))
		return -ENOMEM;
	str = mm->arg_start;
	for (int i = 0; i < argc; i++) {
		unsigned long len = strlen(argv[i]) + 1;

		if (copy_to_user((void *)str, argv[i], len))
			return -EFAULT;
		str += len;
	}
	aux_random_bytes(random);
	if (copy_to_user((void *)random_at, random, sizeof(random)))
		return -EFAULT;
	if (copy_to_user((void *)sp, words, n * sizeof(words[0])))
		return -EFAULT;
	mm->start_stack = sp;
	return 0;
}

/* The new address space's contents: 0, or -errno if a step fails. */
static int load_program(const struct user_program *prog, int argc,
			char **argv, unsigned long *entry)
{
	struct elf_info info;
	const char *why;
	int err = elf_check(prog->image, prog->size, &why);

	if (err) {
		printk(KERN_ERR "exec %s: %s\n", prog->name, why);
		return err;
	}
	err = load_elf_binary(prog->image, prog->size, &info);
	if (err)
		return err;
	current->mm->start_brk = current->mm->brk = info.brk;
	*entry = info.entry;
	return create_initial_stack(argc, argv, &info);
}

/*
 * Turns the calling kernel thread into a process running prog.  On
 * success its user registers are set and the caller returns to user
 * mode (return_to_user); on failure it is still a kernel thread.
 */
int do_execve(const struct user_program *prog, int argc, char **argv)
{
	struct mm_struct *mm;
	unsigned long entry = 0;
	int err;

	if (current->mm)
		return -EINVAL;		/* only kernel threads exec */
	mm = mm_alloc();
	if (!mm)
		return -ENOMEM;
	current->mm = mm;
	switch_mm(mm);
	err = load_program(prog, argc, argv, &entry);
	if (err) {
		current->mm = NULL;
		switch_mm(NULL);
		mmput(mm);
		return err;
	}
	strlcpy(current->comm, prog->name, sizeof(current->comm));
	flush_tls();
	flush_fpu();
	start_thread(task_pt_regs(current), entry, mm->start_stack);
	return 0;
}

static int exec_thread(void *data)
{
	struct exec_args *args = data;
	int err = do_execve(args->prog, args->argc, args->argv);

	if (err) {
		printk(KERN_ERR "exec %s: failed (error %d)\n",
		       args->prog->name, err);
		kfree(args);
		return 127;		/* the shells' "cannot execute" */
	}
	kfree(args);
	return_to_user(task_pt_regs(current));
}

/* Copies argv into args; -E2BIG if there are too many or too long. */
static int pack_args(struct exec_args *args, int argc, char **argv)
{
	size_t used = 0;

	if (argc > MAX_ARG_STRINGS)
		return -E2BIG;
	for (int i = 0; i < argc; i++) {
		size_t len = strlen(argv[i]) + 1;

		if (len > sizeof(args->strings) - used)
			return -E2BIG;
		args->argv[i] = memcpy(args->strings + used, argv[i], len);
		used += len;
	}
	args->argv[argc] = NULL;
	args->argc = argc;
	return 0;
}

/*
 * Starts argv[0] (a program of user/) with arguments argv as a child
 * process of the caller: its pid, or -ENOENT (no such program),
 * -E2BIG or -ENOMEM.
 */
int spawn_program(int argc, char **argv)
{
	const struct user_program *prog = argc ? find_user_program(argv[0])
					       : NULL;
	struct exec_args *args;
	int ret;

	if (!prog)
		return -ENOENT;
	args = kmalloc(sizeof(*args), GFP_KERNEL);
	if (!args)
		return -ENOMEM;
	args->prog = prog;
	ret = pack_args(args, argc, argv);
	if (!ret)
		ret = kernel_thread(exec_thread, args, prog->name);
	if (ret < 0)
		kfree(args);
	return ret;
}
