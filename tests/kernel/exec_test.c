/*
 * Loading programs: the ELF checks (each bad field its own message),
 * the address space and the System V initial stack exec builds, and
 * starting programs with arguments.  Also the system-call dispatch.
 */
#include "kernel/abi.h"
#include "kernel/console.h"
#include "kernel/elf.h"
#include "kernel/exec.h"
#include "kernel/exit.h"
#include "kernel/fork.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/syscalls.h"
#include "kernel/time.h"
#include "kernel/uaccess.h"
#include "kernel/x86.h"
#include "lib/errno.h"
#include "lib/ktest.h"
#include "lib/string.h"
#include "mm/mm.h"
#include "mm/mmap.h"
#include "mm/slab.h"
#include "tests/kernel/ktest_tasks.h"

static const struct user_program *sleep_program(struct ktest *t)
{
	const struct user_program *prog = find_user_program("sleep");

	if (!prog)
		ktest_fail(t, __FILE__, __LINE__, "no program 'sleep'");
	return prog;
}

/* Runs fn(arg) in a kernel thread, which must exit with 0. */
static void expect_thread_exits_0(struct ktest *t, int (*fn)(void *),
				  void *arg)
{
	int status = -1, pid = kernel_thread(fn, arg, "exec");

	KTEST_ASSERT_TRUE(t, pid > 0);
	KTEST_ASSERT_TRUE(t, ktest_reap(t, pid, &status));
	KTEST_EXPECT_EQ(t, status, W_EXITCODE(0, 0));
}

static void every_program_is_a_valid_executable(struct ktest *t)
{
	const char *why = NULL;

	KTEST_ASSERT_TRUE(t, nr_user_programs >= 5);
	for (int i = 0; i < nr_user_programs; i++) {
		const struct user_program *p = &user_programs[i];

		KTEST_EXPECT_EQ(t, elf_check(p->image, p->size, &why), 0);
		if (why)
			ktest_log(t, "%s: %s", p->name, why);
	}
	KTEST_EXPECT_NULL(t, find_user_program("no-such-program"));
}

/* Copies of a good image with one field broken, and what must be said. */
struct breakage {
	const char *why;
	void (*breaks)(unsigned char *image, Elf32_Ehdr *eh, Elf32_Phdr *ph);
};

static void bad_magic(unsigned char *i __unused, Elf32_Ehdr *eh,
		      Elf32_Phdr *ph __unused) { eh->e_ident[1] = 'X'; }
static void bad_class(unsigned char *i __unused, Elf32_Ehdr *eh,
		      Elf32_Phdr *ph __unused) { eh->e_ident[EI_CLASS] = 2; }
static void bad_type(unsigned char *i __unused, Elf32_Ehdr *eh,
		     Elf32_Phdr *ph __unused) { eh->e_type = 1; }
/* gcc -static-pie: ET_DYN, no interpreter, linked at 0 */
static void static_pie(unsigned char *i __unused, Elf32_Ehdr *eh,
		       Elf32_Phdr *ph)
{
	eh->e_type = 3;
	ph[0].p_vaddr = 0;
}
static void bad_machine(unsigned char *i __unused, Elf32_Ehdr *eh,
			Elf32_Phdr *ph __unused) { eh->e_machine = 62; }
static void no_phdrs(unsigned char *i __unused, Elf32_Ehdr *eh,
		     Elf32_Phdr *ph __unused) { eh->e_phnum = 0; }
static void phdrs_outside(unsigned char *i __unused, Elf32_Ehdr *eh,
			  Elf32_Phdr *ph __unused) { eh->e_phoff = 1 << 30; }
static void segment_outside(unsigned char *i __unused,
			    Elf32_Ehdr *eh __unused, Elf32_Phdr *ph)
{
	ph->p_offset = 0xfffff000;
}
static void filesz_too_big(unsigned char *i __unused,
			   Elf32_Ehdr *eh __unused, Elf32_Phdr *ph)
{
	ph->p_filesz = ph->p_memsz + 1;
}
static void segment_in_kernel(unsigned char *i __unused,
			      Elf32_Ehdr *eh __unused, Elf32_Phdr *ph)
{
	ph->p_vaddr = 0xc0000000;
}
static void segment_at_null(unsigned char *i __unused,
			    Elf32_Ehdr *eh __unused, Elf32_Phdr *ph)
{
	ph->p_vaddr = 0;
}
static void segment_on_the_stack(unsigned char *i __unused,
				 Elf32_Ehdr *eh __unused, Elf32_Phdr *ph)
{
	ph[1].p_vaddr = STACK_TOP - PAGE_SIZE;	/* sleep's .bss */
}
static void asks_for_interpreter(unsigned char *i __unused,
				 Elf32_Ehdr *eh __unused, Elf32_Phdr *ph)
{
	ph[2].p_type = PT_INTERP;	/* sleep's GNU_STACK */
}
/* gcc's default (a dynamically linked PIE): ET_DYN and PT_INTERP */
static void dynamic_pie(unsigned char *i, Elf32_Ehdr *eh, Elf32_Phdr *ph)
{
	static_pie(i, eh, ph);
	ph[2].p_type = PT_INTERP;
}
static void entry_outside(unsigned char *i __unused, Elf32_Ehdr *eh,
			  Elf32_Phdr *ph __unused) { eh->e_entry = 0x1000; }

