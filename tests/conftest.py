"""Fixtures shared by all tests."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from helpers import (
    FIXTURES,
    LAUNCH_ARGS,
    PHONE,
    REPO,
    make_project,
    require_chromium,
    start_server,
    url_of,
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A throwaway copy of the project with the small fixture curriculum."""
    return make_project(tmp_path / "project")


# --- browser checks: Debian's Chromium driven by Playwright, on sites served on 127.0.0.1 ----
# Without Chromium a test that uses them skips with a message, except under CI=true, where
# a missing browser is a failure.

@pytest.fixture
def project_program(tmp_path: Path) -> Path:
    """A throwaway copy of the project with the fixture program (modules and two tracks)."""
    return make_project(tmp_path / "project", FIXTURES / "program")


@pytest.fixture(scope="session")
def browser():
    executable = require_chromium()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def serve():
    """serve(folder[, not_found=page]) -> base URL of that folder on 127.0.0.1 (a free port)."""
    servers = []

    def start(folder: Path, not_found: str | None = None) -> str:
        servers.append(start_server(folder, not_found))
        return url_of(servers[-1])

    yield start
    for server in servers:
        server.shutdown()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    yield page
    context.close()


# --- a program's own environment ------------------------------------------------------

@pytest.fixture(scope="session")
def fresh_venv(tmp_path_factory) -> Path:
    """A new venv with iopkit installed (not editable) from this checkout, as a program
    installs it (tests/test_adoption.py and tests/sample/ adopt it)."""
    venv = tmp_path_factory.mktemp("venv") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site_packages = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True).stdout.strip()
    # The test environment's libraries (MkDocs, Material, pydantic...), but not its iopkit:
    # a path added by a .pth file does not run the .pth files (the editable install) in it.
    Path(site_packages, "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    build = REPO / "build"
    had_build = build.exists()
    result = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                             "--no-build-isolation", "--target", site_packages, str(REPO)],
                            capture_output=True, text=True, timeout=600)
    if not had_build:
        shutil.rmtree(build, ignore_errors=True)  # setuptools' scratch, in the checkout
    assert result.returncode == 0, result.stdout + result.stderr
    installed = Path(site_packages, "iopkit")
    assert (installed / "sample" / "curriculum" / "program.yml").is_file()
    assert (installed / "theme" / "main.html").is_file()
    return venv
