"""Tracks: which session runs on which day of which week, and the checks that make a
track a real IOP dose (hours per week, every session once per cycle, no overlaps)."""

from __future__ import annotations

from dataclasses import dataclass

from .load import Loaded
from .model import WEEKDAYS, Block, Program, Track, TrackWeek
from .model_errors import suggestion
from .problems import Problem, Severity

# Breaks are not treatment time: hours per week count every other block.
UNCOUNTED_KINDS = {"break"}


def to_minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def to_clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def block_end(block: Block) -> str:
    return to_clock(to_minutes(block.start) + block.minutes)


def week_hours(week: TrackWeek) -> float:
    minutes = sum(b.minutes for d in week.days for b in d.blocks if b.kind not in UNCOUNTED_KINDS)
    return minutes / 60


def hours_per_week(track: Track) -> float:
    """Mean over the cycle (each week is also checked on its own)."""
    return round(sum(week_hours(w) for w in track.weeks) / len(track.weeks), 2)


def days_per_week(track: Track) -> int:
    return max(len(week.days) for week in track.weeks)


@dataclass(frozen=True)
class Slot:
    """Where a session runs: a track, a week of its cycle, a day and a clock time."""

    track_id: str
    track_title: str
    week: int
    day: str
    start: str
    end: str


def session_slots(tracks: list[Track]) -> dict[str, list[Slot]]:
    slots: dict[str, list[Slot]] = {}
    for track in tracks:
        for week in track.weeks:
            for day in week.days:
                for block in day.blocks:
                    if block.session:
                        slots.setdefault(block.session, []).append(
                            Slot(track.id, track.title, week.week, day.day, block.start,
                                 block_end(block)))
    return slots


def check_track(loaded: Loaded[Track], session_minutes: dict[str, int],
                program: Program | None) -> list[Problem]:
    """Every problem in one track file; session_minutes maps each session id to its length."""
    track = loaded.obj
    problems: list[Problem] = []

    def at(path: tuple, message: str, severity: Severity = "error") -> None:
        line, col = loaded.doc.position_of(path)
        problems.append(Problem(loaded.doc.path, line, col, message, severity))

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
                                                f"{suggestion(block.session, known)}")
                    else:
                        scheduled.add(block.session)
                        if block.minutes != session_minutes[block.session]:
                            at(here + ("minutes",),
                               f"block is {block.minutes} minutes but session '{block.session}' "
                               f"is {session_minutes[block.session]}; make them equal")
                elif block.session:
                    at(here + ("session",), f"only blocks of kind 'session' name a session; "
                                            f"set kind: session or remove 'session'")
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


def weekday_index(day: str) -> int:
    return WEEKDAYS.index(day)