static const struct breakage breakages[] = {
	{ "bad magic", bad_magic },
	{ "32-bit little-endian", bad_class },
	{ "not an executable", bad_type },
	{ "not an i386", bad_machine },
	{ "number of program headers", no_phdrs },
	{ "program headers outside", phdrs_outside },
	{ "segment outside the file", segment_outside },
	{ "file size larger", filesz_too_big },
	{ "outside user space", segment_in_kernel },
	{ "outside user space", segment_at_null },
	{ "where the initial stack goes", segment_on_the_stack },
	{ "dynamically linked", asks_for_interpreter },
	{ "position-independent", static_pie },
	{ "dynamically linked", dynamic_pie },
	{ "entry point", entry_outside },
};

static void broken_images_are_refused_with_a_reason(struct ktest *t)
{
	const struct user_program *prog = sleep_program(t);
	unsigned char *copy;
	const char *why;

	if (!prog)
		return;
	copy = kmalloc(prog->size, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, copy);
	for (unsigned i = 0; i < ARRAY_SIZE(breakages); i++) {
		Elf32_Ehdr *eh = (Elf32_Ehdr *)copy;

		memcpy(copy, prog->image, prog->size);
		breakages[i].breaks(copy, eh,
				    (Elf32_Phdr *)(copy + eh->e_phoff));
		why = NULL;
		KTEST_EXPECT_EQ(t, elf_check(copy, prog->size, &why),
				-ENOEXEC);
		if (!why || !strstr(why, breakages[i].why))
			ktest_fail(t, __FILE__, __LINE__, "case %u: expected "
				   "'%s', got '%s'", i, breakages[i].why,
				   why ? why : "(nothing)");
	}
	KTEST_EXPECT_EQ(t, elf_check(prog->image, 40, &why), -ENOEXEC);
	KTEST_EXPECT_TRUE(t, why && strstr(why, "too short"));
	kfree(copy);
}

/*
 * Runs in a thread: exec "sleep" with arguments, then read the stack
 * and the VMAs back instead of entering user mode.  Exit code: the
 * number of the first check that failed, 0 if none.
 */
static int inspect_exec(void *arg __unused)
{
	char *argv[] = { "sleep", "12", "three", NULL };
	struct mm_struct *mm;
	unsigned long w[8];
	char s[16];
	struct vm_area_struct *text, *stack;

	if (do_execve(find_user_program("sleep"), 3, argv))
		return 1;
	mm = current->mm;
	if (strcmp(current->comm, "sleep") || (mm->start_stack & 15))
		return 2;
	if (copy_from_user(w, (void *)mm->start_stack, sizeof(w)) ||
	    w[0] != 3 || w[4] != 0 || w[5] != 0)	/* argc, NULL, envp */
		return 3;
	if (copy_from_user(s, (void *)w[2], 3) || memcmp(s, "12", 3))
		return 4;
	if (copy_from_user(s, (void *)w[3], 6) || memcmp(s, "three", 6))
		return 5;
	text = find_vma(mm, task_pt_regs(current)->eip);
	if (!text || (text->vm_flags & VM_WRITE) || !(text->vm_flags & VM_EXEC))
		return 6;
	stack = find_vma(mm, mm->start_stack);
	if (!stack || !(stack->vm_flags & VM_GROWSDOWN) ||
	    stack->vm_end != STACK_TOP)
		return 7;
	if (mm->brk != mm->start_brk || mm->brk < mm->end_data ||
	    (mm->brk & ~PAGE_MASK))
		return 8;
	if (task_pt_regs(current)->esp != mm->start_stack ||
	    task_pt_regs(current)->cs != USER_CS)
		return 9;
	return 0;			/* do_exit() tears the mm down */
}

