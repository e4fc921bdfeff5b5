"""Test helpers: throwaway copies of the project with chosen content, and the CLI."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# What a project needs besides its content: site configs, theme overrides, hand-written pages.
SITE_FILES = ["mkdocs.yml", "workbook.yml", "overrides", "curriculum/guide", "curriculum/workbook",
              "hooks"]


def make_project(target: Path, content: Path = FIXTURES / "minimal") -> Path:
    """A copy of the project's site setup with the curriculum from `content`."""
    for name in SITE_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target / name)
    shutil.copy(content / "curriculum" / "program.yml", target / "curriculum" / "program.yml")
    shutil.copytree(content / "modules", target / "modules")
    return target


def run_iopkit(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the real command line, as an editor would, in the project folder."""
    return subprocess.run([sys.executable, "-m", "iopkit", *args], cwd=root,
                          capture_output=True, text=True, timeout=300)
