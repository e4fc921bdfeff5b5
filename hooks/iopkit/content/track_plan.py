"""A track as it runs: recurring blocks, rotations and written-out weeks worked out into
every day of every week of the cycle, and who attends what in their own weeks.

The written form (model.Track) is what editors keep short; the planned form
(model.PlannedWeek) is what pages, calendars and checks read. Expansion assumes the
written checks in track_checks.py passed (week lists parse, rotations name known ids).
"""

from __future__ import annotations

import re
import typing

from .model import (
    WEEKDAYS,
    BlockBase,
    PlannedBlock,
    PlannedDay,
    PlannedWeek,
    Track,
    TrackEntry,
    Weekday,
    weekday,
)

_RANGE = re.compile(r"^\s*([0-9]+)\s*(?:-\s*([0-9]+))?\s*$")


def week_numbers(written: str | int | None, last: int) -> list[int]:
    """The weeks a week list names ("1-4, 9"); all of 1..last when None.

    ValueError says what is wrong (a range backwards, or past `last`)."""
    if written is None:
        return list(range(1, last + 1))
    weeks: list[int] = []
    for part in str(written).split(","):
        match = _RANGE.match(part)
        if not match:
            raise ValueError(f"'{part.strip()}' is not a week or a range of weeks like 1-4")
        first, final = int(match[1]), int(match[2] or match[1])
        if first < 1 or final < first:
            raise ValueError(f"'{part.strip()}' is not a range from a lower week to a higher one")
        if final > last:
            raise ValueError(f"week {final} is past the last week, {last}")
        weeks += [w for w in range(first, final + 1) if w not in weeks]
    return sorted(weeks)


def cycle_length(track: Track) -> int:
    if track.cycle_weeks:
        return track.cycle_weeks
    return max((max(week_numbers(w.week, 52)) for w in track.weeks), default=1)


def rotation(items: list[str], module_sessions: dict[str, list[str]]) -> list[str]:
    """The sessions a rotation gives, one per time the block runs, for one turn of it:
    modules take turns (session 1 of each, then session 2 of each, ...); a module with
    fewer sessions starts over while the others go on; a session id is a turn of its own."""
    queues = [module_sessions.get(item, [item]) for item in items]
    if not queues:
        return []
    longest = max(len(q) for q in queues)
    return [queue[n % len(queue)] for n in range(longest) for queue in queues]


def _planned(block: BlockBase, origin: tuple, session: str | None = None) -> PlannedBlock:
    return PlannedBlock(start=block.start, minutes=block.minutes, kind=block.kind,
                        session=session or block.session, title=block.title, group=block.group,
                        phases=tuple(block.phases), origin=origin)


def plan_weeks(track: Track, module_sessions: dict[str, list[str]]) -> tuple[PlannedWeek, ...]:
    """Every week of the cycle, day by day."""
    length = cycle_length(track)
    days: dict[tuple[int, str], list[PlannedBlock]] = {}
    # Written-out days replace the recurring blocks of that day in those weeks.
    written: set[tuple[int, str]] = set()
    for w, entry in enumerate(track.weeks):
        for number in week_numbers(entry.week, length):
            for d, day in enumerate(entry.days):
                key = (number, weekday(day.day))
                written.add(key)
                days.setdefault(key, []).extend(
                    _planned(block, ("weeks", w, "days", d, "blocks", b))
                    for b, block in enumerate(day.blocks))
    for r, rule in enumerate(track.blocks):
        turn = rotation(rule.rotate, module_sessions)
        runs = 0
        rule_days = sorted({weekday(day) for day in rule.days}, key=WEEKDAYS.index)
        for number in week_numbers(rule.weeks, length):
            for name in rule_days:
                if (number, name) in written:
                    continue
                session = turn[runs % len(turn)] if turn else None
                days.setdefault((number, name), []).append(_planned(rule, ("blocks", r), session))
                runs += 1
    return tuple(
        PlannedWeek(week=number, days=tuple(
            # By start time; groups meeting at once stay in the order they are written.
            PlannedDay(day=typing.cast(Weekday, name),
                       blocks=tuple(sorted(days[(number, name)], key=lambda b: b.start)))
            for name in WEEKDAYS if (number, name) in days))
        for number in range(1, length + 1))


def phase_weeks(entry: TrackEntry) -> dict[str, list[int]]:
    """Each phase's weeks, counted from a client's admission."""
    return {phase.id: week_numbers(phase.weeks, entry.client_length)
            for phase in entry.track.phases}


def cycle_week_of(entry: TrackEntry, admitted_in: int, own_week: int) -> int:
    """The cycle week a client admitted in cycle week `admitted_in` is in, in their week
    `own_week` (both from 1). A cohort track starts everyone in week 1."""
    start = 1 if entry.track.admission == "cohort" else admitted_in
    return (start - 1 + own_week - 1) % entry.cycle_length + 1


def attends(block: PlannedBlock, own_week: int, phases: dict[str, list[int]]) -> bool:
    """Whether a client in their week `own_week` is in this block."""
    return not block.phases or any(own_week in phases[p] for p in block.phases)


def client_week(entry: TrackEntry, admitted_in: int, own_week: int,
                phases: dict[str, list[int]] | None = None) -> PlannedWeek:
    """What one client attends in one of their own weeks: the cycle week's blocks, less the
    blocks of phases they are not in. `phases`: phase_weeks(entry), when already worked out."""
    phases = phase_weeks(entry) if phases is None else phases
    week = entry.weeks[cycle_week_of(entry, admitted_in, own_week) - 1]
    days = [PlannedDay(day=day.day, blocks=tuple(b for b in day.blocks
                                                 if attends(b, own_week, phases)))
            for day in week.days]
    return PlannedWeek(week=week.week, days=tuple(day for day in days if day.blocks))


def admission_weeks(entry: TrackEntry) -> list[int]:
    """The cycle weeks a client can start in: any (rolling admission), or week 1 (cohort)."""
    return [1] if entry.track.admission == "cohort" else list(range(1, entry.cycle_length + 1))


def every_client_week(entry: TrackEntry) -> dict[tuple[int, int], PlannedWeek]:
    """(admitted in, own week) -> what that client attends: every client path, once."""
    phases = phase_weeks(entry)
    return {(admitted, own): client_week(entry, admitted, own, phases)
            for admitted in admission_weeks(entry)
            for own in range(1, entry.client_length + 1)}
