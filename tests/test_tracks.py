"""Tracks: a real IOP dose, every session once per cycle, clear errors, dated calendars."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from zoneinfo import ZoneInfo

import icalendar

from helpers import FIXTURES, run_iopkit
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
        "hours_per_week": 9.75, "cycle_weeks": 1, "client_weeks": 1, "admission": "rolling",
        "phases": [],
        "days": [{"week": 1, "weekday": day, "blocks": [
            {"kind": "check-in", "start": "09:00", "minutes": 15, "session": None, "title": None,
             "group": None, "phases": []},
            {"kind": "session", "start": "09:15", "minutes": 60, "session": "breathing",
             "title": None, "group": None, "phases": []},
            {"kind": "process-group", "start": "10:15", "minutes": 120, "session": None,
             "title": None, "group": None, "phases": []}]}
            for day in ("monday", "wednesday", "friday")]}]


def test_too_few_hours_a_week_is_an_error_with_the_figure(project):
    write_track(project, track_yaml(["monday", "wednesday"], group_minutes=165))  # 8 hours
    result = run_iopkit(project, "validate")
    assert result.returncode == 1
    assert (f"{TRACK_FILE}:6:5: week 1 gives 8 hours of groups (breaks not counted; groups at "
            "the same time count once); the program's range is 9 to 19 hours a week"
            ) in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_session_is_an_error_with_a_suggestion(project):
    text = track_yaml(["monday", "wednesday", "friday"],
                      '{ start: "09:15", minutes: 60, kind: session, session: breathin }')
    write_track(project, text)
    result = run_iopkit(project, "validate")
    assert result.returncode == 1
    assert (f"{TRACK_FILE}:{where(text, 'breathin')}: no session has id 'breathin'; did you "
            "mean 'breathing'?" in result.stderr)


def test_a_session_never_scheduled_is_a_warning_naming_it(project):
    text = track_yaml(["monday", "wednesday", "friday"],
                      '{ start: "09:15", minutes: 60, kind: other, title: "Walk" }')
    write_track(project, text)
    result = run_iopkit(project, "validate")
    assert result.returncode == 0, result.stderr
    assert "warning: 1 session(s) never run in this track's 1-week cycle: breathing" in result.stdout


def test_blocks_that_overlap_in_a_day_are_an_error(project):
    text = track_yaml(["monday", "wednesday", "friday"],
                      '{ start: "09:10", minutes: 60, kind: session, session: breathing }')
    write_track(project, text)
    result = run_iopkit(project, "validate")
    assert result.returncode == 1
    at = where(text, '"09:10"')
    assert (f"{TRACK_FILE}:{at}: week 1, monday: this block starts at 09:10 but 'check-in' runs "
            "09:00–09:15; blocks at the same time must name different groups") in result.stderr


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


# --- the fixture program's tracks: a daytime and an evening track -----------------------

PROGRAM = FIXTURES / "program"
CURRICULUM, _ = load_curriculum(PROGRAM)
NEW_YORK = ZoneInfo("America/New_York")


def schedule(*args: str) -> str:
    result = run_iopkit(PROGRAM, "schedule", *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def events_of(ics: str) -> list:
    return sorted(icalendar.Calendar.from_ical(ics).walk("VEVENT"),
                  key=lambda e: e.decoded("dtstart"))


def test_tracks_give_their_hours_and_every_session_each_cycle():
    every_session = {e.session.id for m in CURRICULUM.modules for e in m.sessions}
    assert len(every_session) == 6
    hours = {entry.id: hours_per_week(entry) for entry in CURRICULUM.tracks}
    # daytime: 3 x (15 + 90 + 90 + 30) minutes; evening: 3 x (15 + 90 + 90); breaks not counted
    assert hours == {"daytime": 11.25, "evening": 9.75}
    for entry in CURRICULUM.tracks:
        scheduled = {b.session for w in entry.weeks for d in w.days for b in d.blocks if b.session}
        assert scheduled == every_session, entry.id


def test_guide_shows_week_grid_and_where_each_session_runs():
    site = render_site(CURRICULUM, "facilitator")
    grid = site.pages["tracks/daytime.md"]
    assert "### Week 1" in grid and "## Focus areas by week" in grid
    assert "**Hours of groups a week:** 11.3" in grid  # shown to one decimal
    assert "| Monday | 09:00–09:15 | Morning check-in |" in grid
    assert "|  | 10:45–11:00 | Break |" in grid
    assert "|  | 12:30–13:00 | Process group |" in grid
    assert ("[Noticing stress](../calm-skills/noticing-stress.md) <small>(Calm skills)</small>"
            in grid)
    assert "| Calm skills | 2 |" in grid  # two sessions of the module in week 1
    evening = site.pages["tracks/evening.md"]
    assert "### Week 2" in evening and "| Module | W1 | W2 |" in evening
    assert "| Calm skills | 1 | 1 |" in evening
    plan = site.pages["calm-skills/noticing-stress.md"]
    assert ("**Where it runs:** [Daytime track](../tracks/daytime.md), week 1, Monday "
            "09:15–10:45") in plan
    assert "[Evening track](../tracks/evening.md), week 1, Monday 17:45–19:15" in plan
    assert ("[Evening track](../tracks/evening.md), week 2, Monday 17:45–19:15"
            in site.pages["calm-skills/slowing-down.md"])


def test_workbook_your_week_is_plain():
    from iopkit.site.audience import select_audience
    pages = render_site(select_audience(CURRICULUM, "client"), "client").pages
    page = pages["your-week/evening.md"]
    assert "| Monday | 5:30 p.m. to 9:00 p.m. |" in page
    assert "| Thursday | 5:30 p.m. to 9:00 p.m. |" in page
    assert "The topics repeat every 2 weeks." in page
    assert "## What to bring" in page and "- Something to eat" in page
    assert "- Tuesday: [Saying no](../people-who-help/saying-no.md)" in page
    assert "session plan" not in page.lower() and "fidelity" not in page.lower()
    assert "| Monday | 9:00 a.m. to 1:00 p.m. |" in pages["your-week/daytime.md"]


def test_twelve_week_calendar_is_valid_icalendar_with_the_right_events(tmp_path):
    # 2027-02-01 is a Monday; no holiday falls in the next 12 weeks; DST starts 2027-03-14.
    args = ("--track", "daytime", "--start", "2027-02-01", "--weeks", "12", "--format", "ics",
            "--sessions-only")
    events = events_of(schedule(*args))
    assert len(events) == 12 * 6  # six sessions a week
    assert len({str(e["uid"]) for e in events}) == len(events)
    starts = [e.decoded("dtstart") for e in events]
    assert starts[0] == dt.datetime(2027, 2, 1, 9, 15, tzinfo=NEW_YORK)
    assert starts[0].utcoffset() == dt.timedelta(hours=-5)
    after_dst = [s for s in starts if s.date() == dt.date(2027, 3, 15)]
    assert [s.hour for s in after_dst] == [9, 11]
    assert after_dst[0].astimezone(dt.UTC).hour == 13  # EDT
    first = events[0]
    assert str(first["summary"]) == "Noticing stress"
    assert first.decoded("dtend") - first.decoded("dtstart") == dt.timedelta(minutes=90)
    # the same command gives the same UIDs again (stable for calendar imports)
    again = events_of(schedule(*args))
    assert {str(e["uid"]) for e in again} == {str(e["uid"]) for e in events}


def test_calendar_across_the_november_change_keeps_local_times_and_skips_the_holiday():
    # DST ends 2027-11-07; Thanksgiving, 2027-11-25, is a Thursday and a holiday in program.yml.
    events = events_of(schedule("--track", "evening", "--start", "2027-11-01", "--weeks", "4",
                                "--format", "ics", "--sessions-only"))
    starts = [e.decoded("dtstart") for e in events]
    assert len(starts) == 4 * 3 - 1
    assert dt.date(2027, 11, 25) not in {s.date() for s in starts}
    assert all((s.hour, s.minute) == (17, 45) for s in starts)  # local time never moves
    before, after = starts[0], next(s for s in starts if s.date() == dt.date(2027, 11, 8))
    assert before.date() == dt.date(2027, 11, 1) and before.utcoffset() == dt.timedelta(hours=-4)
    assert after.utcoffset() == dt.timedelta(hours=-5)
    assert (before.astimezone(dt.UTC).hour, after.astimezone(dt.UTC).hour) == (21, 22)
    # a two-week cycle: week 2's Monday session comes the second Monday
    assert [str(e["summary"]) for e in events[:4]] == [
        "Noticing stress", "Asking for help", "Planning the week", "Slowing down"]
    assert str(events[0]["description"]) == "Evening track, week 1 of the cycle"
    assert str(events[3]["description"]) == "Evening track, week 2 of the cycle"


def test_holidays_are_skipped_and_shown(tmp_path):
    stdout = schedule("--track", "daytime", "--start", "2026-12-21", "--weeks", "1",
                      "--skip", "2026-12-23", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(stdout)))
    holiday_dates = {row["date"] for row in rows if row["holiday"] == "yes"}
    assert holiday_dates == {"2026-12-23", "2026-12-25"}  # --skip and program.yml's Christmas
    ics = icalendar.Calendar.from_ical(schedule(
        "--track", "daytime", "--start", "2026-12-21", "--weeks", "1",
        "--skip", "2026-12-23", "--format", "ics", "--sessions-only"))
    assert len(list(ics.walk("VEVENT"))) == 2  # Monday only


def test_unknown_track_is_a_clear_error():
    result = run_iopkit(PROGRAM, "schedule", "--track", "nights", "--start", "2027-02-01")
    assert result.returncode == 1
    assert "no track has id 'nights'; tracks: daytime, evening" in result.stderr