static void exec_builds_the_initial_stack(struct ktest *t)
{
	expect_thread_exits_0(t, inspect_exec, NULL);
}

static void spawned_programs_get_their_arguments(struct ktest *t)
{
	char *ok[] = { "sleep", "1", NULL };
	char *args[MAX_ARG_STRINGS + 2];
	unsigned long start = jiffies;
	int status = -1, pid = spawn_program(2, ok);

	KTEST_ASSERT_TRUE(t, pid > 0);
	KTEST_ASSERT_TRUE(t, ktest_reap(t, pid, &status));
	KTEST_EXPECT_EQ(t, status, W_EXITCODE(0, 0));
	KTEST_EXPECT_GE(t, jiffies - start, HZ);	/* it slept 1 s */

	args[0] = "sleep";
	for (int i = 1; i < MAX_ARG_STRINGS + 1; i++)
		args[i] = "x";
	KTEST_EXPECT_EQ(t, spawn_program(MAX_ARG_STRINGS + 1, args), -E2BIG);
	args[0] = "no-such-program";
	KTEST_EXPECT_EQ(t, spawn_program(1, args), -ENOENT);
	KTEST_EXPECT_EQ(t, spawn_program(0, args), -ENOENT);
}

/* A copy of sleep to break, in *copy; NULL (t failed) if none. */
static unsigned char *sleep_copy(struct ktest *t, struct user_program *copy)
{
	const struct user_program *prog = sleep_program(t);
	unsigned char *image = prog ? kmalloc(prog->size, GFP_KERNEL) : NULL;

	if (prog && !image)
		ktest_fail(t, __FILE__, __LINE__, "no memory for a copy");
	if (image)
		*copy = (struct user_program){ "sleep",
			memcpy(image, prog->image, prog->size), prog->size };
	return image;
}

static Elf32_Phdr *program_headers(unsigned char *image)
{
	return (Elf32_Phdr *)(image + ((Elf32_Ehdr *)image)->e_phoff);
}

/* Runs in a thread: exec the program given, 0 if it loaded. */
static int exec_only(void *prog)
{
	char *argv[] = { "sleep", NULL };

	return -do_execve(prog, 1, argv);
}

/* The edited copy passes elf_check, and run (in a thread) returns 0. */
static void expect_copy_loads(struct ktest *t, unsigned char *image,
			      struct user_program *copy, int (*run)(void *))
{
	const char *why = NULL;

	KTEST_EXPECT_EQ(t, elf_check(image, copy->size, &why), 0);
	expect_thread_exits_0(t, run, copy);
}

/*
 * A PT_LOAD with nothing in memory (linkers write them) maps nothing:
 * the program loads.  sleep's third program header (GNU_STACK) is
 * made one, page aligned, past its other segments.
 */
static void empty_segments_map_nothing(struct ktest *t)
{
	struct user_program copy;
	unsigned char *image = sleep_copy(t, &copy);
	Elf32_Phdr *ph;

	if (!image)
		return;
	ph = program_headers(image);
	KTEST_ASSERT_EQ(t, ((Elf32_Ehdr *)image)->e_phnum, 3);
	KTEST_ASSERT_NE(t, ph[2].p_type, PT_LOAD);
	ph[2] = (Elf32_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R,
		.p_vaddr = PAGE_ALIGN(ph[1].p_vaddr + ph[1].p_memsz) };
	expect_copy_loads(t, image, &copy, exec_only);
	kfree(image);
}

/*
 * Where segments_may_share_a_page moves sleep's .bss: into the last page
 * of its text, past the text's end (0x0804a57f today; room is left, as
 * a change to lib/ that sleep links grows it: 0x2560 was too tight).
 */
#define SHARED_BSS	0x0804a800

/* Runs in a thread: exec the program given, then check sleep's pages. */
static int exec_shared_page(void *prog)
{
	char *argv[] = { "sleep", NULL };
	struct vm_area_struct *vma;
	unsigned long flags = VM_READ | VM_WRITE | VM_EXEC;
	char c = 1;

	if (do_execve(prog, 1, argv))
		return 1;
	vma = find_vma(current->mm, 0x0804a000);
	if (!vma || vma->vm_start > 0x0804a000 ||
	    (vma->vm_flags & flags) != flags)
		return 2;	/* the shared page: text and bss, both */
	if (copy_from_user(&c, (void *)SHARED_BSS, 1) || c)
		return 3;	/* the bss is zero */
	if (copy_from_user(&c, (void *)0x0804a000, 1) ||
	    c != ((const char *)((struct user_program *)prog)->image)[0x2000])
		return 4;	/* the text is there */
	return 0;
}

