"""Track checks: what makes a track a real IOP dose (hours per week, every session once
per cycle, no overlapping blocks), each reported at the line it is about."""

from __future__ import annotations

from .load import Loaded
from .model import Block, Program, Track
from .problems import Problem, Severity, did_you_mean
from .track_time import block_end, to_minutes, week_hours


def check_track(loaded: Loaded[Track], session_minutes: dict[str, int],
                program: Program | None) -> list[Problem]:
    """Every problem in one track file; session_minutes maps each session id to its length."""
    track = loaded.obj
    problems: list[Problem] = []

    def at(path: tuple, message: str, severity: Severity = "error") -> None:
        problems.append(loaded.doc.problem(path, message, severity))

    file_id = loaded.doc.path.rsplit("/", 1)[-1][:-4]
    if track.id != file_id:
        at(("id",), f"track id '{track.id}' differs from the file name '{file_id}.yml'; "
                    "rename one so they match")
    expected = list(range(1, len(track.weeks) + 1))
    if [w.week for w in track.weeks] != expected:
        at(("weeks",), f"weeks must be numbered 1 to {len(track.weeks)} in order; found "
                       f"{', '.join(str(w.week) for w in track.weeks)}")
    known = sorted(session_minutes)
    scheduled: set[str] = set()
    for w, week in enumerate(track.weeks):
        seen_days: set[str] = set()
        for d, day in enumerate(week.days):
            where = ("weeks", w, "days", d)
            if day.day in seen_days:
                at(where + ("day",), f"week {week.week}: {day.day} is listed twice; put all of "
                                     "that day's blocks under one entry")
            seen_days.add(day.day)
            previous: Block | None = None
            for b, block in enumerate(day.blocks):
                here = where + ("blocks", b)
                if previous and to_minutes(block.start) < to_minutes(block_end(previous)):
                    at(here + ("start",),
                       f"week {week.week}, {day.day}: this block starts at {block.start} but the "
                       f"one before it runs until {block_end(previous)}; blocks of a day must "
                       "not overlap (and must be listed in time order)")
                if to_minutes(block.start) + block.minutes > 24 * 60:
                    at(here + ("minutes",), f"week {week.week}, {day.day}: block runs past midnight")
                previous = block
                if block.kind == "session":
                    if not block.session:
                        at(here, "a block of kind 'session' needs 'session: <session id>'")
                    elif block.session not in session_minutes:
                        at(here + ("session",), f"no session has id '{block.session}'"
                                                f"{did_you_mean(block.session, known)}")
                    else:
                        scheduled.add(block.session)
                        if block.minutes != session_minutes[block.session]:
                            at(here + ("minutes",),
                               f"block is {block.minutes} minutes but session '{block.session}' "
                               f"is {session_minutes[block.session]}; make them equal")
                elif block.session:
                    at(here + ("session",), "only blocks of kind 'session' name a session; "
                                            "set kind: session or remove 'session'")
                if block.kind == "other" and not block.title:
                    at(here, "a block of kind 'other' needs a title saying what it is")
        if program is not None:
            hours = week_hours(week)
            low, high = program.hours_per_week.min, program.hours_per_week.max
            if not low <= hours <= high:
                at(("weeks", w), f"week {week.week} gives {hours:g} hours of groups (breaks not "
                                 f"counted); the program's range is {low:g} to {high:g} hours a "
                                 "week (program.yml: hours_per_week)")
    missing = [s for s in known if s not in scheduled]
    if missing:
        at(("weeks",), f"{len(missing)} session(s) never run in this track's "
                       f"{len(track.weeks)}-week cycle: {', '.join(missing)}; schedule each at "
                       "least once so someone joining in any week meets it", "warning")
    return problems
