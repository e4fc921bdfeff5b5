"""Find facilitator-only text in a built site, wherever it hides.

Text is compared with everything but letters and digits removed, so Markdown markup,
HTML tags, entities, JSON escaping and line breaks cannot hide a leak.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup

_NOT_ALNUM = re.compile(r"[\W_]+", re.UNICODE)


def squash(text: str) -> str:
    return _NOT_ALNUM.sub("", text).casefold()


def _markup_free(markdown: str) -> str:
    """Drop link targets and HTML, which do not survive rendering as text."""
    text = re.sub(r"\]\([^)]*\)", "]", markdown)
    return re.sub(r"<[^>]+>", " ", text)


def site_texts(site: Path) -> dict[str, str]:
    """Every text file of a built site (HTML, search index, sitemap, ...) as squashed text."""
    texts = {}
    for path in site.rglob("*"):
        if not path.is_file() or path.suffix not in (".html", ".json", ".xml", ".txt", ".js", ".md"):
            continue
        raw = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".html":
            raw = BeautifulSoup(raw, "html.parser").get_text(" ")
        elif path.suffix == ".json":
            raw = BeautifulSoup(json.dumps(json.loads(raw), ensure_ascii=False),
                                "html.parser").get_text(" ")
        texts[path.relative_to(site).as_posix()] = squash(raw)
    return texts


def find_leaks(site: Path, blocks: list[str]) -> list[tuple[str, str]]:
    """(block, file) for each facilitator-only block found in a file of the site."""
    texts = site_texts(site)
    leaks = []
    for block in blocks:
        needle = squash(_markup_free(block))
        for name, text in texts.items():
            if needle and needle in text:
                leaks.append((block, name))
    return leaks