/*
 * Segments may share a page (a program linked with a max-page-size
 * below 4096): sleep's .bss moved into its text's last page loads,
 * and the page is both.
 */
static void segments_may_share_a_page(struct ktest *t)
{
	struct user_program copy;
	unsigned char *image = sleep_copy(t, &copy);
	Elf32_Phdr *ph;
	const char *why = NULL;

	if (!image)
		return;
	ph = program_headers(image);
	KTEST_ASSERT_EQ(t, ph[0].p_vaddr, 0x08048000);
	KTEST_ASSERT_TRUE(t, ph[0].p_memsz <= SHARED_BSS - 0x08048000 &&
			  ph[0].p_memsz > 0x2000);
	ph[1].p_vaddr = SHARED_BSS;
	expect_copy_loads(t, image, &copy, exec_shared_page);
	ph[1].p_vaddr = 0x0804a000;		/* over the text */
	KTEST_EXPECT_EQ(t, elf_check(image, copy.size, &why), -ENOEXEC);
	KTEST_EXPECT_TRUE(t, why && strstr(why, "overlapping"));
	kfree(image);
}

/* Types s as if at the serial port. */
static void type_in(const char *s)
{
	uint32_t flags = local_irq_save();

	while (*s)
		console_input(*s++);
	local_irq_restore(flags);
}

/*
 * A read into sleep's read-only text is -EFAULT and takes nothing
 * typed: the next read, into its .bss, gets it.  Exit code as below.
 */
static int read_into_text_loses_no_input(void *text)
{
	char *bss = (char *)0x0804b000, got[2] = { 0, 0 };

	type_in("xy");
	if (sys_read(0, text, 1) != -EFAULT)
		return 6;
	if (sys_read(0, bss, 2) != 2 || copy_from_user(got, bss, 2))
		return 7;
	return got[0] == 'x' && got[1] == 'y' ? 0 : 8;
}

/*
 * Runs in a thread: exec sleep, then give read and write buffers that
 * are not all user space.  Exit code: the first check that failed.
 */
static int console_calls_on_bad_buffers(void *unused __unused)
{
	char *argv[] = { "sleep", NULL };
	void *text = (void *)0x08048000, *kernel = (void *)0xc0100000;

	if (do_execve(find_user_program("sleep"), 1, argv))
		return 1;
	if (sys_write(1, text, 0xffffffff) != -EFAULT)
		return 2;	/* a length that wraps: nothing written */
	if (sys_write(1, text, 0) != 0 || sys_write(1, kernel, 0) != -EFAULT)
		return 3;
	if (sys_read(0, kernel, 0) != -EFAULT)
		return 4;	/* as i386 Linux: the address first */
	if (sys_read(0, text, 0xffffffff) != -EFAULT)
		return 5;
	return read_into_text_loses_no_input(text);
}

static void console_calls_check_the_whole_buffer(struct ktest *t)
{
	expect_thread_exits_0(t, console_calls_on_bad_buffers, NULL);
}

static long syscall_with(unsigned long nr, unsigned long ebx)
{
	struct pt_regs regs = { .eax = nr, .ebx = ebx };

	do_syscall(&regs);
	return (long)regs.eax;
}

/*
 * Runs in a thread: become sleep, then exec a copy of it that fails
 * (arg: its e_machine broken), which must leave the process as it
 * was: the same address space, loaded, with its stack, name and
 * registers.  Exit code: the first check that failed.
 */
static int failed_exec_keeps_the_old_program(void *broken)
{
	char *argv[] = { "sleep", NULL };
	struct mm_struct *mm;
	unsigned long eip, argc = 0;

	if (do_execve(find_user_program("sleep"), 1, argv))
		return 1;
	mm = current->mm;
	eip = task_pt_regs(current)->eip;
	if (do_execve(broken, 1, argv) != -ENOEXEC)
		return 2;
	if (current->mm != mm || read_cr3() != __pa(mm->pgd))
		return 3;
	if (copy_from_user(&argc, (void *)mm->start_stack, sizeof(argc)) ||
	    argc != 1)
		return 4;
	if (strcmp(current->comm, "sleep") ||
	    task_pt_regs(current)->eip != eip)
		return 5;
	return 0;
}

