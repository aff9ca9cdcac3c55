"""Host-side test framework for Pagoda.

qemu      the QEMU command line (also a CLI for the Makefile); Disk, Inject
disks     disk images for tests: blank or mkswap-formatted, and their digests
ktap      KTAP v1 parser
machine   Machine: a running QEMU to expect() output from and send() input to
lab       @scenario, scenario_calling(), and the Lab a scenario function receives
runner    the runner behind tools/runtests.py

Scenario files import what they need from here:
    from pagoda_test import scenario, PROMPT
"""

import importlib

# Where each public name lives. They are imported on first use (PEP 562) so
# that `python3 -m pagoda_test.qemu` does not import qemu twice.
_EXPORTS = {
    "PROMPT": "machine", "ExitStatus": "machine", "Machine": "machine",
    "Lab": "lab", "scenario": "lab", "scenario_calling": "lab",
    "Disk": "qemu", "Inject": "qemu",
}

__all__ = list(_EXPORTS)


def __getattr__(name):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'pagoda_test' has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
