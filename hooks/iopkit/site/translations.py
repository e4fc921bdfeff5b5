"""Reading a language's translations of the workbook (locale/<code>.po, written by
`iopkit i18n`): each English text, at the place it is written, and its translation."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po

LOCALE_DIR = "locale"


def po_path(code: str) -> str:
    return f"{LOCALE_DIR}/{code}.po"


@dataclass(frozen=True)
class Translation:
    english: str
    text: str  # "" while untranslated
    fuzzy: bool  # the English changed since it was translated
    file: str  # where the English is written (project-relative)
    where: str  # its YAML path; "" for a block of a Markdown page
    po_line: int  # the entry's line in the PO file


def read_translations(root: Path, code: str) -> list[Translation] | None:
    """Every entry of locale/<code>.po; None when there is no such file."""
    path = root / po_path(code)
    if not path.is_file():
        return None
    with path.open("rb") as file:
        catalog = read_po(file, locale=code)
    found = []
    for message in catalog:
        if not message.id or not isinstance(message.id, str):
            continue
        file_name, _, where = (message.context or "").partition(":")
        text = message.string if isinstance(message.string, str) else ""
        found.append(Translation(message.id, text, message.fuzzy, file_name, where,
                                 message.lineno or 0))
    return found
