"""Editing through pull requests: schemas, CI annotations, lint rules."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from helpers import REPO, edit, run_iopkit
from iopkit.editing.lint import LintConfig, lint
from iopkit.editing.lint_rules import RULES, rules_table
from iopkit.editing.schema import FILE_KINDS, kind_of, schema_line, schema_text

SESSION = "modules/coping-basics/01-breathing.yml"
MODULE = "modules/coping-basics/module.yml"


def shipped_yaml() -> list[Path]:
    return sorted([REPO / "curriculum/program.yml", *(REPO / "curriculum/tracks").glob("*.yml"),
                   *(REPO / "modules").rglob("*.yml")])


def as_json_data(path: Path):
    """YAML as an editor's tool sees it against the schema (dates as ISO text)."""
    return json.loads(json.dumps(yaml.safe_load(path.read_text()), default=str))


# --- schemas ------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", FILE_KINDS)
def test_committed_schema_matches_the_model(kind):
    committed = (REPO / "schemas" / f"{kind}.schema.json").read_text()
    assert committed == schema_text(kind), "run `iopkit schema` and commit schemas/"


def test_schemas_accept_every_shipped_file_and_each_starts_with_its_schema_line():
    files = shipped_yaml()
    assert len(files) > 80
    for path in files:
        kind = kind_of(path.relative_to(REPO).as_posix())
        assert kind, path
        assert path.read_text().splitlines()[0] == schema_line(kind, path, REPO), path
        schema = json.loads((REPO / "schemas" / f"{kind}.schema.json").read_text())
        jsonschema.validate(as_json_data(path), schema)


def test_schema_rejects_a_broken_session():
    schema = json.loads((REPO / "schemas/session.schema.json").read_text())
    data = as_json_data(REPO / "modules/relapse-prevention/01-mapping-relapse-triggers.yml")
    data["facilitator"]["talkingpoints"] = data["facilitator"].pop("talking_points")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
    data = as_json_data(REPO / "modules/relapse-prevention/01-mapping-relapse-triggers.yml")
    data["minutes"] = "ninety"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


# --- validate for CI ----------------------------------------------------------------------

def test_github_format_annotates_the_right_file_and_line(project):
    path = project / SESSION
    path.write_text(path.read_text().replace("  talking_points:", "  talkingpoints:"))
    result = run_iopkit(project, "validate", "--format", "github")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"::error file={SESSION},line=15,col=3::missing required key 'talking_points'%3A add it"
        " under 'facilitator'".replace("%3A", ":"),
        f"::error file={SESSION},line=16,col=3::unknown key 'talkingpoints'; did you mean "
        "'talking_points'?",
    ]
    listed = json.loads(run_iopkit(project, "validate", "--format", "json").stdout)
    assert [(p["path"], p["line"], p["col"], p["severity"]) for p in listed] == [
        (SESSION, 15, 3, "error"), (SESSION, 16, 3, "error")]


def test_github_annotation_escapes_newlines_and_property_separators():
    from iopkit.content.problems import Problem
    problem = Problem("a,b:c.yml", 2, 1, "line one\nline two 100%", "warning")
    assert problem.as_github() == "::warning file=a%2Cb%3Ac.yml,line=2,col=1::line one%0Aline two 100%25"


# --- lint -----------------------------------------------------------------------------------

TODAY = dt.date(2026, 6, 1)


def lint_project(project, **config) -> list[str]:
    valid, problems = lint(project, LintConfig(today=TODAY, **config))
    assert valid
    return [p.as_text() for p in problems]


def test_clean_content_lints_clean(project):
    assert lint_project(project) == []


def test_shipped_content_lints_without_a_single_problem():
    result = run_iopkit(REPO, "lint", "--format", "json")
    assert json.loads(result.stdout) == [], result.stdout  # no error and no warning either


HARD = ("Notwithstanding considerable neurobiological heterogeneity, individuals experiencing "
        "protracted withdrawal frequently demonstrate diminished responsiveness to naturally "
        "occurring reinforcement, necessitating deliberate behavioral activation strategies.")


