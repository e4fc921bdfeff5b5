"""`iopkit report`: per session, how client text reads, how long the reading is, and
wording that is not person-first. Editors run it while writing; issue notes quote it."""

from __future__ import annotations

import statistics
from pathlib import Path

from ..content.model import Curriculum, Language
from ..content.text_fields import text_blocks
from ..site.audience import select_audience
from ..site.client_strings import curriculum_texts
from ..site.translate import translate_curriculum, translator
from .readability import client_blocks, plain_text, reading_ease, reading_grade
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


def language_report(root: Path, curriculum: Curriculum, language: Language) -> str:
    """Per session, the reading ease of its translated client text (higher is easier)."""
    words = translator(root, language.code)
    expected = {(t.file, t.where) for t in curriculum_texts(root, curriculum)}
    translated = translate_curriculum(select_audience(curriculum, "client"), words, expected)
    lines = [f"{language.name} ({language.code}): reading ease, higher is easier"
             + (f"; {len(words.missing)} texts not translated yet" if words.missing else "")]
    for module in translated.modules:
        scores = []
        lines.append(f"{module.module.id}")
        for entry in module.sessions:
            session = entry.session
            worksheets = [translated.worksheets[w].worksheet for w in session.worksheets]
            ease = reading_ease(client_blocks(session, worksheets), language.code)
            if ease is None:
                continue
            scores.append(ease)
            lines.append(f"  {session.id}: ease {ease:.0f}")
        if scores:
            lines.append(f"  mean ease {statistics.mean(scores):.0f}, lowest {min(scores):.0f}")
    return "\n".join(lines)
