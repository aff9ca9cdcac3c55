"""A static glibc program (i686-linux-gnu-gcc -static, Debian's
libc6-dev-i386-cross, installed by tools/setup-host.sh) under Pagoda:
before main, glibc sets up thread-local storage (set_thread_area, %gs),
reads AT_RANDOM for its stack guard and picks SSE2 string functions;
then printf, malloc of a few MiB, a __thread variable, exit statuses,
and floating point in two programs at once (each keeps its own FPU
registers across switches)."""

import re
import subprocess

from pagoda_test import scenario

GLIBC_C = r"""
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static __thread int counter = 40;

/* Sums i * step for i = 1..n in the FPU: exact, so compared with ==. */
static int spin(long n, int shift)
{
	double step = 1.0 / (1 << shift), sum = 0;

	for (long i = 1; i <= n; i++)
		sum += i * step;
	return sum == step * ((double)n * (n + 1) / 2);
}

int main(int argc, char **argv)
{
	size_t words = (4u << 20) / sizeof(unsigned);
	unsigned *p = malloc(words * sizeof(unsigned));

	if (argc == 4 && !strcmp(argv[1], "spin")) {
		int ok = spin(atol(argv[2]), atoi(argv[3]));

		printf("glibc: spin %s %s: %s\n", argv[2], argv[3],
		       ok ? "ok" : "WRONG SUM");
		return !ok;
	}
	if (!p)
		return 100;
	for (size_t i = 0; i < words; i++)
		p[i] = i * 2654435761u;
	for (size_t i = 0; i < words; i++)
		if (p[i] != i * 2654435761u)
			return 101;
	free(p);
	counter += argc;
	printf("glibc: hello %d, 4 MiB checked, __thread %d, %.2f\n",
	       1234, counter, counter / 8.0);
	return argc > 1 ? atoi(argv[1]) : 0;
}
"""


def build_glibc_program(lab):
    source = lab.tmpdir / "glibc.c"
    source.write_text(GLIBC_C)
    binary = lab.tmpdir / "glibc"
    built = subprocess.run(["i686-linux-gnu-gcc", "-static", "-O2", "-o", str(binary),
                            str(source)], capture_output=True, text=True)
    assert built.returncode == 0, \
        f"i686-linux-gnu-gcc -static failed (libc6-dev-i386-cross?):\n{built.stderr}"
    return binary


@scenario("static_glibc_program_runs_as_init", timeout=90)
def static_glibc_as_init(lab):
    vm = lab.boot(modules=[build_glibc_program(lab)], append='init="glibc 7"')
    status = vm.wait_exit(timeout=80)
    assert "Oops" not in vm.output and "Kernel panic" not in vm.output, vm.tail()
    assert "glibc: hello 1234, 4 MiB checked, __thread 42, 5.25" in vm.output, vm.tail()
    assert "init: glibc exited with status 7" in vm.output, vm.tail()
    assert status.code == 35, f"QEMU exited {status.code}, expected 35 (status 7)"


@scenario("static_glibc_programs_keep_their_fpu", timeout=150)
def static_glibc_fpu(lab):
    vm = lab.boot(modules=[build_glibc_program(lab)])
    vm.expect_prompt()
    printed = vm.run("run glibc")
    assert printed.strip() == "glibc: hello 1234, 4 MiB checked, __thread 41, 5.12", printed
    assert re.search(r"^\[\d+\] glibc$", vm.run("run glibc spin 4000000 1 &"), re.MULTILINE)
    printed = vm.run("run glibc spin 3000000 2", timeout=120)
    assert "glibc: spin 3000000 2: ok" in printed, printed
    if "glibc: spin 4000000 1:" not in vm.output:
        vm.expect(r"glibc: spin 4000000 1:", timeout=120)
    assert "glibc: spin 4000000 1: ok" in vm.output, vm.tail()
