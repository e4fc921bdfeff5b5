"""Load: find the curriculum's YAML files, parse them and build model objects.

Every file is read, and every problem in every file is collected, so an editor sees all
that is wrong in one run instead of fixing one error at a time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError

from ..protection.script_in_content import hostile_content
from .model import Module, Program, Session, Track, Worksheet
from .problems import Problem
from .pydantic_errors import problems_from_validation_error
from .yaml_source import YamlDocument, parse_yaml_bytes, read_ahead, read_all_yaml, read_yaml

Parsed = dict[Path, tuple[YamlDocument | None, list[Problem]]]

PROGRAM_FILE = "curriculum/program.yml"
TRACKS_DIR = "curriculum/tracks"
MODULES_DIR = "modules"
SESSION_FILE = re.compile(r"^(?P<order>\d{2})-(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)\.yml$")

M = TypeVar("M", bound=BaseModel)


@dataclass
class Loaded(Generic[M]):
    """A model object with the YAML it came from, kept for line numbers in cross-checks."""

    obj: M
    doc: YamlDocument


@dataclass
class LoadedModule:
    module: Loaded[Module] | None
    folder: str
    sessions: list[tuple[int, Loaded[Session]]] = field(default_factory=list)  # (order, session)
    worksheets: list[Loaded[Worksheet]] = field(default_factory=list)
    # Files that exist but did not load: their names stand in for their ids, so a session
    # that refers to a broken worksheet is not also told the worksheet does not exist.
    broken_files: list[str] = field(default_factory=list)


@dataclass
class LoadedFiles:
    program: Loaded[Program] | None = None
    modules: list[LoadedModule] = field(default_factory=list)
    tracks: list[Loaded[Track]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _strings(data: object, path: tuple = ()) -> list[tuple[tuple, str]]:
    """Every string in parsed YAML with its data path."""
    if isinstance(data, str):
        return [(path, data)]
    if isinstance(data, dict):
        return [found for key, value in data.items() for found in _strings(value, path + (key,))]
    if isinstance(data, list):
        return [found for i, value in enumerate(data) for found in _strings(value, path + (i,))]
    return []


def read_and_check(file: Path, root: Path) -> tuple[YamlDocument | None, list[Problem]]:
    """Read a file and refuse text that could run script in a reader's browser, at the
    line it was written on. Done as each file is read, so it shares the reading's cores."""
    doc, problems = read_yaml(file, root)
    if doc is not None:
        for path, text in _strings(doc.data):
            for reason in hostile_content(text):
                problems = problems + [doc.problem(path, reason)]
    return doc, problems


def load_model(file: Path, root: Path, model: type[M],
               parsed: Parsed | None = None) -> tuple[Loaded[M] | None, list[Problem]]:
    """A file as a model object; `parsed` holds files already read (see load_files)."""
    doc_and_problems = parsed[file] if parsed and file in parsed else read_and_check(file, root)
    return model_from_document(*doc_and_problems, model)


def load_model_from_bytes(raw: bytes, rel_path: str,
                          model: type[M]) -> tuple[Loaded[M] | None, list[Problem]]:
    """The same as load_model, for bytes that are not (yet) a file: used by the fuzz tests."""
    return model_from_document(*parse_yaml_bytes(raw, rel_path), model)


def model_from_document(doc: YamlDocument | None, problems: list[Problem],
                        model: type[M]) -> tuple[Loaded[M] | None, list[Problem]]:
    """The model object, or None with every problem: those found reading the file (which
    may come with a document, e.g. unsafe text) and those of the model."""
    if doc is None:
        return None, problems
    if not isinstance(doc.data, dict):
        found = "is empty" if doc.data is None else f"holds a {type(doc.data).__name__}"
        return None, problems + [Problem(doc.path, 1, 1, f"the file {found}; a "
                                                         f"{model.__name__.lower()} file is "
                                                         "'key: value' lines (see the schema)")]
    try:
        obj = model.model_validate(doc.data)
    except ValidationError as err:
        return None, problems + problems_from_validation_error(err, model, doc)
    return (None, problems) if problems else (Loaded(obj, doc), [])


