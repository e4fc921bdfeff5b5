"""The program's glossary on client pages: each term a page uses is explained there.

Python-Markdown's abbr extension turns every use of a defined term into
<abbr title="definition">, which Material shows as a tooltip; the definitions are added
to each page for the terms that page uses, so a reader who lands on any page first still
gets them. The workbook's "Words to know" page lists them all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache

from ..content.model import GlossaryEntry
from ..content.placeholders import PLACEHOLDER


def spellings(entry: GlossaryEntry) -> list[str]:
    """The forms a term takes in text: as written, capitalized at a sentence's start, and
    the plural of a one-word lowercase term (trigger, triggers)."""
    forms: list[str] = []
    for word in [entry.term, *entry.aliases]:
        candidates = [word, word[:1].upper() + word[1:]]
        if word.islower() and " " not in word and not word.endswith("s"):
            candidates += [word + "s", (word[:1].upper() + word[1:]) + "s"]
        forms += [form for form in candidates if form not in forms]
    return forms


@cache
def _as_word(form: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w-])")


def _used(form: str, text: str) -> bool:
    # The substring test first: most forms are on no given page, and a glossary's few
    # hundred patterns would overflow re's own cache and be compiled again on every page.
    return form in text and _as_word(form).search(text) is not None


_RUN = re.compile(r"[\w-]+")


def definitions_adder(glossary: list[GlossaryEntry]) -> Callable[[str], str]:
    """A function giving a page with abbreviation definitions for each glossary term it
    uses; the glossary's spellings are worked out once for all pages."""
    terms = tuple((tuple(spellings(entry)), " ".join(entry.definition.split()))
                  for entry in glossary)
    return lambda markdown: _with_definitions(markdown, terms)


# Remembered by page text and glossary: a preview's rebuild after a save (`iopkit serve`)
# looks up every page it did not change, and a page or glossary edit is a new key. A
# workbook in two languages at ten times the sample's size has about 1,400 pages.
@lru_cache(maxsize=2048)
def _with_definitions(markdown: str, terms: tuple[tuple[tuple[str, ...], str], ...]) -> str:
    # A form used on the page starts with one of the page's runs of word characters (a
    # whole run, by the word boundaries _used asks for): most forms are ruled out by a
    # set lookup, and only the rest are searched for.
    runs = set(_RUN.findall(markdown))
    lines = []
    for forms, definition in terms:
        lines += [f"*[{form}]: {definition}" for form in forms
                  if _may_be_used(form, runs) and _used(form, markdown)]
    return markdown if not lines else markdown.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n"


def _may_be_used(form: str, runs: set[str]) -> bool:
    first = _RUN.match(form)
    return first is None or first.group() in runs


def unexplained(text: str, glossary: list[GlossaryEntry], plain: set[str],
                to_explain: list[str]) -> list[str]:
    """Terms in client text the glossary does not explain: abbreviations (two or more
    capitals) other than the program's plain ones, and the program's terms to explain."""
    known = {form for entry in glossary for form in spellings(entry)}
    found = []
    for word in re.findall(r"(?<![\w-])[A-Z][A-Z0-9]+(?![\w-])", _without_links(text)):
        if word not in known and word not in plain and word not in found \
                and not PLACEHOLDER.fullmatch(word):  # the placeholder rule reports those
            found.append(word)
    for term in to_explain:
        if _used(term, text.lower()) and term not in known and term not in found:
            found.append(term)
    return found


def _without_links(text: str) -> str:
    """Addresses are not words a reader must understand (https://SMARTRecovery.org)."""
    return re.sub(r"\]\([^)]*\)|<[^>]+>|https?://\S+", " ", text)
