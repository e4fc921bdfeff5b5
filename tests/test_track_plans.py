"""Tracks that describe real programs: the compact form, phases counted from each client's
admission, groups that meet at once, and calendars every reader reads the same.

Most tests use tests/fixtures/matrix, a Matrix Model-style evening program: 16 weeks,
Monday, Wednesday and Friday 18:00-21:00, an early-recovery group in each client's first
four weeks (beside a process group for everyone else), relapse prevention every Monday and
Friday, family education every Wednesday and a social-support group in weeks 13 to 16.
"""

from __future__ import annotations

import collections
import csv
import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys

import icalendar
import pytest
import vobject

from helpers import FIXTURES, REPO, edit, make_project, run_iopkit
from iopkit.content.track_plan import client_week
from iopkit.content.track_time import week_hours
from iopkit.content.validate import load_curriculum
from iopkit.site.audience import select_audience
from iopkit.site.render import render_site

MATRIX = FIXTURES / "matrix"
TRACK = "curriculum/tracks/matrix.yml"
CURRICULUM, _ = load_curriculum(MATRIX)
ENTRY = CURRICULUM.tracks[0]
EARLY = {"stopping-the-cycle", "triggers-and-thought-stopping", "scheduling-your-days",
         "getting-through-the-first-weeks"}


@pytest.fixture
def matrix(tmp_path):
    return make_project(tmp_path / "project", MATRIX)


def kinds(week) -> collections.Counter:
    return collections.Counter(b.kind for d in week.days for b in d.blocks)


def line_of(path, needle: str) -> int:
    text = path.read_text()
    return text[:text.index(needle)].count("\n") + 1


def test_the_matrix_style_track_is_short_and_valid():
    assert len((MATRIX / TRACK).read_text().splitlines()) < 60
    result = run_iopkit(MATRIX, "validate")
    assert result.returncode == 0, result.stderr
    assert "0 errors, 0 warnings" in result.stdout


def test_every_cycle_week_has_every_group_and_each_client_week_nine_hours():
    assert ENTRY.cycle_length == 16 and ENTRY.client_length == 16
    for week in ENTRY.weeks:  # the program runs every group every week (rolling admission)
        assert [d.day for d in week.days] == ["monday", "wednesday", "friday"]
        assert kinds(week) == {"session": 4, "process-group": 3, "other": 4}, week.week
    expected = {range(1, 5): {"session": 4, "process-group": 1, "other": 3},
                range(5, 13): {"session": 2, "process-group": 3, "other": 3},
                range(13, 17): {"session": 2, "process-group": 2, "other": 4}}
    for admitted in (1, 7, 16):
        for weeks, counts in expected.items():
            for own in weeks:
                week = client_week(ENTRY, admitted, own)
                assert kinds(week) == counts, (admitted, own)
                assert week_hours(week) == 9, (admitted, own)


def test_relapse_prevention_rotates_through_every_monday_and_friday():
    titles = [b.session for w in ENTRY.weeks[:2] for d in w.days for b in d.blocks
              if b.start == "19:00"]
    assert titles == ["alcohol-and-recovery", "boredom-and-relapse", "truthfulness",
                      "staying-busy"]


def client_plan(root, *args: str) -> list[dict]:
    result = run_iopkit(root, "schedule", "--track", "matrix", *args, "--format", "csv")
    assert result.returncode == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_a_client_admitted_in_cycle_week_7_gets_early_recovery_in_their_first_four_weeks():
    rows = client_plan(MATRIX, "--admitted", "2027-02-15")  # cycle_start 2027-01-04: week 7
    assert rows[0]["date"] == "2027-02-15" and rows[0]["cycle_week"] == "7"
    early = [r for r in rows if r["session"] in EARLY]
    assert {r["own_week"] for r in early} == {"1", "2", "3", "4"}
    assert len(early) == 8 and {r["session"] for r in early} == EARLY
    assert all(r["group"] == "newcomers" for r in early)
    later = [r for r in rows if int(r["own_week"]) > 4]
    assert not [r for r in later if r["session"] in EARLY]
    assert [r["title"] for r in later if r["weekday"] == "Monday" and r["start"] == "18:00"][0] \
        == "Process group"
    social = {int(r["own_week"]) for r in rows if r["title"] == "Social support group"}
    assert social == {13, 14, 15, 16}
    assert len({r["own_week"] for r in rows}) == 16


