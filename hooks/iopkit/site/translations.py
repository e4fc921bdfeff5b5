"""Reading a language's translations of the workbook (locale/<code>.po, written by
`iopkit i18n`): each English text, at the place it is written, and its translation."""

from __future__ import annotations

import gettext
import io
from dataclasses import dataclass
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from ..content.load import PROGRAM_FILE
from ..content.model import Curriculum
from ..content.problems import Problem, Severity
from .client_strings import all_client_strings

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


def interface_translations(root: Path, code: str) -> gettext.NullTranslations:
    """The templates' and theme's own words in a language (entries without a context),
    for gettext; English where a word has no finished translation."""
    path = root / po_path(code)
    if not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as file:
        catalog = read_po(file, locale=code)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def read_translations(root: Path, code: str) -> list[Translation] | None:
    """Every entry of locale/<code>.po; None when there is no such file."""
    path = root / po_path(code)
    if not path.is_file():
        return None
    with path.open("rb") as file:
        catalog = read_po(file, locale=code)
    found = []
    for message in catalog:
        if not message.id:
            continue
        file_name, _, where = (message.context or "").partition(":")
        if isinstance(message.id, str):
            english, text = message.id, message.string if isinstance(message.string, str) else ""
        else:  # words said with a number: translated when every plural form is
            english = message.id[0]
            forms = list(message.string) if isinstance(message.string, (list, tuple)) else []
            text = forms[0] if forms and all(forms) else ""
        found.append(Translation(english, text, message.fuzzy, file_name, where,
                                 message.lineno or 0))
    return found


MOST_LISTED = 10  # an incomplete translation lacks many entries: name the first ones


def language_problems(root: Path, curriculum: Curriculum) -> list[Problem]:
    """A language is complete when every text clients read has a translation that is not
    fuzzy: each that is not is an error (a warning for a language marked draft), at the PO
    file's line, naming where the English is written."""
    texts = all_client_strings(root, curriculum)
    problems: list[Problem] = []
    for language in curriculum.program.languages:
        severity: Severity = "warning" if language.draft else "error"
        po = po_path(language.code)
        entries = read_translations(root, language.code)
        if entries is None:
            problems.append(Problem(PROGRAM_FILE, 0, 0, f"{language.name} ({language.code}) "
                                    f"has no translation file {po}: run `iopkit i18n extract && "
                                    "iopkit i18n update`", severity))
            continue
        index = {(e.file, e.where, e.english): e for e in entries}
        lacking = []
        for text in texts:
            entry = index.get(text.key)
            if entry is None:
                lacking.append(Problem(po, 1, 1, f"no entry for the English at {text.file}:"
                                       f"{text.line}; run `iopkit i18n extract && iopkit i18n "
                                       "update`, then translate it", severity))
            elif not entry.text or entry.fuzzy:
                state = "changed since it was translated (fuzzy)" if entry.fuzzy else \
                    "not translated"
                lacking.append(Problem(po, entry.po_line, 1, f"{state}: the English at "
                                       f"{text.file}:{text.line}", severity))
        problems += lacking[:MOST_LISTED]
        if len(lacking) > MOST_LISTED:
            problems.append(Problem(po, 0, 0, f"{len(lacking) - MOST_LISTED} more entries "
                                    f"are not ready; {language.name} is complete when none "
                                    "is missing, untranslated or fuzzy"
                                    + (" (it is marked draft)" if language.draft else ""),
                                    severity))
    return problems
