"""Editors get every problem at once, as path:line:col with the fix, and never a traceback."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

from helpers import FIXTURES, edit, make_project, run_iopkit
from iopkit.content.validate import load_curriculum
from iopkit.editing.lint import LintConfig, lint

SESSION = "modules/coping-basics/01-breathing.yml"
WORKSHEET = "modules/coping-basics/worksheets/breathing-log.yml"


def line_of(root: Path, rel: str, needle: str) -> int:
    lines = (root / rel).read_text().splitlines()
    return next(i for i, line in enumerate(lines, start=1) if needle in line)


def assert_clean_failure(result) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_valid_fixture_passes(project):
    result = run_iopkit(project, "validate")
    assert result.returncode == 0, result.stderr
    assert "0 errors" in result.stdout



def test_the_fixture_program_validates_and_lints_clean(tmp_path):
    """The richer fixture many tests build on: two tracks, three modules, every field type."""
    root = make_project(tmp_path / "program", FIXTURES / "program")
    result = run_iopkit(root, "validate")
    assert result.returncode == 0 and "0 errors, 0 warnings" in result.stdout, result.stderr
    valid, problems = lint(root, LintConfig(today=dt.date(2027, 1, 1)))
    assert valid and [p.as_text() for p in problems] == []
    curriculum, _ = load_curriculum(root)
    assert [t.track.id for t in curriculum.tracks] == ["daytime", "evening"]
    field_types = {f.type for w in curriculum.worksheets.values() for f in w.worksheet.fields}
    assert field_types == {"text", "scale", "checklist", "table"}

def test_yaml_syntax_error_names_file_and_line(project):
    edit(project, SESSION, 'title: "Slow breathing"', 'title: "Slow breathing')
    result = run_iopkit(project, "validate")
    assert_clean_failure(result)
    match = re.search(rf"^{re.escape(SESSION)}:(\d+):(\d+): YAML syntax error", result.stderr, re.M)
    assert match, result.stderr
    assert int(match.group(1)) >= line_of(project, SESSION, 'title: "Slow breathing')


def test_unknown_key_points_at_key_and_suggests_the_right_one(project):
    edit(project, SESSION, "  talking_points:", "  talkingpoints:")
    result = run_iopkit(project, "validate")
    assert_clean_failure(result)
    line = line_of(project, SESSION, "talkingpoints:")
    assert f"{SESSION}:{line}:3: unknown key 'talkingpoints'; did you mean 'talking_points'?" \
        in result.stderr
    # the now-missing key is reported too: every problem at once
    assert "missing required key 'talking_points'" in result.stderr


def test_wrong_agenda_total_is_reported_on_the_minutes_line(project):
    edit(project, SESSION, "{ title: \"Practice\", minutes: 25", "{ title: \"Practice\", minutes: 20")
    result = run_iopkit(project, "validate")
    assert_clean_failure(result)
    line = line_of(project, SESSION, "minutes: 60")
    assert (f"{SESSION}:{line}:10: minutes: the agenda adds up to 55 minutes but the session is 60"
            in result.stderr)


def test_several_files_report_together(project):
    edit(project, "modules/coping-basics/module.yml", "focus_area: life-skills",
         "focus_area: life-skill")
    edit(project, WORKSHEET, "type: scale", "type: slider")
    result = run_iopkit(project, "validate")
    assert_clean_failure(result)
    assert ("modules/coping-basics/module.yml:3:13: focus_area: 'life-skill' is not one of the "
            "program's focus areas" in result.stderr)
    assert "did you mean 'life-skills'?" in result.stderr
    assert ("fields[2].type: 'slider' is not a field type; use one of: text, scale, checklist, "
            "table") in result.stderr
    assert "2 error(s)" in result.stderr


def test_missing_worksheet_reference_suggests_the_close_id(project):
    edit(project, SESSION, "worksheets: [breathing-log]", "worksheets: [breathing-logs]")
    result = run_iopkit(project, "validate")
    assert_clean_failure(result)
    line = line_of(project, SESSION, "worksheets: [")
    assert (f"{SESSION}:{line}:14: worksheets[1]: no worksheet has id 'breathing-logs'; "
            "did you mean 'breathing-log'?" in result.stderr)


def test_text_that_yaml_reads_as_yes_no_must_be_quoted(project):
    edit(project, WORKSHEET, 'options: ["Counting", "Closing my eyes"]',
         'options: [No, "Closing my eyes"]')
    result = run_iopkit(project, "validate")
    assert_clean_failure(result)
    assert "fields[3].options[1]: should be text; put it in quotes" in result.stderr


def test_session_id_must_match_file_name_and_be_unique(project):
    module = project / "modules/coping-basics"
    (module / "02-breathing-again.yml").write_text((module / "01-breathing.yml").read_text())
    result = run_iopkit(project, "validate")
    assert_clean_failure(result)
    assert "session id 'breathing' is already used in modules/coping-basics/01-breathing.yml" \
        in result.stderr
    assert "differs from the file name's 'breathing-again'" in result.stderr


def test_duplicate_key_is_an_error(project):
    edit(project, SESSION, "minutes: 60\n", "minutes: 60\nminutes: 90\n")
    result = run_iopkit(project, "validate")
    assert_clean_failure(result)
    assert "key 'minutes' appears twice (first on line" in result.stderr


def test_a_build_with_errors_writes_nothing_and_keeps_the_old_site(project):
    assert run_iopkit(project, "build").returncode == 0
    before = (project / "site/workbook/index.html").read_text()
    edit(project, SESSION, "  talking_points:", "  talkingpoints:")
    result = run_iopkit(project, "build")
    assert_clean_failure(result)
    assert "Nothing was built" in result.stderr
    assert (project / "site/workbook/index.html").read_text() == before
    assert not [p for p in (project / "site").iterdir() if p.name.startswith(".")]


def test_plain_mkdocs_build_stops_with_the_same_messages(project):
    """`mkdocs build` (the hook path) reports content errors, not a traceback."""
    edit(project, SESSION, "  talking_points:", "  talkingpoints:")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", "workbook.yml"],
                            cwd=project, capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert f"{SESSION}:{line_of(project, SESSION, 'talkingpoints:')}:3: unknown key" in output
    assert not (project / "site/workbook").exists()


def test_parallel_reading_gives_the_same_result_as_serial(monkeypatch, tmp_path):
    """Large curricula are read on several cores; the result must not depend on it."""
    import iopkit.content.yaml_source
    from iopkit.content.load import read_and_check
    # A large curriculum: the fixture program's modules many times over, and broken files.
    for copy in range(12):
        for module in (FIXTURES / "program" / "modules").iterdir():
            shutil.copytree(module, tmp_path / "modules" / f"{module.name}-{copy}")
    (tmp_path / "modules/calm-skills-0/03-broken.yml").write_text('id: broken\ntitle: "x\n')
    (tmp_path / "modules/calm-skills-1/03-tabbed.yml").write_text("id: tabbed\nagenda:\n\t- x\n")
    files = sorted((tmp_path / "modules").rglob("*.yml"))
    assert len(files) > 150
    monkeypatch.setattr(iopkit.content.yaml_source, "PARALLEL_FROM", 10**9)
    serial = iopkit.content.yaml_source.read_all_yaml(files, tmp_path, read_and_check)
    monkeypatch.setattr(iopkit.content.yaml_source, "PARALLEL_FROM", 1)
    parallel = iopkit.content.yaml_source.read_all_yaml(files, tmp_path, read_and_check)
    assert list(parallel) == list(serial)
    assert sum(bool(problems) for _, problems in serial.values()) == 2  # the broken files
    for file in files:
        (doc_a, problems_a), (doc_b, problems_b) = serial[file], parallel[file]
        if doc_a is None or doc_b is None:
            assert doc_a is doc_b is None, file
        else:
            assert (doc_a.data, doc_a.positions) == (doc_b.data, doc_b.positions), file
        assert problems_a == problems_b, file


def test_focus_areas_and_module_order_are_the_programs_own(project):
    """A program names its own focus areas (and may order modules); nothing is fixed in code."""
    program = "curriculum/program.yml"
    edit(project, program, "  - { id: life-skills, label: \"Life skills and coping\" }",
         "  - { id: life-skills, label: \"Life skills and coping\" }\n"
         "  - { id: early-recovery, label: \"Early recovery skills\" }")
    edit(project, "modules/coping-basics/module.yml", "focus_area: life-skills",
         "focus_area: early-recovery")
    assert run_iopkit(project, "validate").returncode == 0
    curriculum, _ = load_curriculum(project)
    assert [m.module.focus_area for m in curriculum.modules] == ["early-recovery"]
    edit(project, program, "focus_areas:", "module_order: [coping-basic]\nfocus_areas:")
    result = run_iopkit(project, "validate")
    assert_clean_failure(result)
    line = line_of(project, program, "module_order: [coping")
    assert (f"{program}:{line}:16: module_order[1]: no module has id 'coping-basic'; did you "
            "mean 'coping-basics'?") in result.stderr
