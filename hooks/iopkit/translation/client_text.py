"""Every piece of text a client reads, with where it is written: what a translator translates.

Chosen field by field from what the workbook shows, never from the whole curriculum, so
that facilitator-only text (a session's facilitator part, a module's summary, the program's
reporting rules and safety protocols) is never offered for translation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..content.model import Curriculum
from ..content.text_fields import text_fields
from ..content.yaml_source import DataPath, read_yaml

PROGRAM_FILE = "curriculum/program.yml"
WORKBOOK_PAGES = "curriculum/workbook"
# Parts of client-facing objects that are not words to translate.
NOT_WORDS = {"contacts", "replaces"}


@dataclass(frozen=True)
class ClientText:
    text: str
    file: str  # relative to the project root
    line: int
    where: str  # the YAML path, e.g. client.key_points.2; "" for a Markdown page


def _dotted(path: DataPath) -> str:
    return ".".join(str(part) for part in path)


def _parts(curriculum: Curriculum) -> list[tuple[str, DataPath, object]]:
    """(file, YAML path, value) of each client-facing part of the curriculum."""
    program = curriculum.program
    facts = program.local_facts
    parts: list[tuple[str, DataPath, object]] = [
        (PROGRAM_FILE, ("name",), program.name),
        (PROGRAM_FILE, ("crisis_resources",), program.crisis_resources),
        (PROGRAM_FILE, ("group_agreements",), program.group_agreements),
        (PROGRAM_FILE, ("glossary",), program.glossary),
    ]
    for name in ("after_hours", "naloxone_on_site", "meeting_lists", "where_groups_meet",
                 "if_you_miss_group"):  # reporting_rules is for staff
        if getattr(facts, name) is not None:
            parts.append((PROGRAM_FILE, ("local_facts", name), getattr(facts, name)))
    for module in curriculum.modules:
        parts += [(module.source, ("title",), module.module.title),
                  (module.source, ("client_summary",), module.module.client_summary)]
        for entry in module.sessions:
            parts += [(entry.source, ("title",), entry.session.title),
                      (entry.source, ("client",), entry.session.client)]
    for worksheet in curriculum.worksheets.values():
        parts.append((worksheet.source, (), worksheet.worksheet))
    for track in curriculum.tracks:
        parts += [(track.source, ("title",), track.track.title),
                  (track.source, ("what_to_bring",), track.track.what_to_bring)]
        for n, phase in enumerate(track.track.phases):
            parts += [(track.source, ("phases", n, "title"), phase.title)]
            if phase.description:
                parts.append((track.source, ("phases", n, "description"), phase.description))
    return parts


def curriculum_texts(root: Path, curriculum: Curriculum) -> list[ClientText]:
    """The client-facing text of a valid curriculum, each at its file and line."""
    found: list[tuple[str, DataPath, str]] = []
    for file, base, value in _parts(curriculum):
        for path, text in text_fields(value, base):
            if not NOT_WORDS.intersection(str(part) for part in path):
                found.append((file, path, text))
    documents = {file: read_yaml(root / file, root)[0] for file in {f for f, _, _ in found}}
    texts = []
    for file, path, text in found:
        document = documents[file]
        line = document.position_of(path)[0] if document else 0
        texts.append(ClientText(text, file, line, _dotted(path)))
    return texts


_FENCE = re.compile(r"^(```|~~~)")


def page_texts(root: Path) -> list[ClientText]:
    """The workbook's hand-written pages, a block (paragraph, list, heading) at a time."""
    texts = []
    folder = root / WORKBOOK_PAGES
    for page in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        rel = page.relative_to(root).as_posix()
        block: list[str] = []
        start, fenced = 0, False
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines() + [""], 1):
            if _FENCE.match(line.strip()):
                fenced = not fenced
            if line.strip() or fenced:
                if not block:
                    start = number
                block.append(line)
            elif block:
                texts.append(ClientText("\n".join(block), rel, start, ""))
                block = []
    return texts
