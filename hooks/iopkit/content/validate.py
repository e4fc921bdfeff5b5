"""Validate: the checks that span files, then the assembled, trusted curriculum.

`load_curriculum` is what every command and the MkDocs hook call: it either returns a
Curriculum every later stage can trust, or raises ContentError listing every problem.
"""

from __future__ import annotations

from pathlib import Path

from .load import Loaded, LoadedFiles, LoadedModule, load_files
from .model import (
    Curriculum,
    Module,
    ModuleEntry,
    Program,
    Session,
    SessionEntry,
    TableField,
    TrackEntry,
    WorksheetEntry,
)
from .problems import ContentError, Problem, did_you_mean, errors_in
from .track_checks import check_track
from .track_plan import plan_weeks


def _check_module(entry: LoadedModule, problems: list[Problem]) -> None:
    assert entry.module is not None
    folder_name = entry.folder.rsplit("/", 1)[-1]
    module = entry.module.obj
    if module.id != folder_name:
        problems.append(entry.module.doc.problem(("id",),
                            f"module id '{module.id}' differs from its folder name "
                            f"'{folder_name}'; rename one so they match"))
    orders: dict[int, str] = {}
    for order, loaded in entry.sessions:
        session = loaded.obj
        file_id = loaded.doc.path.rsplit("/", 1)[-1][3:-4]
        if session.id != file_id:
            problems.append(loaded.doc.problem(("id",), f"session id '{session.id}' differs from the "
                                                 f"file name's '{file_id}'; rename one so they match"))
        if order in orders:
            problems.append(Problem(loaded.doc.path, 0, 0, f"number {order:02d} is also used by "
                                                           f"{orders[order]}; give each session "
                                                           "its own number"))
        orders[order] = loaded.doc.path
        _check_agenda(loaded, session, problems)


def _check_agenda(loaded: Loaded, session: Session, problems: list[Problem]) -> None:
    total = sum(segment.minutes for segment in session.agenda)
    if total != session.minutes:
        problems.append(loaded.doc.problem(("minutes",),
                            f"minutes: the agenda adds up to {total} minutes but the session is "
                            f"{session.minutes}; change a segment's minutes or the session's "
                            "minutes so they agree"))
    if session.agenda[-1].kind != "check-out":
        problems.append(loaded.doc.problem(("agenda", len(session.agenda) - 1, "kind"),
                            f"agenda[{len(session.agenda)}]: end with a check-out; make the last "
                            "segment's kind 'check-out'", "warning"))


def _check_worksheet(loaded: Loaded, problems: list[Problem]) -> None:
    worksheet = loaded.obj
    file_id = loaded.doc.path.rsplit("/", 1)[-1][:-4]
    if worksheet.id != file_id:
        problems.append(loaded.doc.problem(("id",), f"worksheet id '{worksheet.id}' differs from the "
                                             f"file name '{file_id}.yml'; rename one so they match"))
    seen: set[str] = set()
    for index, field in enumerate(worksheet.fields):
        if isinstance(field, TableField) and field.row_labels and field.rows is not None:
            problems.append(loaded.doc.problem(
                ("fields", index, "rows"), f"fields[{index + 1}]: give rows or row_labels, "
                "not both; with row_labels there is one row for each label"))
        if field.id in seen:
            problems.append(loaded.doc.problem(("fields", index, "id"),
                                f"fields[{index + 1}].id: '{field.id}' is used twice in this "
                                "worksheet; answers are saved by field id, so make each unique"))
        seen.add(field.id)


def _check_unique(items: list[tuple[str, Loaded]], what: str, problems: list[Problem]) -> None:
    first_seen: dict[str, Loaded] = {}
    for item_id, loaded in items:
        if item_id in first_seen:
            problems.append(loaded.doc.problem(("id",), f"{what} id '{item_id}' is already used in "
                                                 f"{first_seen[item_id].doc.path}; ids must be "
                                                 "unique across the curriculum"))
        else:
            first_seen[item_id] = loaded


def cross_check(files: LoadedFiles) -> list[Problem]:
    problems: list[Problem] = []
    # Only module folders whose module.yml loaded; the rest already have their problems.
    modules = [(m, m.module) for m in files.modules if m.module is not None]
    sessions = [s for m in files.modules for _, s in m.sessions]
    worksheets = [w for m in files.modules for w in m.worksheets]
    _check_unique([(module.obj.id, module) for _, module in modules], "module", problems)
    _check_unique([(s.obj.id, s) for s in sessions], "session", problems)
    _check_unique([(w.obj.id, w) for w in worksheets], "worksheet", problems)
    # Warnings about what is missing or unused would mislead while some files did not load.
    all_loaded = not any(m.broken_files for m in files.modules)
    for entry, module in modules:
        _check_module(entry, problems)
        if not entry.sessions and all_loaded:
            problems.append(Problem(module.doc.path, 0, 0,
                                    "module has no sessions yet; add a file such as "
                                    "01-first-session.yml beside module.yml", "warning"))
    for loaded in worksheets:
        _check_worksheet(loaded, problems)
    worksheet_ids = sorted(w.obj.id for w in worksheets)
    broken = {name for m in files.modules for name in m.broken_files}
    used: set[str] = set()
    for session in sessions:
        for index, ref in enumerate(session.obj.worksheets):
            used.add(ref)
            if ref not in worksheet_ids and ref not in broken:
                problems.append(session.doc.problem(("worksheets", index),
                                    f"worksheets[{index + 1}]: no worksheet has id '{ref}'"
                                    f"{did_you_mean(ref, worksheet_ids)} (worksheets live in "
                                    "modules/<module>/worksheets/<id>.yml)"))
    for loaded in worksheets:
        if loaded.obj.id not in used and all_loaded:
            problems.append(loaded.doc.problem(("id",), "no session uses this worksheet; list its id "
                                                 "under a session's worksheets:", "warning"))
    if files.program is not None:
        problems += _check_program_order(files.program, [module for _, module in modules])
    _check_unique([(t.obj.id, t) for t in files.tracks], "track", problems)
    if all_loaded:  # a track's references are only checkable when every session loaded
        session_files = {s.obj.id: s for s in sessions}
        program = files.program.obj if files.program else None
        for track in files.tracks:
            problems += check_track(track, session_files, _module_sessions(files), program)[1]
    return problems


