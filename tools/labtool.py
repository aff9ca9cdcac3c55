#!/usr/bin/env python3
"""Course labs: list them, write a starter tree, grade one, prove them all.

    python3 tools/labtool.py list
    python3 tools/labtool.py starter LAB OUT
    python3 tools/labtool.py grade LAB [--build DIR] [--format gradescope] [--results FILE]
    python3 tools/labtool.py proof [--build DIR] [LAB ...]
    python3 tools/labtool.py hang [--build DIR] [--kind spin|idle] [LAB ...]

The make targets `labs`, `lab-starter`, `grade`, `lab-proof` and `lab-hang` call these;
tools/labs/ does the work (see its modules' docstrings).
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from labs import catalog, grade, hang, proof, regions, starter  # noqa: E402

ROOT = catalog.ROOT


def build_dir(text):
    path = Path(text)
    return path if path.is_absolute() else ROOT / path


def list_labs(_args):
    print(f"{'lab':10s} {'points':>6s}  {'title':38s} handout")
    for lab in catalog.load():
        print(f"{lab.name:10s} {lab.points:6d}  {lab.title:38s} {lab.handout}")
    print("make lab-starter LAB=NAME OUT=DIR   writes a lab's starter tree;"
          " make grade LAB=NAME grades it")
    return 0


def write_starter(args):
    lab = catalog.find(args.lab)
    stubbed = starter.write_starter(lab, args.out)
    print(f"Wrote the starter tree of lab {lab.name} to {args.out}")
    for region in stubbed:
        print(f"  to write: {region.name} in {region.path}")
    print(f"Read {lab.handout}, then: cd {args.out} && make grade LAB={lab.name}")
    return 0


def grade_lab(args):
    lab = catalog.find(args.lab)
    if args.format not in ("", "text", "gradescope"):
        raise catalog.CatalogError(f"unknown FORMAT={args.format!r}: use gradescope, "
                                   "or leave it empty")
    score, _ = grade.grade(lab, ROOT, build_dir(args.build), jobs=args.jobs, fmt=args.format,
                           results_path=args.results or None)
    return 0 if score == lab.points else 1


def prove_labs(args):
    return proof.prove(ROOT, build_dir(args.build), args.labs)


def hang_labs(args):
    kinds = [args.kind] if args.kind else sorted(hang.LOOPS)
    if set(kinds) - set(hang.LOOPS):
        raise catalog.CatalogError(f"unknown HANG={args.kind!r}: use spin or idle")
    return hang.run(ROOT, build_dir(args.build), args.labs, kinds)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="labtool.py", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list").set_defaults(run=list_labs)
    p = sub.add_parser("starter")
    p.add_argument("lab")
    p.add_argument("out")
    p.set_defaults(run=write_starter)
    p = sub.add_parser("grade")
    p.add_argument("lab")
    p.add_argument("--build", default="build")
    p.add_argument("--format", default="")
    p.add_argument("--results", default="")
    p.add_argument("--jobs", "-j", type=int, default=grade.JOBS)
    p.set_defaults(run=grade_lab)
    p = sub.add_parser("proof")
    p.add_argument("labs", nargs="*")
    p.add_argument("--build", default="build")
    p.set_defaults(run=prove_labs)
    p = sub.add_parser("hang")
    p.add_argument("labs", nargs="*")
    p.add_argument("--build", default="build")
    p.add_argument("--kind", default="")
    p.set_defaults(run=hang_labs)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (catalog.CatalogError, regions.RegionError, starter.StarterError) as error:
        print(f"labs: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
