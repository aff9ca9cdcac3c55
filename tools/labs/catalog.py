"""The labs, as labs/labs.py lists them.

    LABS = [
        {"name": "buddy", "title": "The buddy allocator",
         "handout": "labs/01-buddy.md",
         "tests": [
             # kind:suite.case (or scenario:file.name), points, the function blamed
             ("host:host_buddy.expand_puts_lower_halves_back", 10, "expand"),
             ...
         ]},
    ]

A lab may also give an "order": its functions in the order to suspect them,
each one's tests depending on those before it (swap_out_pmd before
swap_out_pgd, which calls it): when tests blaming several functions fail,
the grader points at the first of them in this order.

A lab's solution regions are the ones marked `LAB <name>` in the sources
(see regions.py); its stubs are in labs/stubs/<name>.stubs.
"""

import runpy
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KINDS = ("host", "kernel", "scenario")
LAB_KEYS = {"name", "title", "handout", "tests"}
OPTIONAL_KEYS = {"order"}


class CatalogError(Exception):
    """labs/labs.py is malformed, or names something that does not exist."""


@dataclass(frozen=True)
class GradedTest:
    """One graded test: `kind` host, kernel or scenario; `name` suite.case or
    file.scenario; `points`; `blames`, the function a failure points at."""
    kind: str
    name: str
    points: int
    blames: str

    @property
    def id(self):
        return f"{self.kind}:{self.name}"


@dataclass(frozen=True)
class Lab:
    name: str
    title: str
    handout: str
    tests: tuple
    order: tuple = ()

    @property
    def points(self):
        return sum(test.points for test in self.tests)

    def stubs_path(self, root=ROOT):
        return Path(root) / "labs" / "stubs" / f"{self.name}.stubs"


def _graded_test(lab, entry):
    if not (isinstance(entry, tuple) and len(entry) == 3):
        raise CatalogError(f"lab {lab}: a test is (id, points, function), not {entry!r}")
    test_id, points, blames = entry
    kind, _, name = test_id.partition(":")
    if kind not in KINDS or not name:
        raise CatalogError(f"lab {lab}: test {test_id!r}: expected host:suite.case, "
                           f"kernel:suite.case or scenario:file.name")
    if kind != "scenario" and "." not in name:
        raise CatalogError(f"lab {lab}: test {test_id!r}: name one case (suite.case)")
    if not isinstance(points, int) or points <= 0:
        raise CatalogError(f"lab {lab}: test {test_id!r}: points must be a positive integer")
    return GradedTest(kind, name, points, blames)


def load(root=ROOT):
    """The labs of <root>/labs/labs.py, in order, as Lab objects."""
    path = Path(root) / "labs" / "labs.py"
    if not path.exists():
        raise CatalogError(f"{path} not found")
    labs = []
    for entry in runpy.run_path(str(path)).get("LABS", []):
        unknown = set(entry) - LAB_KEYS - OPTIONAL_KEYS
        if unknown or LAB_KEYS - set(entry):
            raise CatalogError(f"{path}: a lab needs the keys {sorted(LAB_KEYS)} (and may "
                               f"have {sorted(OPTIONAL_KEYS)}); "
                               f"{entry.get('name', '?')} has {sorted(entry)}")
        tests = tuple(_graded_test(entry["name"], t) for t in entry["tests"])
        ids = [t.id for t in tests]
        if len(set(ids)) != len(ids):
            raise CatalogError(f"{path}: lab {entry['name']} lists a test twice")
        labs.append(Lab(entry["name"], entry["title"], entry["handout"], tests,
                        tuple(entry.get("order", ()))))
    return labs


def find(name, root=ROOT):
    """The lab called `name`; CatalogError listing the known ones if none is."""
    labs = load(root)
    for lab in labs:
        if lab.name == name:
            return lab
    known = ", ".join(lab.name for lab in labs) or "none"
    if not name:
        raise CatalogError(f"no lab given: say LAB=NAME (labs: {known}; `make labs` lists them)")
    raise CatalogError(f"no lab called {name!r} (labs: {known}; `make labs` lists them)")
