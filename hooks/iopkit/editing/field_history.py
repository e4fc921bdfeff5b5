"""Which worksheet fields an edit removed or renamed, from git history.

A client's answer is saved under its field's id. When a pull request removes or renames a
field without `replaces: old-id`, clients' answers to it show only as "Earlier answers":
lint says so at the worksheet's line, so the editor can add `replaces`. Each worksheet is
compared with its last committed version when it has uncommitted changes, else with the
version before the last commit that changed it (`base` compares every file with one
revision instead, e.g. a pull request's target branch).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True,
                                timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def _changed(root: Path, *revisions: str) -> set[str]:
    listed = _git(root, "diff", "--name-only", *revisions, "--", "modules")
    return set(listed.split()) if listed else set()


def _field_ids(text: str) -> list[str]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return []
    fields = data.get("fields") if isinstance(data, dict) else None
    return [f["id"] for f in fields or [] if isinstance(f, dict) and isinstance(f.get("id"), str)]


def earlier_field_ids(root: Path, worksheet_paths: list[str],
                      base: str | None = None) -> dict[str, list[str]]:
    """For each worksheet (path relative to root) that existed before: its field ids then.
    Empty where there is no git history to compare with."""
    if _git(root, "rev-parse", "--verify", "-q", "HEAD") is None:
        return {}
    if base is not None:
        revision_of = {path: base for path in worksheet_paths}
    else:
        uncommitted = _changed(root, "HEAD")
        last_commit = _changed(root, "HEAD~1", "HEAD") \
            if _git(root, "rev-parse", "--verify", "-q", "HEAD~1") is not None else set()
        revision_of = {path: "HEAD" if path in uncommitted else "HEAD~1"
                       for path in worksheet_paths if path in uncommitted | last_commit}
    earlier = {}
    for path, revision in revision_of.items():
        text = _git(root, "show", f"{revision}:{path}")
        if text is not None:
            earlier[path] = _field_ids(text)
    return earlier
