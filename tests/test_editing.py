"""Editing through pull requests: schemas, CI annotations, lint rules."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path

import jsonschema
import pytest
import yaml

from helpers import FIXTURES, REPO, edit, run_iopkit
from iopkit.editing.lint import STANDARD_SETTINGS, LintConfig, lint, load_config
from iopkit.editing.lint_rules import RULES, rules_table
from iopkit.editing.schema import FILE_KINDS, kind_of, schema_line, schema_text

SESSION = "modules/coping-basics/01-breathing.yml"
MODULE = "modules/coping-basics/module.yml"
PROGRAM = FIXTURES / "program"
PROGRAM_SESSION = PROGRAM / "modules/calm-skills/01-noticing-stress.yml"


def curriculum_yaml(root: Path) -> list[Path]:
    """Every curriculum file of a program: program.yml, its tracks and its modules."""
    return sorted([root / "curriculum/program.yml", *(root / "curriculum/tracks").glob("*.yml"),
                   *(root / "modules").rglob("*.yml")])


def as_json_data(path: Path):
    """YAML as an editor's tool sees it against the schema (dates as ISO text)."""
    return json.loads(json.dumps(yaml.safe_load(path.read_text()), default=str))


# --- schemas ------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", FILE_KINDS)
def test_committed_schema_matches_the_model(kind):
    committed = (REPO / "schemas" / f"{kind}.schema.json").read_text()
    assert committed == schema_text(kind), "run `iopkit schema` and commit schemas/"


def test_schemas_accept_every_file_of_a_program_and_each_starts_with_its_schema_line():
    files = curriculum_yaml(PROGRAM)
    kinds = [kind_of(path.relative_to(PROGRAM).as_posix()) for path in files]
    assert sorted(set(kinds)) == sorted(FILE_KINDS) and len(files) == 17
    for path, kind in zip(files, kinds, strict=True):
        assert path.read_text().splitlines()[0] == schema_line(kind, path, PROGRAM), path
        schema = json.loads((REPO / "schemas" / f"{kind}.schema.json").read_text())
        jsonschema.validate(as_json_data(path), schema)


def test_schema_rejects_a_broken_session():
    schema = json.loads((REPO / "schemas/session.schema.json").read_text())
    data = as_json_data(PROGRAM_SESSION)
    jsonschema.validate(data, schema)  # as written, it is accepted
    data["facilitator"]["talkingpoints"] = data["facilitator"].pop("talking_points")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
    data = as_json_data(PROGRAM_SESSION)
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


HARD = ("Notwithstanding considerable neurobiological heterogeneity, individuals experiencing "
        "protracted withdrawal frequently demonstrate diminished responsiveness to naturally "
        "occurring reinforcement, necessitating deliberate behavioral activation strategies.")


