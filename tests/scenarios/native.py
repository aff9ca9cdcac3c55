"""The programs of user/ run natively on the host, held to the same
expectations as under Pagoda (tests/scenarios/_programs.py): Linux is the
reference for the system-call ABI. They are static i386 executables, so
an x86-64 Linux host runs them only with IA32 emulation; where it cannot
(another OS, or a kernel built without IA32_EMULATION or booted with
ia32_emulation=0), the scenarios are skipped, saying why.
"""

import platform
import subprocess
import sys
from pathlib import Path

from pagoda_test import scenario_calling

sys.path.insert(0, str(Path(__file__).parent))
from _programs import PROGRAMS, compare  # noqa: E402


def run_natively(lab, name, timeout=120):
    argv, _, _ = PROGRAMS[name]
    binary = lab.build / "user" / argv[0]
    if not binary.exists():
        raise AssertionError(f"{binary} not found: run make first")
    if platform.system() != "Linux" or platform.machine() not in ("x86_64", "i686", "i386"):
        lab.skip(f"the host is {platform.system()} {platform.machine()}, "
                 "not x86 Linux: it cannot run i386 Linux executables")
    try:
        done = subprocess.run([str(binary)] + argv[1:], stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, timeout=timeout)
    except OSError as error:
        lab.skip(f"the host kernel refuses i386 executables ({error.strerror}): "
                 "no IA32 emulation")
    status = done.returncode if done.returncode >= 0 else -1
    compare(name, done.stdout, status)
    assert done.returncode >= 0, f"{argv[0]} was killed by signal {-done.returncode}"


for _name in PROGRAMS:
    globals()[f"native_{_name}"] = scenario_calling(_name, run_natively, _name,
                                                    timeout=150)
del _name
