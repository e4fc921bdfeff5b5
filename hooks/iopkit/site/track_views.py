"""What the track pages show, worked out from a planned track: the days and times groups
meet, the kinds of day a client has, the phases, and the cycle as a grid of weeks by days.

Plain data for the templates, so that they only lay it out."""

from __future__ import annotations

from dataclasses import dataclass

from ..content.model import WEEKDAYS, PlannedBlock, TrackEntry
from ..content.track_plan import phase_weeks
from ..content.track_time import block_end, to_clock, to_minutes


def week_span(weeks: list[int]) -> str:
    """[1, 2, 3, 4, 9] as "1–4, 9"."""
    parts: list[str] = []
    last = 0
    for week in weeks:
        if parts and week == last + 1:
            parts[-1] = parts[-1].split("–")[0] + f"–{week}"
        else:
            parts.append(str(week))
        last = week
    return ", ".join(parts)


def day_names(days: list[str], joiner: str = "and") -> str:
    """["Monday", "Wednesday", "Friday"] as "Monday, Wednesday and Friday" (days as they
    are to be read; `joiner` in the page's language)."""
    names = [d[:1].upper() + d[1:] for d in days]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {joiner} " + names[-1]


def meeting_times(entry: TrackEntry) -> list[tuple[str, str, str]]:
    """(weekday, first start, last end) for each weekday with groups in any week."""
    spans: dict[str, tuple[int, int]] = {}
    for week in entry.weeks:
        for day in week.days:
            begin = min(to_minutes(b.start) for b in day.blocks)
            end = max(to_minutes(block_end(b)) for b in day.blocks)
            low, high = spans.get(day.day, (begin, end))
            spans[day.day] = (min(low, begin), max(high, end))
    return [(day, to_clock(spans[day][0]), to_clock(spans[day][1]))
            for day in WEEKDAYS if day in spans]


@dataclass(frozen=True)
class DayItem:
    """One line of a typical day: a time and what happens, for whom."""

    start: str
    end: str
    kind: str
    title: str | None  # None for a curriculum session (its topic changes)
    group: str | None
    phases: tuple[str, ...]
    some_weeks: bool  # meets in some weeks of the cycle only


@dataclass(frozen=True)
class DayPattern:
    days: list[str]
    items: list[DayItem]


def day_patterns(entry: TrackEntry) -> list[DayPattern]:
    """The kinds of day in the track, each with the weekdays it falls on: each weekday's
    blocks over the whole cycle, topics left out; weekdays alike are listed together."""
    seen: dict[str, dict[tuple, int]] = {}
    for week in entry.weeks:
        for planned in week.days:
            for block in planned.blocks:
                key = _item_key(block)
                counts = seen.setdefault(planned.day, {})
                counts[key] = counts.get(key, 0) + 1
    patterns: list[DayPattern] = []
    for day in WEEKDAYS:
        if day not in seen:
            continue
        weeks_with_day = sum(1 for w in entry.weeks if any(d.day == day for d in w.days))
        items = [DayItem(key[0], key[1], key[2], key[3], key[4], key[5],
                         some_weeks=count < weeks_with_day)
                 for key, count in sorted(seen[day].items(), key=lambda kv: kv[0][0])]
        for pattern in patterns:
            if pattern.items == items:
                pattern.days.append(day)
                break
        else:
            patterns.append(DayPattern([day], items))
    return patterns


def _item_key(block: PlannedBlock) -> tuple[str, str, str, str | None, str | None,
                                             tuple[str, ...]]:
    title = None if block.kind == "session" else (
        block.title or block.kind.replace("-", " ").capitalize())
    return (block.start, block_end(block), block.kind, title, block.group, block.phases)


def first_day(entry: TrackEntry) -> list[DayItem]:
    """A new client's first day of groups: the first kind of day, with the blocks of the
    phases their first week is in, one per time (groups meeting at once are alternatives)."""
    weeks = phase_weeks(entry)
    items: list[DayItem] = []
    for item in day_patterns(entry)[0].items:
        if item.phases and not any(1 in weeks[p] for p in item.phases):
            continue
        if items and items[-1].start == item.start:
            continue
        items.append(item)
    return items


@dataclass(frozen=True)
class PhaseRow:
    id: str
    title: str
    weeks: str  # the client's own weeks, e.g. "1–4"
    description: str | None
    groups: list[str]  # the groups only this phase's clients attend, with days and times


def phase_rows(entry: TrackEntry) -> list[PhaseRow]:
    weeks = phase_weeks(entry)
    patterns = day_patterns(entry)
    return [PhaseRow(p.id, p.title, week_span(weeks[p.id]), p.description,
                     [f"{item.title or 'Curriculum sessions'} ({day_names(pattern.days)}, "
                      f"{item.start}–{item.end})"
                      for pattern in patterns for item in pattern.items if p.id in item.phases])
            for p in entry.track.phases]


def phase_titles(entry: TrackEntry) -> dict[str, str]:
    return {p.id: p.title for p in entry.track.phases}


def session_days(entry: TrackEntry) -> list[str]:
    """The weekdays on which curriculum sessions meet, in order: the grid's columns."""
    days = {d.day for w in entry.weeks for d in w.days if any(b.session for b in d.blocks)}
    return [day for day in WEEKDAYS if day in days]


def grid(entry: TrackEntry) -> list[tuple[int, dict[str, list[PlannedBlock]]]]:
    """The cycle at a glance: for each week, each session day's curriculum sessions."""
    return [(week.week, {day.day: [b for b in day.blocks if b.session] for day in week.days})
            for week in entry.weeks]


def side_by_side(blocks: tuple[PlannedBlock, ...]) -> list[tuple[str, list[PlannedBlock]]]:
    """A day's blocks by start time: groups that meet at once share a row."""
    rows: dict[str, list[PlannedBlock]] = {}
    for block in blocks:
        rows.setdefault(block.start, []).append(block)
    return list(rows.items())


def agenda_clocks(slots: list) -> list[tuple[str, str]]:
    """The clock columns of a session's agenda: (label, start) for each track it runs in,
    and each start time it has there ("Evening track", or "Daytime track, 11:00" when the
    track runs it at more than one time)."""
    starts: dict[str, list[str]] = {}
    for slot in slots:
        times = starts.setdefault(slot.track_title, [])
        if slot.start not in times:
            times.append(slot.start)
    return [(title if len(times) == 1 else f"{title}, {start}", start)
            for title, times in starts.items() for start in sorted(times)]


def at_clock(start: str, minutes: int) -> str:
    """The clock time `minutes` after `start`."""
    return to_clock((to_minutes(start) + minutes) % (24 * 60))
