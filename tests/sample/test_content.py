"""The shipped curriculum meets its quality bars: its content standard (lint rules set in
pyproject.toml), reading grade of client text, person-first language, evidence, a real dose
in each track, and schemas editors can check it with. These run over every module in
modules/ and every track in curriculum/tracks/."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import statistics
import subprocess
import tomllib

import jsonschema
import pytest
from babel.messages.pofile import read_po

from helpers import REPO, make_project, run_iopkit
from iopkit.content.text_fields import text_blocks
from iopkit.content.track_time import hours_per_week
from iopkit.content.validate import check_curriculum
from iopkit.editing.lint import STANDARD_SETTINGS
from iopkit.editing.readability import client_blocks, reading_grade
from iopkit.editing.schema import kind_of, schema_line
from iopkit.editing.wording import stigmatizing_terms
from test_editing import as_json_data, curriculum_yaml

CURRICULUM, PROBLEMS = check_curriculum(REPO)
SESSIONS = [(m, s) for m in (CURRICULUM.modules if CURRICULUM else []) for s in m.sessions]
# The tests below run once per module or session. When the curriculum cannot be read they
# get this one case instead, which fails: a broken curriculum never passes as "no cases".
UNREADABLE = pytest.param(None, id="curriculum-does-not-validate")


def require_curriculum():
    if CURRICULUM is None:
        pytest.fail("the shipped curriculum does not validate:\n"
                    + "\n".join(p.as_text() for p in PROBLEMS))


def each_module():
    return [m.module.id for m in CURRICULUM.modules] if CURRICULUM else [UNREADABLE]


def each_session():
    return [pytest.param(i, id=e.session.id) for i, (_, e) in enumerate(SESSIONS)] or [UNREADABLE]


def test_shipped_curriculum_validates_without_errors_or_warnings():
    assert CURRICULUM is not None, "\n".join(p.as_text() for p in PROBLEMS)
    assert [p.as_text() for p in PROBLEMS] == []


def test_every_focus_area_has_a_module():
    require_curriculum()
    assert {m.module.focus_area for m in CURRICULUM.modules} == {
        area.id for area in CURRICULUM.program.focus_areas}


def test_shipped_curriculum_meets_its_standard_and_lints_without_a_single_problem():
    """The sample's content standard (session length, discussion questions, reading length,
    ...) is lint's [tool.iopkit.lint.standard]: every setting is set, so a clean lint means
    every session and module meets it."""
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text())
    assert set(pyproject["tool"]["iopkit"]["lint"]["standard"]) == set(STANDARD_SETTINGS)
    result = run_iopkit(REPO, "lint", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [], result.stdout  # no error and no warning either



def test_shipped_tracks_give_ten_to_twelve_hours_and_every_session_each_cycle():
    require_curriculum()
    assert len(CURRICULUM.tracks) >= 2
    every_session = {e.session.id for m in CURRICULUM.modules for e in m.sessions}
    for entry in CURRICULUM.tracks:
        assert 10 <= hours_per_week(entry) <= 12, entry.id
        scheduled = {b.session for w in entry.weeks for d in w.days for b in d.blocks if b.session}
        assert scheduled == every_session, entry.id


def test_schemas_accept_every_shipped_file_and_each_starts_with_its_schema_line():
    files = curriculum_yaml(REPO)
    assert len(files) > 80
    for path in files:
        kind = kind_of(path.relative_to(REPO).as_posix())
        assert kind, path
        assert path.read_text().splitlines()[0] == schema_line(kind, path, REPO), path
        schema = json.loads((REPO / "schemas" / f"{kind}.schema.json").read_text())
        jsonschema.validate(as_json_data(path), schema)

@pytest.mark.parametrize("index", each_session())
def test_session_closes_with_check_out_and_leaves_check_in_and_breaks_to_the_tracks(index):
    """Every shipped track opens a day with a check-in block and has its own breaks, so a
    session's agenda holds neither (validation refuses the doubles; this says why none)."""
    require_curriculum()
    agenda = SESSIONS[index][1].session.agenda
    assert agenda[-1].kind == "check-out"
    assert not [s for s in agenda if s.kind in ("check-in", "break")]


def _grades(module):
    worksheets = CURRICULUM.worksheets
    return {entry.session.id: reading_grade(client_blocks(
        entry.session, [worksheets[w].worksheet for w in entry.session.worksheets]))
        for entry in module.sessions}


@pytest.mark.parametrize("module_id", each_module())
def test_client_text_reads_at_grade_six_on_average_and_never_above_eight(module_id):
    require_curriculum()
    module = next(m for m in CURRICULUM.modules if m.module.id == module_id)
    grades = _grades(module)
    assert statistics.mean(grades.values()) <= 6.0, grades
    assert max(grades.values()) <= 8.0, grades


