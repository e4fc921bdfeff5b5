"""`iopkit init DIR`: a new program repository that validates, builds and passes its own CI.

A program's repository holds only its content and settings; iopkit (the MkDocs plugin, the
theme, the templates) comes installed, at the version requirements.txt pins. The site
configs, hand-written pages and overrides/ come from iopkit's sample program, the same files
this project builds its own sites with; the content is a minimal program (starter/), or,
with `sample`, the sample program's whole curriculum to adapt.
"""

from __future__ import annotations

import importlib.metadata
import json
import re
import shutil
from pathlib import Path

from ..content.load import PROGRAM_FILE
from .schema import write_schemas

PACKAGE = Path(__file__).resolve().parent.parent
STARTER = Path(__file__).resolve().parent / "starter"
# From the sample program: how the two sites are set up, and their hand-written pages.
SITE_SETUP = ("mkdocs.yml", "workbook.yml", "overrides", "curriculum/guide", "curriculum/workbook")
# The content: the starter's or, with --sample, the sample program's.
CONTENT = ("curriculum/program.yml", "curriculum/tracks", "modules", "locale")
# Starter files stored without their leading dot, which package data would drop.
RENAMED = {"gitignore": ".gitignore", "github": ".github"}


class InitError(Exception):
    """The program cannot be made there; the message says why and what to do."""


def sample_root() -> Path:
    """The sample program: bundled into an installed package (setup.py), or the checkout
    iopkit runs from."""
    for root in (PACKAGE / "sample", PACKAGE.parent.parent):
        if (root / PROGRAM_FILE).is_file() and (root / "mkdocs.yml").is_file():
            return root
    raise InitError("this installation of iopkit has no sample program to copy; reinstall "
                    "it from its repository (pip install git+URL)")


def requirement() -> str:
    """The pip requirement for the iopkit running now, as it was installed (PEP 610), so
    the new program builds with this version until someone raises the pin."""
    distribution = importlib.metadata.distribution("iopkit")
    origin = distribution.read_text("direct_url.json")
    if origin:
        info = json.loads(origin)
        vcs = info.get("vcs_info")
        if vcs:
            revision = vcs.get("requested_revision") or vcs.get("commit_id")
            return f"iopkit @ {vcs['vcs']}+{info['url']}@{revision}"
        return f"iopkit @ {info['url']}"
    return f"iopkit=={distribution.version}"


def _copy(source: Path, target: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


def _name_the_program(program_file: Path, folder_name: str) -> None:
    """The program's id names the answers its clients save; a new program gets its own (from
    its folder's name), so it never reads or erases the answers of the program it came from."""
    program_id = re.sub(r"[^a-z0-9]+", "-", folder_name.lower()).strip("-")[:60] or "program"
    text = program_file.read_text(encoding="utf-8")
    program_file.write_text(re.sub(r"(?m)^id: .*$", f"id: {program_id}", text, count=1),
                            encoding="utf-8")


def init_program(target: Path, *, sample: bool = False) -> list[str]:
    """Write a new program into `target` (new or empty); the files written, relative."""
    if target.is_file() or (target.is_dir() and any(target.iterdir())):
        raise InitError(f"{target} is not empty; name a new or empty folder for the program")
    origin = sample_root()
    target.mkdir(parents=True, exist_ok=True)
    for name in SITE_SETUP:
        _copy(origin / name, target / name)
    for name in CONTENT:
        source = (origin if sample else STARTER) / name
        if source.exists():  # a sample may have no tracks yet; the starter no translations
            _copy(source, target / name)
    for item in sorted(STARTER.iterdir()):
        if item.name not in ("curriculum", "modules"):
            _copy(item, target / RENAMED.get(item.name, item.name))
    _name_the_program(target / PROGRAM_FILE, target.name)
    (target / "requirements.txt").write_text(
        "# The iopkit this program is built with. To upgrade, change it and run\n"
        f"# pip install -U -r requirements.txt\n{requirement()}\n", encoding="utf-8")
    write_schemas(target)
    return sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