def test_a_client_plan_needs_to_know_when_a_cycle_began(matrix):
    edit(matrix, TRACK, "cycle_start: 2027-01-04\n", "")
    result = run_iopkit(matrix, "schedule", "--track", "matrix", "--admitted", "2027-02-15")
    assert result.returncode == 1
    assert "add `cycle_start: YYYY-MM-DD` (a date in week 1)" in result.stderr
    assert "Traceback" not in result.stderr
    # --start names a date in week 1 instead
    rows = client_plan(matrix, "--admitted", "2027-02-15", "--start", "2027-01-04")
    assert rows[0]["cycle_week"] == "7"


def test_groups_at_the_same_time_in_different_rooms_validate_and_in_one_room_are_refused(matrix):
    edit(matrix, TRACK, "phases: [middle, late], group: established",
         "phases: [middle, late], group: newcomers")
    result = run_iopkit(matrix, "validate")
    assert result.returncode == 1
    line = line_of(matrix / TRACK, '{ days: [mon, fri], start: "18:00", minutes: 60, kind: process')
    assert (f"{TRACK}:{line}:") in result.stderr
    assert ("week 1, monday: this block starts at 18:00 but 'early-recovery' runs"
            not in result.stderr)  # names the session, not the module
    assert ("week 1, monday: this block starts at 18:00 but 'stopping-the-cycle' runs "
            "18:00–19:00 in the same group 'newcomers'") in result.stderr


def test_a_short_week_is_refused_naming_the_week(matrix):
    # Week 3 of the cycle: Wednesday is cut to a 30-minute group.
    (matrix / TRACK).write_text((matrix / TRACK).read_text() + (
        "weeks:\n"
        "  - week: 3\n"
        "    days:\n"
        '      - { day: wed, blocks: [{ start: "18:00", minutes: 30, kind: other, title: "Short" }] }\n'))
    result = run_iopkit(matrix, "validate")
    assert result.returncode == 1
    line = line_of(matrix / TRACK, "  - week: 3")
    assert (f"{TRACK}:{line}:5: a client admitted in cycle week 1 gets 6.5 hours of groups in "
            "their week 3 (cycle week 3)") in result.stderr
    assert "the program's range is 9 to 19 hours a week" in result.stderr


def test_a_phase_group_that_skips_weeks_is_refused_naming_the_admission_week(matrix):
    edit(matrix, TRACK, "    phases: [early]\n", '    phases: [early]\n    weeks: "1-4"\n')
    result = run_iopkit(matrix, "validate")
    assert result.returncode == 1
    line = line_of(matrix / TRACK, "  - days: [mon, fri]\n    start")
    assert (f"{TRACK}:{line}:5: a client admitted in cycle week 2 misses this block (session, "
            "for phase early) in their week 4 (cycle week 5)") in result.stderr


def test_rotation_names_are_checked_with_a_suggestion(matrix):
    edit(matrix, TRACK, "rotate: [relapse-prevention]", "rotate: [relapse-prevension]")
    result = run_iopkit(matrix, "validate")
    assert result.returncode == 1
    assert ("no session or module has id 'relapse-prevension'; did you mean "
            "'relapse-prevention'?") in result.stderr


def test_guide_shows_phases_parallel_groups_and_the_cycle_grid():
    page = render_site(CURRICULUM, "facilitator").pages["tracks/matrix.md"]
    assert "| Early recovery | 1–4 |" in page and "| Social support | 13–16 |" in page
    assert ("| Monday | 18:00–19:00 | **newcomers:** [Stopping the cycle]"
            "(../early-recovery/stopping-the-cycle.md)") in page
    assert ("· **established:** Process group <small>(phases: Relapse prevention, Social "
            "support)</small> |") in page
    assert ("| Early recovery | 1–4 | Curriculum sessions (Monday and Friday, 18:00–19:00); "
            "Process group (Wednesday, 19:30–21:00) |") in page
    assert "· **A client attends:** 16 weeks,\nstarting in any week (rolling admission)" in page
    assert "| Week | Monday | Friday |" in page  # the grid: days with curriculum sessions
    assert page.count('\n| 16 | <span class="iop-grid-time">18:00</span> [') == 1


def test_workbook_your_week_comes_from_the_track():
    client = select_audience(CURRICULUM, "client")
    page = render_site(client, "client").pages["your-week/matrix.md"]
    assert "Groups meet 3 times a week." in page
    assert "You can start in any week" in page and "The program lasts 16 weeks." in page
    for day in ("Monday", "Wednesday", "Friday"):
        assert f"| {day} | 6:00 p.m. to 9:00 p.m. |" in page
    assert "- **Weeks 1–4: Early recovery.** Skills for the first weeks." in page
    assert "- **Weeks 13–16: Social support.**" in page
    assert "**Monday and Friday**" in page and "**Wednesday**" in page
    assert "- **7:30 p.m.**: Social support group (in your Social support weeks)" in page


