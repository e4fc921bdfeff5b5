"""What clients see: the parts of the curriculum the workbook shows, by source file.

The workbook shows the program's name, crisis lines, agreements, glossary and the local
facts clients need; tracks (Your week); each module's title and client summary; each
session's title and client part; and worksheets.
A build for clients refuses placeholders there (`iopkit serve` previews them as a draft).
"""

from __future__ import annotations

from pathlib import Path

from ..content.load import PROGRAM_FILE
from ..content.model import Curriculum
from ..content.placeholders import placeholder_problems
from ..content.problems import Problem
from ..content.yaml_source import DataPath


def client_parts(curriculum: Curriculum) -> list[tuple[str, DataPath, object]]:
    program = curriculum.program
    facts = program.local_facts
    parts: list[tuple[str, DataPath, object]] = [
        (PROGRAM_FILE, (name,), getattr(program, name))
        for name in ("name", "crisis_resources", "group_agreements", "glossary")]
    parts += [(PROGRAM_FILE, ("local_facts", name), getattr(facts, name))
              for name in ("after_hours", "naloxone_on_site", "meeting_lists",
                           "where_groups_meet", "if_you_miss_group")]
    parts += [(t.source, (), t.track) for t in curriculum.tracks]
    for module in curriculum.modules:
        parts += [(module.source, ("title",), module.module.title),
                  (module.source, ("client_summary",), module.module.client_summary)]
        for entry in module.sessions:
            parts += [(entry.source, ("title",), entry.session.title),
                      (entry.source, ("client",), entry.session.client)]
    parts += [(w.source, (), w.worksheet) for w in curriculum.worksheets.values()]
    return parts


def client_placeholders(root: Path, curriculum: Curriculum) -> list[Problem]:
    return placeholder_problems(root, client_parts(curriculum), "in text clients read")
