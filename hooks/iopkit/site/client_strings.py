"""Every piece of text a client reads, with where it is written: what a translator
translates (translation.catalogs), and what a published translation must cover.

Taken from what the workbook shows (site.client_text.client_parts), never from the whole
curriculum, so that facilitator-only text (a session's facilitator part, a module's summary,
the program's reporting rules and safety protocols) is never offered for translation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..content.model import Curriculum
from ..content.text_fields import text_fields
from ..content.yaml_source import DataPath, read_yaml
from .client_text import client_parts

WORKBOOK_PAGES = "curriculum/workbook"
# In a crisis line, a worksheet field or a track: what is not words (numbers, ids, days,
# times), or not shown to clients.
NOT_WORDS = {"contacts", "replaces"}
TRACK_WORDS = {"title", "what_to_bring"}  # and a phase's description (Your week shows them)


@dataclass(frozen=True)
class ClientText:
    text: str
    file: str  # relative to the project root
    line: int
    where: str  # the YAML path, e.g. client.key_points.2; "" for a Markdown page


def _dotted(path: DataPath) -> str:
    return ".".join(str(part) for part in path)


def _words(path: DataPath, in_track: bool) -> bool:
    if in_track:  # a track's names and what to bring, not its days, times and ids
        keys = [part for part in path if isinstance(part, str)]
        return bool(keys) and (keys[-1] in TRACK_WORDS or keys[-2:] == ["phases", "description"])
    return not NOT_WORDS.intersection(str(part) for part in path)


def curriculum_texts(root: Path, curriculum: Curriculum) -> list[ClientText]:
    """The client-facing text of a valid curriculum, each at its file and line."""
    found: list[tuple[str, DataPath, str]] = []
    tracks = {track.source for track in curriculum.tracks}
    for file, base, value in client_parts(curriculum):
        for path, text in text_fields(value, base):
            if _words(path, file in tracks):
                found.append((file, path, text))
    documents = {file: read_yaml(root / file, root)[0] for file in {f for f, _, _ in found}}
    texts = []
    for file, path, text in found:
        document = documents[file]
        line = document.position_of(path)[0] if document else 0
        texts.append(ClientText(text, file, line, _dotted(path)))
    return texts


_FENCE = re.compile(r"^(```|~~~)")


def markdown_blocks(text: str) -> list[tuple[int, str]]:
    """(first line, text) of each block of a Markdown page: paragraphs, lists, headings,
    fenced code kept whole, split at blank lines."""
    blocks: list[tuple[int, str]] = []
    block: list[str] = []
    start, fenced = 0, False
    for number, line in enumerate(text.splitlines() + [""], 1):
        if _FENCE.match(line.strip()):
            fenced = not fenced
        if line.strip() or fenced:
            if not block:
                start = number
            block.append(line)
        elif block:
            blocks.append((start, "\n".join(block)))
            block = []
    return blocks


def page_texts(root: Path) -> list[ClientText]:
    """The workbook's hand-written pages, a block (paragraph, list, heading) at a time."""
    folder = root / WORKBOOK_PAGES
    texts = []
    for page in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        rel = page.relative_to(root).as_posix()
        texts += [ClientText(block, rel, line, "")
                  for line, block in markdown_blocks(page.read_text(encoding="utf-8"))]
    return texts