def test_a_cohort_track_says_everyone_starts_together(matrix):
    edit(matrix, TRACK, "admission: rolling", "admission: cohort")
    curriculum, _ = load_curriculum(matrix)
    page = render_site(select_audience(curriculum, "client"), "client").pages["your-week/matrix.md"]
    assert "Everyone in this group starts together, in week 1." in page
    assert "any week" not in page


# --- calendars ---------------------------------------------------------------------------

PROGRAM = FIXTURES / "program"
# Across the March (2027-03-14) and November (2027-11-07) clock changes in New York.
DAYTIME_ICS = ("--track", "daytime", "--start", "2027-02-01", "--weeks", "42", "--format", "ics")


def ics_of(root, *args: str) -> bytes:
    result = subprocess.run([sys.executable, "-m", "iopkit", "schedule", *args], cwd=root,
                            capture_output=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout


def icalendar_starts(ics: bytes) -> dict[str, dt.datetime]:
    return {str(e["uid"]): e.decoded("dtstart").astimezone(dt.UTC)
            for e in icalendar.Calendar.from_ical(ics).walk("VEVENT")}


def test_the_calendar_holds_every_group_marked_by_kind():
    week = ("--track", "daytime", "--start", "2027-02-01", "--weeks", "1", "--format", "ics")
    events = icalendar.Calendar.from_ical(ics_of(PROGRAM, *week)).walk("VEVENT")
    by_kind = collections.Counter(str(e["categories"].cats[0]) for e in events)
    # Three mornings: a check-in, two sessions and a process group each; breaks left out.
    assert by_kind == {"Check-in": 3, "Curriculum session": 6, "Process group": 3}
    uids = {str(e["uid"]) for e in events}
    assert "daytime-2027-02-01-1230-process-group@iopkit" in uids
    assert "daytime-2027-02-01-0915-noticing-stress@iopkit" in uids  # as before: stable
    only = icalendar.Calendar.from_ical(ics_of(PROGRAM, *week, "--sessions-only"))
    assert len(only.walk("VEVENT")) == 6


def test_vobject_reads_every_event_at_the_same_moment_as_icalendar():
    ics = ics_of(PROGRAM, *DAYTIME_ICS)
    expected = icalendar_starts(ics)
    assert len(expected) == 42 * 12  # 12 groups a week; no holiday falls on these weeks' days
    calendar = vobject.readOne(ics.decode())
    read = {ev.uid.value: ev.dtstart.value.astimezone(dt.UTC) for ev in calendar.vevent_list}
    assert read == expected
    # 09:00 in New York is 14:00Z in winter and 13:00Z in summer
    summer = [t for uid, t in expected.items() if "-2027-07-" in uid and uid.endswith(
        "-0900-check-in@iopkit")]
    winter = [t for uid, t in expected.items() if "-2027-02-" in uid and uid.endswith(
        "-0900-check-in@iopkit")]
    assert {t.hour for t in summer} == {13} and {t.hour for t in winter} == {14}
    november = [t for uid, t in expected.items()
                if "-2027-11-1" in uid and uid.endswith("-0900-check-in@iopkit")]
    assert november and {t.hour for t in november} == {14}


READER = REPO / "tests" / "calendar_readers"


def test_ical_js_reads_every_event_at_the_same_moment_as_icalendar(tmp_path):
    if shutil.which("node") is None or not (READER / "node_modules" / "ical.js").is_dir():
        why = "Node.js and ical.js (npm ci in tests/calendar_readers; make test does it)"
        if os.environ.get("CI") == "true":  # CI installs both: missing there is a failure
            pytest.fail(f"missing {why}")
        pytest.skip(why)
    ics = ics_of(PROGRAM, *DAYTIME_ICS)
    (tmp_path / "daytime.ics").write_bytes(ics)
    result = subprocess.run(["node", str(READER / "read-ics.mjs"), str(tmp_path / "daytime.ics")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    read = {event["uid"]: dt.datetime.fromisoformat(event["start"].replace("Z", "+00:00"))
            for event in map(json.loads, result.stdout.splitlines())}
    assert read == icalendar_starts(ics)


def test_your_first_group_shows_the_day_a_new_client_has():
    client = select_audience(CURRICULUM, "client")
    page = render_site(client, "client").pages["first-group.md"]
    outline = page[page.index("## What happens in group"):page.index("Read the [group")]
    # Week 1 of a client's stay: the newcomers' session at 18:00, not the established
    # clients' process group that meets at the same time.
    assert outline.count("**A group session.**") == 1 and "process group" not in outline
    assert "**Recovery planning.**" in outline
    assert "The program lasts 16 weeks.\nYou can start in any week." in page
