/*
 * tlstest: thread-local storage segments, as a static glibc program
 * uses them before main: set_thread_area with entry -1 picks a GDT
 * entry, the program loads %gs with it and reads its thread block
 * through %gs.  Checked with raw system calls:
 *
 *   - the segment reads and writes the block, get_thread_area gives
 *     the descriptor back;
 *   - %gs and its base survive system calls, timer interrupts and
 *     switches to a child whose segment in the same entry has another
 *     base (the kernel must reload the entry at every switch);
 *   - a forked child has its parent's entries;
 *   - bad pointers (EFAULT), entries out of range or a 16-bit or code
 *     segment (EINVAL), no free entry (ESRCH);
 *   - emptying the entry %gs holds leaves %gs 0, and a use of it, or
 *     of a segment based in the kernel's 3 GiB to 4 GiB, is SIGSEGV.
 *
 * Entry numbers differ between i386 Linux and Pagoda (6-8) and
 * x86-64 Linux (12-14), so the test never names one but 0 and 100.
 * Prints a line per check and exits with the number that failed.
 */
#include "user/lib/libc.h"

#define ROUNDS		300
#define READS		2000
#define PARENT_MAGIC	0xBA5E0001U
#define CHILD_MAGIC	0xC41D0002U

static unsigned int block[4] = { PARENT_MAGIC, 0, 0, 0 };
static unsigned int child_block[4];	/* only the child writes it */
static int failures;

/* An entry -1 request in read-only memory: set_thread_area cannot
 * write the entry it chose back. */
static const struct user_desc read_only_desc = {
	.entry_number = -1, .limit = 0xfffff, .seg_32bit = 1,
	.limit_in_pages = 1,
};

static void check(bool ok, const char *what)
{
	printf("tlstest: %s: %s\n", what, ok ? "ok" : "FAILED");
	failures += !ok;
}

/* A 4 GiB data segment based at base, as glibc makes one. */
static struct user_desc data_segment(int entry, unsigned int base)
{
	struct user_desc d = {
		.entry_number = entry, .base_addr = base, .limit = 0xfffff,
		.seg_32bit = 1, .limit_in_pages = 1, .useable = 1,
	};

	return d;
}

static long set_thread_area(const struct user_desc *d)
{
	return __syscall(__NR_set_thread_area, (long)d, 0, 0, 0, 0, 0);
}

static long get_thread_area(struct user_desc *d)
{
	return __syscall(__NR_get_thread_area, (long)d, 0, 0, 0, 0, 0);
}

static void load_gs(int entry)
{
	__asm__ volatile("movw %w0, %%gs" : : "r"(entry * 8 + 3));
}

static unsigned int gs_selector(void)
{
	unsigned int sel;

	__asm__ volatile("movl %%gs, %0" : "=r"(sel));
	return sel & 0xffff;
}

static unsigned int read_gs(unsigned int offset)
{
	unsigned int v;

	__asm__ volatile("movl %%gs:(%1), %0" : "=r"(v) : "r"(offset)
			 : "memory");
	return v;
}

static void write_gs(unsigned int offset, unsigned int v)
{
	__asm__ volatile("movl %0, %%gs:(%1)" : : "r"(v), "r"(offset)
			 : "memory");
}

/*
 * Reads magic through %gs READS times per round, giving the CPU away
 * between rounds; spins long enough for timer interrupts too.  True
 * if %gs always held entry and read magic.
 */
static bool gs_holds(int entry, unsigned int magic)
{
	for (int r = 0; r < ROUNDS; r++) {
		sched_yield();
		for (int i = 0; i < READS; i++)
			if (gs_selector() != (unsigned)entry * 8 + 3 ||
			    read_gs(0) != magic)
				return false;
	}
	return true;
}

/* Waits for pid: its exit status, 128 + signal if killed, or -1. */
static int wait_status(int pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status)
				 : 128 + WTERMSIG(status);
}

static void set_and_use(int *entry)
{
	struct user_desc d = data_segment(-1, (unsigned int)block), got;

	check(set_thread_area(&d) == 0 && (int)d.entry_number != -1,
	      "set_thread_area(-1) picks an entry and says which");
	*entry = d.entry_number;
	load_gs(*entry);
	write_gs(4, 0x5EED);
	check(read_gs(0) == PARENT_MAGIC && block[1] == 0x5EED,
	      "%gs reads and writes through the segment's base");
	memset(&got, 0, sizeof(got));
	got.entry_number = *entry;
	check(get_thread_area(&got) == 0 &&
	      got.base_addr == (unsigned int)block &&
	      got.limit == 0xfffff && got.seg_32bit && got.limit_in_pages &&
	      got.useable && !got.contents && !got.read_exec_only &&
	      !got.seg_not_present, "get_thread_area gives it back");
}

