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
