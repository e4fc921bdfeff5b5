"""The shipped curriculum meets its quality bars: session shape, reading grade of client
text, person-first language, evidence. These run over every module in modules/."""

from __future__ import annotations

import statistics

import pytest

from helpers import REPO
from iopkit.content.model import Session
from iopkit.content.text_fields import text_blocks
from iopkit.content.validate import check_curriculum
from iopkit.editing.readability import client_blocks, plain_text, reading_grade
from iopkit.editing.wording import stigmatizing_terms

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


@pytest.mark.parametrize("module_id", each_module())
def test_module_has_six_sessions_and_three_references(module_id):
    require_curriculum()
    module = next(m for m in CURRICULUM.modules if m.module.id == module_id)
    assert len(module.sessions) >= 6
    assert len(module.module.references) >= 3


@pytest.mark.parametrize("index", each_session())
def test_session_has_the_parts_a_group_needs(index):
    require_curriculum()
    module, entry = SESSIONS[index]
    session = entry.session
    assert isinstance(session, Session)
    assert 60 <= session.minutes <= 90
    assert session.agenda[0].kind == "check-in" and session.agenda[-1].kind == "check-out"
    assert 2 <= len(session.objectives) <= 4
    fac = session.facilitator
    assert 4 <= len(fac.discussion) <= 6
    assert all(len(q.probes) >= 1 for q in fac.discussion)
    assert len(fac.activity.steps) >= 3
    assert {"safety", "trauma-informed", "disclosure"} <= {note.kind for note in fac.notes}
    assert len(fac.adaptations) >= 1 and len(fac.fidelity_checklist) >= 3
    assert all(len(plain_text(p.text).split()) >= 40 for p in fac.talking_points), \
        "talking points need substance: say what and why"
    reading_words = len(plain_text(session.client.reading).split())
    assert 250 <= reading_words <= 500, f"reading has {reading_words} words"
    assert 3 <= len(session.client.key_points) <= 5
    assert session.worksheets, "each session has at least one worksheet"
    purpose = plain_text(session.client.purpose)
    assert purpose.count(". ") == 0 and purpose.endswith("."), "purpose is one plain sentence"


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
