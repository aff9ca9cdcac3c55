"""Debian's busybox-static (i386, glibc inside) as Pagoda's sh: its ash
runs programs with fork, execve (a $PATH search: every directory finds
the program, see docs/processes.md) and wait4.  tools/setup-host.sh
does not install it (it needs dpkg's i386 architecture): give its path
in PAGODA_BUSYBOX (e.g. from `apt-get download busybox-static:i386`
and `dpkg-deb -x`); without it the scenario is skipped, saying so.
"""

import os
import re
import shutil
from pathlib import Path

from pagoda_test import scenario


def busybox_as_sh(lab):
    path = os.environ.get("PAGODA_BUSYBOX")
    if not path or not Path(path).is_file():
        lab.skip("no busybox: set PAGODA_BUSYBOX to an i386 busybox-static binary")
    sh = lab.tmpdir / "sh"
    shutil.copy(path, sh)
    return sh


@scenario("busybox_sh_runs_programs", timeout=150)
def busybox_sh_runs_programs(lab):
    vm = lab.boot(modules=[busybox_as_sh(lab)])
    vm.expect_prompt()
    # Pagoda's shell splits on blanks and knows no quotes: ash's
    # ${IFS} makes the blanks of the command line ash runs.
    printed = vm.run("run sh -c memhog${IFS}2M${IFS}1&&echo${IFS}done", timeout=120)
    assert "memhog: 2048 KiB verified after 1 passes" in printed, printed + vm.tail()
    assert re.search(r"^done\r?$", printed, re.MULTILINE), printed
    printed = vm.run("run sh -c no-such-program;echo${IFS}status${IFS}$?", timeout=60)
    assert "status 127" in printed, printed + vm.tail()
    assert "Oops" not in vm.output and "Kernel panic" not in vm.output, vm.tail()
