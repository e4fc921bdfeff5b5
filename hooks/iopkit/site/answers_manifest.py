"""What the workbook's script knows about answers, written at build time.

Answers live only on a client's device, under keys that carry the program's id, so the
workbook is their only keeper. The script needs each worksheet's current fields (ids,
labels, types, what a field replaces) to show answers whose field was renamed or removed
as "Earlier answers" instead of losing them, and to list everything on "My answers".

Two files, because every page loads the first and a phone on slow data pays for it:
- assets/iopkit-workbook.js, on every page: the program, the script's words, and the
  fields that replace an older id (few: they are what a page must move on load, whichever
  page it is). A page's own worksheets the script reads from the page's forms, which the
  same build wrote.
- assets/iopkit-worksheets.js: every worksheet, which grows with the curriculum. The
  script loads it only where it is needed: the "My answers" page, and a device with
  answers saved under the old key format. A saved copy needs neither: each stored answer
  keeps its label.
Written as scripts (not JSON) because pages opened from disk (file://) may not fetch files.
"""

from __future__ import annotations

import gettext
import json

from ..content.model import Curriculum
from .paths import page_url, session_path
from .theme_words import THEME_WORDS

SAVED_COPY_FORMAT = "iopkit-answers"
SAVED_COPY_VERSION = 1
PRACTICE_PREFIX = "practice--"  # the practice list of each session is saved like a worksheet


def worksheet_list(curriculum: Curriculum,
                   words: gettext.NullTranslations | None = None) -> list[dict[str, object]]:
    """Every worksheet clients fill in, practice lists included, in the workbook's order."""
    words = words or gettext.NullTranslations()
    practice = words.gettext("Practice this week")
    worksheets: list[dict[str, object]] = []
    listed: set[str] = set()
    for module in curriculum.modules:
        for entry in module.sessions:
            page = page_url(session_path(entry))
            for worksheet_id in entry.session.worksheets:
                if worksheet_id in listed:
                    continue
                listed.add(worksheet_id)
                worksheet = curriculum.worksheets[worksheet_id].worksheet
                worksheets.append({
                    "id": worksheet.id, "title": worksheet.title, "page": page,
                    "fields": [{"id": f.id, "label": f.label, "type": f.type,
                                "replaces": f.replaces} for f in worksheet.fields]})
            worksheets.append({
                "id": PRACTICE_PREFIX + entry.session.id,
                "title": f"{practice}: {entry.session.title}", "page": page,
                "fields": [{"id": "done", "label": practice, "type": "checklist",
                            "replaces": None}]})
    return worksheets


def manifest(curriculum: Curriculum,
             words: gettext.NullTranslations | None = None) -> dict[str, object]:
    """What every workbook page's script needs: small, whatever the curriculum's size."""
    words = words or gettext.NullTranslations()
    # The workbook's worksheets (as listed by worksheet_list; practice lists replace nothing).
    sessions = [entry.session for module in curriculum.modules for entry in module.sessions]
    worksheet_ids = dict.fromkeys(w for session in sessions for w in session.worksheets)
    replaced = [{"worksheet": worksheet.id, "field": field.id, "replaces": field.replaces,
                 "label": field.label, "type": field.type}
                for worksheet in (curriculum.worksheets[w].worksheet for w in worksheet_ids)
                for field in worksheet.fields if field.replaces]
    data: dict[str, object] = {
        "program": curriculum.program.id, "programName": curriculum.program.name,
        "format": SAVED_COPY_FORMAT, "version": SAVED_COPY_VERSION, "replaced": replaced}
    # The script's own words in the workbook's language (none in English).
    translated = {english: words.gettext(english) for english in THEME_WORDS
                  if words.gettext(english) != english}
    if translated:
        data["words"] = translated
    return data


def _compact(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def manifest_script(curriculum: Curriculum, words: gettext.NullTranslations | None = None) -> str:
    return ("/* Written by iopkit at build time: what this workbook's answers script needs. */\n"
            f"window.iopkitWorkbook = {_compact(manifest(curriculum, words))};\n")


def worksheets_script(curriculum: Curriculum, words: gettext.NullTranslations | None = None) -> str:
    return ("/* Written by iopkit at build time: this workbook's worksheets. */\n"
            f"window.iopkitWorksheets = {_compact(worksheet_list(curriculum, words))};\n")


def web_app_manifest(curriculum: Curriculum, words: gettext.NullTranslations | None = None) -> str:
    """Lets a client add the workbook to the Home Screen, where iPhones keep its answers."""
    program = curriculum.program
    words = words or gettext.NullTranslations()
    return json.dumps({
        "name": words.gettext("{name} workbook").format(name=program.name),
        "short_name": words.gettext("Workbook"),
        "start_url": "index.html", "scope": "./", "display": "standalone",
        "background_color": "#ffffff", "theme_color": "#00695c",
        "icons": [{"src": "assets/images/workbook-icon.svg", "sizes": "any",
                   "type": "image/svg+xml", "purpose": "any"}],
    }, ensure_ascii=False, indent=1) + "\n"
