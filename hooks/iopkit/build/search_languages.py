"""Only the search languages a site searches in.

Material ships lunr's support for some thirty languages, 900 KB (677 KB of it a word
splitter for Thai and Hindi). Its search worker loads the files of the languages the
search index names (search_index.json's config.lang), and no file at all for English.
The workbook's service worker keeps every file of the site on a client's phone, and its
zip carries them all: so the workbook drops the others (needed_lunr_files follows the
worker's own choice, in Material 9's search worker).
"""

from __future__ import annotations

import json
from pathlib import Path

LUNR_FOLDER = "assets/javascripts/lunr"


def needed_lunr_files(languages: list[str]) -> set[str]:
    """The files under LUNR_FOLDER Material's search worker loads for `languages`."""
    needed = set()
    for language in languages:
        if language == "ja":
            needed.add("tinyseg.js")
        elif language in ("hi", "th"):
            needed.add("wordcut.js")
        if language != "en":
            needed.add(f"min/lunr.{language}.min.js")
    if len(languages) > 1:
        needed.add("min/lunr.multi.min.js")
    if needed:
        needed.add("min/lunr.stemmer.support.min.js")
    return needed


def drop_unused_search_languages(site_dir: Path) -> None:
    """Remove the lunr files the site's search does not load. A site without a search
    index of the shape Material writes keeps them all."""
    try:
        index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
        languages = index["config"]["lang"]
    except (OSError, ValueError, KeyError, TypeError):
        return
    if not (isinstance(languages, list) and all(isinstance(code, str) for code in languages)):
        return
    folder = site_dir / LUNR_FOLDER
    if not folder.is_dir():
        return
    needed = needed_lunr_files(languages)
    for path in sorted(folder.rglob("*"), reverse=True) + [folder]:  # a folder after its files
        if path.is_file() and path.relative_to(folder).as_posix() not in needed:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