def test_reading_grade_tells_easy_from_hard_text():
    easy = ["You can do this. Call a friend when the urge comes. It will pass."]
    hard = ["Neuroadaptation consequent to chronic administration of psychoactive substances "
            "substantially diminishes endogenous reward responsiveness, thereby perpetuating "
            "compulsive consumption notwithstanding adverse consequences."]
    assert reading_grade(easy) < 4 < 12 < reading_grade(hard)


def test_all_text_uses_person_first_language():
    require_curriculum()
    found = []
    texts = [(m.source, text_blocks(m.module.model_copy(update={"references": []})))
             for m in CURRICULUM.modules]
    # Reference titles are the publications' own words and are not checked.
    texts += [(e.source, text_blocks(e.session)) for _, e in SESSIONS]
    texts += [(w.source, text_blocks(w.worksheet)) for w in CURRICULUM.worksheets.values()]
    texts += [("curriculum/program.yml", text_blocks(CURRICULUM.program))]
    for source, blocks in texts:
        for block in blocks:
            found += [f"{source}: '{i.term}' -> {i.suggestion}" for i in stigmatizing_terms(block)]
    assert found == []


@pytest.mark.parametrize("text,flagged", [
    ("Many addicts relapse.", ["addicts"]),
    ("Her urine test came back dirty.", ["came back dirty"]),
    ("He has a history of substance abuse.", ["substance abuse"]),
    ('Some people say "I\'m an addict" when they introduce themselves.', []),
    ("A person with a substance use disorder had a negative result.", []),
])
def test_person_first_check_flags_stigma_but_not_quotes(text, flagged):
    assert [issue.term for issue in stigmatizing_terms(text)] == flagged


def test_compact_tracks_expand_to_the_schedules_they_gave_when_written_out(tmp_path):
    """The shipped tracks, rewritten with recurring blocks and rotations when the program had
    six modules, give the same dated schedule as the week-by-week files they replaced (both
    kept in tests/sample/data), on the six modules they scheduled."""
    project = make_project(tmp_path / "project", REPO)
    six = ("relapse-prevention", "underlying-causes", "healthy-relationships", "family-role",
           "twelve-step-intro", "life-skills")
    for module in (project / "modules").iterdir():
        if module.name not in six:
            shutil.rmtree(module)
    data = REPO / "tests/sample/data"
    for track in ("daytime", "evening"):
        shutil.copy(data / f"{track}-six-modules.yml", project / f"curriculum/tracks/{track}.yml")
    for track in ("daytime", "evening"):
        result = run_iopkit(project, "schedule", "--track", track, "--start", "2027-01-04",
                            "--weeks", "18", "--format", "csv")
        assert result.returncode == 0, result.stderr
        now = [row[:9] for row in csv.reader(io.StringIO(result.stdout))]
        before = (data / f"{track}-before-compact.csv").read_text()
        assert now == [row[:9] for row in csv.reader(io.StringIO(before))], track


def test_the_translation_catalogs_are_in_step_with_the_english_and_hold_no_staff_text(tmp_path):
    """locale/ holds what `iopkit i18n extract` and `update` make from the curriculum as it
    is now (an editor runs them after changing client text), and no facilitator text."""
    project = make_project(tmp_path / "project", REPO)  # with the committed locale/
    for action in ("extract", "update"):
        result = run_iopkit(project, "i18n", action)
        assert result.returncode == 0, result.stderr
    for name in ("workbook.pot", "es.po"):
        assert (project / "locale" / name).read_bytes() == (REPO / "locale" / name).read_bytes(), \
            f"locale/{name} is out of step: run `iopkit i18n extract && iopkit i18n update`"
    with (REPO / "locale/es.po").open("rb") as file:
        catalog = {message.id for message in read_po(file) if message.id}
    # Staff-only text, less the sentences a client part also says word for word.
    client = set(text_blocks([e.session.client for m in CURRICULUM.modules for e in m.sessions]))
    staff_only = [text for m in CURRICULUM.modules for e in m.sessions
                  for text in text_blocks(e.session.facilitator)
                  if len(text) > 40 and text not in client]
    staff_only += text_blocks(CURRICULUM.program.safety_protocols)
    assert staff_only and not [text for text in staff_only if text in catalog]


def test_gettext_checks_the_shipped_catalogs():
    if shutil.which("msgfmt") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("msgfmt (GNU gettext) is missing")
        pytest.skip("msgfmt (GNU gettext) is not installed")
    for catalog in sorted((REPO / "locale").glob("*.po*")):
        result = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(catalog)],
                                capture_output=True, text=True)
        assert result.returncode == 0, (catalog.name, result.stderr)
