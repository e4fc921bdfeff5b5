"""`iopkit report`: per session, how client text reads, how long the reading is, and
wording that is not person-first. Editors run it while writing; issue notes quote it."""

from __future__ import annotations

import statistics
from pathlib import Path

from .quality import client_blocks, plain_text, reading_grade, stigmatizing_terms
from .text_blocks import text_blocks
from .validate import load_curriculum


def content_report(root: Path) -> str:
    curriculum, _ = load_curriculum(root)
    lines = []
    for module in curriculum.modules:
        grades = []
        lines.append(f"{module.module.id} ({len(module.sessions)} sessions)")
        for entry in module.sessions:
            session = entry.session
            worksheets = [curriculum.worksheets[w].worksheet for w in session.worksheets]
            grade = reading_grade(client_blocks(session, worksheets))
            grades.append(grade)
            words = len(plain_text(session.client.reading).split())
            lines.append(f"  {session.id}: grade {grade:.1f}, reading {words} words, "
                         f"{session.minutes} min")
            every_block = text_blocks(session) + text_blocks(worksheets)
            for issue in {i for block in every_block for i in stigmatizing_terms(block)}:
                lines.append(f"    wording: '{issue.term}' -> {issue.suggestion}")
        if grades:
            lines.append(f"  mean grade {statistics.mean(grades):.1f}, highest {max(grades):.1f}")
    return "\n".join(lines)
