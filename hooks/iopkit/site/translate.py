"""A language's workbook: the client view of the curriculum with every text clients read
replaced by its translation (locale/<code>.po), and the hand-written pages likewise.

Text without a finished translation keeps its English; `missing` counts it, so a build can
refuse an incomplete language or, for a draft, say on each page that some text is English.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from ..content.load import PROGRAM_FILE
from ..content.model import Curriculum, PlannedBlock, TrackEntry
from ..content.yaml_source import DataPath
from .client_strings import markdown_blocks
from .translations import read_translations


@dataclass
class Translator:
    """Looks up the translation of English written at a place; counts what has none."""

    entries: dict[tuple[str, str, str], str]  # (file, YAML path, English) -> translation
    missing: set[tuple[str, str, str]] = field(default_factory=set)

    def text(self, file: str, where: str, english: str) -> str:
        key = (file, where, english)
        if key in self.entries:
            return self.entries[key]
        self.missing.add(key)
        return english

    def value(self, value: object, file: str, path: DataPath, words: set[str] | None = None
              ) -> object:
        """`value` with each text translated, walking models and lists as text_fields does.
        Only text that is in the catalog changes (ids, days and numbers are not in it)."""
        if isinstance(value, str):
            where = ".".join(str(part) for part in path)
            if (file, where, value) in self.entries:
                return self.entries[(file, where, value)]
            if words is not None and where in words:
                self.missing.add((file, where, value))
            return value
        if isinstance(value, BaseModel):
            updates = {}
            for name in type(value).model_fields:
                old = getattr(value, name)
                new = self.value(old, file, path + (name,), words)
                if new is not old:
                    updates[name] = new
            return value.model_copy(update=updates) if updates else value
        if isinstance(value, (list, tuple)):
            items = [self.value(item, file, path + (i,), words) for i, item in enumerate(value)]
            if any(new is not old for new, old in zip(items, value, strict=True)):
                return type(value)(items)
        return value


def translator(root: Path, code: str) -> Translator:
    entries = read_translations(root, code) or []
    return Translator({(e.file, e.where, e.english): e.text for e in entries
                       if e.text and not e.fuzzy})


def translate_curriculum(curriculum: Curriculum, words: Translator,
                         expected: set[tuple[str, str]]) -> Curriculum:
    """The client view in the translator's language. `expected`: (file, YAML path) of every
    text the catalog should have (site.client_strings), so what has no translation counts."""
    by_file: dict[str, set[str]] = {}
    for file, where in expected:
        by_file.setdefault(file, set()).add(where)

    def tr(value, file, path=()):  # noqa: ANN001, ANN202 - any part of the model
        return words.value(value, file, path, by_file.get(file, set()))

    program = tr(curriculum.program, PROGRAM_FILE)
    modules = [m.model_copy(update={
        "module": tr(m.module, m.source),
        "sessions": [s.model_copy(update={"session": tr(s.session, s.source)})
                     for s in m.sessions]}) for m in curriculum.modules]
    worksheets = {key: w.model_copy(update={"worksheet": tr(w.worksheet, w.source)})
                  for key, w in curriculum.worksheets.items()}
    tracks = [_translated_track(t, tr) for t in curriculum.tracks]
    return curriculum.model_copy(update={"program": program, "modules": modules,
                                         "worksheets": worksheets, "tracks": tracks})


def _translated_track(entry: TrackEntry, tr) -> TrackEntry:  # noqa: ANN001
    def block(planned: PlannedBlock) -> PlannedBlock:
        if not planned.title:
            return planned
        title = tr(planned.title, entry.source, planned.origin + ("title",))
        return planned.model_copy(update={"title": title})
    weeks = tuple(week.model_copy(update={"days": tuple(
        day.model_copy(update={"blocks": tuple(block(b) for b in day.blocks)})
        for day in week.days)}) for week in entry.weeks)
    return entry.model_copy(update={"track": tr(entry.track, entry.source), "weeks": weeks})


def translate_page(text: str, file: str, words: Translator) -> str:
    """A hand-written Markdown page, block by block (as client_strings splits it)."""
    return "\n\n".join(words.text(file, "", block) for _, block in markdown_blocks(text)) + "\n"
