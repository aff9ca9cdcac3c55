"""Solution regions: the code a student writes, marked in the sources.

A region is the lines between two comment lines, each alone on its line:

    /* LAB buddy: BEGIN expand */
    ... the solution ...
    /* LAB buddy: END expand */

The stubs that replace them in a starter tree are in labs/stubs/<lab>.stubs:
a line "@@ <region>" starts the text of that region's stub, which runs to
the next "@@" line or the end of the file; lines before the first "@@" that
start with "#" are comments.  A stub must compile, and the kernel must
still boot with it, so that the other labs' tests run.  The marker lines
stay in the starter tree, to show the student where to write.
"""

import re
from dataclasses import dataclass
from pathlib import Path

SOURCE_DIRS = ("boot", "kernel", "mm", "drivers", "lib", "user")
SOURCE_SUFFIXES = (".c", ".h", ".S")
MARKER_RE = re.compile(r"^\s*/\* LAB ([a-z0-9_]+): (BEGIN|END) ([A-Za-z0-9_]+) \*/\s*$")
LOOSE_RE = re.compile(r"/\*\s*LAB\b.*\b(BEGIN|END)\b")


class RegionError(Exception):
    """A marker is malformed, unmatched, or a region has no stub (or a stub no region)."""


@dataclass(frozen=True)
class Region:
    lab: str
    name: str
    path: Path       # relative to the root
    begin: int       # index of the BEGIN line
    end: int         # index of the END line


def source_files(root):
    root = Path(root)
    for folder in SOURCE_DIRS:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in SOURCE_SUFFIXES and path.is_file():
                yield path


def regions_in(path, root):
    """The regions marked in one file, checked for pairing."""
    regions, open_region = [], None
    rel = Path(path).relative_to(root)
    for number, line in enumerate(Path(path).read_text(errors="replace").splitlines()):
        match = MARKER_RE.match(line)
        if not match:
            if LOOSE_RE.search(line):
                raise RegionError(f"{rel}:{number + 1}: malformed lab marker (expected "
                                  f"'/* LAB name: BEGIN region */' alone on its line)")
            continue
        lab, kind, name = match.groups()
        where = f"{rel}:{number + 1}"
        if kind == "BEGIN":
            if open_region:
                raise RegionError(f"{where}: region {name} begins inside region "
                                  f"{open_region[1]} (line {open_region[2] + 1})")
            open_region = (lab, name, number)
        else:
            if not open_region or open_region[:2] != (lab, name):
                raise RegionError(f"{where}: END of {lab}/{name} without its BEGIN")
            regions.append(Region(lab, name, rel, open_region[2], number))
            open_region = None
    if open_region:
        raise RegionError(f"{rel}:{open_region[2] + 1}: region {open_region[1]} never ends")
    return regions


def all_regions(root):
    """Every region in the sources under root, by lab: {lab: [Region]}."""
    by_lab = {}
    for path in source_files(root):
        for region in regions_in(path, root):
            by_lab.setdefault(region.lab, []).append(region)
    for lab, regions in by_lab.items():
        names = [r.name for r in regions]
        for name in set(names):
            if names.count(name) > 1:
                raise RegionError(f"lab {lab}: region {name} is marked twice")
    return by_lab


def read_stubs(path):
    """{region name: stub text} from a .stubs file."""
    stubs, current = {}, None
    for number, line in enumerate(Path(path).read_text().splitlines(keepends=True)):
        if line.startswith("@@"):
            current = line[2:].strip()
            if not current or current in stubs:
                raise RegionError(f"{path}:{number + 1}: '@@ region' with a new region name")
            stubs[current] = ""
        elif current is not None:
            stubs[current] += line
        elif line.strip() and not line.startswith("#"):
            raise RegionError(f"{path}:{number + 1}: text before the first '@@ region' line")
    return stubs


def lab_regions(lab, root):
    """(regions, stubs) of one lab, checked: every region has a stub, every stub a region."""
    regions = all_regions(root).get(lab.name, [])
    path = lab.stubs_path(root)
    if not regions:
        raise RegionError(f"lab {lab.name}: no region is marked "
                          f"'/* LAB {lab.name}: BEGIN ... */' in the sources")
    if not path.exists():
        raise RegionError(f"lab {lab.name}: {path.relative_to(root)} is missing")
    stubs = read_stubs(path)
    names = {r.name for r in regions}
    if names - set(stubs):
        raise RegionError(f"lab {lab.name}: no stub in {path.relative_to(root)} for "
                          f"{', '.join(sorted(names - set(stubs)))}")
    if set(stubs) - names:
        raise RegionError(f"lab {lab.name}: stubs for regions not marked in the sources: "
                          f"{', '.join(sorted(set(stubs) - names))}")
    return regions, stubs


def stub_out(lab, root):
    """Replace the lab's regions under root by their stubs, in place."""
    regions, stubs = lab_regions(lab, root)
    by_file = {}
    for region in regions:
        by_file.setdefault(region.path, []).append(region)
    for rel, in_file in by_file.items():
        path = Path(root) / rel
        lines = path.read_text().splitlines(keepends=True)
        for region in sorted(in_file, key=lambda r: r.begin, reverse=True):
            lines[region.begin + 1:region.end] = [stubs[region.name]]
        path.write_text("".join(lines))
    return regions
