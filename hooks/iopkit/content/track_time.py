"""Track arithmetic: clock times, block ends, hours per week and where each session runs.

Plain functions over the model, used by the templates, the checks, calendars and exports
alike; the checks themselves live in track_checks.py."""

from __future__ import annotations

from dataclasses import dataclass

from .model import WEEKDAYS, BlockBase, PlannedBlock, PlannedWeek, TrackEntry

# Breaks are not treatment time: hours per week count every other block.
UNCOUNTED_KINDS = {"break"}


def to_minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def to_clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def block_end(block: BlockBase | PlannedBlock) -> str:
    return to_clock(to_minutes(block.start) + block.minutes)


def treatment_minutes(blocks: tuple[PlannedBlock, ...] | list[PlannedBlock]) -> int:
    """Minutes of treatment in one day's blocks: the time covered, so groups that meet at
    the same time in different rooms count once (a client is in one of them)."""
    spans = sorted((to_minutes(b.start), to_minutes(b.start) + b.minutes)
                   for b in blocks if b.kind not in UNCOUNTED_KINDS)
    total, reached = 0, 0
    for begin, end in spans:
        total += max(0, end - max(begin, reached))
        reached = max(reached, end)
    return total


def week_hours(week: PlannedWeek) -> float:
    return sum(treatment_minutes(day.blocks) for day in week.days) / 60


def hours_per_week(entry: TrackEntry) -> float:
    """Mean over the cycle (each client week is also checked on its own)."""
    return round(sum(week_hours(w) for w in entry.weeks) / len(entry.weeks), 2)


def days_per_week(entry: TrackEntry) -> int:
    return max(len(week.days) for week in entry.weeks)


@dataclass(frozen=True)
class Slot:
    """Where a session runs: a track, a week of its cycle, a day and a clock time."""

    track_id: str
    track_title: str
    week: int
    day: str
    start: str
    end: str


def session_slots(tracks: list[TrackEntry]) -> dict[str, list[Slot]]:
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


def weekday_index(day: str) -> int:
    return WEEKDAYS.index(day)
