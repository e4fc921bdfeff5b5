"""Lint warns, at the worksheet's line, when an edit removes or renames a field without
`replaces`: clients' answers to it would then show only as Earlier answers."""

from __future__ import annotations

import json
import subprocess

from helpers import edit, run_iopkit

WORKSHEET = "modules/coping-basics/worksheets/breathing-log.yml"
OLD = '{ id: when, type: text, label: "When did you practise?" }'


def git(project, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org",
                    *args], cwd=project, check=True, capture_output=True)


def removed_fields(project, *args: str) -> list[tuple[str, int, str]]:
    result = run_iopkit(project, "lint", "--format", "json", *args)
    return [(p["path"], p["line"], p["message"].split(";")[0])
            for p in json.loads(result.stdout) if "[field-removed]" in p["message"]]


def test_a_renamed_field_is_flagged_before_and_after_it_is_committed(project):
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "curriculum")
    assert removed_fields(project) == []
    edit(project, WORKSHEET, OLD, OLD.replace("id: when,", "id: when-and-where,"))
    expected = [(WORKSHEET, 4, "[field-removed] field 'when' was removed or renamed since the "
                               "last version")]
    assert removed_fields(project) == expected  # uncommitted: compared with the last commit
    git(project, "commit", "-q", "-am", "rename a field")
    assert removed_fields(project) == expected  # committed: with the commit before
    assert removed_fields(project, "--base", "HEAD") == []


def test_a_field_that_replaces_the_old_id_is_not_flagged(project):
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "curriculum")
    edit(project, WORKSHEET, OLD, OLD.replace("id: when,", "id: when-and-where, replaces: when,"))
    assert removed_fields(project) == []


def test_without_git_history_nothing_is_compared(project):
    edit(project, WORKSHEET, OLD, OLD.replace("id: when,", "id: when-and-where,"))
    assert removed_fields(project) == []
