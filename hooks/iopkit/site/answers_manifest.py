"""What the workbook's script knows about answers, written at build time.

Answers live only on a client's device, under keys that carry the program's id, so the
workbook is their only keeper. The script needs each worksheet's current fields (ids,
labels, types, what a field replaces) to show answers whose field was renamed or removed
as "Earlier answers" instead of losing them, and to list everything on "My answers" and
in a saved copy. Written as a script (not JSON) because pages opened from disk (file://)
may not fetch files.
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


def manifest(curriculum: Curriculum,
             words: gettext.NullTranslations | None = None) -> dict[str, object]:
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
    data: dict[str, object] = {
        "program": curriculum.program.id, "programName": curriculum.program.name,
        "format": SAVED_COPY_FORMAT, "version": SAVED_COPY_VERSION, "worksheets": worksheets}
    # The script's own words in the workbook's language (none in English).
    translated = {english: words.gettext(english) for english in THEME_WORDS
                  if words.gettext(english) != english}
    if translated:
        data["words"] = translated
    return data


def manifest_script(curriculum: Curriculum, words: gettext.NullTranslations | None = None) -> str:
    # Compact: every workbook page loads it, on a phone that may be on slow data.
    data = json.dumps(manifest(curriculum, words), ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"))
    return ("/* Written by iopkit at build time: this workbook's worksheets. */\n"
            f"window.iopkitWorkbook = {data};\n")


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
