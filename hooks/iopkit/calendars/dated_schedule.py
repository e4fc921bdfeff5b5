"""`iopkit schedule`: a track's cycle laid onto real dates, as Markdown, CSV or iCalendar.

Week 1 of the cycle is the week (Monday to Sunday) that holds the start date; blocks
before the start date are left out, and holidays (program.yml or --skip) are skipped.
The cycle repeats for as many weeks as asked.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import icalendar

from ..content.model import Curriculum, Track
from ..content.track_time import block_end, to_minutes, weekday_index


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


def dated_blocks(curriculum: Curriculum, track: Track, start: dt.date, weeks: int,
                 skip: set[dt.date]) -> list[DatedBlock]:
    titles = {e.session.id: e.session.title for m in curriculum.modules for e in m.sessions}
    monday = start - dt.timedelta(days=start.weekday())
    blocks = []
    for n in range(weeks):
        cycle_week = track.weeks[n % len(track.weeks)]
        for day in cycle_week.days:
            date = monday + dt.timedelta(days=7 * n + weekday_index(day.day))
            if date < start:
                continue
            for block in day.blocks:
                title = titles[block.session] if block.session else (
                    block.title or block.kind.replace("-", " ").capitalize())
                blocks.append(DatedBlock(date, cycle_week.week, block.start, block_end(block),
                                         block.kind, title, block.session, date in skip))
    return sorted(blocks, key=lambda b: (b.date, b.start))


def as_markdown(track: Track, blocks: list[DatedBlock]) -> str:
    lines = [f"# {track.title}: dated schedule", "",
             "| Date | Day | Cycle week | Time | Block |", "|---|---|---:|---|---|"]
    for b in blocks:
        what = f"~~{b.title}~~ (holiday: no group)" if b.skipped else b.title
        lines.append(f"| {b.date.isoformat()} | {b.date.strftime('%A')} | {b.week} | "
                     f"{b.start}–{b.end} | {what.replace('|', '/')} |")
    return "\n".join(lines) + "\n"


def as_csv(blocks: list[DatedBlock]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["date", "weekday", "cycle_week", "start", "end", "kind", "title", "session",
                     "holiday"])
    for b in blocks:
        writer.writerow([b.date.isoformat(), b.date.strftime("%A"), b.week, b.start, b.end,
                         b.kind, b.title, b.session_id or "", "yes" if b.skipped else ""])
    return out.getvalue()


def _stamp() -> dt.datetime:
    """DTSTAMP: SOURCE_DATE_EPOCH when set, so the same input gives the same file."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else \
        dt.datetime.now(dt.UTC)
    return moment.replace(microsecond=0)


def as_ics(curriculum: Curriculum, track: Track, blocks: list[DatedBlock]) -> bytes:
    """One event per session block (not holidays), in the program's time zone."""
    zone = ZoneInfo(curriculum.program.time_zone)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//iopkit//group schedule//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{curriculum.program.name}: {track.title}")
    calendar.add("x-wr-timezone", curriculum.program.time_zone)
    stamp = _stamp()
    for b in blocks:
        if b.session_id is None or b.skipped:
            continue
        begin = dt.datetime.combine(b.date, dt.time(*divmod(to_minutes(b.start), 60)), zone)
        event = icalendar.Event()
        # Stable: the same track, date and time always give the same UID.
        event.add("uid", f"{track.id}-{b.date.isoformat()}-{b.start.replace(':', '')}"
                         f"-{b.session_id}@iopkit")
        event.add("dtstamp", stamp)
        event.add("dtstart", begin)
        event.add("dtend", begin + dt.timedelta(minutes=to_minutes(b.end) - to_minutes(b.start)))
        event.add("summary", b.title)
        event.add("description", f"{track.title}, week {b.week} of the cycle")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
