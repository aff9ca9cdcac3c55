"""Scenario tests: whole-system runs driven from the host.

A scenario is a function in tests/scenarios/*.py marked with @scenario. It
gets a Lab, boots one or more Machines through it, and asserts on what the
guest prints and how QEMU exits:

    from pagoda_test import scenario

    @scenario("shutdown_exits_0", timeout=60)
    def shutdown_exits_0(lab):
        vm = lab.boot(mem="8M")
        vm.expect_prompt()
        vm.sendline("shutdown")
        assert vm.wait_exit().status == 0

It passes if it returns and fails on any exception; AssertionErrors are the
expected kind and their message is what the runner prints. A scenario that
cannot run on this host (a missing host feature, not a bug) calls
`lab.skip("why")`, and the runner counts it as skipped with that reason. The runner names
it `scenario:<file>.<name>` (here `scenario:shell.shutdown_exits_0`).
"""

import importlib.util
import os
import shutil
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from . import disks, qemu
from .machine import Machine


def scenario(name=None, *, timeout=None):
    """Mark a function as a scenario called `name` (default: the function's name).

    `timeout` (seconds) bounds the whole scenario: every expect()/wait_exit()
    without its own timeout may wait until then. Default: the runner's
    --timeout.
    """
    def mark(func):
        func.pagoda_scenario = (name or func.__name__, timeout)
        return func
    return mark


def scenario_calling(name, run, *args, timeout=None):
    """A scenario `name` that calls run(lab, *args): for a file that makes
    one scenario per row of a table. Bind it to a module-level name, as
    load_scenarios() looks for scenarios among the module's globals:

        for _name, _size in SIZES.items():
            globals()[_name] = scenario_calling(_name, boot_with, _size, timeout=60)
    """
    def func(lab):
        return run(lab, *args)
    func.__name__ = func.__qualname__ = name
    return scenario(name, timeout=timeout)(func)


class ScenarioSkipped(Exception):
    """Raised by Lab.skip(): the scenario cannot run here; the message says why."""


@dataclass
class Scenario:
    """A loaded scenario: `name` is "<file>.<scenario name>"."""
    name: str
    func: object
    timeout: float | None
    path: Path


@dataclass
class LoadError:
    """A scenario file that could not be imported, with the traceback."""
    path: Path
    message: str


def load_scenarios(directory):
    """Import every tests/scenarios/*.py; return ([Scenario], [LoadError]).

    Files are imported fresh under a private module name, so two files may
    define functions of the same name.
    """
    scenarios, errors = [], []
    for path in sorted(Path(directory).glob("*.py")):
        if path.name.startswith("_"):
            continue
        try:
            spec = importlib.util.spec_from_file_location(f"pagoda_scenarios.{path.stem}", path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
        except Exception:  # a broken file must not hide the others
            errors.append(LoadError(path, traceback.format_exc()))
            continue
        for value in vars(module).values():
            mark = getattr(value, "pagoda_scenario", None)
            if callable(value) and mark:
                name, timeout = mark
                scenarios.append(Scenario(f"{path.stem}.{name}", value, timeout, path))
    return scenarios, errors


class Lab:
    """What a scenario function receives: it boots Machines and cleans up after them.

    `build` is the build directory (Path); `tmpdir` a scratch directory for
    disk images and the like, removed when the scenario ends.
    """

    def __init__(self, build, deadline):
        self.build = Path(build)
        self.deadline = deadline
        self.machines = []
        self._tmpdir = None
        # make test PROG="a b": every -kernel boot carries these programs
        self.modules = os.environ.get("PAGODA_PROG", "").split()

    @property
    def tmpdir(self):
        if self._tmpdir is None:
            self._tmpdir = Path(tempfile.mkdtemp(prefix="pagoda-scenario-"))
        return self._tmpdir

    def make_disk(self, name, size, **options):
        """A fresh raw image `name` of `size` in tmpdir; options as disks.make_image
        (mkswap=True, swap_kib=..., bad_pages=[...]). Returns its Path."""
        return disks.make_image(self.tmpdir / name, size, **options)

    def command(self, *, iso=False, mem=None, append="", qemu_args=(), swap=(), debug=False,
                modules=None):
        """The QEMU argv that boot() would run with the same arguments."""
        if modules is None and not iso:
            modules = self.modules
        build = self.build / "debug" if debug else self.build
        image = build / ("pagoda.iso" if iso else "kernel.elf")
        if debug and not image.exists():
            self.skip(f"no debug build at {image} (make check makes it; or "
                      f"make BUILD={build} DEBUG=1)")
        if not image.exists():
            raise AssertionError(f"{image} not found: run make first")
        return qemu.command(kernel=None if iso else image, iso=image if iso else None,
                            append=append or None, mem=mem, swap=swap, extra=qemu_args,
                            modules=modules or ())

    def boot(self, *, iso=False, mem=None, append="", qemu=(), swap=(), debug=False,
             modules=None):
        """Start QEMU and return its Machine.

        iso:    boot $BUILD/pagoda.iso through GRUB instead of -kernel kernel.elf
        mem:    guest RAM, e.g. "8M" or "3G" (default 64M)
        append: kernel command line (only without iso)
        qemu:   extra QEMU arguments
        swap:   disks to attach as virtio-blk disks vda, vdb, ...: image
                paths, or qemu.Disk items (read-only, blkdebug errors, ...)
        debug:  boot the DEBUG=1 build in $BUILD/debug (mm invariants
                checked as it runs), which make check builds; skipped if
                it is not there
        modules: files given as Multiboot modules (programs for `run`);
                by default those of make test PROG="..." ($PAGODA_PROG)
        """
        argv = self.command(iso=iso, mem=mem, append=append, qemu_args=qemu, swap=swap,
                            debug=debug, modules=modules)
        machine = Machine(argv, deadline=self.deadline)
        self.machines.append(machine)
        return machine

    def skip(self, reason):
        """End the scenario as skipped (not failed): it cannot run on this host."""
        raise ScenarioSkipped(reason)

    def close(self):
        """Kill the Machines still running and remove the scratch directory."""
        for machine in self.machines:
            machine.kill()
        if self._tmpdir is not None:
            shutil.rmtree(self._tmpdir, ignore_errors=True)


@dataclass
class ScenarioResult:
    """How one scenario went: `error` is None on success, else the message;
    `skipped` is the reason it could not run, or None."""
    error: str | None
    machines: list
    duration: float
    skipped: str | None = None


def _where(exception, path):
    """"file:line" of the scenario line that raised `exception`."""
    frames = [f for f in traceback.extract_tb(exception.__traceback__) if f.filename == str(path)]
    frame = frames[-1] if frames else traceback.extract_tb(exception.__traceback__)[-1]
    return f"{Path(frame.filename).name}:{frame.lineno}"


def run_scenario(item, build, default_timeout):
    """Run one Scenario to completion and return a ScenarioResult."""
    timeout = item.timeout or default_timeout
    start = time.monotonic()
    lab = Lab(build, start + timeout)
    error = skipped = None
    try:
        item.func(lab)
    except ScenarioSkipped as skip:
        skipped = str(skip) or "skipped"
    except AssertionError as failure:
        error = f"{_where(failure, item.path)}: {failure or 'assertion failed'}"
    except Exception:
        error = "error:\n" + traceback.format_exc()
    finally:
        lab.close()
    return ScenarioResult(error, lab.machines, time.monotonic() - start, skipped)
