"""The workbook's gettext catalogs: a template (locale/workbook.pot) of every client-facing
string, and one PO file per language (locale/<code>.po) that translators fill in.

Babel reads and writes them, so Poedit, Weblate and GNU gettext read them too. Each entry
carries where its English is written: a reference (file:line) and a context (file and YAML
path), so the same words in two places are two entries. Updating a language keeps every
translation whose English is unchanged, marks as fuzzy (with the previous English) those
whose English changed, and adds what is new, untranslated.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from ..site.client_strings import ClientText
from ..site.translations import LOCALE_DIR, po_path

TEMPLATE = f"{LOCALE_DIR}/workbook.pot"
PROJECT = "Client Workbook"
FIXED_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


HEADER = """\
# {what} of the {project}, made by `iopkit i18n` from the curriculum.
# Each entry's reference and context say where its English is written; translate the
# Markdown as Markdown (keep links, **bold** and list marks). Fuzzy entries are ones whose
# English changed since they were translated: check them, then clear the fuzzy flag."""


def template_catalog(texts: list[ClientText], program_name: str) -> Catalog:
    catalog = Catalog(project=f"{program_name}: {PROJECT}", version="1", fuzzy=False,
                      msgid_bugs_address="", last_translator="", language_team="",
                      header_comment=HEADER.format(what="Translation template",
                                                   project=f"{program_name}: {PROJECT}"))
    for text in texts:
        existing = catalog.get(text.text, text.context)
        location = (text.file, text.line)  # a theme word has no line: 0
        if existing is not None:  # the same words twice (a page block, a template word)
            if location not in existing.locations:
                existing.locations.append(location)
            continue
        message_id = (text.text, text.plural) if text.plural else text.text
        catalog.add(message_id, locations=[location], context=text.context)
    return catalog


def _po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    # A fixed date: the same curriculum gives the same files (reviewable diffs, stable builds).
    catalog.creation_date = catalog.revision_date = FIXED_DATE
    # include_previous: a fuzzy entry shows the English it was translated from (#| msgid).
    write_po(out, catalog, width=0, sort_output=False, omit_header=False, include_previous=True)
    return out.getvalue()


def write_template(root: Path, catalog: Catalog) -> Path:
    path = root / TEMPLATE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_po_bytes(catalog))
    return path


@dataclass(frozen=True)
class LanguageState:
    path: Path
    entries: int
    translated: int
    fuzzy: int

    @property
    def untranslated(self) -> int:
        return self.entries - self.translated - self.fuzzy


def read_language(path: Path, code: str) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=code)


def state_of(catalog: Catalog, path: Path) -> LanguageState:
    messages = [m for m in catalog if m.id]
    fuzzy = sum(1 for m in messages if m.fuzzy)
    translated = sum(1 for m in messages if m.string and not m.fuzzy)
    return LanguageState(path, len(messages), translated, fuzzy)


def update_language(root: Path, code: str, template: Catalog) -> LanguageState:
    """Merge the template into locale/<code>.po, making the file when it is new."""
    path = root / po_path(code)
    if path.is_file():
        catalog = read_language(path, code)
        catalog.update(template)
        catalog.obsolete.clear()  # English no longer in the curriculum: nothing to keep
    else:
        catalog = Catalog(locale=code, project=template.project, version="1", fuzzy=False,
                          msgid_bugs_address="", last_translator="", language_team="",
                          header_comment=HEADER.format(what=f"Translations ({code})",
                                                       project=template.project))
        for message in template:
            if message.id:
                catalog.add(message.id, locations=message.locations, context=message.context)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_po_bytes(catalog))
    return state_of(catalog, path)