@pytest.mark.parametrize("rule,rel,old,new,expected", [
    ("person-first", SESSION, "Slow breathing helps it slow down.",
     "Slow breathing helps addicts slow down.",
     f"{SESSION}:41:12: [person-first] 'addicts' is not person-first wording; write 'person "
     "with a substance use disorder' instead"),
    ("placeholder", SESSION, "Breathe slowly for one minute each morning.",
     "TODO: write a practice task.", f"{SESSION}:48:7: [placeholder] 'TODO' is a placeholder"),
    ("reading-grade", SESSION, "Try it for one minute. Breathe in through your nose. Breathe out slowly.",
     HARD + " " + HARD, f"{SESSION}:40:3: [reading-grade] this session's client text reads at grade"),
    ("image-alt", SESSION, "Breathe out slowly.", "Breathe out slowly. ![](lungs.png)",
     f"{SESSION}:41:12: [image-alt] image 'lungs.png' has no alt text"),
    ("dead-link", SESSION, "Breathe out slowly.", "See [the log](../no-such-module/index.md).",
     f"{SESSION}:41:12: [dead-link] link '../no-such-module/index.md' points to no page"),
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
        f"{SESSION}:41:1: [allow-reason] an allow comment for person-first gives no reason; "
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


# --- lint: the program's content standard ---------------------------------------------------

# A standard the fixture meets, with bounds close enough that one edit breaks each rule.
FIXTURE_STANDARD = {
    "session-minutes": [60, 90], "session-objectives": [1, 2], "session-worksheets": 1,
    "discussion-questions": [1, 2], "question-probes": [1, 2], "activity-steps": [2, 3],
    "required-notes": ["safety"], "session-adaptations": [1, 2], "fidelity-items": [1, 2],
    "say-lines": [1, 2], "say-line-words": [3, 12], "core-questions": [1, 3],
    "required-adaptations": ["Telehealth"], "reading-words": [20, 100], "key-points": [1, 2],
    "purpose-sentence": True, "module-sessions": 1, "module-references": 1,
}


def standard_toml(settings: dict) -> str:
    """pyproject.toml's standard table (JSON writes these values as TOML does)."""
    return "[tool.iopkit.lint.standard]\n" + "".join(
        f"{key} = {json.dumps(value)}\n" for key, value in settings.items())


def lint_with(project, pyproject: str) -> list[str]:
    """Lint the project as configured by this pyproject.toml."""
    (project / "pyproject.toml").write_text(pyproject)
    config = load_config(project)
    config.today = TODAY
    valid, problems = lint(project, config)
    assert valid
    return [p.as_text() for p in problems]


def test_the_fixture_meets_a_standard_it_was_written_to(project):
    assert set(FIXTURE_STANDARD) == set(STANDARD_SETTINGS)
    assert lint_with(project, standard_toml(FIXTURE_STANDARD)) == []


def more(line: str, *added: str) -> tuple[str, str]:
    """An edit that keeps `line` and writes more lines after it, indented as it is."""
    indent = line[:len(line) - len(line.lstrip())]
    return line, line + "".join(f"\n{indent}{text}" for text in added)


@pytest.mark.parametrize("rule,edits,expected", [
    ("session-minutes", [("minutes: 60\n", "minutes: 45\n"),
                         ('title: "Practice", minutes: 25', 'title: "Practice", minutes: 10')],
     f"{SESSION}:3:1: [session-minutes] the session lasts 45 minutes, the standard asks for 60 "
     "to 90 minutes; change `minutes` and the agenda's minutes to fit"),
    ("session-objectives", [more('  - "Practise slow breathing."', '- "Name a time to use it."',
                                 '- "Teach it to someone."')],
     f"{SESSION}:4:1: [session-objectives] the session has 3 objectives, the standard asks for 1 "
     "to 2 objectives; add objectives, or merge some"),
    ("session-worksheets", [("worksheets: [breathing-log]", "worksheets: []")],
     f"{SESSION}:13:1: [session-worksheets] the session lists 0 worksheets, the standard asks "
     "for at least 1 worksheet; list worksheet ids under `worksheets:`"),
    ("discussion-questions", [("  activity:", '    - { question: "What helps?", probes: ["Why?"] }\n'
                                               '    - { question: "Who helps?", probes: ["How?"] }\n'
                                               "  activity:")],
     f"{SESSION}:21:3: [discussion-questions] the session has 3 discussion questions, the "
     "standard asks for 1 to 2 discussion questions; add discussion questions, or drop some"),
    ("question-probes", [('probes: ["FACILITATOR-PROBE where do you feel it?"]',
                          'probes: ["Where?", "When?", "How strong?"]')],
     f"{SESSION}:23:7: [question-probes] this question has 3 probes, the standard asks for 1 "
     "to 2 probes; add follow-up questions under `probes`, or drop some"),
    ("activity-steps", [more('      - "FACILITATOR-STEP-TWO breathe out for four counts."',
                             '- "Hold for four counts."', '- "Repeat four times."')],
     f"{SESSION}:27:5: [activity-steps] the activity has 4 steps, the standard asks for 2 to 3 "
     "steps; split the activity"),
    ("required-notes", [("- kind: safety", "- kind: group")],
     f"{SESSION}:30:3: [required-notes] the notes have no safety note, the standard asks for "
     "one of each of: safety; add a note of each missing kind under `notes`"),
    ("session-adaptations", [("  fidelity_checklist:",
                              '    - { title: "Low vision", text: "Read the steps aloud." }\n'
                              '    - { title: "Spanish", text: "Lead it in Spanish." }\n'
                              "  fidelity_checklist:")],
     f"{SESSION}:33:3: [session-adaptations] the session has 3 adaptations, the standard asks "
     "for 1 to 2 adaptations; add an adaptation"),
    ("fidelity-items", [more('    - "FACILITATOR-FIDELITY practised together for at least five '
                             'minutes."', '- "Checked in with everyone."', '- "Named a time."')],
     f"{SESSION}:36:3: [fidelity-items] the fidelity checklist has 3 items, the standard asks "
     "for 1 to 2 items; add items"),
    ("say-line-words", [('"FACILITATOR-TALKING breathing out slowly slows the heart."',
                         '"Breathe out."')],
     f"{SESSION}:19:11: [say-line-words] this line has 2 words, the standard asks for 3 to 12 "
     "words; say it in fewer words a facilitator can glance at"),
    ("say-lines", [more('        - "FACILITATOR-TALKING breathing out slowly slows the heart."',
                        '- "Your heart slows when you breathe out."',
                        '- "Try it now, with me."')],
     f"{SESSION}:18:7: [say-lines] this talking point has 3 say lines, the standard asks for 1 "
     'to 2 say lines; give the few things to get across in spoken words'),
    ("core-questions", [('      probes: ["FACILITATOR-PROBE where do you feel it?"]',
                         '      probes: ["FACILITATOR-PROBE where do you feel it?"]\n'
                         '      priority: optional')],
     f"{SESSION}:21:3: [core-questions] the discussion has 0 core questions, the standard asks "
     "for 1 to 3 core questions; mark the questions every group must reach"),
    ("required-adaptations", [('    - title: "Telehealth"', '    - title: "Online groups"')],
     f"{SESSION}:33:3: [required-adaptations] the adaptations have no \"Telehealth\"; add an "
     "adaptation with that title"),
    ("reading-words", [("Try it for one minute. Breathe in through your nose. Breathe out slowly.",
                        "Try it.")],
     f"{SESSION}:41:3: [reading-words] the reading has 16 words, the standard asks for 20 to "
     "100 words; add to the reading or cut it down"),
    ("key-points", [more('    - "Slow breathing calms your body."', '- "You can do it anywhere."',
                         '- "A minute is enough."')],
     f"{SESSION}:45:3: [key-points] the session has 3 key points, the standard asks for 1 to 2 "
     "key points; add key points, or merge some"),
    ("purpose-sentence", [("that calms you down.", "that calms you. It helps.")],
     f"{SESSION}:40:3: [purpose-sentence] the purpose has 2 sentences, the standard asks for "
     "one plain sentence ending in a full stop; say in one sentence what the session is for"),
    ("purpose-sentence", [("that calms you down.", "that calms you down")],
     f"{SESSION}:40:3: [purpose-sentence] the purpose does not end in a full stop"),
])
def test_each_standard_rule_fires_at_its_line_with_the_numbers(project, rule, edits, expected):
    for old, new in edits:
        edit(project, SESSION, old, new)
    found = lint_with(project, standard_toml(FIXTURE_STANDARD))
    assert len(found) == 1 and f"[{rule}]" in found[0] and found[0].startswith(expected), found


def test_module_standard_rules_fire_at_the_module_file(project):
    (project / SESSION).unlink()
    edit(project, MODULE, """references:
  - authors: "Test, A."
    year: 2020
    title: "A reference for tests"
    published_in: "Test Journal\"""", "references: []")
    assert lint_with(project, standard_toml(FIXTURE_STANDARD)) == [
        f"{MODULE}:1:1: [module-sessions] the module has 0 sessions, the standard asks for at "
        "least 1 session; add sessions (`iopkit new session`), or move some to another module",
        f"{MODULE}:8:1: [module-references] the module lists 0 references, the standard asks for "
        "at least 1 reference; add references to the evidence behind this module (authors, year, "
        "title, published_in)",
        f"{MODULE}:8:13: [missing-references] the module lists no references; add at least one "
        "reference to the evidence behind this module (authors, year, title, published_in)",
    ]


def test_a_threshold_in_configuration_changes_the_verdict(project):
    """The fixture's session has one discussion question: enough for one program, too few
    for another."""
    assert lint_with(project, standard_toml({"discussion-questions": [1, 6]})) == []
    assert lint_with(project, standard_toml({"discussion-questions": [4, 6]})) == [
        f"{SESSION}:21:3: [discussion-questions] the session has 1 discussion question, the "
        "standard asks for 4 to 6 discussion questions; add discussion questions, or drop some"]


def test_a_standard_rule_is_an_error_unless_configured_a_warning(project):
    (project / "pyproject.toml").write_text(standard_toml({"reading-words": [250, 500]}))
    result = run_iopkit(project, "lint", "--format", "github")
    assert result.returncode == 1
    assert result.stdout.startswith(f"::error file={SESSION},line=41,col=3::[reading-words] "
                                    "the reading has 27 words, the standard asks for 250 to 500")
    (project / "pyproject.toml").write_text(standard_toml({"reading-words": [250, 500]})
                                            + '[tool.iopkit.lint.severity]\nreading-words = "warning"\n')
    result = run_iopkit(project, "lint", "--format", "github")
    assert result.returncode == 0 and result.stdout.startswith(f"::warning file={SESSION},line=41")


def test_only_the_checks_the_standard_sets_run(project):
    """The fixture falls short of the sample's standard in most ways; each check stays
    quiet when its setting is left out, while the others still report."""
    sample = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["iopkit"]["lint"]["standard"]
    # What the fixture meets of the sample's standard; it falls short of the rest.
    met = {"session-minutes", "session-worksheets", "question-probes", "say-line-words",
           "purpose-sentence"}

    def rules_reported(settings: dict) -> set[str]:
        found = "\n".join(lint_with(project, standard_toml(settings)))
        return {rule for rule in STANDARD_SETTINGS if f"[{rule}]" in found}

    assert rules_reported(sample) == set(sample) - met
    for left_out in set(sample) - met:
        rest = {key: value for key, value in sample.items() if key != left_out}
        assert rules_reported(rest) == set(sample) - met - {left_out}
    assert lint_with(project, "") == []  # no standard, no findings


def test_an_allow_comment_silences_a_standard_rule_for_one_block(project):
    edit(project, SESSION, "objectives:\n", "# iopkit-lint: allow session-objectives -- a one-skill "
         "practice group\nobjectives:\n")
    assert lint_with(project, standard_toml({"session-objectives": [2, 4]})) == []


@pytest.mark.parametrize("pyproject,error", [
    (standard_toml({"discussion-question": [4, 6]}),
     "pyproject.toml [tool.iopkit.lint.standard]: unknown setting 'discussion-question'; did you "
     "mean 'discussion-questions'? (settings: session-minutes, session-objectives, "),
    (standard_toml({"reading-words": "250"}),
     "pyproject.toml [tool.iopkit.lint.standard]: 'reading-words = \"250\"' is not valid; write a "
     "number N (at least N) or [least, most], e.g. [4, 6]"),
    (standard_toml({"key-points": [5, 3]}), "'key-points = [5, 3]' is not valid; write a number N"),
    (standard_toml({"activity-steps": True}), "'activity-steps = true' is not valid; write a number N"),
    (standard_toml({"required-notes": ["safety", "trauma"]}),
     "'required-notes = [\"safety\", \"trauma\"]' is not valid; write a list of note kinds from: "
     "safety, trauma-informed, disclosure, group, clinical"),
    (standard_toml({"purpose-sentence": "yes"}), "'purpose-sentence = \"yes\"' is not valid; write "
     "true or false"),
    ("[tool.iopkit.lint]\nstandard = 6\n",
     "pyproject.toml [tool.iopkit.lint.standard] must be a table of settings: session-minutes, "),
])
def test_a_bad_standard_setting_is_a_one_line_error(project, pyproject, error):
    (project / "pyproject.toml").write_text(pyproject)
    result = run_iopkit(project, "lint")
    assert result.returncode == 1 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and error in result.stderr, result.stderr


def test_contributing_lists_every_lint_rule_as_the_rule_table_says():
    """CONTRIBUTING.md's table is made from the rules' data (lint_rules.rules_table)."""
    contributing = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert rules_table() in contributing
    for rule in RULES.values():
        assert f'id="rule-{rule.id}"' in contributing

