"""`iopkit new module|session`: starting files that validate and whose TODOs lint reports.

The files carry the schema line for editors' YAML extensions and a TODO wherever an
editor must write something, so `iopkit lint` lists what is left to do.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..content.load import MODULES_DIR, PROGRAM_FILE, SESSION_FILE, load_model
from ..content.model import Program
from ..content.problems import did_you_mean
from .schema import schema_line


class ScaffoldError(Exception):
    """Something the editor asked for cannot be made; the message says why and what to do."""


def slug(title: str) -> str:
    text = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return text[:60].rstrip("-")


def _write_new(path: Path, root: Path, kind: str, body: str) -> Path:
    if path.exists():
        raise ScaffoldError(f"{path.relative_to(root).as_posix()} already exists; choose "
                            "another id or title")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(schema_line(kind, path, root) + "\n" + body, encoding="utf-8")
    return path


def _program(root: Path) -> Program:
    if not (root / PROGRAM_FILE).is_file():
        raise ScaffoldError(f"{PROGRAM_FILE} is missing; run iopkit in the program's folder "
                            "(iopkit init makes one)")
    program, problems = load_model(root / PROGRAM_FILE, root, Program)
    if program is None:
        raise ScaffoldError(f"{PROGRAM_FILE} cannot be read ({len(problems)} problem(s)); run "
                            "iopkit validate and fix it first")
    return program.obj


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def new_module(root: Path, module_id: str, focus_area: str, title: str, today: str) -> Path:
    if slug(module_id) != module_id:
        raise ScaffoldError(f"'{module_id}' is not a valid id; use lowercase words joined by "
                            f"hyphens, e.g. '{slug(module_id) or 'coping-skills'}'")
    areas = [area.id for area in _program(root).focus_areas]
    if focus_area not in areas:
        raise ScaffoldError(f"focus area '{focus_area}' is not one of the program's: "
                            f"{', '.join(areas)}{did_you_mean(focus_area, areas)} (add new ones "
                            f"to focus_areas in {PROGRAM_FILE})")
    body = f"""id: {module_id}
title: {_quoted(title)}
focus_area: {focus_area}
summary: "TODO: two or three sentences for facilitators: what this module covers and why."
client_summary: "TODO: one or two plain sentences for clients (grade 6)."
goals:
  - "TODO: what participants will be able to do after this module."
# TODO: add at least one reference: authors, year, title, published_in (and url if any).
references: []
last_reviewed: {today}
"""
    return _write_new(root / MODULES_DIR / module_id / "module.yml", root, "module", body)


def _agenda(minutes: int) -> list[tuple[str, int, str]]:
    rest = minutes - 20
    teach, discussion = round(rest * 0.3), round(rest * 0.3)
    return [("Check-in", 10, "check-in"), ("TODO: teaching topic", teach, "teach"),
            ("Discussion", discussion, "discussion"),
            ("TODO: activity", rest - teach - discussion, "activity"),
            ("Check-out", 10, "check-out")]


def new_session(root: Path, module_id: str, title: str, minutes: int) -> Path:
    folder = root / MODULES_DIR / module_id
    if not (folder / "module.yml").is_file():
        raise ScaffoldError(f"no module '{module_id}' (modules/{module_id}/module.yml); create "
                            f"it first with: iopkit new module {module_id} --focus-area ... "
                            "--title ...")
    if not 30 <= minutes <= 240:
        raise ScaffoldError(f"--minutes {minutes}: a session lasts 30 to 240 minutes")
    session_id = slug(title)
    if not session_id:
        raise ScaffoldError("the title needs at least one letter or digit to make an id from")
    numbers = [int(m["order"]) for f in folder.iterdir() if (m := SESSION_FILE.match(f.name))]
    number = max(numbers, default=0) + 1
    agenda = "\n".join(f"  - {{ title: {_quoted(t)}, minutes: {m}, kind: {k} }}"
                       for t, m, k in _agenda(minutes))
    body = f"""id: {session_id}
title: {_quoted(title)}
minutes: {minutes}
objectives:
  - "TODO: participants will be able to ..."
materials:
  - "TODO: what to bring or print"
agenda:
{agenda}
worksheets: []
facilitator:
  check_in: "TODO: the check-in question."
  talking_points:
    - title: "TODO: point"
      text: "TODO: what to say, in your own words, and why it matters."
  discussion:
    - question: "TODO: an open question"
      probes:
        - "TODO: a follow-up question"
  activity:
    title: "TODO: activity name"
    purpose: "TODO: what the activity is for."
    steps:
      - "TODO: first step"
      - "TODO: second step"
  notes:
    - kind: safety
      text: "TODO: what to watch for and what to do."
  adaptations:
    - title: "Telehealth"
      text: "TODO: how to run this session online."
  fidelity_checklist:
    - "TODO: what a supervisor would check happened."
  check_out: "TODO: the check-out question."
client:
  purpose: "TODO: one plain sentence: what this session is for."
  reading: |
    TODO: 250 to 500 words in plain language (grade 6), addressed to the reader as "you".
  key_points:
    - "TODO: a key point"
  practice:
    - "TODO: one thing to practise this week"
  takeaways:
    - "TODO: a takeaway"
"""
    return _write_new(folder / f"{number:02d}-{session_id}.yml", root, "session", body)
