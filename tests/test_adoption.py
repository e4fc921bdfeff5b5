"""Adopting iopkit as another program would: a content-only repository made by `iopkit init`,
with iopkit installed from this checkout into a fresh virtual environment (its libraries
borrowed from the test environment, so nothing is downloaded), validates, lints and builds
both sites with plain MkDocs and with `iopkit build`; so does one that replaces every module
it started with by a module of its own, in a focus area of its own. A build for clients refuses
placeholder text at its line; `iopkit serve` previews it under a draft banner."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from helpers import REPO, edit, run_iopkit

CI_COMMANDS = [["validate", "--format", "github"], ["lint", "--format", "github"], ["build"]]
STARTER = REPO / "hooks/iopkit/editing/starter"  # the package's starting program


def in_venv(venv: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(venv / "bin" / "python"), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=600)


def assert_program_works(venv: Path, program: Path) -> None:
    """What the program's own CI runs, then plain MkDocs on each site config."""
    for command in CI_COMMANDS:
        result = in_venv(venv, program, "-m", "iopkit", *command)
        assert result.returncode == 0, (command, result.stdout + result.stderr)
    for config in ("mkdocs.yml", "workbook.yml"):
        result = in_venv(venv, program, "-m", "mkdocs", "build", "--strict", "-f", config,
                         "-d", str(program / "plain" / config))
        assert result.returncode == 0, result.stdout + result.stderr
    assert (program / "site/workbook/get-help.html").is_file()
    assert "Need help now?" in (program / "plain/workbook.yml/index.html").read_text()


def test_a_new_program_is_content_only_and_builds(fresh_venv, tmp_path):
    program = tmp_path / "clinic"
    result = in_venv(fresh_venv, tmp_path, "-m", "iopkit", "init", str(program))
    assert result.returncode == 0, result.stderr
    assert not (program / "hooks").exists()  # no code: iopkit comes installed
    assert (program / ".github/workflows/check.yml").is_file()
    assert "iopkit" in (program / "requirements.txt").read_text()
    assert_program_works(fresh_venv, program)


def replace_modules_with_one_of_its_own(program: Path) -> None:
    """What a program does with the modules it started from: delete them all, and write one
    of its own, in a focus area of its own, with a track that runs it."""
    for module in (program / "modules").iterdir():
        shutil.rmtree(module)
    shutil.copytree(STARTER / "modules/getting-started", program / "modules/early-recovery")
    edit(program, "modules/early-recovery/module.yml", "id: getting-started", "id: early-recovery")
    edit(program, "modules/early-recovery/module.yml", "focus_area: getting-started",
         "focus_area: early-recovery-skills")
    edit(program, "curriculum/program.yml", "focus_areas:",
         'focus_areas:\n  - { id: early-recovery-skills, label: "Early recovery skills" }')
    for track in (program / "curriculum/tracks").iterdir():
        track.unlink()
    shutil.copy(STARTER / "curriculum/tracks/weekly.yml", program / "curriculum/tracks/weekly.yml")
    # The sample's translations are of the sample's text: a program with text of its own
    # drops them (or translates its own: iopkit i18n).
    text = (program / "curriculum/program.yml").read_text()
    if "\nlanguages:" in text:
        (program / "curriculum/program.yml").write_text(
            re.sub(r"\nlanguages:\n(?:  - .*\n)+", "\n", text))


def test_a_program_with_only_its_own_module_and_focus_area_builds(fresh_venv, tmp_path):
    program = tmp_path / "clinic"
    assert in_venv(fresh_venv, tmp_path, "-m", "iopkit", "init", str(program)).returncode == 0
    assert [p.name for p in (program / "modules").iterdir()] == ["getting-started"]
    replace_modules_with_one_of_its_own(program)
    # the focus areas it started with may stay listed without modules: they are the program's
    assert 'id: getting-started, label: "Getting started"' in (
        program / "curriculum/program.yml").read_text()
    assert_program_works(fresh_venv, program)
    guide_home = (program / "site/facilitator/index.html").read_text()
    assert "Early recovery skills" in guide_home


def test_init_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("mine")
    result = run_iopkit(tmp_path, "init", "full")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"iopkit init: {tmp_path / 'full'} is not empty; name a new or empty folder for the "
        "program"]
    assert [p.name for p in (tmp_path / "full").iterdir()] == ["notes.txt"]


# --- placeholders never reach clients ---------------------------------------------------

SESSION = "modules/coping-basics/01-breathing.yml"


def test_a_todo_in_client_text_stops_the_build_at_its_line(project):
    edit(project, SESSION, "Try it for one minute.", "TODO: say how long to try it.")
    # a block of text is reported where it starts, as every check does
    line = next(n for n, text in enumerate((project / SESSION).read_text().splitlines(), 1)
                if "reading: |" in text)
    result = run_iopkit(project, "build")
    assert result.returncode == 1
    assert (f"{SESSION}:{line}:12: 'TODO' is placeholder text in text clients read; write the "
            "real text") in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site/workbook").exists()  # nothing was built


def test_a_todo_in_facilitator_text_does_not_stop_the_build(project):
    edit(project, SESSION, "FACILITATOR-NOTE stop if anyone feels dizzy.", "TODO: safety note.")
    assert run_iopkit(project, "build").returncode == 0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_previews_a_todo_as_a_draft_with_a_banner(project):
    edit(project, SESSION, "Try it for one minute.", "TODO: say how long to try it.")
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "iopkit", "serve", "--site", "workbook",
                               "--dev-addr", f"127.0.0.1:{port}"], cwd=project,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        page = None
        deadline = time.monotonic() + 120
        while page is None and time.monotonic() < deadline:
            try:
                url = f"http://127.0.0.1:{port}/coping-basics/breathing.html"
                page = urllib.request.urlopen(url, timeout=5).read().decode()
            except OSError:
                time.sleep(0.5)
        assert page is not None, "iopkit serve did not answer"
        assert "Draft preview: not ready for clients" in page
        assert "TODO: say how long to try it." in page
    finally:
        server.terminate()
        server.wait(timeout=30)
