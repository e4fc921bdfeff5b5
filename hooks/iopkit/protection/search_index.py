"""A lean search index for the Client Workbook.

Material loads the whole search index on a page's first load. With every section's full
text, the workbook's index weighed about 190 KB, half of a first visit on a phone. The
workbook keeps each page's and section's title and each page's opening text (a session's
"what this session is for"), which finds sessions by what they are about at a fifth of
the weight. The Facilitator Guide keeps full-text search.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

_TAGS = re.compile(r"<[^>]+>")
# A heading that starts a section of the index (the search plugin splits pages at the
# headings that have an id).
_HEADING = re.compile(r"<h([1-6])\b[^>]*\sid=[^>]*>.*?</h\1\s*>", re.S | re.I)


def indexed_html(html: str) -> str:
    """What of a workbook page the search plugin needs to read for the lean index: the page
    up to its second heading (its title and opening text, the page's entry), then its
    other headings alone (each section's title; slim_entry drops a section's text). The
    plugin's HTML parser is slow, and most of a page is the sections' text. A page marking
    parts data-search-exclude is read whole, as the plugin then leaves titles out."""
    if "data-search-exclude" in html:
        return html
    headings = list(_HEADING.finditer(html))
    if len(headings) < 2:
        return html
    return html[:headings[1].start()] + "".join(heading.group(0) for heading in headings[1:])


def slim_entry(entry: dict) -> dict:
    if "#" in entry["location"]:  # a section: its title is searchable, its text is not
        return {**entry, "text": ""}
    return {**entry, "text": " ".join(_TAGS.sub(" ", entry["text"]).split())}


def slim_search_index(site_dir: Path) -> None:
    path = site_dir / "search" / "search_index.json"
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    index["docs"] = [slim_entry(entry) for entry in index["docs"]]
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")),
                    encoding="utf-8")
