/*
 * Starting a user program (fs/exec.c in Linux 2.4).  A kernel thread
 * (run, init=) or a process (execve) gets a new address space, the
 * program's ELF image is loaded into it (kernel/binfmt_elf.c), the
 * initial stack is built, and it leaves for user mode at the entry
 * point, a process running the new program.
 *
 * The initial stack follows the System V i386 ABI, as Linux builds
 * it, from the stack pointer up: argc, argv[0..argc-1], NULL, envp[],
 * NULL (a program run by the kernel has no environment), the
 * auxiliary vector (type, value pairs ending with AT_NULL),
 * AT_RANDOM's 16 bytes, and above them the argument strings, then
 * the environment's.
 */
#include "kernel/exec.h"
#include "kernel/elf.h"
#include "kernel/file.h"
#include "kernel/fork.h"
#include "kernel/kernel.h"
#include "kernel/random.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/tls.h"
#include "kernel/uaccess.h"
#include "mm/mmap.h"
#include "mm/pgtable.h"
#include "mm/slab.h"

/* AT_PHDR, AT_PHENT, AT_PHNUM, AT_PAGESZ, AT_ENTRY, AT_RANDOM, AT_NULL */
#define NR_AUX		7
#define RANDOM_BYTES	16	/* AT_RANDOM's, as Linux gives */
#define USER_EFLAGS	0x202	/* interrupts on, bit 1 set */
#define PATH_MAX	4096	/* Linux's, with the NUL */
#define NAME_MAX	255	/* Linux's longest path component */

/*
 * A new program's strings, copied into the kernel before the old
 * address space goes (2.4's linux_binprm and its argument pages):
 * the argv strings, then the environment's, side by side in strings[]
 * as they will lie at the top of the new stack.
 */
struct exec_args {
	const struct user_program *prog;
	int argc, envc;
	size_t used;				/* bytes of strings[] */
	char *argv[MAX_ARG_STRINGS + 2];	/* argv, NULL, envp, NULL */
	char strings[MAX_ARG_BYTES];
};

static char **exec_envp(struct exec_args *a)
{
	return &a->argv[a->argc + 1];
}

/* A program linked into the kernel, or else one of the boot modules. */
const struct user_program *find_user_program(const char *name)
{
	for (int i = 0; i < nr_user_programs; i++)
		if (!strcmp(user_programs[i].name, name))
			return &user_programs[i];
	return find_module_program(name);
}

/* The i-th program find_user_program knows (the root directory's
 * entries), built-in ones first; NULL past the last. */
