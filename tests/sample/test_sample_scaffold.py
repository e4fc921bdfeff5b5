"""`iopkit new track` on the shipped curriculum: it joins the sample's tracks, schedules all
of its sessions and opens every module in the first week."""

from __future__ import annotations

import math

from helpers import REPO, edit, make_project, run_iopkit
from iopkit.content.track_time import week_hours
from iopkit.content.validate import load_curriculum
from test_scaffold import assert_refused


def test_a_new_track_on_the_shipped_curriculum_validates_and_runs_every_session(tmp_path):
    root = make_project(tmp_path / "project", REPO)  # with the shipped tracks, which it joins
    assert sorted(p.name for p in (root / "curriculum/tracks").iterdir()) == [
        "daytime.yml", "evening.yml"]
    result = run_iopkit(root, "new", "track", "mornings", "--days", "mon,wed,fri",
                        "--start", "09:00")
    assert result.returncode == 0, result.stderr
    # A new track's text is not translated yet: the Spanish workbook says so, and stays a
    # draft until it is (validate would otherwise refuse it, naming each string).
    refused = run_iopkit(root, "validate")
    assert refused.returncode == 1 and "no entry for the English at curriculum/tracks/" \
        "mornings.yml" in refused.stderr
    edit(root, "curriculum/program.yml", 'name: "Español" }', 'name: "Español", draft: true }')
    validated = run_iopkit(root, "validate")
    assert validated.returncode == 0 and "0 error(s)" in validated.stdout, validated.stderr

    curriculum, _ = load_curriculum(root)
    track = next(t for t in curriculum.tracks if t.id == "mornings")
    module_of = {s.session.id: m.module.id for m in curriculum.modules for s in m.sessions}
    assert len(module_of) == 49
    runs = [b.session for w in track.weeks for d in w.days for b in d.blocks if b.session]
    # Two sessions on each of three days: every session once, in as few weeks as that takes.
    assert set(runs) == set(module_of) and len(track.weeks) == math.ceil(len(module_of) / 6)
    hours = curriculum.program.hours_per_week
    assert (hours.min, hours.max) == (9, 19)
    assert all(hours.min <= week_hours(week) <= hours.max for week in track.weeks)
    # Dealt round robin across modules: the first week opens the first six modules (focus
    # areas), once each.
    first_week = [module_of[b.session] for d in track.weeks[0].days for b in d.blocks if b.session]
    assert first_week == [m.module.id for m in curriculum.modules][:6]

    assert_refused(run_iopkit(root, "new", "track", "short", "--days", "mon,wed,fri",
                              "--start", "09:00", "--weeks", "3"),
                   "a 3-week cycle of 6 sessions a week runs 18 of the curriculum's 49 sessions; "
                   "give --weeks 9 or more, or leave it out")
