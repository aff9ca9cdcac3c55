"""make lab-starter LAB=NAME OUT=DIR: the tree a student starts a lab from.

A copy of the repository's files (what git tracks, plus new files it does
not ignore: no build output), in which the lab's solution regions are
replaced by their stubs; the other labs' regions keep their solutions.
The copy is made a git repository with one commit, so the student's
`git diff` shows exactly their own work.
"""

import shutil
import subprocess
from pathlib import Path

from . import regions
from .catalog import ROOT

GIT_IDENTITY = ["-c", "user.name=Pagoda labs", "-c", "user.email=labs@pagoda.invalid"]


class StarterError(Exception):
    """OUT cannot be written; the message says why."""


def repository_files(root):
    """Relative paths of the files to copy: tracked, or new and not ignored."""
    result = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "--cached",
                             "--others", "--exclude-standard"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise StarterError(f"git ls-files in {root} failed: {result.stderr.strip()}")
    return [p for p in result.stdout.split("\0") if p and (Path(root) / p).is_file()]


def check_out_dir(out):
    if not str(out):
        raise StarterError("no output directory given: say OUT=DIR")
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise StarterError(f"{out} exists and is not a directory: choose a new OUT")
    if out.exists() and any(out.iterdir()):
        raise StarterError(f"{out} exists and is not empty: choose a new OUT, "
                           f"or remove it first")


def commit_tree(out, lab):
    for argv in (["init", "-q"], ["add", "-A"],
                 ["commit", "-q", "-m", f"Starter code of lab {lab.name}: {lab.title}"]):
        result = subprocess.run(["git", *GIT_IDENTITY, "-C", str(out), *argv],
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise StarterError(f"git {argv[0]} in {out} failed: {result.stderr.strip()}")


def copy_tree(root, out):
    """Copy the repository's files (repository_files) from root to out."""
    out = Path(out)
    for rel in repository_files(root):
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(Path(root) / rel, target)


def write_starter(lab, out, root=ROOT, git=True):
    """Write lab's starter tree to out; returns the regions stubbed out."""
    check_out_dir(str(out))
    regions.lab_regions(lab, root)          # fail before writing anything
    out = Path(out)
    copy_tree(root, out)
    stubbed = regions.stub_out(lab, out)
    if git:
        commit_tree(out, lab)
    return stubbed
