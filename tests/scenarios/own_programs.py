"""Programs of one's own: static i386 executables given as Multiboot
modules (make run PROG="..."), started by `run NAME` like the built-in
ones; bad modules refused at boot with the reason."""

import re
import shutil
import subprocess

from pagoda_test import scenario

# A program written with no library at all: Linux i386 system calls by
# int $0x80, its own _start reading argc and argv off the initial stack.
OUTSIDE_C = r"""
static long sys3(long n, long a, long b, long c)
{
	long r;

	__asm__ volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a), "c"(b), "d"(c)
			 : "memory");
	return r;
}

static void say(const char *s)
{
	unsigned long n = 0;

	while (s[n])
		n++;
	sys3(4, 1, (long)s, n);			/* write(1, s, n) */
}

void start_c(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);

	say("outside: built outside the tree, pid ok\n");
	for (int i = 1; i < argc; i++) {
		say("outside: arg ");
		say(argv[i]);
		say("\n");
	}
	sys3(252, argc == 3 ? 0 : 7, 0, 0);	/* exit_group */
}

__asm__(".globl _start\n_start:\n\tpushl %esp\n\tcall start_c\n\thlt\n");
"""


def compile_without_library(lab, name, text):
    """Build C `text` into lab.tmpdir/name with the cross compiler alone:
    no user/lib, no make."""
    source = lab.tmpdir / f"{name}.c"
    source.write_text(text)
    binary = lab.tmpdir / name
    built = subprocess.run(["i686-linux-gnu-gcc", "-static", "-nostdlib", "-o", str(binary),
                            str(source)], capture_output=True, text=True)
    assert built.returncode == 0, f"the cross compiler failed:\n{built.stderr}"
    return binary


def compile_outside(lab):
    return compile_without_library(lab, "outside", OUTSIDE_C)


@scenario("outside_binary_runs_as_a_module", timeout=90)
def outside_binary(lab):
    binary = compile_outside(lab)
    vm = lab.boot(modules=[binary])
    boot_log = vm.expect_prompt()
    assert re.search(r"program outside: \d+ bytes, from a boot module", boot_log), boot_log
    assert re.search(r"'run' starts these programs: .*\boutside\b", vm.run("help"))
    printed = vm.run("run outside one two")
    assert printed.splitlines() == ["outside: built outside the tree, pid ok",
                                    "outside: arg one", "outside: arg two"], printed
    printed = vm.run("run outside")
    assert "outside: exited with status 7" in printed, printed


@scenario("bad_modules_are_refused_with_the_reason", timeout=90)
def bad_modules(lab):
    text = lab.tmpdir / "notes.txt"
    text.write_text("not a program, but a note long enough for an ELF header\n" * 4)
    host = lab.tmpdir / "hostprog"  # an x86-64 executable: the wrong architecture
    shutil.copy(shutil.which("true"), host)
    sleep = lab.tmpdir / "sleep"   # the name of a built-in program
    shutil.copy(compile_outside(lab), sleep)
    vm = lab.boot(modules=[text, host, sleep])
    boot_log = vm.expect_prompt()
    for name, why in (("notes.txt", "not an ELF file"), ("hostprog", "not a 32-bit"),
                      ("sleep", "a program of that name exists already")):
        assert re.search(rf"module '\S*{re.escape(name)}' \(\d+ bytes\) is not a program "
                         rf"Pagoda can run: {why}", boot_log), (name, boot_log)
    printed = vm.run("run hostprog")
    assert "run: no program 'hostprog'" in printed, printed
    assert "verified" in vm.run("run memhog 1M 1"), "the kernel did not go on"


@scenario("template_program_runs_as_a_module", timeout=90)
def template_program(lab):
    template = lab.build / "progs" / "template"
    assert template.exists(), f"{template} not built (make all builds user/template.c)"
    vm = lab.boot(modules=[template])
    vm.expect_prompt()
    printed = vm.run("run template 2M")
    assert re.fullmatch(r"template: touched 2048 KiB with (\d+) page faults\n?", printed), printed
    faults = int(re.search(r"with (\d+) page", printed).group(1))
    assert faults >= 500, f"2 MiB touched page by page took only {faults} faults"
    assert "usage: template" in vm.run("run template x")