def _load_module_folder(folder: Path, root: Path, problems: list[Problem],
                        parsed: Parsed) -> LoadedModule:
    rel = folder.relative_to(root).as_posix()
    module_file = folder / "module.yml"
    loaded = LoadedModule(module=None, folder=rel)
    if not module_file.is_file():
        problems.append(Problem(rel, 0, 0, "module folder has no module.yml; add one "
                                           "(`iopkit new module` writes a starting point)"))
    else:
        loaded.module, found = load_model(module_file, root, Module, parsed)
        problems.extend(found)
    for file in sorted(folder.iterdir()):
        if file.name == "module.yml" or file.is_dir() and file.name == "worksheets":
            continue
        match = SESSION_FILE.match(file.name)
        if not match:
            if not file.name.startswith("."):
                problems.append(Problem(
                    file.relative_to(root).as_posix(), 0, 0,
                    "unexpected file in a module folder; session files are named "
                    "NN-session-id.yml (e.g. 03-coping-with-cravings.yml), worksheets go in "
                    "worksheets/"))
            continue
        session, found = load_model(file, root, Session, parsed)
        problems.extend(found)
        if session is not None:
            loaded.sessions.append((int(match["order"]), session))
        else:
            loaded.broken_files.append(match["id"])
    worksheet_dir = folder / "worksheets"
    if worksheet_dir.is_dir():
        for file in sorted(worksheet_dir.iterdir()):
            if file.suffix != ".yml":
                problems.append(Problem(file.relative_to(root).as_posix(), 0, 0,
                                        "only worksheet .yml files belong in worksheets/"))
                continue
            worksheet, found = load_model(file, root, Worksheet, parsed)
            problems.extend(found)
            if worksheet is not None:
                loaded.worksheets.append(worksheet)
            else:
                loaded.broken_files.append(file.stem)
    return loaded


def _curriculum_files(root: Path) -> list[Path]:
    files = [root / PROGRAM_FILE] if (root / PROGRAM_FILE).is_file() else []
    return files + sorted(p for folder in (TRACKS_DIR, MODULES_DIR)
                          for p in (root / folder).rglob("*.yml") if p.is_file())


def read_curriculum_ahead(root: Path) -> None:
    """Start reading the curriculum's files on another core; load_files takes them
    (yaml_source.stop_reading_ahead stops them where nothing will)."""
    read_ahead(_curriculum_files(root), root, read_and_check)


def load_files(root: Path) -> LoadedFiles:
    """Read program.yml and every module folder under modules/."""
    result = LoadedFiles()
    parsed = read_all_yaml(_curriculum_files(root), root, read_and_check)
    program_file = root / PROGRAM_FILE
    if not program_file.is_file():
        result.problems.append(Problem(PROGRAM_FILE, 0, 0, "program file is missing; every "
                                                           "curriculum needs one"))
    else:
        result.program, found = load_model(program_file, root, Program, parsed)
        result.problems.extend(found)
    tracks_dir = root / TRACKS_DIR
    for file in sorted(tracks_dir.glob("*")) if tracks_dir.is_dir() else []:
        if file.suffix != ".yml":
            result.problems.append(Problem(file.relative_to(root).as_posix(), 0, 0,
                                           "only track .yml files belong in curriculum/tracks/"))
            continue
        track, found = load_model(file, root, Track, parsed)
        result.problems.extend(found)
        if track is not None:
            result.tracks.append(track)
    modules_dir = root / MODULES_DIR
    if not modules_dir.is_dir():
        result.problems.append(Problem(MODULES_DIR, 0, 0, "modules folder is missing"))
        return result
    for folder in sorted(p for p in modules_dir.iterdir() if p.is_dir()):
        result.modules.append(_load_module_folder(folder, root, result.problems, parsed))
    return result
