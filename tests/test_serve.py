"""`iopkit serve`: the editing loop a content editor uses. A save shows on the served page,
pages around it stay right, and stopping the command stops the server it started."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from helpers import FIXTURES, edit, make_project

SESSION = "modules/calm-skills/01-noticing-stress.yml"
SESSION_PAGE = "calm-skills/noticing-stress.html"
OTHER_PAGE = "calm-skills/slowing-down.html"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode()
    except (urllib.error.URLError, OSError):
        return None


def _page(url: str) -> str | None:
    """A served page without the live-reload script MkDocs adds (it names the build)."""
    body = _get(url)
    return None if body is None else re.sub(r"<script>[^<]*livereload\([^<]*</script>", "", body)


def _wait_for(check: Callable[[], bool], seconds: float = 90) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False


@contextlib.contextmanager
def _serving(root: Path, env: dict[str, str] | None = None
             ) -> Iterator[tuple[Path, str, subprocess.Popen[str]]]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "iopkit", "serve", "--site", "workbook",
         "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    url = f"http://127.0.0.1:{port}/"
    try:
        assert _wait_for(lambda: _get(url + SESSION_PAGE) is not None), "the preview never served"
        yield root, url, process
    finally:
        if process.poll() is None:
            process.terminate()  # as an editor stops it, so the server goes too
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str, subprocess.Popen[str]]]:
    with _serving(make_project(tmp_path / "project", FIXTURES / "program")) as serving:
        yield serving


def test_a_saved_change_shows_and_the_pages_around_it_stay_right(served):
    root, url, _ = served
    other_before = _page(url + OTHER_PAGE)
    assert other_before is not None and "livereload" not in other_before
    edit(root, SESSION, "Stress often shows up", "Worry and stress often show up")
    assert _wait_for(lambda: "Worry and stress often show up" in (_get(url + SESSION_PAGE) or ""))
    assert _page(url + OTHER_PAGE) == other_before  # untouched, and still served

    # A new title changes the nav, so every page is rebuilt: the other page's menu shows it.
    edit(root, SESSION, 'title: "Noticing stress"', 'title: "Spotting stress early"')
    assert _wait_for(lambda: "Spotting stress early" in (_get(url + OTHER_PAGE) or ""))


def test_content_errors_show_as_path_and_line_while_the_last_good_site_keeps_serving(served):
    root, url, process = served
    edit(root, SESSION, 'title: "Noticing stress"', 'title: ""')
    time.sleep(3)  # the rebuild runs and fails
    assert "Noticing stress" in (_get(url + SESSION_PAGE) or "")
    process.send_signal(signal.SIGTERM)
    output = process.communicate(timeout=60)[0]
    assert f"{SESSION}:3" in output


def test_sigterm_stops_the_server_it_started(served):
    _, url, process = served
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)
    assert _wait_for(lambda: _get(url + SESSION_PAGE) is None, seconds=10), \
        "the MkDocs server kept serving after iopkit serve was stopped"


def test_an_edit_to_program_yml_reaches_every_page_that_shows_it(served):
    # The crisis box on every workbook page comes from program.yml through the theme, not
    # from a page's text: pages whose text did not change are rebuilt all the same.
    root, url, _ = served
    edit(root, "curriculum/program.yml", 'name: "Emergency"', 'name: "Emergency services"')
    for page in (SESSION_PAGE, OTHER_PAGE, "index.html"):
        assert _wait_for(lambda page=page: "Emergency services:" in (_get(url + page) or ""),
                         seconds=60), f"{page} still shows the old crisis box"


def test_a_fix_after_an_error_shows_with_the_edits_made_meanwhile(served):
    root, url, _ = served
    edit(root, SESSION, 'title: "Noticing stress"', 'title: ""')
    time.sleep(3)  # the rebuild runs and fails; the last good page keeps serving
    edit(root, SESSION, "Stress often shows up", "Worry and stress often show up")
    time.sleep(3)
    assert "Worry and stress often show up" not in (_get(url + SESSION_PAGE) or "")
    edit(root, SESSION, 'title: ""', 'title: "Noticing stress again"')
    assert _wait_for(lambda: "Worry and stress often show up" in (_get(url + SESSION_PAGE) or ""))
    assert "Noticing stress again" in (_get(url + OTHER_PAGE) or "")  # the menu, on every page


@pytest.mark.skipif(sys.platform != "linux", reason="the server learns of its parent's end from Linux")
def test_a_killed_preview_does_not_leave_its_server_running(served):
    """SIGKILL cannot be caught: the MkDocs server must end with `iopkit serve` anyway."""
    _, url, process = served
    process.kill()
    process.wait(timeout=60)
    assert _wait_for(lambda: _get(url + SESSION_PAGE) is None, seconds=10), \
        "the MkDocs server kept serving after iopkit serve was killed"


# Every Python process started with this on its path (the preview's MkDocs server too)
# finds the system's change notices used up, as on a Linux machine whose allowance of
# watched folders (fs.inotify.max_user_watches) editors and other tools have taken.
_NO_NOTICES_LEFT = """
import errno
from watchdog import observers

def _refuse(self):
    raise OSError(errno.ENOSPC, "inotify watch limit reached")

observers.Observer.on_thread_start = _refuse  # the native observer; not the polling one
"""


def test_a_preview_without_change_notices_left_says_so_and_still_shows_saves(tmp_path):
    patch = tmp_path / "no-notices"
    patch.mkdir()
    (patch / "sitecustomize.py").write_text(_NO_NOTICES_LEFT, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        filter(None, [str(patch), os.environ.get("PYTHONPATH")]))}
    root = make_project(tmp_path / "project", FIXTURES / "program")
    with _serving(root, env) as (_, url, process):
        edit(root, SESSION, "Stress often shows up", "Worry and stress often show up")
        assert _wait_for(lambda: "Worry and stress often show up" in (_get(url + SESSION_PAGE) or ""),
                         seconds=30), "the save never showed: nothing heard it"
        process.send_signal(signal.SIGTERM)
        output = process.communicate(timeout=60)[0]
    assert "fs.inotify.max_user_watches" in output and "Traceback" not in output
