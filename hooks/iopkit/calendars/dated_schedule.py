"""`iopkit schedule`: a track laid onto real dates, as Markdown, CSV or iCalendar.

Two views. The program's calendar (--start): week 1 of the cycle is the week (Monday to
Sunday) that holds the start date, and the cycle repeats for as many weeks as asked; every
group that meets is listed. One client's plan (--admitted): their own weeks from the week
of their admission, each on the cycle week it falls in, with only the groups of their phases.
Blocks before the first date are left out, and holidays (program.yml or --skip) are marked.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import icalendar

from ..content.model import Curriculum, PlannedWeek, TrackEntry
from ..content.track_plan import client_week
from ..content.track_time import block_end, to_minutes, weekday_index
from .time_zones import vtimezone

KIND_NAMES = {"session": "Curriculum session", "process-group": "Process group",
              "check-in": "Check-in", "break": "Break", "other": "Group"}


@dataclass(frozen=True)
class DatedBlock:
    date: dt.date
    week: int  # week of the cycle
    start: str
    end: str
    kind: str
    title: str
    session_id: str | None
    skipped: bool  # a holiday
    group: str | None = None
    own_week: int | None = None  # the client's own week, in a client's plan


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _titles(curriculum: Curriculum) -> dict[str, str]:
    return {e.session.id: e.session.title for m in curriculum.modules for e in m.sessions}


def _dated(titles: dict[str, str], week: PlannedWeek, monday: dt.date, first: dt.date,
           skip: set[dt.date], own_week: int | None = None) -> list[DatedBlock]:
    blocks = []
    for day in week.days:
        date = monday + dt.timedelta(days=weekday_index(day.day))
        if date < first:
            continue
        for block in day.blocks:
            title = titles[block.session] if block.session else (
                block.title or block.kind.replace("-", " ").capitalize())
            blocks.append(DatedBlock(date, week.week, block.start, block_end(block), block.kind,
                                     title, block.session, date in skip, block.group, own_week))
    return blocks


def dated_blocks(curriculum: Curriculum, entry: TrackEntry, start: dt.date, weeks: int,
                 skip: set[dt.date]) -> list[DatedBlock]:
    """The program's calendar: every group of the cycle from `start`, cycle week 1 first."""
    titles, blocks = _titles(curriculum), []
    for n in range(weeks):
        week = entry.weeks[n % entry.cycle_length]
        blocks += _dated(titles, week, _monday(start) + dt.timedelta(weeks=n), start, skip)
    return sorted(blocks, key=lambda b: (b.date, b.start, b.group or ""))


def cycle_week_on(entry: TrackEntry, cycle_start: dt.date, day: dt.date) -> int:
    """Which week of the cycle `day` falls in, when `cycle_start` falls in week 1."""
    return (_monday(day) - _monday(cycle_start)).days // 7 % entry.cycle_length + 1


def client_blocks(curriculum: Curriculum, entry: TrackEntry, admitted: dt.date,
                  cycle_start: dt.date, weeks: int, skip: set[dt.date]) -> list[DatedBlock]:
    """One client's plan: their own weeks 1..weeks from the week they are admitted in."""
    admitted_in = cycle_week_on(entry, cycle_start, admitted)
    if entry.track.admission == "cohort":
        admitted_in = 1  # everyone starts at week 1; the plan counts from the admission date
    titles, blocks = _titles(curriculum), []
    for own in range(1, weeks + 1):
        week = client_week(entry, admitted_in, own)
        blocks += _dated(titles, week, _monday(admitted) + dt.timedelta(weeks=own - 1),
                         admitted, skip, own)
    return sorted(blocks, key=lambda b: (b.date, b.start, b.group or ""))


def as_markdown(heading: str, blocks: list[DatedBlock]) -> str:
    own = any(b.own_week for b in blocks)
    lines = [f"# {heading}", "",
             "| Date | Day |" + (" Your week |" if own else "") + " Cycle week | Time | Group |",
             "|---|---|" + ("---:|" if own else "") + "---:|---|---|"]
    for b in blocks:
        what = f"~~{b.title}~~ (holiday: no group)" if b.skipped else b.title
        if b.group:
            what += f" ({b.group})"
        lines.append(f"| {b.date.isoformat()} | {b.date.strftime('%A')} |"
                     + (f" {b.own_week} |" if own else "")
                     + f" {b.week} | {b.start}–{b.end} | {what.replace('|', '/')} |")
    return "\n".join(lines) + "\n"


def as_csv(blocks: list[DatedBlock]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["date", "weekday", "cycle_week", "start", "end", "kind", "title", "session",
                     "holiday", "group", "own_week"])
    for b in blocks:
        writer.writerow([b.date.isoformat(), b.date.strftime("%A"), b.week, b.start, b.end,
                         b.kind, b.title, b.session_id or "", "yes" if b.skipped else "",
                         b.group or "", b.own_week or ""])
    return out.getvalue()


def _stamp() -> dt.datetime:
    """DTSTAMP: SOURCE_DATE_EPOCH when set, so the same input gives the same file."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else \
        dt.datetime.now(dt.UTC)
    return moment.replace(microsecond=0)


def as_ics(curriculum: Curriculum, entry: TrackEntry, blocks: list[DatedBlock], *,
           sessions_only: bool = False) -> bytes:
    """One event per group (breaks and holidays left out), in the program's time zone.

    Every group is treatment time, so process groups, check-ins and other groups are
    events too, each with a CATEGORIES naming its kind; `sessions_only` keeps curriculum
    sessions alone."""
    name = curriculum.program.time_zone
    zone = ZoneInfo(name)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//iopkit//group schedule//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{curriculum.program.name}: {entry.title}")
    calendar.add("x-wr-timezone", name)
    stamp = _stamp()
    events = [b for b in blocks if not b.skipped and b.kind != "break"
              and not (sessions_only and b.kind != "session")]
    if events:
        calendar.add_component(vtimezone(name, events[0].date, events[-1].date))
    for b in events:
        begin = dt.datetime.combine(b.date, dt.time(*divmod(to_minutes(b.start), 60)), zone)
        event = icalendar.Event()
        # Stable: the same track, date, time and group always give the same UID.
        what = b.session_id or b.kind + (f"-{b.group}" if b.group else "")
        event.add("uid", f"{entry.id}-{b.date.isoformat()}-{b.start.replace(':', '')}"
                         f"-{what}@iopkit")
        event.add("dtstamp", stamp)
        event.add("dtstart", begin)
        event.add("dtend", begin + dt.timedelta(minutes=to_minutes(b.end) - to_minutes(b.start)))
        event.add("summary", b.title)
        event.add("categories", [KIND_NAMES[b.kind]])
        where = f"week {b.own_week} of your program" if b.own_week else \
            f"week {b.week} of the cycle"
        event.add("description", f"{entry.title}, {where}"
                                 + (f"; group: {b.group}" if b.group else ""))
        calendar.add_component(event)
    return calendar.to_ical()
