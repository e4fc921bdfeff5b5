"""The pull-request workflows (this repository's, and the starter's that `iopkit init` gives
a program) put `iopkit diff`'s report in the job summary and in ONE comment, updated on each
push, and keep the built sites for reviewers. The report step's shell script is run here as
the workflow runs it, and the comment script against a stand-in for GitHub's API."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import REPO, edit

WORKFLOWS = {"this repository": REPO / ".github/workflows/pull-request.yml",
             "a new program": REPO / "hooks/iopkit/editing/starter/github/workflows/check.yml"}
REPORT = "Report what the change does to the sites (iopkit diff)"
COMMENT = "Post the report as the pull request's review comment"
KEEP_SITES = "Keep the built sites for reviewers (Artifacts, below the job summary)"
BUILD = "Build both sites (strict)"


def steps_of(workflow: Path) -> dict[str, dict]:
    data = yaml.safe_load(workflow.read_text())
    return {step["name"]: step for step in data["jobs"]["check"]["steps"] if "name" in step}


@pytest.mark.parametrize("who", WORKFLOWS)
def test_the_workflow_reports_comments_once_and_keeps_the_sites(who):
    workflow = WORKFLOWS[who]
    data = yaml.safe_load(workflow.read_text())
    assert data["permissions"] == {"contents": "read", "pull-requests": "write"}
    steps = steps_of(workflow)
    names = list(steps)
    assert names.index(REPORT) < names.index(COMMENT) < names.index(BUILD) < names.index(KEEP_SITES)
    report = steps[REPORT]
    assert "pull_request" in report["if"]
    assert "--format markdown" in report["run"] and "$GITHUB_STEP_SUMMARY" in report["run"]
    comment = steps[COMMENT]
    # a fork's pull request: no comment, and no failed job for want of one
    assert comment["continue-on-error"] is True
    assert "github.event.pull_request.head.repo.full_name == github.repository" in comment["if"]
    assert comment["uses"].startswith("actions/github-script@")
    assert "<!-- iopkit-diff -->" in comment["with"]["script"]
    keep = steps[KEEP_SITES]
    assert keep["uses"].startswith("actions/upload-artifact@") and keep["with"]["path"] == "site/"


def git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org",
                    *args], cwd=project, check=True, capture_output=True)


def test_the_starters_report_step_writes_the_summary_and_the_comment(project, tmp_path):
    """The step's own script, in a program's checkout of a pull request: `origin/main` is
    the base, `iopkit` is on PATH as requirements.txt installs it."""
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "curriculum")
    git(project, "update-ref", "refs/remotes/origin/main", "HEAD")
    edit(project, "modules/coping-basics/01-breathing.yml", "your body speeds up.",
         "your body gets faster.")
    runner_temp, summary = tmp_path / "runner", tmp_path / "summary.md"
    runner_temp.mkdir()
    script = steps_of(WORKFLOWS["a new program"])[REPORT]["run"]
    env = {**os.environ, "GITHUB_BASE_REF": "main", "GITHUB_STEP_SUMMARY": str(summary),
           "RUNNER_TEMP": str(runner_temp),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(["bash", "-e", "-c", script], cwd=project, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    report = summary.read_text()
    assert "**clients: changed**" in report and "~~speeds up.~~ **gets faster.**" in report
    assert (runner_temp / "comment.md").read_text() == report


COMMENT_API = """
const comments = [{id: 1, user: {type: 'User'}, body: '<!-- iopkit-diff --> quoted by a person'}];
const calls = [];
const github = {
  paginate: async () => comments,
  rest: {issues: {
    listComments: () => {},
    createComment: async (a) => {
      calls.push('create');
      comments.push({id: 9, user: {type: 'Bot'}, body: a.body});
    },
    updateComment: async (a) => {
      calls.push('update ' + a.comment_id);
      comments.find(c => c.id === a.comment_id).body = a.body;
    },
  }},
};
const context = {repo: {owner: 'clinic', repo: 'curriculum'}, issue: {number: 7}};
const push = async () => { SCRIPT };
(async () => {
  for (const report of ['first push', 'second push']) {
    require('fs').writeFileSync(process.env.RUNNER_TEMP + '/comment.md', report);
    await push();
  }
  console.log(JSON.stringify({calls, comments}));
})();
"""


@pytest.mark.parametrize("who", WORKFLOWS)
def test_the_comment_is_written_once_and_updated_on_each_push(who, tmp_path):
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed; the comment script runs in GitHub's Node")
    script = steps_of(WORKFLOWS[who])[COMMENT]["with"]["script"]
    program = tmp_path / "comment.js"
    program.write_text(COMMENT_API.replace("SCRIPT", script))
    result = subprocess.run([node, str(program)], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "RUNNER_TEMP": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen["calls"] == ["create", "update 9"]  # a person's comment is left alone
    bots = [c for c in seen["comments"] if c["user"]["type"] == "Bot"]
    assert [c["body"] for c in bots] == ["<!-- iopkit-diff -->\nsecond push"]
