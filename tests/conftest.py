"""Fixtures shared by all tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import LAUNCH_ARGS, PHONE, make_project, require_chromium, start_server, url_of


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A throwaway copy of the project with the small fixture curriculum."""
    return make_project(tmp_path / "project")


# --- browser checks: Debian's Chromium driven by Playwright, on sites served on 127.0.0.1 ----
# Without Chromium a test that uses them skips with a message, except under CI=true, where
# a missing browser is a failure.

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
