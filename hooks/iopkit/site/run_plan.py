"""What the Facilitator Guide's run mode (theme/assets/run-session.js) needs of a session:
its agenda as data, each segment with the section of the plan that says what to do in it.

The run view takes that section's content (talking points, activity steps, questions) from
the page itself, so the page carries no second copy of it, for the search index or anyone.
"""

from __future__ import annotations

from ..content.model import Session
from ..content.track_time import Slot
from . import track_views

# Where each kind of agenda segment is written in a session plan (the sections' anchors);
# a break has none.
AGENDA_SECTIONS = {
    "check-in": "check-in", "teach": "talking-points", "discussion": "discussion-questions",
    "activity": "activity", "practice": "worksheet-and-practice",
    "review": "worksheet-and-practice", "check-out": "check-out",
}


def run_plan(session: Session, slots: list[Slot]) -> dict[str, object]:
    """The session's segments (title, minutes, kind, section) and the clock times its
    tracks start it at, as the agenda table shows them."""
    return {
        "title": session.title,
        "segments": [{"title": segment.title, "minutes": segment.minutes, "kind": segment.kind,
                      "section": AGENDA_SECTIONS.get(segment.kind, "")}
                     for segment in session.agenda],
        "clocks": [{"label": label, "start": start}
                   for label, start in track_views.agenda_clocks(slots)],
    }
