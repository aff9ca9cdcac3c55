"""Programs of one's own: static i386 executables given as Multiboot
modules (make run PROG="..."), started by `run NAME` like the built-in
ones; bad modules refused at boot with the reason."""

import re
import shutil
import struct
import subprocess

from pagoda_test import scenario

# A system call of up to three arguments by int $0x80, as Linux i386 has
# them: what a program written with no library at all starts from.
SYS3_C = r"""
static long sys3(long n, long a, long b, long c)
{
	long r;

	__asm__ volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a), "c"(b), "d"(c)
			 : "memory");
	return r;
}
"""

# A program with no library: its own _start reads argc and argv off the
# initial stack.
OUTSIDE_C = SYS3_C + r"""

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


def compile_without_library(lab, name, text, flags=()):
    """Build C `text` into lab.tmpdir/name with the cross compiler alone:
    no user/lib, no make."""
    source = lab.tmpdir / f"{name}.c"
    source.write_text(text)
    binary = lab.tmpdir / name
    built = subprocess.run(["i686-linux-gnu-gcc", "-static", "-nostdlib", "-o", str(binary),
                            *flags, str(source)], capture_output=True, text=True)
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
    script = lab.tmpdir / "hello.sh"
    script.write_text("#!/bin/sh\necho hello\n")
    long_name = lab.tmpdir / ("x" * 32)    # would be cut to 31 characters
    shutil.copy(sleep, long_name)
    vm = lab.boot(modules=[text, host, sleep, script, long_name])
    boot_log = vm.expect_prompt()
    for name, why in (("notes.txt", "not an ELF file"), ("hostprog", "not a 32-bit"),
                      ("sleep", "a program of that name exists already"),
                      ("hello.sh", r"a script \(it starts with #!\): Pagoda runs no interpreter"),
                      (long_name.name, "its name is longer than 31 characters")):
        assert re.search(rf"module '\S*{re.escape(name)}' \(\d+ bytes\) is not a program "
                         rf"Pagoda can run: {why}", boot_log), (name, boot_log)
    printed = vm.run("run hostprog")
    assert "run: 'hostprog' was not loaded at boot: not a 32-bit" in printed, printed
    assert "x" * 31 not in vm.run("help"), "a long name was cut and loaded"
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


# Touches its data and both ends of its .bss, then says so.
LAYOUT_C = SYS3_C + r"""
char bss[BSS];
int data = 5;