static void a_failed_exec_leaves_the_process_as_it_was(struct ktest *t)
{
	struct user_program copy;
	unsigned char *image = sleep_copy(t, &copy);

	if (!image)
		return;
	((Elf32_Ehdr *)image)->e_machine = 0;
	expect_thread_exits_0(t, failed_exec_keeps_the_old_program, &copy);
	kfree(image);
}

static void system_calls_dispatch_by_number(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, syscall_with(__NR_getpid, 0), current->pid);
	KTEST_EXPECT_EQ(t, syscall_with(NR_syscalls, 0), -ENOSYS);
	KTEST_EXPECT_EQ(t, syscall_with(8, 0), -ENOSYS);	/* creat */
	KTEST_EXPECT_EQ(t, syscall_with(0xffffffff, 0), -ENOSYS);
	/* the argument reaches the call: getpgid of nobody */
	KTEST_EXPECT_EQ(t, syscall_with(__NR_getpgid, 0x7ffffff0), -ESRCH);
	KTEST_EXPECT_EQ(t, syscall_with(__NR_getrusage, 5), -EINVAL);
}

/* Waits a tick at a time, KTEST_CHILD_SECONDS at most, for p to be
 * in state; false if it never was. */
static bool await_state(struct task_struct *p, long state)
{
	for (long tick = 0; tick < KTEST_CHILD_SECONDS * HZ; tick++) {
		if (p->state == state)
			return true;
		schedule_timeout_uninterruptible(1);
	}
	return false;
}

/* "threadtest execwait", task p: its thread made, it in pause. */
static bool execwait_ready(struct task_struct *p)
{
	for (long tick = 0; tick < KTEST_CHILD_SECONDS * HZ; tick++) {
		if (p->mm && !thread_group_empty(p))
			return await_state(p, TASK_INTERRUPTIBLE);
		schedule_timeout_uninterruptible(1);
	}
	return false;
}

/*
 * de_thread's wait ended by SIGKILL.  The other thread of "threadtest
 * execwait" is held in brk (we hold the mmap_sem brk takes), so the
 * leader's execve, sent on by SIGUSR1, waits for it to end; a SIGKILL
 * then ends the wait: the exec is given up (the process is threadtest
 * still) and the leader exits at once; the process is gone, killed by
 * SIGKILL, once the thread can go too.
 */
static void sigkill_ends_an_exec_waiting_for_a_thread(struct ktest *t)
{
	char *argv[] = { "threadtest", "execwait", NULL };
	int status = -1, pid = spawn_program(2, argv);
	struct task_struct *p = pid > 0 ? find_task_by_pid(pid) : NULL;
	struct mm_struct *mm;
	bool waited, zombie;

	KTEST_ASSERT_NOT_NULL(t, p);
	if (!execwait_ready(p)) {
		ktest_fail(t, __FILE__, __LINE__, "threadtest execwait did "
			   "not start its thread and pause");
		send_sig(SIGKILL, p);
		ktest_reap(t, pid, &status);
		return;
	}
	mm = p->mm;
	down(&mm->mmap_sem);
	KTEST_EXPECT_TRUE(t, await_state(next_thread(p), TASK_UNINTERRUPTIBLE));
	send_sig(SIGUSR1, p);		/* to execve */
	waited = await_state(p, TASK_KILLABLE);
	KTEST_EXPECT_TRUE(t, waited && p->group_exit_task == p);
	send_sig(SIGKILL, p);
	zombie = await_state(p, TASK_ZOMBIE);
	KTEST_EXPECT_TRUE(t, zombie);
	KTEST_EXPECT_STREQ(t, p->comm, "threadtest");
	up(&mm->mmap_sem);
	KTEST_ASSERT_TRUE(t, ktest_reap(t, pid, &status));
	KTEST_EXPECT_EQ(t, status, W_EXITCODE(0, SIGKILL));
}

static const struct ktest_case exec_cases[] = {
	KTEST_CASE(every_program_is_a_valid_executable),
	KTEST_CASE(broken_images_are_refused_with_a_reason),
	KTEST_CASE(exec_builds_the_initial_stack),
	KTEST_CASE(empty_segments_map_nothing),
	KTEST_CASE(segments_may_share_a_page),
	KTEST_CASE(console_calls_check_the_whole_buffer),
	KTEST_CASE(spawned_programs_get_their_arguments),
	KTEST_CASE(a_failed_exec_leaves_the_process_as_it_was),
	KTEST_CASE(sigkill_ends_an_exec_waiting_for_a_thread),
	KTEST_CASE(system_calls_dispatch_by_number),
};
KTEST_SUITE(exec, exec_cases);