@pytest.mark.parametrize("rule,rel,old,new,expected", [
    ("person-first", SESSION, "Slow breathing helps it slow down.",
     "Slow breathing helps addicts slow down.",
     f"{SESSION}:39:12: [person-first] 'addicts' is not person-first wording; write 'person "
     "with a substance use disorder' instead"),
    ("placeholder", SESSION, "Breathe slowly for one minute each morning.",
     "TODO: write a practice task.", f"{SESSION}:46:7: [placeholder] 'TODO' is a placeholder"),
    ("reading-grade", SESSION, "Try it for one minute. Breathe in through your nose. Breathe out slowly.",
     HARD + " " + HARD, f"{SESSION}:38:3: [reading-grade] this session's client text reads at grade"),
    ("image-alt", SESSION, "Breathe out slowly.", "Breathe out slowly. ![](lungs.png)",
     f"{SESSION}:39:12: [image-alt] image 'lungs.png' has no alt text"),
    ("dead-link", SESSION, "Breathe out slowly.", "See [the log](../no-such-module/index.md).",
     f"{SESSION}:39:12: [dead-link] link '../no-such-module/index.md' points to no page"),
    ("missing-references", MODULE, """references:
  - authors: "Test, A."
    year: 2020
    title: "A reference for tests"
    published_in: "Test Journal\"""", "references: []",
     f"{MODULE}:8:13: [missing-references] the module lists no references; add at least one"),
    ("review-age", MODULE, "last_reviewed: 2026-01-15", "last_reviewed: 2024-01-15",
     f"{MODULE}:13:16: warning: [review-age] last reviewed 2024-01-15, 29 months ago (limit 12)"),
])
def test_each_rule_fires_with_its_fix(project, rule, rel, old, new, expected):
    edit(project, rel, old, new)
    found = lint_project(project)
    assert any(line.startswith(expected) for line in found), found
    assert all(f"[{rule}]" in line for line in found), found  # and no other rule fired


def test_a_good_link_is_not_dead(project):
    edit(project, SESSION, "Breathe out slowly.", "See [the module](index.md) and [help](../get-help.md).")
    assert lint_project(project) == []


def test_quoted_words_and_reference_titles_pass_person_first(project):
    edit(project, SESSION, "Breathe out slowly.",
         'Some people say "I am an addict" and that is theirs to say.')
    edit(project, MODULE, 'title: "A reference for tests"', 'title: "Substance abuse treatment"')
    assert lint_project(project) == []


def test_an_allow_comment_with_a_reason_silences_one_block(project):
    edit(project, SESSION, "Slow breathing helps it slow down.", "Slow breathing helps addicts slow down.")
    edit(project, SESSION, "  reading: |",
         "  # iopkit-lint: allow person-first -- testing the allow comment\n  reading: |")
    assert lint_project(project) == []
    edit(project, SESSION, "-- testing the allow comment", "")
    assert lint_project(project) == [
        f"{SESSION}:39:1: [allow-reason] an allow comment for person-first gives no reason; "
        "write it as '# iopkit-lint: allow person-first -- why this is fine'"]


def test_severity_comes_from_pyproject(project):
    edit(project, MODULE, "last_reviewed: 2026-01-15", "last_reviewed: 2024-01-15")
    (project / "pyproject.toml").write_text('[tool.iopkit.lint]\nreview-months = 36\n')
    result = run_iopkit(project, "lint")
    assert result.returncode == 0 and "review-age" not in result.stdout + result.stderr
    (project / "pyproject.toml").write_text('[tool.iopkit.lint.severity]\nreview-age = "error"\n')
    result = run_iopkit(project, "lint", "--format", "github")
    assert result.returncode == 1
    assert f"::error file={MODULE},line=13,col=16::[review-age] last reviewed 2024-01-15" in result.stdout
    (project / "pyproject.toml").write_text('[tool.iopkit.lint.severity]\nreview-age = "loud"\n')
    result = run_iopkit(project, "lint")
    assert result.returncode == 1 and "'review-age = loud' is not valid" in result.stderr


def test_configured_severity_of_reading_grade_is_obeyed(project):
    """Text far above the most allowed grade is an error by default; a program that sets
    reading-grade to "warning" gets a warning (exit 0), and "off" silences it."""
    edit(project, SESSION, "Try it for one minute. Breathe in through your nose. Breathe out slowly.",
         HARD + " " + HARD)
    result = run_iopkit(project, "lint", "--format", "json")
    assert result.returncode == 1
    assert {p["severity"] for p in json.loads(result.stdout)} == {"error"}
    (project / "pyproject.toml").write_text('[tool.iopkit.lint.severity]\nreading-grade = "warning"\n')
    result = run_iopkit(project, "lint", "--format", "json")
    found = json.loads(result.stdout)
    assert result.returncode == 0, found
    assert found and {p["severity"] for p in found} == {"warning"}
    assert all("[reading-grade]" in p["message"] for p in found)
    (project / "pyproject.toml").write_text('[tool.iopkit.lint.severity]\nreading-grade = "off"\n')
    result = run_iopkit(project, "lint", "--format", "json")
    assert result.returncode == 0 and json.loads(result.stdout) == []


def test_contributing_lists_every_lint_rule_as_the_rule_table_says():
    """CONTRIBUTING.md's table is made from the rules' data (lint_rules.rules_table)."""
    contributing = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert rules_table() in contributing
    for rule in RULES.values():
        assert f'id="rule-{rule.id}"' in contributing

