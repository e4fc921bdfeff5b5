"""Tracks: a real IOP dose, every session once per cycle, clear errors, dated calendars."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import icalendar

from helpers import REPO, run_iopkit
from iopkit.content.track_time import hours_per_week
from iopkit.content.validate import load_curriculum
from iopkit.site.render import render_site

TRACK_FILE = "curriculum/tracks/week.yml"


SESSION_BLOCK = '{ start: "09:15", minutes: 60, kind: session, session: breathing }'


def track_yaml(days: list[str], session_block: str = SESSION_BLOCK, group_minutes: int = 120) -> str:
    """A one-week track for the fixture: per day a check-in, the session and a group."""
    lines = ["id: week", 'title: "Test week"', 'description: "For tests."',
             'what_to_bring: ["A pen"]', "weeks:", "  - week: 1", "    days:"]
    for day in days:
        lines += [f"      - day: {day}", "        blocks:",
                  '          - { start: "09:00", minutes: 15, kind: check-in }',
                  f"          - {session_block}",
                  f'          - {{ start: "10:15", minutes: {group_minutes}, kind: process-group }}']
    return "\n".join(lines) + "\n"


def write_track(project, text: str) -> None:
    (project / "curriculum/tracks").mkdir(exist_ok=True)
    (project / TRACK_FILE).write_text(text)


def where(text: str, needle: str) -> str:
    """line:col of the first occurrence of needle, as an editor would find it."""
    before = text[:text.index(needle)]
    return f"{before.count(chr(10)) + 1}:{len(before) - before.rfind(chr(10))}"


def test_a_good_track_validates_and_is_exported(project):
    write_track(project, track_yaml(["monday", "wednesday", "friday"]))
    result = run_iopkit(project, "validate")
    assert result.returncode == 0, result.stderr
    data = json.loads(run_iopkit(project, "export").stdout)
    assert data["tracks"] == [{
        "id": "week", "title": "Test week", "source": TRACK_FILE, "days_per_week": 3,
        "hours_per_week": 9.75, "cycle_weeks": 1,
        "days": [{"week": 1, "weekday": day, "blocks": [
            {"kind": "check-in", "start": "09:00", "minutes": 15, "session": None},
            {"kind": "session", "start": "09:15", "minutes": 60, "session": "breathing"},
            {"kind": "process-group", "start": "10:15", "minutes": 120, "session": None}]}
            for day in ("monday", "wednesday", "friday")]}]


def test_too_few_hours_a_week_is_an_error_with_the_figure(project):
    write_track(project, track_yaml(["monday", "wednesday"], group_minutes=165))  # 8 hours
    result = run_iopkit(project, "validate")
    assert result.returncode == 1
    assert (f"{TRACK_FILE}:6:5: week 1 gives 8 hours of groups (breaks not counted); the "
            "program's range is 9 to 19 hours a week") in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_session_is_an_error_with_a_suggestion(project):
    text = track_yaml(["monday", "wednesday", "friday"],
                      '{ start: "09:15", minutes: 60, kind: session, session: breathin }')
    write_track(project, text)
    result = run_iopkit(project, "validate")
    assert result.returncode == 1
    assert (f"{TRACK_FILE}:{where(text, 'breathin')}: no session has id 'breathin'; did you "
            "mean 'breathing'?" in result.stderr)
    # the only session is then never scheduled: a warning names it
    assert "warning: 1 session(s) never run in this track's 1-week cycle: breathing" in result.stderr


def test_blocks_that_overlap_in_a_day_are_an_error(project):
    text = track_yaml(["monday", "wednesday", "friday"],
                      '{ start: "09:10", minutes: 60, kind: session, session: breathing }')
    write_track(project, text)
    result = run_iopkit(project, "validate")
    assert result.returncode == 1
    at = where(text, '"09:10"')
    assert (f"{TRACK_FILE}:{at}: week 1, monday: this block starts at 09:10 but the one before "
            "it runs until 09:15; blocks of a day must not overlap") in result.stderr


def test_session_block_must_last_as_long_as_the_session(project):
    write_track(project, track_yaml(
        ["monday", "wednesday", "friday"],
        '{ start: "09:15", minutes: 45, kind: session, session: breathing }'))
    result = run_iopkit(project, "validate")
    assert "block is 45 minutes but session 'breathing' is 60; make them equal" in result.stderr


def test_unquoted_clock_time_gets_a_clear_message(project):
    # YAML reads 9:00 as the number 540 (minutes in base 60)
    text = track_yaml(["monday", "wednesday", "friday"]).replace('start: "09:00"', "start: 9:00", 1)
    write_track(project, text)
    result = run_iopkit(project, "validate")
    assert result.returncode == 1
    assert (f"{TRACK_FILE}:{where(text, '9:00')}: weeks[1].days[1].blocks[1].start: should be "
            "text; put it in quotes if YAML read it as a number, date or yes/no (found 540)"
            in result.stderr)


# --- the shipped tracks ---------------------------------------------------------------

CURRICULUM, _ = load_curriculum(REPO)


def test_shipped_tracks_give_ten_to_twelve_hours_and_every_session_each_cycle():
    assert len(CURRICULUM.tracks) >= 2
    every_session = {e.session.id for m in CURRICULUM.modules for e in m.sessions}
    for entry in CURRICULUM.tracks:
        track = entry.track
        assert 10 <= hours_per_week(track) <= 12, track.id
        scheduled = {b.session for w in track.weeks for d in w.days for b in d.blocks if b.session}
        assert scheduled == every_session, track.id


def test_guide_shows_week_grid_and_where_each_session_runs():
    site = render_site(CURRICULUM, "facilitator")
    grid = site.pages["tracks/daytime.md"]
    assert "## Week 1" in grid and "## Focus areas by week" in grid
    assert "| Monday | 09:00–09:15 | Community check-in |" in grid
    assert ("[Triggers: what sets off the urge to use]"
            "(../relapse-prevention/mapping-relapse-triggers.md)") in grid
    plan = site.pages["relapse-prevention/mapping-relapse-triggers.md"]
    assert "**Where it runs:** [Daytime track](../tracks/daytime.md), week 1, Monday 09:15–10:45" in plan
    assert "[Evening track](../tracks/evening.md), week 1, Monday 18:15–19:45" in plan


def test_workbook_your_week_is_plain():
    from iopkit.site.audience import select_audience
    page = render_site(select_audience(CURRICULUM, "client"), "client").pages["your-week/evening.md"]
    assert "| Monday | 6:00 p.m. to 8:45 p.m. |" in page
    assert "## What to bring" in page
    assert "session plan" not in page.lower() and "fidelity" not in page.lower()


def test_twelve_week_calendar_is_valid_icalendar_with_the_right_events(tmp_path):
    # 2027-02-01 is a Monday; no holiday falls in the next 12 weeks; DST starts 2027-03-14.
    result = run_iopkit(REPO, "schedule", "--track", "daytime", "--start", "2027-02-01",
                        "--weeks", "12", "--format", "ics")
    assert result.returncode == 0, result.stderr
    calendar = icalendar.Calendar.from_ical(result.stdout)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 12 * 6  # six sessions a week
    assert len({str(e["uid"]) for e in events}) == len(events)
    starts = sorted(e.decoded("dtstart") for e in events)
    new_york = ZoneInfo("America/New_York")
    assert starts[0] == dt.datetime(2027, 2, 1, 9, 15, tzinfo=new_york)
    assert starts[0].utcoffset() == dt.timedelta(hours=-5)
    after_dst = [s for s in starts if s.date() == dt.date(2027, 3, 15)]
    assert [s.hour for s in after_dst] == [9, 11]
    assert after_dst[0].astimezone(dt.UTC).hour == 13  # EDT
    first = min(events, key=lambda e: e.decoded("dtstart"))
    assert str(first["summary"]) == "Triggers: what sets off the urge to use"
    assert first.decoded("dtend") - first.decoded("dtstart") == dt.timedelta(minutes=90)
    # the same command gives the same UIDs again (stable for calendar imports)
    again = icalendar.Calendar.from_ical(run_iopkit(
        REPO, "schedule", "--track", "daytime", "--start", "2027-02-01", "--weeks", "12",
        "--format", "ics").stdout)
    assert {str(e["uid"]) for e in again.walk("VEVENT")} == {str(e["uid"]) for e in events}


def test_holidays_are_skipped_and_shown(tmp_path):
    result = run_iopkit(REPO, "schedule", "--track", "daytime", "--start", "2026-12-21",
                        "--weeks", "1", "--skip", "2026-12-23", "--format", "csv")
    rows = [line.split(",") for line in result.stdout.strip().splitlines()[1:]]
    holiday_dates = {row[0] for row in rows if row[-1] == "yes"}
    assert holiday_dates == {"2026-12-23", "2026-12-25"}  # --skip and program.yml's Christmas
    ics = icalendar.Calendar.from_ical(run_iopkit(
        REPO, "schedule", "--track", "daytime", "--start", "2026-12-21", "--weeks", "1",
        "--skip", "2026-12-23", "--format", "ics").stdout)
    assert len(list(ics.walk("VEVENT"))) == 2  # Monday only


def test_unknown_track_is_a_clear_error():
    result = run_iopkit(REPO, "schedule", "--track", "nights", "--start", "2027-02-01")
    assert result.returncode == 1
    assert "no track has id 'nights'; tracks: daytime, evening" in result.stderr
