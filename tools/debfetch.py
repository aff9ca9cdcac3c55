#!/usr/bin/env python3
"""Debian i386 packages for the tests and the peer benchmark, without
touching the host's own apt set-up.

    python3 tools/debfetch.py busybox [musl shells] BUILD/i386

apt runs with a private, i386-only state under the destination (its own
package lists and cache; dpkg's database is not read), so a host without
dpkg's i386 architecture can still fetch an i386 .deb; `dpkg-deb -x`
unpacks it. The `busybox` command leaves Debian's busybox-static (a
static i386 binary, glibc inside) at DEST/busybox, which the busybox
scenarios run as Pagoda's sh (tests/scenarios/busybox.py). make check
runs it; without Debian's archive it fails and those scenarios are
skipped, saying so. `musl` unpacks Debian's musl-dev (i386: musl's
static libc, headers and start files) at DEST/root/musl-dev and writes
DEST/musl-gcc.specs, its musl-gcc.specs with the paths moved there:
`i686-linux-gnu-gcc -static -specs DEST/musl-gcc.specs` is then the
i386 musl-gcc. `shells` leaves the static shells bash-static, zsh-static
and sash at DEST/bash, DEST/zsh and DEST/sash (tests/scenarios/outside.py).
tools/bench_peer.py fetches Linux the same way.
"""

import shutil
import subprocess
import sys
from pathlib import Path


class FetchError(Exception):
    """Something apt or dpkg-deb could not do, said in one line."""


def apt_options(state):
    """apt options for an i386-only private state under `state`."""
    for sub in ("lists/partial", "cache/archives/partial"):
        (state / sub).mkdir(parents=True, exist_ok=True)
    return ["-o", "APT::Architecture=i386", "-o", "APT::Architectures=i386",
            "-o", f"Dir::State::Lists={state / 'lists'}",
            "-o", f"Dir::Cache={state / 'cache'}",
            "-o", "Dir::State::Status=/dev/null", "-q"]


def run_tool(argv, cwd=None):
    """Run a host tool; its stdout, or FetchError with what it printed."""
    done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        raise FetchError(f"{' '.join(map(str, argv[:3]))} ... failed:\n"
                         f"{done.stdout}{done.stderr}")
    return done.stdout


def unpack_deb(package, state, root):
    """Download i386 `package` and unpack it at `root` (kept if there)."""
    if root.is_dir():
        return root
    opts = apt_options(state / "apt")
    if not any((state / "apt" / "lists").glob("*Packages*")):
        run_tool(["apt-get", *opts, "update"])
    debs = state / "debs"
    debs.mkdir(parents=True, exist_ok=True)
    run_tool(["apt-get", *opts, "download", package], cwd=debs)
    deb = next(debs.glob(f"{package}_*.deb"))
    tmp = root.with_name(root.name + ".tmp")
    root.parent.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(tmp, ignore_errors=True)
    run_tool(["dpkg-deb", "-x", str(deb), str(tmp)])
    tmp.rename(root)
    return root


def fetch_busybox(dest):
    """DEST/busybox: Debian's busybox-static for i386."""
    target = dest / "busybox"
    if target.is_file():
        return target
    root = unpack_deb("busybox-static", dest, dest / "busybox-static")
    shutil.copy(root / "bin" / "busybox", target)
    return target


def fetch_musl(dest):
    """DEST/musl-gcc.specs: Debian's i386 musl-gcc.specs, its paths
    moved to the unpacked DEST/root/musl-dev."""
    specs = dest / "musl-gcc.specs"
    if specs.is_file():
        return specs
    root = unpack_deb("musl-dev", dest, dest / "root" / "musl-dev")
    text = (root / "usr/lib/i386-linux-musl/musl-gcc.specs").read_text()
    specs.write_text(text.replace("/usr/", f"{root.resolve()}/usr/"))
    return specs


# The static shells Debian builds for i386: package, file, name here.
SHELLS = (("bash-static", "bin/bash-static", "bash"),
          ("zsh-static", "bin/zsh-static", "zsh"),
          ("sash", "bin/sash", "sash"))


def fetch_shells(dest):
    """DEST/bash, DEST/zsh, DEST/sash: Debian's static i386 shells."""
    for package, path, name in SHELLS:
        if not (dest / name).is_file():
            root = unpack_deb(package, dest, dest / "root" / package)
            shutil.copy(root / path, dest / name)
    return dest / "sash"


FETCHERS = {"busybox": (fetch_busybox, "busybox-static:i386"),
            "musl": (fetch_musl, "musl-dev:i386"),
            "shells": (fetch_shells, "bash-static, zsh-static, sash:i386")}


def main(argv):
    names, dest = argv[1:-1], Path(argv[-1]) if len(argv) > 2 else None
    if not names or any(name not in FETCHERS for name in names):
        print(f"usage: debfetch.py {{{'|'.join(FETCHERS)}}}... DEST",
              file=sys.stderr)
        return 2
    failed = 0
    for name in names:
        fetch, what = FETCHERS[name]
        try:
            print(f"debfetch: {fetch(dest)}")
        except (FetchError, StopIteration, OSError) as error:
            print(f"debfetch: cannot fetch {what}: {error}", file=sys.stderr)
            failed = 1
    return failed


if __name__ == "__main__":
    sys.exit(main(sys.argv))