/*
 * Parent and child each use the same entry with a different base,
 * interleaved: the child makes its own segment right after fork.
 */
static void interleave(int entry)
{
	int pid = fork();

	if (pid == 0) {
		bool inherited = read_gs(0) == PARENT_MAGIC;
		struct user_desc d = data_segment(entry,
						  (unsigned int)child_block);

		child_block[0] = CHILD_MAGIC;
		if (set_thread_area(&d))
			exit(3);
		exit(!inherited ? 2 : gs_holds(entry, CHILD_MAGIC) ? 0 : 1);
	}
	check(pid > 0 && gs_holds(entry, PARENT_MAGIC),
	      "%gs keeps its base across syscalls, interrupts, switches");
	int status = wait_status(pid);
	check(status != 2 && status != 128 + SIGSEGV,
	      "a forked child has its parent's TLS entry");
	check(status == 0, "the child keeps its own base in the same entry");
}

static void bad_arguments(int entry)
{
	struct user_desc d = data_segment(0, 0), more[2];
	bool all = true;

	check(set_thread_area(NULL) == -EFAULT &&
	      set_thread_area((void *)0xC0000000) == -EFAULT &&
	      get_thread_area(NULL) == -EFAULT, "bad pointers: EFAULT");
	check(set_thread_area(&read_only_desc) == -EFAULT,
	      "entry -1 in read-only memory: EFAULT");
	d.entry_number = 100;
	all = set_thread_area(&d) == -EINVAL;
	d.entry_number = 0;
	all = all && set_thread_area(&d) == -EINVAL &&
	      get_thread_area(&d) == -EINVAL;
	d.entry_number = -1;
	all = all && get_thread_area(&d) == -EINVAL;
	check(all, "entries out of range: EINVAL");
	d = data_segment(entry, (unsigned int)block);
	d.contents = 2;			/* code */
	all = set_thread_area(&d) == -EINVAL;
	d = data_segment(-1, (unsigned int)block);
	d.seg_32bit = 0;
	all = all && set_thread_area(&d) == -EINVAL &&
	      (int)d.entry_number == -1;
	check(all && read_gs(0) == PARENT_MAGIC,
	      "code and 16-bit segments: EINVAL, entry unchanged");
	for (int i = 0; i < 2; i++) {
		more[i] = data_segment(-1, 0);
		all = all && set_thread_area(&more[i]) == 0;
	}
	d = data_segment(-1, 0);
	check(all && set_thread_area(&d) == -ESRCH,
	      "no entry left for -1: ESRCH");
	for (int i = 0; i < 2; i++) {
		struct user_desc empty = { .entry_number =
			more[i].entry_number, .read_exec_only = 1,
			.seg_not_present = 1 };

		set_thread_area(&empty);
	}
}

/* In a child: what should end it with SIGSEGV, and nothing else. */
static bool child_segfaults(void (*what)(int), int entry)
{
	int pid = fork();

	if (pid == 0) {
		what(entry);
		exit(4);
	}
	return wait_status(pid) == 128 + SIGSEGV;
}

/* Empties the entry %gs holds, then uses %gs. */
static void use_emptied(int entry)
{
	struct user_desc empty = { .entry_number = entry,
		.read_exec_only = 1, .seg_not_present = 1 };

	if (set_thread_area(&empty) || gs_selector() != 0)
		exit(3);
	read_gs(0);
}

/* A segment at 3 GiB: the kernel's pages are not the user's. */
static void use_kernel_base(int entry)
{
	struct user_desc d = data_segment(entry, 0xC0000000);

	if (set_thread_area(&d))
		exit(3);
	load_gs(entry);
	read_gs(0);
}

int main(int argc __unused, char **argv __unused)
{
	int entry;

	set_and_use(&entry);
	interleave(entry);
	bad_arguments(entry);
	check(child_segfaults(use_emptied, entry),
	      "emptying the entry %gs holds: %gs 0, a use SIGSEGV");
	check(child_segfaults(use_kernel_base, entry),
	      "a segment based at 3 GiB: a read is SIGSEGV");
	check(read_gs(0) == PARENT_MAGIC, "the parent's segment is intact");
	if (!failures)
		printf("tlstest: all checks passed\n");
	return failures;
}
