"""`iopkit export --format json`: the validated curriculum for other tools and audits.

The shape is a contract; keep it stable:
{"program": {...}, "modules": [{"id", "title", "focus_area", "source", "sessions": [{"id",
"title", "minutes", "source", "agenda": [{"title", "minutes", "kind"}], "worksheets": [ids],
"facilitator_only": [...], "client": [...]}]}], "worksheets": [...], "tracks": [{"id",
"title", "days_per_week", "hours_per_week", "cycle_weeks", "client_weeks", "admission",
"phases", "days": [{"week", "weekday", "blocks": [{"kind", "start", "minutes", "session",
"title", "group", "phases"}]}]}]} (new keys may be added; none is removed or renamed)
"""

from __future__ import annotations

from typing import Any

from ..content.model import Curriculum, Session
from ..content.text_fields import text_blocks
from ..content.track_time import days_per_week, hours_per_week


def curriculum_as_json(curriculum: Curriculum) -> dict[str, Any]:
    modules = []
    for entry in curriculum.modules:
        sessions = []
        for s in entry.sessions:
            session = s.session
            assert isinstance(session, Session)  # the full curriculum, not a client view
            sessions.append({
                "id": session.id,
                "title": session.title,
                "minutes": session.minutes,
                "source": s.source,
                "agenda": [segment.model_dump() for segment in session.agenda],
                "worksheets": list(session.worksheets),
                "facilitator_only": text_blocks(session.facilitator),
                "client": text_blocks(session.client),
            })
        modules.append({
            "id": entry.module.id,
            "title": entry.module.title,
            "focus_area": entry.module.focus_area,
            "source": entry.source,
            "sessions": sessions,
        })
    return {
        "program": curriculum.program.model_dump(mode="json"),
        "modules": modules,
        "worksheets": [
            {**w.worksheet.model_dump(mode="json"), "source": w.source}
            for w in curriculum.worksheets.values()
        ],
        "tracks": [
            {
                "id": t.track.id,
                "title": t.track.title,
                "source": t.source,
                "days_per_week": days_per_week(t),
                "hours_per_week": hours_per_week(t),
                "cycle_weeks": t.cycle_length,
                "client_weeks": t.client_length,
                "admission": t.track.admission,
                "phases": [p.model_dump(mode="json") for p in t.track.phases],
                "days": [
                    {"week": week.week, "weekday": day.day,
                     "blocks": [{"kind": b.kind, "start": b.start, "minutes": b.minutes,
                                 "session": b.session, "title": b.title, "group": b.group,
                                 "phases": list(b.phases)} for b in day.blocks]}
                    for week in t.weeks for day in week.days
                ],
            }
            for t in curriculum.tracks
        ],
    }
