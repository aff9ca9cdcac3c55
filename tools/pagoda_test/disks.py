"""Disk images for tests: blank, or formatted by the host's real mkswap.

Images live in a scenario's lab.tmpdir or under $BUILD/test-disks, are made
fresh for every run and are never committed.

    make_image(path, "16M", mkswap=True, bad_pages=[7, 300])
    swap_header(path)     # (version, last_page, nr_badpages) from page 0
    run_mkswap(path)      # format an image; returns the size mkswap reports
    digest(path)          # sha256 of the whole image, to prove it unchanged
"""

import hashlib
import os
import re
import shutil
import struct
import subprocess
from pathlib import Path

PAGE_SIZE = 4096
_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}


def parse_size(size):
    """Bytes in "16M", "512K", "4096" or an int."""
    if isinstance(size, int):
        return size
    text = str(size).strip().upper()
    unit = text[-1] if text and text[-1] in _UNITS else ""
    return int(text[:len(text) - len(unit)]) * _UNITS[unit]


def mkswap_binary():
    """util-linux mkswap: on PATH, or in /sbin where Debian keeps it."""
    for candidate in (shutil.which("mkswap"), "/sbin/mkswap", "/usr/sbin/mkswap"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise AssertionError("mkswap not found: install util-linux (tools/setup-host.sh)")


# Where mkswap puts the fields of page 0 (Linux's union swap_header).
VERSION_OFFSET = 1024
NR_BADPAGES_OFFSET = 1032
BADPAGES_OFFSET = 1536


def make_image(path, size, *, mkswap=False, swap_kib=None, bad_pages=()):
    """Create (or recreate) a zero-filled raw image of `size`; return its Path.

    mkswap=True formats it with the host's mkswap, which writes the Linux
    swap header (SWAPSPACE2, version 1, last_page) into page 0. swap_kib is
    mkswap's optional size argument: with -f it may exceed the image, which
    makes a header whose last_page lies past the end of the disk.

    bad_pages are recorded in the header's bad-page list (nr_badpages and
    badpages[] of union swap_header), where `mkswap -c` writes the pages its
    scan found unreadable: util-linux 2.38's mkswap takes such a list only
    from that scan of a block device, not for an image file.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as image:
        image.truncate(parse_size(size))
    path.chmod(0o600)
    if mkswap:
        run_mkswap(path, swap_kib)
    if bad_pages:
        add_bad_pages(path, bad_pages)
    return path


def run_mkswap(path, swap_kib=None, page_size=None):
    """Format `path` with the host's mkswap; return the size it reports, in bytes.

    mkswap prints e.g. "Setting up swapspace version 1, size = 32 MiB
    (33550336 bytes)": the usable swap space, which Linux shows in
    /proc/swaps (in KiB) once the area is on. page_size is mkswap's -p:
    an area for another machine's pages.
    """
    argv = [mkswap_binary(), "-f", str(path)]
    if page_size is not None:
        argv[1:1] = ["-p", str(page_size)]
    if swap_kib is not None:
        argv.append(str(swap_kib))
    result = subprocess.run(argv, capture_output=True, text=True)
    found = re.search(r"\((\d+) bytes\)", result.stdout)
    if result.returncode != 0 or not found:
        raise AssertionError(f"{' '.join(argv)} failed: {result.stdout}{result.stderr}".strip())
    return int(found.group(1))


def add_bad_pages(path, pages):
    """Record `pages` in the bad-page list of the swap header in `path`."""
    with open(path, "r+b") as image:
        image.seek(NR_BADPAGES_OFFSET)
        image.write(struct.pack("<I", len(pages)))
        image.seek(BADPAGES_OFFSET)
        image.write(struct.pack(f"<{len(pages)}I", *pages))


def swap_header(path):
    """(version, last_page, nr_badpages) as written in the image's page 0."""
    with open(path, "rb") as image:
        image.seek(VERSION_OFFSET)
        return struct.unpack("<3I", image.read(12))


def digest(path):
    """sha256 hex digest of the file's bytes."""
    sha = hashlib.sha256()
    with open(path, "rb") as image:
        for block in iter(lambda: image.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()