def _module_sessions(files: LoadedFiles) -> dict[str, list[str]]:
    """Each module's session ids in order, as a track's rotation takes them."""
    return {m.module.obj.id: [s.obj.id for _, s in sorted(m.sessions, key=lambda p: p[0])]
            for m in files.modules if m.module is not None}


def _check_program_order(program: Loaded[Program], modules: list[Loaded[Module]]) -> list[Problem]:
    """Focus areas are the program's own: each module names one of them, and module_order
    names only modules that exist, once each."""
    problems = []
    area_ids = [area.id for area in program.obj.focus_areas]
    for index, area_id in enumerate(area_ids):
        if area_id in area_ids[:index]:
            problems.append(program.doc.problem(
                ("focus_areas", index, "id"), f"focus_areas[{index + 1}]: '{area_id}' is listed "
                "twice; list each focus area once"))
    for module in modules:
        area = module.obj.focus_area
        if area not in area_ids:
            problems.append(module.doc.problem(
                ("focus_area",), f"focus_area: '{area}' is not one of the program's focus areas "
                f"({', '.join(area_ids)}){did_you_mean(area, area_ids)}; use one of them, or add "
                "it to focus_areas in curriculum/program.yml"))
    module_ids = sorted(module.obj.id for module in modules)
    order = program.obj.module_order
    for index, module_id in enumerate(order):
        if module_id not in module_ids:
            problems.append(program.doc.problem(
                ("module_order", index), f"module_order[{index + 1}]: no module has id "
                f"'{module_id}'{did_you_mean(module_id, module_ids)}"))
        elif module_id in order[:index]:
            problems.append(program.doc.problem(
                ("module_order", index), f"module_order[{index + 1}]: '{module_id}' is listed "
                "twice; list each module once"))
    return problems


def module_sort_key(program: Program):
    """Modules in the program's order: those in module_order first, as listed; the rest
    by focus area (in the program's order), then by id."""
    listed = {module_id: index for index, module_id in enumerate(program.module_order)}
    areas = {area.id: index for index, area in enumerate(program.focus_areas)}

    def key(module: Module) -> tuple[int, int, str]:
        return (listed.get(module.id, len(listed)), areas.get(module.focus_area, len(areas)),
                module.id)
    return key


def _module_of(entry: LoadedModule) -> Module:
    assert entry.module is not None
    return entry.module.obj


def _module_entry(files: LoadedModule) -> ModuleEntry:
    assert files.module is not None
    module = files.module
    return ModuleEntry(
        module=module.obj, source=module.doc.path,
        sessions=[SessionEntry(session=s.obj, source=s.doc.path, module_id=module.obj.id)
                  for _, s in sorted(files.sessions, key=lambda pair: pair[0])])


def assemble(files: LoadedFiles) -> Curriculum:
    """Build the Curriculum from files that passed every check."""
    assert files.program is not None and all(m.module for m in files.modules)
    in_program_order = module_sort_key(files.program.obj)
    modules = sorted(files.modules, key=lambda entry: in_program_order(_module_of(entry)))
    return Curriculum(
        program=files.program.obj,
        modules=[_module_entry(m) for m in modules],
        worksheets={w.obj.id: WorksheetEntry(worksheet=w.obj, source=w.doc.path)
                    for m in modules for w in m.worksheets},
        tracks=[TrackEntry(track=t.obj, source=t.doc.path,
                           weeks=plan_weeks(t.obj, _module_sessions(files)))
                for t in files.tracks],
    )


def check_curriculum(root: Path) -> tuple[Curriculum | None, list[Problem]]:
    """Load and cross-check; the curriculum is None when any error was found."""
    return check_files(load_files(root))


def check_files(files: LoadedFiles) -> tuple[Curriculum | None, list[Problem]]:
    """Cross-check loaded files; the curriculum is None when any error was found."""
    problems = list(files.problems)
    problems += cross_check(files)
    if errors_in(problems):
        return None, problems
    return assemble(files), problems


def load_curriculum(root: Path) -> tuple[Curriculum, list[Problem]]:
    """The validated curriculum and its warnings; raises ContentError on any error."""
    curriculum, problems = check_curriculum(root)
    if curriculum is None:
        raise ContentError(problems)
    return curriculum, problems
