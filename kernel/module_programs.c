/*
 * Programs given to the boot loader as Multiboot modules: make run
 * PROG="path/to/prog ...", which puts GRUB "module" lines in the ISO
 * or gives QEMU -initrd "a,b" with -kernel.  Each module becomes a
 * user program named after its file's basename, which "run NAME" and
 * init=NAME start like the programs linked into the kernel.  The
 * boot-time allocator kept the modules' memory (mm/bootmem.c), so the
 * images are used where the loader put them.
 *
 * A module that is not a static i386 executable is refused here, with
 * the reason, and the boot goes on without it; "run NAME" says the
 * reason again (module_refusal()).
 */
#include "kernel/exec.h"
#include "kernel/kernel.h"
#include "kernel/multiboot.h"
#include "mm/bootmem.h"
#include "mm/page.h"

#define NAME_MAX	32	/* with the NUL: refuse_module says 31 */

static struct user_program programs[BOOT_MODULES_MAX];
static char names[BOOT_MODULES_MAX][NAME_MAX];
static int nr_programs;

/* The modules refused, by name, and why (a string that lives on). */
static struct {
	char name[NAME_MAX];
	const char *why;
} refused[BOOT_MODULES_MAX];
static int nr_refused;

/*
 * "/boot/progs/hello arg" -> "hello": the basename of the first word,
 * cut to NAME_MAX - 1 characters.  Returns its length uncut.
 */
static size_t module_name(const char *string, char *name)
{
	const char *end = strchr(string, ' ');
	const char *start;

	if (!end)
		end = string + strlen(string);
	start = end;

	while (start > string && start[-1] != '/')
		start--;
	strlcpy(name, start, min((size_t)(end - start) + 1,
				 (size_t)NAME_MAX));
	return end - start;
}

/* NULL if the module can be a program called name, else why not. */
static const char *refuse_module(const struct boot_module *m,
				 const char *name, size_t len)
{
	const char *why;

	if (!len)
		return "it has no file name";
	if (len >= NAME_MAX)	/* cut, it would be another name */
		return "its name is longer than 31 characters";
	if (m->end > (uint64_t)max_low_pfn << PAGE_SHIFT)
		return "it lies above low memory";
	if (find_user_program(name))
		return "a program of that name exists already";
	if (elf_check(__va(m->start), m->end - m->start, &why))
		return why;
	return NULL;
}

void module_programs_init(void)
{
	for (int i = 0; i < boot_info.nr_mods; i++) {
		const struct boot_module *m = &boot_info.mods[i];
		char *name = names[nr_programs];
		size_t len = module_name(m->name, name);
		const char *why = refuse_module(m, name, len);

		if (why) {
			printk(KERN_ERR "module '%s' (%u bytes) is not a "
			       "program Pagoda can run: %s; ignored\n",
			       m->name, m->end - m->start, why);
			strlcpy(refused[nr_refused].name, name, NAME_MAX);
			refused[nr_refused++].why = why;
			continue;
		}
		programs[nr_programs++] = (struct user_program){
			name, __va(m->start), m->end - m->start };
		printk(KERN_INFO "program %s: %u bytes, from a boot "
		       "module\n", name, m->end - m->start);
	}
}

const struct user_program *find_module_program(const char *name)
{
	for (int i = 0; i < nr_programs; i++)
		if (!strcmp(programs[i].name, name))
			return &programs[i];
	return NULL;
}

/* The i-th module program, NULL past the last. */
const struct user_program *module_program_at(int i)
{
	return i < nr_programs ? &programs[i] : NULL;
}

/* Why the module called name was refused at boot; NULL if none was. */
const char *module_refusal(const char *name)
{
	for (int i = 0; i < nr_refused; i++)
		if (name[0] && !strcmp(refused[i].name, name))
			return refused[i].why;
	return NULL;
}

void print_module_programs(void)
{
	for (int i = 0; i < nr_programs; i++)
		cprintf(" %s", programs[i].name);
}
