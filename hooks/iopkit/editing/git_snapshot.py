"""A project as it was at a git revision, in a throwaway folder, for `iopkit diff`.

`git archive` writes the revision's files without touching the repository, its index or
its working tree (no checkout, no worktree to clean up if the command is stopped).
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path


class SnapshotError(Exception):
    """A revision that cannot be read, said in one line with what to do."""


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, timeout=120)
    except FileNotFoundError:
        raise SnapshotError("git is not installed; iopkit diff reads revisions with git") from None


def resolve_commit(root: Path, revision: str) -> str:
    """The full commit id a revision names, or SnapshotError."""
    if _git(root, "rev-parse", "--show-toplevel").returncode != 0:
        raise SnapshotError(f"{root} is not in a git repository; iopkit diff compares git "
                            "revisions")
    found = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options",
                 f"{revision}^{{commit}}")
    if found.returncode != 0:
        raise SnapshotError(f"'{revision}' is not a commit of this repository (see `git log "
                            "--oneline`; in CI, fetch it first, e.g. actions/checkout with "
                            "fetch-depth: 0)")
    return found.stdout.decode().strip()


def short_commit(root: Path, commit: str) -> str:
    shown = _git(root, "rev-parse", "--short", commit)
    return shown.stdout.decode().strip() if shown.returncode == 0 else commit[:7]


def extract(root: Path, commit: str, target: Path) -> Path:
    """The project folder (`root`, which may be a sub-folder of the repository) as it was
    at `commit`, written into `target`; returns `target`."""
    prefix = _git(root, "rev-parse", "--show-prefix").stdout.decode().strip()
    tree = f"{commit}:{prefix}" if prefix else commit
    archive = _git(root, "archive", "--format=tar", tree)
    if archive.returncode != 0:
        raise SnapshotError(f"commit {commit[:7]} has no folder {prefix.rstrip('/')}: "
                            f"{archive.stderr.decode().strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later
            tar.extractall(target, filter="data")
        else:  # git archive writes plain files and folders under the tree, nothing else
            tar.extractall(target)
    return target
