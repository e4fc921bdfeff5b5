"""`iopkit report`: per session, how client text reads, how long the reading is, and
wording that is not person-first. Editors run it while writing; issue notes quote it."""

from __future__ import annotations

import statistics

from ..content.model import Curriculum
from ..content.text_fields import text_blocks
from .readability import client_blocks, plain_text, reading_grade
from .wording import stigmatizing_terms


def content_report(curriculum: Curriculum) -> str:
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