void _start(void)
{
	static const char ran[] = "layout: ran\n";

	bss[0] = 1;
	bss[BSS - 1] = 2;
	sys3(4, 1, (long)ran, sizeof(ran) - 1);
	sys3(252, data == 5 && bss[0] + bss[BSS - 1] == 3 ? 0 : 1, 0, 0);
}
"""

# Linker flags of layouts Linux runs: one RWX segment (-N, -n), segments
# sharing pages, text at the bottom and near the top of user space, a
# 1 GiB .bss.
GOOD_LAYOUTS = {
    "omagic": ["-Wl,-N"],
    "nmagic": ["-Wl,-n"],
    "tinypages": ["-Wl,-z,max-page-size=0x10", "-Wl,-z,common-page-size=0x10"],
    "low": ["-Wl,-Ttext-segment=0x10000"],
    "high": ["-Wl,-Ttext-segment=0xbf000000"],
    "hugebss": ["-DBSS=0x40000000"],
    "execstack": ["-Wl,-z,execstack"],
}

PT_INTERP = 3


def with_interpreter(plain, path):
    """A copy of `plain` whose first non-PT_LOAD header names an interpreter."""
    image = bytearray(plain.read_bytes())
    phoff, = struct.unpack_from("<I", image, 28)
    phnum, = struct.unpack_from("<H", image, 44)
    for at in range(phoff, phoff + 32 * phnum, 32):
        if struct.unpack_from("<I", image, at)[0] != 1:
            struct.pack_into("<I", image, at, PT_INTERP)
            break
    path.write_bytes(bytes(image))
    return path


def with_memsz(plain, path, memsz):
    """A copy of `plain` whose last PT_LOAD segment is memsz long in
    memory: a .bss of that size."""
    image = bytearray(plain.read_bytes())
    phoff, = struct.unpack_from("<I", image, 28)
    phnum, = struct.unpack_from("<H", image, 44)
    loads = [at for at in range(phoff, phoff + 32 * phnum, 32)
             if struct.unpack_from("<I", image, at)[0] == 1]
    struct.pack_into("<I", image, loads[-1] + 20, memsz)
    path.write_bytes(bytes(image))
    return path


def dynamic_hello(lab):
    """A real dynamically linked i386 program (the cross compiler's
    default: a PIE naming /lib/ld-linux.so.2)."""
    source = lab.tmpdir / "hello.c"
    source.write_text('#include <stdio.h>\nint main(void) { puts("hi"); return 0; }\n')
    binary = lab.tmpdir / "dynhello"
    built = subprocess.run(["i686-linux-gnu-gcc", "-o", str(binary), str(source)],
                           capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    return binary


@scenario("outside_binaries_of_odd_layouts", timeout=120)
def odd_layouts(lab):
    """Executables linked in layouts our build never makes run; one whose
    last segment lies in the initial stack's page, and one that asks for
    an interpreter, are refused with the reason (both were loaded: the
    first's stack VMA went on top of it, the second died in its PLT), as
    is a static PIE (linked at 0), which run names with the reason, a
    real dynamic program, an entry point outside the segments and a
    .bss past 3 GiB; an executable stack and a 2.3 GiB .bss run."""
    def build(name, flags):
        return compile_without_library(lab, name, LAYOUT_C, ["-DBSS=16", *flags])
    good = [build(name, flags) for name, flags in GOOD_LAYOUTS.items()]
    plain = build("plain", [])
    # a 2.3 GiB .bss in 64 MiB of RAM: only the pages touched are made
    good.append(with_memsz(plain, lab.tmpdir / "bigbss", 0x90000000))
    bad = {"ontop": (build("ontop", ["-Wl,-Ttext-segment=0xbfffb000"]),
                     "segment in the last page below 3 GiB, where the initial stack goes"),
           "staticpie": (build("staticpie", ["-fPIE", "-static-pie"]),
                         r"position-independent \(ET_DYN"),
           "dynamic": (with_interpreter(plain, lab.tmpdir / "dynamic"),
                       "dynamically linked"),
           "dynhello": (dynamic_hello(lab), r"dynamically linked \(it names an "
                        r"interpreter\): only static executables run"),
           "entryout": (build("entryout", ["-Wl,-e,0x1000"]),
                        "entry point not in an executable segment"),
           "pastbss": (with_memsz(plain, lab.tmpdir / "pastbss", 0xb8000000),
                       "segment outside user space")}
    vm = lab.boot(modules=[*good, *(path for path, _ in bad.values())])
    boot_log = vm.expect_prompt()
    for name, (_, why) in bad.items():
        assert re.search(rf"module '\S*{name}' \(\d+ bytes\) is not a program Pagoda "
                         rf"can run: {why}", boot_log), (name, boot_log)
    for name in [*GOOD_LAYOUTS, "bigbss"]:
        printed = vm.run(f"run {name}", timeout=30)
        assert printed.splitlines() == ["layout: ran"], f"{name}: {printed}"
    printed = vm.run("run dynhello")
    assert "run: 'dynhello' was not loaded at boot: dynamically linked" in printed, printed
    printed = vm.run("run staticpie")
    assert re.search(r"run: 'staticpie' was not loaded at boot: position-independent", printed), \
        printed
    vm = lab.boot(modules=[bad["staticpie"][0]], append="init=staticpie")
    vm.expect(r"init: cannot run 'staticpie': not loaded at boot: position-independent")
    assert vm.wait_exit(timeout=30).code == 35


@scenario("modules_past_the_limit_are_named", timeout=90)
def too_many_modules(lab):
    """Modules past the 16th are not kept, and the boot names each one
    (it said only "only 16 modules kept"); the 16 kept run."""
    source = compile_outside(lab)
    modules = []
    for number in range(1, 19):
        modules.append(lab.tmpdir / f"prog{number}")
        shutil.copy(source, modules[-1])
    vm = lab.boot(modules=modules)
    boot_log = vm.expect_prompt()
    for number in (17, 18):
        assert re.search(rf"multiboot: module {number} of 18 \('\S*/prog{number}'\) not "
                         rf"kept: at most 16", boot_log), boot_log
    assert "prog16" in vm.run("help")
    assert "prog16: exited with status 7" in vm.run("run prog16")


# Asks for mincore (218, which Pagoda lacks) twice, then for 9999 and
# 0x7fffffff (no call at all), and exits 0 if each said ENOSYS (-38).
NOSYS_C = SYS3_C + r"""
void _start(void)
{
	long bad = 0;

	bad += sys3(218, 0, 0, 0) != -38;
	bad += sys3(218, 0, 0, 0) != -38;
	bad += sys3(9999, 0, 0, 0) != -38;
	bad += sys3(0x7fffffff, 0, 0, 0) != -38;
	sys3(252, bad, 0, 0);
}
"""


@scenario("a_missing_system_call_is_named_once", timeout=90)
def missing_call(lab):
    """A program that asks for a system call Pagoda lacks gets ENOSYS, and
    the kernel log names the call and the program, once per number, so
    a program that gives up after ENOSYS can be explained (dmesg; on the
    console only at loglevel=8: glibc probes for calls and goes on)."""
    vm = lab.boot(modules=[compile_without_library(lab, "nosys", NOSYS_C)])
    vm.expect_prompt()
    printed = vm.run("run nosys") + vm.run("run nosys")
    assert printed == "", f"ENOSYS was not the answer, or a line reached the console:\n{printed}"
    log = vm.run("dmesg")
    lines = re.findall(r"nosys\[\d+\]: system call 218 is not one Pagoda has: ENOSYS "
                       r"\(said once a number\)", log)
    assert len(lines) == 1, log
    lines = re.findall(r"nosys\[\d+\]: system call (\d+) is not one Pagoda has: ENOSYS "
                       r"\(said once for all numbers from \d+ up\)", log)
    assert lines == ["9999"], log
