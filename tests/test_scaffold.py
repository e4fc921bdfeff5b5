"""`iopkit new`: a starting file of every kind that validates, whose TODOs lint lists at their
lines, and refusals that say in one line what is wrong and what to do."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from helpers import FIXTURES, edit, make_project, run_iopkit
from iopkit.content.track_time import week_hours
from iopkit.content.validate import load_curriculum
from iopkit.editing.schema import schema_line

SESSION = "modules/coping-basics/01-breathing.yml"
WORKSHEETS = "modules/coping-basics/worksheets"
TRACKS = "curriculum/tracks"


def assert_lint_lists_each_todo(project: Path, rel: str) -> None:
    """Every line holding a TODO in a value (not a comment) is reported as a placeholder."""
    lines = (project / rel).read_text().splitlines()
    todo_lines = [n for n, line in enumerate(lines, 1)
                  if "TODO" in line and not line.lstrip().startswith("#")]
    assert todo_lines, f"{rel} has no TODO to fill in"
    linted = run_iopkit(project, "lint")
    assert linted.returncode == 1
    for n in todo_lines:
        assert f"{rel}:{n}:" in linted.stderr and "[placeholder] 'TODO'" in linted.stderr, n


def assert_refused(result, message: str) -> None:
    """Exit 1 with one line on stderr that starts with `message`, and nothing else."""
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(message), result.stderr
    assert result.stdout == ""


# --- modules and sessions ----------------------------------------------------------------

def test_scaffolded_module_and_session_validate_and_lint_lists_their_todos(project):
    result = run_iopkit(project, "new", "module", "sleep-skills", "--focus-area", "life-skills",
                        "--title", "Sleep skills")
    assert result.returncode == 0, result.stderr
    result = run_iopkit(project, "new", "session", "sleep-skills", "Winding down at night",
                        "--minutes", "75")
    assert result.returncode == 0, result.stderr
    assert "modules/sleep-skills/01-winding-down-at-night.yml" in result.stdout
    assert run_iopkit(project, "new", "session", "sleep-skills", "Second one").returncode == 0
    assert (project / "modules/sleep-skills/02-second-one.yml").is_file()

    validated = run_iopkit(project, "validate")
    assert validated.returncode == 0, validated.stderr
    linted = run_iopkit(project, "lint")
    assert linted.returncode == 1
    output = linted.stderr
    assert "modules/sleep-skills/module.yml" in output and "[missing-references]" in output
    assert output.count("modules/sleep-skills/01-winding-down-at-night.yml") >= 10
    assert "[placeholder] 'TODO' is a placeholder" in output


def test_scaffolding_refuses_clearly(project):
    assert_refused(run_iopkit(project, "new", "session", "no-such-module", "Title"),
                   "no module 'no-such-module'")
    assert_refused(run_iopkit(project, "new", "module", "Bad Id", "--focus-area", "family",
                              "--title", "x"), "'Bad Id' is not a valid id")
    assert_refused(run_iopkit(project, "new", "module", "coping-basics", "--focus-area", "family",
                              "--title", "x"), "modules/coping-basics/module.yml already exists")


# --- worksheets --------------------------------------------------------------------------

def test_a_new_worksheet_validates_and_lint_lists_its_todos(project):
    result = run_iopkit(project, "new", "worksheet", "coping-basics", "Calm-down plan")
    assert result.returncode == 0, result.stderr
    rel = f"{WORKSHEETS}/calm-down-plan.yml"
    assert f"wrote {rel}" in result.stdout
    assert "add 'calm-down-plan' under worksheets: in a session of coping-basics" in result.stdout
    path = project / rel
    assert path.read_text().splitlines()[0] == schema_line("worksheet", path, project)
    data = yaml.safe_load(path.read_text())
    assert data["id"] == "calm-down-plan" and data["title"] == "Calm-down plan"
    assert [field["type"] for field in data["fields"]] == ["text", "scale"]

    validated = run_iopkit(project, "validate")
    assert validated.returncode == 0, validated.stderr
    assert f"{rel}:2:5: warning: no session uses this worksheet" in validated.stdout
    assert_lint_lists_each_todo(project, rel)
    # Doing what the command said settles the warning.
    edit(project, SESSION, "worksheets: [breathing-log]", "worksheets: [breathing-log, calm-down-plan]")
    assert "0 errors, 0 warnings" in run_iopkit(project, "validate").stdout


@pytest.mark.parametrize("args, message", [
    (["no-such-module", "Title"], "no module 'no-such-module' (modules/no-such-module/module.yml)"),
    (["coping-basics", "Breathing log"], f"worksheet id 'breathing-log' is already used by "
                                         f"{WORKSHEETS}/breathing-log.yml"),
    (["coping-basics", "?!"], "the title needs at least one letter or digit"),
], ids=["unknown-module", "id-taken", "empty-slug"])
def test_a_worksheet_that_cannot_be_made_is_refused_in_one_line(project, args, message):
    assert_refused(run_iopkit(project, "new", "worksheet", *args), message)
    assert sorted(p.name for p in (project / WORKSHEETS).iterdir()) == ["breathing-log.yml"]


def test_a_worksheet_id_used_in_another_module_is_refused(project):
    made = run_iopkit(project, "new", "module", "sleep-skills", "--focus-area", "life-skills",
                      "--title", "Sleep skills")
    assert made.returncode == 0, made.stderr
    assert_refused(run_iopkit(project, "new", "worksheet", "sleep-skills", "Breathing log"),
                   f"worksheet id 'breathing-log' is already used by {WORKSHEETS}/breathing-log.yml;"
                   " worksheet ids are unique across modules")


# --- tracks ------------------------------------------------------------------------------

def test_a_new_track_validates_runs_every_session_and_lint_lists_its_todos(project):
    result = run_iopkit(project, "new", "track", "evening", "--days", "mon,wed,fri",
                        "--start", "18:00")
    assert result.returncode == 0, result.stderr
    rel = f"{TRACKS}/evening.yml"
    assert f"wrote {rel}" in result.stdout
    path = project / rel
    assert path.read_text().splitlines()[0] == schema_line("track", path, project)

    validated = run_iopkit(project, "validate")
    assert validated.returncode == 0 and "0 errors, 0 warnings" in validated.stdout, validated.stderr
    curriculum, _ = load_curriculum(project)
    track = curriculum.tracks[0]  # as planned from the recurring blocks written
    assert "\nblocks:" in path.read_text() and "\nweeks:" not in path.read_text()
    hours = curriculum.program.hours_per_week
    for week in track.weeks:
        assert [day.day for day in week.days] == ["monday", "wednesday", "friday"]
        assert hours.min <= week_hours(week) <= hours.max
        for day in week.days:
            assert (day.blocks[0].kind, day.blocks[0].start) == ("check-in", "18:00")
            assert day.blocks[-1].kind == "process-group"
            assert any(block.kind == "session" for block in day.blocks)
    fixture_sessions = {s.session.id for m in curriculum.modules for s in m.sessions}
    assert {b.session for w in track.weeks for d in w.days for b in d.blocks if b.session} \
        == fixture_sessions
    assert_lint_lists_each_todo(project, rel)
    assert_refused(run_iopkit(project, "new", "track", "evening", "--days", "tue",
                              "--start", "09:00"), f"{rel} already exists")


def test_a_track_short_of_the_program_hours_is_refused_with_the_figures(project):
    # The fixture's one-hour session, twice a day on two days: 6 hours a week.
    assert_refused(run_iopkit(project, "new", "track", "twice", "--days", "mon,thu",
                              "--start", "09:00"),
                   "--days mon,thu: the plan gives 6 hours of groups a week (2 session(s) a day, "
                   "breaks not counted) but the program requires 9 to 19 (program.yml: "
                   "hours_per_week); add a day")
    assert not (project / TRACKS).exists()


def test_a_track_over_the_program_hours_is_refused_with_the_figures(project):
    edit(project, "curriculum/program.yml", "hours_per_week: { min: 9, max: 19 }",
         "hours_per_week: { min: 9, max: 12 }")
    assert_refused(run_iopkit(project, "new", "track", "daily", "--days",
                              "mon,tue,wed,thu,fri,sat,sun", "--start", "09:00"),
                   "--days mon,tue,wed,thu,fri,sat,sun: the plan gives 14 hours of groups a week "
                   "(1 session(s) a day, breaks not counted) but the program requires 9 to 12")


@pytest.mark.parametrize("args, message", [
    (["Evening", "--days", "mon", "--start", "18:00"], "'Evening' is not a valid id"),
    (["evening", "--days", "mon,wen,fri", "--start", "18:00"],
     "--days: 'wen' is not a day (mon, tue, wed, thu, fri, sat, sun); did you mean 'wed'?"),
    (["evening", "--days", "mon,wed,fri", "--start", "6pm"],
     "--start 6pm: write the time as HH:MM, 24-hour"),
    (["evening", "--days", "mon,wed,fri", "--start", "24:00"], "--start 24:00: write the time"),
    (["evening", "--days", "mon,wed,fri", "--start", "22:30"],
     "--start 22:30: monday's groups would run until 00:40, past midnight; start earlier"),
    (["evening", "--days", "mon,wed,fri", "--start", "18:00", "--weeks", "0"],
     "--weeks 0: a cycle lasts 1 to 52 weeks"),
], ids=["bad-id", "bad-day", "bad-time", "no-such-time", "past-midnight", "no-weeks"])
def test_a_track_that_cannot_be_made_is_refused_in_one_line(project, args, message):
    assert_refused(run_iopkit(project, "new", "track", *args), message)
    assert not (project / TRACKS).exists()


def test_a_track_needs_a_valid_curriculum(project):
    edit(project, SESSION, "minutes: 60", "minutes: 70")  # the agenda no longer adds up
    assert_refused(run_iopkit(project, "new", "track", "evening", "--days", "mon,wed,fri",
                              "--start", "18:00"),
                   "the curriculum has errors, so no track can be laid out from it; "
                   "iopkit validate lists them")


def test_a_new_track_joins_a_programs_tracks_and_runs_every_session(tmp_path):
    root = make_project(tmp_path / "project", FIXTURES / "program")
    result = run_iopkit(root, "new", "track", "mornings", "--days", "mon,wed,fri",
                        "--start", "09:00")
    assert result.returncode == 0, result.stderr
    validated = run_iopkit(root, "validate")
    assert validated.returncode == 0 and "0 errors, 0 warnings" in validated.stdout, validated.stderr

    curriculum, _ = load_curriculum(root)
    assert [t.track.id for t in curriculum.tracks] == ["daytime", "evening", "mornings"]
    track = curriculum.tracks[-1]  # as planned
    module_of = {s.session.id: m.module.id for m in curriculum.modules for s in m.sessions}
    assert len(module_of) == 6
    runs = [b.session for w in track.weeks for d in w.days for b in d.blocks if b.session]
    # Two 90-minute sessions on each of three days: every session once, in one week.
    assert sorted(runs) == sorted(module_of) and len(track.weeks) == 1
    hours = curriculum.program.hours_per_week
    assert all(hours.min <= week_hours(week) <= hours.max for week in track.weeks)
    # Dealt round robin across modules, in the program's order of modules.
    assert [module_of[s] for s in runs] == ["calm-skills", "people-who-help", "week-by-week"] * 2

    # Twice the sessions: a one-week cycle cannot hold them all, and is refused with the figures.
    for module in ("calm-skills", "people-who-help", "week-by-week"):
        for n in (1, 2):
            made = run_iopkit(root, "new", "session", module, f"More {module} {n}")
            assert made.returncode == 0, made.stderr
    assert_refused(run_iopkit(root, "new", "track", "short", "--days", "mon,wed,fri",
                              "--start", "09:00", "--weeks", "1"),
                   "a 1-week cycle of 6 sessions a week runs 6 of the curriculum's 12 sessions; "
                   "give --weeks 2 or more, or leave it out")
    assert not (root / TRACKS / "short.yml").exists()


def test_a_session_whose_id_is_taken_is_refused(project):
    """Session ids are unique across modules; a second 'breathing' would not validate."""
    assert_refused(run_iopkit(project, "new", "session", "coping-basics", "Breathing"),
                   f"session id 'breathing' is already used by {SESSION}; choose another title")
    assert run_iopkit(project, "validate").returncode == 0
