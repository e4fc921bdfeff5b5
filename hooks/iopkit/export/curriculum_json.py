"""`iopkit export --format json`: the validated curriculum for other tools and audits.

The shape is a contract; keep it stable:
{"program": {...}, "modules": [{"id", "title", "focus_area", "source", "sessions": [{"id",
"title", "minutes", "source", "agenda": [{"title", "minutes", "kind"}], "worksheets": [ids],
"facilitator_only": [...], "client": [...]}]}], "worksheets": [...], "tracks": [{"id",
"title", "days_per_week", "hours_per_week", "cycle_weeks", "days": [{"week", "weekday",
"blocks": [{"kind", "start", "minutes", "session"}]}]}]}
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
                "days_per_week": days_per_week(t.track),
                "hours_per_week": hours_per_week(t.track),
                "cycle_weeks": len(t.track.weeks),
                "days": [
                    {"week": week.week, "weekday": day.day,
                     "blocks": [{"kind": b.kind, "start": b.start, "minutes": b.minutes,
                                 "session": b.session} for b in day.blocks]}
                    for week in t.track.weeks for day in week.days
                ],
            }
            for t in curriculum.tracks
        ],
    }
