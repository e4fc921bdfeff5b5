"""Placeholder text (TODO, TBD, FIXME, lorem ipsum) left in content, found at its line.

Scaffolded files carry TODOs on purpose; lint lists them while editors work, and a build
for clients refuses them (site.client_text chooses what clients see).
"""

from __future__ import annotations

import re
from pathlib import Path

from .problems import Problem
from .text_fields import text_fields
from .yaml_source import DataPath, read_yaml

# The markers in capitals, as editors and `iopkit new` write them: a translation's "todo"
# (Spanish: all) is a word, not a marker.
PLACEHOLDER = re.compile(r"\b(TODO|TBD|FIXME|XXX)\b|(?i:lorem ipsum)")


def placeholder_problems(root: Path, parts: list[tuple[str, DataPath, object]],
                         why: str) -> list[Problem]:
    """A problem at the line of each placeholder in `parts`: (source file, the data path of
    the part within it, the part as model data). Files are read again only for lines,
    and only when a placeholder was found."""
    found: list[tuple[str, DataPath, str]] = []
    for source, base, part in parts:
        for path, text in text_fields(part, base):
            if match := PLACEHOLDER.search(text):
                found.append((source, path, match.group(0)))
    documents = {source: read_yaml(root / source, root)[0] for source in {f[0] for f in found}}
    problems = []
    for source, path, word in found:
        document = documents[source]
        line, col = document.position_of(path) if document else (0, 0)
        problems.append(Problem(source, line, col, f"'{word}' is placeholder text {why}; "
                                                   "write the real text"))
    return sorted(problems)
