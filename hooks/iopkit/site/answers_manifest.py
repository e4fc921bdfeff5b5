"""What the workbook's script knows about answers, written at build time.

Answers live only on a client's device, under keys that carry the program's id, so the
workbook is their only keeper. The script needs each worksheet's current fields (ids,
labels, types, what a field replaces) to show answers whose field was renamed or removed
as "Earlier answers" instead of losing them, and to list everything on "My answers" and
in a saved copy. Written as a script (not JSON) because pages opened from disk (file://)
may not fetch files.
"""

from __future__ import annotations

import json

from ..content.model import Curriculum
from .paths import page_url, session_path

SAVED_COPY_FORMAT = "iopkit-answers"
SAVED_COPY_VERSION = 1
PRACTICE_PREFIX = "practice--"  # the practice list of each session is saved like a worksheet


def manifest(curriculum: Curriculum) -> dict[str, object]:
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
                "title": f"Practice this week: {entry.session.title}", "page": page,
                "fields": [{"id": "done", "label": "Practice this week", "type": "checklist",
                            "replaces": None}]})
    return {"program": curriculum.program.id, "programName": curriculum.program.name,
            "format": SAVED_COPY_FORMAT, "version": SAVED_COPY_VERSION,
            "worksheets": worksheets}


def manifest_script(curriculum: Curriculum) -> str:
    data = json.dumps(manifest(curriculum), ensure_ascii=False, sort_keys=True, indent=1)
    return ("/* Written by iopkit at build time: this workbook's worksheets. */\n"
            f"window.iopkitWorkbook = {data};\n")


def web_app_manifest(curriculum: Curriculum) -> str:
    """Lets a client add the workbook to the Home Screen, where iPhones keep its answers."""
    program = curriculum.program
    return json.dumps({
        "name": f"{program.name} workbook", "short_name": "Workbook",
        "start_url": "index.html", "scope": "./", "display": "standalone",
        "background_color": "#ffffff", "theme_color": "#00695c",
        "icons": [{"src": "assets/images/workbook-icon.svg", "sizes": "any",
                   "type": "image/svg+xml", "purpose": "any"}],
    }, ensure_ascii=False, indent=1) + "\n"
