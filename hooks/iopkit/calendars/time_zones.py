"""A VTIMEZONE that common calendar readers understand.

icalendar's add_missing_timezones() writes each zone's clock changes as one comma-separated
RDATE line, and readers such as vobject and ical.js keep only its first value, so every event
after the first change reads an hour off. Here each clock change is a component of its own
(a DTSTART with the offsets before and after, no RDATE and no RRULE), limited to the years the
calendar covers: the plainest form RFC 5545 allows, which every reader tried reads right.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar

_UTC = dt.UTC


def _offset(zone: ZoneInfo, moment: dt.datetime) -> dt.timedelta:
    offset = moment.astimezone(zone).utcoffset()
    assert offset is not None
    return offset


def clock_changes(zone: ZoneInfo, first_year: int, last_year: int) -> list[dt.datetime]:
    """The UTC instants in those years at which the zone's offset from UTC changes."""
    changes = []
    moment = dt.datetime(first_year, 1, 1, tzinfo=_UTC)
    end = dt.datetime(last_year + 1, 1, 1, tzinfo=_UTC)
    step = dt.timedelta(days=1)
    while moment < end:
        later = moment + step
        if _offset(zone, moment) != _offset(zone, later):
            low, high = moment, later  # find the minute by halving
            while high - low > dt.timedelta(minutes=1):
                middle = low + (high - low) / 2
                if _offset(zone, middle) == _offset(zone, low):
                    low = middle
                else:
                    high = middle
            changes.append(high.replace(second=0, microsecond=0))
        moment = later
    return changes


def _component(zone: ZoneInfo, instant: dt.datetime,
               before: dt.timedelta) -> icalendar.cal.Component:
    local = instant.astimezone(zone)
    kind = icalendar.TimezoneDaylight if local.dst() else icalendar.TimezoneStandard
    component = kind()
    # DTSTART is the change's moment in the local time that ends there (offset before).
    component.add("dtstart", (instant + before).replace(tzinfo=None))
    component.add("tzoffsetfrom", before)
    component.add("tzoffsetto", local.utcoffset())
    component.add("tzname", local.tzname())
    return component


def vtimezone(name: str, first: dt.date, last: dt.date) -> icalendar.Timezone:
    """The zone `name` from the start of `first`'s year to the end of `last`'s."""
    zone = ZoneInfo(name)
    timezone = icalendar.Timezone()
    timezone.add("tzid", name)
    start = dt.datetime(first.year, 1, 1, tzinfo=_UTC)
    offset = _offset(zone, start)
    timezone.add_component(_component(zone, start, offset))  # the clock as the years begin
    for change in clock_changes(zone, first.year, last.year):
        timezone.add_component(_component(zone, change, offset))
        offset = _offset(zone, change)
    return timezone