const struct user_program *program_at(int i)
{
	return i < nr_user_programs ? &user_programs[i] :
	       module_program_at(i - nr_user_programs);
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
 * The words at the initial stack pointer: argc, argv[], NULL, envp[],
 * NULL, the auxiliary vector.  The strings lie from str up, as in
 * a->strings; random_at is AT_RANDOM's.  Returns how many words.
 */
static int initial_stack_words(unsigned long *words, struct exec_args *a,
			       unsigned long str, unsigned long random_at,
			       const struct elf_info *info)
{
	int n = 0;

	words[n++] = a->argc;
	for (int i = 0; i < a->argc + 1 + a->envc + 1; i++)
		words[n++] = a->argv[i] ? str + (a->argv[i] - a->strings) : 0;
	if (info->phdr) {
		words[n++] = AT_PHDR;	words[n++] = info->phdr;
		words[n++] = AT_PHENT;	words[n++] = sizeof(Elf32_Phdr);
		words[n++] = AT_PHNUM;	words[n++] = info->phnum;
	}
	words[n++] = AT_PAGESZ;		words[n++] = PAGE_SIZE;
	words[n++] = AT_ENTRY;		words[n++] = info->entry;
	words[n++] = AT_RANDOM;		words[n++] = random_at;
	words[n++] = AT_NULL;		words[n++] = 0;
	return n;
}

/*
 * Builds the initial stack of the current process and sets mm's
 * start_stack: the initial stack pointer, 16-byte aligned at argc as
 * Linux has it.  0 or -errno.
 */
static int create_initial_stack(struct exec_args *a,
				const struct elf_info *info)
{
	struct mm_struct *mm = current->mm;
	unsigned long words[1 + MAX_ARG_STRINGS + 2 + 2 * NR_AUX];
	char random[RANDOM_BYTES];
	unsigned long str = STACK_TOP - a->used, random_at, sp;
	int n;

	_Static_assert(MAX_ARG_BYTES + RANDOM_BYTES + sizeof(words) + 15 <=
		       INITIAL_STACK_ROOM, "the initial stack outgrows its room");

	mm->arg_start = str;
	mm->arg_end = a->envc ? str + (exec_envp(a)[0] - a->strings)
			      : STACK_TOP;
	random_at = str - RANDOM_BYTES;
	n = initial_stack_words(words, a, str, random_at, info);
	sp = ALIGN_DOWN(random_at - n * sizeof(words[0]), 16UL);
	if (setup_stack_vma(mm, sp))
		return -ENOMEM;
	/* glibc takes its stack-protector and pointer guards from these
	 * before main, whether AT_RANDOM is there or not (Linux 2.6.29) */
	get_random_bytes(random, sizeof(random));
	if (copy_to_user((void *)str, a->strings, a->used) ||
	    copy_to_user((void *)random_at, random, sizeof(random)) ||
	    copy_to_user((void *)sp, words, n * sizeof(words[0])))
		return -EFAULT;
	mm->start_stack = sp;
	return 0;
}

/* The new address space's contents: 0, or -errno if a step fails. */
static int load_program(struct exec_args *a, unsigned long *entry)
{
	const struct user_program *prog = a->prog;
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
	return create_initial_stack(a, &info);
}

/*
 * What a new program must not inherit from the old (the rest of 2.4's
 * flush_old_exec): its name, TLS entries, FPU registers, signal
 * handlers and alternate signal stack.  The pid, parent, children, pending signals and blocked
 * mask stay, as in Linux; so do the descriptors, but for those marked
 * close-on-exec (install_exec_files, in exec_binprm).
 */
static void flush_old_exec(const struct user_program *prog)
{
	strlcpy(current->comm, prog->name, sizeof(current->comm));
	current->prog = prog;
	current->did_exec = true;	/* for its parent's setpgid */
	flush_tls();
	flush_fpu();
	flush_signal_handlers(current);
	flush_sigaltstack();
}

/*
 * Replaces the caller's address space (none, for a kernel thread) by
 * a new one holding a->prog, and sets the user registers to start it.
 * 2.4.0's exec_mmap() drops the old address space first, so a load
 * that fails after it can only kill the process; Pagoda builds the
 * new one beside it and drops the old one only once the load worked,
 * so any error returns to the caller with everything as it was.  The
 * other threads, if any, end only then (de_thread; if the process is
 * killed meanwhile, the exec gives up, and the SIGKILL ends it).
 */
static int exec_binprm(struct exec_args *a)
{
	struct mm_struct *old_mm = current->mm, *mm = mm_alloc();
	struct files_struct *files = mm ? files_for_exec() : NULL;
	unsigned long entry = 0;
	int err;

	if (!files) {
		if (mm)
			mmput(mm);
		return -ENOMEM;
	}
	current->mm = mm;
	switch_mm(mm);
	err = load_program(a, &entry);
	if (!err)
		err = de_thread();	/* the others end once it is loaded */
	if (err) {
		current->mm = old_mm;
		switch_mm(old_mm);
		mmput(mm);
		put_files(files);
		return err;
	}
	if (old_mm) {
		/*
		 * The CLONE_CHILD_CLEARTID word is in the old address
		 * space, no longer loaded: 2.6 writes it only when others
		 * share that space, which here can only be a vfork parent,
		 * asleep and not waiting on it; forgotten.  mm_release()
		 * then wakes that parent: its memory is its own again.
		 */
		current->clear_child_tid = NULL;
		current->robust_list = NULL;	/* the same: forgotten */
		mm_release(current, old_mm);
		mmput(old_mm);
	}
	flush_old_exec(a->prog);
	install_exec_files(files);
	start_thread(task_pt_regs(current), entry, mm->start_stack);
	return 0;
}

/* Copies argv into a; -E2BIG if there are too many or too long. */
static int pack_args(struct exec_args *a, int argc, char **argv)
{
	a->used = 0;
	if (argc > MAX_ARG_STRINGS)
		return -E2BIG;
	for (int i = 0; i < argc; i++) {
		size_t len = strlen(argv[i]) + 1;

		if (len > sizeof(a->strings) - a->used)
			return -E2BIG;
		a->argv[i] = memcpy(a->strings + a->used, argv[i], len);
		a->used += len;
	}
	a->argv[argc] = a->argv[argc + 1] = NULL;	/* no environment */
	a->argc = argc;
	a->envc = 0;
	return 0;
}

/*
 * Makes the caller, a kernel thread (or a process: the tests), a
 * process running prog with arguments argv (kernel strings) and no
 * environment.  On success its user registers are set and the caller
 * returns to user mode (return_to_user); on failure it is what it
 * was.
 */
int do_execve(const struct user_program *prog, int argc, char **argv)
{
	struct exec_args *a = kmalloc(sizeof(*a), GFP_KERNEL);
	int err;

	if (!a)
		return -ENOMEM;
	a->prog = prog;
	err = pack_args(a, argc, argv);
	if (!err)
		err = exec_binprm(a);
	kfree(a);
	return err;
}

static int exec_thread(void *data)
{
	struct exec_args *a = data;
	int err = exec_binprm(a);

	if (err) {
		printk(KERN_ERR "exec %s: failed (error %d)\n",
		       a->prog->name, err);
		kfree(a);
		return 127;		/* the shells' "cannot execute" */
	}
	kfree(a);
	return_to_user(task_pt_regs(current));
}

/*
 * Starts argv[0] (a program of user/) with arguments argv as a child
 * process of the caller, in a process group of its own (a job-control
 * shell's setpgid(pid, pid); the child has not run yet, the kernel
 * being not preempted): its pid, or -ENOENT (no such program), -E2BIG
 * or -ENOMEM.
 */
int spawn_program(int argc, char **argv)
{
	const struct user_program *prog = argc ? find_user_program(argv[0])
					       : NULL;
	struct exec_args *a;
	int ret;

	if (!prog)
		return -ENOENT;
	a = kmalloc(sizeof(*a), GFP_KERNEL);
	if (!a)
		return -ENOMEM;
	a->prog = prog;
	ret = pack_args(a, argc, argv);
	if (!ret)
		ret = kernel_thread(exec_thread, a, prog->name);
	if (ret < 0)
		kfree(a);
	else
		find_task_by_pid(ret)->pgrp = ret;
	return ret;
}

/*
 * The program a path names.  Pagoda has no file system: the last
 * component of the path is the name of a program (linked in, or a
 * boot module), whatever directories come before it, so "memhog",
 * "/bin/memhog" and "/usr/sbin/memhog" are all memhog, and a shell's
 * or execvp()'s search of $PATH finds it in the first directory it
 * tries.  One exception: "/proc/self/exe" is the program the caller
 * runs, which busybox execs to run one of its applets in a new
 * process (wc or grep in a pipeline).  Anything else is -ENOENT: an
 * empty path or one ending in '/'.  Linux's limits: -ENAMETOOLONG
 * past PATH_MAX bytes or for a component longer than NAME_MAX;
 * -EFAULT for a bad pointer.
 */
int find_program_by_path(const char *upath,
			 const struct user_program **prog)
{
	static const char self_exe[] = "/proc/self/exe";
	char name[NAME_MAX + 1];
	size_t len = 0;
	bool self = true;	/* upath is self_exe, so far */

	for (long i = 0;; i++) {
		char c;

		if (i == PATH_MAX)
			return -ENAMETOOLONG;
		if (copy_from_user(&c, upath + i, 1))
			return -EFAULT;
		self = self && i < (long)sizeof(self_exe) && c == self_exe[i];
		if (!c)
			break;
		if (c == '/')
			len = 0;
		else if (len == NAME_MAX)
			return -ENAMETOOLONG;
		else
			name[len++] = c;
	}
	name[len] = '\0';
	if (self && current->prog)
		*prog = current->prog;
	else
		*prog = len ? find_user_program(name) : NULL;
	return *prog ? 0 : -ENOENT;
}

/*
 * Copies the user's NULL-ended array of strings uv (NULL: none, as
 * 2.4.0's count() takes it) into a, from a->argv[first] on: how many,
 * or -EFAULT, or -E2BIG past MAX_ARG_STRINGS strings or MAX_ARG_BYTES
 * bytes in all (2.4.0's copy_strings(), with smaller limits).
 */
static int copy_strings(struct exec_args *a, char *const *uv, int first)
{
	int n = 0;

	for (char *s;; n++) {
		size_t room = sizeof(a->strings) - a->used;
		long len;

		if (!uv)
			break;
		if (copy_from_user(&s, uv + n, sizeof(s)))
			return -EFAULT;
		if (!s)
			break;
		if (first + n == MAX_ARG_STRINGS)
			return -E2BIG;
		len = strncpy_from_user(a->strings + a->used, s, room);
		if (len < 0)
			return len;
		if ((size_t)len == room)
			return -E2BIG;		/* no NUL in the room left */
		a->argv[first + n] = a->strings + a->used;
		a->used += len + 1;
	}
	a->argv[first + n] = NULL;
	return n;
}

/* Copies argv, then envp, from the caller's memory into a. */
static int copy_args(struct exec_args *a, char *const *argv,
		     char *const *envp)
{
	int n;

	a->used = 0;
	n = copy_strings(a, argv, 0);
	if (n < 0)
		return n;
	a->argc = n;
	n = copy_strings(a, envp, a->argc + 1);
	if (n < 0)
		return n;
	a->envc = n;
	return 0;
}

/*
 * execve(path, argv, envp), i386 call 11 (2.4.0's sys_execve and
 * do_execve): everything is read from the caller's memory before its
 * address space is touched, so a failure returns -errno to a caller
 * that goes on as before.  On success the call "returns" 0 into the
 * new program, whose registers start_thread() set.  In a process
 * with other threads, they are ended once the program is loaded
 * (de_thread(), kernel/de_thread.c).
 */
long sys_execve(const char *path, char *const *argv, char *const *envp)
{
	struct exec_args *a;
	int err;

	if (!current->mm)
		return -EINVAL;		/* kernel threads use do_execve */
	a = kmalloc(sizeof(*a), GFP_KERNEL);
	if (!a)
		return -ENOMEM;
	err = find_program_by_path(path, &a->prog);
	if (!err)
		err = copy_args(a, argv, envp);
	if (!err)
		err = exec_binprm(a);
	kfree(a);
	return err;
}
