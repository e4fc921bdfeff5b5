"""What clients see: the parts of the curriculum the workbook shows, by source file.

The workbook shows the program (crisis lines, agreements), tracks (Your week), each
module's title and client summary, each session's title and client part, and worksheets.
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
    parts: list[tuple[str, DataPath, object]] = [(PROGRAM_FILE, (), curriculum.program)]
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
